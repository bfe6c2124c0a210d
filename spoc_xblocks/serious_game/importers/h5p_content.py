"""The text, pictures and videos of the content types an H5P Branching Scenario holds, as the parts
of an imported node: sanitised body HTML, image and video addresses, the package files to upload as
course assets, and a count of what could not come over.

A package file is referenced the way Open edX references course assets, `/static/<file name>`; the
block stores no files, so the course team uploads them (Files & Uploads) under the same names.
Questions inside presentations, hotspots and videos are shown as text (their blanks emptied), since
a node cannot be answered; the importer notes them.
"""

from __future__ import annotations

import html
import math
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field

from spoc_xblocks.common.sanitize import safe_address, sanitize_html
from spoc_xblocks.serious_game.importers.html_text import html_to_line

ASSET_PREFIX = "/static/"
TEXT_TYPES = ("H5P.Text", "H5P.AdvancedText", "H5P.Table")
# Where each question type keeps the text a learner reads (never its answers).
QUESTION_TEXT_FIELDS = {
    "H5P.MultiChoice": ("question",),
    "H5P.TrueFalse": ("question",),
    "H5P.Blanks": ("text", "questions"),
    "H5P.DragText": ("taskDescription", "textField"),
    "H5P.MarkTheWords": ("taskDescription", "textField"),
    "H5P.Essay": ("taskDescription",),
}
_BLANK = re.compile(r"\*[^*\n]+\*")


@dataclass
class NodeContent:
    """What one H5P item gives its node, and what it could not give."""

    body: str = ""
    image_url: str = ""
    image_alt: str = ""
    video_url: str = ""
    left_out: Counter = field(default_factory=Counter)
    questions: int = 0
    captions: int = 0


class ContentReader:
    """Reads items into NodeContent, collecting the package files they use, in order."""

    def __init__(self):
        self.assets: list[str] = []

    def address(self, path: str) -> str:
        """A web address as it is; a file of the package as its course asset address."""
        path = str(path or "").strip()
        if not path:
            return ""
        if path.startswith(("https://", "http://")):
            return safe_address(path)
        name = posixpath.basename(path.split("#")[0].split("?")[0])
        if not name or ":" in path:
            return ""
        if name not in self.assets:
            self.assets.append(name)
        return ASSET_PREFIX + name

    def read(self, library: str, params: dict) -> NodeContent | None:
        """The node parts of an item of type `library`, or None for a type this cannot read."""
        reader = {
            "H5P.Image": self._image,
            "H5P.Video": self._video,
            "H5P.CoursePresentation": self._presentation,
            "H5P.ImageHotspots": self._hotspots,
            "H5P.InteractiveVideo": self._interactive_video,
        }.get(library)
        content = NodeContent()
        if library in TEXT_TYPES:
            content.body = _clean(params.get("text"))
        elif reader is None:
            return None
        else:
            reader(params, content)
        return content

    def _image(self, params: dict, content: NodeContent) -> None:
        content.image_url = self.address(as_dict(params.get("file")).get("path"))
        if not params.get("decorative"):
            content.image_alt = html_to_line(str(params.get("alt") or ""))

    def _video(self, params: dict, content: NodeContent) -> None:
        sources = params.get("sources") or params.get("files")
        content.video_url = self._first_source(sources)
        content.captions += len(as_list(as_dict(params.get("a11y")).get("videoTrack")))

    def _first_source(self, sources) -> str:
        return self.address(as_dict(next(iter(as_list(sources)), None)).get("path"))

    def _presentation(self, params: dict, content: NodeContent) -> None:
        slides = []
        for slide in map(as_dict, as_list(as_dict(params.get("presentation")).get("slides"))):
            keywords = [as_dict(keyword).get("main") for keyword in as_list(slide.get("keywords"))]
            heading = html_to_line(str(next((word for word in keywords if word), "")))
            parts = [f"<h3>{html.escape(heading)}</h3>"] if heading else []
            for element in map(as_dict, as_list(slide.get("elements"))):
                parts.append(self._element(as_dict(element.get("action")), content))
            slides.append("".join(parts))
        content.body = _clean("<hr>".join(slide for slide in slides if slide))

    def _hotspots(self, params: dict, content: NodeContent) -> None:
        content.image_url = self.address(as_dict(params.get("image")).get("path"))
        content.image_alt = html_to_line(str(params.get("backgroundImageAltText") or ""))
        parts = []
        for hotspot in map(as_dict, as_list(params.get("hotspots"))):
            header = html_to_line(str(hotspot.get("header") or ""))
            parts.append(f"<h3>{html.escape(header)}</h3>" if header else "")
            for action in map(as_dict, as_list(hotspot.get("content"))):
                parts.append(self._element(action, content))
        content.body = _clean("".join(parts))

    def _interactive_video(self, params: dict, content: NodeContent) -> None:
        video = as_dict(as_dict(params.get("interactiveVideo")).get("video"))
        content.video_url = self._first_source(video.get("files"))
        content.captions += len(as_list(as_dict(video.get("textTracks")).get("videoTrack")))
        assets = as_dict(as_dict(params.get("interactiveVideo")).get("assets"))
        parts = []
        for interaction in map(as_dict, as_list(assets.get("interactions"))):
            start = as_dict(interaction.get("duration")).get("from")
            part = self._element(as_dict(interaction.get("action")), content)
            if part and is_number(start) and start >= 0:
                part = f"<h3>{_clock(start)}</h3>{part}"
            parts.append(part)
        summary = as_dict(as_dict(params.get("interactiveVideo")).get("summary"))
        if as_list(as_dict(as_dict(summary.get("task")).get("params")).get("summaries")):
            content.left_out["H5P.Summary"] += 1
        content.body = _clean("".join(parts))

    def _element(self, action: dict, content: NodeContent) -> str:
        """One element inside a slide, a hotspot or a video, as body HTML ("" if left out)."""
        library = str(action.get("library") or "").split(" ")[0]
        params = as_dict(action.get("params"))
        if library in TEXT_TYPES:
            return str(params.get("text") or "")
        if library == "H5P.Image":
            source = self.address(as_dict(params.get("file")).get("path"))
            alt = "" if params.get("decorative") else html_to_line(str(params.get("alt") or ""))
            return (
                f'<p><img src="{html.escape(source)}" alt="{html.escape(alt)}"></p>'
                if source
                else ""
            )
        if library == "H5P.Video":
            source = self._first_source(params.get("sources") or params.get("files"))
            if source and not content.video_url:
                content.video_url = source
                return ""
            return (
                f'<p><a href="{html.escape(source)}">{html.escape(source)}</a></p>'
                if source
                else ""
            )
        if library in QUESTION_TEXT_FIELDS:
            content.questions += 1
            return _question_text(library, params)
        content.left_out[library or "?"] += 1
        return ""


def _question_text(library: str, params: dict) -> str:
    """What a learner reads of a question: its task and sentences, blanks emptied, options
    listed."""
    parts = []
    for name in QUESTION_TEXT_FIELDS[library]:
        value = params.get(name)
        for text in as_list(value) if isinstance(value, list) else [value]:
            text = str(text or "")
            if library == "H5P.MarkTheWords":
                text = _BLANK.sub(lambda match: match.group(0)[1:-1], text)
            else:
                text = _BLANK.sub("_____", text)
            parts.append(text if text.lstrip().startswith("<") else f"<p>{text}</p>")
    options = [as_dict(answer).get("text") for answer in as_list(params.get("answers"))]
    if library == "H5P.MultiChoice" and options:
        parts.append("<ul>" + "".join(f"<li>{option or ''}</li>" for option in options) + "</ul>")
    return "".join(part for part in parts if part != "<p></p>")


def _clock(seconds: float) -> str:
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"


def _clean(markup) -> str:
    return sanitize_html(str(markup or "")).strip()


def library_of(item: dict) -> str:
    """The machine name of an item's content type, without its version."""
    return str(as_dict(item.get("type")).get("library") or "").split(" ")[0]


def as_list(value) -> list:
    """A JSON list, or an empty one for anything else (files from other tools may hold anything)."""
    return value if isinstance(value, list) else []


def as_dict(value) -> dict:
    """A JSON object, or an empty one for anything else."""
    return value if isinstance(value, dict) else {}


def is_number(value) -> bool:
    """A finite JSON number (JSON from other tools may hold true, a string, NaN or Infinity
    instead)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def number(value) -> float:
    return value if is_number(value) else 0
