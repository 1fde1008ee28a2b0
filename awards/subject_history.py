"""The records the eligibility engine judges, read once per subject: a person's or a collective's.

A collective's history includes the records of the units it continues (merged or renamed into
it, however many links back), so a 2023 title of a commune merged away in 2025 still counts for
the commune that took it over. A collective's members in a year are the people with a posting
in the unit, in its internal offices, or in those predecessors, at some time in that year.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from units.models import Person, Posting, Unit, UnitSuccession
from units.scoping import path_range_q, predecessors_of

from .models import AwardRecord, AwardType, DisciplinePeriod, Initiative, TaskRating

RATING_ORDER = [TaskRating.Rating.NOT_DONE, TaskRating.Rating.DONE, TaskRating.Rating.GOOD,
                TaskRating.Rating.EXCELLENT]
# Results of campaign and ad-hoc awards may not be the basis of a merit proposal to a higher
# level (D152 Art. 4 — V in the domain reference).
NOT_COUNTING_KINDS = {AwardType.Kind.THEMATIC, AwardType.Kind.AD_HOC}
# A collective's own achievements pass on when units merge, are renamed or change parent. Not
# through an abolition (the body is gone, its tasks went elsewhere) nor a split (several units
# took a part each): there the council judges, helped by an approver's reason.
ACHIEVEMENT_SUCCESSIONS = (UnitSuccession.Kind.MERGE, UnitSuccession.Kind.RENAME, UnitSuccession.Kind.TRANSFER)


def rating_rank(rating) -> int:
    return RATING_ORDER.index(rating)


def year_span(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def overlaps(period, year):
    start, end = year_span(year)
    return period.start <= end and (period.end is None or period.end >= start)


def _not_counting_reason(record):
    if record.revoked_on:
        return f"đã bị hủy bỏ ngày {record.revoked_on:%d/%m/%Y}"
    if record.effective_kind in NOT_COUNTING_KINDS:
        return (f"khen thưởng {AwardType.Kind(record.effective_kind).label.lower()} không được tính làm căn cứ "
                "đề nghị khen thưởng cao hơn")
    if not record.award.counts_toward_chains:
        return "hình thức này không được tính làm căn cứ đề nghị khen thưởng cao hơn"
    return ""


@dataclass
class Members:
    """A collective's members in one year, with their records of that year."""

    people: list
    awards: dict = field(default_factory=dict)  # person id -> counting records of the year
    ratings: dict = field(default_factory=dict)  # person id -> rating of the year
    discipline: dict = field(default_factory=dict)  # person id -> periods overlapping the year


@dataclass
class History:
    """A subject's records, read once, indexed for the conditions."""

    awards: dict[int, list[AwardRecord]]  # year -> counting records
    ratings: dict[int, TaskRating]  # year -> the rating (a collective: the best of it and its predecessors)
    initiatives: list[Initiative]
    discipline: list[DisciplinePeriod]
    ignored: dict[int, list[tuple[AwardRecord, str]]] = field(default_factory=dict)  # year -> (record, why)
    subject: object = None
    unit_ids: list[int] = field(default_factory=list)  # a collective: itself and the units it continues
    unit_paths: list[str] = field(default_factory=list)
    _members: dict = field(default_factory=dict, repr=False)
    _member_units: list | None = field(default=None, repr=False)

    @classmethod
    def of(cls, subject):
        if isinstance(subject, Unit):
            return cls._of_collective(subject)
        return cls._of_person(subject)

    @classmethod
    def _of_person(cls, person):
        history = cls({}, {}, [], [], subject=person)
        history._add_awards(AwardRecord.objects.filter(person=person).select_related("award"))
        history.ratings = {r.year: r for r in TaskRating.objects.filter(person=person)}
        history.initiatives = list(Initiative.objects.filter(authors=person))
        history.discipline = list(DisciplinePeriod.objects.filter(person=person))
        return history

    @classmethod
    def _of_collective(cls, unit):
        lineage = [(unit.pk, unit.path)] + [(pk, path) for pk, path in predecessors_of([unit.pk],
                                                                                      ACHIEVEMENT_SUCCESSIONS)
                                            if pk != unit.pk]
        ids = [pk for pk, _path in lineage]
        history = cls({}, {}, [], [], subject=unit, unit_ids=ids, unit_paths=[path for _pk, path in lineage])
        history._add_awards(AwardRecord.objects.filter(collective_id__in=ids).select_related("award", "collective"))
        for rating in TaskRating.objects.filter(collective_id__in=ids).select_related("collective"):
            # Several predecessors rated for one year: the best rating stands for the year, and
            # the verdict names whose it was. The unit's own rating wins a tie.
            held = history.ratings.get(rating.year)
            key = (rating_rank(rating.rating), rating.collective_id == unit.pk)
            if held is None or key > (rating_rank(held.rating), held.collective_id == unit.pk):
                history.ratings[rating.year] = rating
        return history

    def _add_awards(self, records):
        for record in records:
            reason = _not_counting_reason(record)
            if reason:
                self.ignored.setdefault(record.year, []).append((record, reason))
            else:
                self.awards.setdefault(record.year, []).append(record)

    def award_in(self, year, codes):
        return next((r for r in self.awards.get(year, []) if r.award.code in codes), None)

    def ignored_in(self, year, codes):
        return [(r, why) for r, why in self.ignored.get(year, []) if r.award.code in codes]

    def counts_from(self, year) -> int:
        """The first year whose achievements count for a proposal in ``year``.

        After a disciplinary term ends, achievements count only from its end (D152 Art. 4):
        the years up to and including the year it ended are left out; a term without an
        end leaves out everything.
        """
        first = 0
        for period in self.discipline:
            if period.start.year <= year:
                first = max(first, period.end.year + 1 if period.end else 10_000)
        return first

    def discipline_before(self, year):
        """The term that makes achievements before ``counts_from(year)`` not count."""
        periods = [p for p in self.discipline if p.start.year <= year]
        return max(periods, key=lambda p: p.end or datetime.date.max, default=None)

    # --- a collective's members ---

    def members(self, year) -> Members:
        if year not in self._members:
            self._members[year] = self._read_members(year)
        return self._members[year]

    def _member_unit_ids(self):
        # The unit's internal offices (and offices within them) are part of it; a school or a
        # village below a commune is a collective of its own and is left out.
        if self._member_units is None:
            area = Q(pk__in=[])
            for path in self.unit_paths:
                area |= path_range_q(path, "path")
            kept = set(self.unit_ids)
            offices = (Unit.objects.filter(area, kind=Unit.Kind.OFFICE).order_by("depth")
                       .values_list("pk", "parent_id"))
            for pk, parent_id in offices:
                if parent_id in kept:
                    kept.add(pk)
            self._member_units = sorted(kept)
        return self._member_units

    def _read_members(self, year):
        start, end = year_span(year)
        postings = Posting.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=start),
                                          unit_id__in=self._member_unit_ids(), start_date__lte=end)
        member_ids = postings.values("person_id")
        members = Members(list(Person.objects.filter(pk__in=member_ids).order_by("search_key", "pk")))
        if not members.people:
            return members
        for record in (AwardRecord.objects.filter(person_id__in=member_ids, year=year)
                       .select_related("award", "person")):
            if not _not_counting_reason(record):
                members.awards.setdefault(record.person_id, []).append(record)
        members.ratings = {r.person_id: r for r in TaskRating.objects.filter(person_id__in=member_ids, year=year)
                           .select_related("person")}
        for period in (DisciplinePeriod.objects.filter(Q(end__isnull=True) | Q(end__gte=start),
                                                       person_id__in=member_ids, start__lte=end)
                       .select_related("person")):
            members.discipline.setdefault(period.person_id, []).append(period)
        return members
