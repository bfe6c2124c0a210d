"""Django app of the cohort coach: check-ins, flags, nudges."""

from django.apps import AppConfig

from spoc_xblocks.common.apps import PLUGIN_APP


class CohortCoachConfig(AppConfig):
    name = "spoc_xblocks.cohort_coach"
    label = "spoc_cohort_coach"
    verbose_name = "SPOC XBlocks: cohort coach"
    default_auto_field = "django.db.models.BigAutoField"
    plugin_app = PLUGIN_APP
