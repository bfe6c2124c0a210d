"""The trainer's dashboard: a row per learner with activity, check-in regularity, confidence trend,
progress, scores and at-risk reasons in words; one learner's detail with their check-ins, threads,
goals and flag, which the trainer moves along and annotates; nudges. The one-to-one slots are in
trainer_slots.py, the KPIs in trainer_kpis.py."""

from __future__ import annotations

import json
from datetime import timedelta

from django.utils import timezone

from spoc_xblocks.common.charts import sparkline_svg
from spoc_xblocks.common.confirmations import CONFIRMED, ask_first
from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.jobs import latest_job, queue_job, run_due_jobs
from spoc_xblocks.common.notify import email_configured, email_off_text, email_report
from spoc_xblocks.common.payloads import Integer, String
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.text import _
from spoc_xblocks.common.times import day_html, days_ago_text, time_html

from . import api, workflow
from .logic.followup import CONTACTED, RESOLVED
from .logic.phrases import (
    flag_labels,
    followed_text,
    nudge_labels,
    reasons_text,
    row_phrases,
    table_labels,
)
from .trainer_heatmap import heatmap_html
from .trainer_kpis import kpis_html
from .trainer_module_feedback import module_feedback_html
from .trainer_progress import completion_tracking, course_progress_html, learner_progress_html
from .trainer_slots import slots_html
from .trainer_time import learner_time_html, module_time_html
from .workflow import ACTIVE_FLAG, TEXT_LIMIT, CohortSnapshot

PAGE_SIZE = 50
FILTERS = ("all", "at_risk")
PAGE_SHAPE = {"page": Integer(minimum=1, maximum=100_000), "filter": String(choices=FILTERS)}
LEARNER_SHAPE = {"learner_id": String(max_length=255)}
MOVE_SHAPE = {
    "flag_id": Integer(minimum=1),
    "status": String(choices=(CONTACTED, RESOLVED)),
    "note": String(max_length=TEXT_LIMIT, required=False),
}
NOTE_SHAPE = {"flag_id": Integer(minimum=1), "note": String(max_length=TEXT_LIMIT)}
NUDGE_SHAPE = {
    "target": String(choices=("learner", "flagged")),
    "learner_id": String(max_length=255, required=False),
    "message": String(max_length=TEXT_LIMIT),
    **CONFIRMED,
}


def _sort_key(row, flags: dict, names: dict):
    flag = flags.get(row.learner_id)
    active = flag is not None and flag["status"] in ACTIVE_FLAG
    return (-len(row.reasons), not active, names.get(row.learner_id, row.learner_id).lower())


def _ordered_rows(snapshot: CohortSnapshot, filter_: str) -> list:
    """The table's rows in order: at risk first, then flagged, then by name."""
    rows = snapshot.view.rows
    if filter_ == "at_risk":
        rows = [
            row
            for row in rows
            if row.reasons
            or (snapshot.flags.get(row.learner_id) or {}).get("status") in ACTIVE_FLAG
        ]
    return sorted(rows, key=lambda row: _sort_key(row, snapshot.flags, snapshot.usernames))


def _payload(**values) -> str:
    """A trigger's data-spoc-payload (the template escapes it as an attribute)."""
    return json.dumps(values)


class _RowWords:
    """The viewer's gettext and the labels every row of the table uses, looked up once a page."""

    def __init__(self, gettext, ngettext):
        self.gettext, self.ngettext = gettext, ngettext
        self.flag_labels, self.nudge_labels = flag_labels(gettext), nudge_labels(gettext)


def _flag_view(flag, snapshot, words: _RowWords, cleared: bool) -> dict | None:
    if flag is None:
        return None
    last = (snapshot.activity.get(flag["learner_id"]) or {}).get("last_activity")
    return {
        **flag,
        "label": words.flag_labels[flag["status"]],
        "cleared": cleared and flag["status"] in ACTIVE_FLAG,
        "opened_html": time_html(flag["opened_at"]),
        "followed": followed_text(flag, last, snapshot.now, words.gettext, words.ngettext),
    }


class TrainerMixin:
    """The dashboard page and its handlers: the learner table, one learner's detail, flags,
    nudges."""

    def trainer_html(self, viewer) -> str:
        now = timezone.now()
        snapshot = workflow.read_cohort(self, now)
        run_due_jobs(self.usage_key)
        flagged = sum(1 for flag in snapshot.flags.values() if flag["status"] in ACTIVE_FLAG)
        return render_template(
            self,
            "templates/trainer.html",
            {
                "block_id": html_id(self),
                "display_name": self.display_name,
                "learners": len(snapshot.view.rows),
                "at_risk": sum(1 for row in snapshot.view.rows if row.reasons),
                "flagged": flagged,
                "table": self._table_html(snapshot, 1, "all"),
                "nudge": self._nudge_html(flagged),
                "kpis": kpis_html(self, snapshot),
                "slots": slots_html(self, now, snapshot.usernames),
                "module_time": module_time_html(self, snapshot),
                "module_feedback": module_feedback_html(self, snapshot),
                "course_progress": course_progress_html(self, snapshot),
                "heatmap": heatmap_html(self, snapshot),
                "completion_note": self._completion_note(),
            },
        )

    def _completion_note(self) -> str:
        """A word for trainers when the LMS's completion tracking is off (progress then counts
        SPOC blocks only)."""
        if completion_tracking(self) is not False:
            return ""
        return self.gettext(
            "Completion tracking is off in this course: progress counts the SPOC blocks only."
        )

    # ---- the learner table -----------------------------------------------------------------------

    def _table_html(self, snapshot: CohortSnapshot, page: int, filter_: str) -> str:
        """A page of the learner table, kept with the cohort while the page's names and nudges
        stay as they were (rendering fifty rows costs more than everything else the page does)."""
        rows = snapshot.kept(("ordered", filter_), lambda: _ordered_rows(snapshot, filter_))
        pages = max(1, -(-len(rows) // PAGE_SIZE))
        page = min(page, pages)
        shown = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        names = workflow.learner_names(self, [row.learner_id for row in shown], snapshot.usernames)
        nudges = api.latest_nudges(self.usage_key)
        nudges = [nudges.get(row.learner_id) for row in shown]
        csv_url = self.runtime.handler_url(self, "export_learners")
        key = (
            "table",
            filter_,
            page,
            csv_url,
            tuple(names.get(row.learner_id) for row in shown),
            tuple(nudge and (nudge["status"], bool(nudge["emailed_at"])) for nudge in nudges),
        )

        def render() -> str:
            words = _RowWords(self.gettext, self.ngettext)
            return render_template(
                self,
                "templates/trainer_table.html",
                {
                    "block_id": html_id(self),
                    "labels": table_labels(self.gettext),
                    "rows": [
                        self._row(index, row, snapshot, names, nudge, words)
                        for index, (row, nudge) in enumerate(zip(shown, nudges, strict=True))
                    ],
                    "page": page,
                    "pages": pages,
                    "filter": filter_,
                    "total": len(rows),
                    "previous": _payload(page=page - 1, filter=filter_) if page > 1 else "",
                    "next": _payload(page=page + 1, filter=filter_) if page < pages else "",
                    "learners_csv": csv_url,
                },
            )

        return snapshot.kept(key, render)

    def _row(self, index, row, snapshot, names, nudge, words: _RowWords) -> dict:
        gettext, ngettext = words.gettext, words.ngettext
        confidences = [value for value in row.confidences if value is not None]
        trend = ""
        if len(confidences) > 1:
            trend = sparkline_svg(
                list(row.confidences),
                1,
                5,
                title=gettext("Confidence at the last check-ins: {values}").format(
                    values=", ".join(map(str, confidences))
                ),
                svg_id=html_id(self, f"trend-{index}"),
            )
        return {
            **row_phrases(row, gettext, ngettext),
            "name": names.get(row.learner_id) or row.learner_id[:8],
            "detail": _payload(learner_id=row.learner_id),
            "last_activity_text": days_ago_text(row.last_activity, snapshot.now, ngettext, gettext),
            "last_activity_html": time_html(row.last_activity),
            "trend_svg": trend,
            "flag": _flag_view(
                snapshot.flags.get(row.learner_id), snapshot, words, cleared=not row.reasons
            ),
            "nudge": gettext("nudge: {status}").format(status=words.nudge_labels[nudge["status"]])
            if nudge
            else "",
            "nudge_emailed": gettext("emailed") if nudge and nudge["emailed_at"] else "",
        }

    @spoc_handler(PAGE_SHAPE, trainer_only=True, writes=False)
    def dashboard_page(self, data, viewer):
        snapshot = workflow.read_cohort(self, timezone.now())
        return {"html": self._table_html(snapshot, data["page"], data["filter"])}

    # ---- one learner -----------------------------------------------------------------------------

    def _detail_html(self, learner_id: str, snapshot: CohortSnapshot | None = None) -> str:
        gettext, ngettext = self.gettext, self.ngettext
        now = timezone.now()
        snapshot = snapshot or workflow.read_cohort(self, now)
        # A learner who left the cohort keeps their history (a reply to them must not fail), with
        # no reasons, though.
        row = next((item for item in snapshot.view.rows if item.learner_id == learner_id), None)
        flags = api.learner_flags(self.usage_key, learner_id)
        last = (snapshot.activity.get(learner_id) or {}).get("last_activity")
        booking = next(
            (
                slot
                for slot in api.upcoming_slots(self.usage_key, now)
                if slot["learner_id"] == learner_id
            ),
            None,
        )
        for flag in flags:
            flag.update(
                label=flag_labels(gettext)[flag["status"]],
                opened_html=time_html(flag["opened_at"]),
                reasons_text=reasons_text(flag["reasons"], gettext, ngettext),
                followed=followed_text(flag, last, now, gettext, ngettext),
                notes=[
                    {**note, "created_html": time_html(note["created"])} for note in flag["notes"]
                ],
            )
        name = workflow.learner_name(self, learner_id, snapshot.usernames)
        checkins = api.learner_checkins(self.usage_key, learner_id)
        current = flags[0] if flags and flags[0]["status"] in ACTIVE_FLAG else None
        return render_template(
            self,
            "templates/trainer_learner.html",
            {
                "block_id": html_id(self),
                "learner_id": learner_id,
                "name": name,
                "reasons": reasons_text(row.reasons, gettext, ngettext) if row else [],
                "current_flag": current,
                "flag_payload": _payload(flag_id=current["id"]) if current else "",
                "earlier_flags": [flag for flag in flags if flag["status"] == RESOLVED],
                "checkins": workflow.checkins_html(
                    self, checkins, can_reply=True, learner_name=name, level=6
                )
                if checkins
                else "",
                "goals": [
                    {**goal, "target_html": day_html(goal["target"])}
                    for goal in api.learner_goals(self.usage_key, learner_id)
                ],
                "booking_html": time_html(booking["starts"]) if booking else "",
                "last_activity_text": days_ago_text(last, now, ngettext, gettext),
                "text_limit": TEXT_LIMIT,
                "nudge_payload": _payload(target="learner", learner_id=learner_id),
                "nudge_help": self._nudge_help(),
                "learner_time": learner_time_html(self, snapshot, learner_id),
                "learner_progress": learner_progress_html(self, snapshot, learner_id),
            },
        )

    @spoc_handler(LEARNER_SHAPE, trainer_only=True, writes=False)
    def learner_detail(self, data, viewer):
        snapshot = workflow.read_cohort(self, timezone.now())
        if data["learner_id"] not in snapshot.learner_ids:
            raise HandlerError(_("This learner is not in the cohort."), status=404)
        return {"html": self._detail_html(data["learner_id"], snapshot)}

    # ---- flags: open -> contacted -> resolved, with notes only trainers see ----------------------

    @spoc_handler(MOVE_SHAPE, trainer_only=True)
    def move_flag(self, data, viewer):
        note = data["note"].strip()
        try:
            flag = api.move_flag(
                self.usage_key, data["flag_id"], data["status"], viewer.anonymous_id, note
            )
        except api.NotFound as missing:
            raise HandlerError(_("This flag no longer exists."), status=404) from missing
        except api.Conflict as conflict:
            raise HandlerError(
                _("This flag has moved since the page was drawn: look at it again.")
            ) from conflict
        self.publish_event(
            "flag_moved",
            {"flag_id": flag["id"], "status": flag["status"], "with_note": bool(note)},
        )
        return {
            "html": self._detail_html(flag["learner_id"]),
            "message": self.gettext("Marked as contacted.")
            if flag["status"] == CONTACTED
            else self.gettext("Marked as resolved."),
        }

    @spoc_handler(NOTE_SHAPE, trainer_only=True)
    def add_flag_note(self, data, viewer):
        note = data["note"].strip()
        if not note:
            raise HandlerError(_("Write the note before saving it."), field="note")
        try:
            learner = api.add_flag_note(self.usage_key, data["flag_id"], viewer.anonymous_id, note)
        except api.NotFound as missing:
            raise HandlerError(_("This flag no longer exists."), status=404) from missing
        self.publish_event("flag_note_added", {"flag_id": data["flag_id"]})
        return {"html": self._detail_html(learner), "message": self.gettext("Note saved.")}

    # ---- nudges: shown at the learner's next visit, emailed once due -----------------------------

    def _nudge_help(self) -> str:
        """What becomes of a nudge, for the trainer writing one."""
        if workflow.nudge_emails_on(self):
            return self.gettext(
                "Shown at their next visit to this block, and emailed when due, unless they have "
                "been active since you sent it."
            )
        shown = self.gettext(
            "Shown at their next visit to this block, unless they have been active since you "
            "sent it."
        )
        return shown if email_configured() else " ".join([shown, email_off_text(self)])

    def _nudge_html(self, flagged: int) -> str:
        """The form that nudges every flagged learner."""
        return render_template(
            self,
            "templates/trainer_nudge.html",
            {
                "block_id": html_id(self),
                "flagged": flagged,
                "text_limit": TEXT_LIMIT,
                "nudge_help": self._nudge_help(),
                "email_report": email_report(
                    self, latest_job(self.usage_key, workflow.send_due_emails)
                ),
            },
        )

    @spoc_handler(NUDGE_SHAPE, trainer_only=True)
    def send_nudge(self, data, viewer):
        message = data["message"].strip()
        if not message:
            raise HandlerError(_("Write the message before sending the nudge."), field="message")
        skipped = []
        if data["target"] == "learner":
            if not data["learner_id"] or not workflow.in_cohort(self, data["learner_id"]):
                raise HandlerError(_("This learner is not in the cohort."))
            learners = [data["learner_id"]]
        else:
            learners, skipped = workflow.learners_to_nudge(self)
            if not learners and not skipped:
                raise HandlerError(_("No learner is flagged at the moment."))
            if not learners:
                raise HandlerError(
                    _("Every flagged learner already has a nudge waiting for their next visit.")
                )
            if not data["confirmed"]:
                return self._ask_before_nudging(learners, skipped)
        now = timezone.now()
        email_due = (
            now + timedelta(hours=self.nudge_email_delay_hours)
            if workflow.nudge_emails_on(self)
            else None
        )
        count = api.queue_nudges(
            self.course_key, self.usage_key, learners, message, viewer.anonymous_id, email_due
        )
        self.publish_event(
            "nudge_queued",
            {"target": data["target"], "learners": count, "email": email_due is not None},
        )
        if email_due is not None:
            queue_job(self, workflow.send_due_emails, run_after=email_due)
        return {
            "html": self._detail_html(data["learner_id"])
            if data["target"] == "learner"
            else self._nudge_html(len(learners)),
            "message": " ".join(
                [
                    self.ngettext(
                        "Nudge queued for {count} learner: shown at their next visit.",
                        "Nudge queued for {count} learners: shown at their next visit.",
                        count,
                    ).format(count=count),
                    self._skipped_text(skipped),
                ]
            ).strip(),
        }

    def _skipped_text(self, skipped: list[str]) -> str:
        if not skipped:
            return ""
        return self.ngettext(
            "{count} flagged learner already had a nudge waiting and was left out.",
            "{count} flagged learners already had a nudge waiting and were left out.",
            len(skipped),
        ).format(count=len(skipped))

    def _ask_before_nudging(self, learners: list[str], skipped: list[str]) -> dict:
        """The question before a nudge to every flagged learner, naming who will get it."""
        names = workflow.learner_names(self, learners)
        shown = sorted((names.get(learner) or learner[:8] for learner in learners), key=str.lower)
        question = self.ngettext(
            "Send this nudge to {count} flagged learner?",
            "Send this nudge to {count} flagged learners?",
            len(learners),
        ).format(count=len(learners))
        if skipped:
            question += " " + self.ngettext(
                "{count} other flagged learner already has a nudge waiting and is left out.",
                "{count} other flagged learners already have a nudge waiting and are left out.",
                len(skipped),
            ).format(count=len(skipped))
        action = self.ngettext(
            "Send to {count} learner", "Send to {count} learners", len(learners)
        ).format(count=len(learners))
        return ask_first(question, action, shown)
