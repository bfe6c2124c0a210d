"""The cohort coach's shared steps, as functions of the block: its fields as rules, the trainer's
picture of the cohort, the KPIs, the nudge emails, and the parts of a page learners and trainers
both see (a check-in's thread, a slot).

The cohort is read in a fixed number of queries whatever its size: the roster (the `enrollments`
service, else everyone who has interacted), activity, exchanges and progress across the SPOC blocks
(common reads, one query each), this block's check-ins (two queries), then the flags: learners newly
at risk get one, in one write, and the latest flags are read back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone, translation

from spoc_xblocks.common import activity as activity_log
from spoc_xblocks.common import recipients
from spoc_xblocks.common.collector import collector_paused
from spoc_xblocks.common.jobs import JobProgress
from spoc_xblocks.common.notify import email_configured, opt_out_text, send_email
from spoc_xblocks.common.operator_settings import read_operator_settings
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.roster import course_roster, display_names, usernames_of
from spoc_xblocks.common.times import parse_day, time_html
from spoc_xblocks.engagement import api as engagement_api
from spoc_xblocks.peer_workshop.api import workshop as workshop_api

from . import api, cohort_memo
from .api import NOT_EMAILED
from .cohort_reads import CohortReads, Marker, brought_up_to_date, read_all
from .fields import QUESTIONS, THRESHOLDS
from .logic import kpis
from .logic.cohort import CohortInputs, CohortView, cohort_view
from .logic.followup import CONTACTED, OPEN, RESOLVED, needs_new_flag, nudge_suppressed
from .logic.periods import Cadence
from .logic.periods import cadence as make_cadence
from .logic.phrases import mood_labels
from .logic.rules import Thresholds

TEXT_LIMIT = 1000  # the longest check-in answer, reply, note or nudge
ACTIVE_FLAG = (OPEN, CONTACTED)
EMAIL_BATCH = 50

# ---- the fields as rules -----------------------------------------------------------------------


def cadence(block) -> Cadence:
    return make_cadence(
        block.cadence_days, parse_day(block.start_date) if block.start_date else None
    )


def thresholds(block) -> Thresholds:
    """The author's thresholds; where the author set none, the site's AT_RISK_DEFAULTS."""
    authored = {name: getattr(block, name) for name in THRESHOLDS}
    return Thresholds.from_dict(
        {
            **read_operator_settings(block).at_risk_defaults,
            **{name: value for name, value in authored.items() if value is not None},
        }
    )


def question_ids(block) -> list[str]:
    """The questions the check-ins ask, in the form's order."""
    return [name for name in QUESTIONS if name in (block.questions or "").split()]


# ---- the cohort ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Computed:
    """The cohort's rows and what they were computed from; `derived` keeps what is later computed
    from them (the flags as synced, the KPIs), under keys naming what else each depends on."""

    view: CohortView
    reads: CohortReads
    derived: dict = field(default_factory=dict, compare=False)

    def derive(self, key: tuple, compute):
        if key not in self.derived:
            with collector_paused():
                self.derived[key] = compute()
        return self.derived[key]


@dataclass(frozen=True)
class CohortSnapshot:
    view: CohortView
    usernames: dict[str, str]  # the roster's; empty without one (names are then looked up per page)
    activity: dict
    exchanges: dict
    progress_rows: list[dict]
    flags: dict[str, dict]
    flags_marker: tuple
    now: datetime
    computed: _Computed

    @property
    def learner_ids(self) -> list[str]:
        return [row.learner_id for row in self.view.rows]

    def kept(self, key: tuple, compute):
        """What `compute` makes of the cohort for the viewer, kept with it: `key` names what else
        it reads; the flags, the roster's names and the viewer's language are added here."""
        return self.computed.derive(
            (*key, self.flags_marker, tuple(self.usernames.items()), translation.get_language()),
            compute,
        )


def _stored(reasons) -> list[dict]:
    return [{"code": reason.code, "params": reason.params} for reason in reasons]


def sync_flags(
    course_key: str, usage_key: str, view: CohortView, latest: dict[str, dict] | None = None
) -> tuple[dict[str, dict], bool]:
    """Open a flag for each learner newly at risk, add new reasons to open flags; the latest flag
    per learner (read unless `latest` holds them), and whether any flag was opened or widened."""
    latest = api.latest_flags(usage_key) if latest is None else latest
    new, widened = {}, {}
    for row in view.rows:
        codes = {reason.code for reason in row.reasons}
        flag = latest.get(row.learner_id)
        if needs_new_flag(codes, flag):
            new[row.learner_id] = ((flag["round"] + 1) if flag else 1, _stored(row.reasons))
        elif flag and flag["status"] != RESOLVED and codes - set(flag["reason_codes"]):
            added = [
                reason
                for reason in _stored(row.reasons)
                if reason["code"] not in flag["reason_codes"]
            ]
            widened[flag["id"]] = flag["reasons"] + added
    saved = api.save_flags(course_key, usage_key, new, widened)
    return (api.latest_flags(usage_key) if saved else latest), saved


def _computed(reads: CohortReads, learner_ids, periods, limits, now: datetime) -> _Computed:
    if learner_ids is None:
        learner_ids = sorted(
            set(reads.activity)
            | {row["learner_id"] for row in reads.progress_rows}
            | set(reads.checkins)
        )
    inputs = CohortInputs(
        learner_ids=list(learner_ids),
        activity=reads.activity,
        exchanges=reads.exchanges,
        progress_rows=reads.progress_rows,
        checkins=reads.checkins,
        cadence=periods,
        now=now,
    )
    return _Computed(cohort_view(inputs, limits), reads)


def _cohort_rows(block, learner_ids, periods, limits, now) -> tuple[_Computed, _Computed | None]:
    """The cohort's rows as kept, brought up to date or computed anew; and the computation kept
    before (None without one)."""
    course_key, usage_key = block.course_key, block.usage_key
    marker = (Marker.read(course_key, usage_key), (learner_ids, periods, limits))
    kept = cohort_memo.COHORTS.latest(usage_key, now)
    before = None if kept is None else kept.computed
    if kept is not None and kept.marker == marker:
        return before, before
    with collector_paused():
        reads, read_at = None, now
        if kept is not None and kept.marker[1] == marker[1]:  # the same learners and settings
            keys = (course_key, usage_key)
            reads = brought_up_to_date(before.reads, kept.marker[0], marker[0], keys, periods, now)
            read_at = kept.computed_at  # of the last full read: all is read again a minute after
        if reads is None:
            reads, read_at = read_all(course_key, usage_key, periods, now), now
        computed = _computed(reads, learner_ids, periods, limits, now)
    cohort_memo.COHORTS.keep(usage_key, marker, read_at, computed)
    return computed, before


def read_cohort(block, now: datetime) -> CohortSnapshot:
    """Every learner's row and flags. The rows come from cohort_memo while nothing they were
    computed from has changed; after learners act, from the rows read before with those learners'
    read again (`cohort_reads`); everything is read again at least every `MEMO_SECONDS`."""
    course_key, usage_key = block.course_key, block.usage_key
    roster = course_roster(block)
    learner_ids = None if roster is None else tuple(learner.anonymous_id for learner in roster)
    computed, before = _cohort_rows(block, learner_ids, cadence(block), thresholds(block), now)
    flags_marker = api.flags_marker(usage_key)
    flags = computed.derived.get(("flags", flags_marker))
    if flags is None:
        known = None if before is None else before.derived.get(("flags", flags_marker))
        with collector_paused():
            flags, opened = sync_flags(course_key, usage_key, computed.view, known)
        if opened:  # the marker the next view reads counts them
            flags_marker = api.flags_marker(usage_key)
        computed.derived[("flags", flags_marker)] = flags
    return CohortSnapshot(
        view=computed.view,
        usernames={} if roster is None else usernames_of(roster),
        activity=computed.reads.activity,
        exchanges=computed.reads.exchanges,
        progress_rows=computed.reads.progress_rows,
        flags=flags,
        flags_marker=flags_marker,
        now=now,
        computed=computed,
    )


def learner_names(block, ids=(), usernames: dict | None = None) -> dict[str, str]:
    """Names for trainer views: the roster's usernames, else the user service's for these ids."""
    usernames = usernames if usernames is not None else usernames_of(course_roster(block))
    return {**usernames, **display_names(block, ids, usernames)}


def in_cohort(block, learner_id: str) -> bool:
    roster = course_roster(block)
    if roster is not None:
        return any(learner.anonymous_id == learner_id for learner in roster)
    return bool(activity_log.last_activity_of(block.course_key, [learner_id]))


def flagged_learners(block) -> list[str]:
    """The learners whose latest flag is open or contacted."""
    flags = api.latest_flags(block.usage_key)
    return sorted(learner for learner, flag in flags.items() if flag["status"] in ACTIVE_FLAG)


def learners_to_nudge(block) -> tuple[list[str], list[str]]:
    """The flagged learners a nudge to every flagged learner reaches, and those it skips because
    a nudge already waits for their next visit."""
    flagged = flagged_learners(block)
    waiting = api.waiting_nudges(block.usage_key, flagged)
    return [learner for learner in flagged if learner not in waiting], sorted(waiting)


def learner_name(block, learner_id: str, usernames: dict | None = None) -> str:
    """One learner's name for a trainer, or the start of their anonymous id when none is known."""
    return learner_names(block, [learner_id], usernames).get(learner_id) or learner_id[:8]


def kpi_figures(block, snapshot: CohortSnapshot) -> dict:
    course_key = block.course_key
    still_open = workshop_api.open_workshops(course_key)
    return {
        **snapshot.computed.derive(
            ("kpis", frozenset(still_open)),
            lambda: _cohort_kpis(snapshot, thresholds(block).inactive_days, still_open),
        ),
        **cohort_memo.ENGAGEMENT.computed(
            course_key,
            engagement_api.answers_marker(course_key),
            snapshot.now,
            lambda: _engagement_figures(course_key),
        ),
        "followup": kpis.interventions(
            api.contacted_flags(block.usage_key), snapshot.activity, snapshot.now
        ),
    }


def _engagement_figures(course_key: str) -> dict:
    return {
        "satisfaction": kpis.satisfaction(engagement_api.satisfaction(course_key)),
        "skills": kpis.skills_delta(engagement_api.skills_delta(course_key)),
        "skills_followup": engagement_api.skills_followup(course_key),
    }


def _cohort_kpis(snapshot: CohortSnapshot, inactive_days: int, still_open) -> dict:
    """The KPIs read from every learner's progress and activity."""
    ids, now = snapshot.learner_ids, snapshot.now
    names = kpis.block_names(snapshot.progress_rows)
    sticking = kpis.sticking_points(
        ids, snapshot.progress_rows, snapshot.activity, now, inactive_days, still_open
    )
    return {
        "completion": kpis.completion(ids, snapshot.progress_rows, now, still_open),
        "active": kpis.active_this_week(ids, snapshot.activity, now),
        "participation": kpis.participation(ids, snapshot.exchanges),
        "sticking": [{**point, "name": names.get(point["usage_key"], "")} for point in sticking],
    }


# ---- nudge emails --------------------------------------------------------------------------------


def nudge_emails_on(block) -> bool:
    """The platform sends email and the site's operator lets nudges be emailed (NUDGE_EMAILS)."""
    return email_configured() and read_operator_settings(block).nudge_emails


def send_due_emails(block, job: JobProgress) -> None:
    """The job behind a nudge's email, queued for the time it falls due: every nudge of the block
    whose email is due goes out, in its learner's language, except to learners active since (the
    nudge lost its point) or who asked for no email (it still waits for them in the course).

    Each nudge is claimed just before its email is sent and marked just after: two jobs never send
    the same nudge, and a job taking over a dead one's resends only what that one had claimed and
    not marked (an email sent in the instant before the worker died goes twice, with the same
    Message-ID)."""
    if not nudge_emails_on(block):
        return
    claim = f"job{job.job.pk}"
    while due := api.due_emails(block.usage_key, timezone.now(), EMAIL_BATCH, claim):
        job.start(len(due))
        _email_batch(block, job, due, claim)


def _email_batch(block, job: JobProgress, due: list[dict], claim: str) -> None:
    learners = {nudge["learner_id"] for nudge in due}
    last = activity_log.last_activity_of(block.course_key, learners)
    stale = [
        nudge["id"]
        for nudge in due
        if nudge_suppressed(nudge["queued_at"], last.get(nudge["learner_id"]))
    ]
    api.mark_nudges(stale, api.SUPPRESSED, timezone.now())
    declined = recipients.opted_out(block.course_key, learners)
    found = recipients.find_recipients(block.course_key, learners - declined)
    to_send = [nudge for nudge in due if nudge["id"] not in stale]
    unsent = [nudge for nudge in to_send if nudge["learner_id"] not in found]
    api.set_email_claim([nudge["id"] for nudge in unsent], NOT_EMAILED)
    job.advance(
        len(stale) + len(unsent),
        suppressed=len(stale),
        declined=sum(nudge["learner_id"] in declined for nudge in unsent),
        unreachable=sum(nudge["learner_id"] not in declined for nudge in unsent),
    )
    sent = sum(
        _email_nudge(block, job, nudge, found[nudge["learner_id"]])
        for nudge in to_send
        if nudge["learner_id"] in found and api.claim_email(nudge["id"], claim)
    )
    block.publish_event("nudges_emailed", {"sent": sent, "suppressed": len(stale)})


def _email_nudge(block, job: JobProgress, nudge: dict, recipient) -> int:
    with translation.override(recipient.language):
        subject = block.gettext("A message from your trainer: {course}").format(
            course=block.display_name
        )
        body = "\n\n".join(
            [
                nudge["message"],
                block.gettext("Open the course to answer your trainer."),
                opt_out_text(block),
            ]
        )
    sent = send_email(recipient.address, subject, body, f"nudge-{nudge['id']}")
    api.mark_emailed([nudge["id"]], timezone.now())
    job.advance(1, sent=sent, failed=1 - sent)
    return sent


# ---- what learners and trainers both see ---------------------------------------------------------


def _presented(block, checkin: dict) -> dict:
    """A check-in as the templates show it: times as <time> elements, the mood in words."""
    return {
        **checkin,
        "created_html": time_html(checkin["created"]),
        "mood_label": mood_labels(block.gettext).get(checkin["mood"], ""),
        "messages": [
            {**message, "created_html": time_html(message["created"])}
            for message in checkin["messages"]
        ],
    }


def thread_html(block, checkin: dict, *, can_reply: bool, learner_name: str = "") -> str:
    """A check-in's private thread and its reply form, for its learner or (given the learner's
    name) a trainer."""
    return render_template(
        block,
        "templates/thread.html",
        {
            "block_id": html_id(block),
            "checkin": _presented(block, checkin),
            "can_reply": can_reply,
            "for_trainer": bool(learner_name),
            "learner_name": learner_name,
            "text_limit": TEXT_LIMIT,
        },
    )


def checkins_html(
    block, checkins: list[dict], *, can_reply: bool, learner_name: str = "", level: int = 4
) -> str:
    """A learner's check-ins as the items of a list, each with its thread: the learner's history,
    or a trainer's view of it (given the learner's name)."""
    return render_template(
        block,
        "templates/checkins.html",
        {
            "block_id": html_id(block),
            "checkins": [
                {
                    **_presented(block, checkin),
                    "thread": thread_html(
                        block, checkin, can_reply=can_reply, learner_name=learner_name
                    ),
                }
                for checkin in checkins
            ],
            "level": level,
        },
    )


def slot_view(block, slot: dict) -> dict:
    """A one-to-one slot as the templates show it, with its calendar file's address."""
    return {
        **slot,
        "starts_html": time_html(slot["starts"]),
        "minutes": int((slot["ends"] - slot["starts"]).total_seconds() // 60),
        "ics_url": block.runtime.handler_url(block, "meeting_ics", str(slot["id"])),
    }
