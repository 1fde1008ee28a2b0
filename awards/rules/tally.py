"""Counting a council's secret ballots against the vote rule: quorum, the share on the rule's base, the result.

Pure: it reads a session's members, attendees and ballots and the rules (``vote_rule``) and never
writes. The session page, the minutes and closing the session all read the same ``Count``, so what
the secretary sees before closing is what closing applies and what the minutes print.

Shares are compared with the rule's ratio after rounding to the three decimals the ratio is written
in: a quorum of 0.667 reads as two thirds (8 of 12 members is a quorum), and "từ 80% trở lên"
is met by exactly 80%. For councils of fewer than a few hundred members the rounding cannot lift a
share that is really below the ratio over it.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError

from awards.models import AwardType, CouncilBallot, CouncilMember, CouncilResult, CouncilSession, VoteRule, level_of
from awards.rules.regulations import vote_rules

THOUSANDTH = Decimal("0.001")


def ratio(part: int, whole: int) -> Decimal:
    """``part``/``whole`` rounded to three decimals (0 when ``whole`` is 0)."""
    if not whole:
        return Decimal(0)
    return (Decimal(part) / Decimal(whole)).quantize(THOUSANDTH, rounding=ROUND_HALF_UP)


def percent(value: Decimal) -> str:
    """"80", "66,7": a ratio as officials write a percentage (decimal comma, no trailing zeros)."""
    number = (value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
    text = f"{number:f}"
    return text.replace(".", ",")


def whole_percent(part: int, whole: int) -> str:
    if not whole:
        return "0"
    return str((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def members_on(council, on: datetime.date) -> list[CouncilMember]:
    """The council's members in force on ``on``: chair first, then vice chairs, then members."""
    members = list(CouncilMember.objects.in_force(on).filter(council=council).order_by("pk"))
    return sorted(members, key=lambda member: (member.rank, member.pk))


def proposed(line) -> tuple[AwardType, str]:
    """The award and class the line proposes (before any council resolved a lower one)."""
    return line.nomination_line.award, line.nomination_line.award_class


@dataclass
class Verdict:
    """One candidate's count: the rule applied, the favourable votes on its base, and what follows."""

    ballot: CouncilBallot
    rule: VoteRule | None
    favourable: int = 0
    base: int = 0
    share: Decimal = Decimal(0)
    result: str = ""
    reason: str = ""
    # Tallies the room cannot hold (refused even in a draft), and what else stops closing.
    room_errors: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def name(self):
        return self.ballot.line.nomination_line.subject_name

    @property
    def share_text(self):
        return f"{self.favourable}/{self.base} phiếu ({whole_percent(self.favourable, self.base)}%)"

    @property
    def threshold_text(self):
        """"từ 80% tổng số thành viên hội đồng (10/12 phiếu)": what the rule asks, beside the tally."""
        if self.rule is None:
            return "chưa có quy tắc biểu quyết"
        needed = f" ({self.needed}/{self.base} phiếu)" if self.base else ""
        return f"từ {percent(self.rule.min_ratio)}% {self.rule.get_base_display().lower()}{needed}"

    @property
    def needed(self):
        """The fewest favourable votes that reach the rule's share of the base (0 without a rule or base)."""
        if self.rule is None or not self.base:
            return 0
        return next(votes for votes in range(self.base + 1)
                    if ratio(votes, self.base) >= self.rule.min_ratio or votes == self.base)

    @property
    def written_count(self):
        """Whether absentees' written votes count toward this candidate (the base is the whole council)."""
        return self.rule is not None and self.rule.base == VoteRule.Base.ALL_MEMBERS

    @property
    def result_label(self):
        if self.result == CouncilResult.DOWNGRADED:
            return f"Chuyển hình thức: {self.ballot.downgrade.label}"
        return CouncilResult(self.result).label if self.result else "—"


@dataclass
class Count:
    """A session's whole count: who is on the council, who came, the quorum, and one verdict per ballot."""

    session: CouncilSession
    members: list[CouncilMember]
    present: list[CouncilMember]
    verdicts: list[Verdict]
    quorum_ratio: Decimal | None  # None: no vote rule in force says it
    errors: list[str] = field(default_factory=list)

    @property
    def absent(self):
        ids = {member.pk for member in self.present}
        return [member for member in self.members if member.pk not in ids]

    @property
    def has_quorum(self):
        if not self.members or self.quorum_ratio is None:
            return False
        return ratio(len(self.present), len(self.members)) >= self.quorum_ratio

    def still_to_vote(self, verdict):
        """(present members, absentees) whose vote on ``verdict``'s candidate is not in its tally yet; absentees
        count only where written votes do (the rule's base is the whole council)."""
        ballot = verdict.ballot
        room = max(len(self.present) - ballot.votes_for - ballot.votes_against, 0)
        written = max(len(self.absent) - ballot.written_for - ballot.written_against, 0) if verdict.written_count \
            else 0
        return room, written

    @property
    def quorum_text(self):
        minimum = (f"tối thiểu {percent(self.quorum_ratio)}%" if self.quorum_ratio is not None
                   else "chưa có quy tắc biểu quyết quy định tỷ lệ tối thiểu")
        return (f"{len(self.present)}/{len(self.members)} thành viên dự họp "
                f"({whole_percent(len(self.present), len(self.members))}%; {minimum})")

    @property
    def draft_errors(self):
        """What a draft may not hold: strangers in the room, a chair who is not there, too many votes."""
        return self.errors + [error for verdict in self.verdicts for error in verdict.room_errors]

    @property
    def all_errors(self):
        return self.draft_errors + [error for verdict in self.verdicts for error in verdict.errors]

    def raise_errors(self):
        if self.all_errors:
            raise ValidationError(self.all_errors)


def count_session(session, *, attendees=None, ballots=None) -> Count:
    """Count ``session`` as it stands (``attendees``/``ballots``: already read, or being saved)."""
    on = session.held_on
    members = members_on(session.council, on)
    member_ids = {member.pk for member in members}
    attendees = list(session.attendees.all()) if attendees is None else list(attendees)
    present = [member for member in members if member.pk in {a.pk for a in attendees}]
    errors = []
    strangers = [a for a in attendees if a.pk not in member_ids]
    if strangers:
        errors.append("Người dự họp không phải thành viên hội đồng vào ngày họp: "
                      + ", ".join(a.full_name for a in strangers) + ".")
    if ballots is None:
        ballots = list(session.ballots.select_related(
            "line__nomination_line__award", "line__nomination_line__person", "line__nomination_line__collective",
            "line__dossier__sender", "downgrade__lower_award", "line__nomination_line__plan__issuing_unit",
            "line__deciding_unit").order_by("pk"))
    level = level_of(session.council.unit)
    # Every rule the candidates need, read at once: the page runs the same queries for 5 or 500 candidates.
    rules = vote_rules({ballot.line.nomination_line.award_id for ballot in ballots}, level, on)
    verdicts = [judge(ballot, rules[ballot.line.nomination_line.award_id], len(members), len(present))
                for ballot in ballots]
    quorum = max((v.rule.quorum_ratio for v in verdicts if v.rule is not None), default=None)
    if quorum is None:
        # No candidate's rule says it (no candidates yet, or no rule for them): the level's general rule does.
        general = rules[None]
        quorum = general.quorum_ratio if general is not None else None
    count = Count(session=session, members=members, present=present, verdicts=verdicts, quorum_ratio=quorum,
                  errors=errors)
    if session.chair_id and session.chair_id not in {member.pk for member in present}:
        count.errors.append("Người chủ trì phải là thành viên hội đồng có mặt tại phiên họp.")
    return count


def judge(ballot, rule, member_count, present_count) -> Verdict:
    """One candidate's verdict under ``rule``; tallies the room cannot hold are errors, not results."""
    verdict = Verdict(ballot=ballot, rule=rule)
    name = ballot.line.nomination_line.subject_name
    absent = member_count - present_count
    if ballot.votes_for + ballot.votes_against > present_count:
        verdict.room_errors.append(f"{name}: {ballot.votes_for + ballot.votes_against} phiếu tại phiên họp, nhiều hơn "
                              f"số thành viên dự họp ({present_count}).")
    if ballot.written_for + ballot.written_against > absent:
        verdict.room_errors.append(f"{name}: {ballot.written_for + ballot.written_against} phiếu bằng văn bản, nhiều "
                              f"hơn số thành viên vắng mặt ({absent}).")
    if rule is None:
        verdict.errors.append(f"{name}: chưa có quy tắc biểu quyết áp dụng cho "
                              f"{ballot.line.nomination_line.award.name}; hãy bổ sung trong trang quản trị.")
        return verdict
    # Written votes come from absentees: they count where the base is the whole council.
    all_members = rule.base == VoteRule.Base.ALL_MEMBERS
    verdict.favourable = ballot.votes_for + (ballot.written_for if all_members else 0)
    verdict.base = member_count if all_members else present_count
    verdict.share = ratio(verdict.favourable, verdict.base)
    passed = verdict.base > 0 and verdict.share >= rule.min_ratio
    threshold = f"{percent(rule.min_ratio)}% {rule.get_base_display().lower()}"
    if passed:
        verdict.result = CouncilResult.PASSED
        verdict.reason = f"Đạt {verdict.share_text}, đạt tỷ lệ từ {threshold}"
        if ballot.downgrade_id:
            verdict.errors.append(f"{name}: đã đạt tỷ lệ phiếu nên không chuyển hình thức khen thấp hơn.")
    elif ballot.downgrade_id:
        verdict.result = CouncilResult.DOWNGRADED
        verdict.reason = (f"Đạt {verdict.share_text}, chưa đạt tỷ lệ {threshold}; Hội đồng thống nhất "
                          f"chuyển hình thức {ballot.downgrade.label}")
    else:
        verdict.result = CouncilResult.FAILED
        verdict.reason = f"Đạt {verdict.share_text}, chưa đạt tỷ lệ {threshold}"
    return verdict
