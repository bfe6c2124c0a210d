"""The learners' field state, as courseware keeps it in the LMS: one row per learner and block, one
row per block field shared by all users."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("platform_standin", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="StudentModule",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("student_id", models.IntegerField()),
                ("module_state_key", models.CharField(max_length=255)),
                ("state", models.TextField(default="{}")),
            ],
            options={"unique_together": {("student_id", "module_state_key")}},
        ),
        migrations.CreateModel(
            name="UserStateSummaryField",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("usage_id", models.CharField(max_length=255)),
                ("field_name", models.CharField(max_length=64)),
                ("value", models.TextField(default="null")),
            ],
            options={"unique_together": {("usage_id", "field_name")}},
        ),
    ]
