"""The public interface of peer-workshop persistence: the block reads and writes only through these
modules.

`workshop` (phase, participants, groups, reminders), `submissions` (drafts, submissions, files),
`reviews` (slots and reviews), `grades` (published grades, moderation decisions) and `learners`
(deleting a learner's data). Every function returns plain data; the handler that calls a writing
function wraps it in one transaction."""

from . import grades, learners, reviews, submissions, workshop  # noqa: F401
