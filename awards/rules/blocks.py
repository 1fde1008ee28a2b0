"""Who may do what in an emulation block, and the ranking of its members (totals capped per group, ties broken
by the block's own order of rules)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, DecimalField, F, Sum, When

from units.models import Membership
from units.scoping import has_role, holds_role_at

from awards.models import TIE_BREAK_RULES, BlockMember, ScoreEntry, ScoreGroup, tie_break_codes

R = Membership.Role
# The organiser's people who define the blocks of their province or ministry.
ORGANISER_ROLES = (R.UNIT_ADMIN, R.APPROVER)
# A member unit's (and the head unit's) people who score for it.
MEMBER_ROLES = (R.CLERK, R.APPROVER)
ZERO = Decimal("0")


def can_organise(user, block_or_unit) -> bool:
    """The province's or ministry's unit admin or approver, at the organising unit itself."""
    unit = getattr(block_or_unit, "organiser", block_or_unit)
    return holds_role_at(user, unit, ORGANISER_ROLES)


def acts_for_head(user, block) -> bool:
    """The head unit's clerk or approver cross-checks and closes the scoring; the organiser may stand in."""
    return (block.head_id is not None and holds_role_at(user, block.head, MEMBER_ROLES)) or can_organise(user, block)


def acts_for_member(user, member) -> bool:
    """The member unit's own clerk or approver fills and sends its sheet."""
    return holds_role_at(user, member.unit, MEMBER_ROLES)


def can_see_scores(user, member, sheet) -> bool:
    """A member's points are its own until it sends them: then the head and the organiser see them; once the
    scoring is closed every member of the block sees every sheet (the ranking is read in the open)."""
    if acts_for_member(user, member):
        return True
    if member.block.is_closed:
        return True
    return sheet is not None and sheet.is_sent and acts_for_head(user, member.block)


def next_head(block):
    """The member after this year's head in the rotation order (the first member when there is no head)."""
    members = list(block.members.order_by("position").values_list("unit_id", flat=True))
    if not members:
        return None
    if block.head_id in members:
        return members[(members.index(block.head_id) + 1) % len(members)]
    return members[0]


@dataclass
class Standing:
    """A member's place in the ranking, its figures and the rule that set it apart from the member above."""

    member: BlockMember
    criteria: Decimal = ZERO
    group1: Decimal = ZERO
    bonus: Decimal = ZERO
    deductions: Decimal = ZERO
    rank: int = 0
    broken_by: str = ""  # the tie-break rule's label, when the total equals the member above's
    shared: bool = False  # same total and same figures on every rule: the same rank
    groups: dict = field(default_factory=dict)

    @property
    def total(self):
        return self.criteria + self.bonus - self.deductions

    def key(self, code):
        """The figure of rule ``code``, larger is better."""
        if code == "group1":
            return self.group1
        if code == "deductions":
            return -self.deductions
        return self.member.votes or 0


def ranking(block) -> list[Standing]:
    """The block's members from first to last: two queries, whatever the number of members and criteria.

    Each group's sum is capped at its maximum (criteria) or limit (bonus, deductions). Equal totals are
    ordered by the block's ``tie_break`` rules in turn; the first rule that tells two members apart is
    named on the lower one; members equal on every rule share a rank.
    """
    codes = tie_break_codes(block.tie_break)
    members = list(BlockMember.objects.filter(block=block).select_related("unit").order_by("position"))
    standings = {m.pk: Standing(member=m) for m in members}
    points = Case(When(checked_points__isnull=False, then=F("checked_points")), default=F("self_points"),
                  output_field=DecimalField(max_digits=9, decimal_places=2))
    first_group = None
    rows = (ScoreEntry.objects.filter(sheet__member__block=block)
            .values("sheet__member_id", "criterion__group_id", "criterion__group__kind",
                    "criterion__group__max_points", "criterion__group__position")
            .annotate(points=Sum(points)).order_by("criterion__group__position"))
    for row in rows:
        standing = standings[row["sheet__member_id"]]
        capped = min(row["points"] or ZERO, row["criterion__group__max_points"])
        standing.groups[row["criterion__group_id"]] = capped
        kind = row["criterion__group__kind"]
        if kind == ScoreGroup.Kind.BONUS:
            standing.bonus += capped
        elif kind == ScoreGroup.Kind.DEDUCTION:
            standing.deductions += capped
        else:
            standing.criteria += capped
            if first_group is None:
                first_group = row["criterion__group_id"]
            if row["criterion__group_id"] == first_group:
                standing.group1 = capped
    ordered = sorted(standings.values(),
                     key=lambda s: (-s.total, *(-s.key(code) for code in codes), s.member.position))
    for index, standing in enumerate(ordered):
        standing.rank = index + 1
        if index == 0:
            continue
        above = ordered[index - 1]
        if standing.total != above.total:
            continue
        rule = next((code for code in codes if standing.key(code) != above.key(code)), None)
        if rule is None:
            standing.rank, standing.shared = above.rank, True
            above.shared = True
        else:
            standing.broken_by = TIE_BREAK_RULES[rule]
    return ordered


def can_nominate(user, block) -> bool:
    """The organiser's clerk drafts the province's (ministry's) list from the meeting's result."""
    return has_role(user, block.organiser, (R.CLERK,))
