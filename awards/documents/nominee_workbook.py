"""A nominee list as a spreadsheet: the empty template, an export in its columns, a file handed back marked.

Lower units send their lists as Excel files so clerks never retype them. The export uses the
template's columns, so an exported file can be edited and loaded back (awards.services.nominee_imports).
A file that cannot be loaded comes back as the same workbook with its faults marked: bad cells
filled, a reason at the end of each bad row, the guide and drop-downs as in the template. All
three are written in openpyxl's write-only mode, row by row, so memory does not grow with the file.
"""

from collections import defaultdict
from io import BytesIO

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill

from units.models import Unit
from units.printable import sheet_cell, sheet_row
from units.scoping import path_range_q
from units.sheet_rows import PlainRows

from awards.documents.sheets import bold_cell, data_sheet
from awards.models import AwardType

SHEET, GUIDE_SHEET, LISTS_SHEET = "Danh sách đề nghị", "Hướng dẫn", "Danh mục"
COLUMNS = [
    ("Số CCCD", 16), ("Họ và tên", 26), ("Ngày sinh (dd/mm/yyyy)", 14), ("Mã đơn vị (tập thể)", 16),
    ("Hộ gia đình", 30), ("Mã hình thức", 16), ("Hạng", 8), ("Tóm tắt thành tích", 60),
]
CCCD, NAME, BORN, CODE, HOUSEHOLD, AWARD, CLASS, SUMMARY = range(1, len(COLUMNS) + 1)
REASON = ("Lý do lỗi", 60)
# Text so Excel keeps leading zeros of CCCDs and unit codes and leaves dd/mm/yyyy alone.
TEXT_COLUMNS = {CCCD, BORN, CODE}
GUIDE = [
    "HƯỚNG DẪN LẬP DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
    "",
    "1. Mỗi dòng của trang “Danh sách đề nghị” là một đề nghị: một đối tượng và một hình thức khen thưởng.",
    "2. Mỗi dòng ghi đúng một đối tượng:",
    "   • Cá nhân: ghi Số CCCD (12 chữ số, giữ nguyên số 0 ở đầu); không có CCCD thì ghi Họ và tên và Ngày sinh.",
    "   • Tập thể: để trống Số CCCD, ghi Mã đơn vị. Hộ gia đình: để trống cả hai, ghi tên chủ hộ và địa chỉ.",
    "3. Mã hình thức, Hạng: chọn trong danh sách; Hạng chỉ ghi với hình thức có hạng.",
    "4. Cột Số CCCD, Ngày sinh, Mã đơn vị đã định dạng văn bản: khi dán dữ liệu, chọn “Dán giá trị”.",
    "5. Chỉ đề nghị được cá nhân, tập thể thuộc đơn vị lập danh sách. Không gộp (merge) ô trong trang dữ liệu.",
    "6. Toàn bộ tệp được kiểm tra trước: có một dòng lỗi thì không dòng nào được ghi; lỗi ghi rõ dòng và lý do.",
    "   Tệp có lỗi được trả lại: ô lỗi tô màu, lý do ghi ở cột “Lý do lỗi”; sửa xong thì nhập lại cả tệp.",
    "7. Nhập lại cùng một tệp không tạo trùng: dòng đã có trong danh sách được báo “đã có”.",
    "8. Tệp xuất từ danh sách có cùng các cột, có thể sửa rồi nhập lại.",
]
BAD_FILL = PatternFill("solid", fgColor="FFC7CE")
BAD_FONT = Font(color="9C0006")
REASON_ALIGNMENT = Alignment(wrap_text=True, vertical="top")


def subtree_units(nomination_list):
    return Unit.objects.in_force().filter(path_range_q(nomination_list.unit.path, "path")).order_by("path")


def write_workbook(nomination_list, rows, target, *, columns=COLUMNS):
    """The template of ``nomination_list`` with ``rows`` under its header, saved to ``target``.

    A row is a list of values, or a callable given the sheet that returns its cells (styled
    cells of a write-only sheet must be made for that sheet).
    """
    awards = list(AwardType.objects.order_by("position", "code"))
    classes = list(dict.fromkeys(c for a in awards for c in a.class_list))
    units = [u for u in subtree_units(nomination_list) if u.code]
    lists = {  # column of the hidden sheet: (title, values)
        "A": ("Mã hình thức", [a.code for a in awards]), "B": ("Tên hình thức", [a.name for a in awards]),
        "C": ("Các hạng", [a.classes for a in awards]), "E": ("Hạng", classes),
        "G": ("Mã đơn vị", [u.code for u in units]), "H": ("Tên đơn vị", [u.name for u in units]),
    }

    def ref(column):
        count = len(lists[column][1])
        return f"'{LISTS_SHEET}'!${column}$2:${column}${count + 1}" if count else None

    book = Workbook(write_only=True)
    data_sheet(book, SHEET, columns, TEXT_COLUMNS, [
        (CODE, ref("G"), "Mã đơn vị", "warning"), (AWARD, ref("A"), "Mã hình thức", "stop"),
        (CLASS, ref("E"), "Hạng", "stop")])
    sheet = book[SHEET]
    plain = PlainRows(sheet)
    for row in rows:
        if callable(row):
            sheet.append(sheet_row(sheet, row(sheet)))
        else:
            plain.append(row)
    guide = book.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width = 120
    guide.append([bold_cell(guide, f"{GUIDE[0]}: {nomination_list.title} — {nomination_list.unit.name}")])
    for line in GUIDE[1:]:
        guide.append([line])
    hidden = book.create_sheet(LISTS_SHEET)
    hidden.sheet_state = "hidden"
    hidden.append([lists[c][0] if c in lists else None for c in "ABCDEFGH"])
    for index in range(max(len(values) for _title, values in lists.values())):
        hidden.append(sheet_row(hidden, [lists[c][1][index] if c in lists and index < len(lists[c][1]) else None
                                         for c in "ABCDEFGH"]))
    book.save(target)


def _bytes(nomination_list, rows):
    out = BytesIO()
    write_workbook(nomination_list, rows, out)
    return out.getvalue()


def build_nominee_template(nomination_list) -> bytes:
    """The empty template for ``nomination_list``: drop-downs of award codes, classes and its units' codes."""
    return _bytes(nomination_list, [])


def export_nominee_list(nomination_list) -> bytes:
    """The list's current lines in the template's columns, ready to be edited and imported back."""
    return _bytes(nomination_list, _template_rows(nomination_list))


def _template_rows(nomination_list):
    # Plain values from one joined query, not three model instances a line (most of the time of a
    # 100,000-line export); award codes from a dict, each birth date written once.
    codes = dict(AwardType.objects.values_list("pk", "code"))
    dates = {}
    lines = nomination_list.lines.order_by("pk").values_list(
        "person_id", "person__cccd", "person__full_name", "person__date_of_birth", "collective__code", "household",
        "award_id", "award_class", "summary")
    for person, cccd, full_name, born, collective, household, award, award_class, summary in lines.iterator(
            chunk_size=2_000):
        # Someone without a CCCD is found again by name and birth date, so both go out as text.
        if born is not None:
            text = dates.get(born)
            if text is None:
                text = dates[born] = f"{born:%d/%m/%Y}"
            born = text
        yield [cccd if person else None, full_name if person else None, born, collective, household or None,
               codes[award], award_class or None, summary or None]


def write_annotated_workbook(nomination_list, data: bytes, errors, target, *, last_row=0) -> None:
    """The uploaded workbook ``data`` again, its faults marked, saved to ``target``.

    ``errors`` are (row, message, columns) triples of the import, ``last_row`` the number of the
    last row it read. The data sheet is rebuilt from the cell values (row numbers kept, so
    "dòng 7" is still row 7): blamed cells filled, every reason of a row in a last column. The
    upload is streamed a second time rather than kept from the first reading, and the copy is
    written row by row, so memory stays flat however long the file. Merged cells come back
    unmerged, their value in the first row and the whole range marked.
    """
    faults = defaultdict(lambda: ([], set()))
    for row, message, columns in errors:
        if row:
            faults[row][0].append(message)
            faults[row][1].update(columns)
    last = max(max(faults, default=1), last_row)
    width = len(COLUMNS)
    book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    try:
        source = book[SHEET]
        source.reset_dimensions()
        rows = source.iter_rows(min_row=2, max_row=last, max_col=width, values_only=True)

        def marked(number, values):
            messages, columns = faults[number]

            def cells(sheet):
                out = []
                for column, value in enumerate(values, start=1):
                    cell = sheet_cell(sheet, value)
                    if column in columns:
                        cell.fill, cell.font = BAD_FILL, BAD_FONT
                    out.append(cell)
                reason = sheet_cell(sheet, "\n".join(messages))
                reason.font, reason.alignment = BAD_FONT, REASON_ALIGNMENT
                return out + [reason]
            return cells

        def annotated():
            # Values kept as typed (a CCCD typed as a number stays a number, so the mark shows what
            # was read); text is cleaned as in every export, by write_workbook's rows.
            for number, values in enumerate(rows, start=2):
                values = tuple(values) + (None,) * (width - len(values))
                yield marked(number, values) if number in faults else list(values)

        write_workbook(nomination_list, annotated(), target, columns=COLUMNS + [REASON])
    finally:
        book.close()


def nominee_rows(nomination_list):
    """The rows of ``export_nominee_list``, one list of values a line, read from one server-side cursor."""
    return _template_rows(nomination_list)
