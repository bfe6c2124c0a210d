"""Import an H5P Branching Scenario: its `content.json` text, or the bytes of a `.h5p` package.

Node `i` is `content[i]` (node "0" starts; the start screen's subtitle and picture open it). A
Branching Question becomes a decision whose alternatives are choices; any other item becomes a
content node with one choice, its text, picture and video read by `h5p_content` (package files
become course assets to upload, listed in the report); an unknown type becomes an empty content
node, noted. `nextContentId` -1 ends the scenario: on the default end screen (node "end"), or on a
custom ending (node "end_<i>" or "end_<i>_<k>") when the item's or alternative's feedback has a
title, text, image or score, as in the H5P player. Feedback on the way to another node becomes the
choice's feedback. Scoring, as H5P's `scoring.js` computes it: static-end-score grades by ending,
each ending's score divided by H5P's maximum (the largest end score, the default end's standing in
for an end without one); dynamic-score grades by path with a single "score" competency: the score
of an alternative leading on (or of an item leading to a node other than the first) becomes its
choice's points, and the scenario counts only each node's last choice (`last-per-node`), as H5P
replaces a revisited node's score; no-score is ungraded.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape

from spoc_xblocks.common.sanitize import sanitize_html
from spoc_xblocks.common.text import _
from spoc_xblocks.serious_game.importers.h5p_content import (
    ContentReader,
    NodeContent,
    as_dict,
    is_number,
    library_of,
    number,
)
from spoc_xblocks.serious_game.importers.h5p_package import read_package
from spoc_xblocks.serious_game.importers.h5p_scoring import (
    dynamic_score_notes,
    static_maximum,
)
from spoc_xblocks.serious_game.importers.html_text import html_to_line, html_to_text
from spoc_xblocks.serious_game.importers.report import (
    ImportNote,
    ImportResult,
    ScenarioImportError,
    note,
)
from spoc_xblocks.serious_game.logic.model import Choice, Competency, Node, Scenario

SCORE_COMPETENCY = "score"
GRADING_BY_SCORING_OPTION = {
    "static-end-score": "ending",
    "dynamic-score": "path",
    "no-score": "ungraded",
}
DEFAULT_ENDING = "end"


def import_h5p(data: str | bytes) -> ImportResult:
    """Import a Branching Scenario from `content.json` text or `.h5p` package bytes."""
    content_json, package_title = read_package(data)
    params = content_json.get("branchingScenario") if isinstance(content_json, dict) else None
    if (
        not isinstance(params, dict)
        or not isinstance(params.get("content"), list)
        or not params["content"]
    ):
        raise ScenarioImportError(
            _(
                "This is not an H5P Branching Scenario: content.json has no 'branchingScenario' "
                "with content."
            )
        )
    notes: list[ImportNote] = []
    scoring = as_dict(params.get("scoringOptionGroup")).get("scoringOption", "no-score")
    grading_mode = GRADING_BY_SCORING_OPTION.get(str(scoring), "ungraded")
    nodes = _Converter(params, grading_mode, notes).nodes()
    start_title = html_to_line(
        str(as_dict(params.get("startScreen")).get("startScreenTitle") or "")
    )
    dynamic = grading_mode == "path"
    if dynamic:
        notes += dynamic_score_notes(params)
    scenario = Scenario(
        start="0",
        nodes=nodes,
        competencies=(Competency(SCORE_COMPETENCY, "Score"),) if dynamic else (),
        shuffle_choices=bool(as_dict(params.get("behaviour")).get("randomizeBranchingQuestions")),
        title=start_title or package_title or html_to_line(str(params.get("title") or "")),
        scoring="last-per-node" if dynamic else "every-time",
    )
    return ImportResult(scenario, notes, grading_mode)


class _Converter:
    """Turns the `content` list into nodes, creating ending nodes as alternatives and items reach
    -1."""

    def __init__(self, params: dict, grading_mode: str, notes: list[ImportNote]):
        self.content = params["content"]
        end_screens = params.get("endScreens")
        self.default_end = as_dict(
            end_screens[0] if isinstance(end_screens, list) and end_screens else None
        )
        self.start_screen = as_dict(params.get("startScreen"))
        self.grading_mode = grading_mode
        self.notes = notes
        self.endings: dict[str, Node] = {}
        self.reader = ContentReader()

    def nodes(self) -> tuple[Node, ...]:
        start_screen = self._start_screen_html()
        nodes = [self._node(index, as_dict(item)) for index, item in enumerate(self.content)]
        endings = list(self.endings.values())
        if len(endings) > 1:
            self._note(
                "outcomes_unset",
                _(
                    "H5P endings have no outcome: the {count} endings were imported as "
                    "successes. Set the outcome of each."
                ),
                count=len(endings),
            )
        nodes[0] = replace(nodes[0], body=start_screen + nodes[0].body)
        scored = self._scored(endings)
        if self.reader.assets:
            self._note(
                "assets_to_upload",
                _(
                    "Upload these files of the package as course assets (Files & Uploads), under "
                    "the same names: the nodes refer to them as /static/<name>. Files: {names}."
                ),
                names=", ".join(self.reader.assets),
            )
        return tuple(nodes + scored)

    def _start_screen_html(self) -> str:
        """The start screen's subtitle and image, shown above the first node (its title is the
        scenario's)."""
        image = self._image_html(
            self.start_screen.get("startScreenImage"),
            html_to_line(str(self.start_screen.get("startScreenAltText") or "")),
        )
        return sanitize_html(str(self.start_screen.get("startScreenSubtitle") or "")) + image

    def _image_html(self, image, alt: str = "") -> str:
        source = self.reader.address(as_dict(image).get("path"))
        if not source:
            return ""
        return sanitize_html(f'<p><img src="{escape(source)}" alt="{escape(alt)}"></p>')

    def _node(self, index: int, item: dict) -> Node:
        library_type = as_dict(item.get("type"))
        library = library_of(item)
        content_params = as_dict(library_type.get("params"))
        title = html_to_line(str(as_dict(library_type.get("metadata")).get("title") or ""))
        node_id = str(index)
        if library == "H5P.BranchingQuestion":
            question = as_dict(content_params.get("branchingQuestion"))
            alternatives = (
                question.get("alternatives")
                if isinstance(question.get("alternatives"), list)
                else []
            )
            choices = tuple(
                self._choice(
                    f"alternative_{number}",
                    as_dict(alternative),
                    index,
                    f"{index}_{number}",
                    question=True,
                )
                for number, alternative in enumerate(alternatives, start=1)
            )
            return Node(
                node_id,
                "decision",
                title=title,
                body=sanitize_html(str(question.get("question") or "")).strip(),
                choices=choices,
            )
        node = Node(
            node_id,
            "content",
            title=title,
            choices=(self._choice("continue", item, index, str(index)),),
        )
        content = self.reader.read(library, content_params)
        if content is None:
            self._note(
                "unsupported_content",
                _(
                    "Item {index} ('{title}') uses {library}, which cannot be imported; it "
                    "became an empty content node. Add its content by hand."
                ),
                index=index,
                title=title,
                library=library or "?",
            )
            return node
        self._note_left_out(node_id, content)
        return replace(
            node,
            body=content.body,
            image_url=content.image_url,
            image_alt=content.image_alt,
            video_url=content.video_url,
        )

    def _note_left_out(self, node_id: str, content: NodeContent) -> None:
        for library, count in content.left_out.items():
            self._note(
                "content_left_out",
                _(
                    "Node '{node}' held {library} content ({count}) that cannot come over; add "
                    "it by hand."
                ),
                node=node_id,
                library=library,
                count=count,
            )
        if content.questions:
            self._note(
                "questions_as_text",
                _(
                    "Node '{node}' held questions ({count}); a node cannot be answered, so they "
                    "are shown as text, without their answers."
                ),
                node=node_id,
                count=content.questions,
            )
        if content.captions:
            self._note(
                "captions_left_out",
                _(
                    "The video of node '{node}' had caption tracks ({count}) that did not come "
                    "over; add a transcript address by hand."
                ),
                node=node_id,
                count=content.captions,
            )

    def _choice(
        self,
        choice_id: str,
        source: dict,
        index: int,
        ending_id_suffix: str,
        question: bool = False,
    ) -> Choice:
        """A choice from an alternative (`question`) or a content item: its target, feedback and
        (dynamic) points."""
        feedback = as_dict(source.get("feedback"))
        next_id = self._next_content_id(source.get("nextContentId", -1), index)
        label = html_to_line(str(source.get("text") or "")) if question else ""
        if next_id < 0:
            return Choice(choice_id, self._ending_for(feedback, ending_id_suffix), text=label)
        if next_id >= len(self.content):
            self._note(
                "dangling_target",
                _("Item {item} leads to item {target}, which does not exist."),
                item=index,
                target=next_id,
            )
        image_path = as_dict(feedback.get("image")).get("path")
        if image_path:
            self._note(
                "feedback_image_left_out",
                _(
                    "The feedback of item {item} shows the picture '{path}', which feedback "
                    "cannot hold here; it was left out."
                ),
                item=index,
                path=str(image_path),
            )
        score = number(feedback.get("endScreenScore"))
        # H5P counts an item's own score only when it leads to a node other than the first.
        counted = self.grading_mode == "path" and (question or next_id > 0)
        points = ((SCORE_COMPETENCY, score),) if counted and score else ()
        return Choice(
            choice_id, str(next_id), text=label, feedback=_feedback_text(feedback), points=points
        )

    def _ending_for(self, feedback: dict, suffix: str) -> str:
        """The ending a -1 leads to: a custom ending when the feedback says anything, else the
        default one."""
        has_image = bool(as_dict(feedback.get("image")).get("path"))
        is_custom = (
            str(feedback.get("title") or "").strip()
            or str(feedback.get("subtitle") or "").strip()
            or has_image
            or feedback.get("endScreenScore") is not None
        )
        if not is_custom:
            if DEFAULT_ENDING not in self.endings:
                self.endings[DEFAULT_ENDING] = self._ending(
                    DEFAULT_ENDING,
                    self.default_end.get("endScreenTitle"),
                    self.default_end.get("endScreenSubtitle"),
                    self.default_end.get("endScreenScore"),
                    self.default_end.get("endScreenImage"),
                )
            return DEFAULT_ENDING
        ending_id = f"end_{suffix}"
        # An ending with only a score shows no text in H5P; the default end screen's text reads
        # better.
        self.endings[ending_id] = self._ending(
            ending_id,
            feedback.get("title") or self.default_end.get("endScreenTitle"),
            feedback.get("subtitle") or self.default_end.get("endScreenSubtitle"),
            feedback.get("endScreenScore"),
            feedback.get("image"),
        )
        return ending_id

    def _ending(self, ending_id: str, title, subtitle, score, image) -> Node:
        """An end screen: its picture goes in the debrief, which is what an ending shows."""
        return Node(
            ending_id,
            "ending",
            title=html_to_line(str(title or "")),
            body=sanitize_html(str(subtitle or "")).strip() + self._image_html(image),
            outcome="success",
            score=number(score),
        )

    def _scored(self, endings: list[Node]) -> list[Node]:
        """Endings with scores from 0 to 100 when grading by ending (H5P's maximum = 100), else
        0."""
        best = static_maximum(self.content, self.default_end)
        if self.grading_mode != "ending" or best <= 0:
            return [replace(ending, score=0) for ending in endings]
        if best != 100:
            self._note(
                "scores_rescaled",
                _(
                    "Ending scores were rescaled to 0-100: the best ending ({best} points) "
                    "scores 100."
                ),
                best=best,
            )
        return [
            replace(ending, score=_tidy(round(min(max(ending.score, 0), best) * 100 / best, 2)))
            for ending in endings
        ]

    def _next_content_id(self, value, index: int) -> int:
        if is_number(value) and float(value).is_integer():
            return int(value)
        if isinstance(value, str) and value.lstrip("-").isdigit():
            return int(value)
        self._note(
            "bad_next_content",
            _(
                "Item {item} has a next item '{value}' that is not a number; it was "
                "read as the end."
            ),
            item=index,
            value=value,
        )
        return -1

    def _note(self, code: str, template: str, **params) -> None:
        self.notes.append(note(code, template, params))


def _feedback_text(feedback: dict) -> str:
    parts = (
        html_to_line(str(feedback.get("title") or "")),
        html_to_text(str(feedback.get("subtitle") or "")),
    )
    return "\n\n".join(part for part in parts if part)


def _tidy(number: float) -> float:
    """A whole number as an int, so it reads `100` rather than `100.0` in OLX."""
    return int(number) if float(number).is_integer() else number
