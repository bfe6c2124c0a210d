"""Every text field of every block filled with the XSS corpus, through the real handlers, as
authors, learners and the trainer would: Studio saves, workshop work, links, reviews and ratings,
check-ins, replies, goals, flag notes, nudges, slots, pulse answers, a serious-game run.
`HostileCourse.fill()` returns the fields filled.

Fields with room take every payload at once; shorter ones take the corpus in several records (one
goal per chunk, say). Learner k's texts start with payload k, so that every formula payload begins
some exported cell. Single short values (display names, group names) take the chunk `round` picks,
so a caller that needs every payload in them loops over `rounds()`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta

from lxml import etree
from lxml import html as lxml_html

from tests.xss_corpus import ALL, URL_PAYLOADS, packed, starting_at

GAME, WORKSHOP, COACH, PULSE, BEFORE, AFTER = (
    "spoc_serious_game.0",
    "spoc_peer_workshop.0",
    "spoc_cohort_coach.0",
    "spoc_pulse.0",
    "spoc_skills_check.0",
    "spoc_skills_check.1",
)
TRAINER = "trainer"
LEARNERS = (
    "alice",
    "bruno",
    "chloe",
    "david",
    "emma",
    "farid",
    "giulia",
    "hugo",
    "ines",
    "jules",
    "karim",
    "lea",
)
# Authored elements and attributes that hold text people read (ids, targets, conditions and numbers
# are not text).
TEXT_ELEMENTS = {
    "body",
    "text",
    "feedback",
    "label",
    "prompt",
    "explanation",
    "feedbackprompt",
    "intro",
    "level",
    "option",
}
TEXT_ATTRIBUTES = {"title", "label", "alt"}
URL_ATTRIBUTES = {"src", "transcript"}
SHORT_NAME = 64


def hostile_xml(xml: str) -> str:
    """The authored XML with every human text replaced by the corpus (the n-th text starting with
    payload n) and every address by a script URL."""
    root = etree.fromstring(
        xml.encode(), etree.XMLParser(strip_cdata=False, resolve_entities=False)
    )
    urls = iter(URL_PAYLOADS * 20)
    texts = (starting_at(index)[0] for index in range(10_000))
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in TEXT_ELEMENTS and len(element) == 0:
            element.text = next(texts)
        for name in element.attrib:
            if name in TEXT_ATTRIBUTES:
                element.set(name, next(texts))
            elif name in URL_ATTRIBUTES:
                element.set(name, next(urls))
    return etree.tostring(root, encoding="unicode")


def _with_media(scenario_xml: str) -> str:
    """The scenario with an image and a video (and its transcript) on its first node, so addresses
    get tested."""
    root = etree.fromstring(scenario_xml.encode(), etree.XMLParser(strip_cdata=False))
    first = root.find("node")
    body = first.find("body")
    position = list(first).index(body) + 1
    first.insert(
        position,
        etree.Element("video", src="https://example.com/v", transcript="https://example.com/t"),
    )
    first.insert(position, etree.Element("image", src="https://example.com/i.png", alt="x"))
    return etree.tostring(root, encoding="unicode")


@dataclass
class HostileCourse:
    """Fills the workbench scenarios' fields with payloads through `workbench` (tests.sites)."""

    workbench: object
    round: int = 0
    filled: list[str] = field(default_factory=list)

    @staticmethod
    def rounds() -> int:
        return len(packed(SHORT_NAME))

    def short(self, limit: int) -> str:
        chunks = packed(limit)
        return chunks[self.round % len(chunks)]

    def post(
        self, scenario: str, handler: str, student: str, payload: dict, fields: tuple[str, ...] = ()
    ) -> dict:
        response = self.workbench.post(scenario, handler, student, payload)
        assert response.status_code == 200, (
            f"{handler} as {student}: {response.status_code} {response.content[:300]!r}"
        )
        self.filled.extend(fields)
        return response.json()

    def fill(self) -> list[str]:
        self.author()
        self.play_game()
        self.run_workshop()
        self.coach()
        self.answer_pulse()
        return self.filled

    # ---- authors
    # --------------------------------------------------------------------------------------

    def studio_form(self, scenario: str) -> str:
        return self.workbench.page(scenario, TRAINER, view="studio_view").content.decode()

    def author(self) -> None:
        from spoc_xblocks.engagement.demo import pulse_xml, skills_xml
        from spoc_xblocks.peer_workshop.demo import DEFAULT_PROMPT, DEFAULT_RUBRIC_XML
        from spoc_xblocks.serious_game.demo import demo_scenario_xml
        from tests.peer_workshop.block.conftest import editor_payload

        name = self.short(255)
        self.post(
            GAME,
            "studio_submit",
            TRAINER,
            {
                "display_name": name,
                "weight": 1,
                "grading_mode": "path",
                "allow_back": True,
                "allow_replay": True,
                "attempt_limit": 0,
                "replay_policy": "best",
                "show_feedback": True,
                "scenario_xml": hostile_xml(_with_media(demo_scenario_xml("en"))),
            },
            (
                "game display name",
                "node titles",
                "node bodies",
                "choice texts",
                "choice feedback",
                "competency labels",
                "ending texts",
                "image alt",
                "image/video/transcript addresses",
            ),
        )
        self.post(
            WORKSHOP,
            "studio_submit",
            TRAINER,
            editor_payload(
                display_name=name,
                weight=1,
                prompt=DEFAULT_PROMPT + ALL,
                rubric_xml=hostile_xml(DEFAULT_RUBRIC_XML),
            ),
            (
                "workshop display name",
                "workshop instructions",
                "rubric criteria",
                "rubric options",
                "rubric feedback prompt",
            ),
        )
        self.post(
            PULSE,
            "studio_submit",
            TRAINER,
            {
                "display_name": name,
                "anonymous": True,
                "learner_results": True,
                "opens": "",
                "closes": "",
                "body": _body(hostile_xml(pulse_xml(""))),
            },
            ("pulse display name", "pulse intro", "pulse questions", "pulse options"),
        )
        for scenario, phase in ((BEFORE, "before"), (AFTER, "after")):
            self.post(
                scenario,
                "studio_submit",
                TRAINER,
                {
                    "display_name": name,
                    "check_id": "customer-calls",
                    "phase": phase,
                    "followup_days": 90,
                    "followup_date": "",
                    "body": _body(hostile_xml(skills_xml("", phase=phase))),
                },
                (
                    f"skills {phase} display name",
                    "skills intro",
                    "competency labels",
                    "level descriptions",
                ),
            )
        self.post(
            COACH,
            "studio_submit",
            TRAINER,
            {
                "display_name": name,
                "cadence_days": 7,
                "start_date": "",
                "nudge_email_delay_hours": 0,
                "questions": ["progress", "confidence", "mood", "blockers", "help"],
                "inactive_days": 7,
            },
            ("coach display name",),
        )

    # ---- serious game
    # ---------------------------------------------------------------------------------

    def play_game(self) -> None:
        """Alice plays to an ending, taking the first choice each time (the debrief then has a path
        to draw)."""
        answer = self.post(GAME, "start", "alice", {})
        for _ in range(40):
            screen = lxml_html.fromstring(answer["html"])
            choices = screen.xpath('//button[@data-spoc-handler="choose"]')
            if not choices:
                break
            payload = json.loads(choices[0].get("data-spoc-payload"))
            answer = self.post(GAME, "choose", "alice", payload)
        assert "spoc-sg__panel--ending" in answer["html"], (
            "the hostile scenario could not be played to an ending"
        )
        self.post(
            GAME, "start", "bruno", {}
        )  # and Bruno stays on the first node, with its image and video

    # ---- peer workshop
    # --------------------------------------------------------------------------------

    def run_workshop(self) -> None:
        from spoc_xblocks.peer_workshop.models import Review, Submission
        from tests.sites import anonymous_id as anonymous_id_for

        for index, learner in enumerate(LEARNERS):
            group = starting_at(self.round + index // 4, SHORT_NAME)[0]
            self.post(
                WORKSHOP,
                "move_learner",
                TRAINER,
                {"learner_id": anonymous_id_for(learner), "group": group},
                ("group names",),
            )
        self.post(WORKSHOP, "set_phase", TRAINER, {"phase": "submission"})
        links = [
            {"title": title, "url": "https://example.com/a?b=%3Cc%3E&d=1"}
            for title in packed(200)[:5]
        ]
        for index, learner in enumerate(LEARNERS):
            work = {"text": starting_at(index)[0], "links": links}
            self.post(WORKSHOP, "save_work", learner, work)
            self.post(WORKSHOP, "submit_work", learner, work, ("submission text", "link titles"))
        self.post(WORKSHOP, "set_phase", TRAINER, {"phase": "review", "confirmed": True})
        rubric = self._rubric_choices()
        for index, learner in enumerate(LEARNERS):
            text = starting_at(index)[0]
            for slot in Review.objects.filter(
                usage_key=self.workbench.usage_id(WORKSHOP),
                reviewer_id=anonymous_id_for(learner),
                status=Review.PENDING,
            ):
                self.post(
                    WORKSHOP,
                    "submit_review",
                    learner,
                    {
                        "review_id": slot.id,
                        "options": rubric,
                        "comments": dict.fromkeys(rubric, text),
                        "overall": text,
                    },
                    ("review comments", "review overall comment"),
                )
        for review in Review.objects.filter(
            usage_key=self.workbench.usage_id(WORKSHOP),
            status=Review.DONE,
            submission__learner_id=anonymous_id_for("alice"),
        ):
            self.post(
                WORKSHOP,
                "rate_review",
                "alice",
                {"review_id": review.id, "helpfulness": 1, "flagged": True, "reason": ALL},
                ("unfair-flag reasons",),
            )
        # Not alice's work: assessing it would settle her flags, which the trainer's panel shows.
        submission = (
            Submission.objects.filter(usage_key=self.workbench.usage_id(WORKSHOP))
            .exclude(learner_id=anonymous_id_for("alice"))
            .first()
        )
        self.post(
            WORKSHOP,
            "trainer_review",
            TRAINER,
            {
                "submission_id": submission.id,
                "options": rubric,
                "comments": dict.fromkeys(rubric, ALL),
                "overall": ALL,
                "final": True,
            },
            ("trainer assessment comments",),
        )
        self.post(
            WORKSHOP,
            "override_grade",
            TRAINER,
            {"learner_id": anonymous_id_for("bruno"), "percent": 50, "reason": ALL},
            ("grade override reasons",),
        )
        self.post(
            WORKSHOP,
            "remind",
            TRAINER,
            {"audience": "everyone", "learner_id": "", "message": ALL, "confirmed": True},
            ("reminder messages",),
        )

    def _rubric_choices(self) -> dict:
        """The last level of each criterion of the saved rubric."""
        from spoc_xblocks.peer_workshop.grades import parse_rubric

        block = self.workbench.stored_block(WORKSHOP, TRAINER)
        rubric = parse_rubric(block.rubric_xml)
        return {criterion.name: criterion.options[-1].name for criterion in rubric.criteria}

    # ---- cohort coach
    # ---------------------------------------------------------------------------------

    def coach(self) -> None:
        from django.utils import timezone

        from spoc_xblocks.cohort_coach.models import CheckIn, Flag
        from tests.sites import anonymous_id as anonymous_id_for

        texts = packed(1000)
        for index, learner in enumerate(LEARNERS[:4]):
            text = texts[index % len(texts)]
            self.post(
                COACH,
                "post_checkin",
                learner,
                {
                    "progress": 10,
                    "confidence": 1,
                    "mood": "struggling",
                    "blockers": text,
                    "help": texts[(index + 1) % len(texts)],
                },
                ("check-in blockers", "check-in help wanted"),
            )
            for goal in packed(300):
                self.post(COACH, "add_goal", learner, {"text": goal}, ("goals",))
        for checkin in CheckIn.objects.filter(usage_key=self.workbench.usage_id(COACH)):
            for body in texts:
                self.post(
                    COACH,
                    "reply",
                    TRAINER,
                    {"checkin_id": checkin.id, "body": body},
                    ("trainer replies",),
                )
            self.post(
                COACH,
                "reply",
                _learner_of(checkin.learner_id),
                {"checkin_id": checkin.id, "body": texts[0]},
                ("learner replies",),
            )
        self.workbench.page(COACH, TRAINER)  # the trainer's first read raises the flags
        flag = Flag.objects.filter(usage_key=self.workbench.usage_id(COACH)).first()
        assert flag is not None, "no learner was flagged: the flag notes cannot be tested"
        self.post(
            COACH,
            "move_flag",
            TRAINER,
            {"flag_id": flag.id, "status": "contacted", "note": texts[0]},
            ("flag notes",),
        )
        for note in texts[1:]:
            self.post(
                COACH, "add_flag_note", TRAINER, {"flag_id": flag.id, "note": note}, ("flag notes",)
            )
        for message in texts:
            self.post(
                COACH,
                "send_nudge",
                TRAINER,
                {"target": "learner", "learner_id": anonymous_id_for("bruno"), "message": message},
                ("nudge messages",),
            )
        start = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
        for index, where in enumerate(packed(200)):
            self.post(
                COACH,
                "offer_slot",
                TRAINER,
                {
                    "starts": (start + timedelta(hours=index)).isoformat(),
                    "minutes": 30,
                    "where": where,
                },
                ("slot places",),
            )

    # ---- pulse
    # ----------------------------------------------------------------------------------------

    def answer_pulse(self) -> None:
        """Learners answer the hostile pulse (every question id kept), the free text full of
        payloads."""
        from spoc_xblocks.engagement.demo import pulse_xml

        root = etree.fromstring(pulse_xml("").encode())
        for index, learner in enumerate(LEARNERS):
            answers = {}
            for question in root.iter("question"):
                kind, options = (
                    question.get("kind"),
                    [option.get("id") for option in question.iter("option")],
                )
                answers[question.get("id")] = {
                    "likert": 2,
                    "stars": 1,
                    "nps": 0,
                    "single": options[:1] and options[0],
                    "multiple": options[:2],
                    "text": starting_at(index)[0],
                }[kind]
            self.post(PULSE, "answer", learner, {"answers": answers}, ("pulse free text",))
        for learner in LEARNERS[:4]:
            for scenario in (BEFORE, AFTER):
                self.post(
                    scenario,
                    "answer",
                    learner,
                    {"levels": {"listening": 2, "deescalation": 3, "procedure": 4}},
                )


def _body(element_xml: str) -> str:
    """The children of a block element, as the Studio editor's body field holds them."""
    root = etree.fromstring(element_xml.encode(), etree.XMLParser(strip_cdata=False))
    return "\n".join(etree.tostring(child, encoding="unicode", with_tail=False) for child in root)


def _learner_of(anonymous_id: str) -> str:
    from tests.sites import anonymous_id as anonymous_id_for

    return next(learner for learner in LEARNERS if anonymous_id_for(learner) == anonymous_id)
