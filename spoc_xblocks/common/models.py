"""The activity log: one row per learner interaction with a SPOC block, read by the trainer dashboards."""
from django.db import models


class ActivityRecord(models.Model):
    course_key = models.CharField(max_length=255, db_index=True)
    usage_key = models.CharField(max_length=255)
    block_type = models.CharField(max_length=64)
    learner_id = models.CharField(max_length=255, help_text="Anonymous user id of the learner.")
    verb = models.CharField(max_length=64, help_text="What the learner did, e.g. 'choice', 'ending'.")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["course_key", "learner_id", "created"], name="spoc_activity_learner"),
            models.Index(fields=["usage_key", "created"], name="spoc_activity_usage"),
        ]

    def __str__(self):
        return f"{self.learner_id} {self.verb} {self.usage_key} at {self.created:%Y-%m-%d %H:%M}"
