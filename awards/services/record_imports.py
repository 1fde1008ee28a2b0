"""The "Sáng kiến" and "Kỷ luật" sheets of the history template: rows read, checked and matched.

Called by awards.services.history_imports, which finds the people (``subjects``), collects the
errors (``row``: error, warn, check) and writes everything in one transaction, so these sheets
follow its rules: every bad row is reported, one bad row saves nothing, and loading the same file
again creates nothing. Rows of one initiative (same name, year and decision number) are its
co-authors, one row each.
"""

from django.contrib.admin.models import ADDITION

from units.text import fold

from awards.models import DisciplinePeriod, Initiative
from awards.services.record_log import log_records
from awards.services.sheet_cells import BadCell, read_cccd, read_date, read_text, read_year, refuse_bidi

SCOPES = {fold(label): value for value, label in Initiative.Scope.choices} | {
    v: v for v in Initiative.Scope.values} | {"co so": "base", "tinh": "province", "toan quoc": "national"}
FORMS = {fold(label): value for value, label in DisciplinePeriod.Form.choices} | {
    v: v for v in DisciplinePeriod.Form.values}


def _person(row, subjects, cccd, name):
    if not read_text(cccd):
        raise BadCell("Thiếu Số CCCD của cá nhân.")
    number = row.check(read_cccd, cccd, row.warn)
    return subjects.by_cccd(number, read_text(name)) if number else None


def _text(value, label, model, field, optional=False):
    text = read_text(value)
    if not text and not optional:
        raise BadCell(f"Thiếu {label}.")
    limit = model._meta.get_field(field).max_length
    if len(text) > limit:
        raise BadCell(f"{label[0].upper()}{label[1:]} dài quá {limit} ký tự.")
    return text


def initiative_row(row, values, subjects, columns):
    """(author, Initiative not saved) of a row, or None when the row failed (its errors are reported)."""
    row.check(refuse_bidi, values, columns)
    if row.failed:
        return None
    cccd, name, title, year, scope, body, number, decided = values
    person = row.check(_person, row, subjects, cccd, name)
    title = row.check(_text, title, "tên sáng kiến", Initiative, "title")
    year = row.check(read_year, year, "Năm công nhận")
    value = SCOPES.get(fold(read_text(scope))) if read_text(scope) else Initiative.Scope.BASE
    if value is None:
        row.error(f"Phạm vi ảnh hưởng “{read_text(scope)}” không có trong danh sách.")
    body = row.check(_text, body, "cơ quan công nhận", Initiative, "recognising_body")
    number = row.check(_text, number, "số quyết định", Initiative, "decision_number", True)
    decided = row.check(read_date, decided, "Ngày quyết định") if read_text(decided) else None
    if decided and year and decided.year < year:
        row.error(f"Ngày quyết định {decided:%d/%m/%Y} trước năm công nhận {year}.")
    if row.failed:
        return None
    return person, Initiative(title=title, year=year, scope=value, recognising_body=body, decision_number=number,
                              decision_date=decided)


def discipline_row(row, values, subjects, columns):
    """The DisciplinePeriod (not saved) of a row, or None when the row failed."""
    row.check(refuse_bidi, values, columns)
    if row.failed:
        return None
    cccd, name, form, start, end, decision = values
    person = row.check(_person, row, subjects, cccd, name)
    value = FORMS.get(fold(read_text(form)))
    if value is None:
        row.error(f"Hình thức kỷ luật “{read_text(form)}” không có trong danh sách." if read_text(form)
                  else "Thiếu hình thức kỷ luật.")
    start = row.check(read_date, start, "Từ ngày")
    end = row.check(read_date, end, "Đến ngày") if read_text(end) else None
    if start and end and end < start:
        row.error("Ngày kết thúc phải sau ngày bắt đầu.")
    decision = row.check(_text, decision, "quyết định", DisciplinePeriod, "decision", True)
    if row.failed:
        return None
    return DisciplinePeriod(person=person, form=value, start=start, end=end, decision=decision)


def _initiative_key(initiative):
    return fold(initiative.title), initiative.year, fold(initiative.decision_number)


def new_initiatives(rows, people, error):
    """What the rows add: (new initiatives with their authors, (stored initiative, author) links, rows present).

    ``rows``: (row number, (author, initiative)); ``people``: the importer's people (stored
    initiatives are looked for among theirs); ``error(number, message)`` reports a repeated row.
    """
    authors = {p.pk for _n, (p, _i) in rows}
    stored = {}
    for link in (Initiative.authors.through.objects.filter(person_id__in=authors, person__in=people)
                 .select_related("initiative")):
        stored.setdefault(_initiative_key(link.initiative), (link.initiative, set()))[1].add(link.person_id)
    fresh, links, present, seen = {}, [], 0, {}
    for number, (person, initiative) in rows:
        key = _initiative_key(initiative)
        if (key, person.pk) in seen:
            error(number, f"Trùng với dòng {seen[(key, person.pk)]} của tệp.")
            continue
        seen[(key, person.pk)] = number
        if key in stored and person.pk in stored[key][1]:
            present += 1
        elif key in stored:
            links.append((stored[key][0], person))
        else:
            fresh.setdefault(key, (initiative, []))[1].append(person)
    return list(fresh.values()), links, present


def new_discipline(rows, error):
    """Periods not yet stored (same person, form and start), and how many rows were present."""
    def key(period):
        return period.person.pk, period.form, period.start

    stored = set(DisciplinePeriod.objects.filter(person_id__in={p.person.pk for _n, p in rows})
                 .values_list("person_id", "form", "start"))
    new, present, seen = [], 0, {}
    for number, period in rows:
        if key(period) in seen:
            error(number, f"Trùng với dòng {seen[key(period)]} của tệp.")
        elif key(period) in stored:
            present += 1
        else:
            new.append(period)
        seen.setdefault(key(period), number)
    return new, present


def write(actor, initiatives, links, periods):
    """Store what ``new_initiatives`` and ``new_discipline`` found (inside the caller's transaction)."""
    created = []
    for initiative, authors in initiatives:
        initiative.save()
        initiative.authors.set(authors)
        created.append(initiative)
    for initiative, person in links:
        initiative.authors.add(person)
    stored = DisciplinePeriod.objects.bulk_create(periods)
    log_records(actor, created, ADDITION, "Nhập sáng kiến từ tệp Excel")
    log_records(actor, stored, ADDITION, "Nhập kỷ luật từ tệp Excel")
    return len(created) + len(links), len(stored)
