"""Django app for what every spoc_xblocks block shares (the activity log)."""
from django.apps import AppConfig

PLUGIN_APP = {"settings_config": {"lms.djangoapp": {}, "cms.djangoapp": {}}}


class SpocCommonConfig(AppConfig):
    name = "spoc_xblocks.common"
    label = "spoc_common"
    verbose_name = "SPOC XBlocks: common"
    default_auto_field = "django.db.models.BigAutoField"
    plugin_app = PLUGIN_APP
