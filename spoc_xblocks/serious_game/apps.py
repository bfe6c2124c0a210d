"""Django app of the serious-game block: scenario versions, runs and steps."""

from django.apps import AppConfig

from spoc_xblocks.common.apps import PLUGIN_APP


class SeriousGameConfig(AppConfig):
    name = "spoc_xblocks.serious_game"
    label = "spoc_serious_game"
    verbose_name = "SPOC XBlocks: serious game"
    default_auto_field = "django.db.models.BigAutoField"
    plugin_app = PLUGIN_APP
