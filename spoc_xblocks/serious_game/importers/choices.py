"""A passage's ways on as choices: labels, targets, conditions and effects, with what could not be
converted counted and noted.

Endings as authors mean them: a passage tagged with one of ENDING_TAGS (any case), or whose only
ways on lead back to the start passage or restart the story, is an ending. Its restart and
"play again" links are dropped, since the block offers its own replay.
"""

from __future__ import annotations

from dataclasses import dataclass

from spoc_xblocks.common.text import _
from spoc_xblocks.serious_game.importers.conditions import (
    condition_variables,
    translate_condition,
    translate_setters,
)
from spoc_xblocks.serious_game.importers.harlowe import harlowe_calls
from spoc_xblocks.serious_game.importers.links import Link
from spoc_xblocks.serious_game.importers.report import ImportNote, ImportTally, note
from spoc_xblocks.serious_game.importers.slugs import unique_slugs
from spoc_xblocks.serious_game.importers.sugarcube import sugarcube_tags
from spoc_xblocks.serious_game.importers.ways import BACK, Navigation, PassageCode
from spoc_xblocks.serious_game.logic.model import Choice, Effect, Value

ENDING_TAGS = frozenset(("end", "ending", "fin", "gameover", "game-over", "death", "win", "lose"))
FAILURE_TAGS = frozenset(("gameover", "game-over", "death", "lose"))


@dataclass
class StoryContext:
    """What converting one passage needs to know about the whole story."""

    node_ids: dict[str, str]
    start_name: str
    story_format: str
    predecessors: dict[str, set[str]]
    reachable: set[str]
    notes: list[ImportNote]
    tally: ImportTally

    def node_id_of(self, name: str) -> str | None:
        for candidate in (name, name.strip()):
            if candidate in self.node_ids:
                return self.node_ids[candidate]
        return None


def ending_tag(tags: tuple[str, ...]) -> str | None:
    """The first of the passage's tags that marks an ending, lower-cased, or None."""
    return next((tag.lower() for tag in tags if tag.lower() in ENDING_TAGS), None)


def is_ending(name: str, tags: tuple[str, ...], code: PassageCode, story: StoryContext) -> bool:
    """Tagged as an ending, or reached from the start and every way on restarts or leads back to
    the start (and there is one: a passage with none becomes an ending later, with its note)."""
    if ending_tag(tags):
        return True
    ways = [way for way in code.navigations if not way.restart]
    restarts = len(code.navigations) - len(ways)
    if name == story.start_name or name not in story.reachable or not (ways or restarts):
        return False
    return all(story.node_id_of(way.target) == story.node_ids[story.start_name] for way in ways)


def drop_ending_links(passage_name: str, code: PassageCode, story: StoryContext) -> None:
    """Count an ending's ways on as dropped: the block's own replay stands in for them."""
    start_id = story.node_ids[story.start_name]
    others = []
    for way in code.navigations:
        if way.restart or story.node_id_of(way.target) == start_id:
            story.tally.dropped[_("replay link on an ending")] += 1
            story.tally.ways_on["replay"] += 1
        else:
            story.tally.dropped[_("link from an ending")] += 1
            story.tally.ways_on["dropped"] += 1
            others.append(way.target)
    if len(others) < len(code.navigations):
        story.notes.append(
            note(
                "replay_link_dropped",
                _(
                    "Passage '{passage}' is an ending: its restart or play-again links were left "
                    "out, as the block offers its own replay."
                ),
                {"passage": passage_name},
            )
        )
    if others:
        story.notes.append(
            note(
                "ending_link_dropped",
                _(
                    "Passage '{passage}' is tagged as an ending, so its links to {targets} were "
                    "left out."
                ),
                {"passage": passage_name, "targets": ", ".join(f"'{t}'" for t in others)},
            )
        )


def passage_choices(passage_name: str, code: PassageCode, story: StoryContext) -> list[Choice]:
    """The choices of a passage that is not an ending, in text order; a move that happens by
    itself whatever the conditions is the only one (the reader never gets to click the others)."""
    kept: list[tuple[Navigation, str]] = []
    for way in code.navigations:
        target = _target(passage_name, way, story)
        if target is not None:
            kept.append((way, target))
        else:
            story.tally.ways_on["replay" if way.restart else "dropped"] += 1
    forced = next(((w, t) for w, t in kept if w.automatic and not w.conditions), None)
    if forced is not None and len(kept) > 1:
        _drop_beside(passage_name, forced[0], len(kept) - 1, story)
        kept = [forced]
    ids = _unique([target for _way, target in kept])
    choices = []
    for (way, target), choice_id in zip(kept, ids):
        label = way.label.strip()
        if way.automatic:
            label = "" if len(kept) == 1 else way.target
            story.notes.append(
                note(
                    "automatic_move",
                    _(
                        "Passage '{passage}' moves on by itself to '{target}' ({construct}); the "
                        "learner continues there with a choice."
                    ),
                    {"passage": passage_name, "target": way.target, "construct": way.construct},
                )
            )
        choices.append(
            Choice(
                id=choice_id,
                target=target,
                text=label,
                condition=_condition(passage_name, way, story),
                effects=_effects(passage_name, way, story),
            )
        )
        story.tally.converted[way.construct] += 1
        story.tally.ways_on["choice"] += 1
    return choices


def _drop_beside(passage_name: str, forced: Navigation, count: int, story: StoryContext) -> None:
    story.tally.dropped[_("link beside an automatic move")] += count
    story.tally.ways_on["dropped"] += count
    story.notes.append(
        note(
            "link_beside_automatic_move",
            _(
                "Passage '{passage}' always moves on by itself to '{target}' ({construct}), so "
                "its other ways on were left out ({count})."
            ),
            {
                "passage": passage_name,
                "target": forced.target,
                "construct": forced.construct,
                "count": count,
            },
        )
    )


def _target(passage_name: str, way: Navigation, story: StoryContext) -> str | None:
    """The node a way on leads to, or None when it is no choice (noted)."""
    if way.restart:
        story.tally.dropped[way.construct] += 1
        story.notes.append(
            note(
                "restart_link_dropped",
                _(
                    "Passage '{passage}' has a restart link ({construct}); it was left out, as the "
                    "block offers its own replay at the endings."
                ),
                {"passage": passage_name, "construct": way.construct},
            )
        )
        return None
    target = way.target
    if target == BACK:
        sources = sorted(story.predecessors.get(passage_name, ()))
        if len(sources) != 1:
            story.tally.dropped[way.construct] += 1
            story.notes.append(
                note(
                    "back_link_dropped",
                    _(
                        "Passage '{passage}' has a back link, but {count} passages lead to it, so "
                        "where it goes depends on the run; it was left out."
                    ),
                    {"passage": passage_name, "count": len(sources)},
                )
            )
            return None
        target = sources[0]
    if way.dynamic or not target:
        story.tally.dropped[way.construct] += 1
        story.notes.append(
            note(
                "dynamic_link_dropped",
                _(
                    "Passage '{passage}' has a link ({construct}) whose destination is computed "
                    "while playing; it was left out."
                ),
                {"passage": passage_name, "construct": way.construct},
            )
        )
        return None
    if Link("", target, 0, 0).is_external:
        story.tally.dropped[_("external link")] += 1
        story.notes.append(
            note(
                "external_link_skipped",
                _(
                    "Passage '{passage}' links to the web page {url}; external links are not "
                    "choices and were left out."
                ),
                {"passage": passage_name, "url": target},
            )
        )
        return None
    node_id = story.node_id_of(target)
    if node_id is None:
        story.notes.append(
            note(
                "dangling_link",
                _("Passage '{passage}' links to '{target}', which is not a passage of the story."),
                {"passage": passage_name, "target": target},
            )
        )
        return target
    return node_id


def _condition(passage_name: str, way: Navigation, story: StoryContext) -> str:
    parts = []
    for scope in way.conditions:
        sources = [f"not ({source})" for source in scope.negated]
        if scope.source is not None:
            sources.append(scope.source)
        for source in sources:
            expression = translate_condition(source, story.node_id_of, story.story_format)
            if expression is None:
                story.tally.approximated[scope.construct] += 1
                story.notes.append(
                    note(
                        "condition_not_converted",
                        _(
                            "Passage '{passage}': the condition {condition} on the link to "
                            "'{target}' cannot be written in the block's conditions, so the "
                            "choice is always offered."
                        ),
                        {"passage": passage_name, "condition": source, "target": way.target},
                    )
                )
                return ""
            parts.append(expression)
    for scope in way.conditions:
        story.tally.converted[scope.construct] += 1
    if len(parts) == 1:
        return parts[0]
    return " and ".join(f"({part})" for part in parts)


def _effects(passage_name: str, way: Navigation, story: StoryContext) -> tuple[Effect, ...]:
    effects: list[Effect] = []
    for setter in way.setters:
        converted = translate_setters(setter)
        if converted is None:
            story.tally.dropped[_("setter")] += 1
            story.notes.append(
                note(
                    "setter_not_converted",
                    _(
                        "Passage '{passage}': the change {setter} made by the link to '{target}' "
                        "cannot be written as an effect; it was left out."
                    ),
                    {"passage": passage_name, "setter": setter, "target": way.target},
                )
            )
            continue
        story.tally.converted[_("setter")] += 1
        effects.extend(converted)
    return tuple(effects)


def variables_used(choices, set_at_start: dict[str, Value]) -> dict[str, Value]:
    """Initial values for the variables the choices read or change: what the story's start-up
    code sets (StoryInit, passages tagged startup or init) when it is of the same kind, else false
    for those set to true/false and 0 for the others (Harlowe reads an unset variable as 0)."""
    choices = list(choices)
    initial: dict[str, Value] = {}
    for choice in choices:
        for effect in choice.effects:
            if effect.variable not in initial:
                initial[effect.variable] = False if isinstance(effect.value, bool) else 0
    for choice in choices:
        for name in condition_variables(choice.condition):
            initial.setdefault(name, 0)
    for name, default in initial.items():
        value = set_at_start.get(name)
        if value is not None and isinstance(value, bool) == isinstance(default, bool):
            initial[name] = value
    return initial


def start_up_values(text: str) -> dict[str, Value]:
    """The constants start-up code sets: `<<set $x to 3>>`, `(set: $x to 3)`."""
    values: dict[str, Value] = {}
    sources = [tag.arguments for tag in sugarcube_tags(text) if tag.name == "set"]
    sources += [call.arguments for call in harlowe_calls(text) if call.name == "set"]
    for source in sources:
        for effect in translate_setters(source) or ():
            if effect.op == "set":
                values[effect.variable] = effect.value
    return values


def _unique(targets: list[str]) -> list[str]:
    return unique_slugs(targets, fallback="choice")
