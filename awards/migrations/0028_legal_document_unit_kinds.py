"""Which kinds of issuing unit cite a legal document, and the laws on the organisation of the bodies that decide.

A People's Committee cites the law on local government, a ministry or a central body the law on the Government;
a department (Sở) cites neither. The dates below were checked against public copies of the texts in December
2026 (V where the number, the day passed and the day in force were all seen; K where one of them was not):

- Luật Tổ chức Chính phủ 76/2015/QH13, passed 19/6/2015 (seen: the preamble of Nghị định 98/2023/NĐ-CP), in force
  from 1/1/2016 (K) until the 2025 law took over.
- Luật Tổ chức Chính phủ 63/2025/QH15, passed 18/02/2025 (seen: preambles of Nghị định 181/2025/NĐ-CP, Nghị quyết
  115/NQ-CP), in force from 1/3/2025 (K).
- Luật Tổ chức chính quyền địa phương 65/2025/QH15, passed 19/02/2025 (seen), in force 1/3/2025 (K) until
  15/6/2025: the 0026 seed left it out, so the 2015 law was cited in its place.
- Luật Tổ chức chính quyền địa phương 72/2025/QH15, passed 16/6/2025 and in force the same day (its Article 51;
  the district level ended 1/7/2025 under the same article): the 0026 seed had 1/7/2025 (U).

Frozen data: nothing is imported from the app.
"""

import datetime

import awards.models.legal
from django.db import migrations, models

D = datetime.date
PEOPLES_COMMITTEES = ["province", "city", "district", "commune", "ward", "town", "special_zone"]
GOVERNMENT_BODIES = ["ministry", "central"]
AMENDED_2019 = ("Sửa đổi, bổ sung bởi Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
                "chính quyền địa phương ngày 22/11/2019 (47/2019/QH14).")
NEW_DOCUMENTS = [
    # kind, number, signed, title, from, to, kinds, certainty, note
    ("Luật", "76/2015/QH13", D(2015, 6, 19), "Tổ chức Chính phủ", D(2016, 1, 1), D(2025, 2, 28), GOVERNMENT_BODIES,
     "K", f"Số, ngày thông qua đã đối chiếu; ngày có hiệu lực 01/01/2016 chưa đối chiếu. {AMENDED_2019}"),
    ("Luật", "63/2025/QH15", D(2025, 2, 18), "Tổ chức Chính phủ", D(2025, 3, 1), None, GOVERNMENT_BODIES, "K",
     "Số, ngày thông qua đã đối chiếu (căn cứ của các nghị định năm 2025); ngày có hiệu lực 01/3/2025 chưa đối "
     "chiếu. Thay thế Luật Tổ chức Chính phủ 2015."),
    ("Luật", "65/2025/QH15", D(2025, 2, 19), "Tổ chức chính quyền địa phương", D(2025, 3, 1), D(2025, 6, 15),
     PEOPLES_COMMITTEES, "K",
     "Số, ngày thông qua đã đối chiếu; ngày có hiệu lực 01/3/2025 chưa đối chiếu. Bị thay thế bởi Luật 72/2025/QH15 "
     "từ 16/6/2025."),
]
# The 0026 rows corrected: (kind, number) -> fields as they now are, and as 0026 left them (for going back).
CORRECTED = {
    ("Luật", "77/2015/QH13"): (
        {"valid_to": D(2025, 2, 28), "unit_kinds": PEOPLES_COMMITTEES,
         "note": f"Ngày có hiệu lực 01/01/2016 chưa đối chiếu; hết hiệu lực khi Luật 65/2025/QH15 có hiệu lực. "
                 f"{AMENDED_2019}"},
        {"valid_to": D(2025, 6, 30), "unit_kinds": [], "note": ""}),
    ("Luật", "72/2025/QH15"): (
        {"valid_from": D(2025, 6, 16), "unit_kinds": PEOPLES_COMMITTEES, "certainty": "V",
         "note": "Có hiệu lực từ ngày thông qua 16/6/2025 (Điều 51), thay thế Luật 65/2025/QH15; cấp huyện chấm dứt "
                 "hoạt động từ 01/7/2025."},
        {"valid_from": D(2025, 7, 1), "unit_kinds": [], "certainty": "U",
         "note": "Ngày bắt đầu hiệu lực cần đối chiếu văn bản; cấp huyện chấm dứt từ 01/7/2025."}),
}


def seed(apps, schema_editor):
    LegalDocument = apps.get_model("awards", "LegalDocument")
    for (kind, number), (now, _before) in CORRECTED.items():
        LegalDocument.objects.filter(kind=kind, number=number).update(**now)
    for kind, number, signed, title, start, end, kinds, certainty, note in NEW_DOCUMENTS:
        LegalDocument.objects.update_or_create(kind=kind, number=number, defaults={
            "signed_on": signed, "issuer": "", "title": title, "role": "organisation", "valid_from": start,
            "valid_to": end, "unit_kinds": kinds, "certainty": certainty, "note": note})


def unseed(apps, schema_editor):
    LegalDocument = apps.get_model("awards", "LegalDocument")
    LegalDocument.objects.filter(number__in=[row[1] for row in NEW_DOCUMENTS]).delete()
    for (kind, number), (_now, before) in CORRECTED.items():
        LegalDocument.objects.filter(kind=kind, number=number).update(**before)


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0027_dossier_proposal_reference'),
    ]

    operations = [
        migrations.AddField(
            model_name='legaldocument',
            name='unit_kinds',
            field=models.JSONField(blank=True, default=list, help_text='Văn bản của những loại đơn vị nào trích dẫn văn bản này. Không chọn loại nào: mọi loại đơn vị. Ví dụ: Luật Tổ chức chính quyền địa phương — tỉnh, thành phố, xã, phường, đặc khu; Luật Tổ chức Chính phủ — bộ, ngành, cơ quan Trung ương.', validators=[awards.models.legal.validate_unit_kinds], verbose_name='loại đơn vị trích dẫn'),
        ),
        migrations.RunPython(seed, unseed),
    ]
