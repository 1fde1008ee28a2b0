"""The records the eligibility engine judges, read once per subject: a person's or a collective's.

A collective's history includes the records of the units it continues (merged or renamed into
it, however many links back), so a 2023 title of a commune merged away in 2025 still counts for
the commune that took it over. A collective's members in a year are the people with a posting
in the unit, in its internal offices, or in those predecessors, at some time in that year.

Histories are read for many subjects at once (``History.of_many``): a fixed number of queries
whether a nominee list holds one line or five hundred, people and collectives alike; the
members of a batch's collectives are read together too, for a year a condition first asks.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from units.models import Posting, Unit, UnitSuccession
from units.scoping import path_range_q

from awards.models import AwardRecord, AwardType, DisciplinePeriod, Initiative, TaskRating

RATING_ORDER = [TaskRating.Rating.NOT_DONE, TaskRating.Rating.DONE, TaskRating.Rating.GOOD,
                TaskRating.Rating.EXCELLENT]
# Results of campaign and ad-hoc awards may not be the basis of a merit proposal to a higher
# level (D152 Art. 4 — V in the domain reference).
NOT_COUNTING_KINDS = {AwardType.Kind.THEMATIC, AwardType.Kind.AD_HOC}
# A collective's own achievements pass on when units merge, are renamed or change parent. Not
# through an abolition (the body is gone, its tasks went elsewhere) nor a split (several units
# took a part each): there the council judges, helped by an approver's reason.
ACHIEVEMENT_SUCCESSIONS = (UnitSuccession.Kind.MERGE, UnitSuccession.Kind.RENAME, UnitSuccession.Kind.TRANSFER)


def subject_key(subject):
    """How histories are filed: people and units are numbered apart, so a kind goes with the id."""
    return ("c" if isinstance(subject, Unit) else "p", subject.pk)


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
    _members: dict = field(default_factory=dict, repr=False)  # year -> Members
    _collectives: "_Collectives | None" = field(default=None, repr=False)

    @classmethod
    def of(cls, subject):
        return cls.of_many([subject])[subject_key(subject)]

    @classmethod
    def of_many(cls, subjects) -> dict:
        """Histories of ``subjects`` (people and units, mixed) by ``subject_key``, read together.

        People cost four queries (awards, ratings, initiatives, discipline) and collectives
        three (successions, awards, ratings), however many of each.
        """
        people, units = {}, {}
        for subject in subjects:
            (units if isinstance(subject, Unit) else people)[subject.pk] = subject
        histories = {}
        if people:
            histories.update((("p", pk), h) for pk, h in cls._of_people(people).items())
        if units:
            histories.update((("c", pk), h) for pk, h in cls._of_collectives(units).items())
        return histories

    @classmethod
    def _of_people(cls, people):
        histories = {pk: cls({}, {}, [], [], subject=person) for pk, person in people.items()}
        for record in AwardRecord.objects.filter(person_id__in=list(people)).select_related("award"):
            histories[record.person_id]._add_award(record)
        for rating in TaskRating.objects.filter(person_id__in=list(people)):
            histories[rating.person_id].ratings[rating.year] = rating
        for authorship in (Initiative.authors.through.objects.filter(person_id__in=list(people))
                           .select_related("initiative").order_by("-initiative__year", "initiative__title",
                                                                  "initiative_id")):
            histories[authorship.person_id].initiatives.append(authorship.initiative)
        for period in DisciplinePeriod.objects.filter(person_id__in=list(people)):
            histories[period.person_id].discipline.append(period)
        return histories

    @classmethod
    def _of_collectives(cls, units):
        lineages = Unit.objects.predecessors_by_unit(units, ACHIEVEMENT_SUCCESSIONS)
        collectives = _Collectives()
        histories = {}
        for pk, unit in units.items():
            lineage = [(unit.pk, unit.path)] + [(p, path) for p, path in lineages.get(pk, []) if p != pk]
            histories[pk] = cls({}, {}, [], [], subject=unit, unit_ids=[p for p, _path in lineage],
                                unit_paths=[path for _p, path in lineage], _collectives=collectives)
        collectives.histories = list(histories.values())
        # A predecessor's records count for every collective of the batch that continues it.
        holders = {}
        for history in collectives.histories:
            for pk in history.unit_ids:
                holders.setdefault(pk, []).append(history)
        for record in (AwardRecord.objects.filter(collective_id__in=list(holders))
                       .select_related("award", "collective")):
            for history in holders[record.collective_id]:
                history._add_award(record)
        for rating in (TaskRating.objects.filter(collective_id__in=list(holders)).select_related("collective")
                       .order_by("-year", "pk")):
            for history in holders[rating.collective_id]:
                history._add_rating(rating)
        return histories

    def _add_rating(self, rating):
        # Several predecessors rated for one year: the best rating stands for the year, and
        # the verdict names whose it was. The unit's own rating wins a tie.
        own = self.subject.pk
        held = self.ratings.get(rating.year)
        key = (rating_rank(rating.rating), rating.collective_id == own)
        if held is None or key > (rating_rank(held.rating), held.collective_id == own):
            self.ratings[rating.year] = rating

    def _add_award(self, record):
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
        if self._collectives is None:
            return Members([])  # a person has no members
        if year not in self._members:
            self._collectives.read_members(year)
        return self._members[year]


class _Collectives:
    """The collectives whose histories were read together: their members are read together too."""

    def __init__(self):
        self.histories = []
        self._member_units = None  # per history: its own units and their internal offices

    def member_units(self):
        # The unit's internal offices (and offices within them) are part of it; a school or a
        # village below a commune is a collective of its own and is left out.
        if self._member_units is None:
            area = Q(pk__in=[])
            for path in sorted({path for h in self.histories for path in h.unit_paths}):
                area |= path_range_q(path, "path")
            offices = {}
            for pk, parent_id in Unit.objects.filter(area, kind=Unit.Kind.OFFICE).values_list("pk", "parent_id"):
                offices.setdefault(parent_id, []).append(pk)
            self._member_units = []
            for history in self.histories:
                kept, todo = set(history.unit_ids), list(history.unit_ids)
                while todo:
                    for pk in offices.get(todo.pop(), []):
                        if pk not in kept:
                            kept.add(pk)
                            todo.append(pk)
                self._member_units.append(kept)
        return self._member_units

    def read_members(self, year):
        """Every collective's members in ``year`` with their records of the year: five queries in all."""
        start, end = year_span(year)
        groups = self.member_units()
        holders = {}  # unit id -> positions of the collectives it belongs to
        for position, units in enumerate(groups):
            for pk in units:
                holders.setdefault(pk, []).append(position)
        postings = Posting.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=start),
                                          unit_id__in=list(holders), start_date__lte=end)
        people = [{} for _units in groups]
        for posting in postings.select_related("person").order_by():
            for position in holders[posting.unit_id]:
                people[position].setdefault(posting.person_id, posting.person)
        # The year's records are read once for everyone and shared: each collective looks up
        # only its own members in them.
        awards, ratings, discipline = {}, {}, {}
        if any(people):
            member_ids = postings.values("person_id")
            for record in (AwardRecord.objects.filter(person_id__in=member_ids, year=year)
                           .select_related("award", "person")):
                if not _not_counting_reason(record):
                    awards.setdefault(record.person_id, []).append(record)
            ratings = {r.person_id: r for r in TaskRating.objects.filter(person_id__in=member_ids, year=year)
                       .select_related("person")}
            for period in (DisciplinePeriod.objects.filter(Q(end__isnull=True) | Q(end__gte=start),
                                                           person_id__in=member_ids, start__lte=end)
                           .select_related("person")):
                discipline.setdefault(period.person_id, []).append(period)
        for history, found in zip(self.histories, people, strict=True):
            history._members[year] = Members(sorted(found.values(), key=lambda p: (p.search_key, p.pk)),
                                             awards, ratings, discipline)
