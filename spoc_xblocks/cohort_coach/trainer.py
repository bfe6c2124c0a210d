"""The trainer's dashboard: a row per learner with activity, check-in regularity, confidence trend, progress,
scores and at-risk reasons in words; one learner's detail with their check-ins, threads, goals and flag."""

from __future__ import annotations

from django.utils import timezone
from django.utils.safestring import mark_safe

from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.i18n import gettext_for, ngettext_for
from spoc_xblocks.common.keys import usage_key_for
from spoc_xblocks.common.payloads import Integer, String
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.roster import course_roster, display_names, usernames_of
from spoc_xblocks.common.text import _
from spoc_xblocks.common.times import day_html, days_ago_text, time_html

from . import api
from .learner import TEXT_LIMIT, mood_labels, present_checkins
from .logic.followup import CONTACTED, OPEN, RESOLVED, what_followed
from .logic.phrases import reasons_text
from .table_cells import row_cells, table_labels
from .workflow import CohortSnapshot, read_cohort

PAGE_SIZE = 50
FILTERS = ("all", "at_risk")
PAGE_SHAPE = {"page": Integer(minimum=1, maximum=100_000), "filter": String(choices=FILTERS)}
LEARNER_SHAPE = {"learner_id": String(max_length=255)}
ACTIVE_FLAG = (OPEN, CONTACTED)


def flag_labels(gettext) -> dict:
    return {OPEN: gettext("Open"), CONTACTED: gettext("Contacted"), RESOLVED: gettext("Resolved")}


def nudge_labels(gettext) -> dict:
    return {
        "queued": gettext("waiting for their next visit"),
        "shown": gettext("seen"),
        "suppressed": gettext("not sent: active again since"),
    }


def _sort_key(row, flags: dict, names: dict):
    flag = flags.get(row.learner_id)
    active = flag is not None and flag["status"] in ACTIVE_FLAG
    return (-len(row.reasons), not active, names.get(row.learner_id, row.learner_id).lower())


class TrainerMixin:
    """The dashboard page, its paginated learner table and one learner's detail."""

    def roster_usernames(self) -> dict[str, str]:
        return usernames_of(course_roster(self))

    def learner_names(self, ids=(), usernames: dict | None = None) -> dict[str, str]:
        """Names for trainer views: the roster's usernames, else the user service's for the ids asked."""
        usernames = usernames if usernames is not None else self.roster_usernames()
        return {**usernames, **display_names(self, ids, usernames)}

    def trainer_html(self, viewer) -> str:
        now = timezone.now()
        snapshot = read_cohort(self, now)
        self.send_due_emails(now, snapshot.activity)
        names = snapshot.usernames
        at_risk = sum(1 for row in snapshot.view.rows if row.reasons)
        flagged = sum(1 for flag in snapshot.flags.values() if flag["status"] in ACTIVE_FLAG)
        return render_template(
            self,
            "templates/trainer.html",
            {
                "block_id": html_id(self),
                "display_name": self.display_name,
                "learners": len(snapshot.view.rows),
                "at_risk": at_risk,
                "flagged": flagged,
                "text_limit": TEXT_LIMIT,
                "table": mark_safe(self.table_html(snapshot, names, 1, "all")),
                "kpis": mark_safe(self.kpis_html(snapshot)),
                "slots": mark_safe(self.slots_html(now, names)),
                "learners_csv": self.runtime.handler_url(self, "export_learners"),
                "completion_note": self.completion_service_note(),
                "nudge_help": self.nudge_help(),
            },
        )

    # ---- the learner table ------------------------------------------------------------------------------

    def table_html(self, snapshot: CohortSnapshot, names: dict, page: int, filter_: str) -> str:
        gettext, ngettext = gettext_for(self), ngettext_for(self)
        rows = snapshot.view.rows
        if filter_ == "at_risk":
            rows = [
                row
                for row in rows
                if row.reasons
                or (snapshot.flags.get(row.learner_id) or {}).get("status") in ACTIVE_FLAG
            ]
        rows = sorted(rows, key=lambda row: _sort_key(row, snapshot.flags, names))
        pages = max(1, -(-len(rows) // PAGE_SIZE))
        page = min(page, pages)
        shown = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        names = self.learner_names([row.learner_id for row in shown], names)
        nudges = api.latest_nudges(usage_key_for(self))
        return render_template(
            self,
            "templates/trainer_table.html",
            {
                "block_id": html_id(self),
                "labels": table_labels(gettext),
                "rows": [
                    self._row(index, row, snapshot, names, nudges, gettext, ngettext)
                    for index, row in enumerate(shown)
                ],
                "page": page,
                "pages": pages,
                "filter": filter_,
                "total": len(rows),
                "previous": page - 1 if page > 1 else None,
                "next": page + 1 if page < pages else None,
            },
        )

    def _row(self, index, row, snapshot, names, nudges, gettext, ngettext) -> dict:
        nudge = nudges.get(row.learner_id)
        cells = row_cells(
            row,
            names.get(row.learner_id) or row.learner_id[:8],
            snapshot.now,
            html_id(self, f"trend-{index}"),
            gettext,
            ngettext,
        )
        return {
            **cells,
            "flag": self._flag_view(
                snapshot.flags.get(row.learner_id),
                snapshot,
                gettext,
                ngettext,
                cleared=not row.reasons,
            ),
            "nudge": gettext("nudge: {status}").format(
                status=nudge_labels(gettext)[nudge["status"]]
            )
            if nudge
            else "",
            "nudge_emailed": gettext("emailed") if nudge and nudge["emailed_at"] else "",
        }

    def _flag_view(self, flag, snapshot, gettext, ngettext, cleared: bool) -> dict | None:
        if flag is None:
            return None
        last = (snapshot.activity.get(flag["learner_id"]) or {}).get("last_activity")
        return {
            **flag,
            "label": flag_labels(gettext)[flag["status"]],
            "cleared": cleared and flag["status"] in ACTIVE_FLAG,
            "opened_html": time_html(flag["opened_at"]),
            "followed": self._followed_text(flag, last, snapshot.now, gettext, ngettext),
        }

    @staticmethod
    def _followed_text(flag, last_activity, now, gettext, ngettext) -> str:
        outcome = what_followed(flag["contacted_at"], last_activity, now)
        if outcome is None:
            return ""
        if outcome.kind == "active_again":
            if outcome.days == 0:
                return gettext("active again the day of contact")
            return ngettext(
                "active again {count} day after contact",
                "active again {count} days after contact",
                outcome.days,
            ).format(count=outcome.days)
        return ngettext(
            "no activity since contact ({count} day)",
            "no activity since contact ({count} days)",
            outcome.days,
        ).format(count=outcome.days)

    @spoc_handler(PAGE_SHAPE, trainer_only=True, writes=False)
    def dashboard_page(self, data, viewer):
        snapshot = read_cohort(self, timezone.now())
        return {"html": self.table_html(snapshot, snapshot.usernames, data["page"], data["filter"])}

    # ---- one learner ------------------------------------------------------------------------------------

    def learner_detail_html(self, learner_id: str, snapshot: CohortSnapshot | None = None) -> str:
        gettext, ngettext = gettext_for(self), ngettext_for(self)
        now = timezone.now()
        snapshot = snapshot or read_cohort(self, now)
        # A learner who left the cohort keeps their history (a reply to them must not fail): no reasons, though.
        row = next((item for item in snapshot.view.rows if item.learner_id == learner_id), None)
        usage_key = usage_key_for(self)
        names = self.learner_names([learner_id], snapshot.usernames)
        flags = api.learner_flags(usage_key, learner_id)
        last = (snapshot.activity.get(learner_id) or {}).get("last_activity")
        booking = next(
            (
                slot
                for slot in api.upcoming_slots(usage_key, now)
                if slot["learner_id"] == learner_id
            ),
            None,
        )
        for flag in flags:
            flag.update(
                label=flag_labels(gettext)[flag["status"]],
                opened_html=time_html(flag["opened_at"]),
                reasons_text=reasons_text(flag["reasons"], gettext, ngettext),
                followed=self._followed_text(flag, last, now, gettext, ngettext),
                notes=[
                    {**note, "created_html": time_html(note["created"])} for note in flag["notes"]
                ],
            )
        name = names.get(learner_id) or learner_id[:8]
        checkins = present_checkins(
            api.learner_checkins(usage_key, learner_id), mood_labels(gettext)
        )
        return render_template(
            self,
            "templates/trainer_learner.html",
            {
                "block_id": html_id(self),
                "learner_id": learner_id,
                "name": name,
                "reasons": reasons_text(row.reasons, gettext, ngettext) if row else [],
                "current_flag": flags[0] if flags and flags[0]["status"] in ACTIVE_FLAG else None,
                "earlier_flags": [flag for flag in flags if flag["status"] == RESOLVED],
                "checkins": mark_safe(
                    self.checkins_html(checkins, can_reply=True, learner_name=name, level=6)
                )
                if checkins
                else "",
                "goals": [
                    {**goal, "target_html": day_html(goal["target"])}
                    for goal in api.learner_goals(usage_key, learner_id)
                ],
                "booking_html": time_html(booking["starts"]) if booking else "",
                "last_activity_text": days_ago_text(last, now, ngettext, gettext),
                "text_limit": TEXT_LIMIT,
                "nudge_help": self.nudge_help(),
            },
        )

    @spoc_handler(LEARNER_SHAPE, trainer_only=True, writes=False)
    def learner_detail(self, data, viewer):
        snapshot = read_cohort(self, timezone.now())
        if data["learner_id"] not in snapshot.learner_ids:
            raise HandlerError(_("This learner is not in the cohort."), status=404)
        return {"html": self.learner_detail_html(data["learner_id"], snapshot)}
