"""The platform stand-in's Django app (tests only): the platform tables our stand-in services
read."""

from django.apps import AppConfig


class PlatformStandInConfig(AppConfig):
    name = "tests.platform"
    label = "platform_standin"
    verbose_name = "Open edX platform stand-in (tests)"
    default_auto_field = "django.db.models.BigAutoField"
