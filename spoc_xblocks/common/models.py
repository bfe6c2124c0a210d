"""The activity log: one row per learner interaction with a SPOC block, read by the trainer
dashboards."""

from django.db import models


class ActivityRecord(models.Model):
    course_key = models.CharField(max_length=255, db_index=True)
    usage_key = models.CharField(max_length=255)
    block_type = models.CharField(max_length=64)
    learner_id = models.CharField(max_length=255, help_text="Anonymous user id of the learner.")
    verb = models.CharField(
        max_length=64, help_text="What the learner did, e.g. 'choice', 'ending'."
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["course_key", "learner_id", "created"], name="spoc_activity_learner"
            ),
            models.Index(fields=["usage_key", "created"], name="spoc_activity_usage"),
        ]

    def __str__(self):
        return f"{self.learner_id} {self.verb} {self.usage_key} at {self.created:%Y-%m-%d %H:%M}"


class BlockProgress(models.Model):
    """Where one learner stands on one SPOC block: started or done, its score, and any deadline.

    Every block keeps its own row per learner up to date, so the coach dashboard reads a whole
    cohort's progress across the course in one query, whatever the blocks.
    """

    STARTED = "started"
    DONE = "done"
    STATES = [(STARTED, "started"), (DONE, "done")]

    course_key = models.CharField(max_length=255)
    usage_key = models.CharField(max_length=255)
    block_type = models.CharField(max_length=64)
    block_name = models.CharField(
        max_length=255,
        blank=True,
        default="",
        help_text="The block's display name when the row was last written.",
    )
    learner_id = models.CharField(max_length=255)
    state = models.CharField(max_length=16, choices=STATES, default=STARTED)
    score = models.FloatField(null=True, blank=True, help_text="0 to 1, when the block grades.")
    due = models.DateTimeField(
        null=True, blank=True, help_text="When the learner's work on the block is due."
    )
    done_at = models.DateTimeField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["usage_key", "learner_id"], name="spoc_progress_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["course_key", "learner_id"], name="spoc_progress_course"),
            models.Index(fields=["course_key", "updated"], name="spoc_progress_changes"),
        ]

    def __str__(self):
        return f"{self.learner_id} {self.state} on {self.usage_key}"


class CourseMember(models.Model):
    """Who an anonymous id belongs to in a course (the platform's user id), and whether they are on
    its team.

    The platform tells a block who is course staff only in that person's own requests, and gives
    other people's anonymous ids only to course staff, one query per person. This table keeps what
    was learned: the roster is then read in a constant number of queries, and course staff stay out
    of learner figures even when they view the course "as a learner", where the platform shows them
    as a learner.
    """

    course_key = models.CharField(max_length=255)
    anonymous_id = models.CharField(max_length=255)
    user_key = models.CharField(
        max_length=64, blank=True, default="", help_text="The platform's user id."
    )
    is_staff = models.BooleanField(
        default=False, help_text="Seen as course staff, or global staff."
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["course_key", "anonymous_id"], name="spoc_member_unique"
            ),
        ]
        indexes = [models.Index(fields=["course_key", "user_key"], name="spoc_member_user")]

    def __str__(self):
        return f"{self.anonymous_id} in {self.course_key}{' (staff)' if self.is_staff else ''}"


class DeferredJob(models.Model):
    """Work asked for in one request and done after it, on the platform's Celery workers (or at
    once where there are none): which function, for which block, and how far it got.

    A worker has no XBlock runtime: the block's settings and content are kept with the job, so the
    function gets the block as it was when the work was asked for.
    """

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, "queued"), (RUNNING, "running"), (DONE, "done"), (FAILED, "failed")]

    task = models.CharField(max_length=255, help_text="Dotted path of the function that does it.")
    course_key = models.CharField(max_length=255)
    usage_key = models.CharField(max_length=255)
    block = models.JSONField(default=dict, help_text="The block's fields when the job was queued.")
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=STATUSES, default=QUEUED)
    run_after = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True, help_text="e.g. emails sent, suppressed.")
    error = models.TextField(blank=True, default="")
    attempts = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    heartbeat = models.DateTimeField(
        null=True, blank=True, help_text="Last sign of life of the worker running it."
    )
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["usage_key", "task", "created"], name="spoc_job_block"),
            models.Index(fields=["status", "heartbeat"], name="spoc_job_status"),
        ]

    def __str__(self):
        return f"{self.task} for {self.usage_key}: {self.status} ({self.done}/{self.total})"


class EmailOptOut(models.Model):
    """A learner asked for no more email from the course's SPOC blocks (nudges, reminders); what
    they would have been emailed still waits for them in the course."""

    course_key = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=255)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course_key", "learner_id"], name="spoc_optout_unique")
        ]

    def __str__(self):
        return f"{self.learner_id} takes no email in {self.course_key}"
