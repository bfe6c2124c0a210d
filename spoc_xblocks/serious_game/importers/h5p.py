"""Import an H5P Branching Scenario: its `content.json` text, or the bytes of a `.h5p` package.

Node `i` is `content[i]` (node "0" starts). A Branching Question becomes a decision whose
alternatives are choices; any other item becomes a content node with one choice: Text and
AdvancedText give the body, Image the image and its alt text, Video the video when its source is a
web address; other types become empty content nodes, noted. `nextContentId` -1 ends the scenario: on
the default end screen (node "end"), or on a custom ending (node "end_<i>" or "end_<i>_<k>") when
the item's or alternative's feedback has a title, text, image or score, as in the H5P player.
Feedback on the way to another node becomes the choice's feedback. Scoring, as H5P's `scoring.js`
computes it: static-end-score grades by ending, each ending's score divided by H5P's maximum (the
largest end score, the default end's standing in for an end without one); dynamic-score grades by
path with a single "score" competency: the score of an alternative leading on (or of an item leading
to a node other than the first) becomes its choice's points, and the scenario counts only each
node's last choice (`last-per-node`), as H5P replaces a revisited node's score; no-score is
ungraded.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from dataclasses import replace

from spoc_xblocks.common.json_input import load_storable_json
from spoc_xblocks.common.text import _
from spoc_xblocks.serious_game.importers.html_text import html_to_line, html_to_text
from spoc_xblocks.serious_game.importers.report import (
    MAX_IMPORT_BYTES,
    ImportNote,
    ImportResult,
    ScenarioImportError,
    check_size,
    note,
    read_text,
)
from spoc_xblocks.serious_game.logic.model import Choice, Competency, Node, Scenario

MAX_PACKAGE_BYTES = 32 * 1024 * 1024
SCORE_COMPETENCY = "score"
GRADING_BY_SCORING_OPTION = {
    "static-end-score": "ending",
    "dynamic-score": "path",
    "no-score": "ungraded",
}
DEFAULT_ENDING = "end"
_TEXT_TYPES = ("H5P.Text", "H5P.AdvancedText")


def import_h5p(data: str | bytes) -> ImportResult:
    """Import a Branching Scenario from `content.json` text or `.h5p` package bytes."""
    content_json, package_title = _read_package(data)
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
    scoring = _dict(params.get("scoringOptionGroup")).get("scoringOption", "no-score")
    grading_mode = GRADING_BY_SCORING_OPTION.get(scoring, "ungraded")
    nodes = _Converter(params, grading_mode, notes).nodes()
    start_title = html_to_line(str(_dict(params.get("startScreen")).get("startScreenTitle") or ""))
    dynamic = grading_mode == "path"
    if dynamic:
        notes += _dynamic_score_notes(params)
    scenario = Scenario(
        start="0",
        nodes=nodes,
        competencies=(Competency(SCORE_COMPETENCY, "Score"),) if dynamic else (),
        shuffle_choices=bool(_dict(params.get("behaviour")).get("randomizeBranchingQuestions")),
        title=start_title or package_title or html_to_line(str(params.get("title") or "")),
        scoring="last-per-node" if dynamic else "every-time",
    )
    return ImportResult(scenario, notes, grading_mode)


def _dynamic_score_notes(params: dict) -> list[ImportNote]:
    """What a dynamic score computes in H5P that the imported scenario computes otherwise."""
    notes = [
        note(
            "dynamic_maximum",
            _(
                "H5P divides a dynamic score by the most the nodes a learner visited could give; "
                "here points are divided by the best total any run can reach."
            ),
        )
    ]
    scored_types = ("H5P.CoursePresentation", "H5P.InteractiveVideo")
    if _dict(params.get("scoringOptionGroup")).get("includeInteractionsScores") and any(
        _library(_dict(item)) in scored_types for item in params["content"]
    ):
        notes.append(
            note(
                "interaction_scores_not_imported",
                _(
                    "H5P adds the scores of the questions inside presentations and interactive "
                    "videos; those questions cannot be answered here, so their scores were left "
                    "out."
                ),
            )
        )
    return notes


class _Converter:
    """Turns the `content` list into nodes, creating ending nodes as alternatives and items reach
    -1."""

    def __init__(self, params: dict, grading_mode: str, notes: list[ImportNote]):
        self.content = params["content"]
        end_screens = params.get("endScreens")
        self.default_end = _dict(
            end_screens[0] if isinstance(end_screens, list) and end_screens else None
        )
        self.grading_mode = grading_mode
        self.notes = notes
        self.endings: dict[str, Node] = {}

    def nodes(self) -> tuple[Node, ...]:
        nodes = [self._node(index, _dict(item)) for index, item in enumerate(self.content)]
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
        return tuple(nodes + self._scored(endings))

    def _node(self, index: int, item: dict) -> Node:
        library_type = _dict(item.get("type"))
        library = _library(item)
        content_params = _dict(library_type.get("params"))
        title = html_to_line(str(_dict(library_type.get("metadata")).get("title") or ""))
        node_id = str(index)
        if library == "H5P.BranchingQuestion":
            question = _dict(content_params.get("branchingQuestion"))
            alternatives = (
                question.get("alternatives")
                if isinstance(question.get("alternatives"), list)
                else []
            )
            choices = tuple(
                self._choice(
                    f"alternative_{number}",
                    _dict(alternative),
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
                body=str(question.get("question") or ""),
                choices=choices,
            )
        node = Node(
            node_id,
            "content",
            title=title,
            choices=(self._choice("continue", item, index, str(index)),),
        )
        if library in _TEXT_TYPES:
            return replace(node, body=str(content_params.get("text") or ""))
        if library == "H5P.Image":
            path = str(_dict(content_params.get("file")).get("path") or "")
            alt = (
                ""
                if content_params.get("decorative")
                else html_to_line(str(content_params.get("alt") or ""))
            )
            return replace(node, image_url=self._media_url(path, node_id), image_alt=alt)
        if library == "H5P.Video":
            sources = content_params.get("sources") or content_params.get("files") or [{}]
            path = str(
                _dict(sources[0] if isinstance(sources, list) and sources else {}).get("path") or ""
            )
            return replace(node, video_url=self._media_url(path, node_id))
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
        feedback = _dict(source.get("feedback"))
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
        score = _number(feedback.get("endScreenScore"))
        # H5P counts an item's own score only when it leads to a node other than the first.
        counted = self.grading_mode == "path" and (question or next_id > 0)
        points = ((SCORE_COMPETENCY, score),) if counted and score else ()
        return Choice(
            choice_id, str(next_id), text=label, feedback=_feedback_text(feedback), points=points
        )

    def _ending_for(self, feedback: dict, suffix: str) -> str:
        """The ending a -1 leads to: a custom ending when the feedback says anything, else the
        default one."""
        has_image = bool(_dict(feedback.get("image")).get("path"))
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
                )
            return DEFAULT_ENDING
        ending_id = f"end_{suffix}"
        # An ending with only a score shows no text in H5P; the default end screen's text reads
        # better.
        self.endings[ending_id] = replace(
            self._ending(
                ending_id,
                feedback.get("title") or self.default_end.get("endScreenTitle"),
                feedback.get("subtitle") or self.default_end.get("endScreenSubtitle"),
                feedback.get("endScreenScore"),
            ),
            image_url=self._media_url(
                str(_dict(feedback.get("image")).get("path") or ""), ending_id
            ),
        )
        return ending_id

    @staticmethod
    def _ending(ending_id: str, title, subtitle, score) -> Node:
        return Node(
            ending_id,
            "ending",
            title=html_to_line(str(title or "")),
            body=str(subtitle or ""),
            outcome="success",
            score=_number(score),
        )

    def _scored(self, endings: list[Node]) -> list[Node]:
        """Endings with scores from 0 to 100 when grading by ending (H5P's maximum = 100), else
        0."""
        best = self._static_maximum()
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

    def _static_maximum(self) -> float:
        """H5P's maximum for a static end score: the largest score of the ways to an end, the
        default end's score standing in for those without one."""
        default = _number(self.default_end.get("endScreenScore"))
        exits = []
        for item in self.content:
            item = _dict(item)
            if _library(item) == "H5P.BranchingQuestion":
                question = _dict(
                    _dict(_dict(item.get("type")).get("params")).get("branchingQuestion")
                )
                alternatives = question.get("alternatives")
                exits += alternatives if isinstance(alternatives, list) else []
            else:
                exits.append(item)
        best = 0
        for way in map(_dict, exits):
            if way.get("nextContentId", -1) == -1:
                score = _dict(way.get("feedback")).get("endScreenScore")
                best = max(best, _number(score) if score is not None else default)
        return best

    def _next_content_id(self, value, index: int) -> int:
        if _is_number(value) and float(value).is_integer():
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

    def _media_url(self, path: str, node_id: str) -> str:
        """A web address is kept; a file inside the package cannot be, so it is noted."""
        if not path or path.startswith(("https://", "http://")):
            return path
        self._note(
            "media_not_imported",
            _(
                "Node '{node}' used the package file '{path}', which was not imported; "
                "upload it and set its address."
            ),
            node=node_id,
            path=path,
        )
        return ""

    def _note(self, code: str, template: str, **params) -> None:
        self.notes.append(note(code, template, params))


def _library(item: dict) -> str:
    """The machine name of an item's content type, without its version."""
    return str(_dict(item.get("type")).get("library") or "").split(" ")[0]


def _read_package(data: str | bytes) -> tuple[object, str]:
    """The parsed content.json and the package title (from h5p.json, when the input is a
    package)."""
    if isinstance(data, bytes) and data[:4] == b"PK\x03\x04":
        check_size(data, MAX_PACKAGE_BYTES)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                manifest = (
                    _parse_json(_member(archive, "h5p.json"), "h5p.json")
                    if _has(archive, "h5p.json")
                    else {}
                )
                main_library = _dict(manifest).get("mainLibrary")
                if main_library and main_library != "H5P.BranchingScenario":
                    raise ScenarioImportError(
                        _("This H5P package is a {library}, not a Branching Scenario."),
                        {"library": main_library},
                    )
                content = _parse_json(
                    _member(archive, "content/content.json"), "content/content.json"
                )
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            RuntimeError,
            NotImplementedError,
            EOFError,
        ) as exc:
            raise ScenarioImportError(
                _("This .h5p package cannot be read: {error}"), {"error": str(exc)}
            ) from exc
        return content, html_to_line(str(_dict(manifest).get("title") or ""))
    return _parse_json(read_text(data), "content.json"), ""


def _has(archive: zipfile.ZipFile, name: str) -> bool:
    return name in archive.namelist()


def _member(archive: zipfile.ZipFile, name: str) -> str:
    """A file of the package as text, read no further than the size limit (the sizes a zip claims
    may lie)."""
    if not _has(archive, name):
        raise ScenarioImportError(_("This .h5p package has no {name}."), {"name": name})
    with archive.open(name) as member:
        raw = member.read(MAX_IMPORT_BYTES + 1)
    return read_text(raw)


def _parse_json(text: str, name: str):
    try:
        return load_storable_json(text)
    except json.JSONDecodeError as exc:
        raise ScenarioImportError(
            _("{name} is not valid JSON: {error} (line {line}, column {column})."),
            {"name": name, "error": exc.msg, "line": exc.lineno, "column": exc.colno},
        ) from exc
    except RecursionError as exc:
        raise ScenarioImportError(
            _("{name} is nested too deeply to read."), {"name": name}
        ) from exc
    except UnicodeEncodeError as exc:
        raise ScenarioImportError(
            _("{name} holds text that is not valid Unicode."), {"name": name}
        ) from exc


def _feedback_text(feedback: dict) -> str:
    parts = (
        html_to_line(str(feedback.get("title") or "")),
        html_to_text(str(feedback.get("subtitle") or "")),
    )
    return "\n\n".join(part for part in parts if part)


def _is_number(value) -> bool:
    """A finite JSON number (JSON from other tools may hold true, a string, NaN or Infinity
    instead)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _number(value) -> float:
    return value if _is_number(value) else 0


def _tidy(number: float) -> float:
    """A whole number as an int, so it reads `100` rather than `100.0` in OLX."""
    return int(number) if float(number).is_integer() else number


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}
