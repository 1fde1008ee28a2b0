"""The statutory forms' periods of force, and the forms of Thông tư 02/2023/TT-BNV.

What was found (V: read in the text itself; K: a secondary source; U: not established):

- Thông tư 03/2018/TT-BNV ngày 06/3/2018 took effect on 23/4/2018 (K: lawnet.vn, "Promulgation of the List of
  Forms for Statistical Reporting in the Home Affairs Sector").
- It was followed by Thông tư 02/2023/TT-BNV ngày 23/3/2023, "Quy định chế độ báo cáo thống kê ngành Nội vụ",
  in force from 10/5/2023 (K: sonv.hungyen.gov.vn, dulieuphapluat.vn, lawnet.vn, luatvietnam.vn). That it
  replaced 03/2018 is K (same subject, same ministry; its clause on replacement was not read). Its emulation and
  commendation forms are 0601–0605.N/BNV-TĐKT, received on 15 December, the period running 01/12 of the year
  before to 30/11 (K: the report templates of a vendor's emulation software, github.com/lifephongphanmem/
  thiduakhenthuong, resources/views/BaoCao/TT022023/Mau0601–0603 and its report menu; sonv.hungyen.gov.vn for the
  period). The same software's 03/2018 templates (BaoCao/TongHop/Mau0701TT03–0703TT03) show layouts unlike the
  portal's own seeded in 0035, which therefore stay U. 0604 and 0605 count the bodies and the civil servants doing emulation work: not award records.
- Thông tư 18/2025/TT-BNV ngày 08/10/2025, same title (K: luatvietnam.vn). Its date of effect and its forms were
  not found (U): no form of it is added, and the 2023 forms stay open-ended until they are.
"""

import datetime
import importlib

from django.db import migrations

T2018 = "Thông tư 03/2018/TT-BNV ngày 06/3/2018"
T2023 = "Thông tư 02/2023/TT-BNV ngày 23/3/2023"
FROM_2018 = datetime.date(2018, 4, 23)
FROM_2023 = datetime.date(2023, 5, 10)
RECEIVER = "Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)"

NOTE_2018 = (
    "Thông tư 03/2018/TT-BNV có hiệu lực từ 23/4/2018 (lawnet.vn; K). Từ 10/5/2023 chế độ báo cáo thống kê ngành "
    "Nội vụ theo Thông tư 02/2023/TT-BNV (sonv.hungyen.gov.vn, dulieuphapluat.vn, lawnet.vn; K), nên biểu này dùng "
    "cho các kỳ báo cáo trước đó. Số biểu và tên biểu: K (phần mềm thi đua, khen thưởng đang in các biểu này). "
    "Các dòng, cột dưới đây do cổng lập, chưa phải bố cục chính thức (U): theo phần mềm nói trên, biểu 0702, 0703 "
    "chia dòng theo đơn vị trình, đối tượng (tập thể, trong đó doanh nghiệp; hộ gia đình; cá nhân theo chức vụ) "
    "và phương thức khen thưởng (thường xuyên, chuyên đề, đột xuất, đối ngoại, cống hiến, niên hạn, kháng chiến); "
    "biểu 0703 có các cột Bằng khen, Chiến sĩ thi đua cấp bộ, cấp tỉnh, Cờ thi đua, Huy hiệu (kỷ niệm chương)."
)
TITLES_2018 = {
    "0701.N/BNV-TĐKT": "Số phong trào thi đua",
    "0702.N/BNV-TĐKT": "Số lượng khen thưởng cấp Nhà nước",
    "0703.N/BNV-TĐKT": ("Số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể Trung ương và tỉnh, thành phố trực thuộc "
                        "Trung ương"),
}
OLD_TITLE_0703 = "Số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể trung ương, tỉnh"

SOURCE_2023 = (
    "Thông tư 02/2023/TT-BNV ngày 23/3/2023 của Bộ Nội vụ quy định chế độ báo cáo thống kê ngành Nội vụ, hiệu lực "
    "từ 10/5/2023 (sonv.hungyen.gov.vn, dulieuphapluat.vn, lawnet.vn; K). Số biểu, tên biểu, mã số dòng và cột theo "
    "phần mềm thi đua, khen thưởng đang in biểu này (K), chưa đối chiếu Phụ lục II của thông tư. Kỳ báo cáo lĩnh vực "
    "thi đua, khen thưởng: từ 01/12 năm trước đến 30/11 năm báo cáo (K); cổng đếm theo năm của thành tích. "
    "Thông tư 18/2025/TT-BNV ngày 08/10/2025 quy định lại chế độ này; ngày hiệu lực và biểu mẫu của nó chưa tìm được. "
)
# The rows and columns of each form that the portal cannot count from its records are named in the note: the
# figures go in by hand, at the codes given.
FORMS_2023 = (
    ("0601.N/BNV-TĐKT", "Số phong trào thi đua", 1,
     "Cổng chưa đếm: các cột 2–4 (cấp chủ trì phát động: Trung ương; bộ, ban, ngành, đoàn thể Trung ương, tỉnh; "
     "cơ quan, tổ chức, đơn vị), các dòng 02–05 (phạm vi: toàn quốc; bộ, ngành, địa phương; cụm, khối thi đua; "
     "cơ quan, tổ chức, đơn vị) và 06–10 (thời hạn thi đua).",
     (
         ("1", "Tổng số", "", ""),
     ), (
         ("01", "Tổng số", 0, "from=plans"),
         ("11", "Thi đua theo chuyên đề", 1, "from=plans;kind=thematic"),
         ("12", "Thi đua thường xuyên hằng năm", 1, "from=plans;kind=regular"),
     )),
    ("0602.N/BNV-TĐKT", "Số lượng khen thưởng cấp Nhà nước", 2,
     "Biểu chia mỗi cột theo tập thể, cá nhân; cổng chia theo dòng. Cổng chưa đếm: các dòng 02–03 (đơn vị ban hành "
     "tờ trình Thủ tướng Chính phủ: bộ, ban, ngành, đoàn thể Trung ương; tỉnh, thành phố), 07 (trong đó doanh "
     "nghiệp), 10–14 (cá nhân theo chức vụ, doanh nhân, người trực tiếp lao động) và 21 (kháng chiến).",
     (
         ("1", "Tổng số", "", "level=state,government"),
         ("2", "Các loại huân chương, huy chương", "Chia ra", "group=order,medal"),
         ("3", "Giải thưởng Hồ Chí Minh", "Chia ra", "award=GT_HCM"),
         ("4", "Giải thưởng Nhà nước", "Chia ra", "award=GT_NN"),
         ("5", "Danh hiệu vinh dự nhà nước", "Chia ra", "group=honour"),
         ("6", "Cờ thi đua của Chính phủ", "Chia ra", "award=CO_CP"),
         ("7", "Bằng khen của Thủ tướng Chính phủ", "Chia ra", "award=BK_TTG"),
         ("8", "Chiến sĩ thi đua toàn quốc", "Chia ra", "award=CSTD_TQ"),
         ("9", "Các hình thức khen thưởng khác", "Chia ra",
          "level=state,government;!group=order,medal,honour;!award=GT_HCM,GT_NN,CO_CP,BK_TTG,CSTD_TQ"),
     ), (
         ("01", "Tổng số", 0, ""),
         ("06", "Tập thể", 1, "subject=collective"),
         ("08", "Hộ gia đình", 1, "subject=household"),
         ("09", "Cá nhân", 1, "subject=person"),
         ("15", "Thường xuyên", 1, "kind=regular"),
         ("16", "Chuyên đề", 1, "kind=thematic"),
         ("17", "Đột xuất", 1, "kind=ad_hoc"),
         ("18", "Đối ngoại", 1, "kind=foreign"),
         ("19", "Cống hiến", 1, "kind=long_service"),
         ("20", "Niên hạn", 1, "kind=seniority"),
     )),
    ("0603.N/BNV-TĐKT",
     "Số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể Trung ương và tỉnh, thành phố trực thuộc Trung ương", 3,
     "Biểu không có cột Tập thể lao động xuất sắc. Cổng chưa đếm: các dòng 03 (trong đó doanh nghiệp), 06–10 (cá "
     "nhân theo chức vụ, doanh nhân, người trực tiếp lao động) và 17 (kháng chiến).",
     (
         ("1", "Tổng số", "", "award=BK_BO,BK_TINH,CSTD_BT,CO_BT,KNC"),
         ("2", "Bằng khen", "Chia ra", "award=BK_BO,BK_TINH"),
         ("3", "Chiến sĩ thi đua cấp bộ, cấp tỉnh", "Chia ra", "award=CSTD_BT"),
         ("4", "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
          "Chia ra", "award=CO_BT"),
         ("5", "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc "
          "Trung ương", "Chia ra", "award=KNC"),
     ), (
         ("01", "Tổng số", 0, ""),
         ("02", "Tập thể", 1, "subject=collective"),
         ("04", "Hộ gia đình", 1, "subject=household"),
         ("05", "Cá nhân", 1, "subject=person"),
         ("11", "Thường xuyên", 1, "kind=regular"),
         ("12", "Chuyên đề", 1, "kind=thematic"),
         ("13", "Đột xuất", 1, "kind=ad_hoc"),
         ("14", "Đối ngoại", 1, "kind=foreign"),
         ("15", "Cống hiến", 1, "kind=long_service"),
         ("16", "Niên hạn", 1, "kind=seniority"),
     )),
)


def add_forms(apps, schema_editor):
    Form = apps.get_model("awards", "StatisticalForm")
    Row = apps.get_model("awards", "StatisticalRow")
    Column = apps.get_model("awards", "StatisticalColumn")
    # The 2018 forms hold until the day before the 2023 ones, and come after them in the list.
    for number, title in TITLES_2018.items():
        Form.objects.filter(number=number).update(
            title=title, legal_basis=T2018, valid_from=FROM_2018, valid_to=FROM_2023 - datetime.timedelta(days=1),
            note=NOTE_2018, position=10 + int(number[2:4]))
    for number, title, position, missing, columns, rows in FORMS_2023:
        form = Form.objects.create(
            number=number, title=title, position=position, legal_basis=T2023, certainty="K",
            valid_from=FROM_2023, note=SOURCE_2023 + missing, receiving_unit=RECEIVER, stub_label="Chỉ tiêu")
        Row.objects.bulk_create(Row(form=form, order=i, code=code, label=label, indent=indent, measure=measure)
                                for i, (code, label, indent, measure) in enumerate(rows, 1))
        Column.objects.bulk_create(Column(form=form, order=i, code=code, label=label, group=group, measure=measure)
                                   for i, (code, label, group, measure) in enumerate(columns, 1))


def remove_forms(apps, schema_editor):
    Form = apps.get_model("awards", "StatisticalForm")
    Form.objects.filter(number__in=[f[0] for f in FORMS_2023]).delete()
    old_note = importlib.import_module("awards.migrations.0035_statistical_forms").SOURCES
    for number in TITLES_2018:
        Form.objects.filter(number=number).update(
            legal_basis="Thông tư 03/2018/TT-BNV", valid_from=None, valid_to=None, note=old_note,
            position=int(number[2:4]))
    Form.objects.filter(number="0703.N/BNV-TĐKT").update(title=OLD_TITLE_0703)


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0036_emulation_blocks"),
    ]

    operations = [
        migrations.RunPython(add_forms, remove_forms),
    ]
