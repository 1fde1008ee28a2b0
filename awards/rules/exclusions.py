"""What a new nomination line is checked against: the lines already proposing its subject.

Two guards, each read once for a whole batch of lines: a subject is proposed for an award
once per plan (or year) by any unit, and never for two awards the exclusion table keeps
apart. Both name the unit (and for an exclusion the list and the rule) that got there first.
The subjects' rows are locked before the exclusion guard reads, so a second unit proposing
the same subject waits and then sees the first one's line.
"""

import datetime

from django.db.models import Q

from units.models import Person, Unit

from awards.models import AwardExclusion, NominationLine


def line_key(line):
    """What the unique constraints guard: one proposal of a subject for an award per plan (or year)."""
    if line.person_id is not None:
        return "p", line.person_id, line.award_id
    if line.collective_id is not None:
        return "c", line.collective_id, line.award_id
    return None  # households are free text: nothing reliable to match on


def _subject(line):
    key = line_key(line)
    return key[:2] if key else None


def _people_and_collectives(specs):
    people = {s["person"].pk for s in specs if s.get("person") is not None}
    collectives = {s["collective"].pk for s in specs if s.get("collective") is not None}
    return people, collectives


def lock_subjects(specs):
    """Lock the rows of the people and collectives of ``specs``: one query each, in id order.

    The exclusion guard reads other units' lines; with the subjects locked, a second unit
    proposing one of them waits here and then sees the first one's line. Ascending ids (people
    before units, as for one line) keep two batches from waiting on each other crosswise.
    """
    people, collectives = _people_and_collectives(specs)
    if people:
        list(Person.objects.select_for_update().filter(pk__in=sorted(people)).order_by("pk")
             .values_list("pk", flat=True))
    if collectives:
        list(Unit.objects.select_for_update().filter(pk__in=sorted(collectives)).order_by("pk")
             .values_list("pk", flat=True))


def duplicate_message(unit, subject_name, award, plan, year):
    scope = "trong kế hoạch này" if plan is not None else f"năm {year}"
    return f"{subject_name} đã được {unit.name} đề nghị {award.name} {scope}; không thể đề nghị trùng."


class Proposals:
    """The lines already proposing the subjects of a batch, in the list's plan (or year), by ``line_key``."""

    def __init__(self, locked, specs):
        people, collectives = _people_and_collectives(specs)
        self.found = {}
        if not (people or collectives):
            return
        lines = (NominationLine.objects.filter(award__in={s["award"].pk for s in specs})
                 .filter(Q(person__in=people) | Q(collective__in=collectives))
                 .select_related("nomination_list__unit"))
        lines = (lines.filter(plan=locked.plan) if locked.plan is not None
                 else lines.filter(plan__isnull=True, year=locked.year))
        for line in lines.order_by("pk"):
            self.found.setdefault(line_key(line), line.nomination_list.unit)

    def unit_of(self, key):
        """The unit that already proposes ``key``, if any."""
        return self.found.get(key) if key else None


class Exclusions:
    """The exclusion guard for the lines of one list: the rules in force in its year, read once per award.

    ``read(specs)`` fetches, in one query, the lines that the rules set against a batch's
    subjects; ``conflict(line)`` then names the first of them, or of the lines of this list
    accepted earlier in the same call and not written yet, that the new line may not go with.
    """

    def __init__(self, locked):
        self.locked = locked
        self.rules = {}  # award id -> the rules naming it, in the table's order
        self.on_file = {}  # (kind, subject id) -> lines of the batch's subjects, by id
        # (kind, subject id) -> [(award, class)] of lines accepted and not yet written: they
        # are all on this list, so the award is all a message needs of them.
        self.unwritten = {}

    def read(self, specs):
        awards = {s["award"].pk for s in specs} - set(self.rules)
        if awards:
            self.rules.update((pk, []) for pk in awards)
            found = (AwardExclusion.objects.in_force(datetime.date(self.locked.year, 12, 31))
                     .filter(Q(award__in=awards) | Q(excluded_award__in=awards))
                     .select_related("award", "excluded_award"))
            for rule in found:
                for pk in {rule.award_id, rule.excluded_award_id} & awards:
                    self.rules[pk].append(rule)
        guarded = [s for s in specs if self.rules[s["award"].pk]]
        people, collectives = _people_and_collectives(guarded)
        self.on_file = {}
        if not (people or collectives):
            return
        wanted = Q(pk__in=[])
        for rule in {r for s in guarded for r in self.rules[s["award"].pk]}:
            wanted |= Q(award__in=[rule.award_id, rule.excluded_award_id]) & self._when(rule)
        lines = (NominationLine.objects.filter(wanted).filter(Q(person__in=people) | Q(collective__in=collectives))
                 .select_related("nomination_list__unit", "award").order_by("pk"))
        for line in lines:
            self.on_file.setdefault(_subject(line), []).append(line)

    def _when(self, rule):
        locked = self.locked
        if rule.scope == AwardExclusion.Scope.SAME_YEAR:
            return Q(year=locked.year)
        return Q(plan=locked.plan) if locked.plan is not None else Q(plan__isnull=True, year=locked.year)

    def _applies(self, rule, line):
        locked = self.locked
        if rule.scope == AwardExclusion.Scope.SAME_YEAR:
            return line.year == locked.year
        if locked.plan is not None:
            return line.plan_id == locked.plan.pk
        return line.plan_id is None and line.year == locked.year

    def conflict(self, line):
        """(the line ``line`` may not go with, the rule), or (None, None)."""
        rules = self.rules.get(line.award_id)
        subject = _subject(line)
        if not rules or subject is None:
            return None, None
        unwritten = [NominationLine(nomination_list=self.locked, plan=self.locked.plan, year=self.locked.year,
                                    award=award, award_class=award_class)
                     for award, award_class in self.unwritten.get(subject, [])]
        for other in self.on_file.get(subject, []) + unwritten:
            for rule in rules:
                if rule.other(line.award_id).pk == other.award_id and self._applies(rule, other):
                    return other, rule
        return None, None

    def accept(self, line):
        """Remember a line that passed: a later line of the same call is checked against it."""
        if self.rules.get(line.award_id) and _subject(line) is not None:
            self.unwritten.setdefault(_subject(line), []).append((line.award, line.award_class))

    def written(self):
        """The accepted lines are in the database now, where ``read`` finds them."""
        self.unwritten = {}

    def message(self, other, rule, line):
        locked = self.locked
        if rule.scope == AwardExclusion.Scope.SAME_YEAR:
            scope = f"cho thành tích năm {locked.year}"
        else:
            scope = "trong kế hoạch này" if locked.plan is not None else f"khi tổng kết năm {locked.year}"
        return (f"{line.subject_name} đã được {other.nomination_list.unit.name} đề nghị {other.award_label} "
                f"{scope} (danh sách “{other.nomination_list.title}”); không đề nghị đồng thời "
                f"{line.award.name}. {rule.reason}")
