"""Our slow paths beside the anchor XBlocks doing the same job, in the same workbench process:
xblock-poll's SurveyBlock and PollBlock, branching-xblock (requirements/bench.txt; `make bench`
installs them in its own venv). Each pair runs interleaved request by request, ours and the
anchor's alternating which goes first, over three runs; a row gives the median of the per-run
ratios of median times (ours / anchor) against the goal of issue 17. An anchor that is not
installed is named and its rows skipped."""

from __future__ import annotations

import importlib.util
import itertools
import json
import statistics
from dataclasses import dataclass
from functools import partial
from xml.sax.saxutils import quoteattr

from .bench_cohort_coach import ANSWERS as CHECKIN_ANSWERS
from .bench_engagement import pulse_answers
from .workbench import measured, workbench_usage_ids

RUNS, REQUESTS = 3, 15
COACH, PULSE, GAME = "spoc_cohort_coach.0", "spoc_pulse.0", "spoc_serious_game.0"
SURVEY, POLL, BRANCHING = "anchor_survey", "anchor_poll", "anchor_branching"
PRIVATE_POLL = "anchor_poll_private"
PRIVATE_PULSE = "bench_pulse_private"  # ours, anonymous, results for the trainer only
CHECKIN_WEEKS = 4
# A process that has served pages for a while: the coach page once grew slower at each page seen (a
# translation catalog copied for good at every page; 7.6 times the survey's after 1,000 pages).
LONG_LIVED = 500
QUESTIONS = 5  # as many as the coach's check-in asks
ANCHOR_PACKAGES = {
    SURVEY: "poll",
    POLL: "poll",
    PRIVATE_POLL: "poll",
    BRANCHING: "branching_xblock",
}
PULSE_PATH = "pulse answer, anonymous (results drawn in the answer)"
ANCHOR_NAMES = {"poll": "xblock-poll", "branching_xblock": "branching-xblock"}


def _survey_xml() -> str:
    questions = [
        [f"q{index}", {"label": f"Question {index}", "img": None}] for index in range(QUESTIONS)
    ]
    answers = [["sa", "Strongly agree"], ["a", "Agree"], ["n", "Neutral"], ["d", "Disagree"]]
    return (
        f"<survey questions={quoteattr(json.dumps(questions))} "
        f'answers={quoteattr(json.dumps(answers))} feedback="Thank you."/>'
    )


def _branching_xml() -> str:
    """Eight nodes of two choices each, then two endings: the size of our demo scenario."""
    nodes = {
        f"n{index}": {
            "id": f"n{index}",
            "content": f"<p>Situation {index}: the caller is upset about a late delivery.</p>",
            "choices": [
                {"text": "Listen first", "target_node_id": f"n{index + 1}"},
                {"text": "Quote the procedure", "target_node_id": f"n{index + 1}"},
            ],
        }
        for index in range(8)
    }
    nodes["n8"] = {"id": "n8", "content": "<p>The caller thanks you.</p>", "choices": []}
    scenario = json.dumps({"nodes": nodes, "start_node_id": "n0"})
    return f"<branching_xblock scenario_data={quoteattr(scenario)}/>"


ANCHOR_XML = {
    SURVEY: _survey_xml,
    POLL: lambda: "<poll/>",
    PRIVATE_POLL: lambda: '<poll private_results="true"/>',
    BRANCHING: _branching_xml,
}


@dataclass(frozen=True)
class Pair:
    path: str
    anchor: str  # its scenario
    anchor_label: str
    goal: float
    ours: object  # (run, request) -> response
    theirs: object
    warm_up: int = 1  # our requests before the runs


def _anchor_ids() -> dict[str, str]:
    """Add each installed anchor's scenario to the workbench; its usage id."""
    from workbench.scenarios import add_xml_scenario, get_scenarios

    ids = {}
    for name, package in ANCHOR_PACKAGES.items():
        if importlib.util.find_spec(package) is None:
            continue
        if name not in get_scenarios():
            add_xml_scenario(name, name.replace("_", " "), ANCHOR_XML[name]())
        ids[name] = get_scenarios()[name].usage_id
    return ids


def _private_pulse_id() -> str:
    from workbench.scenarios import add_xml_scenario, get_scenarios

    from spoc_xblocks.engagement.demo import pulse_xml

    if PRIVATE_PULSE not in get_scenarios():
        xml = pulse_xml('display_name="Results for the trainer" learner_results="false"')
        add_xml_scenario(PRIVATE_PULSE, "pulse, results for the trainer only", xml)
    return get_scenarios()[PRIVATE_PULSE].usage_id


def _post(client, usage_id: str, handler: str, learner: str, payload: dict):
    return client.post(
        f"/handler/{usage_id}/{handler}/?student={learner}",
        json.dumps(payload),
        content_type="application/json",
    )


def _seed_checkins(usage_id: str, learner: str) -> None:
    """The learner's check-ins of the last CHECKIN_WEEKS weeks, each with a trainer's reply."""
    from django.utils import timezone

    from spoc_xblocks.cohort_coach import api
    from spoc_xblocks.cohort_coach.logic.periods import cadence
    from spoc_xblocks.dev.services import anonymous_id_for

    learner_id, weekly = anonymous_id_for(learner), cadence(7, None)
    current = weekly.period_of(timezone.now())
    for weeks_ago in range(CHECKIN_WEEKS):
        posted = api.post_checkin(
            "bench",
            usage_id,
            learner_id,
            current - weeks_ago,
            {**CHECKIN_ANSWERS, "help_wanted": "An example"},
        )
        api.add_message(usage_id, posted["id"], anonymous_id_for("trainer"), True, "Well done.")


def _pairs(usage_ids: dict, anchors: dict) -> list[Pair]:
    from django.test import Client

    client = Client()
    pairs = []
    survey_votes = {f"q{index}": "a" for index in range(QUESTIONS)}
    if SURVEY in anchors:
        _seed_checkins(usage_ids[COACH], "anchorcoach")
        _post(client, anchors[SURVEY], "vote", "anchorcoach", survey_votes)

        def coach_page(path: str, warm_up: int = 1) -> Pair:
            return Pair(
                path,
                SURVEY,
                "survey page (voted)",
                0.8,
                lambda run, index: client.get(f"/view/{COACH}/?student=anchorcoach"),
                lambda run, index: client.get(f"/view/{SURVEY}/?student=anchorcoach"),
                warm_up,
            )

        pairs += [
            coach_page(f"coach, learner page with {CHECKIN_WEEKS} weeks of check-ins"),
            coach_page(
                f"coach, learner page, after {LONG_LIVED} more of them in the process", LONG_LIVED
            ),
            Pair(
                "coach, check-in (a learner's first)",
                SURVEY,
                "survey vote",
                0.8,
                lambda run, index: _post(
                    client, usage_ids[COACH], "post_checkin", f"ci{run}-{index}", CHECKIN_ANSWERS
                ),
                lambda run, index: _post(
                    client, anchors[SURVEY], "vote", f"sv{run}-{index}", survey_votes
                ),
            ),
        ]
    if POLL in anchors:
        learners = itertools.count()  # every row asks new learners
        private_pulse = _private_pulse_id()

        def answers_to(usage_id: str, learner: str):
            def answer(run, index):
                payload = {"answers": pulse_answers(index)}
                return _post(client, usage_id, "answer", f"{learner}{next(learners)}", payload)

            return answer

        def poll_vote(run, index, learner="pv", anchor=POLL):
            return _post(
                client, anchors[anchor], "vote", f"{learner}{run}-{index}", {"choice": "R"}
            )

        pulse_answer = answers_to(usage_ids[PULSE], "pa")
        private_pulse_answer = answers_to(private_pulse, "pp")
        private_poll_vote = partial(poll_vote, learner="pp", anchor=PRIVATE_POLL)

        def poll_vote_and_results(run, index):
            """What the poll's page does on a vote: the vote, then a request for the results."""
            poll_vote(run, index, "pr")
            return _post(client, anchors[POLL], "get_results", f"pr{run}-{index}", {})

        pairs += [
            Pair(PULSE_PATH, POLL, "poll vote", 1.0, pulse_answer, poll_vote),
            Pair(
                PULSE_PATH,
                POLL,
                "poll vote + its results",
                1.0,
                pulse_answer,
                poll_vote_and_results,
            ),
            # like for like without results: the poll's page then makes no second request
            Pair(
                "pulse answer, anonymous, results for the trainer only",
                PRIVATE_POLL,
                "poll vote (results private)",
                1.0,
                private_pulse_answer,
                private_poll_vote,
            ),
        ]
    if BRANCHING in anchors:
        from spoc_xblocks.dev.seed.serious_game import enabled_choices

        answer = _post(client, usage_ids[GAME], "start", "anchorplayer", {}).json()
        _post(
            client,
            usage_ids[GAME],
            "choose",
            "anchorplayer",
            {"choice_id": enabled_choices(answer["html"])[0], "position": 0},
        )
        _post(client, anchors[BRANCHING], "select_choice", "anchorplayer", {"choice_index": 0})
        pairs.append(
            Pair(
                "serious game, learner page (one choice made)",
                BRANCHING,
                "branching-xblock page (one choice made)",
                0.8,
                lambda run, index: client.get(f"/view/{GAME}/?student=anchorplayer"),
                lambda run, index: client.get(f"/view/{BRANCHING}/?student=anchorplayer"),
            )
        )
    return pairs


def _timed(call) -> tuple[float, int]:
    response, elapsed, queries = measured(call)
    assert response.status_code == 200, response.content[:300]
    return elapsed * 1000, queries


def compare(pair: Pair) -> dict:
    """Medians and SQL of ours and the anchor's per run, interleaved, and the per-run ratios."""
    for index in range(pair.warm_up):
        pair.ours("warm", index)
    pair.theirs("warm", 0)
    runs = []
    for run in range(RUNS):
        ours, theirs = [], []
        for index in range(REQUESTS):
            calls = [(ours, pair.ours), (theirs, pair.theirs)]
            for figures, call in calls if index % 2 == 0 else reversed(calls):
                figures.append(_timed(partial(call, run, index)))
        runs.append(
            (
                statistics.median(ms for ms, _sql in ours),
                statistics.median(ms for ms, _sql in theirs),
                max(sql for _ms, sql in ours),
                max(sql for _ms, sql in theirs),
            )
        )
    ratios = [ours_ms / theirs_ms for ours_ms, theirs_ms, *_sql in runs]
    return {
        "ours_ms": statistics.median(run[0] for run in runs),
        "anchor_ms": statistics.median(run[1] for run in runs),
        "ours_sql": max(run[2] for run in runs),
        "anchor_sql": max(run[3] for run in runs),
        "ratios": ratios,
        "ratio": statistics.median(ratios),
    }


def collect() -> list[tuple[str, str, str]]:
    usage_ids = workbench_usage_ids()
    anchors = _anchor_ids()
    rows = [
        (
            f"anchors: {ANCHOR_NAMES[package]} not installed",
            "skipped",
            "pip install -r requirements/bench.txt (make bench does)",
        )
        for package in sorted(set(ANCHOR_PACKAGES.values()))
        if importlib.util.find_spec(package) is None
    ]
    for pair in _pairs(usage_ids, anchors):
        figures = compare(pair)
        verdict = "meets" if figures["ratio"] <= pair.goal else "misses"
        rows.append(
            (
                f"anchors: {pair.path} / {pair.anchor_label}",
                f"x{figures['ratio']:.2f} ({verdict} <= {pair.goal:g}x)",
                f"ours {figures['ours_ms']:.1f} ms, {figures['ours_sql']} SQL; anchor "
                f"{figures['anchor_ms']:.1f} ms, {figures['anchor_sql']} SQL; per-run ratios "
                + ", ".join(f"{ratio:.2f}" for ratio in figures["ratios"]),
            )
        )
    return rows


if __name__ == "__main__":
    for row in collect():
        print(*row, sep="  ")
