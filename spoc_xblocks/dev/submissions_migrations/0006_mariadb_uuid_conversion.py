"""edx-submissions' 0006, corrected: convert to MariaDB's native uuid type only the uuid columns
still char(32).

Tables that Django 5 creates on MariaDB 10.7+ already have native uuid columns, so on a new database
this does nothing; on a database made by an older Django it converts what exists.
"""

from django.db import migrations

UUID_TABLES = ("submissions_submission", "submissions_score", "submissions_teamsubmission")


def char_uuid_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = DATABASE() "
        "AND column_name = 'uuid' AND data_type = 'char' AND table_name IN (%s, %s, %s)",
        UUID_TABLES,
    )
    return [row[0] for row in cursor.fetchall()]


def convert_uuid_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "mysql" or not schema_editor.connection.mysql_is_mariadb:
        return
    with schema_editor.connection.cursor() as cursor:
        for table in char_uuid_tables(cursor):
            cursor.execute(f"ALTER TABLE {table} MODIFY uuid uuid NOT NULL")


class Migration(migrations.Migration):
    dependencies = [("submissions", "0005_CreateTeamModel")]
    operations = [migrations.RunPython(convert_uuid_columns, migrations.RunPython.noop)]
