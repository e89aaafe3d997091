"""Signed documents also keep their SHA-512, the checksum OParl 1.1 names.

Existing documents get theirs computed from their stored bytes. On PostgreSQL a
final document rejects every UPDATE (migration 0005); this one adds a digest of
the unchanged bytes and nothing else, so the guard is lifted for that statement
alone, inside this migration's transaction.
"""

import hashlib

from django.db import migrations, models

GUARD = "meetings_signeddocument_final"


def fill_sha512(apps, schema_editor):
    SignedDocument = apps.get_model("meetings", "SignedDocument")
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        schema_editor.execute(
            f"ALTER TABLE meetings_signeddocument DISABLE TRIGGER {GUARD}"
        )
    for pk, data in SignedDocument.objects.filter(sha512="").values_list("pk", "data"):
        SignedDocument.objects.filter(pk=pk).update(
            sha512=hashlib.sha512(bytes(data)).hexdigest()
        )
    if postgresql:
        schema_editor.execute(
            f"ALTER TABLE meetings_signeddocument ENABLE TRIGGER {GUARD}"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0006_search_vectors"),
    ]

    operations = [
        *[
            migrations.AddField(
                model_name=model_name,
                name="sha512",
                field=models.CharField(
                    default="", max_length=128, verbose_name="filens SHA-512"
                ),
                preserve_default=False,
            )
            for model_name in ("signeddocument", "historicalsigneddocument")
        ],
        migrations.RunPython(fill_sha512, migrations.RunPython.noop),
    ]
