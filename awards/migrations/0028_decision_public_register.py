"""The public register of issued decisions: a publication flag, a random public id, the folded trích yếu."""

import secrets

from django.db import migrations, models

import awards.models.decisions
import units.fields
import units.text


def fill(apps, schema_editor):
    Decision = apps.get_model("awards", "Decision")
    for decision in Decision.objects.all().iterator():
        decision.public_id = secrets.token_urlsafe(12)
        decision.title_key = units.text.fold(decision.title)[:1000]
        decision.save(update_fields=["public_id", "title_key"])


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0027_dossier_proposal_reference'),
    ]

    operations = [
        migrations.AddField(
            model_name='decision',
            name='published',
            field=models.BooleanField(default=True, help_text='Bỏ chọn nếu quyết định có nội dung thuộc bí mật nhà nước hoặc không được công khai.', verbose_name='công khai trên cổng'),
        ),
        migrations.AddField(
            model_name='decision',
            name='title_key',
            field=units.fields.TextField(default='', editable=False, max_length=1000),
        ),
        migrations.AddField(
            model_name='decision',
            name='public_id',
            field=units.fields.CharField(editable=False, max_length=24, null=True, verbose_name='mã công khai'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='decision',
            name='public_id',
            field=units.fields.CharField(default=awards.models.decisions.new_public_id, editable=False, max_length=24, unique=True, verbose_name='mã công khai'),
        ),
        migrations.AddConstraint(
            model_name='decision',
            constraint=models.CheckConstraint(condition=models.lookups.LessThanOrEqual(models.functions.text.Length('title_key'), 1000), name='awards_decision_title_key_max_length'),
        ),
    ]
