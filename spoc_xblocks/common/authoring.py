"""A block's Studio settings, declared once, on its XBlock fields.

Each setting is a field with its `display_name`, `help` and `default`, and, as XBlock's
StudioEditableXBlockMixin reads them, `values` (a list of `{"display_name", "value"}` for a choice,
`{"min", "max", "step"}` for a number) and runtime options (`multiline_editor=True` for long text,
`max_length=...`; ours: `widget="date"` for a day). From that one description come the editor's
controls (`settings_html`, drawn by `common/templates/settings.html`), the payload shape of the
editor's save (`settings_shape`), the OLX attributes read on import (`settings_from_olx`; XBlock
writes them on export) and every check.

The checks follow the mixin's contract: one `validate_field_data(validation, data)` per block serves
the editor's save (`save_settings`), Studio's `validate()` (`add_setting_problems`) and OLX import
(`check_imported_settings`) alike; a block adds its own rules in `setting_problems(data)`. We keep
this small kit instead of the mixin because our editors are more than a form (scenario graphs,
rubrics, question lists beside the settings), and our save handlers go through `spoc_handler`, which
checks Studio's authorship and refuses a payload outside its shape with a sentence next to the
field.
"""

from __future__ import annotations

from datetime import UTC
from types import SimpleNamespace

from django.utils.safestring import SafeString
from xblock import fields as xblock_fields
from xblock.validation import ValidationMessage

from .handlers import HandlerError
from .i18n import gettext_for, i18n_service
from .olx import OlxError, new_block_from_olx
from .payloads import Boolean, Day, Integer, Moment, Number, PayloadError, String
from .rendering import COMMON_MODULE, html_id, render_package_template, render_template
from .text import Message, _

TEXT_MAX_LENGTH = 255
LONG_TEXT_MAX_LENGTH = 10_000
DISPLAY_NAME_EMPTY = _("The display name cannot be empty.")
SETTINGS_PROBLEM_IN_OLX = _("<{tag}>: {problem}")
FORM_EDITOR_JS = ("static/js/spoc_form_tools.js", "static/js/spoc_form_editor.js")
NOT_ALLOWED_IN_OLX = _("<{tag}> has {name}='{value}', which is not allowed for this setting.")


def _range(field) -> dict:
    return field.values if isinstance(field.values, dict) else {}


def _widget(field) -> str:
    if isinstance(field.values, list):
        return "select"
    if isinstance(field, xblock_fields.Boolean):
        return "checkbox"
    if isinstance(field, xblock_fields.Integer | xblock_fields.Float):
        return "number"
    if isinstance(field, xblock_fields.DateTime):
        return "datetime"
    if field.runtime_options.get("widget") == "date":
        return "date"
    return "textarea" if field.runtime_options.get("multiline_editor") else "text"


def setting_shape(field):
    """The payload shape of one setting, from its field's type, `values` and runtime options."""
    label, widget = field.display_name, _widget(field)
    if widget == "select":
        return String(choices=tuple(option["value"] for option in field.values), label=label)
    if widget == "checkbox":
        return Boolean(label=label)
    if widget == "number":
        limits = _range(field)
        optional = field.default is None
        if isinstance(field, xblock_fields.Integer):
            return Integer(
                minimum=limits.get("min"),
                maximum=limits.get("max"),
                required=not optional,
                default=field.default,
                label=label,
            )
        return Number(
            minimum=limits.get("min", 0),
            maximum=limits.get("max", 1000),
            required=not optional,
            default=field.default,
            label=label,
        )
    if widget == "datetime":
        return Moment(label=label)
    if widget == "date":
        return Day(label=label)
    longest = LONG_TEXT_MAX_LENGTH if widget == "textarea" else TEXT_MAX_LENGTH
    return String(max_length=field.runtime_options.get("max_length", longest), label=label)


def settings_shape(block_class, names) -> dict:
    """The editor's payload shape for these settings (a handler adds its content fields beside
    them)."""
    return {name: setting_shape(block_class.fields[name]) for name in names}


def control_value(field, value):
    """A setting's value as its editor control holds it (a date and time as UTC, minutes)."""
    if value is not None and isinstance(field, xblock_fields.DateTime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, float) and value.is_integer():
        return int(value)  # a Float field's whole value shows as "20", not "20.0"
    return "" if value is None else value


def setting_control(block, name: str, gettext) -> dict:
    """One control of the editor, described from the field's own metadata, with its current
    value."""
    field = block.fields[name]
    value = getattr(block, name)
    shape = setting_shape(field)
    control = {
        "name": name,
        "id": html_id(block, f"field-{name}"),
        "label": gettext(field.display_name),
        "help": gettext(field.help),
        "value": control_value(field, value),
        "widget": _widget(field),
    }
    if control["widget"] == "select":
        control["options"] = [
            {
                "value": option["value"],
                "label": gettext(option["display_name"]),
                "selected": option["value"] == value,
            }
            for option in field.values
        ]
    elif control["widget"] == "number":
        step = "1" if isinstance(field, xblock_fields.Integer) else "any"
        control.update(
            min=shape.minimum,
            max=shape.maximum,
            step=_range(field).get("step", step),
            required=shape.required,
        )
    elif control["widget"] in ("text", "textarea"):
        control["maxlength"] = shape.max_length
    return control


def settings_html(block, names, legend: str = "", placeholders: dict | None = None) -> SafeString:
    """The editor's fieldset for these settings: a labelled control, its help and its error place
    each.

    `placeholders` shows, greyed in an empty control, what the setting stands for while it is empty
    (a site's default, say)."""
    gettext = gettext_for(block)
    controls = [setting_control(block, name, gettext) for name in names]
    for control in controls:
        control["placeholder"] = (placeholders or {}).get(control["name"])
    return render_package_template(
        COMMON_MODULE,
        "templates/settings.html",
        {"legend": legend or gettext("Settings"), "controls": controls},
        i18n_service(block),
    )


def editor_html(block, context: dict) -> SafeString:
    """The block's Studio editor (its `templates/studio.html`) with what every editor shares: the
    id prefix of its controls and the Save and Cancel buttons."""
    actions = render_package_template(
        COMMON_MODULE, "templates/editor_actions.html", {}, i18n_service(block)
    )
    shared = {"block_id": html_id(block, "studio"), "actions": actions}
    return render_template(block, "templates/studio.html", {**shared, **context})


def form_editor_html(block, advanced: SafeString, legend: str, total: bool = False) -> SafeString:
    """A block's content in two tabs: a Form (drawn by common/static/js/spoc_form_editor.js) and
    Advanced, the `advanced` XML control, which is what a save sends. `total`: a line for the
    form's running total."""
    return render_package_template(
        COMMON_MODULE,
        "templates/form_editor.html",
        {
            "editor_id": html_id(block, "content"),
            "advanced": advanced,
            "legend": legend,
            "total": total,
        },
        i18n_service(block),
    )


def proposed(block, values: dict) -> SimpleNamespace:
    """The block's editable settings as they would be once `values` are saved (the contract's
    `data`)."""
    current = {name: getattr(block, name) for name in block.editable_fields}
    return SimpleNamespace(**{**current, **values})


def _olx_value(field, text: str):
    """An attribute's text as XBlock reads it, but strict where XBlock's YAML reading guesses: a
    boolean is "true" or "false" (YAML also takes "yes", "on" or "1", and any other word as false),
    and an empty date and time is none (XBlock writes an unset one as "")."""
    if isinstance(field, xblock_fields.Boolean) and text not in ("true", "false"):
        raise ValueError(text)
    if isinstance(field, xblock_fields.DateTime) and not text.strip():
        return ""
    return field.from_string(text)


def settings_from_olx(block_class, node, names) -> dict:
    """The settings an OLX element sets as attributes, each read and checked as the editor checks
    it."""
    found = {}
    for name in names:
        text = node.get(name)
        if text is None:
            continue
        field = block_class.fields[name]
        try:
            found[name] = setting_shape(field).clean(name, _olx_value(field, text))
        except (ValueError, TypeError, PayloadError) as error:
            raise OlxError(NOT_ALLOWED_IN_OLX, node, tag=node.tag, name=name, value=text) from error
    return found


def block_from_olx(cls, node, runtime, keys):
    """The start of every block's `parse_xml`: the block constructed (a DOCTYPE refused), its
    settings read from the element's attributes and checked one by one as the editor checks them,
    and any other field the platform writes as an attribute (`due`, `graded`...) read as XBlock
    reads it. The block then reads its children and calls `check_imported_settings`."""
    block = new_block_from_olx(cls, node, runtime, keys)
    settings = settings_from_olx(cls, node, cls.editable_fields)
    for name, text in node.items():
        if name in settings:
            setattr(block, name, settings[name])
        elif name in cls.fields:
            try:
                setattr(block, name, cls.fields[name].from_string(text))
            except (ValueError, TypeError) as error:
                raise OlxError(
                    NOT_ALLOWED_IN_OLX, node, tag=node.tag, name=name, value=text
                ) from error
    return block


class SettingsMixin:
    """The contract of StudioEditableXBlockMixin for our blocks: `editable_fields` and
    `validate_field_data`, run by the editor's save, by `validate()` and on OLX import."""

    editable_fields: tuple[str, ...] = ()

    def setting_problems(self, data) -> list[tuple[str, Message]]:
        """What is wrong with these settings beyond each one's own range (a block's own rules), as
        (the setting the problem is about, or "", the sentence) pairs."""
        return []

    def _all_setting_problems(self, data) -> list[tuple[str, Message]]:
        found = []
        if (
            "display_name" in self.editable_fields
            and not str(getattr(data, "display_name", "")).strip()
        ):
            found.append(("display_name", Message(DISPLAY_NAME_EMPTY)))
        return found + list(self.setting_problems(data))

    def validate_field_data(self, validation, data) -> None:
        """Add an error to `validation` for each problem of the settings in `data`."""
        gettext = gettext_for(self)
        for _name, message in self._all_setting_problems(data):
            validation.add(ValidationMessage(ValidationMessage.ERROR, message.text(gettext)))

    def add_setting_problems(self, validation) -> None:
        """For `validate()`: the stored settings checked as a save would check them."""
        self.validate_field_data(validation, self)

    def save_settings(self, data: dict, names) -> None:
        """The editor's save: the settings in `data` (already in their shapes) checked together and
        stored whole, or refused with the first problem, shown next to its setting."""
        values = {
            name: data[name].strip() if isinstance(data[name], str) else data[name]
            for name in names
        }
        problems = self._all_setting_problems(proposed(self, values))
        if problems:
            name, message = problems[0]
            raise HandlerError(message, field=name)
        for name, value in values.items():
            setattr(self, name, value)

    def check_imported_settings(self, node) -> None:
        """After an OLX import: refuse settings that a save would refuse, naming the element."""
        problems = self._all_setting_problems(self)
        if problems:
            raise OlxError(SETTINGS_PROBLEM_IN_OLX, node, tag=node.tag, problem=problems[0][1])
