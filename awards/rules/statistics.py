"""Thống kê: the figures of the statistics page, each a small table counted in the database.

Every figure reads rows the user may see (``visible_to``), narrowed to a unit's subtree and a range of
years. A unit's subtree is its own (a district of 2024 brings the communes that lay under it then) and
those of the units it took over by merger, renaming or transfer (a commune formed on 1/7/2025 brings
the communes merged into it), read back through ``Unit.objects.predecessors_of``.

The award figures sum the award tally (``AwardTally``: awards in force counted ahead per unit, year, award,
subject, gender and position, kept by awards.services.award_tallies) of the units in scope, and count the few
households' records directly; only the repeat recipients count records (per person, from an index alone).

Each figure is one query (a ``values(...).annotate(...)``, or two such joined by UNION ALL) whatever the number
of rows (the leadership figure reads its position words in one more): the page costs the same number of queries
for ten rows or ten thousand. Selectors only.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import connections, router
from django.db.models import Case, CharField, Count, F, IntegerField, Min, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from units.models import Person, Unit
from units.scoping import path_range_q, unit_scope_q

from campaigns.models import Plan

from awards.models import (
    HOUSEHOLD_UNIT_PATHS,
    UNIT_LEVEL,
    AuthorityLevel,
    AwardRecord,
    AwardTally,
    AwardType,
    Dossier,
    PositionGroupWord,
    ProcessingTimeLimit,
)
from awards.rules import working_days
from awards.rules.award_tallies import folded
from awards.rules.subject_history import ACHIEVEMENT_SUCCESSIONS

S = Dossier.Status
# Packets a level still has in hand (a returned or refused one waits on its sender, whom no limit binds).
IN_HAND = (S.SUBMITTED, S.RECEIVED, S.REVIEWED)
OPEN = (S.SUBMITTED, S.REFUSED, S.RECEIVED, S.RETURNED, S.REVIEWED)
# How many of the oldest waiting packets, and of the repeat recipients, the page lists.
OLDEST_SHOWN = 10
REPEATS_SHOWN = 20
PLANS_SHOWN = 20
AWARDS_SHOWN = 15

# Who counts as a leader or a worker is read off the position typed for a person (units.Person.position): the
# position contains, in any case, one of the words of PositionGroupWord in force. Everyone else is staff (cán bộ,
# công chức, viên chức).
ROLE_GROUPS = {"leader": PositionGroupWord.Group.LEADER.label, "staff": "Cán bộ, công chức, viên chức",
               "worker": PositionGroupWord.Group.WORKER.label}
# Unit size: people on the unit's own roll (the person's unit, or the collective itself).
SIZE_BANDS = ((10, "Dưới 10 người"), (50, "Từ 10 đến 49 người"), (200, "Từ 50 đến 199 người"),
              (None, "Từ 200 người trở lên"))
SUBJECT_KINDS = {"person": "Cá nhân", "collective": "Tập thể", "household": "Hộ gia đình"}
LEVEL_LABELS = dict(AuthorityLevel.choices)


@dataclass
class Table:
    """One figure: its key (in the page's anchors and the Excel link), title, columns and rows of values."""

    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    # Column holding the number the chart draws (the label is the first column).
    value_column: int = 1
    # Columns drawn as the segments of stacked bars, when the chart stacks (value_column is then the total).
    series: list[int] = field(default_factory=list)
    # "line" for a figure over time; bars otherwise.
    chart: str = "bars"
    note: str = ""


@dataclass
class Scope:
    """What the page counts: the user's rows, under ``unit`` (None: all they see), in ``years``."""

    user: object
    unit: Unit | None
    year_from: int
    year_to: int
    paths: list[str] = field(default_factory=list)
    # What several figures read, read once for the page (award_counts).
    read: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def last_day(self) -> datetime.date:
        """The period's last day, or today while it runs: the rules of that day sort what is counted."""
        return min(datetime.date(self.year_to, 12, 31), timezone.localdate())

    def under(self, *path_fields) -> Q:
        """Rows whose unit (through any of ``path_fields``) lies in the chosen subtrees."""
        if self.unit is None:
            return Q()
        q = Q(pk__in=[])
        for path in self.paths:
            for name in path_fields:
                q |= path_range_q(path, name)
        return q


def make_scope(user, unit, year_from, year_to) -> Scope:
    """The scope of the page; one query reads the units ``unit`` took over (none without a unit)."""
    paths = []
    if unit is not None:
        paths = [unit.path] + [path for _pk, path in
                               Unit.objects.predecessors_of([unit.pk], ACHIEVEMENT_SUCCESSIONS)]
    return Scope(user=user, unit=unit, year_from=year_from, year_to=year_to, paths=sorted(set(paths)))


def level_case(field_name):
    """The granting level of the unit in ``field_name`` (its kind read through ``UNIT_LEVEL``), in SQL."""
    return Case(*[When(**{field_name: kind}, then=Value(level)) for kind, level in UNIT_LEVEL.items()],
                default=Value(""), output_field=CharField())


# --- Dossiers ---------------------------------------------------------------------------------------

def dossiers(scope: Scope):
    start = datetime.datetime(scope.year_from, 1, 1, tzinfo=timezone.get_current_timezone())
    end = datetime.datetime(scope.year_to + 1, 1, 1, tzinfo=timezone.get_current_timezone())
    return (Dossier.objects.visible_to(scope.user).filter(scope.under("sender__path", "receiver__path"))
            .filter(submitted_at__gte=start, submitted_at__lt=end))


def dossiers_by_status(scope: Scope) -> Table:
    counts = dict(dossiers(scope).order_by().values_list("status").annotate(n=Count("pk")))
    return Table("ho-so-theo-trang-thai", "Hồ sơ theo trạng thái", ["Trạng thái", "Số hồ sơ"],
                 [[label, counts.get(value, 0)] for value, label in S.choices])


def dossiers_by_level(scope: Scope) -> Table:
    """Packets not yet closed, by the level holding them (the receiver's), the oldest wait beside each."""
    rows = (dossiers(scope).filter(status__in=OPEN).order_by().annotate(level=level_case("receiver__kind"))
            .values("level").annotate(n=Count("pk"), since=Min("status_changed_at")))
    found = {row["level"]: row for row in rows}
    today = timezone.localdate()
    table = Table("ho-so-theo-cap", "Hồ sơ đang xử lý theo cấp nhận", ["Cấp", "Số hồ sơ", "Chờ lâu nhất (ngày)"])
    for value, label in AuthorityLevel.choices:
        if value in found:
            table.rows.append([label, found[value]["n"], (today - timezone.localdate(found[value]["since"])).days])
    # The level where packets have waited longest comes first.
    table.rows.sort(key=lambda row: -row[2])
    return table


def dossiers_by_level_and_status(scope: Scope) -> Table:
    """Packets not yet closed, by the level holding them and their status: where each level is stuck."""
    rows = (dossiers(scope).filter(status__in=OPEN).order_by().annotate(level=level_case("receiver__kind"))
            .values_list("level", "status").annotate(n=Count("pk")))
    counts = {(level, status): n for level, status, n in rows}
    labels = dict(S.choices)
    table = Table("ho-so-theo-cap-trang-thai", "Hồ sơ đang xử lý theo cấp và trạng thái",
                  ["Cấp", *[labels[status] for status in OPEN], "Tổng"], value_column=len(OPEN) + 1,
                  series=list(range(1, len(OPEN) + 1)))
    for value, label in AuthorityLevel.choices:
        values = [counts.get((value, status), 0) for status in OPEN]
        if any(values):
            table.rows.append([label, *values, sum(values)])
    return table


def _cutoffs(limits, calendar, today):
    """For each level's limit: the last day a packet could have reached the level and still be in time."""
    cutoffs = {}
    for limit in limits:
        if limit.level in cutoffs or not limit.is_valid_on(today):
            continue
        day = today
        if limit.day_kind == ProcessingTimeLimit.DayKind.WORKING:
            while calendar.add_working_days(day, limit.days) >= today:
                day -= datetime.timedelta(days=1)
        else:
            day = today - datetime.timedelta(days=limit.days + 1)
        cutoffs[limit.level] = day
    return cutoffs


def oldest_waiting(scope: Scope) -> tuple[Table, Table]:
    """The oldest packets still waiting (days since they reached their status, overdue or not), and the
    overdue ones counted by level against each level's processing time limit. Four queries."""
    today = timezone.localdate()
    limits = list(ProcessingTimeLimit.objects.order_by("pk"))
    calendar = working_days.read_calendar()
    cutoffs = _cutoffs(limits, calendar, today)
    open_rows = dossiers(scope).filter(status__in=OPEN)
    oldest = list(open_rows.select_related("sender", "receiver").order_by("status_changed_at", "pk")[:OLDEST_SHOWN])
    table = Table("ho-so-cho-lau-nhat", "Hồ sơ chờ lâu nhất", ["Hồ sơ", "Số ngày chờ", "Trạng thái",
                                                             "Đơn vị gửi", "Đang ở", "Quá hạn"])
    for dossier in oldest:
        since = timezone.localdate(dossier.status_changed_at)
        level = UNIT_LEVEL.get(dossier.receiver.kind)
        late = dossier.status in IN_HAND and level in cutoffs and since <= cutoffs[level]
        holder = dossier.sender if dossier.status in (S.RETURNED, S.REFUSED) else dossier.receiver
        table.rows.append([str(dossier), (today - since).days, dossier.get_status_display(), dossier.sender.name,
                           holder.name, "Quá hạn" if late else ""])
    overdue = Q(pk__in=[])
    for level, cutoff in cutoffs.items():
        kinds = [kind for kind, lvl in UNIT_LEVEL.items() if lvl == level]
        overdue |= Q(receiver__kind__in=kinds, status_changed_at__date__lte=cutoff)
    rows = (open_rows.filter(status__in=IN_HAND).filter(overdue).order_by()
            .annotate(level=level_case("receiver__kind")).values("level").annotate(n=Count("pk")))
    counts = {row["level"]: row["n"] for row in rows}
    late = Table("ho-so-qua-han", "Hồ sơ quá thời hạn xử lý theo cấp", ["Cấp", "Số hồ sơ quá hạn"],
                 [[label, counts[value]] for value, label in AuthorityLevel.choices if counts.get(value)],
                 note="Tính theo thời hạn xử lý của từng cấp (ngày làm việc hoặc ngày lịch) "
                      "kể từ khi hồ sơ đến cấp đó.")
    return table, late


# --- Plans ------------------------------------------------------------------------------------------

def plan_coverage(scope: Scope) -> Table:
    """Plans issued in the period by the chosen units, and how many units directly below the issuer have
    implemented each (an implementing plan past its draft). One query."""
    below = (Unit.objects.in_force().filter(parent=OuterRef("issuing_unit")).order_by().values("parent")
             .annotate(n=Count("pk")).values("n"))
    done = (Plan.objects.filter(parent_plan=OuterRef("pk")).exclude(status=Plan.Status.DRAFT).order_by()
            .values("parent_plan").annotate(n=Count("issuing_unit", distinct=True)).values("n"))
    plans = (Plan.objects.visible_to(scope.user).filter(scope.under("issuing_unit__path"))
             .filter(issue_year__gte=scope.year_from, issue_year__lte=scope.year_to)
             .exclude(status=Plan.Status.DRAFT)
             .annotate(units_below=Coalesce(Subquery(below, output_field=IntegerField()), 0),
                       implemented=Coalesce(Subquery(done, output_field=IntegerField()), 0))
             .select_related("issuing_unit").order_by("-issue_year", "-pk")[:PLANS_SHOWN])
    table = Table("ke-hoach-trien-khai", "Kế hoạch và mức triển khai ở đơn vị cấp dưới",
                  ["Kế hoạch", "Tỷ lệ triển khai (%)", "Đơn vị ban hành", "Năm", "Đã triển khai", "Đơn vị cấp dưới"])
    for plan in plans:
        share = round(100 * plan.implemented / plan.units_below) if plan.units_below else 0
        table.rows.append([plan.title[:120], share, plan.issuing_unit.name, plan.issue_year, plan.implemented,
                           plan.units_below])
    return table


# --- Awards -----------------------------------------------------------------------------------------

def limits_on(scope: Scope, field: str) -> list[Q]:
    """What narrows the records, as filters on the unit path in ``field``: what the user may see, and the chosen
    subtrees. Empty when the user sees every unit and chose none."""
    return [q for q in (unit_scope_q(scope.user, field), scope.under(field)) if q]


def records(scope: Scope):
    """Award records in force (not revoked) of the period, under the chosen units: a person's through the
    person's unit, a collective's through itself, a household's through the unit that proposed it
    or the one whose decision granted it.

    The same rows as ``AwardRecord.objects.visible_to(user)`` narrowed by ``scope.under(...)``, written so the
    database reaches them from the units: one arm per kind of subject (a record names exactly one), each
    through its own index. The figures read the people's and collectives' through the tally (``tallies``), the
    households' through ``households`` and the people's through ``people_records``; this is all of them at once."""
    first, *others = [rows.order_by().values("pk") for rows in
                      (people_records(scope), collective_records(scope), households(scope))]
    return AwardRecord.objects.filter(pk__in=first.union(*others, all=True))


def _in_period(scope: Scope):
    return AwardRecord.objects.filter(revoked_on__isnull=True, year__gte=scope.year_from,
                                      year__lte=scope.year_to).order_by()


def _units(scope: Scope):
    """The units passing every limit of the scope (a range scan on the path index), or None: no limit."""
    limits = limits_on(scope, "path")
    return Unit.objects.filter(*limits).order_by().values("pk") if limits else None


def people_records(scope: Scope):
    """People's records in force of the period: the units passing every limit, their people, then those people's
    records (a person's record has one unit, so it passes when that unit passes every limit). From the indexes
    (person, year, revoked_on) and (unit, id) alone: no row is read to count them."""
    units = _units(scope)
    rows = _in_period(scope).filter(person__isnull=False)
    return rows if units is None else rows.filter(person__in=Person.objects.filter(unit__in=units).order_by()
                                                  .values("pk"))


def collective_records(scope: Scope):
    """Collectives' records in force of the period, under the units passing every limit."""
    units = _units(scope)
    rows = _in_period(scope).filter(collective__isnull=False)
    return rows if units is None else rows.filter(collective__in=units)


def households(scope: Scope):
    """Households' records in force of the period (few: read off their own index for the period); each limit may be
    met by either of their two units, as in ``visible_to``."""
    household = ~Q(household="")
    for proposer, decider in zip(*(limits_on(scope, path) for path in HOUSEHOLD_UNIT_PATHS), strict=True):
        household &= proposer | decider
    return _in_period(scope).filter(household)


def tallies(scope: Scope):
    """The award tally of the period under the chosen units: people's and collectives' awards in force counted per
    unit, year, award, subject, gender and position — the rows ``people_records`` and ``collective_records`` give,
    counted ahead. A range scan on the path index for the units, then their rows read off the tally's covering
    index (awards_tally_unit_counts)."""
    units = _units(scope)
    rows = AwardTally.objects.filter(year__gte=scope.year_from, year__lte=scope.year_to).order_by()
    return rows if units is None else rows.filter(unit__in=units)


def _tallied(rows, *fields):
    return rows.values_list(*fields).annotate(total=Sum("n"))


def award_counts(scope: Scope) -> list[tuple]:
    """The awards in force of the scope as (year, award name, award group, subject, gender, count) rows, the names
    in the database's order: the tally summed and the households' records counted, in one query (UNION ALL),
    read once for the page (five figures add these up their own way)."""
    if "award_counts" not in scope.read:
        fields = ("year", "award__name", "award__group", "subject", "gender")
        tallied = _tallied(tallies(scope), *fields)
        counted = (households(scope).annotate(subject=Value("household"), gender=Value(""))
                   .values_list(*fields).annotate(total=Count("pk")))
        scope.read["award_counts"] = list(tallied.union(counted, all=True).order_by("award__name"))
    return scope.read["award_counts"]


def _added_up(scope: Scope, column: int, *, subject=None) -> Counter:
    """``award_counts`` added up by one of its columns (0 year, 1 name, 2 group, 3 subject, 4 gender), of one
    subject or of all."""
    counts = Counter()
    for row in award_counts(scope):
        if subject is None or row[3] == subject:
            counts[row[column]] += row[5]
    return counts


def awards_by_year(scope: Scope) -> Table:
    counts = _added_up(scope, 0)
    return Table("khen-thuong-theo-nam", "Khen thưởng theo năm", ["Năm", "Số khen thưởng"],
                 [[str(year), counts.get(year, 0)] for year in range(scope.year_from, scope.year_to + 1)],
                 chart="line")


def awards_by_group(scope: Scope) -> Table:
    counts = _added_up(scope, 2)
    return Table("khen-thuong-theo-loai", "Khen thưởng theo loại hình thức", ["Loại hình thức", "Số khen thưởng"],
                 [[label, counts[value]] for value, label in AwardType.Group.choices if counts.get(value)])


def awards_by_award(scope: Scope) -> Table:
    """The awards given most; equal counts in the order the database sorts the names (Counter keeps the order
    the names came in, and the sort is stable)."""
    counts = _added_up(scope, 1)
    rows = sorted(counts.items(), key=lambda item: -item[1])[:AWARDS_SHOWN]
    return Table("khen-thuong-theo-hinh-thuc", "Khen thưởng theo hình thức (nhiều nhất)",
                 ["Hình thức, danh hiệu", "Số khen thưởng"], [[name, n] for name, n in rows])


def awards_by_subject(scope: Scope) -> Table:
    counts = _added_up(scope, 3)
    return Table("khen-thuong-theo-doi-tuong", "Khen thưởng theo đối tượng", ["Đối tượng", "Số khen thưởng"],
                 [[label, counts.get(key, 0)] for key, label in SUBJECT_KINDS.items()])


# --- Fairness ---------------------------------------------------------------------------------------

def role_words(on: datetime.date) -> dict[str, list[str]]:
    """The words of each group (leader, worker) in force on ``on``, in the order they were entered (one query)."""
    words = {group: [] for group in PositionGroupWord.Group.values}
    for group, word in PositionGroupWord.objects.in_force(on).order_by("pk").values_list("group", "word"):
        words[group].append(word)
    return words


def role_group(position: str, words: dict[str, list[str]]) -> str:
    """The group of a typed position: leader before worker ("Tổ trưởng công nhân" leads), else staff. Folding is
    idempotent, so a position the award tally keeps already folded gives the same group."""
    position = folded(position)
    for group in (PositionGroupWord.Group.LEADER, PositionGroupWord.Group.WORKER):
        if any(folded(word) in position for word in words[group]):
            return group
    return "staff"


def awards_by_role(scope: Scope) -> Table:
    """Awards of people by the group of their position. Two queries: the words in force at the end of the period,
    and the awards summed by position from the tally (which keeps each position folded, since neither SQLite nor
    every PostgreSQL collation folds the case of Vietnamese letters: "CHỦ TỊCH", "Chủ tịch" and "chủ tịch" are one);
    the positions are sorted into groups here."""
    words = role_words(scope.last_day)
    counts = Counter()
    for position, n in _tallied(tallies(scope).filter(subject=AwardTally.Subject.PERSON), "position"):
        counts[role_group(position, words)] += n
    return Table("khen-thuong-lanh-dao", "Khen thưởng cá nhân: lãnh đạo và người lao động",
                 ["Nhóm", "Số khen thưởng"], [[label, counts[key]] for key, label in ROLE_GROUPS.items()],
                 note=role_note(words))


def role_note(words) -> str:
    """The note under the figure, written from the words in force."""
    parts = []
    for group in (PositionGroupWord.Group.LEADER, PositionGroupWord.Group.WORKER):
        listed = ", ".join(dict.fromkeys(words[group])) if words[group] else "(chưa có từ nào)"
        parts.append(f"{group.label}: chức vụ có một trong các từ {listed}")
    return ("; ".join(parts) + " (không phân biệt chữ hoa, chữ thường); còn lại là cán bộ, công chức, viên chức.")


def awards_by_gender(scope: Scope) -> Table:
    counts = _added_up(scope, 4, subject=AwardTally.Subject.PERSON)
    return Table("khen-thuong-theo-gioi", "Khen thưởng cá nhân theo giới tính", ["Giới tính", "Số khen thưởng"],
                 [[label, counts.get(value, 0)] for value, label in Person.Gender.choices])


def size_band(size: int) -> str:
    """The label of the band a unit of ``size`` people falls in."""
    return next(label for high, label in SIZE_BANDS if high is None or size < high)


def awards_by_unit_size(scope: Scope) -> Table:
    """Awards of people and collectives by the size of the unit they belong to. One query: the tally summed per
    unit, the people of the units in scope counted per unit (each roll once, not once for each of its awards;
    from the (unit, id) index alone), the two joined, and the units sorted into bands here."""
    per_unit = tallies(scope).values(size_unit=F("unit")).annotate(n=Sum("n"))
    # Every unit counted above passes the limits of the scope (a person's unit or the collective itself).
    rolls = (Person.objects.filter(unit__in=Unit.objects.filter(*limits_on(scope, "path")).values("pk"))
             .order_by().values(roll_unit=F("unit")).annotate(size=Count("pk")))
    # Read where the page's other figures are read (the replica, when the router sends the statistics there).
    alias = router.db_for_read(AwardRecord)
    counted_sql, counted_params = per_unit.query.get_compiler(using=alias).as_sql()
    rolls_sql, rolls_params = rolls.query.get_compiler(using=alias).as_sql()
    # The ORM joins no grouped query to another: written out, so that neither a roll is counted per record nor
    # a subquery run per unit. Both parts are the ORM's own SQL; every value goes as a parameter.
    sql = (f"SELECT counted.n, COALESCE(rolls.size, 0) FROM ({counted_sql}) counted "  # nosec B608
           f"LEFT JOIN ({rolls_sql}) rolls ON rolls.roll_unit = counted.size_unit")
    params = (*counted_params, *rolls_params)
    counts = Counter()
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        for n, size in cursor.fetchall():
            counts[size_band(size)] += n
    return Table("khen-thuong-theo-quy-mo", "Khen thưởng theo quy mô đơn vị", ["Quy mô đơn vị", "Số khen thưởng"],
                 [[label, counts[label]] for _high, label in SIZE_BANDS],
                 note="Quy mô: số người trong danh sách của đơn vị (đơn vị của cá nhân, hoặc chính tập thể).")


def repeat_recipients(scope: Scope) -> Table:
    """People with two awards or more in the period: how many, and those with most (two queries; one when nobody
    has two).

    The first counts each person's records off the (person, year, revoked_on) index alone (COUNT(*): no record
    is read), once, and returns how many people have two or more and those counting at least as many as the one
    in the last place shown (more than are shown when counts tie). The second reads only their names and units,
    in the database's order of names, which orders the ties."""
    repeated = people_records(scope).values("person").annotate(n=Count("*")).filter(n__gte=2)
    alias = router.db_for_read(AwardRecord)
    repeated_sql, params = repeated.query.get_compiler(using=alias).as_sql()
    # The ORM reads no grouped query twice: written out around the ORM's own SQL; every value goes as a parameter.
    sql = (f"WITH repeated AS MATERIALIZED ({repeated_sql}) "  # nosec B608
           "SELECT person, n, (SELECT COUNT(*) FROM repeated) FROM repeated WHERE n >= COALESCE("
           f"(SELECT n FROM repeated ORDER BY n DESC LIMIT 1 OFFSET {REPEATS_SHOWN - 1}), 2)")
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    counts = {person: n for person, n, _total in found}
    total = found[0][2] if found else 0
    named = Person.objects.filter(pk__in=sorted(counts)).order_by("full_name", "pk").values_list("pk", "full_name",
                                                                                                 "unit__name")
    # Most awards first; among equals, the database's order of names kept (the sort is stable).
    rows = sorted(([name, counts[pk], unit] for pk, name, unit in named), key=lambda row: -row[1])
    return Table("nhan-nhieu-lan", "Cá nhân được khen thưởng từ hai lần trở lên",
                 ["Họ và tên", "Số khen thưởng", "Đơn vị"], rows[:REPEATS_SHOWN],
                 note=f"Tổng số: {total} người.")


def all_tables(scope: Scope) -> list[Table]:
    """Every figure of the page, in its order."""
    oldest, late = oldest_waiting(scope)
    return [dossiers_by_status(scope), dossiers_by_level(scope), dossiers_by_level_and_status(scope), oldest,
            late, plan_coverage(scope),
            awards_by_year(scope), awards_by_group(scope), awards_by_award(scope), awards_by_subject(scope),
            awards_by_role(scope), awards_by_gender(scope), awards_by_unit_size(scope), repeat_recipients(scope)]


TABLES = {
    "ho-so-theo-trang-thai": dossiers_by_status, "ho-so-theo-cap": dossiers_by_level,
    "ho-so-theo-cap-trang-thai": dossiers_by_level_and_status,
    "ho-so-cho-lau-nhat": lambda scope: oldest_waiting(scope)[0],
    "ho-so-qua-han": lambda scope: oldest_waiting(scope)[1],
    "ke-hoach-trien-khai": plan_coverage, "khen-thuong-theo-nam": awards_by_year,
    "khen-thuong-theo-loai": awards_by_group, "khen-thuong-theo-hinh-thuc": awards_by_award,
    "khen-thuong-theo-doi-tuong": awards_by_subject, "khen-thuong-lanh-dao": awards_by_role,
    "khen-thuong-theo-gioi": awards_by_gender, "khen-thuong-theo-quy-mo": awards_by_unit_size,
    "nhan-nhieu-lan": repeat_recipients,
}
