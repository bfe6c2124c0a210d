"""What follows a flag: its moves, when a new one opens, what the learner did after contact, nudge
suppression."""

from datetime import UTC, datetime, timedelta

import pytest

from spoc_xblocks.cohort_coach.logic.followup import (
    MOVES,
    needs_new_flag,
    nudge_suppressed,
    what_followed,
)

NOW = datetime(2026, 3, 18, 12, 0, tzinfo=UTC)


def test_a_flag_only_moves_forward():
    assert MOVES == {"open": ("contacted", "resolved"), "contacted": ("resolved",), "resolved": ()}


@pytest.mark.parametrize(
    "codes, latest, opens",
    [
        (set(), None, False),
        ({"inactive"}, None, True),
        ({"inactive", "missed_checkins"}, {"status": "open", "reason_codes": ["inactive"]}, False),
        ({"inactive"}, {"status": "resolved", "reason_codes": ["inactive"]}, False),
        (
            {"inactive", "missed_checkins"},
            {"status": "resolved", "reason_codes": ["inactive"]},
            True,
        ),
    ],
)
def test_a_new_flag_opens_for_new_reasons_only(codes, latest, opens):
    assert needs_new_flag(codes, latest) is opens


def test_what_followed_contact_is_activity_after_it_or_silence_since():
    contacted = NOW - timedelta(days=5)
    assert what_followed(None, NOW, NOW) is None
    back = what_followed(contacted, NOW - timedelta(days=2), NOW)
    assert (back.kind, back.days) == ("active_again", 3)
    silent = what_followed(contacted, contacted - timedelta(days=1), NOW)
    assert (silent.kind, silent.days) == ("silent", 5)
    assert what_followed(contacted, None, NOW).kind == "silent"


def test_a_nudge_is_suppressed_only_by_activity_after_it_was_queued():
    queued = NOW - timedelta(hours=3)
    assert nudge_suppressed(queued, NOW) is True
    assert nudge_suppressed(queued, queued - timedelta(minutes=1)) is False
    assert nudge_suppressed(queued, None) is False
