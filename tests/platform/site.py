"""One course on the stand-in LMS and Studio, holding the workbench's scenarios as its blocks.

`PlatformSite` answers the tests as the workbench fixture does (`page`, `post`, `get`, `usage_id`,
`anonymous_id`, `stored_block`, `set_fields`, `delete_learner_state`), but every request goes
through the platform's own route for its context: a learner's or a trainer's courseware handler call
(`/courses/…/handler/…`), Studio's editor for the authoring handlers and `studio_view`, Studio's
preview for `author_view`, the instructor dashboard's "Delete learner state". Each request builds
the runtime and services that context gets (see `contexts`).
"""

from __future__ import annotations

import json
from urllib.parse import quote

from django.http import HttpResponseBadRequest, JsonResponse
from opaque_keys.edx.locator import CourseLocator
from submissions.models import score_set
from xblock.core import XBlock

from tests.contract.lms_grade_reader import disconnect_submissions_signal_receiver
from tests.sites import Site, current_site, send

from . import services
from .people import People, Person
from .runtime import CourseContent, PlatformRuntime

COURSE_KEY = "course-v1:SPOC+Onboarding+2026"
STUDIO_VIEWS = ("studio_view",)
PREVIEW_VIEWS = ("author_view",)
BLOCK_PREFIX = "spoc_"  # the package's blocks; the workbench's own samples are left out


def active_site() -> PlatformSite:
    return current_site()


def block_id_for(scenario_id: str) -> str:
    return scenario_id.replace(".", "_")


def is_authoring_handler(block_class, handler: str) -> bool:
    """Handlers that Studio's editor calls (they say so on the method); every other handler is the
    LMS's."""
    return getattr(getattr(block_class, handler, None), "spoc_audience", None) == "author"


class PlatformSite(Site):
    """The stand-in platform serving one course whose blocks are the workbench's scenarios."""

    flavour = "platform"
    course_key = COURSE_KEY

    def __init__(self, client, scenarios: dict):
        self.client = client
        self.scenarios = scenarios
        self.content = CourseContent(CourseLocator.from_string(COURSE_KEY))
        self.people = People(COURSE_KEY)
        self.events: list[tuple[str, dict]] = []
        self.scenario_types: dict[str, str] = {}
        for scenario_id, scenario in scenarios.items():
            if scenario_id.startswith(BLOCK_PREFIX):
                self.import_olx(scenario_id, scenario.xml)
        self.people.enroll_roster()

    # ---- content
    # -------------------------------------------------------------------------------------------

    def import_olx(self, scenario_id: str, xml: str) -> str:
        """Import a block's OLX into the course under a new scenario id, as Studio's course import
        does (no user, no request); its usage key."""
        runtime = self.studio_runtime(None, block_id=block_id_for(scenario_id))
        usage_key = runtime.parse_xml_string(xml)
        self.scenario_types[scenario_id] = usage_key.block_type
        return str(usage_key)

    def usage_id(self, scenario_id: str) -> str:
        return str(
            self.content.usage_key(self.scenario_types[scenario_id], block_id_for(scenario_id))
        )

    def stored_block(self, scenario_id: str, student: str = "trainer"):
        """The block as Studio's editor holds it (its authored fields can be read and written)."""
        return self.studio_runtime(self.people.person(student)).block(self.usage_id(scenario_id))

    def block_for(self, scenario_id: str, student: str):
        """The block as a courseware request of `student` gets it (the LMS's runtime and
        services)."""
        self.people.enroll_roster()
        return self.lms_runtime(self.people.person(student)).block(self.usage_id(scenario_id))

    def set_fields(self, scenario_id: str, **values) -> None:
        """Change authored fields and save them, as a Studio save does."""
        block = self.stored_block(scenario_id)
        for name, value in values.items():
            setattr(block, name, value)
        block.save()

    def anonymous_id(self, student: str) -> str:
        return self.people.person(student).anonymous_id

    def user_key(self, student: str) -> str:
        return str(self.people.user(student).id)

    # ---- runtimes
    # ------------------------------------------------------------------------------------------

    def lms_runtime(self, person: Person) -> PlatformRuntime:
        """A courseware request's runtime (lms/djangoapps/courseware/block_render.py)."""
        service_set = {
            "user": self.people.lms_user_service(person),
            "i18n": services.I18nService,
            "fs": services.FailingFsService(),
            "settings": services.SettingsService(),
            "enrollments": services.EnrollmentsService(),
            "teams": services.TeamsService(),
            "completion": services.CompletionService() if person.signed_in else None,
        }
        return PlatformRuntime(
            self.content,
            service_set,
            user_id=person.user.id,
            authoring=False,
            app="lms",
            masquerading=person.masquerade is not None,
            events=self.events,
        )

    def studio_runtime(self, person: Person | None, block_id: str | None = None) -> PlatformRuntime:
        """Studio's editor: studio_view and its handlers
        (cms/djangoapps/contentstore/views/component.py)."""
        user = person.real_user if person is not None else None
        service_set = {
            "user": services.UserService(user),
            "studio_user_permissions": services.StudioPermissionsService(user),
            "settings": services.SettingsService(),
            "i18n": services.I18nService,
        }
        return PlatformRuntime(
            self.content,
            service_set,
            user_id=None,
            authoring=True,
            app="studio",
            events=self.events,
            block_id=block_id,
        )

    def preview_runtime(self, person: Person) -> PlatformRuntime:
        """Studio's preview of a unit (cms/djangoapps/contentstore/views/preview.py): the role, not
        the staff flag, and the literal anonymous id 'student'."""
        user = person.real_user
        service_set = {
            "user": services.UserService(
                user, user_role=self.people.role_of(user.username), anonymous_user_id="student"
            ),
            "studio_user_permissions": services.StudioPermissionsService(user),
            "settings": services.SettingsService(),
            "i18n": services.I18nService,
        }
        return PlatformRuntime(
            self.content,
            service_set,
            user_id=user.id,
            authoring=False,
            app="studio",
            events=self.events,
        )

    def modulestore_runtime(self) -> PlatformRuntime:
        """A block as the LMS's instructor tools load it (`modulestore().get_item`): bound to
        nobody, with no user service, its authored fields read-only."""
        service_set = {"i18n": services.I18nService, "settings": services.SettingsService()}
        return PlatformRuntime(
            self.content, service_set, user_id=None, authoring=False, app="lms", events=self.events
        )

    # ---- requests, as the tests make them
    # ------------------------------------------------------------------

    def delete_learner_state(self, scenario_id: str, student: str, by: str = "trainer"):
        """The instructor dashboard's "Delete learner state" of `student` on a block, asked by `by`,
        as the LMS's reset_student_attempts(delete_module=True) does it
        (lms/djangoapps/instructor/enrollment.py).

        The block, loaded bound to nobody, has its `clear_student_state` called with the anonymous
        ids while the gradebook does not hear edx-submissions' score_set; the LMS then takes the
        submission as cleared and deletes the learner's StudentModule row, answering 400 "Module
        does not exist." when there is none (the block's own clearing has run by then).
        """
        usage_key = self.usage_id(scenario_id)
        block = self.modulestore_runtime().block(usage_key)
        with disconnect_submissions_signal_receiver(score_set):
            block.clear_student_state(
                user_id=self.anonymous_id(student),
                course_id=COURSE_KEY,
                item_id=usage_key,
                requesting_user_id=self.anonymous_id(by),
            )
        if not self.content.delete_state_row(usage_key, self.people.user(student).id):
            return HttpResponseBadRequest("Module does not exist.")
        return JsonResponse({"problem_to_reset": usage_key, "student": student})

    def page(
        self, scenario_id: str, student: str, view: str = "student_view", language: str = "en"
    ):
        usage_key = self.usage_id(scenario_id)
        if view in STUDIO_VIEWS:
            url = f"/cms/xblock/{usage_key}/{view}"
        elif view in PREVIEW_VIEWS:
            url = f"/cms/preview/xblock/{usage_key}/{view}"
        else:
            url = f"/courses/{COURSE_KEY}/xblock/{usage_key}/view/{view}"
        return self.client.get(url, HTTP_X_STANDIN_USER=student, HTTP_ACCEPT_LANGUAGE=language)

    def in_studio(self, scenario_id: str, handler: str) -> bool:
        """Authoring handlers are Studio's editor's (where nobody masquerades); every other one the
        LMS's."""
        return is_authoring_handler(XBlock.load_class(self.scenario_types[scenario_id]), handler)

    def handler_url(
        self, scenario_id: str, handler: str, student: str = "", suffix: str = ""
    ) -> str:
        """Studio's editor's route for the authoring handlers, the courseware's for every other
        one."""
        usage_key = self.usage_id(scenario_id)
        suffix = quote(suffix, safe="/%")
        if self.in_studio(scenario_id, handler):
            return f"/cms/xblock/{usage_key}/handler/{handler}/{suffix}"
        return f"/courses/{COURSE_KEY}/xblock/{usage_key}/handler/{handler}/{suffix}"

    def send(
        self,
        method: str,
        scenario_id: str,
        handler: str,
        student: str,
        *,
        suffix: str = "",
        data: bytes | dict = b"",
        content_type: str = "application/json",
        language: str = "en",
    ):
        """Any request to a handler, made by `student`: `data` as the body, or a dict sent as a
        multipart form."""
        return send(
            self.client,
            method,
            self.handler_url(scenario_id, handler, suffix=suffix),
            data,
            content_type,
            HTTP_X_STANDIN_USER=student,
            HTTP_ACCEPT_LANGUAGE=language,
        )

    def post(
        self,
        scenario_id: str,
        handler: str,
        student: str,
        payload=None,
        raw: bytes | None = None,
        language: str = "en",
    ):
        body = raw if raw is not None else json.dumps(payload or {})
        return self.send("POST", scenario_id, handler, student, data=body, language=language)

    def get(self, scenario_id: str, handler: str, student: str, suffix: str = ""):
        return self.send("GET", scenario_id, handler, student, suffix=suffix)

    def upload(self, scenario_id: str, handler: str, student: str, data: dict):
        """A multipart POST (a file upload) to a handler."""
        return self.send("POST", scenario_id, handler, student, data=data)
