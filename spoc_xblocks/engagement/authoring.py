"""Authoring the engagement widgets: OLX import and export, and the Studio editor, shared by both blocks.

A block's authored definition (settings and questions, or competencies) lives in one content field as
a dict. The editor shows the settings as form controls and the children as XML; on save both are turned
into the block's OLX element and read by the same code as an import, so the editor and OLX accept
exactly the same things. A block class sets `OLX_ATTRIBUTES`, `DEFINITION_FIELD`, `CONTROLS`, `BODY_HELP`
and `BODY_EXAMPLE`, and implements `authored` (the definition read from its field), `definition_from_node`,
`definition_to_node` and `control_values`.
"""

from __future__ import annotations

from lxml import etree

from spoc_xblocks.common.handlers import HandlerError
from spoc_xblocks.common.olx import MAX_XML_BYTES, OlxError, new_block_from_olx
from spoc_xblocks.common.payloads import String
from spoc_xblocks.common.rendering import build_fragment, html_id, render_template
from spoc_xblocks.common.text import _

from .olx import body_element, body_text

STUDIO_CSS = "static/css/engagement.css"
BODY_SHAPE = {"display_name": String(max_length=255), "body": String(max_length=MAX_XML_BYTES)}
# The editor's body is at most 2 MB of XML, JSON-escaped: room for that and the settings, no more.
STUDIO_MAX_BYTES = 3 * MAX_XML_BYTES


class EngagementAuthoringMixin:
    """OLX through the definition field, and the Studio editor (settings controls plus the children as XML)."""

    OLX_ATTRIBUTES: tuple[str, ...] = ()
    DEFINITION_FIELD = ""
    CONTROLS: tuple[dict, ...] = ()
    BODY_HELP = ""
    BODY_EXAMPLE = ""

    # ---- OLX ------------------------------------------------------------------------------------------

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        block = new_block_from_olx(cls, node, runtime, keys)
        for name, value in node.items():
            if name not in cls.OLX_ATTRIBUTES and name != cls.DEFINITION_FIELD:
                cls._set_field_if_present(block, name, value, {})
        setattr(block, cls.DEFINITION_FIELD, cls.definition_from_node(node).to_dict())
        return block

    def add_xml_to_node(self, node):
        super().add_xml_to_node(node)
        node.attrib.pop(self.DEFINITION_FIELD, None)
        self.definition_to_node(self.authored, node)

    # ---- Studio editor --------------------------------------------------------------------------------

    def studio_view(self, context=None):
        gettext = self.gettext
        values = {"display_name": self.display_name, **self.control_values(self.authored)}
        node = etree.Element(self.scope_ids.block_type)
        self.definition_to_node(self.authored, node)
        html = render_template(
            self,
            "templates/studio.html",
            {
                "block_id": html_id(self, "studio"),
                "controls": [
                    self._control(control, values[control["name"]], gettext)
                    for control in self.CONTROLS
                ],
                "body": body_text(node),
                "body_help": gettext(self.BODY_HELP),
                "body_example": self.BODY_EXAMPLE,
            },
        )
        return build_fragment(
            self,
            html,
            css=STUDIO_CSS,
            js="static/js/engagement_studio.js",
            init_fn="SpocEngagementStudio",
            init_args={},
        )

    def _control(self, control: dict, value, gettext) -> dict:
        """One form control described for the template, with its label, help and current value translated."""
        options = [
            {"value": option, "label": gettext(label), "selected": option == value}
            for option, label in control.get("options", ())
        ]
        return {
            **control,
            "id": html_id(self, f"field-{control['name']}"),
            "label": gettext(control["label"]),
            "help": gettext(control["help"]),
            "value": value,
            "options": options,
        }

    def save_from_editor(self, data: dict) -> dict:
        """Save the editor's settings and body, or nothing when either is wrong (HandlerError)."""
        gettext = self.gettext
        display_name = data["display_name"].strip()
        if not display_name:
            raise HandlerError(_("The display name cannot be empty."))
        try:
            node = body_element(data["body"], self.scope_ids.block_type)
            for name in self.OLX_ATTRIBUTES:
                if data.get(name) not in (None, ""):
                    _set_attribute(node, name, data[name])
            definition = self.definition_from_node(node)
        except OlxError as error:
            raise HandlerError(_("Nothing was saved: {error}"), error=error.message) from error
        self.display_name = display_name
        setattr(self, self.DEFINITION_FIELD, definition.to_dict())
        return {"saved": True, "message": gettext("Saved.")}


def _set_attribute(node, name: str, value) -> None:
    """A form value as its OLX attribute (booleans as true/false); control characters cannot be stored."""
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    try:
        node.set(name, text)
    except ValueError as error:
        raise HandlerError(
            _("Nothing was saved: {name} holds a control character, which cannot be stored."),
            name=name,
        ) from error
