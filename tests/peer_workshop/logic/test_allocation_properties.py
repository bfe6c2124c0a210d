"""Allocation properties: no self-review, exactly R each, balanced loads, group rules, same seed
same result."""

from collections import Counter

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from spoc_xblocks.peer_workshop.logic.allocation import (
    ANYONE,
    OTHER_GROUPS,
    SAME_GROUP,
    TRAINER,
    LiveSlot,
    Pool,
    allocate,
    allocate_late,
    reassign,
)

from .strategies import cohorts, equal_groups, reviews, scopes, seeds

PROPERTIES = settings(max_examples=200, deadline=None)


def assert_sound(slots, authors, r, groups, scope):
    """The guarantees every allocation keeps, whatever the cohort."""
    pairs = [(slot.reviewer, slot.author) for slot in slots]
    assert len(pairs) == len(set(pairs)), "a pair appears twice"
    by_author = Counter(slot.author for slot in slots if slot.reviewer != TRAINER)
    trainer = Counter(slot.author for slot in slots if slot.reviewer == TRAINER)
    for slot in slots:
        assert slot.reviewer != slot.author, "self-review"
        assert slot.author in authors
        if slot.reviewer == TRAINER:
            continue
        assert slot.reviewer in authors
        if scope == SAME_GROUP:
            assert groups.get(slot.reviewer, "") == groups.get(slot.author, "")
        elif scope == OTHER_GROUPS:
            assert not (
                groups.get(slot.reviewer) and groups.get(slot.reviewer) == groups.get(slot.author)
            )
    for author in authors:
        peers = by_author[author]
        assert peers <= r
        assert trainer[author] == (0 if peers == r else 1), (author, peers, trainer[author])


def loads(slots, learners):
    counts = Counter({learner: 0 for learner in learners})
    counts.update(slot.reviewer for slot in slots if slot.reviewer in counts)
    return counts


@PROPERTIES
@given(cohorts(), reviews, scopes, seeds)
def test_every_allocation_is_sound_and_deterministic(cohort, r, scope, seed):
    authors, groups = cohort
    slots = allocate(authors, r, groups, scope, seed)
    assert_sound(slots, authors, r, groups, scope)
    assert allocate(list(reversed(authors)), r, dict(groups), scope, seed) == slots


@PROPERTIES
@given(cohorts(groups=False), reviews, seeds)
def test_without_groups_everyone_reviews_exactly_r_when_there_are_enough(cohort, r, seed):
    authors, _groups = cohort
    assume(len(authors) > r)
    slots = allocate(authors, r, {}, ANYONE, seed)
    assert set(loads(slots, authors).values()) == {r}
    assert all(slot.reviewer != TRAINER for slot in slots)


@PROPERTIES
@given(equal_groups(), reviews, seeds)
def test_within_groups_everyone_reviews_min_r_and_group_size_minus_one(cohort, r, seed):
    authors, groups = cohort
    slots = allocate(authors, r, groups, SAME_GROUP, seed)
    size = Counter(groups.values()).most_common(1)[0][1]
    assert set(loads(slots, authors).values()) == {min(r, size - 1)}


@PROPERTIES
@given(equal_groups(), reviews, seeds)
def test_across_equal_groups_everyone_reviews_exactly_r(cohort, r, seed):
    authors, groups = cohort
    size = Counter(groups.values()).most_common(1)[0][1]
    assume(len(authors) - size >= r)
    slots = allocate(authors, r, groups, OTHER_GROUPS, seed)
    assert_sound(slots, authors, r, groups, OTHER_GROUPS)
    assert set(loads(slots, authors).values()) == {r}


@PROPERTIES
@given(cohorts(min_size=9, groups=False), reviews, seeds)
def test_across_three_or_more_groups_whose_sizes_differ_by_one_loads_stay_balanced(cohort, r, seed):
    authors, _ = cohort
    count = max(3, len(authors) // 4)
    groups = {author: str(index % count) for index, author in enumerate(authors)}
    assume(len(authors) - len(authors) // count - 1 >= r)
    slots = allocate(authors, r, groups, OTHER_GROUPS, seed)
    counts = loads(slots, authors)
    assert max(counts.values()) - min(counts.values()) <= 1


def spread(counts, learners):
    return max(counts[learner] for learner in learners) - min(
        counts[learner] for learner in learners
    )


def live(slots, done=frozenset(), started=frozenset()):
    return [
        LiveSlot(str(index), slot.reviewer, slot.author, index in done, index in started)
        for index, slot in enumerate(slots)
    ]


@PROPERTIES
@given(cohorts(min_size=2), reviews, scopes, seeds, st.data())
def test_reassignment_keeps_every_guarantee(cohort, r, scope, seed, data):
    authors, groups = cohort
    slots = allocate(authors, r, groups, scope, seed)
    done = data.draw(st.sets(st.integers(0, max(len(slots) - 1, 0))))
    leaving = data.draw(st.sets(st.sampled_from(authors), max_size=max(1, len(authors) // 3)))
    current = live(slots, done={index for index in done if slots[index].reviewer != TRAINER})
    active = frozenset(authors) - leaving
    before = loads([slot for slot in current if slot.reviewer in active], active)
    moves = dict(reassign(current, leaving, Pool(active, groups, scope, seed)))
    after = []
    for slot in current:
        if slot.key in moves:
            if moves[slot.key] is not None:
                after.append(LiveSlot(slot.key, moves[slot.key], slot.author))
        else:
            after.append(slot)
    assert_sound(after, authors, r, groups, scope)
    assert not any(slot.reviewer in leaving and not slot.done for slot in after)
    assert all(slot.reviewer in leaving or slot.key not in moves for slot in current)
    counts = loads(after, active)
    compared = (
        [active]
        if scope != SAME_GROUP
        else [
            {learner for learner in active if groups.get(learner, "") == label}
            for label in {*groups.values(), ""}
        ]
    )
    for learners in compared:
        if learners and spread(before, learners) <= 1:
            assert spread(counts, learners) <= 1
    for learner in active:
        assert counts[learner] >= before[learner]
    assert moves == dict(reassign(current, leaving, Pool(active, groups, scope, seed)))


@PROPERTIES
@given(cohorts(min_size=2, groups=False), reviews, seeds, st.data())
def test_a_late_submission_gets_r_reviewers_and_its_author_takes_a_fair_share(
    cohort, r, seed, data
):
    authors, _ = cohort
    late = authors[-1]
    on_time = authors[:-1]
    assume(len(on_time) > r + 1)
    current = live(allocate(on_time, r, {}, ANYONE, seed))
    pool = Pool(frozenset(authors), {}, ANYONE, seed)
    result = allocate_late(current, late, r, pool)
    after = applied(current, result)
    assert_sound(after, authors, r, {}, ANYONE)
    assert sum(1 for slot in after if slot.author == late and slot.reviewer != TRAINER) == r
    counts = loads(after, authors)
    assert max(counts.values()) - min(counts.values()) <= 1
    assert allocate_late(current, late, r, pool) == result


@PROPERTIES
@given(cohorts(min_size=2), reviews, scopes, seeds, st.data())
def test_late_allocation_is_sound_in_every_scope_even_with_started_reviews(
    cohort, r, scope, seed, data
):
    authors, groups = cohort
    late = authors[-1]
    current = live(allocate(authors[:-1], r, groups, scope, seed))
    started = data.draw(
        st.sets(st.sampled_from([slot.key for slot in current]) if current else st.nothing())
    )
    current = [
        LiveSlot(slot.key, slot.reviewer, slot.author, started=slot.key in started)
        for slot in current
    ]
    result = allocate_late(current, late, r, Pool(frozenset(authors), groups, scope, seed))
    moved = dict(result.transfers)
    assert not any(
        slot.started for slot in current if slot.key in moved or slot.key in result.released
    )
    assert_sound(applied(current, result), authors, r, groups, scope)


def test_a_late_member_of_a_small_group_fills_the_places_the_trainer_held():
    groups = {"ana": "1", "ben": "1", "cleo": "1"}
    current = live(allocate(["ana", "ben"], 2, groups, SAME_GROUP, "seed"))
    assert sum(slot.reviewer == TRAINER for slot in current) == 2
    result = allocate_late(current, "cleo", 2, Pool(frozenset(groups), groups, SAME_GROUP, "seed"))
    after = applied(current, result)
    assert_sound(after, list(groups), 2, groups, SAME_GROUP)
    assert not any(slot.reviewer == TRAINER for slot in after)
    assert sorted((slot.reviewer, slot.author) for slot in after) == [
        ("ana", "ben"),
        ("ana", "cleo"),
        ("ben", "ana"),
        ("ben", "cleo"),
        ("cleo", "ana"),
        ("cleo", "ben"),
    ]


def applied(current, result):
    """The live slots once a late allocation is carried out."""
    moved = dict(result.transfers)
    after = [
        LiveSlot(slot.key, moved.get(slot.key, slot.reviewer), slot.author)
        for slot in current
        if slot.key not in result.released
    ]
    return after + [
        LiveSlot(f"new{index}", slot.reviewer, slot.author)
        for index, slot in enumerate(result.new_slots)
    ]
