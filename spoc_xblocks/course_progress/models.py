"""A learner's latest weighted score of each graded problem of the course, as the LMS's grade
signal gave it: what the coach needs of the platform's grades, in one compact table."""

from django.db import models


class ProblemScore(models.Model):
    course_key = models.CharField(max_length=255)
    learner_key = models.CharField(max_length=64, help_text="The platform's user id.")
    problem_key = models.CharField(max_length=255, help_text="Usage key of the scored block.")
    earned = models.FloatField()
    possible = models.FloatField()
    modified = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["course_key", "learner_key", "problem_key"],
                name="spoc_problem_score_unique",
            ),
        ]

    def __str__(self):
        return f"{self.learner_key} {self.earned:g}/{self.possible:g} on {self.problem_key}"
