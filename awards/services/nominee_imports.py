"""Loading a filled nominee workbook into a draft list: every row checked, then all added or none.

Rows are read as a stream and checked a thousand at a time (their CCCDs looked up in one
query), so every bad row is reported at once and memory holds only what will be written.
The lines are then added through ``nominations.add_lines`` — the same rules as adding one
line on the page — in one transaction: if the service refuses any row (say, a subject another
commune proposed first), nothing of the file is kept and every refused row is named. Rows
identical to a line already on the list are counted as "đã có", so loading twice is safe.
"""

from dataclasses import dataclass, field
from io import BytesIO
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from units.models import Person
from units.printable import printable
from units.scoping import has_role, path_range_q
from units.text import fold

from awards.documents.nominee_workbook import (
    AWARD,
    BORN,
    CCCD,
    CLASS,
    CODE,
    COLUMNS,
    HOUSEHOLD,
    NAME,
    SHEET,
    SUMMARY,
    subtree_units,
)
from awards.models import AwardType, NominationLine, NominationList
from awards.models.nominations import ONE_SUBJECT
from awards.services import nominations
from awards.services.history_imports import read_award_class
from awards.services.sheet_cells import (
    BadCell,
    iter_template_rows,
    read_cccd,
    read_date,
    read_long_text,
    read_text,
    refuse_bidi,
)

MAX_ROWS = 100_000
SUMMARY_MAX = NominationLine._meta.get_field("summary").max_length
CHUNK = 1_000
SUBJECT_COLUMNS = (CCCD, NAME, BORN, CODE, HOUSEHOLD)
# What a fault of the whole row (a duplicate, a refusal by the service) marks in the file.
KEY_COLUMNS = (CCCD, NAME, CODE, HOUSEHOLD, AWARD)
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


class RowError(NamedTuple):
    """A reason a file cannot be loaded: its row (0: the whole file) and the template columns to blame."""

    row: int
    message: str
    columns: tuple = ()

    def __str__(self):
        return f"Dòng {self.row}: {self.message}" if self.row else self.message


@dataclass
class NomineeImportResult:
    created: int = 0
    updated: int = 0  # lines already on the list whose class or summary the file corrected
    present: int = 0
    rows: int = 0  # data rows read
    last_row: int = 0  # number of the last of them
    errors: list = field(default_factory=list)  # RowError, sorted by row

    @property
    def ok(self):
        return not self.errors

    @property
    def can_annotate(self):
        """Whether the file can go back marked: its faults are rows, the file itself was readable."""
        return bool(self.errors) and all(error.row for error in self.errors)


@dataclass(slots=True)
class _Row:
    number: int
    person_id: int | None
    collective_id: int | None
    household: str
    award_id: int
    award_class: str
    summary: str

    @property
    def subject(self):
        """Who the row proposes: the unit of what the database allows once per award."""
        if self.person_id:
            return "p", self.person_id
        return ("c", self.collective_id) if self.collective_id else ("h", fold(self.household))

    @property
    def key(self):
        return (self.person_id, self.collective_id, self.household, self.award_id, self.award_class, self.summary)


def vi_count(value) -> str:
    """A count as Vietnamese writes it: 100.000."""
    return f"{value:,}".replace(",", ".")


# --- The sheet's layout ---------------------------------------------------------------------------

def _sheet_xml(book, title):
    # openpyxl 3.1 keeps a read-only sheet's part name and the open archive on these attributes.
    return book._archive.open(book[title]._worksheet_path)


def scan_sheet(book, title, *, stop_after=None):
    """(number of rows, number of the last row, merged ranges) of a sheet, in one streamed pass.

    Read-only openpyxl does not report merged cells, and a normal load holds every cell in
    memory (hundreds of MB for 100,000 rows). The sheet's XML lists merges after the rows, so
    it is parsed as a stream: rows are counted and dropped as they pass, merges collected.
    """
    rows = last = 0
    merges = []
    row_tag, merge_tag = f"{{{SHEET_NS}}}row", f"{{{SHEET_NS}}}mergeCell"
    with _sheet_xml(book, title) as stream:
        parser = etree.iterparse(stream, events=("end",), tag=(row_tag, merge_tag), resolve_entities=False,
                                 no_network=True)
        for _event, element in parser:
            if element.tag == row_tag:
                rows += 1
                last = int(element.get("r") or last + 1)
                if stop_after is not None and rows > stop_after:
                    break
            else:
                merges.append(element.get("ref"))
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    return rows, last, merges


def count_rows(data: bytes, *, stop_after=None) -> int:
    """Rows of the data sheet (header included), counting no further than ``stop_after`` + 1."""
    book = _open(data)
    if book is None or SHEET not in book.sheetnames:
        return 0
    try:
        return scan_sheet(book, SHEET, stop_after=stop_after)[0]
    finally:
        book.close()


def _merged_rows(merges, last_row):
    """Row number -> (message, columns) for every data row a merged range covers."""
    found = {}
    for ref in merges:
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (TypeError, ValueError):
            continue
        if max_row < 2 or min_col > len(COLUMNS):
            continue  # the header, or beyond the template's columns
        columns = tuple(range(min_col, min(max_col, len(COLUMNS)) + 1))
        message = f"Ô {ref} đang gộp (merge): bỏ gộp ô và ghi đủ giá trị ở từng dòng."
        # A merge reaching past the last row written covers nothing more to report.
        for number in range(max(min_row, 2), min(max_row, max(last_row, min_row)) + 1):
            found.setdefault(number, []).append((message, columns))
    return found


# --- Checking rows --------------------------------------------------------------------------------

class _Lookup:
    """People and units of the list unit's subtree only: anyone else is "not found"."""

    def __init__(self, nomination_list):
        self.unit = nomination_list.unit
        self.people = Person.objects.filter(path_range_q(self.unit.path, "unit__path"))
        self.units = subtree_units(nomination_list)
        self.awards = {a.code.upper(): a for a in AwardType.objects.all()}
        self.by_cccd, self.by_name, self.by_code, self.collectives = {}, {}, {}, {}

    def preload(self, cells):
        """People of a chunk's CCCDs in one query rather than one a row (and only theirs kept)."""
        wanted = set()
        for cell in cells:
            try:
                wanted.add(read_cccd(cell))
            except BadCell:
                pass
        self.by_cccd = self._find(wanted)

    def _find(self, cccds):
        found = {cccd: (pk, key, name) for pk, cccd, key, name in
                 self.people.filter(cccd__in=cccds).values_list("pk", "cccd", "search_key", "full_name")}
        return {cccd: found.get(cccd) for cccd in cccds}

    def award(self, cell):
        code = read_text(cell)
        award = self.awards.get(code.upper())
        if award is None:
            raise BadCell(f"Không có hình thức khen thưởng mã “{code}”." if code else "Thiếu mã hình thức.", AWARD)
        return award

    def person(self, cccd, name, born) -> int:
        if cccd:
            if cccd not in self.by_cccd:
                self.by_cccd.update(self._find([cccd]))
            found = self.by_cccd[cccd]
            if found is None:
                raise BadCell(f"Không có cá nhân có số CCCD {cccd} trong đơn vị {self.unit.name}.", CCCD)
            pk, _key, full_name = found
            # A mistyped CCCD must not land on someone else. Names are compared as the exports
            # print them: a stored name holding a control character comes back without it.
            if name and fold(printable(name)) != fold(printable(full_name)):
                raise BadCell(f"Số CCCD {cccd} là của “{full_name}”, không khớp họ tên “{name}”.", (CCCD, NAME))
            return pk
        if (fold(name), born) not in self.by_name:
            self.by_name[fold(name), born] = list(self.people.filter(search_key=fold(name), date_of_birth=born)
                                                  .values_list("pk", flat=True)[:2])
        found = self.by_name[fold(name), born]
        if not found:
            raise BadCell(f"Không có cá nhân “{name}” sinh ngày {born:%d/%m/%Y} trong đơn vị {self.unit.name}.",
                          (NAME, BORN))
        if len(found) > 1:
            raise BadCell(f"Có nhiều cá nhân “{name}” sinh ngày {born:%d/%m/%Y}; hãy ghi Số CCCD.", (NAME, BORN, CCCD))
        return found[0]

    def collective(self, code):
        if code not in self.by_code:
            self.by_code[code] = list(self.units.filter(code=code)[:2])
            self.collectives.update((u.pk, u) for u in self.by_code[code])
        found = self.by_code[code]
        if not found:
            raise BadCell(f"Không có đơn vị mã “{code}” trong {self.unit.name}.", CODE)
        if len(found) > 1:
            raise BadCell(f"Mã đơn vị “{code}” ứng với nhiều đơn vị; hãy báo quản trị hệ thống.", CODE)
        return found[0]


class _Cells:
    """One row being checked: every reason it fails is kept, with the cells it blames."""

    def __init__(self, number):
        self.number, self.errors = number, []

    def fail(self, message, columns):
        self.errors.append(RowError(self.number, message, tuple(columns)))

    def read(self, columns, read, *args):
        try:
            return read(*args)
        except BadCell as bad:
            self.fail(str(bad), bad.columns or ((columns,) if isinstance(columns, int) else columns))
            return None


def _check_row(number, values, lookup):
    """(_Row or None, the row's errors)."""
    cccd_cell, name, born, code, household, award_cell, award_class, summary = values
    cells = _Cells(number)
    cells.read((), refuse_bidi, values, COLUMNS)
    if cells.errors:
        return None, cells.errors  # what a cell shows is not what it holds: nothing else of it can be trusted
    # Not read_text: that collapses whitespace, and a summary keeps its line breaks.
    summary = cells.read(SUMMARY, read_long_text, summary, "Tóm tắt thành tích", SUMMARY_MAX)
    has_cccd = bool(read_text(cccd_cell))
    name, code, household = read_text(name), read_text(code), read_text(household)
    as_person = has_cccd or bool(name and read_text(born))
    award = cells.read(AWARD, lookup.award, award_cell)
    if award is not None:
        award_class = cells.read(CLASS, read_award_class, award, read_text(award_class))
    person = collective = None
    one_subject = sum([as_person, bool(code), bool(household)]) == 1
    if not one_subject:
        cells.fail(ONE_SUBJECT + " (cá nhân: Số CCCD hoặc họ tên và ngày sinh; tập thể: Mã đơn vị.)",
                   SUBJECT_COLUMNS)
    elif as_person:
        cccd = cells.read(CCCD, read_cccd, cccd_cell) if has_cccd else ""
        born = None if has_cccd else cells.read(BORN, read_date, born, "Ngày sinh")
        if cccd or born:
            person = cells.read((CCCD, NAME), lookup.person, cccd, name, born)
    elif code:
        collective = cells.read(CODE, lookup.collective, code)
    elif len(household) > 255:
        cells.fail("Tên hộ gia đình dài quá 255 ký tự.", (HOUSEHOLD,))
    if award is not None and one_subject:
        for present, allowed, label, column in ((as_person, award.for_individuals, "cá nhân", CCCD),
                                                (code, award.for_collectives, "tập thể", CODE),
                                                (household, award.for_households, "hộ gia đình", HOUSEHOLD)):
            if present and not allowed:  # the service's own rule, checked here to report every row at once
                cells.fail(f"{award.name} không dành cho {label}.", (AWARD, column))
    if cells.errors:
        return None, cells.errors
    return _Row(number, person, collective.pk if collective else None, household, award.pk, award_class,
                summary), []


def _open(data):
    try:
        return load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a file that is not a workbook
        return None


def _check_file(nomination_list, data, result, progress):
    """The file's rows ready to add, every fault of it recorded in ``result``."""
    book = _open(data)
    if book is None:
        result.errors.append(RowError(0, "Tệp không phải bảng tính Excel (.xlsx) hợp lệ."))
        return [], None
    lookup, rows, seen = _Lookup(nomination_list), [], {}
    try:
        if SHEET not in book.sheetnames:
            result.errors.append(RowError(0, f"Tệp không có trang “{SHEET}” (hãy dùng đúng tệp mẫu)."))
            return [], lookup
        total, last_written, merges = scan_sheet(book, SHEET)
        merged = _merged_rows(merges, last_written)
        read = iter_template_rows(book, SHEET, COLUMNS, lambda _row, message: result.errors.append(
            RowError(0, message)), max_rows=MAX_ROWS)
        for chunk in nominations.batches(read, CHUNK):
            lookup.preload(values[0] for number, values in chunk if number not in merged)
            for number, values in chunk:
                result.rows, result.last_row = result.rows + 1, number
                if number in merged:
                    continue  # reported below: what a merge hides makes every other reason a guess
                row, errors = _check_row(number, values, lookup)
                result.errors.extend(errors)
                if row is None:
                    continue
                first = seen.setdefault((row.subject, row.award_id), number)
                if first != number:
                    result.errors.append(RowError(number, f"Trùng với dòng {first} của tệp (cùng đối tượng, "
                                                          "cùng hình thức khen thưởng).", KEY_COLUMNS))
                    continue
                rows.append(row)
            if progress:
                progress(min(40, 40 * result.last_row // max(total, 1)), f"Đã kiểm tra {vi_count(result.rows)} dòng")
        for number, faults in merged.items():
            result.errors.extend(RowError(number, message, columns) for message, columns in faults)
            result.last_row = max(result.last_row, number)
    finally:
        book.close()
    result.errors.sort(key=lambda e: e.row)
    return rows, lookup


# --- Import ---------------------------------------------------------------------------------------

def import_nominee_rows(nomination_list, data: bytes, *, actor, progress=None) -> NomineeImportResult:
    """Add the file's rows to a draft list: all of them, or (on any error) none.

    ``progress(percent, message)`` hears how far it has got (checking is the first 40 %).
    """
    if not has_role(actor, nomination_list.unit, nominations.EDITING_ROLES):
        raise PermissionDenied("Bạn không có quyền sửa danh sách đề nghị của đơn vị này.")
    result = NomineeImportResult()
    if not nomination_list.is_editable:
        result.errors.append(RowError(0, f"Danh sách đã ở trạng thái “{nomination_list.get_status_display()}”, "
                                         "không thể sửa."))
        return result
    rows, lookup = _check_file(nomination_list, data, result, progress)
    if not (result.rows or result.errors):
        result.errors.append(RowError(0, "Tệp chưa có dòng dữ liệu nào."))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            # Lock the list first, so "already on the list" is judged against what add_lines will see.
            locked = NominationList.objects.select_for_update(of=("self",)).get(pk=nomination_list.pk)
            # Summaries typed on the page may end in spaces; the import strips what it reads.
            existing = {(*key, summary.strip()) for *key, summary in locked.lines.values_list(
                "person", "collective", "household", "award", "award_class", "summary")}
            # A row naming a subject and award already on this list, with another class or
            # summary, is the clerk's correction: it updates that line rather than duplicating it.
            on_list = {(person, collective, household, award): pk for pk, person, collective, household, award
                       in locked.lines.values_list("pk", "person", "collective", "household", "award")}
            new, changed = [], []
            for row in rows:
                if row.key in existing:
                    continue
                line_pk = on_list.get(row.key[:4])
                if line_pk is None:
                    new.append(row)
                else:
                    changed.append((line_pk, row))
            result.present = len(rows) - len(new) - len(changed)
            del rows, existing, on_list
            for line_pk, row in changed:
                try:
                    nominations.update_line(NominationLine(pk=line_pk), actor=actor, award_class=row.award_class,
                                            summary=row.summary)
                except ValidationError as error:
                    raise _CorrectionRefused(row.number, error) from None
            result.updated = len(changed)

            def handled(count):
                if progress:
                    progress(40 + 59 * count // len(new), f"Đã ghi {vi_count(count)} / {vi_count(len(new))} đề nghị")

            result.created = nominations.add_lines(locked, actor=actor, lines=_lines(new, lookup),
                                                   progress=handled) if new else 0
    except nominations.LinesRefused as refused:
        result.created = result.present = result.updated = 0
        result.errors = [RowError(new[index].number, " ".join(error.messages), KEY_COLUMNS)
                         for index, error in refused.refusals]
    except _CorrectionRefused as refused:
        result.created = result.present = result.updated = 0
        result.errors = [RowError(refused.row, " ".join(refused.error.messages), KEY_COLUMNS)]
    return result


class _CorrectionRefused(Exception):
    """Leaves the import's transaction when a correction of a line already on the list is refused."""

    def __init__(self, row, error):
        super().__init__(row)
        self.row, self.error = row, error


def _lines(rows, lookup):
    """add_line's arguments for ``rows``, their people read a batch at a time (with their units)."""
    awards = {a.pk: a for a in lookup.awards.values()}
    for start in range(0, len(rows), nominations.BATCH):
        batch = rows[start:start + nominations.BATCH]
        people = Person.objects.select_related("unit").in_bulk([r.person_id for r in batch if r.person_id])
        for row in batch:
            yield {"person": people.get(row.person_id), "household": row.household, "award": awards[row.award_id],
                   "collective": lookup.collectives.get(row.collective_id),
                   "award_class": row.award_class, "summary": row.summary}

