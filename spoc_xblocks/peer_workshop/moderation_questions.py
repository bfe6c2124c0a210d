"""What a moderation decision will do, said to the trainer before it is taken: whose review and
whose grade it touches, and the grade before and after."""

from __future__ import annotations

import dataclasses

from spoc_xblocks.common.confirmations import ask_first
from spoc_xblocks.common.roster import display_names

from . import api
from .grades import compute_grades, open_items, percent
from .logic import phases


def _names(block, learners) -> dict[str, str]:
    return display_names(block, sorted(set(learners)))


def _grade(computed, learner: str) -> str:
    grade = computed.grades.get(learner)
    return percent(grade.value if grade else None) or "–"


def set_aside_question(block, slot) -> dict:
    """Ask before a review is set aside: it stops counting, and the author's grade moves."""
    reviews = api.reviews.all_reviews(block.usage_key)
    before = compute_grades(block, reviews=reviews)
    after = compute_grades(
        block,
        submissions=before.submissions,
        reviews=[
            dataclasses.replace(row, excluded=True) if row.id == slot.id else row for row in reviews
        ],
    )
    names = _names(block, [slot.author_id, slot.reviewer_id])
    author, reviewer = names.get(slot.author_id, ""), names.get(slot.reviewer_id, "")
    question = block.gettext(
        "Set aside the review by {reviewer} of the work of {author}? It will no longer count: "
        "the grade of {author} goes from {before} to {after}."
    ).format(
        reviewer=reviewer,
        author=author,
        before=_grade(before, slot.author_id),
        after=_grade(after, slot.author_id),
    )
    return ask_first(question, block.gettext("Set the review aside"), [author, reviewer])


def open_item(block, key: str):
    """The open moderation item with this key, or None when it was dealt with already."""
    state = api.workshop.workshop_state(block.usage_key)
    computed = compute_grades(block)
    review_closed = phases.at_least(state.phase, phases.GRADING)
    item = next(
        (item for item in open_items(block, computed, review_closed) if item.key == key), None
    )
    return item, computed


def keep_question(block, item, computed) -> dict:
    """Ask before an item is kept as it is: it leaves the queue and the grade stays."""
    author = _names(block, [item.author]).get(item.author, "")
    question = block.gettext(
        "Keep things as they are? The item leaves the queue and the grade of {author} stays "
        "{grade}."
    ).format(author=author, grade=_grade(computed, item.author))
    return ask_first(question, block.gettext("Keep as it is"), [author])
