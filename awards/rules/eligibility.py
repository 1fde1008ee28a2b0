"""Whether a person or a collective may be proposed for an award in a year, and why — from the standards as data.

The standard's conditions are evaluated over the subject's records (awards received, yearly
ratings, initiatives, discipline; for a collective also its members' records of the year and
the records of the units it continues after a merger or a rename). Each condition answers met
or not with the records it used, and names the records it left out and why (revoked, campaign
or ad-hoc awards, achievements before a disciplinary term ended), so the answer explains itself.

The earliest year is found by assuming that, from the year proposed for on, the subject earns
every lower title and rating a condition asks for — the question a clerk asks is "if they
keep it up, when can we propose them?".

``Judge`` gives the verdicts for a whole batch of subjects (a nominee list loaded from Excel):
their histories are read together and each standard once, by the same rules as ``check``.
"""

import dataclasses
import datetime
from dataclasses import dataclass, field

from units.models import Membership, Unit

from awards.models import AwardRecord, AwardType, Condition, DisciplinePeriod, Initiative, Standard, TaskRating
from awards.rules.subject_history import History, overlaps, rating_rank, subject_key

__all__ = ["History", "Judge", "Verdict", "ConditionResult", "check", "subject_kind"]

Op = Condition.Operator
SCOPE_ORDER = [Initiative.Scope.BASE, Initiative.Scope.PROVINCE, Initiative.Scope.NATIONAL]
FORM_ORDER = list(DisciplinePeriod.Form.values)  # declared from the lightest to the heaviest
HORIZON = 12  # years ahead searched for the earliest possible year
MAX_LISTED = 6  # records and names spelled out per condition; the rest are counted
# Who confirms, with a reason, a proposal the check found not yet eligible: the proposing unit's leader.
CONFIRMING_ROLES = (Membership.Role.APPROVER,)


@dataclass
class ConditionResult:
    condition: Condition
    met: bool
    used: list = field(default_factory=list)  # the records it rested on
    missing: list[int] = field(default_factory=list)  # years that lack what the condition asks
    ignored: list = field(default_factory=list)  # (record, why) found but not counted
    detail: str = ""  # a count in words, for conditions on members

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
    subject: object = None
    # The year whose rating is not entered yet and alone stands between the subject and the award.
    rating_missing_year: int | None = None

    @property
    def rating_missing_text(self):
        return rating_missing_text(self.rating_missing_year)

    def as_dict(self):
        subject = self.subject
        return {
            "award": self.award.code, "award_name": self.award.name, "year": self.year,
            "eligible": self.eligible, "earliest_year": self.earliest_year,
            "rating_missing_year": self.rating_missing_year,
            "rating_missing": self.rating_missing_text,
            "standard": self.standard.description if self.standard else None,
            "subject": _name(subject), "subject_kind": subject_kind(subject) if subject is not None else None,
            "conditions": [{"description": r.description, "group": r.condition.group, "met": r.met,
                            "certainty": r.condition.certainty, "detail": r.detail,
                            "records": _listed([describe_record(x, subject) for x in r.used]),
                            "ignored": _listed([f"{describe_record(x, subject)} — {why}" for x, why in r.ignored]),
                            "missing_years": r.missing}
                           for r in self.results],
        }


def rating_missing_text(year) -> str:
    return f"Chưa nhập xếp loại năm {year}" if year else ""


def subject_kind(subject) -> str:
    return Standard.Subject.COLLECTIVE if isinstance(subject, Unit) else Standard.Subject.INDIVIDUAL


def check(subject, award: AwardType, year: int, *, award_class: str = "",
          on: datetime.date | None = None) -> Verdict:
    """The verdict for proposing ``subject`` (a Person or a Unit) for ``award`` (of ``award_class``) in ``year``."""
    return Judge([subject]).check(subject, award, year, award_class=award_class, on=on)


class Judge:
    """Verdicts for many subjects, people and collectives: their histories read together on first need.

    ``standards`` may be a dict shared between judges (one per batch of a long list), so each
    standard is read once for the whole list.
    """

    def __init__(self, subjects, *, standards: dict | None = None):
        self.subjects = list(subjects)
        self._histories = None
        self._standards = {} if standards is None else standards

    def history(self, subject) -> History:
        if self._histories is None:
            self._histories = History.of_many(self.subjects)
        return self._histories[subject_key(subject)]

    def standard(self, award, award_class, kind, on) -> Standard | None:
        key = (award.pk, award_class, kind, on)
        if key not in self._standards:
            self._standards[key] = (Standard.objects.in_force(on)
                                    .filter(award=award, award_class=award_class, subject=kind)
                                    .prefetch_related("conditions").first())
        return self._standards[key]

    def check(self, subject, award: AwardType, year: int, *, award_class: str = "",
              on: datetime.date | None = None) -> Verdict:
        """``check`` for one of the judge's subjects."""
        standard = self.standard(award, award_class, subject_kind(subject), on or datetime.date(year, 12, 31))
        if standard is None:
            return Verdict(award, year, None, [], False, None, subject)
        history = self.history(subject)
        conditions = list(standard.conditions.all())
        evaluation = _Evaluation(history, year)
        results = [evaluation.run(c) for c in conditions]
        eligible = _all_groups_met(results)
        if not eligible and _waits_for_rating(conditions, results, history, year):
            # Not a later year: the year's rating is simply not entered yet.
            return Verdict(award, year, standard, results, False, None, subject, rating_missing_year=year)
        earliest = year if eligible else _earliest(conditions, history, year)
        return Verdict(award, year, standard, results, eligible, earliest, subject)


RATING_OPERATORS = (Op.RATING, Op.RATING_COUNT)


def _waits_for_rating(conditions, results, history, year):
    """Whether the year's rating is missing and the best rating would meet every group."""
    if year in history.ratings:
        return False
    if not any(r.condition.operator in RATING_OPERATORS for r in results if not r.met):
        return False
    best = TaskRating(year=year, rating=TaskRating.Rating.EXCELLENT)
    supposed = dataclasses.replace(history, ratings={**history.ratings, year: best})
    evaluation = _Evaluation(supposed, year)
    return _all_groups_met([evaluation.run(c) for c in conditions])


def _all_groups_met(results):
    groups = {}
    for result in results:
        groups.setdefault(result.condition.group, []).append(result.met)
    return bool(groups) and all(any(flags) for flags in groups.values())


def _earliest(conditions, history, year):
    for candidate in range(year + 1, year + HORIZON + 1):
        # Years after the one proposed for are assumed earned; discipline still blocks.
        evaluation = _Evaluation(history, candidate, assume_after=year)
        if _all_groups_met([evaluation.run(c) for c in conditions]):
            return candidate
    return None


class _Evaluation:
    """The conditions judged for one year; years after ``assume_after`` count as earned."""

    def __init__(self, history, year, assume_after=None):
        self.history, self.year, self.assume_after = history, year, assume_after
        self.counts_from = history.counts_from(year)

    def counts(self, y):
        return y >= self.counts_from

    def assumed(self, y):
        return self.assume_after is not None and y > self.assume_after and self.counts(y)

    def run(self, condition):
        handler = getattr(self, f"_{condition.operator}", None)
        if handler is None:
            raise ValueError(condition.operator)
        return handler(condition)

    # --- what counts ---

    def _award_in(self, y, codes):
        return self.history.award_in(y, codes) if self.counts(y) else None

    def _ignored_awards(self, years, codes):
        ignored = []
        for y in years:
            ignored += self.history.ignored_in(y, codes)
            if not self.counts(y):
                ignored += [(r, self._before_discipline()) for r in self.history.awards.get(y, [])
                            if r.award.code in codes]
        return ignored

    def _rating_in(self, y, condition):
        rating = self.history.ratings.get(y)
        if rating is None or rating_rank(rating.rating) < rating_rank(condition.rating):
            return None
        return rating

    def _before_discipline(self):
        period = self.history.discipline_before(self.year)
        until = f" (đến {period.end:%d/%m/%Y})" if period and period.end else " (chưa có ngày kết thúc)"
        return f"thành tích trước khi hết thời hạn kỷ luật{until}"

    def _years(self, condition, years):
        used, missing = [], []
        for y in years:
            record = self._award_in(y, condition.codes)
            if record:
                used.append(record)
            elif not self.assumed(y):
                missing.append(y)
        return ConditionResult(condition, not missing, used, missing, self._ignored_awards(missing, condition.codes))

    def _ratings(self, condition, years):
        used, missing, ignored = [], [], []
        for y in years:
            rating = self._rating_in(y, condition)
            if rating and self.counts(y):
                used.append(rating)
            elif not self.assumed(y):
                missing.append(y)
                if rating:
                    ignored.append((rating, self._before_discipline()))
        return used, missing, ignored

    # --- one method per operator ---

    def _has_award(self, condition):
        return self._years(condition, [self.year])

    def _consecutive(self, condition):
        return self._years(condition, [self.year - i * condition.step for i in range(condition.count)])

    def _count_in_window(self, condition):
        if condition.window:
            years = list(range(self.year - condition.window + 1, self.year + 1))
        else:
            years = sorted(y for y in set(self.history.awards) | set(self.history.ignored) if y <= self.year)
        used = [r for y in years if (r := self._award_in(y, condition.codes))]
        span = range(self.year - (condition.window or HORIZON) + 1, self.year + 1)
        met = len(used) + sum(1 for y in span if self.assumed(y)) >= condition.count
        return ConditionResult(condition, met, used,
                               ignored=[] if met else self._ignored_awards(years, condition.codes))

    def _rating(self, condition):
        used, missing, ignored = self._ratings(condition, [self.year - i for i in range(condition.count)])
        return ConditionResult(condition, not missing, used, missing, ignored)

    def _rating_count(self, condition):
        years = range(self.year - condition.window + 1, self.year + 1)
        used, missing, ignored = self._ratings(condition, years)
        met = len(used) + sum(1 for y in years if self.assumed(y)) >= condition.count
        return ConditionResult(condition, met, used, ignored=[] if met else ignored)

    def _initiative(self, condition):
        first = self.year - condition.window + 1 if condition.window else self.year
        wanted = SCOPE_ORDER.index(condition.scope or Initiative.Scope.BASE)
        found = [i for i in self.history.initiatives
                 if first <= i.year <= self.year and SCOPE_ORDER.index(i.scope) >= wanted]
        used = [i for i in found if self.counts(i.year)]
        ignored = [(i, self._before_discipline()) for i in found if not self.counts(i.year)]
        return ConditionResult(condition, bool(used) or self.assumed(self.year), used, ignored=ignored)

    def _no_discipline(self, condition):
        used = [d for d in self.history.discipline if overlaps(d, self.year) and _serious(d, condition)]
        return ConditionResult(condition, not used, used, [self.year] if used else [])

    def _member_share(self, condition):
        return self._members_achieving(condition)

    def _member_count(self, condition):
        return self._members_achieving(condition)

    def _members_achieving(self, condition):
        if self.assumed(self.year):
            return ConditionResult(condition, True)
        members = self.history.members(self.year)
        achievers, others, used = [], [], []
        for person in members.people:
            proof = _member_proof(members, person, condition)
            if proof:
                achievers.append(person)
                used += proof
            else:
                others.append(person)
        total, n = len(members.people), len(achievers)
        if condition.operator == Op.MEMBER_SHARE:
            wanted = condition.count * total
            met = total > 0 and (n * 100 > wanted if condition.strictly_above else n * 100 >= wanted)
            detail = f"{n}/{total} thành viên đạt ({_percent(n, total)})"
        else:
            met = n >= condition.count
            detail = f"{n}/{total} thành viên đạt (cần ít nhất {condition.count})"
        if not total:
            detail = f"Không có ai có quá trình công tác tại đơn vị trong năm {self.year}"
        elif others and condition.operator == Op.MEMBER_SHARE:
            detail += f"; chưa đạt: {_names(others)}"
        return ConditionResult(condition, met, used, [] if met else [self.year], detail=detail)

    def _member_no_discipline(self, condition):
        # Never assumed, like a person's own discipline: a member's term that runs into a later
        # year still blocks that year (the members are those whose postings reach it).
        members = self.history.members(self.year)
        used = [d for person in members.people for d in members.discipline.get(person.pk, [])
                if _serious(d, condition)]
        total = len(members.people)
        detail = (f"{len({d.person_id for d in used})}/{total} thành viên bị kỷ luật ở mức này" if used
                  else f"Không ai trong {total} thành viên bị kỷ luật ở mức này")
        return ConditionResult(condition, not used, used, [self.year] if used else [], detail=detail)


def _member_proof(members, person, condition):
    """The member's records of the year that meet the condition, or None."""
    proof = []
    if condition.codes:
        record = next((r for r in members.awards.get(person.pk, []) if r.award.code in condition.codes), None)
        if record is None:
            return None
        proof.append(record)
    if condition.rating:
        rating = members.ratings.get(person.pk)
        if rating is None or rating_rank(rating.rating) < rating_rank(condition.rating):
            return None
        proof.append(rating)
    return proof or None


def _serious(period, condition):
    return not condition.discipline_form or FORM_ORDER.index(period.form) >= FORM_ORDER.index(condition.discipline_form)


def _percent(n, total):
    if not total:
        return "0%"
    return f"{n * 100 / total:.1f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


def _names(people):
    names = [p.full_name for p in people[:MAX_LISTED]]
    more = len(people) - len(names)
    return ", ".join(names) + (f" và {more} người khác" if more else "")


def _listed(texts):
    if len(texts) <= MAX_LISTED:
        return texts
    return texts[:MAX_LISTED] + [f"… và {len(texts) - MAX_LISTED} hồ sơ khác"]


def _name(subject):
    if subject is None:
        return None
    return subject.name if isinstance(subject, Unit) else subject.full_name


def _holder(record, subject):
    """Whose record it is, when it is not the collective's own: a member's or a predecessor's."""
    if not isinstance(subject, Unit):
        return ""
    if getattr(record, "person_id", None):
        return f"{record.person.full_name}: "
    if getattr(record, "collective_id", None) and record.collective_id != subject.pk:
        return f"{record.collective.name} (đơn vị tiền thân): "
    return ""


def describe_record(record, subject=None):
    """How a verdict names a record it used (stored with the proposal, so revoking a record finds it again)."""
    holder = _holder(record, subject)
    if isinstance(record, AwardRecord):
        return f"{holder}{record.award_label} năm {record.year} ({record.decision_number}, {record.issuing_body})"
    if isinstance(record, TaskRating):
        return f"{holder}Năm {record.year}: {record.get_rating_display()}"
    if isinstance(record, Initiative):
        return f"Sáng kiến “{record.title}” ({record.year}, {record.get_scope_display().lower()})"
    if isinstance(record, DisciplinePeriod):
        until = f" đến {record.end:%d/%m/%Y}" if record.end else ""
        return f"{holder}Kỷ luật {record.get_form_display().lower()} từ {record.start:%d/%m/%Y}{until}"
    return str(record)
