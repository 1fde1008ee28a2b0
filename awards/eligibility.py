"""Whether a person may be proposed for an award in a year, and why — from the standards as data.

The standard's conditions are evaluated over the person's records (awards received, yearly
ratings, initiatives, discipline). Each condition answers met or not with the records it
used, so the answer explains itself. Records of awards that may not count toward higher
forms (campaign, ad-hoc) and revoked awards are left out of every count.

The earliest year is found by assuming that, from the year proposed for on, the person earns
every lower title and rating a condition asks for — the question a clerk asks is "if they
keep it up, when can we propose them?".
"""

import datetime
from dataclasses import dataclass, field

from .models import AwardRecord, AwardType, Condition, DisciplinePeriod, Initiative, Standard, TaskRating

O = Condition.Operator
RATING_ORDER = [TaskRating.Rating.NOT_DONE, TaskRating.Rating.DONE, TaskRating.Rating.GOOD,
                TaskRating.Rating.EXCELLENT]
SCOPE_ORDER = [Initiative.Scope.BASE, Initiative.Scope.PROVINCE, Initiative.Scope.NATIONAL]
HORIZON = 12  # years ahead searched for the earliest possible year


@dataclass
class ConditionResult:
    condition: Condition
    met: bool
    used: list = field(default_factory=list)  # the records it rested on
    missing: list[int] = field(default_factory=list)  # years that lack what the condition asks

    @property
    def description(self):
        return self.condition.description


@dataclass
class Verdict:
    award: AwardType
    year: int
    standard: Standard | None
    results: list[ConditionResult]
    eligible: bool
    earliest_year: int | None

    def as_dict(self):
        return {
            "award": self.award.code, "award_name": self.award.name, "year": self.year,
            "eligible": self.eligible, "earliest_year": self.earliest_year,
            "standard": self.standard.description if self.standard else None,
            "conditions": [{"description": r.description, "group": r.condition.group, "met": r.met,
                            "records": [_describe(x) for x in r.used], "missing_years": r.missing}
                           for r in self.results],
        }


@dataclass
class History:
    """A person's records, read once (four queries), indexed for the conditions."""

    awards: dict[int, list[AwardRecord]]  # year -> counting records
    ratings: dict[int, TaskRating]
    initiatives: list[Initiative]
    discipline: list[DisciplinePeriod]

    @classmethod
    def of(cls, person):
        return cls.of_many([person])[person.pk]

    @classmethod
    def of_many(cls, people):
        """Histories of ``people`` by person id: the same four queries for one person or five hundred."""
        ids = [p.pk for p in people]
        histories = {pk: cls(awards={}, ratings={}, initiatives=[], discipline=[]) for pk in ids}
        for record in (AwardRecord.objects.filter(person__in=ids, revoked_on__isnull=True,
                                                  award__counts_toward_chains=True).select_related("award")):
            histories[record.person_id].awards.setdefault(record.year, []).append(record)
        for rating in TaskRating.objects.filter(person__in=ids):
            histories[rating.person_id].ratings[rating.year] = rating
        for authorship in (Initiative.authors.through.objects.filter(person__in=ids).select_related("initiative")
                           .order_by("-initiative__year", "initiative__title")):
            histories[authorship.person_id].initiatives.append(authorship.initiative)
        for period in DisciplinePeriod.objects.filter(person__in=ids):
            histories[period.person_id].discipline.append(period)
        return histories

    def award_in(self, year, codes):
        return next((r for r in self.awards.get(year, []) if r.award.code in codes), None)


def check(person, award: AwardType, year: int, *, award_class: str = "",
          on: datetime.date | None = None) -> Verdict:
    """The verdict for proposing ``person`` for ``award`` (of ``award_class``) in ``year``."""
    return Judge([person]).check(person, award, year, award_class=award_class, on=on)


class Judge:
    """Verdicts for many people at once: their records read together on first need, each standard once.

    Proposing a whole list reads its people's histories in a few queries instead of a few per
    person; the rules evaluated are the same as for one person.
    """

    def __init__(self, people):
        self.people = list(people)
        self._histories = None
        self._standards = {}

    def history(self, person) -> History:
        if self._histories is None:
            self._histories = History.of_many(self.people)
        return self._histories[person.pk]

    def standard(self, award, award_class, on) -> Standard | None:
        key = (award.pk, award_class, on)
        if key not in self._standards:
            self._standards[key] = (Standard.objects.in_force(on)
                                    .filter(award=award, award_class=award_class, subject=Standard.Subject.INDIVIDUAL)
                                    .prefetch_related("conditions").first())
        return self._standards[key]

    def check(self, person, award: AwardType, year: int, *, award_class: str = "",
              on: datetime.date | None = None) -> Verdict:
        standard = self.standard(award, award_class, on or datetime.date(year, 12, 31))
        if standard is None:
            return Verdict(award, year, None, [], False, None)
        history = self.history(person)
        conditions = list(standard.conditions.all())
        results = [_evaluate(c, history, year, assume_after=None) for c in conditions]
        eligible = _all_groups_met(results)
        earliest = year if eligible else _earliest(conditions, history, year)
        return Verdict(award, year, standard, results, eligible, earliest)


def _all_groups_met(results):
    groups = {}
    for result in results:
        groups.setdefault(result.condition.group, []).append(result.met)
    return bool(groups) and all(any(flags) for flags in groups.values())


def _earliest(conditions, history, year):
    for candidate in range(year + 1, year + HORIZON + 1):
        # Years after the one proposed for are assumed earned; discipline still blocks.
        results = [_evaluate(c, history, candidate, assume_after=year) for c in conditions]
        if _all_groups_met(results):
            return candidate
    return None


def _evaluate(condition, history, year, *, assume_after):
    def assumed(y):
        return assume_after is not None and y > assume_after

    op = condition.operator
    if op == O.HAS_AWARD:
        return _years(condition, history, [year], assumed)
    if op == O.CONSECUTIVE:
        return _years(condition, history, [year - i * condition.step for i in range(condition.count)], assumed)
    if op == O.COUNT_IN_WINDOW:
        years = _window(condition, history, year)
        used = [r for y in years if (r := history.award_in(y, condition.codes))]
        extra = sum(1 for y in range(year - (condition.window or HORIZON) + 1, year + 1) if assumed(y))
        return ConditionResult(condition, len(used) + extra >= condition.count, used)
    if op == O.RATING:
        years = [year - i for i in range(condition.count)]
        used = [history.ratings[y] for y in years if y in history.ratings and _at_least(history.ratings[y], condition)]
        missing = [y for y in years if not assumed(y) and not (y in history.ratings and
                                                                 _at_least(history.ratings[y], condition))]
        return ConditionResult(condition, not missing, used, missing)
    if op == O.RATING_COUNT:
        span = range(year - condition.window + 1, year + 1)
        used = [history.ratings[y] for y in span if y in history.ratings and _at_least(history.ratings[y], condition)]
        return ConditionResult(condition, len(used) + sum(1 for y in span if assumed(y)) >= condition.count, used)
    if op == O.INITIATIVE:
        first = year - condition.window + 1 if condition.window else year
        used = [i for i in history.initiatives if first <= i.year <= year
                and SCOPE_ORDER.index(i.scope) >= SCOPE_ORDER.index(condition.scope or Initiative.Scope.BASE)]
        return ConditionResult(condition, bool(used) or assumed(year), used)
    if op == O.NO_DISCIPLINE:
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        used = [d for d in history.discipline if d.start <= end and (d.end is None or d.end >= start)]
        return ConditionResult(condition, not used, used, [year] if used else [])
    raise ValueError(op)


def _years(condition, history, years, assumed):
    used, missing = [], []
    for y in years:
        record = history.award_in(y, condition.codes)
        if record:
            used.append(record)
        elif not assumed(y):
            missing.append(y)
    return ConditionResult(condition, not missing, used, missing)


def _window(condition, history, year):
    if condition.window:
        return range(year - condition.window + 1, year + 1)
    return [y for y in history.awards if y <= year]


def _at_least(rating, condition):
    return RATING_ORDER.index(rating.rating) >= RATING_ORDER.index(condition.rating)


def _describe(record):
    if isinstance(record, AwardRecord):
        return f"{record.award_label} năm {record.year} ({record.decision_number}, {record.issuing_body})"
    if isinstance(record, TaskRating):
        return f"Năm {record.year}: {record.get_rating_display()}"
    if isinstance(record, Initiative):
        return f"Sáng kiến “{record.title}” ({record.year}, {record.get_scope_display().lower()})"
    if isinstance(record, DisciplinePeriod):
        return f"Kỷ luật {record.get_form_display().lower()} từ {record.start:%d/%m/%Y}"
    return str(record)
