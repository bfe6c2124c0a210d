"""Hypothesis strategies for the peer workshop: cohorts of authors, their groups, slots in
progress."""

from hypothesis import strategies as st

from spoc_xblocks.peer_workshop.logic.allocation import SCOPES

seeds = st.text(min_size=0, max_size=6)
reviews = st.integers(1, 5)
scopes = st.sampled_from(SCOPES)


@st.composite
def cohorts(draw, min_size=1, max_size=40, groups=True):
    """(authors, groups): learner ids, each in a group of 1 to 7 (some without a group when
    allowed)."""
    size = draw(st.integers(min_size, max_size))
    authors = [f"learner{index:03d}" for index in range(size)]
    if not groups:
        return authors, {}
    group_count = draw(st.integers(1, max(1, size // 2)))
    labels = draw(st.lists(st.integers(0, group_count), min_size=size, max_size=size))
    # label 0 means "no group", the others are group names
    return authors, {author: str(label) for author, label in zip(authors, labels) if label}


@st.composite
def equal_groups(draw):
    """(authors, groups) where every group has the same size (3 to 6) and there are 2 to 8
    groups."""
    size = draw(st.integers(3, 6))
    count = draw(st.integers(2, 8))
    authors = [f"learner{index:03d}" for index in range(size * count)]
    return authors, {author: str(index % count + 1) for index, author in enumerate(authors)}
