"""Hypothesis strategies: random valid scenarios, and the same scenarios with one planted defect.

A generated scenario is valid by construction: node i (i > 0) is linked from an earlier node, every
ending is linked, every node has an unconditional way forward (to a later node or an ending), and
every backward link is once only unless points count once or only for a node's last choice, so no
loop can earn points forever. Extra links may carry conditions.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from spoc_xblocks.serious_game.logic.model import SCORING_MODES, Choice, Node, Scenario
from tests.serious_game.logic.scenarios import add, content, ending, scenario, set_to

COMPETENCIES = ("empathy", "rigour")
CONDITIONS = (
    "trust >= 1",
    "not warned",
    'visited("n1")',
    'visits("n0") >= 2',
    "trust < 2 or warned",
    "trust * 2 > 1",
)
EFFECTS = ((), (add("trust", 1),), (add("trust", -1),), (set_to("warned", True),))
DEFECTS = ("choice_target_missing", "unreachable_node", "trap_cycle", "unreachable_ending")


@st.composite
def _choice(
    draw, choice_id: str, target: str, backward: bool, conditional: bool, scoring: str
) -> Choice:
    points = draw(
        st.lists(
            st.tuples(st.sampled_from(COMPETENCIES), st.integers(-2, 3)),
            max_size=2,
            unique_by=lambda p: p[0],
        )
    )
    return Choice(
        id=choice_id,
        target=target,
        points=tuple(points),
        effects=draw(st.sampled_from(EFFECTS)),
        condition=draw(st.sampled_from(CONDITIONS)) if conditional and draw(st.booleans()) else "",
        when_false=draw(st.sampled_from(("hide", "disable"))),
        once=(backward and scoring == "every-time") or draw(st.booleans()),
    )


@st.composite
def valid_scenarios(draw, max_nodes: int = 8, max_endings: int = 3) -> Scenario:
    inner = draw(st.integers(1, max_nodes))
    scoring = draw(st.sampled_from(SCORING_MODES))
    names = [f"n{i}" for i in range(inner)]
    endings = [f"e{i}" for i in range(draw(st.integers(1, max_endings)))]
    links: list[list[tuple[str, bool]]] = [[] for _ in names]  # (target, conditional) per node
    for node in range(1, inner):
        links[draw(st.integers(0, node - 1))].append((names[node], False))
    for ending_id in endings:
        links[draw(st.integers(0, inner - 1))].append((ending_id, False))
    for node in range(inner):
        if not links[node]:
            links[node].append((draw(st.sampled_from(endings + names[node + 1 :])), False))
    for _ in range(draw(st.integers(0, inner))):
        links[draw(st.integers(0, inner - 1))].append(
            (draw(st.sampled_from(names + endings)), True)
        )
    nodes = []
    for node, targets in enumerate(links):
        choices = [
            draw(
                _choice(
                    f"c{k}",
                    target,
                    target in names and names.index(target) <= node,
                    conditional,
                    scoring,
                )
            )
            for k, (target, conditional) in enumerate(targets)
        ]
        # The first link of every node is forward (tree edge or added), so it must stay available.
        choices[0] = replace(choices[0], condition="", once=False)
        kind = "content" if len(choices) == 1 else "decision"
        nodes.append(Node(id=names[node], kind=kind, choices=tuple(choices)))
    for ending_id in endings:
        outcome = draw(st.sampled_from(("success", "partial", "failure")))
        nodes.append(ending(ending_id, draw(st.integers(0, 100)), outcome))
    return scenario(
        "n0",
        *nodes,
        variables=(("trust", 0), ("warned", False)),
        competencies=COMPETENCIES,
        shuffle_choices=draw(st.booleans()),
        scoring=scoring,
    )


def plant(scenario_: Scenario, defect: str, node_index: int) -> Scenario:
    """`scenario_` with one defect planted at (or from) the inner node `node_index`, modulo their
    count."""
    inner = [node for node in scenario_.nodes if not node.is_ending]
    victim = inner[node_index % len(inner)]
    nodes = list(scenario_.nodes)
    if defect == "choice_target_missing":
        broken = replace(victim.choices[0], target="missing")
        nodes[nodes.index(victim)] = replace(victim, choices=(broken, *victim.choices[1:]))
    elif defect == "unreachable_node":
        nodes.append(content("orphan", scenario_.nodes[-1].id))
    elif defect == "trap_cycle":
        into_trap = Choice(id="into_trap", target="t1")
        nodes[nodes.index(victim)] = replace(
            victim, kind="decision", choices=(*victim.choices, into_trap)
        )
        nodes += [content("t1", "t2"), content("t2", "t1")]
    else:
        nodes.append(ending("lost", 0, "failure"))
    return replace(scenario_, nodes=tuple(nodes))


@st.composite
def loose_scenarios(draw, max_nodes: int = 5) -> Scenario:
    """Scenarios with few guarantees: each node's first choice leads forward (so most scenarios have
    a way to an ending), but any choice may carry a condition or be once only and the others lead
    anywhere; the start may even be an ending."""
    names = [f"n{i}" for i in range(draw(st.integers(1, max_nodes)))]
    endings = ["e0", "e1"]
    nodes = []
    for position, name in enumerate(names):
        targets = [draw(st.sampled_from(names[position + 1 :] + endings))]
        targets += [draw(st.sampled_from(names + endings)) for _ in range(draw(st.integers(0, 2)))]
        choices = tuple(
            Choice(
                id=f"c{k}",
                target=target,
                effects=draw(st.sampled_from(EFFECTS)),
                condition=draw(st.sampled_from(("", "", *CONDITIONS))),
                when_false=draw(st.sampled_from(("hide", "disable"))),
                once=draw(st.booleans()),
            )
            for k, target in enumerate(targets)
        )
        kind = "content" if len(choices) == 1 else "decision"
        nodes.append(Node(id=name, kind=kind, choices=choices))
    nodes += [ending(ending_id) for ending_id in endings]
    start = "e0" if draw(st.integers(0, 9)) == 0 else "n0"
    return scenario(start, *nodes, variables=(("trust", 0), ("warned", False)))
