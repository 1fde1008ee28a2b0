# The statistics page's filters: a range of award years, a range of sending dates.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0033_plan_reports'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='awardrecord',
            index=models.Index(fields=['year'], name='awards_record_year'),
        ),
        migrations.AddIndex(
            model_name='dossier',
            index=models.Index(fields=['submitted_at'], name='awards_dossier_submitted'),
        ),
    ]
