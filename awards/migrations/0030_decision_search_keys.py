"""Search keys of the decisions (number and trích yếu without diacritics), for the decision register.

The decisions already written get their keys here; the fold is copied (a migration imports nothing from the
application) and must read as units.text.fold does, the number as Decision.number_text writes it.
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
    Decision = apps.get_model("awards", "Decision")
    for decision in Decision.objects.only("number", "symbol", "title").iterator(chunk_size=500):
        number = f"{decision.number:02d}/{decision.symbol}" if decision.number else f"…/{decision.symbol}"
        Decision.objects.filter(pk=decision.pk).update(search_key=fold(f"{number} {decision.title}"))


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0029_yearly_sheet_take_back"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="search_key",
            field=models.CharField(default="", editable=False, max_length=1100),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
