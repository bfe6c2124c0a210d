"""The demo seeder answers through the real handlers: most of the roster, after-course levels higher
on average."""

import pytest

from spoc_xblocks.dev.demo_client import DemoClient
from spoc_xblocks.dev.seed import engagement as demo_seed
from spoc_xblocks.engagement import api
from spoc_xblocks.engagement.models import PulseParticipation, PulseResponse, SkillsResponse

from .conftest import COURSE, NAMED, PULSE

pytestmark = pytest.mark.workbench_only  # the demo is seeded through the workbench's handler URLs


def test_seeding_answers_the_pulses_and_the_skills_pair_once(workbench, scenarios):
    problems = []
    summary = demo_seed.seed(DemoClient(report=problems.append), scenarios)
    assert problems == []
    assert summary.startswith("engagement: 27 pulse responses in 3 pulses")  # 9 module checks
    assert (
        PulseResponse.objects.filter(usage_key=workbench.usage_id(PULSE), learner_id=None).count()
        == 10
    )
    assert (
        PulseResponse.objects.filter(usage_key=workbench.usage_id(NAMED))
        .exclude(learner_id=None)
        .count()
        == 8
    )
    delta = api.skills_delta(COURSE)
    assert delta["learners"] == 9
    assert all(entry["delta_average"] > 0 for entry in delta["competencies"])
    assert len(set(delta["by_learner"].values())) > 2  # learners progressed by different amounts
    assert api.satisfaction(COURSE)["nps"] is not None
    assert demo_seed.seed(DemoClient(), scenarios) == "engagement: already seeded"
    assert PulseParticipation.objects.count() == 27


def test_reset_forgets_the_demo_answers(workbench, scenarios):
    demo_seed.seed(DemoClient(), scenarios)
    demo_seed.reset(scenarios)
    assert not PulseResponse.objects.exists() and not SkillsResponse.objects.exists()
    assert not PulseParticipation.objects.exists()
