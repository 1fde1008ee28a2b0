"""Standards for collectives, conditions on a collective's members, and forms not proposed together.

Collective titles (Luật TĐKT 2022, Điều 26–28) and the collective certificates (Điều 73, 74) as
rows, from the domain reference (§1 titles and forms). Only the parts a record can show become
conditions; the rest (leading a cluster, internal solidarity, an outstanding movement result)
stays in the description for the council. Each condition carries its own certainty mark: where
the law's figure was not seen in a source (the TTLĐTT share of members, the collective
certificates), the row is U and must be checked before anyone relies on it.

The exclusions put "one achievement, one form" (Luật TĐKT 2022, Điều 5; Nghị định
152/2025/NĐ-CP, Điều 4 — V) into pairs. The principle is V; every pair is our reading of it,
so every pair is U.

Frozen data: nothing is imported from the application.
"""

import datetime

import django.db.models.deletion
from django.db import migrations, models

FROM_2024 = datetime.date(2024, 1, 1)

WARNING = "warning"  # cảnh cáo
NO_MEMBER_WARNED = "Không có thành viên bị kỷ luật từ hình thức cảnh cáo trở lên trong năm xét"


def C(group, operator, description, certainty, *, codes="", count=1, window=0, rating="", discipline_form="",
      strictly_above=False):
    return {"group": group, "operator": operator, "description": description, "certainty": certainty,
            "award_codes": codes, "count": count, "window": window, "rating": rating,
            "discipline_form": discipline_form, "strictly_above": strictly_above}


TTLDTT_CONDITIONS = [
    C(1, "rating", "Tập thể được xếp loại hoàn thành tốt nhiệm vụ trở lên trong năm xét", "K", rating="good"),
    C(2, "member_share",
      "Trên 50% thành viên đạt danh hiệu Lao động tiên tiến (Chiến sĩ tiên tiến) trong năm xét — thành viên là "
      "người có quá trình công tác tại đơn vị (kể cả phòng, ban trực thuộc) trong năm; tỷ lệ theo luật cũ",
      "U", codes="LDTT,CSTT", count=50, strictly_above=True),
    C(3, "member_no_discipline", NO_MEMBER_WARNED, "K", discipline_form=WARNING),
]
TTLDTT_TEXT = (
    "Hoàn thành tốt nhiệm vụ, kế hoạch được giao; phong trào thi đua thường xuyên, thiết thực, hiệu quả; trên 50% "
    "thành viên đạt danh hiệu Lao động tiên tiến (tỷ lệ theo luật cũ, cần kiểm tra); không có thành viên bị kỷ "
    "luật từ hình thức cảnh cáo trở lên; nội bộ đoàn kết, chấp hành tốt chủ trương, chính sách, pháp luật. Phong "
    "trào thi đua và sự đoàn kết nội bộ do Hội đồng xem xét.")

TTLDXS_CONDITIONS = [
    C(1, "rating", "Tập thể được xếp loại hoàn thành xuất sắc nhiệm vụ trong năm xét", "V", rating="excellent"),
    C(2, "member_share", "100% thành viên được xếp loại hoàn thành nhiệm vụ trở lên trong năm xét", "V",
      rating="done", count=100),
    C(3, "member_share",
      "Từ 70% thành viên trở lên đạt danh hiệu Lao động tiên tiến (Chiến sĩ tiên tiến) trong năm xét", "V",
      codes="LDTT,CSTT", count=70),
    C(4, "member_count", "Có thành viên đạt danh hiệu Chiến sĩ thi đua cơ sở trong năm xét", "V",
      codes="CSTDCS", count=1),
    C(5, "member_no_discipline", NO_MEMBER_WARNED + " (suy ra từ tiêu chuẩn Tập thể lao động tiên tiến)", "U",
      discipline_form=WARNING),
]
TTLDXS_TEXT = (
    "Hoàn thành xuất sắc nhiệm vụ; phong trào thi đua thường xuyên, thiết thực, hiệu quả; 100% thành viên hoàn "
    "thành nhiệm vụ, trong đó từ 70% trở lên đạt danh hiệu Lao động tiên tiến và có thành viên đạt Chiến sĩ thi "
    "đua cơ sở; nội bộ đoàn kết, chấp hành tốt pháp luật. Luật không đòi đã đạt Tập thể lao động tiên tiến; khi "
    "quy định của ngành, địa phương đòi, thêm điều kiện “có danh hiệu TTLDTT trong năm xét”. Ngành có thể giới "
    "hạn số lượng.")

STANDARDS = [
    # award code, legal basis, certainty, description, conditions
    ("TTLDTT", "Luật TĐKT 2022, Điều 28", "K", TTLDTT_TEXT, TTLDTT_CONDITIONS),
    ("DVTT", "Luật TĐKT 2022, Điều 28", "K",
     "Như Tập thể lao động tiên tiến, dành cho đơn vị thuộc lực lượng vũ trang nhân dân. " + TTLDTT_TEXT,
     TTLDTT_CONDITIONS),
    ("TTLDXS", "Luật TĐKT 2022, Điều 27", "V", TTLDXS_TEXT, TTLDXS_CONDITIONS),
    ("DVQT", "Luật TĐKT 2022, Điều 27", "V",
     "Như Tập thể lao động xuất sắc, dành cho đơn vị thuộc lực lượng vũ trang nhân dân. " + TTLDXS_TEXT,
     TTLDXS_CONDITIONS),
    ("CO_BT", "Luật TĐKT 2022, Điều 26", "K",
     "Dẫn đầu cụm, khối thi đua do bộ, ban, ngành, tỉnh tổ chức; hoàn thành vượt mức các chỉ tiêu; nội bộ đoàn "
     "kết, trong sạch, vững mạnh; hoặc dẫn đầu phong trào thi đua theo chuyên đề khi sơ kết, tổng kết. Việc dẫn "
     "đầu cụm, khối do cụm, khối suy tôn và Hội đồng xem xét; cổng chỉ xét các điều kiện có trong hồ sơ.",
     [C(1, "rating", "Tập thể hoàn thành xuất sắc nhiệm vụ trong năm xét (suy ra từ “hoàn thành vượt mức các chỉ "
                     "tiêu”)", "U", rating="excellent"),
      C(2, "member_no_discipline", NO_MEMBER_WARNED + " (suy ra từ “nội bộ trong sạch, vững mạnh”)",
        "U", discipline_form=WARNING)]),
    ("BK_TINH", "Luật TĐKT 2022, Điều 74", "U",
     "Một trong các trường hợp của Điều 74: thành tích xuất sắc được bình xét trong phong trào thi đua; thành tích "
     "đột xuất; hoặc nhiều năm liên tục hoàn thành xuất sắc nhiệm vụ (số năm do luật, quy định của bộ, tỉnh đặt — "
     "cần kiểm tra). Cổng xét được trường hợp nhiều năm hoàn thành xuất sắc; các trường hợp khác do Hội đồng "
     "xem xét.",
     [C(1, "rating", "2 năm liên tục hoàn thành xuất sắc nhiệm vụ đến năm xét (số năm theo quy định trước đây)", "U", rating="excellent", count=2),
      C(2, "member_no_discipline", NO_MEMBER_WARNED, "U", discipline_form=WARNING)]),
    ("BK_TTG", "Luật TĐKT 2022, Điều 73", "U",
     "Một trong các trường hợp của Điều 73; cổng xét được trường hợp: đã có Bằng khen cấp bộ, ban, ngành, tỉnh, "
     "5 năm liên tục hoàn thành xuất sắc nhiệm vụ đến năm xét, trong thời gian đó có 1 lần Cờ thi đua cấp bộ, "
     "ban, ngành, tỉnh hoặc 2 lần Tập thể lao động xuất sắc. Tiêu chuẩn cho tập thể chưa đối chiếu với văn bản — "
     "cần kiểm tra. Thành tích đột xuất hoặc tiêu biểu trong phong trào do Hội đồng xem xét.",
     [C(1, "count_in_window", "Đã được tặng Bằng khen cấp bộ, ban, ngành, tỉnh", "U", codes="BK_TINH,BK_BO"),
      C(2, "rating", "5 năm liên tục hoàn thành xuất sắc nhiệm vụ đến năm xét", "U", rating="excellent", count=5),
      C(3, "count_in_window", "Có 1 lần Cờ thi đua cấp bộ, ban, ngành, tỉnh trong 5 năm", "U", codes="CO_BT",
        window=5),
      C(3, "count_in_window", "Có 2 lần Tập thể lao động xuất sắc (Đơn vị quyết thắng) trong 5 năm", "U",
        codes="TTLDXS,DVQT", count=2, window=5),
      C(4, "member_no_discipline", NO_MEMBER_WARNED, "U", discipline_form=WARNING)]),
]

ONE_FORM = "Luật TĐKT 2022, Điều 5; Nghị định 152/2025/NĐ-CP, Điều 4 (nguyên tắc; cặp hình thức là suy ra)"
FORM_AND_HIGHER = ("Một thành tích chỉ khen một hình thức: không đề nghị đồng thời Bằng khen (Giấy khen) và hình "
                   "thức cao hơn cho cùng một thành tích.")
SAME_LEVEL = "Một thành tích chỉ khen một hình thức: không đề nghị hai hình thức cùng cấp cho cùng một thành tích."
ARMED_TWIN = ("Cùng một danh hiệu, một tên dành cho lực lượng vũ trang: một đối tượng chỉ xét một trong hai "
              "trong một năm.")

# award, excluded award, scope, reason — all U (see the module docstring).
EXCLUSIONS = [
    ("GIAY_KHEN", "BK_TINH", "same_review", FORM_AND_HIGHER),
    ("GIAY_KHEN", "BK_BO", "same_review", FORM_AND_HIGHER),
    ("GIAY_KHEN", "BK_TTG", "same_review", FORM_AND_HIGHER),
    ("BK_TINH", "BK_BO", "same_review", SAME_LEVEL),
    ("BK_TINH", "BK_TTG", "same_review", FORM_AND_HIGHER),
    ("BK_BO", "BK_TTG", "same_review", FORM_AND_HIGHER),
    ("BK_TINH", "CO_BT", "same_review",
     "Một thành tích chỉ khen một hình thức: tập thể được đề nghị Cờ thi đua cấp tỉnh thì không đề nghị thêm "
     "Bằng khen cấp tỉnh cho cùng thành tích."),
    ("LDTT", "CSTT", "same_year", ARMED_TWIN),
    ("TTLDTT", "DVTT", "same_year", ARMED_TWIN),
    ("TTLDXS", "DVQT", "same_year", ARMED_TWIN),
]


def add_rows(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    Standard = apps.get_model("awards", "Standard")
    Condition = apps.get_model("awards", "Condition")
    AwardExclusion = apps.get_model("awards", "AwardExclusion")
    # The conditions loaded before this one take their standard's mark.
    for standard in Standard.objects.all():
        standard.conditions.update(certainty=standard.certainty)
    awards = {a.code: a for a in AwardType.objects.all()}
    for code, basis, certainty, description, conditions in STANDARDS:
        standard = Standard.objects.create(
            award=awards[code], subject="collective", description=description, legal_basis=basis,
            certainty=certainty, valid_from=FROM_2024,
        )
        Condition.objects.bulk_create(Condition(standard=standard, position=i, **fields)
                                      for i, fields in enumerate(conditions))
    AwardExclusion.objects.bulk_create(
        AwardExclusion(award=awards[a], excluded_award=awards[b], scope=scope, reason=reason, legal_basis=ONE_FORM,
                       certainty="U")
        for a, b, scope, reason in EXCLUSIONS
    )


def remove_rows(apps, schema_editor):
    apps.get_model("awards", "Standard").objects.filter(subject="collective", valid_from=FROM_2024).delete()
    apps.get_model("awards", "AwardExclusion").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0008_attachments'),
    ]

    operations = [
        migrations.AddField(
            model_name='awardrecord',
            name='kind',
            field=models.CharField(blank=True, choices=[('regular', 'Thường xuyên (công trạng, thành tích)'), ('thematic', 'Theo đợt, chuyên đề'), ('ad_hoc', 'Đột xuất'), ('long_service', 'Quá trình cống hiến'), ('seniority', 'Niên hạn'), ('foreign', 'Đối ngoại')], help_text='Để trống: theo loại của hình thức trong danh mục.', max_length=15, verbose_name='loại khen thưởng'),
        ),
        migrations.AddField(
            model_name='condition',
            name='certainty',
            field=models.CharField(choices=[('V', 'Đã đối chiếu văn bản'), ('K', 'Quy định phổ biến, chưa đối chiếu lại'), ('U', 'Chưa chắc chắn — cần kiểm tra')], default='K', max_length=1, verbose_name='mức chắc chắn'),
        ),
        migrations.AddField(
            model_name='condition',
            name='discipline_form',
            field=models.CharField(blank=True, choices=[('reprimand', 'Khiển trách'), ('warning', 'Cảnh cáo'), ('salary', 'Hạ bậc lương'), ('demotion', 'Giáng chức'), ('dismissal', 'Cách chức'), ('fired', 'Buộc thôi việc')], help_text='Chỉ tính kỷ luật từ hình thức này trở lên; để trống: mọi hình thức.', max_length=10, verbose_name='kỷ luật từ hình thức'),
        ),
        migrations.AddField(
            model_name='condition',
            name='strictly_above',
            field=models.BooleanField(default=False, help_text='Với tỷ lệ thành viên: đánh dấu khi quy định ghi “trên N%”, bỏ trống khi ghi “từ N% trở lên”.', verbose_name='trên tỷ lệ (không tính mức bằng)'),
        ),
        migrations.AlterField(
            model_name='condition',
            name='count',
            field=models.PositiveSmallIntegerField(default=1, help_text='Với tỷ lệ thành viên: số phần trăm.', verbose_name='số lần / số năm / tỷ lệ %'),
        ),
        migrations.AlterField(
            model_name='condition',
            name='operator',
            field=models.CharField(choices=[('has_award', 'Có danh hiệu/hình thức trong năm'), ('consecutive', 'Đạt liên tục N lần đến năm xét'), ('count_in_window', 'Đạt ít nhất N lần trong khoảng năm'), ('rating', 'Xếp loại từ mức … trở lên, N năm liên tục đến năm xét'), ('rating_count', 'Số năm xếp loại từ mức … trở lên trong khoảng năm'), ('initiative', 'Có sáng kiến được công nhận từ phạm vi … trở lên'), ('no_discipline', 'Không bị kỷ luật trong năm xét'), ('member_share', 'Tỷ lệ thành viên đạt danh hiệu hoặc mức xếp loại trong năm xét'), ('member_count', 'Số thành viên đạt danh hiệu hoặc mức xếp loại trong năm xét'), ('member_no_discipline', 'Không thành viên nào bị kỷ luật trong năm xét')], max_length=24, verbose_name='loại điều kiện'),
        ),
        migrations.CreateModel(
            name='AwardExclusion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('scope', models.CharField(choices=[('same_year', 'Cùng năm thành tích (mọi đợt xét)'), ('same_review', 'Cùng đợt xét (cùng kế hoạch; không theo kế hoạch: cùng kỳ tổng kết năm)')], default='same_review', max_length=12, verbose_name='phạm vi')),
                ('reason', models.CharField(max_length=500, verbose_name='lý do')),
                ('legal_basis', models.CharField(blank=True, max_length=255, verbose_name='căn cứ')),
                ('certainty', models.CharField(choices=[('V', 'Đã đối chiếu văn bản'), ('K', 'Quy định phổ biến, chưa đối chiếu lại'), ('U', 'Chưa chắc chắn — cần kiểm tra')], default='K', max_length=1, verbose_name='mức chắc chắn')),
                ('valid_from', models.DateField(blank=True, null=True, verbose_name='hiệu lực từ')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='hiệu lực đến')),
                ('award', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='exclusions', to='awards.awardtype', verbose_name='hình thức, danh hiệu')),
                ('excluded_award', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='excluded_by', to='awards.awardtype', verbose_name='không đề nghị cùng với')),
            ],
            options={
                'verbose_name': 'hình thức không đề nghị đồng thời',
                'verbose_name_plural': 'hình thức không đề nghị đồng thời',
                'ordering': ['award__position', 'excluded_award__position'],
                'constraints': [models.CheckConstraint(condition=models.Q(('award', models.F('excluded_award')), _negated=True), name='awards_exclusion_two_awards', violation_error_message='Chọn hai hình thức khác nhau.'), models.UniqueConstraint(fields=('award', 'excluded_award', 'scope', 'valid_from'), name='awards_exclusion_unique_pair', violation_error_message='Cặp hình thức này đã có trong bảng.')],
            },
        ),
        migrations.RunPython(add_rows, remove_rows),
    ]
