"""Django app of the whole course progress: the course's completions (edx-completion) and the
scores of its graded problems, recorded from the LMS's grade signal."""

from django.apps import AppConfig

from spoc_xblocks.common.apps import PLUGIN_APP

# As edx-completion itself listens to it: the LMS's signal sent each time a learner's weighted
# score of a problem (ours included) changes. openedx-events carries course grades only.
SCORE_SIGNAL = "lms.djangoapps.grades.signals.signals.PROBLEM_WEIGHTED_SCORE_CHANGED"


class CourseProgressConfig(AppConfig):
    name = "spoc_xblocks.course_progress"
    label = "spoc_course_progress"
    verbose_name = "SPOC XBlocks: whole course progress"
    default_auto_field = "django.db.models.BigAutoField"
    plugin_app = {
        **PLUGIN_APP,
        "signals_config": {
            "lms.djangoapp": {
                "relative_path": "receivers",
                "receivers": [
                    {
                        "receiver_func_name": "record_problem_score",
                        "signal_path": SCORE_SIGNAL,
                        "dispatch_uid": "spoc_xblocks.course_progress.record_problem_score",
                    }
                ],
            }
        },
    }
