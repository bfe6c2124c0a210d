"""The workbench's settings as the production-shaped tests serve them: DEBUG off, errors logged to
one file.

The dev settings log every SQL query to a small rotating file, which several worker processes would
rotate under each other; here only request errors are logged, to the file the test names (their
tracebacks explain a 500).
"""

import os

from spoc_xblocks.dev.settings import *  # noqa: F403 - the dev settings, served as production would

DEBUG = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "errors": {"class": "logging.FileHandler", "filename": os.environ["SPOC_SERVER_ERROR_LOG"]}
    },
    "loggers": {"django.request": {"handlers": ["errors"], "level": "ERROR", "propagate": False}},
}

if os.environ.get("SPOC_EMAIL_DIR"):
    # Each email a file, for the tests to count (the dev site keeps them in its process's memory).
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["SPOC_EMAIL_DIR"]
