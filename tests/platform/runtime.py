"""The runtimes the LMS and Studio give a block, one per context, over one course's content.

- `CourseContent` is the modulestore of one course: each block's authored fields by usage key and
  the values set on the course that every block inherits by name.
- `PlatformFieldData` reads and writes them as the platform does: authored fields are read-only in
  the LMS and in Studio's preview, a field whose name the platform's inheritance knows takes the
  course's value when the block has none of its own. User-scoped state belongs to the runtime's user
  and lives in the database as courseware keeps it: the request that loads a block reads its row
  (StudentModule) once, as the LMS's FieldDataCache does, and a save writes it; the row exists once
  a user-state field is written or a grade is published. Fields shared by all users are rows of
  their own (XModuleUserStateSummaryField), read once per request and written field by field.
- `PlatformRuntime` is the runtime itself: the context's services, usage keys of a real course,
  events kept for the test to read (grade and completion events skipped while staff masquerade,
  as the LMS does), a completion recorded in edx-completion's table as the LMS records it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from opaque_keys.edx.locator import BlockUsageLocator, CourseLocator
from xblock.core import XBlockMixin
from xblock.exceptions import InvalidScopeError, NoSuchDefinition, NoSuchUsage
from xblock.field_data import FieldData
from xblock.fields import (
    Boolean,
    Date,
    Dict,
    Float,
    Integer,
    List,
    Scope,
    ScopeIds,
    String,
    UserScope,
)
from xblock.runtime import IdGenerator, IdReader, Runtime

from tests.platform import completion, tracking
from tests.platform.models import StudentModule, UserStateSummaryField

# The names the platform's InheritanceMixin adds to every block, each inheriting the course's or a
# parent's value.
INHERITED_NAMES = (
    "graded",
    "start",
    "due",
    "relative_weeks_due",
    "visible_to_staff_only",
    "course_edit_method",
    "giturl",
    "xqa_key",
    "graceperiod",
    "group_access",
    "showanswer",
    "show_correctness",
    "rerandomize",
    "days_early_for_beta",
    "static_asset_path",
    "use_latex_compiler",
    "max_attempts",
    "matlab_api_key",
    "user_partitions",
    "video_speed_optimizations",
    "video_auto_advance",
    "video_bumper",
    "show_reset_button",
    "edxnotes",
    "edxnotes_visibility",
    "in_entrance_exam",
    "self_paced",
    "hide_from_toc",
)


class InheritedFields(XBlockMixin):
    """The fields the platform mixes into every block class (xmodule's InheritanceMixin), with their
    types."""

    graded = Boolean(default=False, scope=Scope.settings)
    start = Date(scope=Scope.settings)
    due = Date(scope=Scope.settings)
    relative_weeks_due = Integer(scope=Scope.settings)
    visible_to_staff_only = Boolean(default=False, scope=Scope.settings)
    course_edit_method = String(default="Studio", scope=Scope.settings)
    giturl = String(scope=Scope.settings)
    xqa_key = String(scope=Scope.settings)
    graceperiod = String(scope=Scope.settings)
    group_access = Dict(scope=Scope.settings)
    showanswer = String(default="finished", scope=Scope.settings)
    show_correctness = String(default="always", scope=Scope.settings)
    rerandomize = String(default="never", scope=Scope.settings)
    days_early_for_beta = Float(scope=Scope.settings)
    static_asset_path = String(default="", scope=Scope.settings)
    use_latex_compiler = Boolean(default=False, scope=Scope.settings)
    max_attempts = Integer(scope=Scope.settings)
    matlab_api_key = String(scope=Scope.settings)
    user_partitions = List(scope=Scope.settings)
    video_speed_optimizations = Boolean(default=True, scope=Scope.settings)
    video_auto_advance = Boolean(default=False, scope=Scope.settings)
    video_bumper = Dict(scope=Scope.settings)
    show_reset_button = Boolean(default=False, scope=Scope.settings)
    edxnotes = Boolean(default=False, scope=Scope.settings)
    edxnotes_visibility = Boolean(default=True, scope=Scope.settings)
    in_entrance_exam = Boolean(default=False, scope=Scope.settings)
    self_paced = Boolean(default=False, scope=Scope.settings)
    hide_from_toc = Boolean(default=False, scope=Scope.settings)


@dataclass
class CourseContent:
    """One course's blocks as the modulestore holds them."""

    course_key: CourseLocator
    authored: dict[str, dict] = field(default_factory=dict)
    block_types: dict[str, str] = field(default_factory=dict)
    course_settings: dict[str, object] = field(
        default_factory=dict
    )  # JSON values, as the modulestore keeps them
    # A learner's own dates (edx-when: "Extensions" and "Shift dates" in the Instructor Dashboard),
    # by user id.
    personal_dates: dict[tuple[str, object], object] = field(default_factory=dict)

    def usage_key(self, block_type: str, block_id: str) -> BlockUsageLocator:
        return BlockUsageLocator(self.course_key, block_type, block_id)

    def inherit(self, **values) -> None:
        """Set values on the course (as an author does in Advanced Settings), in their JSON form."""
        mixin_fields = InheritedFields.fields
        self.course_settings.update(
            {name: mixin_fields[name].to_json(value) for name, value in values.items()}
        )

    def extend(self, user_id, name: str, value) -> None:
        """Give one learner their own date (as an instructor's extension does)."""
        self.personal_dates[name, user_id] = InheritedFields.fields[name].to_json(value)

    @staticmethod
    def state_row(usage_key: str, user_id) -> dict | None:
        """A learner's StudentModule state of a block; None when they have no row."""
        row = StudentModule.objects.filter(student_id=user_id, module_state_key=usage_key).first()
        return None if row is None else json.loads(row.state)

    @staticmethod
    def delete_state_row(usage_key: str, user_id) -> bool:
        """Delete a learner's StudentModule row of a block; whether there was one."""
        found = StudentModule.objects.filter(student_id=user_id, module_state_key=usage_key)
        return found.delete()[0] > 0

    @staticmethod
    def has_state_rows() -> bool:
        return StudentModule.objects.exists()


class PlatformFieldData(FieldData):
    """Field data as the context sees it: `authoring` says whether authored fields may be
    written. One instance serves one request, as the LMS's FieldDataCache does."""

    def __init__(self, content: CourseContent, user_id, authoring: bool):
        super().__init__()
        self.content, self.user_id, self.authoring = content, user_id, authoring
        self._learner_state: dict[str, dict] = {}  # usage key -> this user's state, once read
        self._summaries: dict[str, dict] = {}  # usage key -> the fields shared by all users
        self._unsaved: set[tuple] = set()  # (scope, usage key, shared field) changed, not written
        self._saving = False

    def load(self, block) -> None:
        """Read the block's rows of this user once, as the LMS's FieldDataCache does when it loads
        a block: a query for each of the user scopes the block's fields use."""
        scopes = {getattr(item.scope, "user", UserScope.NONE) for item in block.fields.values()}
        usage_key = str(block.scope_ids.usage_id)
        if UserScope.ONE in scopes and self.user_id is not None:
            self._state_of(usage_key)
        if UserScope.ALL in scopes:
            self._summary_of(usage_key)

    def _state_of(self, usage_key: str) -> dict:
        if usage_key not in self._learner_state:
            self._learner_state[usage_key] = self.content.state_row(usage_key, self.user_id) or {}
        return self._learner_state[usage_key]

    def _summary_of(self, usage_key: str) -> dict:
        if usage_key not in self._summaries:
            rows = UserStateSummaryField.objects.filter(usage_id=usage_key)
            self._summaries[usage_key] = {row.field_name: json.loads(row.value) for row in rows}
        return self._summaries[usage_key]

    def _bucket(self, block, name: str, writing: bool = False) -> dict:
        """Where a field's value is kept (a read never makes a row: a user's state row is made by
        a write, as the LMS's StudentModule is)."""
        user_scope = getattr(
            block.fields[name].scope, "user", UserScope.NONE
        )  # parent, children: authored
        usage_key = str(block.scope_ids.usage_id)
        if user_scope == UserScope.NONE:
            if writing and not self.authoring:
                raise InvalidScopeError(f"{block}.{name} is read-only, cannot set")
            authored = self.content.authored
            return authored.setdefault(usage_key, {}) if writing else authored.get(usage_key, {})
        if user_scope == UserScope.ALL:
            bucket = self._summary_of(usage_key)
            if writing:
                self._unsaved.add((UserScope.ALL, usage_key, name))
        else:
            bucket = self._state_of(usage_key)
            if writing:
                self._unsaved.add((UserScope.ONE, usage_key, ""))
        return bucket

    def _write_unsaved(self) -> None:
        """Write what changed as courseware does: the learner's whole row at once (made with its
        state, or updated), each shared field on its own row."""
        for scope, usage_key, name in sorted(self._unsaved, key=str):
            if scope == UserScope.ALL:
                shared = self._summaries[usage_key]
                if name not in shared:  # deleted
                    UserStateSummaryField.objects.filter(
                        usage_id=usage_key, field_name=name
                    ).delete()
                    continue
                UserStateSummaryField.objects.update_or_create(
                    usage_id=usage_key,
                    field_name=name,
                    defaults={"value": json.dumps(shared[name])},
                )
            elif self.user_id is not None:  # else nobody's state: a block bound to no user
                state = json.dumps(self._learner_state[usage_key])
                row, made = StudentModule.objects.get_or_create(
                    student_id=self.user_id, module_state_key=usage_key, defaults={"state": state}
                )
                if not made:
                    row.state = state
                    row.save(force_update=True)
        self._unsaved.clear()

    def get(self, block, name):
        return self._bucket(block, name)[name]

    def set(self, block, name, value):
        self._bucket(block, name, writing=True)[name] = value
        if not self._saving:
            self._write_unsaved()

    def set_many(self, block, update_dict):
        """A block's save: every changed field, then one write per row."""
        self._saving = True
        try:
            for name, value in update_dict.items():
                self.set(block, name, value)
        finally:
            self._saving = False
        self._write_unsaved()

    def delete(self, block, name):
        del self._bucket(block, name, writing=True)[name]
        self._write_unsaved()

    def has(self, block, name):
        return name in self._bucket(block, name)

    def default(self, block, name):
        """A name the platform's inheritance knows takes the course's value when the block sets
        none; a date the platform keeps per learner (edx-when) takes this learner's own first."""
        if (name, self.user_id) in self.content.personal_dates:
            return self.content.personal_dates[name, self.user_id]
        if name in INHERITED_NAMES and name in self.content.course_settings:
            return self.content.course_settings[name]
        raise KeyError(name)


class CourseIds(IdReader, IdGenerator):
    """Usage keys of the course (`block-v1:…+type@<type>+block@<id>`); a definition id is its usage
    key."""

    def __init__(self, content: CourseContent, block_id: str | None = None):
        self.content, self.block_id = content, block_id

    def get_definition_id(self, usage_id):
        if str(usage_id) not in self.content.block_types:
            raise NoSuchUsage(repr(usage_id))
        return usage_id

    def get_block_type(self, def_id):
        try:
            return self.content.block_types[str(def_id)]
        except KeyError as missing:
            raise NoSuchDefinition(repr(def_id)) from missing

    def create_definition(self, block_type, slug=None):
        usage_key = self.content.usage_key(block_type, self.block_id or slug or block_type)
        self.content.block_types[str(usage_key)] = block_type
        return usage_key

    def create_usage(self, def_id):
        return def_id

    def create_aside(self, definition_id, usage_id, aside_type):
        raise NotImplementedError("The stand-in has no asides.")

    def get_usage_id_from_aside(self, aside_id):
        raise NotImplementedError("The stand-in has no asides.")

    def get_definition_id_from_aside(self, aside_id):
        raise NotImplementedError("The stand-in has no asides.")

    def get_aside_type_from_usage(self, aside_id):
        raise NotImplementedError("The stand-in has no asides.")

    def get_aside_type_from_definition(self, aside_id):
        raise NotImplementedError("The stand-in has no asides.")


class PlatformRuntime(Runtime):
    """The runtime of one request in one context: its services, its user, its view of the
    content."""

    def __init__(
        self,
        content: CourseContent,
        services: dict,
        *,
        user_id,
        authoring: bool,
        app: str,
        masquerading: bool = False,
        events: list | None = None,
        block_id: str | None = None,
    ):
        ids = CourseIds(content, block_id)
        field_data = PlatformFieldData(content, user_id, authoring)
        super().__init__(
            ids, ids, mixins=(InheritedFields,), services={**services, "field-data": field_data}
        )
        self.content, self.app, self.masquerading = content, app, masquerading
        self.platform_field_data = field_data
        self.block_user_id = user_id
        self.events = events if events is not None else []
        self.is_author_mode = app == "studio"

    def block(self, usage_key):
        """The block behind a usage key, bound to this runtime's user, its user state read."""
        usage_key = BlockUsageLocator.from_string(str(usage_key))
        block_type = self.id_reader.get_block_type(self.id_reader.get_definition_id(usage_key))
        block = self.construct_xblock(
            block_type, ScopeIds(self.block_user_id, block_type, usage_key, usage_key)
        )
        self.platform_field_data.load(block)
        return block

    def applicable_aside_types(self, block):
        """None: the platform's runtimes offer asides only when XBlockAsidesConfig enables them,
        which it does not by default (XBlock's own runtime reads every installed package's entry
        points at each render to find them)."""
        return []

    def service(self, block, service_name):
        """As the platform's runtime: a service given as a class (the i18n service) is made for the
        block."""
        service = super().service(block, service_name)
        return service(block) if isinstance(service, type) else service

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        usage_key = block.scope_ids.usage_id
        if self.app == "studio":
            url = f"/cms/xblock/{usage_key}/handler/{handler_name}/{suffix}"
        else:
            course = usage_key.course_key
            url = f"/courses/{course}/xblock/{usage_key}/handler/{handler_name}/{suffix}"
        return f"{url}?{query}" if query else url

    def local_resource_url(self, block, uri):
        return f"/xblock/resource/{block.scope_ids.block_type}/{uri}"

    def resource_url(self, resource):
        return f"/static/{resource}"

    def publish(self, block, event_type, event_data):
        if event_type in ("grade", "completion") and self.masquerading:
            return  # the LMS drops a masquerading user's grade and completion events
        if event_type == "grade" and self.block_user_id is not None:
            # The LMS keeps a published grade in the user's StudentModule row, made if need be.
            StudentModule.objects.get_or_create(
                student_id=self.block_user_id, module_state_key=str(block.scope_ids.usage_id)
            )
        if event_type == "completion" and self.block_user_id is not None:
            completion.submit(
                self.block_user_id, block.scope_ids.usage_id, event_data["completion"]
            )
        self.events.append((event_type, event_data))
        tracking.emit(block, event_type, event_data, self.block_user_id)


def staff_markup(block) -> None:
    """What the LMS's staff debug wrapper does to every block it wraps: read every field of the
    block."""
    for field_object in block.fields.values():
        try:
            field_object.read_from(block)
        except InvalidScopeError:
            pass
