"""The platform tables the stand-in services read, as the LMS keeps them (student app, user
preferences)."""

from django.conf import settings
from django.db import models


class AnonymousUserId(models.Model):
    """A user's anonymous id in a course: made on first use (a write), then read (a query)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    anonymous_user_id = models.CharField(max_length=32, unique=True)
    course_id = models.CharField(max_length=255, db_index=True)

    def __str__(self):
        return f"{self.user_id} in {self.course_id}: {self.anonymous_user_id}"


class CourseEnrollment(models.Model):
    """Who is enrolled: learners, and the course staff who enrolled too (the LMS does not tell them
    apart)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    course_id = models.CharField(max_length=255, db_index=True)
    is_active = models.BooleanField(default=True)
    mode = models.CharField(max_length=100, default="audit")

    def __str__(self):
        return f"{self.user_id} in {self.course_id}"


class CourseAccessRole(models.Model):
    """A course team role ("staff", "instructor", "beta_testers"...), for a course or a whole
    organisation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    org = models.CharField(max_length=64, blank=True)
    course_id = models.CharField(max_length=255, blank=True)
    role = models.CharField(max_length=64)

    def __str__(self):
        return f"{self.user_id}: {self.role} of {self.course_id or self.org}"


class UserPreference(models.Model):
    """The LMS reads a user's preferences each time the user service describes the current user."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    key = models.CharField(max_length=255)
    value = models.TextField()

    def __str__(self):
        return f"{self.user_id}: {self.key}"


class StudentModule(models.Model):
    """A learner's state of one block (courseware's StudentModule): made by the learner's first
    write of a user-state field or by a published grade, read once per request that loads the
    block."""

    student_id = models.IntegerField()
    module_state_key = models.CharField(max_length=255)
    state = models.TextField(default="{}")

    class Meta:
        unique_together = ("student_id", "module_state_key")

    def __str__(self):
        return f"{self.student_id} on {self.module_state_key}"


class UserStateSummaryField(models.Model):
    """One field a block keeps for all its users (courseware's XModuleUserStateSummaryField)."""

    usage_id = models.CharField(max_length=255)
    field_name = models.CharField(max_length=64)
    value = models.TextField(default="null")

    class Meta:
        unique_together = ("usage_id", "field_name")

    def __str__(self):
        return f"{self.field_name} of {self.usage_id}"
