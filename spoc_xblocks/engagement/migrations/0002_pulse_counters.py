"""Counters of each pulse's figures, filled from the responses already stored."""

from collections import Counter

from django.db import migrations, models

from spoc_xblocks.engagement.logic.tallies import counter_names


def count_stored_responses(apps, schema_editor):
    response_model = apps.get_model("spoc_engagement", "PulseResponse")
    counter_model = apps.get_model("spoc_engagement", "PulseCounter")
    counted = Counter()
    rows = response_model.objects.values_list("usage_key", "answers", "learner_id")
    for usage_key, answers, learner_id in rows.iterator(chunk_size=500):
        for name in counter_names(answers, anonymous=learner_id is None):
            counted[usage_key, name] += 1
    counter_model.objects.bulk_create(
        [
            counter_model(usage_key=usage_key, name=name, count=count)
            for (usage_key, name), count in counted.items()
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("spoc_engagement", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="PulseCounter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("usage_key", models.CharField(max_length=255)),
                ("name", models.CharField(max_length=200)),
                ("count", models.IntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("usage_key", "name"), name="spoc_pulse_counter_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(count_stored_responses, migrations.RunPython.noop),
    ]
