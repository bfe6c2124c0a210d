"""Authoring the serious game: OLX import and export, the Studio editor with its handlers, the
author view."""

from __future__ import annotations

import base64
import binascii
import re

from django.utils.html import escape
from webob import Response
from xblock.core import XBlock
from xblock.validation import ValidationMessage

from spoc_xblocks.common.authoring import (
    FORM_EDITOR_JS,
    block_from_olx,
    editor_html,
    form_editor_html,
    settings_html,
    settings_shape,
)
from spoc_xblocks.common.handlers import (
    HandlerError,
    author_only_response,
    error_response,
    for_authors,
    spoc_handler,
)
from spoc_xblocks.common.numbers import Figure
from spoc_xblocks.common.olx import MAX_XML_BYTES, OlxError
from spoc_xblocks.common.payloads import String
from spoc_xblocks.common.rendering import build_fragment, html_id, render_template
from spoc_xblocks.common.text import _

from .authoring_report import (
    UNREADABLE,
    ScenarioCheck,
    check_scenario,
    map_svg,
    path_table,
    problems_by_level,
    score_table,
)
from .fields import SeriousGameFields
from .importers import (
    export_summary,
    import_h5p,
    import_twee,
    import_twine_html,
    scenario_to_twee,
    twee_export,
)
from .importers.report import (
    MAX_IMPORT_BYTES,
    ScenarioImportError,
    grouped_note_texts,
    summary_lines,
)
from .logic.editor_model import model_of, scenario_of
from .logic.messages import ERROR, INFO, WARNING
from .logic.validate_screens import undo_problems
from .olx import scenario_from_xml, scenario_to_element, scenario_to_xml
from .workflow import load_scenario

SCENARIO_TAG = "scenario"
FORM_CANNOT_HOLD = _(
    "This scenario holds parts the form cannot edit yet: edit it in the Advanced (XML) tab."
)
STUDIO_CSS = "static/css/serious_game_studio.css"
MAX_STUDIO_MESSAGES = 20
IMPORTERS = {
    "html": import_twine_html,
    "htm": import_twine_html,
    "tw": import_twee,
    "twee": import_twee,
    "txt": import_twee,  # Twee written in a text editor is often saved as .txt
    "json": import_h5p,
    "h5p": import_h5p,
}
BINARY_FORMATS = ("h5p",)


# A request carries a scenario (or a base64 file) of up to 2 MB, JSON-escaped: room for that and no
# more.
AUTHORING_MAX_BYTES = 3 * MAX_XML_BYTES
SCENARIO_SHAPE = {"scenario_xml": String(max_length=MAX_XML_BYTES)}
IMPORT_SHAPE = {
    "filename": String(max_length=255),  # the name of the editor's file control: errors show there
    # base64 makes the file a third longer
    "content": String(max_length=(MAX_IMPORT_BYTES * 4) // 3 + 4),
    "encoding": String(choices=("text", "base64"), required=False, default="text"),
}


# The platform's inheritance gives a block field named `max_attempts` the course's "Maximum
# Attempts" for problems whenever the block has no value of its own: the attempt limit has its own
# name since.
RENAMED_ATTRIBUTES = {"max_attempts": "attempt_limit"}


def canonical_scenario_xml(text: str) -> str:
    """The stored form of a scenario: parsed then written back, so equal graphs have equal text."""
    return scenario_to_xml(scenario_from_xml(text))


def _file_format(filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in IMPORTERS:
        raise HandlerError(
            _("Choose a .html, .htm, .tw, .twee, .txt, .json or .h5p file."), field="filename"
        )
    return extension


def _file_data(content: str, encoding: str) -> str | bytes:
    if encoding == "text":
        return content
    try:
        return base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError) as error:
        raise HandlerError(
            _("The file could not be read: it did not arrive whole. Try again."),
            field="filename",
        ) from error


def import_file(filename: str, content: str, encoding: str):
    """The ImportResult of a file sent by the editor (text, or base64 for an .h5p package), or a
    HandlerError."""
    file_format = _file_format(filename)
    data = _file_data(content, "base64" if file_format in BINARY_FORMATS else encoding)
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    if size > MAX_IMPORT_BYTES:
        raise HandlerError(
            _("The file is {size} bytes long; the limit is {limit} bytes."),
            field="filename",
            size=Figure(size),
            limit=Figure(MAX_IMPORT_BYTES),
        )
    try:
        return IMPORTERS[file_format](data)
    except ScenarioImportError as error:
        raise HandlerError(error.message, field="filename") from error


def _download_name(display_name: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", display_name).strip("-").lower()[:60]
    return f"{slug or 'scenario'}.twee"


class AuthoringMixin:
    """OLX (settings as attributes, the graph as a `<scenario>` child), Studio editing, validation,
    author view. The settings are the common kit's, declared on the fields."""

    # ---- OLX -------------------------------------------------------------------------------------

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        for old_name, name in RENAMED_ATTRIBUTES.items():  # OLX written before a rename
            if old_name in node.attrib and name not in node.attrib:
                node.set(name, node.attrib.pop(old_name))
        node.attrib.pop("scenario_xml", None)  # the scenario is read from its child element only
        block = block_from_olx(cls, node, runtime, keys)
        children = [child for child in node if isinstance(child.tag, str)]
        unexpected = [child for child in children if child.tag != SCENARIO_TAG]
        if unexpected:
            raise OlxError(
                _("<{tag}> holds <{child}>; only one <scenario> is allowed."),
                unexpected[0],
                tag=node.tag,
                child=unexpected[0].tag,
            )
        if len(children) > 1:
            raise OlxError(_("<{tag}> holds more than one <scenario>."), children[1], tag=node.tag)
        if children:
            block.scenario_xml = scenario_to_xml(scenario_from_xml(children[0]))
        block.check_imported_settings(node)
        return block

    def add_xml_to_node(self, node):
        super().add_xml_to_node(node)
        node.attrib.pop("scenario_xml", None)
        node.append(scenario_to_element(load_scenario(self.scenario_xml)))

    # ---- Studio editor ---------------------------------------------------------------------------

    def studio_view(self, context=None):
        gettext = self.gettext
        scenario_label = gettext(self.fields["scenario_xml"].display_name)
        advanced = render_template(
            self,
            "templates/studio_xml.html",
            {"block_id": html_id(self, "studio"), "scenario_xml": self.scenario_xml},
        )
        html = editor_html(
            self,
            {
                "settings": settings_html(self, self.editable_fields),
                "scenario_label": scenario_label,
                "scenario_editor": form_editor_html(self, advanced, scenario_label),
                **self._check_context(check_scenario(self.scenario_xml), "studio"),
                "export_url": self.runtime.handler_url(self, "export_twee"),
                "export_summary": self._export_summary(),
                "max_import_megabytes": MAX_IMPORT_BYTES // (1024 * 1024),
            },
        )
        return build_fragment(
            self,
            html,
            css=STUDIO_CSS,
            js=(
                "static/js/hotspot_editor.js",
                "static/js/simulation_editor.js",
                "static/js/scenario_editor.js",
                "static/js/serious_game_studio.js",
            ),
            common_js=FORM_EDITOR_JS,
            init_fn="SeriousGameStudio",
            init_args={
                "maxImportBytes": MAX_IMPORT_BYTES,
                "maxScenarioBytes": MAX_XML_BYTES,
                "screenUrls": self.shipped_screen_urls(),
            },
        )

    def _export_summary(self) -> list[str]:
        """What the Twee export of the saved scenario approximates and leaves out."""
        try:
            scenario = load_scenario(self.scenario_xml)
        except OlxError:
            return []
        return export_summary(twee_export(scenario, self.gettext), self.gettext)

    def _check_summary(self, check: ScenarioCheck, levels: dict) -> str:
        """One or two sentences on the scenario's errors and warnings."""
        gettext, ngettext = self.gettext, self.ngettext
        if check.olx_error is not None:
            return gettext("The scenario XML cannot be read: it cannot be saved until it is fixed.")
        errors, warnings = len(levels[ERROR]), len(levels[WARNING])
        sentences = []
        if errors:
            sentences.append(
                ngettext(
                    "{count} error: the scenario cannot be saved until it is fixed.",
                    "{count} errors: the scenario cannot be saved until they are fixed.",
                    errors,
                ).format(count=errors)
            )
        if warnings:
            sentences.append(
                ngettext("{count} warning.", "{count} warnings.", warnings).format(count=warnings)
            )
        return " ".join(sentences) or gettext("No errors or warnings.")

    def _check_context(self, check: ScenarioCheck, where: str, levels=None) -> dict:
        """The summary, the problem list and the map of a scenario, for the editor and the author
        view."""
        gettext = self.gettext
        levels = levels or problems_by_level(check, gettext)
        return {
            "summary": self._check_summary(check, levels),
            "problems": self._problems_html(levels, links=where == "studio"),
            "map": map_svg(check, gettext, html_id(self, f"{where}-map")),
        }

    def _problems_html(self, levels: dict, links: bool) -> str:
        """The problems by level; `links`: a problem of a node has a button to edit it (the
        editor's script)."""
        gettext = self.gettext
        titles = (
            (ERROR, gettext("Errors")),
            (WARNING, gettext("Warnings")),
            (INFO, gettext("Information")),
        )
        return render_template(
            self,
            "templates/problems.html",
            {
                "levels": [
                    (level, title, levels[level]) for level, title in titles if levels[level]
                ],
                "links": links,
            },
        )

    @spoc_handler(SCENARIO_SHAPE, author_only=True, max_bytes=AUTHORING_MAX_BYTES)
    def validate_scenario(self, data, viewer):
        """Check the scenario being edited: its problems as data with node ids, and the editor's
        summary, problem list and map redrawn."""
        check = check_scenario(data["scenario_xml"])
        levels = problems_by_level(check, self.gettext)
        shown = self._check_context(check, "studio", levels)
        return {
            "valid": not levels[ERROR],
            "errors": levels[ERROR],
            "warnings": levels[WARNING],
            "infos": levels[INFO],
            "summary": shown["summary"],
            "sections": {
                "check-summary": escape(shown["summary"]),
                "check-problems": shown["problems"],
                "check-map": shown["map"],
            },
        }

    @spoc_handler(
        {"xml": String(max_length=MAX_XML_BYTES)},
        author_only=True,
        writes=False,
        max_bytes=AUTHORING_MAX_BYTES,
    )
    def editor_model(self, data, viewer):
        """The scenario XML of the editor as its Form tab shows it (logic/editor_model.py); 400,
        naming the element and line, when it cannot be read. Its problems are the live check's
        (`validate_scenario`). A scenario holding what the form cannot write back (a node kind it
        does not know yet) has no model: the form would lose it. Nothing is saved."""
        try:
            scenario = scenario_from_xml(data["xml"])
        except OlxError as error:
            raise HandlerError(
                UNREADABLE, error=error.message, field="scenario_xml", line=error.line
            ) from error
        model = model_of(scenario)
        if scenario_of(model) != scenario:
            return {"model": None, "problems": [self.gettext(FORM_CANNOT_HOLD)]}
        return {"model": model, "problems": []}

    @spoc_handler(IMPORT_SHAPE, author_only=True, max_bytes=AUTHORING_MAX_BYTES)
    def import_scenario(self, data, viewer):
        """Convert a Twine, Twee or H5P file to scenario XML, with its report; nothing is saved."""
        gettext = self.gettext
        result = import_file(data["filename"], data["content"], data["encoding"])
        try:
            scenario_xml = scenario_to_xml(result.scenario)
        except OlxError as error:
            raise HandlerError(
                _("The imported scenario cannot be written as XML: {error}"),
                field="filename",
                error=error.message,
            ) from error
        return {
            "scenario_xml": scenario_xml,
            "summary": summary_lines(result, gettext),
            "notes": grouped_note_texts(result.notes, gettext),
            "grading_mode": result.grading_mode,
        }

    @spoc_handler(
        {**settings_shape(SeriousGameFields, SeriousGameFields.editable_fields), **SCENARIO_SHAPE},
        author_only=True,
        max_bytes=AUTHORING_MAX_BYTES,
    )
    def studio_submit(self, data, viewer):
        """Save the settings and the scenario, or nothing at all when a value or the scenario is
        wrong."""
        reasons = check_scenario(data["scenario_xml"]).error_texts(self.gettext)
        if reasons:
            raise HandlerError(
                _("Nothing was saved: the scenario has errors.\n{reasons}"),
                field="scenario_xml",
                reasons="\n".join(f"• {reason}" for reason in reasons),
            )
        self.save_settings(data, self.editable_fields)
        self.scenario_xml = canonical_scenario_xml(data["scenario_xml"])
        return {"saved": True, "message": self.gettext("Saved.")}

    @for_authors
    @XBlock.handler
    def export_twee(self, request, suffix=""):
        """The saved scenario as a Twee 3 file (text and links), for the course team."""
        refused = author_only_response(self)
        if refused is not None:
            return refused
        try:
            text = scenario_to_twee(load_scenario(self.scenario_xml), self.gettext)
        except OlxError:
            return error_response(self, 400, _("The saved scenario cannot be read."))
        return Response(
            body=text.encode("utf-8"),
            content_type="text/plain",
            charset="utf-8",
            content_disposition=f'attachment; filename="{_download_name(self.display_name)}"',
        )

    # ---- Studio validation and preview -----------------------------------------------------------

    def validate(self):
        """Studio's messages: the settings' problems, then the scenario's errors and warnings (the
        author view lists them all)."""
        validation = super().validate()
        self.add_setting_problems(validation)
        gettext, ngettext = self.gettext, self.ngettext
        check = check_scenario(self.scenario_xml)
        if check.olx_error is not None:
            validation.add(
                ValidationMessage(ValidationMessage.ERROR, check.unreadable_text(gettext))
            )
            return validation
        shown = [found for found in check.problems if found.level == ERROR]
        shown += undo_problems(check.scenario, self.allow_back)
        shown += [found for found in check.problems if found.level == WARNING]
        for found in shown[:MAX_STUDIO_MESSAGES]:
            kind = ValidationMessage.ERROR if found.level == ERROR else ValidationMessage.WARNING
            validation.add(ValidationMessage(kind, found.text(gettext)))
        hidden = len(shown) - MAX_STUDIO_MESSAGES
        if hidden > 0:
            more = ngettext(
                "{count} more problem is listed in the preview.",
                "{count} more problems are listed in the preview.",
                hidden,
            )
            validation.add(ValidationMessage(ValidationMessage.WARNING, more.format(count=hidden)))
        return validation

    def author_view(self, context=None):
        """Studio's preview: the map, the problems, every path with its score, and the score range
        (no JS)."""
        gettext = self.gettext
        check = check_scenario(self.scenario_xml)
        scenario = check.scenario
        html = render_template(
            self,
            "templates/author.html",
            {
                "block_id": html_id(self, "author"),
                "display_name": self.display_name,
                **self._check_context(check, "author"),
                "paths": path_table(scenario, self.grading_mode, gettext) if scenario else None,
                "scores": score_table(scenario, self.grading_mode, gettext) if scenario else None,
            },
        )
        return build_fragment(self, html, css=STUDIO_CSS)
