"""The trainer's moderation queue: strong disagreement, reviews flagged as unfair, very short
reviews, gaps."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from .grading import PEER, TRAINER
from .rubric import Rubric

SPREAD, FLAGGED, SHORT, UNREVIEWED, TRAINER_NEEDED = (
    "spread",
    "flagged",
    "short",
    "unreviewed",
    "trainer_needed",
)
KINDS = (FLAGGED, SPREAD, SHORT, UNREVIEWED, TRAINER_NEEDED)


@dataclass(frozen=True)
class ReviewFacts:
    """What moderation needs to know of one completed review (no text, only its length)."""

    key: str
    reviewer: str
    kind: str
    points: Mapping[str, float]
    comment_length: int = 0
    flagged: bool = False
    excluded: bool = False


@dataclass(frozen=True)
class ModerationRules:
    spread_threshold: float = (
        0.5  # share of a criterion's range between the lowest and highest peer score
    )
    min_comment_length: int = 0  # characters of comments below which a review is "very short"
    trainer_only: bool = False
    review_closed: bool = (
        False  # after the review phase, a submission nobody reviewed needs the trainer
    )


@dataclass(frozen=True)
class Item:
    key: str
    kind: str
    author: str
    review: str = ""
    criteria: tuple[str, ...] = ()  # what the reviewers disagree on, most apart first
    spread: float = 0.0  # the widest of those disagreements


def moderation_queue(
    rubric: Rubric,
    reviews_by_author: Mapping[str, Sequence[ReviewFacts]],
    authors: Sequence[str],
    rules: ModerationRules,
    resolved: Collection[str],
) -> list[Item]:
    """Open items, most urgent kinds first (flags, disagreement, short reviews, missing
    assessments)."""
    items = []
    for author in authors:
        reviews = reviews_by_author.get(author, ())
        peers = [review for review in reviews if review.kind == PEER]
        counted = [review for review in peers if not review.excluded]
        trainer_assessed = any(review.kind == TRAINER for review in reviews)
        items.extend(
            Item(f"flag:{review.key}", FLAGGED, author, review.key)
            for review in peers
            if review.flagged
        )
        items.extend(_spread_items(rubric, author, counted, rules.spread_threshold))
        if rules.min_comment_length > 0:
            items.extend(
                Item(f"short:{review.key}", SHORT, author, review.key)
                for review in counted
                if review.comment_length < rules.min_comment_length
            )
        if not trainer_assessed and rules.trainer_only:
            items.append(Item(f"trainer:{author}", TRAINER_NEEDED, author))
        elif not trainer_assessed and not counted and rules.review_closed:
            items.append(Item(f"unreviewed:{author}", UNREVIEWED, author))
    open_items = [item for item in items if item.key not in resolved]
    return sorted(open_items, key=lambda item: KINDS.index(item.kind))


def keys_about(author: str, review_keys: Collection[str]) -> tuple[list[str], str]:
    """The keys of every item about an author's submission: exact keys (given the keys of its
    reviews), and the prefix of the disagreement items once kept one per criterion."""
    exact = [f"trainer:{author}", f"unreviewed:{author}", f"spread:{author}"]
    exact += [f"{kind}:{key}" for key in review_keys for kind in ("flag", "short")]
    return exact, f"spread:{author}:"


def _spread_items(rubric: Rubric, author: str, reviews: Sequence[ReviewFacts], threshold: float):
    """One item for a submission whose reviewers disagree strongly, naming every such criterion."""
    spreads = {}
    for criterion in rubric.criteria:
        values = [
            review.points[criterion.name] for review in reviews if criterion.name in review.points
        ]
        span = criterion.max_points - criterion.min_points
        if len(values) < 2 or span <= 0:
            continue
        spread = (max(values) - min(values)) / span
        if spread > threshold:
            spreads[criterion.name] = spread
    if spreads:
        criteria = tuple(sorted(spreads, key=lambda name: -spreads[name]))
        yield Item(
            f"spread:{author}", SPREAD, author, criteria=criteria, spread=spreads[criteria[0]]
        )
