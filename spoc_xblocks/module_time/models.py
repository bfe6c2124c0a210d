"""The time per module: one row per course, learner and module, updated in place."""

from django.db import models


class ModuleTime(models.Model):
    """A learner's engaged seconds on one module (the block a tracking event names), and when they
    were last there.

    The row with the latest `last_seen` of a learner in a course is their session cursor: where
    the next event's time goes (logic/sessions.py). No event is kept.
    """

    course_key = models.CharField(max_length=255)
    learner_key = models.CharField(max_length=64, help_text="The platform's user id.")
    module_key = models.CharField(max_length=255, help_text="Usage key of the block.")
    seconds = models.FloatField(default=0)
    last_seen = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["course_key", "learner_key", "module_key"], name="spoc_module_time_unique"
            ),
        ]
        indexes = [
            models.Index(
                fields=["course_key", "learner_key", "last_seen"], name="spoc_module_time_cursor"
            )
        ]

    def __str__(self):
        return f"{self.learner_key} {self.seconds:.0f}s on {self.module_key}"
