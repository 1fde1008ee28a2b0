"""An import's progress and upload belong to its job; the packs of certificates are jobs (see 0018)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0018_packs_and_imports_to_jobs"),
        ("units", "0004_job"),
    ]

    operations = [
        migrations.RemoveField(model_name="nomineeimport", name="progress"),
        migrations.RemoveField(model_name="nomineeimport", name="source"),
        migrations.AddField(
            model_name="nomineeimport",
            name="job",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="+", to="units.job", verbose_name="việc nền"),
        ),
        migrations.DeleteModel(name="CertificatePrint"),
    ]
