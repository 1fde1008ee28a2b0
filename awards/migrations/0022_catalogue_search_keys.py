"""Search keys of the award catalogue and the authorities, for searching them without diacritics.

The rows already loaded get their keys here; the fold is copied (a migration imports nothing from the
application), and must read as units.text.fold does.
"""

import re
import unicodedata

from django.db import migrations, models


def fold(text):
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return re.sub(r"\s+", " ", stripped.casefold()).strip()


def fill_keys(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    Authority = apps.get_model("awards", "Authority")
    for award in AwardType.objects.all():
        award.search_key = fold(f"{award.name} {award.code}")
        award.save(update_fields=["search_key"])
    for authority in Authority.objects.all():
        authority.search_key = fold(authority.office)
        authority.save(update_fields=["search_key"])


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0021_text_length_limits"),
    ]

    operations = [
        migrations.AddField(
            model_name="authority",
            name="search_key",
            field=models.CharField(default="", editable=False, max_length=255),
        ),
        migrations.AddField(
            model_name="awardtype",
            name="search_key",
            field=models.CharField(default="", editable=False, max_length=300),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
