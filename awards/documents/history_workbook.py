"""The Excel template for past award decisions and yearly ratings: headers, lists, instructions.

Objects in, bytes out. Reading a filled template back is ``awards.services.history_imports``.
"""

from io import BytesIO

from openpyxl import Workbook

from units.printable import sheet_row

from awards.documents.sheets import bold_cell, data_sheet
from awards.models import DisciplinePeriod, Initiative, TaskRating

AWARDS_SHEET, RATINGS_SHEET, GUIDE_SHEET, LISTS_SHEET = "Khen thưởng", "Xếp loại", "Hướng dẫn", "Danh mục"
INITIATIVES_SHEET, DISCIPLINE_SHEET = "Sáng kiến", "Kỷ luật"
AWARD_COLUMNS = [
    ("Số CCCD", 16), ("Họ và tên", 26), ("Ngày sinh (dd/mm/yyyy)", 14),
    ("Mã đơn vị (tập thể — để trống Số CCCD)", 18), ("Hộ gia đình", 26), ("Mã hình thức", 16), ("Hạng", 8),
    ("Năm thành tích", 10), ("Giai đoạn", 12), ("Số quyết định", 18), ("Ngày quyết định", 14),
    ("Cơ quan quyết định", 34),
]
RATING_COLUMNS = [("Số CCCD", 16), ("Họ và tên", 26), ("Mã đơn vị", 14), ("Năm", 8), ("Xếp loại", 34)]
# Typed as text so Excel keeps leading zeros (CCCD, unit codes like 08053) and does not turn
# 05/03/2024 into the 3rd of May under an English locale; real date cells are accepted too.
AWARD_TEXT_COLUMNS = {1, 3, 4, 10, 11}
RATING_TEXT_COLUMNS = {1, 3}
INITIATIVE_COLUMNS = [("Số CCCD", 16), ("Họ và tên", 26), ("Tên sáng kiến", 40), ("Năm công nhận", 10),
                      ("Phạm vi ảnh hưởng", 22), ("Cơ quan công nhận", 30), ("Số quyết định", 18),
                      ("Ngày quyết định", 14)]
INITIATIVE_TEXT_COLUMNS = {1, 7, 8}
DISCIPLINE_COLUMNS = [("Số CCCD", 16), ("Họ và tên", 26), ("Hình thức kỷ luật", 18), ("Từ ngày", 14),
                      ("Đến ngày", 14), ("Quyết định", 34)]
DISCIPLINE_TEXT_COLUMNS = {1, 4, 5, 6}
GUIDE = [
    "HƯỚNG DẪN NHẬP LỊCH SỬ KHEN THƯỞNG, XẾP LOẠI, SÁNG KIẾN VÀ KỶ LUẬT",
    "",
    "1. Trang “Khen thưởng”: mỗi dòng là một khen thưởng của một đối tượng theo một quyết định.",
    "   • Cá nhân: ghi Số CCCD (12 chữ số, giữ nguyên số 0 ở đầu); không có CCCD thì ghi Họ và tên và Ngày sinh.",
    "   • Tập thể: để trống Số CCCD, ghi Mã đơn vị. Hộ gia đình: để trống cả hai, ghi tên chủ hộ và địa chỉ.",
    "   • Mã hình thức, Hạng: chọn trong danh sách; Hạng chỉ ghi với hình thức có hạng (Nhất, Nhì, Ba).",
    "   • Năm thành tích: năm được khen (năm cuối nếu khen theo giai đoạn); Giai đoạn: ví dụ 2021–2023.",
    "   • Ngày sinh, Ngày quyết định: ghi theo dạng dd/mm/yyyy, ví dụ 15/01/2024.",
    "   • Số quyết định, Ngày quyết định, Cơ quan quyết định: ghi đúng như trên quyết định.",
    "2. Trang “Xếp loại”: mỗi dòng là xếp loại một năm của một cá nhân (ghi Số CCCD) hoặc một tập thể (ghi Mã đơn vị).",
    "   Tệp tải từ trang xếp loại của đơn vị đã ghi sẵn từng người: chọn Xếp loại; dòng để trống Xếp loại được bỏ qua.",
    "3. Trang “Sáng kiến”: mỗi dòng là một sáng kiến của một cá nhân (ghi Số CCCD); sáng kiến của nhiều tác giả ghi",
    "   mỗi tác giả một dòng, cùng tên, năm và số quyết định. Trang “Kỷ luật”: mỗi dòng là một thời hạn kỷ luật;",
    "   để trống “Đến ngày” khi chưa hết hiệu lực. Nhập lại cùng tệp không tạo trùng.",
    "4. Cột Số CCCD và Mã đơn vị đã định dạng văn bản: khi dán dữ liệu, chọn “Dán giá trị” để không mất số 0 ở đầu.",
    "5. Toàn bộ tệp được kiểm tra trước: có một dòng lỗi thì không dòng nào được ghi; lỗi ghi rõ trang, dòng, lý do.",
    "6. Nhập lại cùng một tệp không tạo trùng: dòng đã có được báo “đã có”; xếp loại khác với xếp loại đã có của",
    "   cùng năm là lỗi, không ghi đè.",
    "7. Chỉ nhập được cá nhân, tập thể thuộc đơn vị mình quản lý.",
]


LIST_COLUMNS = "ABCDEFGHIJKLM"


def ratings_to_fill(people, year, stored):
    """Rows of the "Xếp loại" sheet for ``people`` (with a CCCD) in ``year``: the stored rating, or blank to fill."""
    labels = dict(TaskRating.Rating.choices)
    for person in people:
        yield [person.cccd, person.full_name, "", str(year), labels.get(stored.get(person.pk), "")]


def build_history_template(*, awards, units, rating_rows=()) -> bytes:
    """The template, with drop-downs fed from a hidden sheet of the catalogue and unit codes.

    ``rating_rows``: rows to fill the "Xếp loại" sheet with (``ratings_to_fill``); loading the file back
    adds the ratings typed into it and counts those already stored.
    """
    awards = list(awards)
    classes = list(dict.fromkeys(c for a in awards for c in a.class_list))
    ratings = [label for _value, label in TaskRating.Rating.choices]
    names_by_code = {}
    for unit in units:
        if unit.code:
            names_by_code.setdefault(unit.code, []).append(unit.name)
    codes = sorted(names_by_code)
    lists = {  # column of "Danh mục": (title, values)
        "A": ("Mã hình thức", [a.code for a in awards]), "B": ("Tên hình thức", [a.name for a in awards]),
        "C": ("Các hạng", [a.classes for a in awards]), "E": ("Hạng", classes), "G": ("Xếp loại", ratings),
        "I": ("Mã đơn vị", codes), "J": ("Tên đơn vị", [" / ".join(dict.fromkeys(names_by_code[c])) for c in codes]),
        "L": ("Phạm vi ảnh hưởng", [label for _value, label in Initiative.Scope.choices]),
        "M": ("Hình thức kỷ luật", [label for _value, label in DisciplinePeriod.Form.choices]),
    }

    def ref(column):
        count = len(lists[column][1])
        return f"'{LISTS_SHEET}'!${column}$2:${column}${count + 1}" if count else None

    book = Workbook(write_only=True)
    data_sheet(book, AWARDS_SHEET, AWARD_COLUMNS, AWARD_TEXT_COLUMNS, [
        (4, ref("I"), "Mã đơn vị", "warning"), (6, ref("A"), "Mã hình thức", "stop"), (7, ref("E"), "Hạng", "stop")])
    ratings_sheet = data_sheet(book, RATINGS_SHEET, RATING_COLUMNS, RATING_TEXT_COLUMNS, [
        (3, ref("I"), "Mã đơn vị", "warning"), (5, ref("G"), "Xếp loại", "stop")])
    for row in rating_rows:
        ratings_sheet.append(sheet_row(ratings_sheet, row))
    data_sheet(book, INITIATIVES_SHEET, INITIATIVE_COLUMNS, INITIATIVE_TEXT_COLUMNS,
               [(5, ref("L"), "Phạm vi ảnh hưởng", "stop")])
    data_sheet(book, DISCIPLINE_SHEET, DISCIPLINE_COLUMNS, DISCIPLINE_TEXT_COLUMNS,
               [(3, ref("M"), "Hình thức kỷ luật", "stop")])
    guide = book.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width = 120
    for number, line in enumerate(GUIDE):
        guide.append([bold_cell(guide, line) if number == 0 else line])
    hidden = book.create_sheet(LISTS_SHEET)
    hidden.sheet_state = "hidden"
    hidden.append([lists[c][0] if c in lists else None for c in LIST_COLUMNS])
    for index in range(max(len(values) for _title, values in lists.values())):
        hidden.append(sheet_row(hidden, [lists[c][1][index] if c in lists and index < len(lists[c][1]) else None
                                         for c in LIST_COLUMNS]))
    out = BytesIO()
    book.save(out)
    return out.getvalue()
