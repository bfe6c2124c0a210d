"""Who to email, as a worker finds them: no request, so no user service, but the platform's own
tables: the user behind each learner's anonymous id (recorded in CourseMember when the roster was
read), their address, and the language they chose (the LMS's `pref-lang` preference)."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.module_loading import import_string

from .models import CourseMember, EmailOptOut

LANGUAGE_PREFERENCE = "pref-lang"
# The LMS keeps users' preferences in its user_api app.
PREFERENCE_MODELS = ("user_api.UserPreference",)


@dataclass(frozen=True)
class Recipient:
    address: str
    language: str


def opted_out(course_key: str, learner_ids) -> set[str]:
    return set(
        EmailOptOut.objects.filter(
            course_key=course_key, learner_id__in=list(learner_ids)
        ).values_list("learner_id", flat=True)
    )


def set_opt_out(course_key: str, learner_id: str, out: bool) -> None:
    if out:
        EmailOptOut.objects.get_or_create(course_key=course_key, learner_id=learner_id)
    else:
        EmailOptOut.objects.filter(course_key=course_key, learner_id=learner_id).delete()


def find_recipients(course_key: str, learner_ids) -> dict[str, Recipient]:
    """The learners whose address is known, with their language, in three queries; a site that
    keeps its users elsewhere (the workbench) names its own lookup in SPOC_RECIPIENT_LOOKUP for the
    rest."""
    learner_ids = list(learner_ids)
    found = _platform_recipients(course_key, learner_ids)
    lookup = getattr(settings, "SPOC_RECIPIENT_LOOKUP", "")
    missing = [learner for learner in learner_ids if learner not in found]
    if lookup and missing:
        found.update(import_string(lookup)(course_key, missing))
    return found


def _platform_recipients(course_key: str, learner_ids: list[str]) -> dict[str, Recipient]:
    user_keys = dict(
        CourseMember.objects.filter(course_key=course_key, anonymous_id__in=learner_ids)
        .exclude(user_key="")
        .values_list("anonymous_id", "user_key")
    )
    ids = [int(key) for key in user_keys.values() if key.isdigit()]
    if not ids:
        return {}
    addresses = dict(
        get_user_model()
        .objects.filter(pk__in=ids, is_active=True)
        .exclude(email="")
        .values_list("pk", "email")
    )
    languages = _languages(ids)
    return {
        learner: Recipient(addresses[int(key)], languages.get(int(key), settings.LANGUAGE_CODE))
        for learner, key in user_keys.items()
        if key.isdigit() and int(key) in addresses
    }


def _languages(user_ids: list[int]) -> dict[int, str]:
    for name in getattr(settings, "SPOC_USER_PREFERENCE_MODELS", PREFERENCE_MODELS):
        try:
            model = apps.get_model(name)
        except (LookupError, ValueError):
            continue
        return dict(
            model.objects.filter(user_id__in=user_ids, key=LANGUAGE_PREFERENCE).values_list(
                "user_id", "value"
            )
        )
    return {}
