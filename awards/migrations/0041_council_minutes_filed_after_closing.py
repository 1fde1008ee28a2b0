"""Council minutes are filed after the closing commits: each session records when they were filed. Sessions
closed before this filed theirs while closing, so they count as filed then."""

from django.db import migrations, models
from django.db.models import F


def filed_when_closed(apps, schema_editor):
    session = apps.get_model("awards", "CouncilSession")
    session.objects.filter(status="closed").update(minutes_filed_at=F("closed_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0040_score_evidence'),
    ]

    operations = [
        migrations.AddField(
            model_name='councilsession',
            name='minutes_filed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='biên bản đã lưu vào hồ sơ lúc'),
        ),
        migrations.RunPython(filed_when_closed, migrations.RunPython.noop),
    ]
