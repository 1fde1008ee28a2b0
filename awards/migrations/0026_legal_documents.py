"""The legal documents the portal cites, seeded from the domain reference (domain.md §0).

Dates in force: L22 from 1/1/2024 (V); D98 1/1/2024–30/6/2025 (V); D152 from 1/7/2025 (V); the 2003 law and
D91 until 31/12/2023 (V); Luật Tổ chức chính quyền địa phương 72/2025/QH15 from 1/7/2025, when the district
level ended (its own start date is U); the 2015 law before it (K). Titles of the decrees are K: check them
against the official text and correct the rows in the admin. Frozen data: nothing is imported from the app.
"""

import datetime

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models

D = datetime.date
GOVERNMENT = "Chính phủ"
DETAILING = "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"
DOCUMENTS = [
    # kind, number, signed, issuer, title, role, from, to, certainty, note
    ("Luật", "77/2015/QH13", D(2015, 6, 19), "", "Tổ chức chính quyền địa phương", "organisation",
     D(2016, 1, 1), D(2025, 6, 30), "K", ""),
    ("Luật", "72/2025/QH15", D(2025, 6, 16), "", "Tổ chức chính quyền địa phương", "organisation",
     D(2025, 7, 1), None, "U", "Ngày bắt đầu hiệu lực cần đối chiếu văn bản; cấp huyện chấm dứt từ 01/7/2025."),
    ("Luật", "15/2003/QH11", D(2003, 11, 26), "", "Thi đua, khen thưởng", "law", D(2004, 7, 1), D(2023, 12, 31),
     "V", "Sửa đổi, bổ sung năm 2005 (47/2005/QH11), 2009 (32/2009/QH12), 2013 (39/2013/QH13)."),
    ("Nghị định", "91/2017/NĐ-CP", D(2017, 7, 31), GOVERNMENT, DETAILING, "decree", D(2017, 10, 1),
     D(2023, 12, 31), "K", ""),
    ("Luật", "06/2022/QH15", D(2022, 6, 15), "", "Thi đua, khen thưởng", "law", D(2024, 1, 1), None, "V", ""),
    ("Nghị định", "98/2023/NĐ-CP", D(2023, 12, 31), GOVERNMENT, DETAILING, "decree", D(2024, 1, 1),
     D(2025, 6, 30), "V", ""),
    ("Nghị định", "152/2025/NĐ-CP", D(2025, 6, 14), GOVERNMENT, DETAILING, "decree", D(2025, 7, 1), None, "K",
     "Thay thế Nghị định 98/2023/NĐ-CP; phân cấp, phân quyền trong thi đua, khen thưởng. Trích yếu cần đối chiếu."),
]


def seed(apps, schema_editor):
    LegalDocument = apps.get_model("awards", "LegalDocument")
    for kind, number, signed, issuer, title, role, start, end, certainty, note in DOCUMENTS:
        LegalDocument.objects.update_or_create(kind=kind, number=number, defaults={
            "signed_on": signed, "issuer": issuer, "title": title, "role": role, "valid_from": start,
            "valid_to": end, "certainty": certainty, "note": note})


def unseed(apps, schema_editor):
    apps.get_model("awards", "LegalDocument").objects.filter(number__in=[row[1] for row in DOCUMENTS]).delete()



class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0025_yearly_registrations'),
        ('units', '0010_user_must_change_password'),
    ]

    operations = [
        migrations.CreateModel(
            name='LegalDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('valid_from', models.DateField(blank=True, null=True, verbose_name='hiệu lực từ')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='hiệu lực đến')),
                ('kind', models.CharField(choices=[('Luật', 'Luật'), ('Nghị quyết', 'Nghị quyết'), ('Nghị định', 'Nghị định'), ('Thông tư', 'Thông tư'), ('Quyết định', 'Quyết định'), ('Quy chế', 'Quy chế')], max_length=20, verbose_name='loại văn bản')),
                ('number', models.CharField(blank=True, help_text='Ví dụ 152/2025/NĐ-CP. Luật được trích dẫn theo tên và ngày thông qua.', max_length=50, verbose_name='số, ký hiệu')),
                ('signed_on', models.DateField(blank=True, null=True, verbose_name='ngày ban hành')),
                ('issuer', models.CharField(blank=True, help_text='Như viết trong câu: “Chính phủ”, “Ủy ban nhân dân tỉnh Phú Thọ”.', max_length=255, verbose_name='cơ quan ban hành')),
                ('title', models.CharField(help_text='Với luật: tên luật sau chữ “Luật” (“Thi đua, khen thưởng”); với văn bản khác: nội dung sau tên cơ quan (“quy định chi tiết …”).', max_length=255, verbose_name='trích yếu')),
                ('role', models.CharField(choices=[('organisation', 'Luật tổ chức bộ máy (thẩm quyền của cơ quan)'), ('law', 'Luật về thi đua, khen thưởng'), ('decree', 'Văn bản quy định chi tiết'), ('local_rules', 'Quy chế thi đua, khen thưởng của tỉnh, bộ, ngành'), ('other', 'Văn bản khác (không tự động trích dẫn)')], max_length=20, verbose_name='vai trò khi trích dẫn')),
                ('certainty', models.CharField(choices=[('V', 'Đã đối chiếu văn bản'), ('K', 'Quy định phổ biến, chưa đối chiếu lại'), ('U', 'Chưa chắc chắn — cần kiểm tra')], default='K', max_length=1, verbose_name='mức chắc chắn')),
                ('note', models.TextField(blank=True, max_length=5000, verbose_name='ghi chú')),
                ('unit', models.ForeignKey(blank=True, help_text='Để trống: áp dụng toàn quốc. Chọn tỉnh hoặc bộ, ngành: áp dụng cho văn bản của đơn vị đó và các đơn vị trực thuộc.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.unit', verbose_name='phạm vi (đơn vị)')),
            ],
            options={
                'verbose_name': 'văn bản pháp lý',
                'verbose_name_plural': 'văn bản pháp lý (căn cứ)',
                'ordering': ['role', '-valid_from', 'pk'],
                'constraints': [models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('note'), 5000), name='awards_legaldocument_note_max_length')],
            },
        ),
        migrations.RunPython(seed, unseed),
    ]
