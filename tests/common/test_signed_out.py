"""A signed-out visitor is presented as the LMS presents one, is nobody to the blocks, and is
refused every handler."""

from spoc_xblocks.common.roles import SIGNED_OUT, current_viewer
from tests.sites import answered_by_platform


def block_for(workbench, student):
    return workbench.block_for("spoc_cohort_coach.0", student)


def test_the_user_service_presents_a_signed_out_visitor_as_the_lms_does(workbench):
    """edx-platform's DjangoXBlockUserService sets only `is_authenticated` (and a country) for an
    anonymous user."""
    for student in (
        "anonymous",
        "none",
    ):  # `none`: the workbench's own unauthenticated handler URLs
        block = block_for(workbench, student)
        user = block.runtime.service(block, "user").get_current_user()
        assert user.opt_attrs == {"edx-platform.is_authenticated": False}
        assert current_viewer(block) == SIGNED_OUT


def test_a_signed_out_visitor_is_nobody_whatever_the_runtime_user_id(workbench):
    viewer = current_viewer(block_for(workbench, "anonymous"))
    assert (viewer.anonymous_id, viewer.username) == ("", "")
    assert not (viewer.is_authenticated or viewer.is_trainer or viewer.can_write)


def test_a_signed_out_visitor_is_asked_to_sign_in_by_reads_and_writes_alike(workbench):
    for handler, payload in (("screen", {}), ("start", {})):
        response = workbench.post("spoc_serious_game.0", handler, "anonymous", payload)
        assert response.status_code == 403
        if not answered_by_platform(
            response
        ):  # the LMS refuses a signed-out POST itself, before the block
            assert response.json() == {"error": "Sign in to do this."}
