"""Settings of the development workbench: xblock-sdk's, plus our apps, LMS-like services and
French."""

import importlib.util
import os
import warnings

from workbench.settings import *  # noqa: F403 - we extend the workbench's settings
from workbench.settings import INSTALLED_APPS, MIDDLEWARE, WORKBENCH

# fs (under the workbench's django-pyfs) declares its namespace through pkg_resources, which
# setuptools warns about on every start of every command; nothing of ours uses pkg_resources.
warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning, "fs")

VAR_DIR = os.environ.get("SPOC_VAR_DIR", os.path.join(os.getcwd(), "var"))
os.makedirs(VAR_DIR, exist_ok=True)

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.path.join(VAR_DIR, "workbench.db"),
        # IMMEDIATE: a write transaction takes the lock when it begins, so overlapping requests wait
        # for each other instead of failing with "database is locked".
        "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
    }
}
if os.environ.get("SPOC_DATABASE") == "mariadb":
    # The tests' private MariaDB server (python -m spoc_xblocks.dev.mariadb start), as production
    # runs MySQL.
    from spoc_xblocks.dev.mariadb import database_settings

    DATABASES = {"default": database_settings(os.environ.get("SPOC_DATABASE_NAME", "spoc"))}
    # Workers keep their connection, and check it before reuse, so a restarted server costs one
    # failed request.
    DATABASES["default"].update(CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True)
    MIGRATION_MODULES = {"submissions": "spoc_xblocks.dev.submissions_migrations"}

INSTALLED_APPS = [
    *INSTALLED_APPS,
    "submissions",
    "spoc_xblocks.common",
    "spoc_xblocks.serious_game",
    "spoc_xblocks.peer_workshop",
    "spoc_xblocks.cohort_coach",
    "spoc_xblocks.engagement",
    "spoc_xblocks.module_time",
    "spoc_xblocks.course_progress",
    "spoc_xblocks.dev",
]
# The LMS's completion app (edx-completion, in the test requirements): its BlockCompletion table
# holds the demo's completions of the whole course (spoc_xblocks/dev/seed/course_progress.py).
if importlib.util.find_spec("completion"):
    INSTALLED_APPS.append("completion")
MIDDLEWARE = [
    *MIDDLEWARE[:2],
    "django.middleware.locale.LocaleMiddleware",
    *MIDDLEWARE[2:],
    "spoc_xblocks.dev.middleware.DatabaseOutageMiddleware",
    "spoc_xblocks.dev.request_guard.WorkbenchRequestGuard",
]
LANGUAGES = [("en", "English"), ("fr", "Français")]
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"

# Only our blocks (and the workbench's containers) in the index: the SDK's samples are noise here.
EXCLUDED_XBLOCKS = {
    "allscopes_demo",
    "attempts_scoreboard_demo",
    "equality_demo",
    "filethumbs",
    "helloworld_demo",
    "html_demo",
    "problem_demo",
    "sidebar_demo",
    "slider_demo",
    "textinput_demo",
    "thumbs",
    "view_counter_demo",
}

WORKBENCH = {
    **WORKBENCH,
    "services": {
        **WORKBENCH["services"],
        "user": "spoc_xblocks.dev.services.DevUserService",
        "i18n": "spoc_xblocks.common.i18n.PackageI18nService",
        "enrollments": "spoc_xblocks.dev.services.DevEnrollmentsService",
    },
}

SPOC_WORKBENCH_COURSE_KEY = "course-v1:SPOC+Onboarding+2026"
# The `?student=` ids that are course staff; everyone else is a learner. The trainer is enrolled
# too, as course teams often are: the platform's enrollments then list them beside the learners.
SPOC_DEV_STAFF_IDS = {"trainer", "staff"}
SPOC_DEV_ENROLLED_STAFF = ["trainer"]
# The demo course roster (the workbench's default `student_1` is a learner who is not enrolled).
SPOC_DEV_ROSTER = [
    "alice",
    "bruno",
    "chloe",
    "david",
    "emma",
    "farid",
    "giulia",
    "hugo",
    "ines",
    "jules",
    "karim",
    "lea",
]
# A larger cohort for load tests: SPOC_DEV_ROSTER_SIZE=50 adds learner13 … learner50.
SPOC_DEV_ROSTER += [
    f"learner{index}"
    for index in range(
        len(SPOC_DEV_ROSTER) + 1, int(os.environ.get("SPOC_DEV_ROSTER_SIZE", "0")) + 1
    )
]
# The LMS refuses any uploaded file over this many bytes before a block sees it (its default, in the
# LMS's own settings); the workshop tells learners the smaller of this and its own limits.
STUDENT_FILEUPLOAD_MAX_SIZE = 4 * 1000 * 1000
# Mail stays in memory (tests read django.core.mail.outbox); a real site sets its own backend.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Celery, as the LMS configures it (old setting names). Without a broker, deferred work runs in the
# request that asks for it; with one (e.g. redis://127.0.0.1:6379/0), a worker does it.
BROKER_URL = os.environ.get("SPOC_CELERY_BROKER", "")
CELERY_TASK_SERIALIZER = "json"
CELERY_IGNORE_RESULT = True
# The workbench's people have no Django accounts: how a worker finds their address.
SPOC_RECIPIENT_LOOKUP = "spoc_xblocks.dev.services.dev_recipients"
# How long a running job may stay silent before another worker takes it over (tests shorten it).
SPOC_JOB_STALE_SECONDS = int(os.environ.get("SPOC_JOB_STALE_SECONDS", "120"))
DEFAULT_FROM_EMAIL = "spoc-demo@example.com"

# The workbench's `fs` service (django-pyfs) keeps files under var/, not in the working directory.
DJFS = {
    "type": "osfs",
    "directory_root": os.path.join(VAR_DIR, "djpyfs"),
    "url_root": "/static/djpyfs",
}

LOGGING["handlers"]["logfile"]["filename"] = os.path.join(VAR_DIR, "workbench.log")  # noqa: F405
# The SDK logs every SQL query there, rolling the 50 kB file over every few requests: a cost per
# query the LMS (DEBUG off) does not have. Queries stay countable (connection.queries).
LOGGING["loggers"]["django.db.backends"] = {"level": "INFO"}  # noqa: F405
# Likewise each template variable left unset (Django reads it as empty), with its traceback.
LOGGING["loggers"]["django.template"] = {"level": "INFO"}  # noqa: F405

# The LMS setting the operator extends (docs/operating.md): the workbench sends our blocks' events
# to these backends as the LMS's tracker does (spoc_xblocks/dev/tracking.py).
EVENT_TRACKING_BACKENDS = {
    "spoc_module_time": {"ENGINE": "spoc_xblocks.module_time.backend.ModuleTimeBackend"},
}
SPOC_COURSE_OUTLINE = "spoc_xblocks.dev.demo_outline.demo_outline"
