"""Who reviews whom: the allocation when review opens, late submissions, and reassignment when a
reviewer is absent.

Guarantees (checked by the property tests):
- nobody reviews their own work, and no pair (reviewer, author) appears twice;
- every submission gets `reviews` peer reviewers, or as many as its pool allows plus one trainer
  slot;
- group rules hold for every peer slot ("group": same group; "other_groups": another group);
- loads are balanced: every reviewer gets `reviews` when the pools are large enough, and incremental
  changes only ever give a review to a least-loaded reviewer, so max - min stays at most 1;
- the same inputs and seed always give the same result.

The initial allocation places reviewers on a circle (in a seeded order) and has each review the
learners at R fixed distances ahead: every learner then reviews exactly R and is reviewed exactly R
times. Across groups, learners are dealt group by group so that same-group learners sit apart, and
only distances that never join two members of one group are used; when fewer than R such distances
exist, the remaining rounds are filled greedily by the least-loaded eligible reviewer."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .groups import seeded_order, seeded_rank

TRAINER = "@trainer"
ANYONE, SAME_GROUP, OTHER_GROUPS = "anyone", "group", "other_groups"
SCOPES = (SAME_GROUP, OTHER_GROUPS, ANYONE)
# Distances tried before falling back to greedy rounds (each check costs one pass over the circle).
MAX_DISTANCE_TRIES = 200
# Up to this many submissions, awkward group sizes are solved exactly by a maximum flow.
MAX_FLOW_COHORT = 200


@dataclass(frozen=True)
class Slot:
    """One review to do: `reviewer` (a learner id, or TRAINER) reviews the submission of
    `author`."""

    reviewer: str
    author: str


@dataclass(frozen=True)
class LiveSlot:
    """A slot as it stands during the review phase: done, started (a draft exists) or untouched."""

    key: str
    reviewer: str
    author: str
    done: bool = False
    started: bool = False


@dataclass(frozen=True)
class Pool:
    """The rule of the workshop and the learners who may be given reviews right now."""

    active: frozenset
    groups: Mapping[str, str]
    scope: str
    seed: str

    def group_of(self, learner: str) -> str:
        return self.groups.get(learner) or ""

    def may_review(self, reviewer: str, author: str) -> bool:
        if reviewer == author:
            return False
        if self.scope == SAME_GROUP:
            return self.group_of(reviewer) == self.group_of(author)
        if self.scope == OTHER_GROUPS:
            return _across_group(self.groups, reviewer) != _across_group(self.groups, author)
        return True

    def compared_with(self, reviewer: str) -> Iterable[str]:
        """The learners whose loads must stay within one of this reviewer's (their group, within
        groups)."""
        if self.scope == SAME_GROUP:
            group = self.group_of(reviewer)
            return (learner for learner in self.active if self.group_of(learner) == group)
        return self.active


def _across_group(groups: Mapping[str, str], learner: str) -> str:
    """Across groups, a learner without a group stands alone: they may review, and be reviewed by,
    anyone."""
    return groups.get(learner) or f"\x00{learner}"


# ---- initial allocation --------------------------------------------------------------------------


def allocate(
    authors: Sequence[str], reviews: int, groups: Mapping[str, str], scope: str, seed: str
) -> list[Slot]:
    """The slots for every submission when review opens (`authors`: one submission each)."""
    authors = list(dict.fromkeys(authors))
    if scope == SAME_GROUP:
        pools = defaultdict(list)
        for author in authors:
            pools[groups.get(author) or ""].append(author)
        return [
            slot
            for label in sorted(pools)
            for slot in _circle(pools[label], reviews, f"{seed}:{label}")
        ]
    if scope == OTHER_GROUPS:
        return _across(authors, reviews, groups, seed)
    return _circle(authors, reviews, seed)


def _distances(count: int, wanted: int, seed: str) -> list[int]:
    return random.Random(f"{seed}:distances").sample(range(1, count), wanted) if wanted > 0 else []


def _circle(members: Sequence[str], reviews: int, seed: str) -> list[Slot]:
    """Each member reviews the members at R distinct distances ahead on a seeded circle."""
    order = seeded_order(members, seed)
    count = len(order)
    peers = min(reviews, count - 1)
    slots = [
        Slot(order[index], order[(index + distance) % count])
        for distance in _distances(count, peers, seed)
        for index in range(count)
    ]
    if peers < reviews:
        slots.extend(Slot(TRAINER, author) for author in order)
    return slots


def _dealt(authors: Sequence[str], groups: Mapping[str, str], seed: str) -> list[str]:
    """Authors dealt one group at a time (largest groups first), so members of a group sit far
    apart."""
    pools = defaultdict(list)
    for author in authors:
        pools[_across_group(groups, author)].append(author)
    labels = sorted(pools, key=lambda label: (-len(pools[label]), seeded_rank(seed, label)))
    hands = [seeded_order(pools[label], f"{seed}:{label}") for label in labels]
    return [
        hand[turn]
        for turn in range(max((len(hand) for hand in hands), default=0))
        for hand in hands
        if turn < len(hand)
    ]


def _across(
    authors: Sequence[str], reviews: int, groups: Mapping[str, str], seed: str
) -> list[Slot]:
    order = _dealt(authors, groups, seed)
    count = len(order)
    labels = [_across_group(groups, author) for author in order]
    candidates = list(range(1, count))
    random.Random(f"{seed}:distances").shuffle(candidates)
    distances = []
    for distance in candidates[:MAX_DISTANCE_TRIES]:
        if len(distances) == reviews:
            break
        if not any(a == b for a, b in zip(labels, labels[distance:] + labels[:distance])):
            distances.append(distance)
    if len(distances) < reviews and count <= MAX_FLOW_COHORT:
        return _by_flow(order, reviews, groups, seed)
    slots = [
        Slot(order[index], order[(index + distance) % count])
        for distance in distances
        for index in range(count)
    ]
    if len(distances) < reviews:
        slots = _fill_greedily(order, slots, reviews - len(distances), groups, seed)
    return slots


def _by_flow(order: list[str], reviews: int, groups: Mapping[str, str], seed: str) -> list[Slot]:
    """Every learner reviews R and is reviewed R times when the group sizes allow it (a maximum flow
    finds it); whatever cannot be matched goes to the trainer, one slot per submission."""
    pool = Pool(frozenset(order), groups, OTHER_GROUPS, seed)
    ranked = seeded_order(order, f"{seed}:reviewers")
    pairs = max_flow_pairs(ranked, order, reviews, pool.may_review)
    slots = [Slot(reviewer, author) for reviewer, author in pairs]
    received = Counter(author for _reviewer, author in pairs)
    slots.extend(Slot(TRAINER, author) for author in order if received[author] < reviews)
    return slots


def max_flow_pairs(
    reviewers: Sequence[str], authors: Sequence[str], capacity: int, allowed
) -> list[tuple[str, str]]:
    """The most (reviewer, author) pairs with at most `capacity` per reviewer and per author
    (Dinic's algorithm)."""
    size = len(reviewers) + len(authors) + 2
    source, sink = 0, size - 1
    graph: list[list[list]] = [[] for _ in range(size)]

    def edge(start, end, cap):
        graph[start].append([end, cap, len(graph[end])])
        graph[end].append([start, 0, len(graph[start]) - 1])

    for index, reviewer in enumerate(reviewers, start=1):
        edge(source, index, capacity)
        for offset, author in enumerate(authors):
            if allowed(reviewer, author):
                edge(index, len(reviewers) + 1 + offset, 1)
    for offset in range(len(authors)):
        edge(len(reviewers) + 1 + offset, sink, capacity)
    while True:
        level = _levels(graph, source)
        if level[sink] < 0:
            break
        cursor = [0] * size
        while _push(graph, level, cursor, source, sink, capacity):
            pass
    return [
        (reviewers[index - 1], authors[end - len(reviewers) - 1])
        for index in range(1, len(reviewers) + 1)
        for end, cap, _rev in graph[index]
        if end != source and cap == 0
    ]


def _levels(graph, source) -> list[int]:
    level = [-1] * len(graph)
    level[source] = 0
    queue = [source]
    for node in queue:
        for end, cap, _rev in graph[node]:
            if cap > 0 and level[end] < 0:
                level[end] = level[node] + 1
                queue.append(end)
    return level


def _push(graph, level, cursor, source, sink, limit) -> int:
    """One augmenting path in the level graph (iterative depth-first search); the flow it
    carried."""
    path, node = [], source
    while node != sink:
        edges = graph[node]
        while cursor[node] < len(edges):
            end, cap, _rev = edges[cursor[node]]
            if cap > 0 and level[end] == level[node] + 1:
                break
            cursor[node] += 1
        else:
            if not path:
                return 0
            level[node] = -1
            node = path.pop()
            cursor[node] += 1
            continue
        path.append(node)
        node = edges[cursor[node]][0]
    pushed = min(min(graph[start][cursor[start]][1] for start in path), limit)
    for start in path:
        forward = graph[start][cursor[start]]
        forward[1] -= pushed
        graph[forward[0]][forward[2]][1] += pushed
    return pushed


def _fill_greedily(
    order: list[str], slots: list[Slot], rounds: int, groups: Mapping[str, str], seed: str
) -> list[Slot]:
    """For cohorts too large for the flow: rounds in which each author gets its least-loaded
    eligible reviewer."""
    pool = Pool(frozenset(order), groups, OTHER_GROUPS, seed)
    loads = Counter(slot.reviewer for slot in slots)
    taken = {(slot.reviewer, slot.author) for slot in slots}
    slots = list(slots)
    ranked = seeded_order(order, f"{seed}:reviewers")
    with_trainer = set()
    for _round in range(rounds):
        for author in seeded_order(order, f"{seed}:round{_round}"):
            if author in with_trainer:
                continue
            eligible = [
                reviewer
                for reviewer in ranked
                if (reviewer, author) not in taken and pool.may_review(reviewer, author)
            ]
            if not eligible:
                slots.append(Slot(TRAINER, author))
                with_trainer.add(author)
                continue
            reviewer = min(eligible, key=lambda learner: loads[learner])
            slots.append(Slot(reviewer, author))
            loads[reviewer] += 1
            taken.add((reviewer, author))
    return slots


# ---- changes during the review phase -------------------------------------------------------------


def _loads(slots: Sequence[LiveSlot], learners: Iterable[str]) -> Counter:
    loads = Counter(dict.fromkeys(learners, 0))
    for slot in slots:
        if slot.reviewer in loads:
            loads[slot.reviewer] += 1
    return loads


def _least_loaded(
    author: str, pool: Pool, loads: Counter, taken: set, others_only: str = ""
) -> str | None:
    """The eligible learner with the lowest load, provided no learner they are compared with has
    less."""
    eligible = [
        learner
        for learner in pool.active
        if (learner, author) not in taken and pool.may_review(learner, author)
    ]
    if not eligible:
        return None
    chosen = min(eligible, key=lambda learner: (loads[learner], seeded_rank(pool.seed, learner)))
    floor = min(loads[learner] for learner in pool.compared_with(chosen) if learner != others_only)
    return chosen if loads[chosen] <= floor else None


def reassign(
    slots: Sequence[LiveSlot], leaving: Iterable[str], pool: Pool
) -> list[tuple[str, str | None]]:
    """New reviewers for the pending slots of learners who are absent or missed their deadline.

    Returns (slot key, new reviewer) pairs: a least-loaded active learner, TRAINER when none can
    take it without unbalancing the loads, or None when the trainer already has a slot on that
    submission. `pool.active` must not contain the leaving learners."""
    leaving = set(leaving)
    loads = _loads(slots, pool.active)
    taken = {(slot.reviewer, slot.author) for slot in slots}
    moves = []
    moving = [slot for slot in slots if slot.reviewer in leaving and not slot.done]
    for slot in sorted(moving, key=lambda item: seeded_rank(pool.seed, item.key)):
        reviewer = _least_loaded(slot.author, pool, loads, taken)
        if reviewer is None:
            reviewer = None if (TRAINER, slot.author) in taken else TRAINER
        if reviewer is not None:
            taken.add((reviewer, slot.author))
            loads[reviewer] += reviewer != TRAINER
        moves.append((slot.key, reviewer))
    return moves


@dataclass(frozen=True)
class LateAllocation:
    new_slots: list  # Slot: to create
    transfers: list  # (slot key, new reviewer): untouched slots handed to the late author
    released: list  # slot keys of trainer slots no longer needed


def allocate_late(
    slots: Sequence[LiveSlot], author: str, reviews: int, pool: Pool
) -> LateAllocation:
    """A submission arriving during the review phase.

    Its author first fills the missing peer places of submissions that had too few possible
    reviewers (their trainer slot is released once they have R peers); then the new submission gets
    least-loaded eligible reviewers (the trainer when none can take it); then its author takes
    untouched reviews from the busiest reviewers while that narrows the gap, so max - min stays at
    most 1. `pool.active` includes the late author."""
    loads = _loads(slots, pool.active)
    taken = {(slot.reviewer, slot.author) for slot in slots}
    filled, released = _fill_places(slots, author, reviews, pool, loads, taken)
    new_slots = []
    for _index in range(reviews):
        reviewer = _least_loaded(author, pool, loads, taken, others_only=author)
        if reviewer is None:
            new_slots.append(Slot(TRAINER, author))
            break
        new_slots.append(Slot(reviewer, author))
        loads[reviewer] += 1
        taken.add((reviewer, author))
    return LateAllocation(
        filled + new_slots, _take_over(slots, author, pool, loads, taken), released
    )


def _fill_places(slots, author, reviews, pool, loads, taken):
    """The late author reviews submissions short of peers, while their load stays at the lowest."""
    peers = Counter(slot.author for slot in slots if slot.reviewer != TRAINER)
    trainer_slots = {
        slot.author: slot
        for slot in slots
        if slot.reviewer == TRAINER and not slot.done and not slot.started
    }
    filled, released = [], []
    for other in seeded_order({slot.author for slot in slots}, f"{pool.seed}:fill"):
        if (
            peers[other] >= reviews
            or (author, other) in taken
            or not pool.may_review(author, other)
        ):
            continue
        if peers[other] + 1 >= reviews and other not in trainer_slots:
            # The trainer has started (or done) this one: it keeps its trainer, and its R - 1 peers.
            continue
        others = [loads[learner] for learner in pool.compared_with(author) if learner != author]
        if others and loads[author] > min(others):
            break
        filled.append(Slot(author, other))
        taken.add((author, other))
        loads[author] += 1
        peers[other] += 1
        if peers[other] >= reviews and other in trainer_slots:
            released.append(trainer_slots[other].key)
    return filled, released


def _take_over(slots: Sequence[LiveSlot], author: str, pool: Pool, loads: Counter, taken: set):
    transfers = []
    movable = [
        slot
        for slot in slots
        if not slot.done
        and not slot.started
        and slot.reviewer in pool.active
        and slot.reviewer != author
        and pool.may_review(author, slot.author)
    ]
    while True:
        candidates = [
            slot
            for slot in movable
            if loads[slot.reviewer] >= loads[author] + 2 and (author, slot.author) not in taken
        ]
        if not candidates:
            return transfers
        slot = max(
            candidates, key=lambda item: (loads[item.reviewer], seeded_rank(pool.seed, item.key))
        )
        movable.remove(slot)
        loads[slot.reviewer] -= 1
        loads[author] += 1
        taken.discard((slot.reviewer, slot.author))
        taken.add((author, slot.author))
        transfers.append((slot.key, author))
