"""What the cohort coach stores: check-ins and their private threads, goals, one-to-one slots and
bookings, at-risk flags with trainer-only notes, and nudges."""

from django.db import models
from django.utils import timezone


class CheckIn(models.Model):
    """A learner's answers for one check-in period (one per period: the database refuses a
    second)."""

    course_key = models.CharField(max_length=255)
    usage_key = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=255)
    period = models.IntegerField(help_text="Number of the cadence period the check-in answers.")
    progress = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Self-reported, 0 to 100 %."
    )
    confidence = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 to 5.")
    mood = models.CharField(max_length=16, blank=True)
    blockers = models.TextField(blank=True)
    help_wanted = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["usage_key", "learner_id", "period"], name="spoc_coach_checkin_period"
            ),
        ]
        indexes = [models.Index(fields=["usage_key", "period"], name="spoc_coach_checkin_usage")]

    def __str__(self):
        return f"{self.learner_id} period {self.period} on {self.usage_key}"


class Message(models.Model):
    """One message of a check-in's private thread between its learner and the trainers."""

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="messages")
    author_id = models.CharField(max_length=255)
    by_trainer = models.BooleanField(default=False)
    body = models.TextField()
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self):
        return f"{'trainer' if self.by_trainer else 'learner'} on check-in {self.checkin_id}"


class Goal(models.Model):
    course_key = models.CharField(max_length=255)
    usage_key = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=255)
    text = models.CharField(max_length=300)
    target = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["usage_key", "learner_id"], name="spoc_coach_goal_learner")]

    def __str__(self):
        return f"goal {self.id} of {self.learner_id}"


class Slot(models.Model):
    """A one-to-one meeting time a trainer offers; at most one learner books it."""

    course_key = models.CharField(max_length=255)
    usage_key = models.CharField(max_length=255)
    trainer_id = models.CharField(max_length=255)
    starts = models.DateTimeField()
    ends = models.DateTimeField()
    where = models.CharField(
        max_length=200, blank=True, help_text="A room, a phone number or a video link."
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts", "id"]
        constraints = [
            models.UniqueConstraint(fields=["usage_key", "starts"], name="spoc_coach_slot_start")
        ]

    def __str__(self):
        return f"slot {self.starts:%Y-%m-%d %H:%M} on {self.usage_key}"


class Booking(models.Model):
    """A learner's booking of a slot: one per slot, so two learners booking at once cannot both get
    it."""

    slot = models.OneToOneField(Slot, on_delete=models.CASCADE, related_name="booking")
    learner_id = models.CharField(max_length=255, db_index=True)
    created = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.learner_id} booked slot {self.slot_id}"


class Flag(models.Model):
    """An at-risk flag of one learner: open, then contacted, then resolved; rounds number successive
    flags."""

    OPEN = "open"
    CONTACTED = "contacted"
    RESOLVED = "resolved"
    STATUSES = [(OPEN, "open"), (CONTACTED, "contacted"), (RESOLVED, "resolved")]

    course_key = models.CharField(max_length=255)
    usage_key = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=255)
    round = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=16, choices=STATUSES, default=OPEN)
    reasons = models.JSONField(
        default=list, help_text="The reasons found, as codes with their figures."
    )
    opened_at = models.DateTimeField(default=timezone.now)
    contacted_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["usage_key", "learner_id", "round"], name="spoc_coach_flag_round"
            ),
        ]

    def __str__(self):
        return f"flag {self.round} of {self.learner_id} ({self.status})"


class FlagNote(models.Model):
    """A note only trainers see, on a flag (often written when moving it)."""

    flag = models.ForeignKey(Flag, on_delete=models.CASCADE, related_name="notes")
    author_id = models.CharField(max_length=255)
    status = models.CharField(
        max_length=16, blank=True, help_text="The status the flag moved to with this note."
    )
    body = models.TextField()
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self):
        return f"note on flag {self.flag_id}"


class Nudge(models.Model):
    """A trainer's message to a learner, shown at their next visit and emailed once due, unless they
    came back."""

    QUEUED = "queued"
    SHOWN = "shown"
    SUPPRESSED = "suppressed"
    STATUSES = [(QUEUED, "queued"), (SHOWN, "shown"), (SUPPRESSED, "suppressed")]

    course_key = models.CharField(max_length=255)
    usage_key = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=255)
    message = models.TextField()
    queued_by = models.CharField(max_length=255)
    queued_at = models.DateTimeField(default=timezone.now)
    email_due = models.DateTimeField(
        null=True, blank=True, help_text="None when no email is to be sent."
    )
    emailed_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(
        max_length=32, blank=True, help_text="Set by the request sending its email."
    )
    status = models.CharField(max_length=16, choices=STATUSES, default=QUEUED)
    shown_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["usage_key", "learner_id", "status"], name="spoc_coach_nudge_learner"
            ),
            models.Index(fields=["usage_key", "email_due"], name="spoc_coach_nudge_due"),
        ]

    def __str__(self):
        return f"nudge {self.id} to {self.learner_id} ({self.status})"
