"""The course and usage keys our rows are keyed by, read the same way in the LMS and the
workbench."""

from django.conf import settings

WORKBENCH_COURSE_KEY = "course-v1:SPOC+Workbench+Demo"


def usage_key_for(block) -> str:
    return str(block.scope_ids.usage_id)


def course_key_for(block) -> str:
    """The LMS's course key of the block; outside a course (the workbench) one configured demo
    course."""
    context_key = getattr(block.scope_ids.usage_id, "context_key", None)
    if context_key is not None:
        return str(context_key)
    course_id = getattr(block.runtime, "course_id", None)
    if course_id:
        return str(course_id)
    return getattr(settings, "SPOC_WORKBENCH_COURSE_KEY", WORKBENCH_COURSE_KEY)
