"""Django app of the peer workshop: submissions, reviews, grades."""

from django.apps import AppConfig

from spoc_xblocks.common.apps import PLUGIN_APP


class PeerWorkshopConfig(AppConfig):
    name = "spoc_xblocks.peer_workshop"
    label = "spoc_peer_workshop"
    verbose_name = "SPOC XBlocks: peer workshop"
    default_auto_field = "django.db.models.BigAutoField"
    plugin_app = PLUGIN_APP
