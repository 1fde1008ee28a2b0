"""The standards of the individual merit chains, as rows (Luật TĐKT 2022, Điều 21–24, 73, 44).

LĐTT → CSTĐ cơ sở → CSTĐ bộ/tỉnh → CSTĐ toàn quốc, and Bằng khen tỉnh → Bằng khen Thủ tướng
→ Huân chương Lao động hạng Ba. Only the parts a record can show are conditions; the parts
that need human judgement (an achievement "outstanding in a movement", replicability of an
initiative) stay in the description for the council. Admins edit all of it when the law changes.
"""

import datetime

from django.db import migrations

FROM_2024 = datetime.date(2024, 1, 1)

# award code, class, legal basis, certainty, description, [conditions]
# condition: (group, operator, codes, count, step, window, rating, scope, description)
STANDARDS = [
    ("LDTT", "", "Luật TĐKT 2022, Điều 24", "V",
     "Hoàn thành tốt nhiệm vụ trở lên; chấp hành tốt chủ trương, chính sách; tích cực tham gia phong trào thi đua.",
     [(1, "rating", "", 1, 1, 0, "good", "", "Xếp loại hoàn thành tốt nhiệm vụ trở lên trong năm xét"),
      (2, "no_discipline", "", 1, 1, 0, "", "", "Không bị kỷ luật trong năm xét")]),
    ("CSTDCS", "", "Luật TĐKT 2022, Điều 23", "V",
     "Đạt danh hiệu Lao động tiên tiến và hoàn thành xuất sắc nhiệm vụ, hoặc có sáng kiến được công nhận.",
     [(1, "has_award", "LDTT,CSTT", 1, 1, 0, "", "", "Đạt Lao động tiên tiến (Chiến sĩ tiên tiến) trong năm xét"),
      (2, "rating", "", 1, 1, 0, "excellent", "", "Hoàn thành xuất sắc nhiệm vụ trong năm xét"),
      (2, "initiative", "", 1, 1, 0, "", "base", "Có sáng kiến được công nhận trong năm xét"),
      (3, "no_discipline", "", 1, 1, 0, "", "", "Không bị kỷ luật trong năm xét")]),
    ("CSTD_BT", "", "Luật TĐKT 2022, Điều 22", "K",
     "Có 3 lần liên tục đạt Chiến sĩ thi đua cơ sở và sáng kiến có hiệu quả, phạm vi ảnh hưởng cấp bộ, ngành, tỉnh.",
     [(1, "consecutive", "CSTDCS", 3, 1, 0, "", "", "3 năm liên tục đạt Chiến sĩ thi đua cơ sở đến năm xét"),
      (2, "initiative", "", 1, 1, 3, "", "province", "Sáng kiến được công nhận phạm vi bộ, ngành, tỉnh trong 3 năm"),
      (3, "no_discipline", "", 1, 1, 0, "", "", "Không bị kỷ luật trong năm xét")]),
    ("CSTD_TQ", "", "Luật TĐKT 2022, Điều 21", "V",
     "Có 2 lần liên tục đạt Chiến sĩ thi đua bộ, ngành, tỉnh và sáng kiến có phạm vi ảnh hưởng toàn quốc.",
     [(1, "consecutive", "CSTD_BT", 2, 3, 0, "", "",
       "2 lần liên tục đạt Chiến sĩ thi đua bộ, ngành, tỉnh (hai chu kỳ 3 năm nối tiếp)"),
      (2, "initiative", "", 1, 1, 6, "", "national", "Sáng kiến có phạm vi ảnh hưởng toàn quốc trong 6 năm"),
      (3, "no_discipline", "", 1, 1, 0, "", "", "Không bị kỷ luật trong năm xét")]),
    ("BK_TTG", "", "Luật TĐKT 2022, Điều 73 khoản 1", "V",
     "Một trong các trường hợp của Điều 73; cổng xét được trường hợp: đã có Bằng khen cấp bộ, tỉnh, 5 năm liên tục "
     "hoàn thành tốt nhiệm vụ trở lên và có 3 lần Chiến sĩ thi đua cơ sở trong thời gian đó. Các trường hợp thành "
     "tích xuất sắc đột xuất hoặc tiêu biểu trong phong trào do Hội đồng xem xét.",
     [(1, "count_in_window", "BK_TINH,BK_BO", 1, 1, 0, "", "", "Đã được tặng Bằng khen cấp bộ, ban, ngành, tỉnh"),
      (2, "rating", "", 5, 1, 0, "good", "", "5 năm liên tục hoàn thành tốt nhiệm vụ trở lên đến năm xét"),
      (3, "count_in_window", "CSTDCS", 3, 1, 5, "", "", "Có 3 lần Chiến sĩ thi đua cơ sở trong 5 năm"),
      (4, "no_discipline", "", 1, 1, 0, "", "", "Không bị kỷ luật trong năm xét")]),
    ("HC_LAO_DONG", "Ba", "Luật TĐKT 2022, Điều 44", "V",
     "Một trong các trường hợp của Điều 44; cổng xét được trường hợp: đã có Bằng khen của Thủ tướng Chính phủ, "
     "5 năm liên tục hoàn thành tốt nhiệm vụ trở lên, trong đó có ít nhất 1 năm hoàn thành xuất sắc, và có 3 lần "
     "Chiến sĩ thi đua cơ sở trong thời gian đó.",
     [(1, "count_in_window", "BK_TTG", 1, 1, 0, "", "", "Đã được tặng Bằng khen của Thủ tướng Chính phủ"),
      (2, "rating", "", 5, 1, 0, "good", "", "5 năm liên tục hoàn thành tốt nhiệm vụ trở lên đến năm xét"),
      (3, "rating_count", "", 1, 1, 5, "excellent", "", "Ít nhất 1 năm hoàn thành xuất sắc nhiệm vụ trong 5 năm"),
      (4, "count_in_window", "CSTDCS", 3, 1, 5, "", "", "Có 3 lần Chiến sĩ thi đua cơ sở trong 5 năm"),
      (5, "no_discipline", "", 1, 1, 0, "", "", "Không bị kỷ luật trong năm xét")]),
]


def add_standards(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    Standard = apps.get_model("awards", "Standard")
    Condition = apps.get_model("awards", "Condition")
    for code, award_class, basis, certainty, description, conditions in STANDARDS:
        standard = Standard.objects.create(
            award=AwardType.objects.get(code=code), award_class=award_class, subject="individual",
            description=description, legal_basis=basis, certainty=certainty, valid_from=FROM_2024,
        )
        Condition.objects.bulk_create(
            Condition(standard=standard, group=group, position=i, operator=operator, award_codes=codes, count=count,
                      step=step, window=window, rating=rating, scope=scope, description=text)
            for i, (group, operator, codes, count, step, window, rating, scope, text) in enumerate(conditions)
        )


def remove_standards(apps, schema_editor):
    apps.get_model("awards", "Standard").objects.filter(valid_from=FROM_2024).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0004_standards")]
    operations = [migrations.RunPython(add_standards, remove_standards)]
