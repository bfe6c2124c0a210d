"""What the serious game stores: each scenario version played, each run (an attempt) and each step
of it."""

from django.db import models


class ScenarioVersion(models.Model):
    """A snapshot of the authored scenario, so a run always finishes on the version it started
    with."""

    usage_key = models.CharField(max_length=255)
    digest = models.CharField(max_length=64)
    scenario_xml = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["usage_key", "digest"], name="spoc_sg_version_unique")
        ]

    def __str__(self):
        return f"{self.usage_key} @ {self.digest[:8]}"


class Run(models.Model):
    """One attempt of one learner at one scenario block."""

    PLAYING = "playing"
    FINISHED = "finished"
    ABANDONED = "abandoned"
    STATUSES = [(PLAYING, "playing"), (FINISHED, "finished"), (ABANDONED, "abandoned")]

    course_key = models.CharField(max_length=255)
    usage_key = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=255)
    attempt = models.PositiveIntegerField()
    version = models.ForeignKey(ScenarioVersion, on_delete=models.PROTECT, related_name="runs")
    seed = models.CharField(max_length=32)
    by_trainer = models.BooleanField(
        default=False, help_text="Played by course staff: left out of the debrief."
    )
    status = models.CharField(max_length=16, choices=STATUSES, default=PLAYING)
    node_id = models.CharField(max_length=255)
    step_count = models.PositiveIntegerField(default=0)
    choices = models.JSONField(default=list, blank=True, help_text="Choice ids taken, in order.")
    ending_id = models.CharField(max_length=255, blank=True)
    outcome = models.CharField(max_length=16, blank=True)
    score = models.FloatField(null=True, blank=True)
    points = models.JSONField(default=dict, blank=True)
    started = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["usage_key", "learner_id", "attempt"], name="spoc_sg_run_attempt_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["usage_key", "learner_id"], name="spoc_sg_run_learner"),
            models.Index(fields=["usage_key", "status"], name="spoc_sg_run_status"),
        ]

    def __str__(self):
        return f"{self.learner_id} #{self.attempt} on {self.usage_key} ({self.status})"


class Step(models.Model):
    """A choice made in a run, or a miss on a screen or input step (choice id `MISS`); positions
    run 0, 1, 2... and undo removes the last one."""

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField()
    node_id = models.CharField(max_length=255)
    choice_id = models.CharField(max_length=255)
    created = models.DateTimeField(auto_now_add=True)
    # Only on screens: where a click fell (fractions of the screenshot; none for a keyboard
    # action), and the seconds since the run's previous action, for the debrief.
    x = models.FloatField(null=True, blank=True)
    y = models.FloatField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "position"], name="spoc_sg_step_position_unique")
        ]

    def __str__(self):
        return f"run {self.run_id} step {self.position}: {self.node_id} -> {self.choice_id}"
