"""Django app for what every spoc_xblocks block shares (the activity log, the check of the
operator's settings)."""

from django.apps import AppConfig
from django.core import checks

PLUGIN_APP = {"settings_config": {"lms.djangoapp": {}, "cms.djangoapp": {}}}


class SpocCommonConfig(AppConfig):
    name = "spoc_xblocks.common"
    label = "spoc_common"
    verbose_name = "SPOC XBlocks: common"
    default_auto_field = "django.db.models.BigAutoField"
    plugin_app = PLUGIN_APP

    def ready(self):
        from .checks import check_operator_settings

        checks.register(check_operator_settings)
