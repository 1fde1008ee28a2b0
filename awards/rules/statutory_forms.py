"""Filling a statutory statistical form for a unit and a year from the portal's award records.

A row's or a column's ``measure`` is a filter over award records in a small vocabulary, terms joined
by ";" (all must hold), each term ``key`` or ``key=value1,value2`` (any value), ``!`` in front to negate:

- ``all``                      every record (an empty measure means the same)
- ``subject=person|collective|household``  who received the award
- ``women``                    received by a woman
- ``group=order,medal,…``      the award's group in the catalogue (AwardType.Group)
- ``award=BK_TTG,CO_CP,…``     the award's code in the catalogue
- ``kind=regular,thematic,…``  the grant's kind (its own, else the award's: AwardType.Kind)
- ``level=state,government,…`` the award is granted at one of those levels (Authority.level)
- ``from=proposals``           count proposals (DossierLine) instead of award records: those of the dossiers
                               received in the year (submitted_at) by a unit of the subtree; the terms above
                               then read the proposal's subject and award
- ``status=decided,rejected,…`` a proposal's status (DossierLine.Status); with ``from=proposals`` only
- ``from=plans``               count emulation movements instead: the plans (Kế hoạch) issued in the year
                               (issue_year, not drafts) by a unit of the subtree; only ``kind=regular|thematic``
                               (Plan.Kind) reads them

A cell counts the records that match its row's measure and its column's. The records are those of the
year (``year`` of the achievement), not revoked, whose subject lies in the unit's subtree or in the subtree
of a unit it continues (a province formed on 1/7/2025 counts its predecessors' records); a household's
record counts where the decision that granted it was issued. Every cell of a form comes out of one
aggregate query, whatever the number of records.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, Q

from units.models import Unit
from units.scoping import path_range_q, unit_scope_q

from campaigns.models import Plan

from awards.models import Authority, AuthorityLevel, AwardRecord, AwardType, Dossier, DossierLine

VOCABULARY = ("all", "subject", "women", "group", "award", "kind", "level", "from", "status")
RECORDS, PROPOSALS, PLANS = "records", "proposals", "plans"
SOURCES = (RECORDS, PROPOSALS, PLANS)
# Where a term's fields lie, from the model each source counts.
PREFIX = {RECORDS: "", PROPOSALS: "nomination_line__", PLANS: ""}
PLAN_TERMS = ("all", "from", "kind")


def _values(key, value, allowed=None):
    values = [v.strip() for v in value.split(",") if v.strip()]
    if not values:
        raise ValidationError(f"“{key}” cần ít nhất một giá trị, ví dụ {key}=…")
    if allowed is not None:
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise ValidationError(f"“{key}” không có giá trị {', '.join(unknown)}; dùng: {', '.join(allowed)}.")
    return values


def _term_q(term: str, source: str) -> Q:
    negate = term.startswith("!")
    key, _, value = term.lstrip("!").partition("=")
    key = key.strip()
    p = PREFIX[source]
    if source == PLANS and key not in PLAN_TERMS:
        raise ValidationError(f"“{key}” không dùng được khi đếm phong trào thi đua (from=plans); "
                              f"dùng: {', '.join(PLAN_TERMS)}.")
    if key in ("all", "from"):
        q = Q()
    elif key == "women":
        q = Q(**{f"{p}person__gender": "female"})
    elif key == "subject":
        subjects = {"person": Q(**{f"{p}person__isnull": False}), "collective": Q(**{f"{p}collective__isnull": False}),
                    "household": ~Q(**{f"{p}household": ""})}
        q = Q()
        for v in _values(key, value, list(subjects)):
            q |= subjects[v]
    elif key == "group":
        q = Q(**{f"{p}award__group__in": _values(key, value, AwardType.Group.values)})
    elif key == "award":
        q = Q(**{f"{p}award__code__in": _values(key, value)})
    elif key == "kind" and source == PLANS:
        q = Q(kind__in=_values(key, value, Plan.Kind.values))
    elif key == "kind":
        kinds = _values(key, value, AwardType.Kind.values)
        q = Q(kind__in=kinds) | Q(kind="", award__kind__in=kinds) if source == RECORDS else Q(
            **{f"{p}award__kind__in": kinds})
    elif key == "level":
        levels = _values(key, value, AuthorityLevel.values)
        q = Q(**{f"{p}award__in": Authority.objects.filter(level__in=levels).values("award")})
    elif key == "status":
        if source != PROPOSALS:
            raise ValidationError("“status” chỉ dùng cùng “from=proposals” (đếm đề nghị trong hồ sơ).")
        q = Q(status__in=_values(key, value, DossierLine.Status.values))
    else:
        raise ValidationError(f"Không có phép đếm “{key}”; dùng: {', '.join(VOCABULARY)}.")
    return ~q if negate else q


def _terms(measure):
    return [term.strip() for term in (measure or "").split(";") if term.strip()]


def source_of(*measures) -> str:
    """What a cell counts: what its row or its column names with ``from=…``, else award records."""
    named = set()
    for measure in measures:
        for term in _terms(measure):
            key, _, value = term.partition("=")
            if key.strip() == "from":
                chosen = _values("from", value, SOURCES)
                if len(chosen) != 1 or term.startswith("!"):
                    raise ValidationError("“from” nhận đúng một nguồn: records, proposals hoặc plans.")
                named.add(chosen[0])
    if len(named) > 1:
        raise ValidationError("Một ô chỉ đếm một nguồn: dòng và cột ghi “from=…” khác nhau.")
    return named.pop() if named else RECORDS


def measure_q(measure: str, source: str = RECORDS) -> Q:
    """The filter a measure names; ValidationError with a Vietnamese message when it is not in the vocabulary."""
    source_of(measure)
    q = Q()
    for term in _terms(measure):
        q &= _term_q(term, source)
    return q


def cell_q(row, column) -> tuple[str, Q]:
    """The source a cell counts and its filter."""
    source = source_of(row.measure, column.measure)
    return source, measure_q(row.measure, source) & measure_q(column.measure, source)


def check_measure(measure: str) -> None:
    """Refuses a measure no source can read (a column's ``status=…`` is read with its rows' ``from=proposals``)."""
    source = source_of(measure)
    if source != RECORDS:
        measure_q(measure, source)
        return
    try:
        measure_q(measure, RECORDS)
    except ValidationError:
        measure_q(measure, PROPOSALS)


def scope_paths(unit: Unit) -> list[str]:
    """The unit's path and the paths of the units it continues, however many links back."""
    return [unit.path, *(path for _pk, path in Unit.objects.predecessors_of([unit.pk]))]


def records_of(unit: Unit, year: int):
    """The records a form counts for ``unit`` and ``year`` (in force, in the unit's subtree and its history)."""
    q = Q()
    for path in scope_paths(unit):
        q |= path_range_q(path, "person__unit__path") | path_range_q(path, "collective__path")
        q |= ~Q(household="") & path_range_q(path, "decision__issuing_unit__path")
    return AwardRecord.objects.filter(q, year=year, revoked_on__isnull=True)


def proposals_of(unit: Unit, year: int):
    """The proposals a form counts for ``unit`` and ``year``: those of the dossiers received in the subtree."""
    q = Q()
    for path in scope_paths(unit):
        q |= path_range_q(path, "dossier__receiver__path")
    return DossierLine.objects.filter(q, dossier__submitted_at__year=year)


def plans_of(unit: Unit, year: int):
    """The emulation movements a form counts: plans issued in the year by a unit of the subtree (no drafts)."""
    q = Q()
    for path in scope_paths(unit):
        q |= path_range_q(path, "issuing_unit__path")
    return Plan.objects.filter(q, issue_year=year).exclude(status=Plan.Status.DRAFT)


def rows_of(source, unit, year):
    return {RECORDS: records_of, PROPOSALS: proposals_of, PLANS: plans_of}[source](unit, year)


@dataclass
class FilledForm:
    """A form with its rows and columns read, and ``cells[(row pk, column pk)]`` the count of each cell."""

    form: object
    unit: Unit
    year: int
    rows: list
    columns: list
    cells: dict

    @property
    def column_groups(self):
        """[(group label or "", number of columns)], consecutive columns of one group merged."""
        groups = []
        for column in self.columns:
            if groups and column.group and groups[-1][0] == column.group:
                groups[-1] = (column.group, groups[-1][1] + 1)
            else:
                groups.append((column.group, 1))
        return groups

    @property
    def has_groups(self):
        return any(column.group for column in self.columns)

    @property
    def header_rows(self):
        """The table head as rows of (label, colspan, rowspan), the stub and code columns first."""
        tall = 2 if self.has_groups else 1
        top = [(self.form.stub_label, 1, tall), ("Mã số", 1, tall)]
        low = []
        index = 0
        for group, span in self.column_groups:
            if group:
                top.append((group, span, 1))
                low.extend((column.label, 1, 1) for column in self.columns[index:index + span])
            else:
                top.append((self.columns[index].label, 1, tall))
            index += span
        return [top, low] if low else [top]

    @property
    def table(self):
        """[(row, [(column, count)])] in the form's order."""
        return [(row, [(column, self.cells[row.pk, column.pk]) for column in self.columns]) for row in self.rows]


def fill_form(form, unit: Unit, year: int) -> FilledForm:
    """Every cell of ``form`` for ``unit`` and ``year``: rows, columns, the lineage, one aggregate per source."""
    rows = list(form.rows.all())
    columns = list(form.columns.all())
    counts = {source: {} for source in SOURCES}
    for i, row in enumerate(rows):
        for j, column in enumerate(columns):
            source, q = cell_q(row, column)
            counts[source][f"c{i}_{j}"] = Count("pk", filter=q)
    found = {}
    for source, wanted in counts.items():
        if wanted:
            found.update(rows_of(source, unit, year).aggregate(**wanted))
    cells = {(row.pk, column.pk): found[f"c{i}_{j}"] or 0
             for i, row in enumerate(rows) for j, column in enumerate(columns)}
    return FilledForm(form, unit, year, rows, columns, cells)


def cell_items(form, unit: Unit, year: int, row, column, user):
    """(source, the records or the proposals behind one cell as ``user`` may see them)."""
    source, q = cell_q(row, column)
    if source == PLANS:
        seen = Q(pk__in=Plan.objects.visible_to(user).values("pk"))
        return source, plans_of(unit, year).filter(q).filter(seen).select_related("issuing_unit").order_by(
            "issuing_unit__path", "number", "pk")
    if source == PROPOSALS:
        seen = Q(dossier__in=Dossier.objects.visible_to(user).values("pk"))
        items = (proposals_of(unit, year).filter(q).filter(seen)
                 .select_related("dossier__receiver", "nomination_line__award", "nomination_line__person",
                                 "nomination_line__collective").order_by("dossier__submitted_at", "pk"))
        return source, items
    # A household's record, by the decision's issuing unit.
    seen = Q(pk__in=AwardRecord.objects.visible_to(user).values("pk"))
    seen |= ~Q(household="") & unit_scope_q(user, "decision__issuing_unit__path")
    return source, (records_of(unit, year).filter(q).filter(seen)
                    .select_related("award", "person", "collective").order_by("award__position", "pk"))
