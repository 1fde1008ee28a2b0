"""Past award decisions, yearly ratings, initiatives and discipline loaded from one Excel template.

The file is checked whole before anything is written: every bad row is reported with its sheet,
row number and reason, and one bad row means nothing is saved. Loading the same file again
creates nothing (rows already present are counted, not duplicated). Rows reach only people and
units in the subtrees where the importer is a clerk or unit admin; anyone else is "not found",
so the messages never reveal who exists in another province.
"""

import datetime
import re
from dataclasses import dataclass, field
from io import BytesIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from openpyxl import load_workbook

from units.archives import check_office_archive
from units.models import Membership, Person, Unit
from units.scoping import acts_somewhere, unit_scope_q
from units.text import fold

from awards.documents.history_workbook import (
    AWARD_COLUMNS,
    AWARDS_SHEET,
    DISCIPLINE_COLUMNS,
    DISCIPLINE_SHEET,
    INITIATIVE_COLUMNS,
    INITIATIVES_SHEET,
    RATING_COLUMNS,
    RATINGS_SHEET,
)
from awards.models import AwardRecord, AwardType, TaskRating
from awards.services import award_tallies, record_imports
from awards.services.sheet_cells import (
    BadCell,
    read_cccd,
    read_date,
    read_template_rows,
    read_text,
    read_year,
    refuse_bidi,
)

IMPORT_ROLES = (Membership.Role.CLERK, Membership.Role.UNIT_ADMIN)
RATING_KEYS = {fold(label): value for value, label in TaskRating.Rating.choices} | {
    value: value for value in TaskRating.Rating.values} | {
    "htxsnv": "excellent", "httnv": "good", "htnv": "done", "khtnv": "not_done"}  # the usual abbreviations


@dataclass(frozen=True)
class RowIssue:
    sheet: str
    row: int
    message: str

    def __str__(self):
        return f"{self.sheet}, dòng {self.row}: {self.message}" if self.row else self.message


@dataclass
class HistoryImportResult:
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    created: dict = field(default_factory=lambda: {AWARDS_SHEET: 0, RATINGS_SHEET: 0})
    present: dict = field(default_factory=lambda: {AWARDS_SHEET: 0, RATINGS_SHEET: 0})

    @property
    def ok(self):
        return not self.errors

    def summary(self) -> list[str]:
        if self.errors:
            return [f"Không ghi dữ liệu nào: tệp có {len(self.errors)} lỗi."]
        return [f"{sheet}: tạo mới {self.created[sheet]}, đã có {self.present[sheet]}." for sheet in self.created]


def _field(value, label, model_field, optional=False):
    text = read_text(value)
    if not text and not optional:
        raise BadCell(f"Thiếu {label}.")
    limit = AwardRecord._meta.get_field(model_field).max_length
    if len(text) > limit:
        raise BadCell(f"{label[0].upper()}{label[1:]} dài quá {limit} ký tự.")
    return text


def _error_on(result, sheet):
    return lambda row, message: result.errors.append(RowIssue(sheet, row, message))


# --- Import --------------------------------------------------------------------------------------

def can_import_history(user) -> bool:
    if not getattr(user, "is_active", False):
        return False
    return acts_somewhere(user, IMPORT_ROLES)


def import_history(data: bytes, *, actor) -> HistoryImportResult:
    if not can_import_history(actor):
        raise PermissionDenied("Chỉ cán bộ TĐKT, quản trị đơn vị được nhập lịch sử khen thưởng.")
    result = HistoryImportResult()
    try:
        check_office_archive(data)  # before anything unpacks it: a small file may hide gigabytes
    except ValidationError as refusal:
        result.errors.append(RowIssue("", 0, " ".join(refusal.messages)))
        return result
    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a file that is not a workbook
        result.errors.append(RowIssue("", 0, "Tệp không phải bảng tính Excel (.xlsx) hợp lệ."))
        return result
    try:
        if not {AWARDS_SHEET, RATINGS_SHEET, INITIATIVES_SHEET, DISCIPLINE_SHEET} & set(book.sheetnames):
            result.errors.append(RowIssue("", 0, f"Tệp không có trang “{AWARDS_SHEET}” hay “{RATINGS_SHEET}”."))
        award_rows = read_template_rows(book, AWARDS_SHEET, AWARD_COLUMNS, _error_on(result, AWARDS_SHEET))
        rating_rows = read_template_rows(book, RATINGS_SHEET, RATING_COLUMNS, _error_on(result, RATINGS_SHEET))
        initiative_rows = read_template_rows(book, INITIATIVES_SHEET, INITIATIVE_COLUMNS,
                                             _error_on(result, INITIATIVES_SHEET))
        discipline_rows = read_template_rows(book, DISCIPLINE_SHEET, DISCIPLINE_COLUMNS,
                                             _error_on(result, DISCIPLINE_SHEET))
    finally:
        book.close()
    if not (award_rows or rating_rows or initiative_rows or discipline_rows or result.errors):
        result.errors.append(RowIssue("", 0, "Tệp chưa có dòng dữ liệu nào."))
    subjects = _Subjects(actor)
    subjects.preload(values[0] for _number, values in award_rows + rating_rows + initiative_rows + discipline_rows)
    records = [r for r in (_award_row(_Row(AWARDS_SHEET, n, result), v, subjects) for n, v in award_rows) if r]
    ratings = [r for r in (_rating_row(_Row(RATINGS_SHEET, n, result), v, subjects) for n, v in rating_rows) if r]
    new_records, new_ratings = _new_records(records, result), _new_ratings(ratings, result)
    initiatives = [(n, r) for n, v in initiative_rows if (r := record_imports.initiative_row(
        _Row(INITIATIVES_SHEET, n, result), v, subjects, INITIATIVE_COLUMNS))]
    periods = [(n, r) for n, v in discipline_rows if (r := record_imports.discipline_row(
        _Row(DISCIPLINE_SHEET, n, result), v, subjects, DISCIPLINE_COLUMNS))]
    fresh, links, present = record_imports.new_initiatives(initiatives, subjects.people,
                                                           _error_on(result, INITIATIVES_SHEET))
    new_periods, periods_present = record_imports.new_discipline(periods, _error_on(result, DISCIPLINE_SHEET))
    order = {"": 0, AWARDS_SHEET: 1, RATINGS_SHEET: 2, INITIATIVES_SHEET: 3}
    result.errors.sort(key=lambda e: (order.get(e.sheet, 4), e.row))
    # The two later sheets are counted when the file has rows on them (older files have no such sheets).
    if initiative_rows:
        result.present[INITIATIVES_SHEET] = present
    if discipline_rows:
        result.present[DISCIPLINE_SHEET] = periods_present
    if result.errors:
        return result
    try:
        with transaction.atomic():
            AwardRecord.objects.bulk_create(new_records, batch_size=500)
            award_tallies.recount_for_records(new_records)  # written in bulk, past the tally's receivers
            TaskRating.objects.bulk_create(new_ratings, batch_size=500)
            added_initiatives, added_periods = record_imports.write(actor, fresh, links, new_periods)
    except IntegrityError:
        # Someone loaded the same rows in the meantime: the unique constraints kept them single.
        result.errors.append(RowIssue("", 0, "Dữ liệu vừa được người khác nhập cùng lúc; hãy nhập lại tệp."))
        return result
    result.created = {AWARDS_SHEET: len(new_records), RATINGS_SHEET: len(new_ratings)}
    if initiative_rows:
        result.created[INITIATIVES_SHEET] = added_initiatives
    if discipline_rows:
        result.created[DISCIPLINE_SHEET] = added_periods
    return result


class _Row:
    """One data row being checked: what fails becomes an error of the row, what is guessed a warning."""

    def __init__(self, sheet, number, result):
        self.sheet, self.number, self.result, self.failed = sheet, number, result, False

    def error(self, message):
        self.failed = True
        self.result.errors.append(RowIssue(self.sheet, self.number, message))

    def warn(self, message):
        self.result.warnings.append(RowIssue(self.sheet, self.number, message))

    def check(self, read, *args):
        try:
            return read(*args)
        except BadCell as bad:
            self.error(str(bad))
            return None


class _Subjects:
    """Finds people and units within the importer's own role scope, caching each answer.

    Only the subtrees where the importer is a clerk or unit admin count: importing is acting,
    and predecessors' history is for reading (units.scoping). Whoever lies outside is simply
    not found, with the same words as someone who does not exist.
    """

    def __init__(self, actor):
        self.people = Person.objects.filter(unit_scope_q(actor, "unit__path", roles=IMPORT_ROLES))
        self.units = Unit.objects.filter(unit_scope_q(actor, "path", roles=IMPORT_ROLES))
        self.awards = {a.code.upper(): a for a in AwardType.objects.all()}
        self._cache = {}

    def preload(self, cells):
        """People of the file's CCCDs, 500 to a query rather than one query a row."""
        cccds = set()
        for cell in cells:
            try:
                cccds.add(read_cccd(cell))
            except BadCell:
                pass
        for chunk in _chunks(cccds):
            found = {p.cccd: p for p in self.people.filter(cccd__in=chunk)}
            self._cache.update({("cccd", c): found.get(c) for c in chunk})

    def _cached(self, key, fetch):
        if key not in self._cache:
            self._cache[key] = fetch()
        return self._cache[key]

    def by_cccd(self, cccd, name):
        person = self._cached(("cccd", cccd), lambda: self.people.filter(cccd=cccd).first())
        if person is None:
            raise BadCell(f"Không có cá nhân có số CCCD {cccd}.")
        if name and fold(name) != person.search_key:  # a mistyped CCCD must not land on someone else
            raise BadCell(f"Số CCCD {cccd} là của “{person.full_name}”, không khớp họ tên “{name}”.")
        return person

    def by_name(self, name, born):
        found = self._cached(("name", fold(name), born),
                             lambda: list(self.people.filter(search_key=fold(name), date_of_birth=born)[:2]))
        if not found:
            raise BadCell(f"Không có cá nhân “{name}” sinh ngày {born:%d/%m/%Y}.")
        if len(found) > 1:
            raise BadCell(f"Có nhiều cá nhân “{name}” sinh ngày {born:%d/%m/%Y}; hãy ghi Số CCCD.")
        return found[0]

    def by_code(self, code, year):
        found = self._cached(("unit", code), lambda: list(self.units.filter(code=code)))
        if len(found) > 1 and year:
            # Codes are reused across reorganisations (the old and new province keep "25"): the
            # unit of the achievement's year is meant, the one standing at its end if two overlap.
            end = datetime.date(year, 12, 31)
            found = [u for u in found if u.is_in_force(end)] or [u for u in found if _existed_in(u, year)] or found
        if not found:
            raise BadCell(f"Không có đơn vị mã “{code}”.")
        if len(found) > 1:
            raise BadCell(f"Mã đơn vị “{code}” ứng với nhiều đơn vị; hãy báo quản trị hệ thống.")
        return found[0]


def _existed_in(unit, year):
    return ((unit.valid_from is None or unit.valid_from.year <= year)
            and (unit.valid_to is None or unit.valid_to.year >= year))


def _subject(row, subjects, cccd_cell, name, code_cell, household, year, born=None):
    """The row's (person, collective, household); raises BadCell, or returns None if already reported."""
    cccd = row.check(read_cccd, cccd_cell, row.warn) if read_text(cccd_cell) else ""
    name, code, household = read_text(name), read_text(code_cell), read_text(household)
    if sum(bool(x) for x in (read_text(cccd_cell), code, household)) > 1:
        raise BadCell("Mỗi dòng chỉ một đối tượng: cá nhân (Số CCCD), tập thể (Mã đơn vị) hoặc hộ gia đình.")
    if household:
        if len(household) > AwardRecord._meta.get_field("household").max_length:
            raise BadCell("Tên hộ gia đình quá dài.")
        return None, None, household
    if code:
        if isinstance(code_cell, (int, float)):
            row.warn(f"Mã đơn vị {code} ở dạng số; nếu mã có số 0 ở đầu, hãy định dạng cột là văn bản.")
        unit = subjects.by_code(code, year)
        if year and not _existed_in(unit, year):
            row.warn(f"Đơn vị “{unit.name}” không tồn tại trong năm {year}.")
        return None, unit, ""
    if cccd:
        return subjects.by_cccd(cccd, name), None, ""
    if cccd is None:  # unreadable, already reported
        return None
    if name and born:
        return subjects.by_name(name, born), None, ""
    raise BadCell("Thiếu đối tượng: ghi Số CCCD (hoặc họ tên và ngày sinh), Mã đơn vị hoặc Hộ gia đình."
              if row.sheet == AWARDS_SHEET else "Thiếu đối tượng: ghi Số CCCD hoặc Mã đơn vị.")


def _award_row(row, values, subjects):
    row.check(refuse_bidi, values, AWARD_COLUMNS)
    if row.failed:
        return None
    cccd, name, born, code, household, award_code, award_class, year, period, decision, decided, body = values
    born = row.check(read_date, born, "Ngày sinh") if read_text(born) else None
    year = row.check(read_year, year, "Năm thành tích")
    subject = row.check(_subject, row, subjects, cccd, name, code, household, year, born)
    award = subjects.awards.get(read_text(award_code).upper())
    if award is None:
        row.error(f"Không có hình thức khen thưởng mã “{read_text(award_code)}”." if read_text(award_code)
                  else "Thiếu mã hình thức.")
    else:
        award_class = row.check(read_award_class, award, read_text(award_class))
        if subject:
            row.check(_fits, award, subject)
    period = row.check(_field, period, "giai đoạn", "period_label", True)
    decision = row.check(_field, decision, "số quyết định", "decision_number")
    body = row.check(_field, body, "cơ quan quyết định", "issuing_body")
    decided = row.check(read_date, decided, "Ngày quyết định")
    if decided and decided > datetime.date.today():
        row.error(f"Ngày quyết định {decided:%d/%m/%Y} sau ngày hôm nay.")
    elif decided and year and decided.year < year:
        row.error(f"Ngày quyết định {decided:%d/%m/%Y} trước năm thành tích {year}.")
    if row.failed:
        return None
    person, collective, household = subject
    return row.number, AwardRecord(person=person, collective=collective, household=household, award=award,
                                   award_class=award_class, year=year, period_label=period, decision_number=decision,
                                   decision_date=decided, issuing_body=body, source=AwardRecord.Source.IMPORTED)


def read_award_class(award, text):
    classes = {fold(c): c for c in award.class_list}
    key = re.sub(r"^hang ", "", fold(text))
    if classes and not key:
        raise BadCell(f"{award.name} cần ghi hạng ({', '.join(award.class_list)}).")
    if key and key not in classes:
        raise BadCell(f"{award.name} không có hạng “{text}”." if classes else f"{award.name} không chia hạng.")
    return classes.get(key, "")


def _fits(award, subject):
    if not (award.for_individuals or award.for_collectives or award.for_households):
        return  # the catalogue does not say; accept
    for present, allowed, label in zip(subject, (award.for_individuals, award.for_collectives, award.for_households),
                                       ("cá nhân", "tập thể", "hộ gia đình")):
        if present and not allowed:
            raise BadCell(f"{award.name} không dành cho {label}.")


def _rating_row(row, values, subjects):
    row.check(refuse_bidi, values, RATING_COLUMNS)
    if row.failed:
        return None
    cccd, name, code, year, rating = values
    if not read_text(rating):
        # A row of a template filled from the unit's rating page that nobody rated: nothing to load.
        row.warn("Chưa ghi xếp loại: dòng được bỏ qua.")
        return None
    year = row.check(read_year, year, "Năm")
    subject = row.check(_subject, row, subjects, cccd, name, code, None, year)
    value = RATING_KEYS.get(fold(read_text(rating)))
    if value is None:
        row.error(f"Xếp loại “{read_text(rating)}” không có trong danh sách.")
    if row.failed:
        return None
    return row.number, TaskRating(person=subject[0], collective=subject[1], year=year, rating=value)


def _chunks(items, size=500):
    items = list(items)
    return [items[i:i + size] for i in range(0, len(items), size)]


def _who(obj):
    if obj.person_id or obj.collective_id:
        return ("p", obj.person_id) if obj.person_id else ("c", obj.collective_id)
    return "h", obj.household


def _existing(model, rows, key):
    """Keys of the stored rows of the file's people and collectives (and households)."""
    found = {}
    for kind, lookup in (("p", "person_id__in"), ("c", "collective_id__in"), ("h", "household__in")):
        for chunk in _chunks({_who(r)[1] for _n, r in rows if _who(r)[0] == kind}):
            filters = {lookup: chunk} if kind != "h" else {lookup: chunk, "person": None, "collective": None}
            found.update((key(obj), obj) for obj in model.objects.filter(**filters))
    return found


def _new_records(rows, result):
    """Records not yet stored; a row repeated in the file is an error."""
    def key(r):
        return (*_who(r), r.award_id, r.year, r.decision_number)

    existing, seen, new = _existing(AwardRecord, rows, key), {}, []
    for number, record in rows:
        k = key(record)
        if k in seen:
            result.errors.append(RowIssue(AWARDS_SHEET, number, f"Trùng với dòng {seen[k]} của tệp."))
        elif k in existing:
            result.present[AWARDS_SHEET] += 1
        else:
            new.append(record)
        seen.setdefault(k, number)
    return new


def _new_ratings(rows, result):
    """Ratings not yet stored; another rating for a stored year is an error, never an overwrite."""
    def key(r):
        return (*_who(r), r.year)

    existing, seen, new = _existing(TaskRating, rows, key), {}, []
    for number, rating in rows:
        k, old = key(rating), existing.get(key(rating))
        if k in seen:
            result.errors.append(RowIssue(RATINGS_SHEET, number, f"Trùng với dòng {seen[k]} của tệp."))
        elif old and old.rating != rating.rating:
            result.errors.append(RowIssue(RATINGS_SHEET, number, f"Đã có xếp loại khác cho năm {rating.year} "
                                                                 f"(“{old.get_rating_display()}”)."))
        elif old:
            result.present[RATINGS_SHEET] += 1
        else:
            new.append(rating)
        seen.setdefault(k, number)
    return new
