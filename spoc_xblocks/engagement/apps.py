"""Django app of the engagement widgets: pulse answers, skills checks."""

from django.apps import AppConfig

from spoc_xblocks.common.apps import PLUGIN_APP


class EngagementConfig(AppConfig):
    name = "spoc_xblocks.engagement"
    label = "spoc_engagement"
    verbose_name = "SPOC XBlocks: engagement widgets"
    default_auto_field = "django.db.models.BigAutoField"
    plugin_app = PLUGIN_APP
