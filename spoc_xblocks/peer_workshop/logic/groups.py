"""Small groups of 3 to 6: balanced groups from a list of learners, and newcomers placed in the
smallest groups."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

MIN_GROUP_SIZE, MAX_GROUP_SIZE = 3, 6


def seeded_rank(seed: str, item: str) -> str:
    """A stable pseudo-random sort key: the same seed always orders the same items the same way."""
    return hashlib.sha256(f"{seed}\x00{item}".encode()).hexdigest()


def seeded_order(items: Iterable[str], seed: str) -> list[str]:
    return sorted(items, key=lambda item: seeded_rank(seed, item))


def group_count(learners: int, size: int) -> int:
    """How many groups of about `size` learners; every group then holds 3 to 6 when there are 3 or
    more."""
    if learners <= 0:
        return 0
    count = max(1, round(learners / size))
    while count > 1 and learners / count < MIN_GROUP_SIZE:
        count -= 1
    while learners / count > MAX_GROUP_SIZE:
        count += 1
    return count


def balanced_groups(learners: Sequence[str], size: int, seed: str) -> list[list[str]]:
    """Learners dealt into groups whose sizes differ by one at most, in a seeded random order."""
    ordered = seeded_order(dict.fromkeys(learners), seed)
    count = group_count(len(ordered), size)
    return [sorted(ordered[index::count]) for index in range(count)]


def place_newcomers(
    groups: Mapping[str, str], newcomers: Sequence[str], seed: str
) -> dict[str, str]:
    """Group labels for learners who have none: each joins the currently smallest group.

    With no group at all yet, the newcomers form balanced groups of their own, labelled "1", "2"...
    """
    sizes: dict[str, int] = {}
    for label in groups.values():
        sizes[label] = sizes.get(label, 0) + 1
    placed = {}
    if not sizes:
        for index, members in enumerate(balanced_groups(newcomers, 4, seed), start=1):
            placed.update({member: str(index) for member in members})
        return placed
    for learner in seeded_order(newcomers, seed):
        label = min(sizes, key=lambda name: (sizes[name], _label_key(name)))
        placed[learner] = label
        sizes[label] += 1
    return placed


def _label_key(label: str):
    return (0, int(label), "") if label.isdigit() else (1, 0, label)


def sorted_labels(labels: Iterable[str]) -> list[str]:
    """Group labels in a natural order: 1, 2, 10, then names."""
    return sorted(set(labels), key=_label_key)


def next_label(labels: Iterable[str]) -> str:
    numbers = [int(label) for label in labels if label.isdigit()]
    return str(max(numbers, default=0) + 1)
