"""Authoring the engagement widgets: OLX import and export, and the Studio editor, shared by both
blocks.

The settings are fields, read, checked and drawn by the settings kit (common/authoring.py). The
content (questions, or competencies) lives in one content field as a dict: the editor shows it as a
form and, in its Advanced tab, as XML; the form is drawn from what `editor_model` reads in that XML
and writes it back, and a save reads the XML with the same code as an import, so the editor and OLX
accept exactly the same things. A block class sets `CONTENT_FIELD`, `CONTENT_LEGEND`, `BODY_HELP`
and `BODY_EXAMPLE`, and implements `authored` (its settings and content, typed),
`content_from_node` and `content_to_node`.
"""

from __future__ import annotations

from lxml import etree

from spoc_xblocks.common.authoring import (
    FORM_EDITOR_JS,
    SettingsMixin,
    block_from_olx,
    editor_html,
    form_editor_html,
    settings_html,
)
from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.olx import MAX_XML_BYTES, OlxError
from spoc_xblocks.common.payloads import String
from spoc_xblocks.common.rendering import build_fragment, html_id, render_template
from spoc_xblocks.common.text import _

from .olx import body_element, body_text

CSS = "static/css/engagement.css"
BODY_SHAPE = {"body": String(max_length=MAX_XML_BYTES)}
# The editor's body is at most 2 MB of XML, JSON-escaped: room for that and the settings, no more.
STUDIO_MAX_BYTES = 3 * MAX_XML_BYTES
NOTHING_SAVED = _("Nothing was saved: {error}")


class EngagementAuthoringMixin(SettingsMixin):
    """OLX through the settings kit and the content field, and the Studio editor (the settings'
    controls beside the content as XML)."""

    CONTENT_FIELD = ""
    BODY_HELP = ""
    BODY_EXAMPLE = ""
    CONTENT_LEGEND = ""

    # ---- OLX
    # ------------------------------------------------------------------------------------------

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        block = block_from_olx(cls, node, runtime, keys)
        setattr(block, cls.CONTENT_FIELD, cls.content_from_node(node))
        block.check_imported_settings(node)
        return block

    def add_xml_to_node(self, node):
        super().add_xml_to_node(node)
        node.attrib.pop(self.CONTENT_FIELD, None)
        self.content_to_node(self.authored, node)

    # ---- Studio
    # ---------------------------------------------------------------------------------------

    def studio_view(self, context=None):
        node = etree.Element(self.scope_ids.block_type)
        self.content_to_node(self.authored, node)
        advanced = render_template(
            self,
            "templates/studio_body.html",
            {
                "block_id": html_id(self, "studio"),
                "body": body_text(node),
                "body_help": self.gettext(self.BODY_HELP),
                "body_example": self.BODY_EXAMPLE,
            },
        )
        html = editor_html(
            self,
            {
                "settings": settings_html(self, self.editable_fields),
                "content": form_editor_html(self, advanced, self.gettext(self.CONTENT_LEGEND)),
            },
        )
        return build_fragment(
            self,
            html,
            css=CSS,
            js="static/js/engagement_studio.js",
            common_js=FORM_EDITOR_JS,
            init_fn="SpocEngagementStudio",
            init_args={
                "editor": self.scope_ids.block_type,
                "in_use": self.answered_ids(),
                "presets": self.editor_presets(),
            },
        )

    def content_of_body(self, body: str) -> dict:
        """The editor's content XML read as an import reads it; OlxError when it cannot be."""
        return self.content_from_node(body_element(body, self.scope_ids.block_type))

    @spoc_handler(
        {"xml": String(max_length=MAX_XML_BYTES)},
        author_only=True,
        writes=False,
        max_bytes=STUDIO_MAX_BYTES,
    )
    def editor_model(self, data, viewer):
        """The editor's content XML as its form shows it (the content field's plain data); 400,
        naming the element and line, when it cannot be read. Nothing is saved."""
        try:
            content = self.content_of_body(data["xml"])
        except OlxError as error:
            raise HandlerError(error.message, field="body", line=error.line) from error
        return {"model": content, "problems": []}

    def save_from_editor(self, data: dict) -> dict:
        """Save the editor's settings and content, or nothing when either is wrong (HandlerError,
        with the control at fault)."""
        try:
            content = self.content_of_body(data["body"])
        except OlxError as error:
            raise HandlerError(
                NOTHING_SAVED, error=error.message, field="body", line=error.line
            ) from error
        self.save_settings(data, self.editable_fields)
        setattr(self, self.CONTENT_FIELD, content)
        return {"message": self.gettext("Saved.")}

    def validate(self):
        """Studio's messages: the stored settings checked as a save checks them."""
        validation = super().validate()
        self.add_setting_problems(validation)
        return validation
