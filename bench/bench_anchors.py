"""Our slow paths beside the anchor XBlocks doing the same job, in the same process: xblock-poll's
SurveyBlock and PollBlock, branching-xblock (requirements/bench.txt; `make bench` installs them in
its own venv). Each pair runs interleaved request by request, ours and the anchor's alternating
which goes first, over three runs; a row gives the median of the per-run ratios of median times
(ours / anchor) against the goal of issue 17. An anchor that is not installed is named and its rows
skipped.

Every pair runs twice: in the workbench, whose field store reads a block's settings row at every
field read and writes a user's state through a get-or-create and an update; and on the LMS
stand-in (tests/platform), which reads settings from memory as the modulestore does and a block's
user state once per request from its StudentModule row, as the LMS's FieldDataCache does. The
anchors keep all their state in fields, ours in tables of its own: the workbench charges them
most, the stand-in as the LMS does."""

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
from .workbench import lms_stand_in, measured, workbench_usage_ids

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
    # each side sets a request up (untimed) and returns it: () -> (() -> response)
    ours: object
    theirs: object
    warm_up: int = 1  # our requests before the runs


def _private_pulse_xml() -> str:
    from spoc_xblocks.engagement.demo import pulse_xml

    return pulse_xml('display_name="Results for the trainer" learner_results="false"')


def _installed_anchors() -> list[str]:
    return [
        name
        for name, package in ANCHOR_PACKAGES.items()
        if importlib.util.find_spec(package) is not None
    ]


class WorkbenchTarget:
    """The workbench's pages and handler URLs, by scenario id, as the stand-in's site serves them
    (`page`, `post`, `usage_id`, `anonymous_id`)."""

    def __init__(self):
        from django.test import Client
        from workbench.scenarios import add_xml_scenario, get_scenarios

        self.client = Client()
        for name, xml in _bench_scenarios().items():
            if name not in get_scenarios():
                add_xml_scenario(name, name.replace("_", " "), xml)
        self.usage_ids = {name: scenario.usage_id for name, scenario in get_scenarios().items()}

    def page(self, scenario_id: str, student: str):
        return self.client.get(f"/view/{scenario_id}/?student={student}")

    def post(self, scenario_id: str, handler: str, student: str, payload: dict):
        return self.client.post(
            f"/handler/{self.usage_ids[scenario_id]}/{handler}/?student={student}",
            json.dumps(payload),
            content_type="application/json",
        )

    def usage_id(self, scenario_id: str) -> str:
        return self.usage_ids[scenario_id]

    def anonymous_id(self, student: str) -> str:
        from spoc_xblocks.dev.services import anonymous_id_for

        return anonymous_id_for(student)


def _bench_scenarios() -> dict[str, str]:
    """The installed anchors' scenarios and our private pulse: their OLX by scenario id."""
    return {
        **{name: ANCHOR_XML[name]() for name in _installed_anchors()},
        PRIVATE_PULSE: _private_pulse_xml(),
    }


def _seed_checkins(target, learner: str) -> None:
    """The learner's check-ins of the last CHECKIN_WEEKS weeks, each with a trainer's reply."""
    from django.utils import timezone

    from spoc_xblocks.cohort_coach import api
    from spoc_xblocks.cohort_coach.logic.periods import cadence

    usage_id, learner_id = target.usage_id(COACH), target.anonymous_id(learner)
    current = cadence(7, None).period_of(timezone.now())
    for weeks_ago in range(CHECKIN_WEEKS):
        posted = api.post_checkin(
            "bench",
            usage_id,
            learner_id,
            current - weeks_ago,
            {**CHECKIN_ANSWERS, "help_wanted": "An example"},
        )
        api.add_message(usage_id, posted["id"], target.anonymous_id("trainer"), True, "Well done.")


def _a_week_later(target, learner: str) -> None:
    """The learner's check-ins moved a period back, as if posted the week before."""
    from django.db.models import F

    from spoc_xblocks.cohort_coach.models import CheckIn

    CheckIn.objects.filter(
        usage_key=target.usage_id(COACH), learner_id=target.anonymous_id(learner)
    ).update(period=F("period") - 1)


def _pairs(target) -> list[Pair]:
    anchors = set(_installed_anchors())
    pairs = []
    survey_votes = {f"q{index}": "a" for index in range(QUESTIONS)}
    learners = itertools.count()

    def page(scenario_id: str, student: str):
        return lambda: partial(target.page, scenario_id, student)

    def first_write(scenario_id: str, handler: str, payload, then=None):
        """A new learner's first write, after they loaded the block's page (as nobody can answer a
        block they have not seen); `payload(number)` gives what they send, `then` a request the
        block's page makes next."""

        def prepare():
            number = next(learners)
            learner = f"{handler}{number}"
            target.page(scenario_id, learner)

            def write():
                answer = target.post(scenario_id, handler, learner, payload(number))
                return target.post(scenario_id, then, learner, {}) if then else answer

            return write

        return prepare

    def later_checkin():
        """A learner's check-in a week after their first, from the page that offers it again: what
        a learner does most weeks (the survey's vote is always a first)."""
        number = next(learners)
        learner = f"weekly{number}"
        target.page(COACH, learner)
        target.post(COACH, "post_checkin", learner, CHECKIN_ANSWERS)
        _a_week_later(target, learner)
        target.page(COACH, learner)
        return lambda: target.post(COACH, "post_checkin", learner, CHECKIN_ANSWERS)

    if SURVEY in anchors:
        _seed_checkins(target, "anchorcoach")
        target.post(SURVEY, "vote", "anchorcoach", survey_votes)

        def coach_page(path: str, warm_up: int = 1) -> Pair:
            return Pair(
                path,
                SURVEY,
                "survey page (voted)",
                0.8,
                page(COACH, "anchorcoach"),
                page(SURVEY, "anchorcoach"),
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
                first_write(COACH, "post_checkin", lambda _number: CHECKIN_ANSWERS),
                first_write(SURVEY, "vote", lambda _number: survey_votes),
            ),
            Pair(
                "coach, check-in (a week after the learner's first)",
                SURVEY,
                "survey vote",
                0.8,
                later_checkin,
                first_write(SURVEY, "vote", lambda _number: survey_votes),
            ),
        ]
    if POLL in anchors:

        def answer(scenario_id: str):
            return first_write(
                scenario_id, "answer", lambda number: {"answers": pulse_answers(number)}
            )

        def vote(scenario_id: str, then=None):
            return first_write(scenario_id, "vote", lambda _number: {"choice": "R"}, then)

        pairs += [
            Pair(PULSE_PATH, POLL, "poll vote", 1.0, answer(PULSE), vote(POLL)),
            # what the poll's page does on a vote: the vote, then a request for the results
            Pair(
                PULSE_PATH,
                POLL,
                "poll vote + its results",
                1.0,
                answer(PULSE),
                vote(POLL, then="get_results"),
            ),
            # like for like without results: the poll's page then makes no second request
            Pair(
                "pulse answer, anonymous, results for the trainer only",
                PRIVATE_POLL,
                "poll vote (results private)",
                1.0,
                answer(PRIVATE_PULSE),
                vote(PRIVATE_POLL),
            ),
        ]
    if BRANCHING in anchors:
        make_first_choices(target, "anchorplayer")
        pairs.append(
            Pair(
                "serious game, learner page (one choice made)",
                BRANCHING,
                "branching-xblock page (one choice made)",
                0.8,
                page(GAME, "anchorplayer"),
                page(BRANCHING, "anchorplayer"),
            )
        )
    return pairs


def make_first_choices(target, learner: str) -> None:
    """The learner starts our serious game and branching-xblock's scenario, and makes one choice in
    each."""
    from spoc_xblocks.dev.seed.serious_game import enabled_choices

    started = target.post(GAME, "start", learner, {}).json()
    choice = {"choice_id": enabled_choices(started["html"])[0], "position": 0}
    target.post(GAME, "choose", learner, choice)
    target.post(BRANCHING, "select_choice", learner, {"choice_index": 0})


def _timed(call) -> tuple[float, int]:
    response, elapsed, queries = measured(call)
    assert response.status_code == 200, response.content[:300]
    return elapsed * 1000, queries


def compare(pair: Pair, timed=_timed, requests: int = REQUESTS) -> dict:
    """Medians and SQL of ours and the anchor's per run of `requests` each, interleaved, and the
    per-run ratios; `timed(call)` gives a call's milliseconds and SQL queries."""
    for _index in range(pair.warm_up):
        pair.ours()()
    pair.theirs()()
    runs = []
    for _run in range(RUNS):
        ours, theirs = [], []
        for index in range(requests):
            calls = [(ours, pair.ours), (theirs, pair.theirs)]
            for figures, prepare in calls if index % 2 == 0 else reversed(calls):
                figures.append(timed(prepare()))
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


def row(label: str, pair: Pair, figures: dict, measured: str) -> tuple[str, str, str]:
    """A pair's line of the table: its ratio against the goal, then what was `measured` and the
    per-run ratios."""
    verdict = "meets" if figures["ratio"] <= pair.goal else "misses"
    return (
        f"{label}: {pair.path} / {pair.anchor_label}",
        f"x{figures['ratio']:.2f} ({verdict} <= {pair.goal:g}x)",
        f"{measured}; per-run ratios " + ", ".join(f"{ratio:.2f}" for ratio in figures["ratios"]),
    )


def _rows(target, label: str) -> list[tuple[str, str, str]]:
    rows = []
    for pair in _pairs(target):
        figures = compare(pair)
        measured = (
            f"ours {figures['ours_ms']:.1f} ms, {figures['ours_sql']} SQL; anchor "
            f"{figures['anchor_ms']:.1f} ms, {figures['anchor_sql']} SQL"
        )
        rows.append(row(label, pair, figures, measured))
    return rows


def collect() -> list[tuple[str, str, str]]:
    workbench_usage_ids()  # Django set up on a fresh database first
    rows = [
        (
            f"anchors: {ANCHOR_NAMES[package]} not installed",
            "skipped",
            "pip install -r requirements/bench.txt (make bench does)",
        )
        for package in sorted(set(ANCHOR_PACKAGES.values()))
        if importlib.util.find_spec(package) is None
    ]
    rows += _rows(WorkbenchTarget(), "anchors")
    with lms_stand_in() as site:
        for name, xml in _bench_scenarios().items():
            site.import_olx(name, xml)
        rows += _rows(site, "anchors, LMS stand-in")
    return rows


if __name__ == "__main__":
    for line in collect():
        print(*line, sep="  ")
