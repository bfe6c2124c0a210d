"""The public interface of peer-workshop persistence: the block reads and writes only through these modules.

`workshop` (phase, participants, groups, reminders), `submissions` (drafts, submissions, files), `reviews`
(slots and reviews) and `grades` (published grades, moderation decisions). Every function returns plain data;
the handler that calls a writing function wraps it in one transaction.
"""
from . import grades, reviews, submissions, workshop  # noqa: F401
