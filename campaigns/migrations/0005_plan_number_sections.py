from django.db import migrations, models

FIELD = dict(help_text="Khi lưu, số mục được đánh lại theo cấp và thứ tự; bỏ chọn để giữ số mục tự gõ.",
             verbose_name="tự đánh số các mục theo cấp (I, 1, a)")


class Migration(migrations.Migration):
    """Plans already in the portal keep the numbers they were written with; new drafts are numbered."""

    dependencies = [
        ("campaigns", "0004_text_length_limits"),
    ]

    operations = [
        migrations.AddField(model_name="plan", name="number_sections",
                            field=models.BooleanField(default=False, **FIELD)),
        migrations.AlterField(model_name="plan", name="number_sections",
                              field=models.BooleanField(default=True, **FIELD)),
    ]
