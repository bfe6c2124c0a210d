"""What the engagement widgets store: one row per pulse response, who has answered, and skills-check
answers.

Each answer is its own row, never a shared tally, so answers sent at the same moment are all kept.
"""

import uuid

from django.db import models


class PulseParticipation(models.Model):
    """That a learner answered a pulse, in either mode: one row per learner and block stops a second
    answer.

    It never points to the learner's response: in an anonymous pulse nothing links the two.
    """

    course_key = models.CharField(max_length=255)
    usage_key = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=255, help_text="Anonymous user id of the learner.")
    rated = models.BooleanField(
        default=False, help_text="Answered at least one rating or NPS question."
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["usage_key", "learner_id"], name="spoc_pulse_participation_unique"
            ),
        ]
        indexes = [models.Index(fields=["course_key", "rated"], name="spoc_pulse_part_course")]

    def __str__(self):
        return f"{self.learner_id} answered {self.usage_key}"


class PulseResponse(models.Model):
    """One learner's answers to one pulse: {question id: {"kind", "value"}}.

    In an anonymous pulse the row keeps no learner id and no time, and its key is random (rows are
    listed and exported in key order), so neither the row nor its place among the others says who
    answered or when.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course_key = models.CharField(max_length=255)
    usage_key = models.CharField(max_length=255)
    # NULL for an anonymous response: databases treat NULLs as distinct, so the constraint binds
    # named rows only.
    learner_id = models.CharField(max_length=255, null=True, blank=True)  # noqa: DJ001
    answers = models.JSONField()
    submitted = models.DateTimeField(
        null=True, blank=True, help_text="Empty for anonymous responses."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["usage_key", "learner_id"], name="spoc_pulse_response_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["usage_key", "id"], name="spoc_pulse_resp_usage"),
            models.Index(fields=["course_key"], name="spoc_pulse_resp_course"),
        ]

    def __str__(self):
        return f"response to {self.usage_key} ({'named' if self.learner_id else 'anonymous'})"


class PulseCounter(models.Model):
    """A figure of one pulse kept as its responses are stored and deleted (names in
    `logic.tallies.counter_names`), so learners' results never read every response."""

    usage_key = models.CharField(max_length=255)
    name = models.CharField(max_length=200)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["usage_key", "name"], name="spoc_pulse_counter_unique"),
        ]

    def __str__(self):
        return f"{self.usage_key} {self.name}: {self.count}"


class SkillsResponse(models.Model):
    """One learner's self-assessment in one skills-check block: a level 1-5 per competency."""

    course_key = models.CharField(max_length=255)
    usage_key = models.CharField(max_length=255)
    check_id = models.CharField(
        max_length=64,
        help_text="The author's id shared by a before, an after and a follow-up check.",
    )
    phase = models.CharField(
        max_length=8,
        choices=[("before", "before"), ("after", "after"), ("followup", "follow-up")],
    )
    learner_id = models.CharField(max_length=255, help_text="Anonymous user id of the learner.")
    levels = models.JSONField(help_text="{competency id: level 1-5}.")
    competencies = models.JSONField(
        help_text="[[id, label], ...]: the competencies as the learner saw them."
    )
    application = models.JSONField(
        default=dict,
        blank=True,
        help_text='Follow-up only: {competency id: {"use": how often, "example": text}}.',
    )
    benefit = models.TextField(
        blank=True, default="", help_text="Follow-up only: the benefit the learner saw at work."
    )
    answered = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["usage_key", "learner_id"], name="spoc_skills_response_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["course_key", "check_id", "learner_id"], name="spoc_skills_pair")
        ]

    def __str__(self):
        return f"{self.learner_id} {self.phase} {self.check_id}"


class FollowupPlan(models.Model):
    """A skills-check follow-up block known to need invitations: enough of it for an after check's
    answer to plan them (the block as a worker rebuilds it), and when they next go out."""

    usage_key = models.CharField(max_length=255, unique=True)
    course_key = models.CharField(max_length=255)
    check_id = models.CharField(max_length=64)
    block = models.JSONField(help_text="The follow-up block's fields (common.detached).")
    next_at = models.DateTimeField(
        null=True, blank=True, help_text="When the invitations job is planned to run next."
    )

    class Meta:
        indexes = [models.Index(fields=["course_key", "check_id"], name="spoc_followup_check")]

    def __str__(self):
        return f"{self.usage_key} next at {self.next_at}"


class FollowupInvitation(models.Model):
    """A learner invited by email to a follow-up that opened for them: once each, by the job
    that took them on."""

    usage_key = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=255, help_text="Anonymous user id of the learner.")
    job_id = models.BigIntegerField(help_text="The DeferredJob that emails the learner.")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["usage_key", "learner_id"], name="spoc_followup_invitation_unique"
            ),
        ]

    def __str__(self):
        return f"{self.learner_id} invited to {self.usage_key}"
