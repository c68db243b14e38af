from django.db import migrations, models
from django.db.models.functions import Coalesce


def existing_certificates_were_announced(apps, schema_editor):
    """A certificate that is ready, or was issued before this field, has been announced (or
    is history): rendering it again must not announce it again."""
    Certificate = apps.get_model("academy", "Certificate")
    Certificate.objects.filter(state="ready").update(
        announced_at=Coalesce("finished_at", "issued_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("academy", "0003_certificate_generated_file"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="announced_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="announced to the participant"
            ),
        ),
        migrations.RunPython(existing_certificates_were_announced, migrations.RunPython.noop),
    ]
