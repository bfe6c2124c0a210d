"""Scenario builders shared by the serious-game logic tests: terse constructors and a demo
scenario."""

from __future__ import annotations

from spoc_xblocks.serious_game.logic.model import Choice, Competency, Effect, Node, Scenario


def choice(choice_id: str, target: str, **fields) -> Choice:
    return Choice(id=choice_id, target=target, **fields)


def content(node_id: str, target: str, **fields) -> Node:
    return Node(id=node_id, kind="content", choices=(choice("continue", target),), **fields)


def decision(node_id: str, *choices: Choice, **fields) -> Node:
    return Node(id=node_id, kind="decision", choices=choices, **fields)


def ending(node_id: str, score: float = 100, outcome: str = "success", **fields) -> Node:
    return Node(id=node_id, kind="ending", score=score, outcome=outcome, **fields)


def scenario(start: str, *nodes: Node, competencies: tuple[str, ...] = (), **fields) -> Scenario:
    return Scenario(
        start=start,
        nodes=nodes,
        competencies=tuple(Competency(name, name.title()) for name in competencies),
        **fields,
    )


def add(variable: str, value) -> Effect:
    return Effect(variable, "add", value)


def set_to(variable: str, value) -> Effect:
    return Effect(variable, "set", value)


def demo_scenario(**fields) -> Scenario:
    """A customer complaint: a retry loop, a once-only choice, conditions on a variable and on
    visits."""
    return scenario(
        "intro",
        content("intro", "call", title="An angry customer calls"),
        decision(
            "call",
            choice("listen", "details", points=(("empathy", 2),), effects=(add("trust", 1),)),
            choice("script", "details", points=(("compliance", 1),)),
            choice(
                "interrupt",
                "oops",
                effects=(add("trust", -1),),
                once=True,
                feedback="They raise their voice.",
            ),
            choice("hang_up", "lost", condition='visits("call") >= 2'),
        ),
        content("oops", "call", title="That went badly"),
        decision(
            "details",
            choice(
                "refund",
                "refunded",
                condition="trust >= 1 or checked",
                when_false="disable",
                points=(("empathy", 1),),
            ),
            choice(
                "policy",
                "policy",
                once=True,
                points=(("compliance", 2),),
                effects=(set_to("checked", True),),
            ),
            choice("escalate", "escalated"),
        ),
        content("policy", "details", title="You read the refund policy"),
        ending("refunded", 100, "success"),
        ending("escalated", 50, "partial"),
        ending("lost", 0, "failure"),
        variables=(("trust", 0), ("checked", False)),
        competencies=("empathy", "compliance"),
        **fields,
    )


def practice_loop(scoring: str = "every-time", **practice_fields) -> Scenario:
    """A desk where practising earns a point and comes back; leaving ends the run."""
    return scenario(
        "desk",
        decision(
            "desk",
            choice("practice", "drill", points=(("skill", 1),), **practice_fields),
            choice("leave", "end"),
        ),
        content("drill", "desk"),
        ending("end"),
        competencies=("skill",),
        scoring=scoring,
    )


def retry_question(scoring: str) -> Scenario:
    """A question answered well (+2) or badly (-1), then a chance to try it again."""
    return scenario(
        "q",
        decision(
            "q",
            choice("good", "r", points=(("skill", 2),)),
            choice("bad", "r", points=(("skill", -1),)),
        ),
        decision("r", choice("again", "q"), choice("leave", "end")),
        ending("end"),
        competencies=("skill",),
        scoring=scoring,
    )
