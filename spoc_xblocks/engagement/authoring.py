"""Authoring the engagement widgets: OLX import and export, and the Studio editor, shared by both
blocks.

The settings are fields, read, checked and drawn by the settings kit (common/authoring.py). The
content (questions, or competencies) lives in one content field as a dict: the editor shows it as
XML beside the settings, and a save reads that XML with the same code as an import, so the editor
and OLX accept exactly the same things. A block class sets `CONTENT_FIELD`, `BODY_HELP` and
`BODY_EXAMPLE`, and implements `authored` (its settings and content, typed), `content_from_node` and
`content_to_node`.
"""

from __future__ import annotations

from lxml import etree

from spoc_xblocks.common.authoring import (
    SettingsMixin,
    block_from_olx,
    editor_html,
    settings_html,
)
from spoc_xblocks.common.handlers import HandlerError
from spoc_xblocks.common.olx import MAX_XML_BYTES, OlxError
from spoc_xblocks.common.payloads import String
from spoc_xblocks.common.rendering import build_fragment
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
        html = editor_html(
            self,
            {
                "settings": settings_html(self, self.editable_fields),
                "body": body_text(node),
                "body_help": self.gettext(self.BODY_HELP),
                "body_example": self.BODY_EXAMPLE,
            },
        )
        return build_fragment(
            self,
            html,
            css=CSS,
            js="static/js/engagement_studio.js",
            init_fn="SpocEngagementStudio",
        )

    def save_from_editor(self, data: dict) -> dict:
        """Save the editor's settings and content, or nothing when either is wrong (HandlerError,
        with the control at fault)."""
        try:
            node = body_element(data["body"], self.scope_ids.block_type)
            content = self.content_from_node(node)
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
