"""Standards of the commonest certificates, as rows: Giấy khen (of the chairman of a commune, of a
district until 30/06/2025, of a department's director) for individuals and collectives, and the
province chairman's Bằng khen for individuals (the collective one is in 0009).

From the domain reference (§1.2, "Key standards"): GIAY_KHEN (Luật TĐKT 2022, Điều 75) and BK_BT
(Điều 74) are marked U there — the law lists alternatives ("thành tích được bình xét trong phong
trào", "thành tích đột xuất", years of tasks done well) and leaves the figures to the heads and to
the provinces' rules. The portal judges the alternative a record can show, with the figures of the
former rules (Nghị định 91/2017/NĐ-CP, Điều 39–40); every figure is U until someone checks it
against the text in force, and admins edit the rows (Tiêu chuẩn khen thưởng) when a province's
rules differ. The other alternatives stay in the description for the council.

Frozen data: nothing is imported from the application.
"""

import datetime

from django.db import migrations

FROM_2024 = datetime.date(2024, 1, 1)
WARNING = "warning"


def C(group, operator, description, certainty, *, codes="", count=1, window=0, rating="", scope="",
      discipline_form=""):
    return {"group": group, "operator": operator, "description": description, "certainty": certainty,
            "award_codes": codes, "count": count, "window": window, "rating": rating, "scope": scope,
            "discipline_form": discipline_form}


NO_DISCIPLINE = C(9, "no_discipline", "Không bị kỷ luật trong năm xét", "K")

STANDARDS = [
    # award code, subject, legal basis, certainty, description, conditions
    ("GIAY_KHEN", "individual", "Luật TĐKT 2022, Điều 75", "U",
     "Giấy khen của Chủ tịch UBND xã (huyện, đến 30/06/2025), Giám đốc sở, thủ trưởng cơ quan, đơn vị: cá nhân "
     "gương mẫu chấp hành chủ trương, chính sách, pháp luật và đạt một trong các tiêu chuẩn: có thành tích được "
     "bình xét trong phong trào thi đua; lập được thành tích đột xuất; hoặc 2 năm liên tục hoàn thành tốt nhiệm "
     "vụ (số năm theo quy định trước đây — cần kiểm tra; người đứng đầu cơ quan, đơn vị quy định chi tiết). Cổng "
     "xét được trường hợp hoàn thành tốt nhiệm vụ; các trường hợp khác do Hội đồng xem xét.",
     [C(1, "rating", "2 năm liên tục hoàn thành tốt nhiệm vụ trở lên đến năm xét (số năm theo quy định trước "
                     "đây — cần kiểm tra)", "U", rating="good", count=2),
      NO_DISCIPLINE]),
    ("GIAY_KHEN", "collective", "Luật TĐKT 2022, Điều 75", "U",
     "Giấy khen cho tập thể gương mẫu chấp hành chủ trương, chính sách, pháp luật, nội bộ đoàn kết và đạt một "
     "trong các tiêu chuẩn: có thành tích được bình xét trong phong trào thi đua; lập được thành tích đột xuất; "
     "hoặc hoàn thành tốt nhiệm vụ (cần kiểm tra). Cổng xét được trường hợp hoàn thành tốt nhiệm vụ; sự đoàn "
     "kết nội bộ và các trường hợp khác do Hội đồng xem xét.",
     [C(1, "rating", "Tập thể hoàn thành tốt nhiệm vụ trở lên trong năm xét", "U", rating="good"),
      C(2, "member_no_discipline",
        "Không có thành viên bị kỷ luật từ hình thức cảnh cáo trở lên trong năm xét (suy ra từ “nội bộ đoàn "
        "kết” — cần kiểm tra)", "U", discipline_form=WARNING)]),
    ("BK_TINH", "individual", "Luật TĐKT 2022, Điều 74", "U",
     "Bằng khen của Chủ tịch UBND tỉnh: cá nhân gương mẫu chấp hành chủ trương, chính sách, pháp luật và đạt một "
     "trong các tiêu chuẩn: thành tích xuất sắc được bình xét trong phong trào thi đua; thành tích đột xuất; "
     "hoặc 2 năm liên tục hoàn thành xuất sắc nhiệm vụ, trong thời gian đó có 2 sáng kiến được công nhận và áp "
     "dụng hiệu quả ở cơ sở (số năm, số sáng kiến theo quy định trước đây — cần kiểm tra; Quy chế của tỉnh có "
     "thể quy định khác). Cổng kiểm tra xếp loại và có sáng kiến; số sáng kiến và các trường hợp khác do Hội "
     "đồng xem xét.",
     [C(1, "rating", "2 năm liên tục hoàn thành xuất sắc nhiệm vụ đến năm xét (số năm theo quy định trước "
                     "đây — cần kiểm tra)", "U", rating="excellent", count=2),
      C(2, "initiative", "Có sáng kiến được công nhận, áp dụng ở cơ sở trong 2 năm đó (quy định trước đây ghi 2 "
                         "sáng kiến; cổng chỉ kiểm tra có sáng kiến — cần kiểm tra)", "U", window=2, scope="base"),
      NO_DISCIPLINE]),
]


def add_standards(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    Standard = apps.get_model("awards", "Standard")
    Condition = apps.get_model("awards", "Condition")
    awards = {a.code: a for a in AwardType.objects.filter(code__in={row[0] for row in STANDARDS})}
    for code, subject, basis, certainty, description, conditions in STANDARDS:
        if code not in awards or Standard.objects.filter(award=awards[code], subject=subject).exists():
            continue  # an admin already keeps this standard
        standard = Standard.objects.create(award=awards[code], subject=subject, description=description,
                                           legal_basis=basis, certainty=certainty, valid_from=FROM_2024)
        Condition.objects.bulk_create(Condition(standard=standard, position=i, **fields)
                                      for i, fields in enumerate(conditions))


def remove_standards(apps, schema_editor):
    Standard = apps.get_model("awards", "Standard")
    for code, subject, basis, _certainty, _description, _conditions in STANDARDS:
        Standard.objects.filter(award__code=code, subject=subject, legal_basis=basis, valid_from=FROM_2024).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0022_catalogue_search_keys")]
    operations = [migrations.RunPython(add_standards, remove_standards)]
