"""Right-to-left answers show isolated for the trainer and, in a named pulse, for their author
(issue 19, point 16)."""

from tests.bidi import RIGHT_TO_LEFT, assert_isolated

from .conftest import FULL_ANSWERS, NAMED, TRAINER


def test_a_right_to_left_written_answer_is_isolated_for_the_trainer_and_its_author(
    answer, workbench
):
    assert answer("alice", {**FULL_ANSWERS, "change": RIGHT_TO_LEFT}, NAMED).status_code == 200
    assert assert_isolated(workbench.page(NAMED, "alice").content.decode()) == 1
    assert assert_isolated(workbench.page(NAMED, TRAINER).content.decode()) == 1
