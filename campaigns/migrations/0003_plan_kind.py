# Every plan was read as thematic before the kind was stored; the plans whose title names a
# yearly movement are regular. A frozen, simpler copy of campaigns.importing_rules.find_kind's
# reading of the title: a title that names a campaign first, then one that names a year or a
# regular movement; anything else stays thematic (its awards are never counted upwards by mistake).

import re
import unicodedata

from django.db import migrations, models

THEMATIC = re.compile(r"\bdot thi dua\b|\bthi dua dot\b|\btheo dot\b|\bcao diem\b|\bchuyen de\b")
REGULAR = re.compile(r"\bthuong xuyen\b|\bhang nam\b|\bthi dua (?:yeu nuoc )?nam (?:hoc )?\d{4}"
                     r"|\bthi dua,? khen thuong nam (?:hoc )?\d{4}")


def fold(text):
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").replace("đ", "d").replace("Đ", "D")
    return " ".join(stripped.replace("*", "").casefold().split())


def guess_kind(apps, schema_editor):
    Plan = apps.get_model("campaigns", "Plan")
    regular = [pk for pk, title in Plan.objects.values_list("pk", "title")
               if not THEMATIC.search(fold(title)) and REGULAR.search(fold(title))]
    for start in range(0, len(regular), 500):  # SQLite bounds the parameters of one query
        Plan.objects.filter(pk__in=regular[start:start + 500]).update(kind="regular")


class Migration(migrations.Migration):

    dependencies = [
        ("campaigns", "0002_render_jobs_are_units_jobs"),
    ]

    operations = [
        migrations.AddField(
            model_name='plan',
            name='kind',
            field=models.CharField(choices=[('regular', 'Thi đua thường xuyên (hằng năm)'), ('thematic', 'Thi đua theo chuyên đề, theo đợt')], default='thematic', help_text='Khen thưởng theo phong trào thi đua thường xuyên được tính làm căn cứ đề nghị khen thưởng cao hơn; khen thưởng theo chuyên đề, theo đợt thì không.', max_length=10, verbose_name='loại phong trào thi đua'),
        ),
        migrations.RunPython(guess_kind, migrations.RunPython.noop),
    ]
