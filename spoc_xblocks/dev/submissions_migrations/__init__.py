"""edx-submissions' migrations with its MariaDB uuid migration corrected; the MariaDB settings use
this package.

edx-submissions 4.0.2's 0006 alters `submissions_studentitem.uuid`, a column that does not exist, so
a new MariaDB database cannot be migrated. This package serves edx-submissions' own migration files
(its path ends with theirs) except 0006, which it replaces.
"""

import os

import submissions.migrations

__path__ = [os.path.dirname(__file__), *submissions.migrations.__path__]
