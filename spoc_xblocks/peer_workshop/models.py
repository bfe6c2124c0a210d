"""What a peer workshop stores: its phase, participants and groups, drafts, submissions and files,
review slots with their reviews, published grades, moderation decisions and reminders.

Database constraints carry the guarantees: one submission per learner and workshop, one slot per
reviewer and submission (so nobody reviews the same work twice), one published grade per learner."""

from django.db import models

from spoc_xblocks.common.markers import MarkedQuerySet


class Workshop(models.Model):
    """The phase a workshop is in, and when the trainer (or a date) last switched it."""

    SETUP, SUBMISSION, REVIEW, GRADING, CLOSED = (
        "setup",
        "submission",
        "review",
        "grading",
        "closed",
    )
    PHASES = [
        (SETUP, "setup"),
        (SUBMISSION, "submission"),
        (REVIEW, "review"),
        (GRADING, "grading"),
        (CLOSED, "closed"),
    ]

    usage_key = models.CharField(max_length=255, unique=True)
    course_key = models.CharField(max_length=255)
    phase = models.CharField(max_length=16, choices=PHASES, default=SETUP)
    phase_set_at = models.DateTimeField(null=True, blank=True)
    seed = models.CharField(
        max_length=32, help_text="Seeds the allocation, so it can be explained and replayed."
    )
    allocated_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When grades were last published."
    )
    phase_due_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a date next moves the workshop on, as last planned for the workers.",
    )
    updated = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.usage_key} ({self.phase})"


class Participant(models.Model):
    """A learner's place in a workshop: group, personal deadline, and whether the trainer marked
    them absent."""

    usage_key = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=255)
    group = models.CharField(max_length=64, blank=True)
    extension = models.DateTimeField(
        null=True, blank=True, help_text="The learner's own submission deadline."
    )
    absent = models.BooleanField(
        default=False, help_text="Left the workshop: given no more reviews."
    )
    started = models.BooleanField(default=False, help_text="Has saved a draft or submitted.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["usage_key", "learner_id"], name="spoc_pw_participant_unique"
            )
        ]

    def __str__(self):
        return f"{self.learner_id} in group {self.group or '-'} of {self.usage_key}"


class Draft(models.Model):
    """A learner's work before they submit it: saved automatically, changed freely."""

    usage_key = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=255)
    text = models.TextField(blank=True)
    links = models.JSONField(default=list, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["usage_key", "learner_id"], name="spoc_pw_draft_unique")
        ]

    def __str__(self):
        return f"draft of {self.learner_id} on {self.usage_key}"


class Submission(models.Model):
    """A submitted piece: immutable once written, mirrored in edx-submissions so the platform knows
    it."""

    course_key = models.CharField(max_length=255)
    usage_key = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=255)
    submission_uuid = models.CharField(max_length=64, blank=True)
    text = models.TextField(blank=True, help_text="Sanitised HTML.")
    links = models.JSONField(default=list, blank=True)
    submitted_at = models.DateTimeField()
    late = models.BooleanField(default=False)
    grade_override = models.FloatField(
        null=True, blank=True, help_text="The trainer's final grade, 0 to 1."
    )
    override_reason = models.TextField(blank=True)
    updated = models.DateTimeField(
        auto_now=True, help_text="Set at every write (api.submissions), for the change marker."
    )

    objects = MarkedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["usage_key", "learner_id"], name="spoc_pw_submission_unique"
            )
        ]
        indexes = [
            models.Index(fields=["usage_key", "submitted_at"], name="spoc_pw_submission_time"),
            models.Index(fields=["usage_key", "updated"], name="spoc_pw_submission_updated"),
        ]

    def __str__(self):
        return f"submission of {self.learner_id} on {self.usage_key}"


class Upload(models.Model):
    """A file a learner attached to their work; once they submit, their files can no longer
    change."""

    usage_key = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=64, unique=True)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["usage_key", "learner_id"], name="spoc_pw_upload_owner")]

    def __str__(self):
        return f"{self.filename} of {self.learner_id}"


class Review(models.Model):
    """A review slot (someone must review a submission) and, once written, the review itself."""

    PEER, TRAINER, SELF = "peer", "trainer", "self"
    KINDS = [(PEER, "peer"), (TRAINER, "trainer"), (SELF, "self")]
    PENDING, DONE, WITHDRAWN = "pending", "done", "withdrawn"
    STATUSES = [(PENDING, "pending"), (DONE, "done"), (WITHDRAWN, "withdrawn")]

    usage_key = models.CharField(max_length=255)
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reviews")
    reviewer_id = models.CharField(
        max_length=255, help_text="Anonymous id, or '@trainer' for the course's trainers."
    )
    kind = models.CharField(max_length=8, choices=KINDS, default=PEER)
    status = models.CharField(max_length=12, choices=STATUSES, default=PENDING)
    withdrawn_reason = models.CharField(
        max_length=16, blank=True, help_text="absent, overdue, expired or trainer."
    )
    due = models.DateTimeField(null=True, blank=True)
    allocated_at = models.DateTimeField(auto_now_add=True)
    started = models.BooleanField(default=False, help_text="A draft was saved.")
    submitted_at = models.DateTimeField(null=True, blank=True)
    options = models.JSONField(
        default=dict, blank=True, help_text="Criterion name -> chosen level name."
    )
    comments = models.JSONField(default=dict, blank=True, help_text="Criterion name -> comment.")
    overall = models.TextField(blank=True)
    points = models.JSONField(
        default=dict, blank=True, help_text="Criterion name -> points, set on submit."
    )
    comment_length = models.PositiveIntegerField(default=0)
    helpfulness = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="1 to 5, rated by the author."
    )
    flagged = models.BooleanField(default=False, help_text="The author finds it unfair.")
    flag_reason = models.TextField(blank=True)
    excluded = models.BooleanField(
        default=False, help_text="Set aside by the trainer: not counted in the grade."
    )
    override_options = models.JSONField(
        null=True, blank=True, help_text="The trainer's levels for this review."
    )
    updated = models.DateTimeField(
        auto_now=True, help_text="Set at every write (api.reviews), for the change marker."
    )

    objects = MarkedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "reviewer_id"], name="spoc_pw_review_unique"
            ),
        ]
        indexes = [
            models.Index(
                fields=["usage_key", "reviewer_id", "status"], name="spoc_pw_review_reviewer"
            ),
            models.Index(fields=["usage_key", "status", "due"], name="spoc_pw_review_due"),
            models.Index(fields=["usage_key", "updated"], name="spoc_pw_review_updated"),
        ]

    def __str__(self):
        return (
            f"{self.kind} review of submission {self.submission_id} by {self.reviewer_id} "
            f"({self.status})"
        )


class Grade(models.Model):
    """A published grade and what it was computed from (shown to the learner as the formula)."""

    usage_key = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=255)
    value = models.FloatField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)
    points_possible = models.PositiveIntegerField(
        default=100,
        help_text="The workshop's points (its weight) when the grade was sent to the gradebook.",
    )
    published_at = models.DateTimeField()
    pending = models.CharField(
        max_length=32,
        blank=True,
        default="",
        help_text="Set when the grade changed and is not yet in the gradebook (the publication's "
        "token); cleared once the gradebook has it.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["usage_key", "learner_id"], name="spoc_pw_grade_unique")
        ]
        indexes = [models.Index(fields=["usage_key", "pending"], name="spoc_pw_grade_pending")]

    def __str__(self):
        return f"{self.learner_id}: {self.value} on {self.usage_key}"


class ModerationDecision(models.Model):
    """The trainer dealt with an item of the moderation queue (kept, overridden, set aside,
    assessed)."""

    usage_key = models.CharField(max_length=255)
    item_key = models.CharField(max_length=255)
    action = models.CharField(max_length=16)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["usage_key", "item_key"], name="spoc_pw_decision_unique"
            )
        ]

    def __str__(self):
        return f"{self.item_key}: {self.action}"


class Reminder(models.Model):
    """A trainer's reminder, shown as a banner at the learner's next visit until they dismiss it."""

    usage_key = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=255)
    message = models.TextField()
    created = models.DateTimeField(auto_now_add=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["usage_key", "learner_id", "dismissed_at"], name="spoc_pw_reminder_open"
            )
        ]

    def __str__(self):
        return f"reminder to {self.learner_id} on {self.usage_key}"
