"""The public register of issued decisions: a publication flag and a random public id."""

import secrets

from django.db import migrations, models

import awards.models.decisions
import units.fields


def fill(apps, schema_editor):
    Decision = apps.get_model("awards", "Decision")
    for decision in Decision.objects.all().iterator():
        decision.public_id = secrets.token_urlsafe(12)
        decision.save(update_fields=["public_id"])


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0030_decision_search_keys'),
    ]

    operations = [
        migrations.AddField(
            model_name='decision',
            name='published',
            field=models.BooleanField(default=True, help_text='Bỏ chọn nếu quyết định có nội dung thuộc bí mật nhà nước hoặc không được công khai.', verbose_name='công khai trên cổng'),
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
    ]
