"""Django app holding the development site's management commands (not installed in the LMS)."""

from django.apps import AppConfig


class SpocDevConfig(AppConfig):
    name = "spoc_xblocks.dev"
    label = "spoc_dev"
    verbose_name = "SPOC XBlocks: development site"
