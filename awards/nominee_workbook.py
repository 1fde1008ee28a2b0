"""A nominee list as a spreadsheet: an empty template, an export of the current lines, an import.

Lower units send their lists as Excel files so clerks never retype them. The export uses the
template's columns, so an exported file can be edited and loaded back. Importing checks every
row before writing anything, then adds the lines through ``nominations.add_line`` (the one code
that writes nominations) in a single transaction: if the service refuses one row (say, a
subject another commune proposed first), nothing of the file is kept and that row is named.
Rows identical to a line already on the list are counted as "đã có", so loading twice is safe.
"""

import unicodedata
from dataclasses import dataclass, field
from io import BytesIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import Workbook, load_workbook

from units.models import Person, Unit
from units.scoping import has_role, path_range_q
from units.text import fold

from . import nominations
from .history_import import BadCell, read_award_class, read_cccd, read_date, read_template_rows, read_text
from .history_template import _bold, _data_sheet
from .models import AwardType, NominationList
from .models.nominations import ONE_SUBJECT

SHEET, GUIDE_SHEET, LISTS_SHEET = "Danh sách đề nghị", "Hướng dẫn", "Danh mục"
COLUMNS = [
    ("Số CCCD", 16), ("Họ và tên", 26), ("Ngày sinh (dd/mm/yyyy)", 14), ("Mã đơn vị (tập thể)", 16),
    ("Hộ gia đình", 30), ("Mã hình thức", 16), ("Hạng", 8), ("Tóm tắt thành tích", 60),
]
# Text so Excel keeps leading zeros of CCCDs and unit codes and leaves dd/mm/yyyy alone.
TEXT_COLUMNS = {1, 3, 4}
MAX_ROWS = 5_000
GUIDE = [
    "HƯỚNG DẪN LẬP DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
    "",
    "1. Mỗi dòng của trang “Danh sách đề nghị” là một đề nghị: một đối tượng và một hình thức khen thưởng.",
    "2. Mỗi dòng ghi đúng một đối tượng:",
    "   • Cá nhân: ghi Số CCCD (12 chữ số, giữ nguyên số 0 ở đầu); không có CCCD thì ghi Họ và tên và Ngày sinh.",
    "   • Tập thể: để trống Số CCCD, ghi Mã đơn vị. Hộ gia đình: để trống cả hai, ghi tên chủ hộ và địa chỉ.",
    "3. Mã hình thức, Hạng: chọn trong danh sách; Hạng chỉ ghi với hình thức có hạng.",
    "4. Cột Số CCCD, Ngày sinh, Mã đơn vị đã định dạng văn bản: khi dán dữ liệu, chọn “Dán giá trị”.",
    "5. Chỉ đề nghị được cá nhân, tập thể thuộc đơn vị lập danh sách.",
    "6. Toàn bộ tệp được kiểm tra trước: có một dòng lỗi thì không dòng nào được ghi; lỗi ghi rõ dòng và lý do.",
    "7. Nhập lại cùng một tệp không tạo trùng: dòng đã có trong danh sách được báo “đã có”.",
    "8. Tệp xuất từ danh sách có cùng các cột, có thể sửa rồi nhập lại.",
]


# --- Writing -------------------------------------------------------------------------------------

def _subtree_units(nomination_list):
    return Unit.objects.in_force().filter(path_range_q(nomination_list.unit.path, "path")).order_by("path")


def _workbook(nomination_list, rows) -> bytes:
    awards = list(AwardType.objects.order_by("position", "code"))
    classes = list(dict.fromkeys(c for a in awards for c in a.class_list))
    units = [u for u in _subtree_units(nomination_list) if u.code]
    lists = {  # column of the hidden sheet: (title, values)
        "A": ("Mã hình thức", [a.code for a in awards]), "B": ("Tên hình thức", [a.name for a in awards]),
        "C": ("Các hạng", [a.classes for a in awards]), "E": ("Hạng", classes),
        "G": ("Mã đơn vị", [u.code for u in units]), "H": ("Tên đơn vị", [u.name for u in units]),
    }

    def ref(column):
        count = len(lists[column][1])
        return f"'{LISTS_SHEET}'!${column}$2:${column}${count + 1}" if count else None

    book = Workbook(write_only=True)
    _data_sheet(book, SHEET, COLUMNS, TEXT_COLUMNS, [
        (4, ref("G"), "Mã đơn vị", "warning"), (6, ref("A"), "Mã hình thức", "stop"), (7, ref("E"), "Hạng", "stop")])
    sheet = book[SHEET]
    for row in rows:
        sheet.append(row)
    guide = book.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width = 120
    guide.append([_bold(guide, f"{GUIDE[0]}: {nomination_list.title} — {nomination_list.unit.name}")])
    for line in GUIDE[1:]:
        guide.append([line])
    hidden = book.create_sheet(LISTS_SHEET)
    hidden.sheet_state = "hidden"
    hidden.append([lists[c][0] if c in lists else None for c in "ABCDEFGH"])
    for index in range(max(len(values) for _title, values in lists.values())):
        hidden.append([lists[c][1][index] if c in lists and index < len(lists[c][1]) else None for c in "ABCDEFGH"])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def build_nominee_template(nomination_list) -> bytes:
    """The empty template for ``nomination_list``: drop-downs of award codes, classes and its units' codes."""
    return _workbook(nomination_list, [])


def export_nominee_list(nomination_list) -> bytes:
    """The list's current lines in the template's columns, ready to be edited and imported back."""
    rows = []
    for line in nomination_list.lines.select_related("person", "collective", "award").order_by("pk"):
        person = line.person
        # Someone without a CCCD is found again by name and birth date, so both go out as text.
        born = f"{person.date_of_birth:%d/%m/%Y}" if person and person.date_of_birth else None
        rows.append([person.cccd if person else None, person.full_name if person else None, born,
                     line.collective.code if line.collective else None, line.household or None,
                     line.award.code, line.award_class or None, line.summary or None])
    return _workbook(nomination_list, rows)


# --- Reading -------------------------------------------------------------------------------------

@dataclass
class NomineeImportResult:
    created: int = 0
    present: int = 0
    errors: list = field(default_factory=list)  # (row number, message); row 0 = the whole file

    @property
    def ok(self):
        return not self.errors


@dataclass
class _Row:
    number: int
    person: Person | None
    collective: Unit | None
    household: str
    award: AwardType
    award_class: str
    summary: str

    @property
    def key(self):
        return (self.person.pk if self.person else None, self.collective.pk if self.collective else None,
                self.household, self.award.pk, self.award_class, self.summary)


def _summary(value) -> str:
    # Not read_text: that collapses whitespace, and a summary keeps its line breaks.
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").strip()


def _read(data, result):
    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a file that is not a workbook
        result.errors.append((0, "Tệp không phải bảng tính Excel (.xlsx) hợp lệ."))
        return []
    try:
        if SHEET not in book.sheetnames:
            result.errors.append((0, f"Tệp không có trang “{SHEET}” (hãy dùng đúng tệp mẫu)."))
            return []
        return read_template_rows(book, SHEET, COLUMNS, lambda row, message: result.errors.append((row, message)),
                                  max_rows=MAX_ROWS)
    finally:
        book.close()


class _Lookup:
    """People and units of the list unit's subtree only: anyone else is "not found"."""

    def __init__(self, nomination_list):
        self.unit = nomination_list.unit
        self.people = Person.objects.filter(path_range_q(self.unit.path, "unit__path"))
        self.units = _subtree_units(nomination_list)
        self.awards = {a.code.upper(): a for a in AwardType.objects.all()}

    def person(self, cccd, name, born):
        if cccd:
            person = self.people.filter(cccd=cccd).first()
            if person is None:
                raise BadCell(f"Không có cá nhân có số CCCD {cccd} trong đơn vị {self.unit.name}.")
            if name and fold(name) != person.search_key:  # a mistyped CCCD must not land on someone else
                raise BadCell(f"Số CCCD {cccd} là của “{person.full_name}”, không khớp họ tên “{name}”.")
            return person
        found = list(self.people.filter(search_key=fold(name), date_of_birth=born)[:2])
        if not found:
            raise BadCell(f"Không có cá nhân “{name}” sinh ngày {born:%d/%m/%Y} trong đơn vị {self.unit.name}.")
        if len(found) > 1:
            raise BadCell(f"Có nhiều cá nhân “{name}” sinh ngày {born:%d/%m/%Y}; hãy ghi Số CCCD.")
        return found[0]

    def collective(self, code):
        found = list(self.units.filter(code=code)[:2])
        if not found:
            raise BadCell(f"Không có đơn vị mã “{code}” trong {self.unit.name}.")
        if len(found) > 1:
            raise BadCell(f"Mã đơn vị “{code}” ứng với nhiều đơn vị; hãy báo quản trị hệ thống.")
        return found[0]


def _check_row(number, values, lookup):
    """The row as a _Row; raises BadCell with the first reason it cannot be proposed."""
    cccd_cell, name, born, code, household, award_code, award_class, summary = values
    cccd = read_cccd(cccd_cell) if read_text(cccd_cell) else ""
    name, code, household = read_text(name), read_text(code), read_text(household)
    as_person = bool(cccd) or bool(name and read_text(born))
    if sum([as_person, bool(code), bool(household)]) != 1:
        raise BadCell(ONE_SUBJECT + " (cá nhân: Số CCCD hoặc họ tên và ngày sinh; tập thể: Mã đơn vị.)")
    award = lookup.awards.get(read_text(award_code).upper())
    if award is None:
        raise BadCell(f"Không có hình thức khen thưởng mã “{read_text(award_code)}”." if read_text(award_code)
                  else "Thiếu mã hình thức.")
    award_class = read_award_class(award, read_text(award_class))
    person = lookup.person(cccd, name, read_date(born, "Ngày sinh") if not cccd else None) if as_person else None
    collective = lookup.collective(code) if code else None
    if len(household) > 255:
        raise BadCell("Tên hộ gia đình dài quá 255 ký tự.")
    for present, allowed, label in ((person, award.for_individuals, "cá nhân"),
                                    (collective, award.for_collectives, "tập thể"),
                                    (household, award.for_households, "hộ gia đình")):
        if present and not allowed:  # the service's own rule, checked here to report every row at once
            raise BadCell(f"{award.name} không dành cho {label}.")
    return _Row(number, person, collective, household, award, award_class, _summary(summary))


def import_nominee_rows(nomination_list, data: bytes, *, actor) -> NomineeImportResult:
    """Add the file's rows to a draft list: all of them, or (on any error) none."""
    if not has_role(actor, nomination_list.unit, nominations.EDITING_ROLES):
        raise PermissionDenied("Bạn không có quyền sửa danh sách đề nghị của đơn vị này.")
    result = NomineeImportResult()
    if not nomination_list.is_editable:
        result.errors.append((0, f"Danh sách đã ở trạng thái “{nomination_list.get_status_display()}”, "
                                 "không thể sửa."))
        return result
    raw = _read(data, result)
    if not (raw or result.errors):
        result.errors.append((0, "Tệp chưa có dòng dữ liệu nào."))
    lookup, rows, seen = _Lookup(nomination_list), [], {}
    for number, values in raw:
        try:
            row = _check_row(number, values, lookup)
        except BadCell as bad:
            result.errors.append((number, str(bad)))
            continue
        if row.key in seen:
            result.errors.append((number, f"Trùng với dòng {seen[row.key]} của tệp."))
            continue
        seen[row.key] = number
        rows.append(row)
    if result.errors:
        return result
    try:
        with transaction.atomic():
            # Lock the list first, so "already on the list" is judged against what add_line will see.
            locked = NominationList.objects.select_for_update(of=("self",)).get(pk=nomination_list.pk)
            existing = {(l.person_id, l.collective_id, l.household, l.award_id, l.award_class, l.summary.strip())
                        for l in locked.lines.all()}
            created = present = 0
            for row in rows:
                if row.key in existing:
                    present += 1
                    continue
                try:
                    nominations.add_line(locked, actor=actor, person=row.person, collective=row.collective,
                                         household=row.household, award=row.award, award_class=row.award_class,
                                         summary=row.summary)
                except ValidationError as error:
                    result.errors.append((row.number, " ".join(error.messages)))
                    raise _RollBack from None
                created += 1
    except _RollBack:
        return result
    result.created, result.present = created, present
    return result


class _RollBack(Exception):
    """Leaves the import's transaction so every line added before the refused row is undone."""
