"""The scenario data model: immutable plain-Python values shared by the engine, validator, OLX and
importers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Value = bool | int | float
NodeKind = Literal["content", "decision", "ending"]
Outcome = Literal["success", "partial", "failure"]
GradingMode = Literal["ending", "path", "ungraded"]
ScoringMode = Literal["every-time", "once", "last-per-node"]
SimulationMode = Literal["guided", "assessed"]

NODE_KINDS = ("content", "decision", "ending")
OUTCOMES = ("success", "partial", "failure")
GRADING_MODES = ("ending", "path", "ungraded")
SCORING_MODES = ("every-time", "once", "last-per-node")
EFFECT_OPS = ("set", "add")
WHEN_FALSE = ("hide", "disable")
SIMULATION_MODES = ("guided", "assessed")
ANSWER_MATCHES = ("exact", "loose", "number", "pattern")
# What a run stores for an action that took no choice (a click beside every hotspot, a wrong
# answer): a leading "*" is refused in authored choice ids, so it never names a choice.
MISS = "*miss"


@dataclass(frozen=True)
class Effect:
    """A change to a named variable when a choice is taken: `set` replaces, `add` adds a number."""

    variable: str
    op: Literal["set", "add"]
    value: Value


@dataclass(frozen=True)
class Area:
    """A hotspot's rectangle on a screenshot, in fractions (0..1) of the image's width and
    height."""

    x: float
    y: float
    width: float
    height: float

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height

    def overlaps(self, other: Area) -> bool:
        """True when the two rectangles share some surface (touching edges do not count)."""
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )


@dataclass(frozen=True)
class Choice:
    """One way out of a node.

    A content node has exactly one choice (its "continue" link, `text` may be empty);
    a decision node has two or more. `points` maps competency ids to points earned.
    `condition` is an expression over variables and `visited("node")`; when it is false
    the choice is hidden or shown disabled (`when_false`). A `once` choice can be taken
    only once per run.
    """

    id: str
    target: str
    text: str = ""
    feedback: str = ""
    effects: tuple[Effect, ...] = ()
    points: tuple[tuple[str, float], ...] = ()
    condition: str = ""
    when_false: Literal["hide", "disable"] = "hide"
    once: bool = False
    area: Area | None = None

    def points_for(self, competency: str) -> float:
        return dict(self.points).get(competency, 0)


@dataclass(frozen=True)
class Screen:
    """A screenshot of the simulated software; the node's choices with an `area` are its hotspots.
    `overlap` allows hotspots to overlap (a click in both takes the first, in authored order)."""

    src: str
    alt: str = ""
    overlap: bool = False


@dataclass(frozen=True)
class Answer:
    """An answer an input step knows: typed text that matches it takes `choice`, or, when `choice`
    is empty, is a known wrong answer that shows `feedback`.

    `match` is `exact`, `loose` (case and spaces ignored), `number` (within `tolerance`) or
    `pattern` (see answers.py for the safe pattern language)."""

    match: Literal["exact", "loose", "number", "pattern"]
    value: str
    choice: str = ""
    tolerance: float = 0
    feedback: str = ""


@dataclass(frozen=True)
class TextInput:
    """A field of the simulated software the learner types into, and the answers it knows."""

    label: str
    answers: tuple[Answer, ...] = ()

    @property
    def typed_choices(self) -> frozenset[str]:
        """The choices only typing an answer takes (no button offers them)."""
        return frozenset(answer.choice for answer in self.answers if answer.choice)


@dataclass(frozen=True)
class Miss:
    """What a miss (a click beside every hotspot, an answer that takes no choice) does: its
    feedback, its penalty (points, usually negative) and the hint shown after `hint_after`
    misses in a row (0: never)."""

    feedback: str = ""
    penalty: tuple[tuple[str, float], ...] = ()
    hint: str = ""
    hint_after: int = 0


@dataclass(frozen=True)
class Node:
    """A content node, a decision node or an ending.

    `body` is author HTML (a decision's prompt, an ending's debrief). Endings carry an
    `outcome`, a `score` from 0 to 100 (used when grading by ending), a `path_minimum` from 0 to
    100 (when grading by path, a run ending here scores at least this) and no choices.
    """

    id: str
    kind: NodeKind
    title: str = ""
    body: str = ""
    image_url: str = ""
    image_alt: str = ""
    video_url: str = ""
    transcript: str = ""
    choices: tuple[Choice, ...] = ()
    outcome: Outcome = "success"
    score: float = 0
    path_minimum: float = 0
    screen: Screen | None = None
    text_input: TextInput | None = None
    miss: Miss = Miss()

    @property
    def is_simulation(self) -> bool:
        """A screen with hotspots or an input step: a node where a learner can miss."""
        return self.screen is not None or self.text_input is not None

    @property
    def hotspots(self) -> tuple[Choice, ...]:
        return tuple(choice for choice in self.choices if choice.area is not None)

    @property
    def is_ending(self) -> bool:
        return self.kind == "ending"


@dataclass(frozen=True)
class Competency:
    id: str
    label: str


@dataclass(frozen=True)
class Scenario:
    """A whole branching scenario. `nodes` keeps the authored order; `variables` holds initial
    values.

    `scoring` says how choices' points add up in a run: `every-time` (each time a choice is taken),
    `once` (a choice's points count once per run, however often it is taken) or `last-per-node`
    (a node counts only the points of the choice last taken there, as H5P's dynamic score).

    `simulation` says how screens and input steps behave: `guided` (feedback and hints after each
    miss, retries until the right action) or `assessed` (no feedback or hint on a miss, and only
    the first action on a screen counts: a miss costs its penalty once and the points of the action
    that follows are not earned).
    """

    start: str
    nodes: tuple[Node, ...]
    variables: tuple[tuple[str, Value], ...] = ()
    competencies: tuple[Competency, ...] = ()
    shuffle_choices: bool = False
    title: str = ""
    scoring: ScoringMode = "every-time"
    simulation: SimulationMode = "guided"
    _index: dict = field(default=None, init=False, repr=False, compare=False, hash=False)
    _hash: int | None = field(default=None, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self):
        object.__setattr__(self, "_index", {node.id: node for node in self.nodes})

    def __hash__(self) -> int:
        # Scenarios key the logic's caches; hashing every node and choice on each lookup would cost
        # milliseconds.
        if self._hash is None:
            fields = (
                self.start,
                self.nodes,
                self.variables,
                self.competencies,
                self.shuffle_choices,
                self.title,
                self.scoring,
                self.simulation,
            )
            object.__setattr__(self, "_hash", hash(fields))
        return self._hash

    def node(self, node_id: str) -> Node | None:
        return self._index.get(node_id)

    @property
    def node_ids(self) -> list[str]:
        return [node.id for node in self.nodes]

    @property
    def initial_variables(self) -> dict[str, Value]:
        return dict(self.variables)
