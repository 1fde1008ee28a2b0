# Until plans had a kind, every grant answering a plan was recorded as a campaign award (theo đợt,
# chuyên đề) and never counted toward higher ones. Grants the portal recorded under plans now known
# to be regular (campaigns 0003_plan_kind) take the catalogue's kind again, as record_for now writes them.

from django.db import migrations


def count_yearly_plan_grants(apps, schema_editor):
    AwardRecord = apps.get_model("awards", "AwardRecord")
    AwardRecord.objects.filter(source="portal", kind="thematic",
                               dossier_line__nomination_line__plan__kind="regular").update(kind="")


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0019_nominee_import_job"),
        ("campaigns", "0003_plan_kind"),
    ]

    operations = [
        migrations.RunPython(count_yearly_plan_grants, migrations.RunPython.noop),
    ]
