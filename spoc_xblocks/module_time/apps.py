"""Django app of the time per module: engaged time per learner and module, from the LMS's
tracking events."""

from django.apps import AppConfig

from spoc_xblocks.common.apps import PLUGIN_APP


class ModuleTimeConfig(AppConfig):
    name = "spoc_xblocks.module_time"
    label = "spoc_module_time"
    verbose_name = "SPOC XBlocks: time per module"
    default_auto_field = "django.db.models.BigAutoField"
    plugin_app = PLUGIN_APP
