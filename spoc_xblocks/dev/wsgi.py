"""The workbench as a WSGI application, for several worker processes (gunicorn --preload).

The workbench parses its scenarios into the database on first use: it deletes every "children" row,
then writes each block's rows anew. Workers doing that at once would read each other's half-written
scenarios. Loaded with --preload, this module parses them once, in the master process, before any
worker is forked; every worker (and every worker respawned later) inherits the parsed scenarios and
never parses them again.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spoc_xblocks.dev.settings")

# The settings module is chosen above, before Django is imported.
from django.core.wsgi import get_wsgi_application
from django.db import connections

application = get_wsgi_application()

# The workbench's models need Django set up first.
from workbench.scenarios import get_scenarios  # noqa: E402

get_scenarios()
# A connection opened here would be shared by every forked worker: each opens its own instead.
connections.close_all()
