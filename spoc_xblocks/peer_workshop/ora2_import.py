"""A whole ORA2 problem (`<openassessment>`) read into the workshop's settings: its title,
prompts, rubric, steps and dates, with a sentence for each part the workshop cannot take.

Read as ORA2 reads it: `<prompts>` wins over the rubric's legacy `<prompt>`; a date's offset is
dropped and the time taken as UTC; booleans are true only for "True" or "true". Nothing is left
out silently: what has no equivalent here comes back as a sentence for the author."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import UTC, datetime

from spoc_xblocks.common.olx import OlxError, element_text
from spoc_xblocks.common.text import Message, _

from .logic.grading import MEAN, MEDIAN
from .logic.rubric import Rubric
from .olx import rubric_from_element

ORA2_TAG = "openassessment"
MIN_REVIEWS, MAX_REVIEWS = 1, 6
MAX_TITLE_LENGTH = 255
ASSESSMENT_NAMES = ("peer-assessment", "self-assessment", "student-training", "staff-assessment")
DATES = (("submission_opens", "submission_start"), ("submission_due", "submission_due"))
# ORA2's file_upload_type choices, as the workshop's extensions.
ORA2_FILE_TYPES = {
    "image": ".png, .jpg, .jpeg, .gif",
    "pdf-and-image": ".pdf, .png, .jpg, .jpeg, .gif",
}
# Attributes read below, or without meaning once imported (ORA2 itself ignores display_name).
READ_ATTRIBUTES = {
    "submission_start",
    "submission_due",
    "text_response",
    "file_upload_response",
    "allow_file_upload",
    "file_upload_type",
    "white_listed_file_types",
    "allow_multiple_files",
    "prompts_type",
    "display_name",
    "url_name",
}
# ORA2 features the workshop does not have, when switched on.
ORA2_FEATURES = {
    "allow_latex": _("LaTeX rendering (allow_latex) is not brought: the workshop shows no LaTeX."),
    "allow_learner_resubmissions": _(
        "Resubmissions (allow_learner_resubmissions) are not brought: a learner submits once."
    ),
    "teams_enabled": _(
        "Team submissions (teams_enabled) are not brought: each learner submits their own work."
    ),
    "show_rubric_during_response": _(
        "Showing the rubric while learners write (show_rubric_during_response) is not brought."
    ),
}


@dataclass(frozen=True)
class Ora2Problem:
    """What an `<openassessment>` brings: the rubric, the workshop settings it sets (field name to
    value), and a sentence for each part left behind."""

    rubric: Rubric
    settings: dict = field(default_factory=dict)
    left_out: list = field(default_factory=list)  # Message


def _true(value: str | None) -> bool:
    return value in ("True", "true")


def _date(element, name: str) -> datetime | None:
    text = (element.get(name) or "").strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise OlxError(
            _("{name}='{value}' is not a date such as 2030-03-09T23:59:00."),
            element,
            name=name,
            value=text[:40],
        ) from error
    return moment.replace(tzinfo=UTC)  # ORA2 drops the offset, it does not convert


def _prompt_html(root, rubric_element) -> str:
    """The workshop's assignment: each ORA2 prompt in turn, text prompts escaped as paragraphs."""
    prompts = root.find("prompts")
    if prompts is not None:
        texts = [element_text(prompt.find("description")) for prompt in prompts.findall("prompt")]
    else:
        texts = [element_text(rubric_element.find("prompt"))] if rubric_element is not None else []
    texts = [text for text in texts if text]
    if root.get("prompts_type") == "html":
        return "\n".join(texts)
    return "\n".join("<p>" + html.escape(text).replace("\n", "<br>") + "</p>" for text in texts)


def _file_settings(root, settings: dict, left_out: list) -> None:
    uploads = root.get("file_upload_response")
    if uploads is None and (_true(root.get("allow_file_upload")) or root.get("file_upload_type")):
        uploads = "optional"
    settings["allow_files"] = uploads in ("optional", "required")
    if uploads == "required":
        left_out.append(Message(_("Required files are not brought: files stay optional.")))
    if root.get("text_response") == "none":
        left_out.append(
            Message(_("A response without text (text_response='none') is not brought."))
        )
    kind = root.get("file_upload_type")
    if kind == "custom" and root.get("white_listed_file_types"):
        extensions = [
            item.strip().lstrip(".") for item in root.get("white_listed_file_types").split(",")
        ]
        settings["file_types"] = ", ".join(f".{item}" for item in extensions if item)
    elif kind in ORA2_FILE_TYPES:
        settings["file_types"] = ORA2_FILE_TYPES[kind]
    if root.get("allow_multiple_files") in ("False", "false"):
        settings["max_files"] = 1


def _peer_step(step, settings: dict, left_out: list) -> None:
    try:
        graded_by = int(step.get("must_be_graded_by", ""))
        must_grade = int(step.get("must_grade", ""))
    except ValueError as error:
        raise OlxError(
            _("The peer step needs whole numbers in must_grade and must_be_graded_by."), step
        ) from error
    reviews = min(max(graded_by, MIN_REVIEWS), MAX_REVIEWS)
    settings["reviews"] = reviews
    if reviews != graded_by:
        left_out.append(
            Message(
                _("Each response needed {wanted} reviews; the workshop takes {reviews}."),
                {"wanted": graded_by, "reviews": reviews},
            )
        )
    if must_grade != graded_by:
        left_out.append(
            Message(
                _(
                    "Each learner had to grade {must_grade} responses: here each learner reviews "
                    "as many as each work receives ({reviews})."
                ),
                {"must_grade": must_grade, "reviews": reviews},
            )
        )
    due = _date(step, "due")
    if due is not None:
        settings["review_due"] = due
    if _date(step, "start") is not None:
        left_out.append(
            Message(
                _("The peer step's start is not brought: reviews start when submissions close.")
            )
        )
    if _true(step.get("enable_flexible_grading")):
        left_out.append(Message(_("Flexible peer grading is not brought.")))
    if step.get("grading_strategy") in (MEAN, MEDIAN):
        settings["aggregation"] = step.get("grading_strategy")


def _steps(root, settings: dict, left_out: list) -> None:
    assessments = root.find("assessments")
    if assessments is None:
        return
    steps = {step.get("name") or "": step for step in assessments.findall("assessment")}
    if "peer-assessment" in steps:
        _peer_step(steps["peer-assessment"], settings, left_out)
    else:
        left_out.append(Message(_("ORA2 had no peer step: the workshop always has peer review.")))
    settings["self_assessment"] = "self-assessment" in steps
    self_step = steps.get("self-assessment")
    if self_step is not None and (self_step.get("start") or self_step.get("due")):
        left_out.append(
            Message(_("The self step's dates are not brought: it follows the review phase."))
        )
    if "student-training" in steps:
        left_out.append(
            Message(
                _(
                    "Learner training and its examples are not brought: the workshop has no "
                    "training step."
                )
            )
        )
    staff = steps.get("staff-assessment")
    if staff is not None and _true(staff.get("required")):
        settings["peer_weight"] = 0  # ORA2's required staff grade replaces the peers'
    for name in sorted(set(steps) - set(ASSESSMENT_NAMES)):
        left_out.append(Message(_("The step '{name}' is not brought."), {"name": str(name)[:50]}))


def _other_attributes(root, left_out: list) -> None:
    for name, value in root.attrib.items():
        if name in READ_ATTRIBUTES:
            continue
        if name in ORA2_FEATURES:
            if _true(value):
                left_out.append(Message(ORA2_FEATURES[name]))
        elif name == "leaderboard_show":
            if value.strip() not in ("", "0"):
                left_out.append(Message(_("The leaderboard (leaderboard_show) is not brought.")))
        else:
            left_out.append(
                Message(
                    _("The setting {name}='{value}' is not brought."),
                    {"name": name[:50], "value": value[:50]},
                )
            )


def ora2_problem(root) -> Ora2Problem:
    """Read an `<openassessment>`; OlxError when its rubric, a date or a step is unreadable."""
    rubric_element = root.find("rubric")
    rubric = rubric_from_element(root)
    settings, left_out = {}, []
    title = element_text(root.find("title"))
    if title:
        settings["display_name"] = title[:MAX_TITLE_LENGTH]
    prompt = _prompt_html(root, rubric_element)
    if prompt:
        settings["prompt"] = prompt
    for ours, theirs in DATES:
        moment = _date(root, theirs)
        if moment is not None:
            settings[ours] = moment
    _file_settings(root, settings, left_out)
    _steps(root, settings, left_out)
    _other_attributes(root, left_out)
    known = {"title", "prompts", "rubric", "assessments"}
    for child in root:
        if isinstance(child.tag, str) and child.tag not in known:
            left_out.append(Message(_("<{tag}> is not brought."), {"tag": child.tag[:50]}))
    return Ora2Problem(rubric, settings, left_out)
