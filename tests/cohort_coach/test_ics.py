"""Calendar files (RFC 5545): escaped text, UTC times, CRLF line ends, lines folded at 75 octets, a
UID."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from spoc_xblocks.cohort_coach.logic.ics import Event, calendar, escape_text, fold, utc_stamp

PARIS = timezone(timedelta(hours=1))


def test_text_escapes_backslash_semicolon_comma_and_line_breaks():
    assert escape_text("a\\b;c,d\r\ne\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"


def test_times_are_written_in_utc():
    assert utc_stamp(datetime(2026, 3, 2, 15, 30, tzinfo=PARIS)) == "20260302T143000Z"
    with pytest.raises(ValueError):
        utc_stamp(datetime(2026, 3, 2, 15, 30))


def test_long_lines_fold_at_75_octets_without_cutting_a_character():
    line = "DESCRIPTION:" + "é" * 100
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode("utf-8")) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join(piece[1:] if index else piece for index, piece in enumerate(pieces)) == line


def test_a_calendar_holds_one_event_with_every_required_property():
    start = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
    text = calendar(
        [
            Event(
                "abc-1@spoc-xblocks",
                start,
                start + timedelta(minutes=30),
                "One-to-one, week 3",
                "Bring your notes; and questions",
                "Room 2",
            )
        ],
        datetime(2026, 3, 1, tzinfo=UTC),
    )
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert {
        "VERSION:2.0",
        "UID:abc-1@spoc-xblocks",
        "DTSTART:20260302T140000Z",
        "DTEND:20260302T143000Z",
        "DTSTAMP:20260301T000000Z",
        "SUMMARY:One-to-one\\, week 3",
        "DESCRIPTION:Bring your notes\\; and questions",
        "LOCATION:Room 2",
    } <= set(lines)
    assert any(line.startswith("PRODID:") for line in lines)
