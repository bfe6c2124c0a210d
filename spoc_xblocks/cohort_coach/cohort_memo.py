"""The cohort as last computed, kept in this process while nothing it was computed from changed.

The trainer's dashboard, its pages, filters and learner details all start from every learner's
at-risk signals; computing them reads every learner's activity, progress and check-ins, which
grows with the cohort. A trainer moving between pages, or two trainers on one course, would
recompute the same thing. Each computation is kept here, by block, with a marker of what it read (a
few index-only reads: the newest activity, the newest progress change and how many rows, the
check-ins' count and newest) and reused while the marker is unchanged and everything was read
under `MEMO_SECONDS` ago: clock-driven changes (a learner's days of inactivity, a deadline passing)
and the rare changes a marker can miss (a learner's activity deleted, writes committing out of
order) show at most that late. When the marker moved, the rows read before are brought up to date
with the rows of the learners who acted (`cohort_reads`) and the cohort computed again from them.
What is figured or drawn from the cohort (flags, KPIs, the table's and the heat map's pages) is
kept with it, under keys naming what else it read (`CohortSnapshot.kept`); what is read from the
platform's tables, and the pulse and skills figures, are kept apart (below).
"""

from __future__ import annotations

from ..common.process_memo import ProcessMemo

MEMO_SECONDS = 60
BLOCKS_KEPT = 16

COHORTS = ProcessMemo(MEMO_SECONDS, BLOCKS_KEPT)

COURSE_PROGRESS = ProcessMemo(MEMO_SECONDS, BLOCKS_KEPT)
COHORT_TIME = ProcessMemo(MEMO_SECONDS, BLOCKS_KEPT)
"""The cohort's progress through the whole course and its time per module, by block: read from
tables the platform writes (completions, scores, the time its tracking events measure), which no
marker follows. Each is kept while the cohort's learners and the settings it depends on are the
same, at most `MEMO_SECONDS`, whatever learners do in our blocks, so that a learner acting there
does not make the trainer's next view read them all again."""

ENGAGEMENT = ProcessMemo(MEMO_SECONDS, BLOCKS_KEPT)
"""The course's pulse and skills figures, by course, while no answer was added or removed
(`engagement.api.answers_marker`): every answer of the course is read to make them, and most
learners' acts are not answers."""
