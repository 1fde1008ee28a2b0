"""The only code that writes council sessions and applies their votes to dossier lines.

A receiving level with a council in force on the day votes on the lines its reviewers approved
(packets at status REVIEWED) before the level forwards or decides them (the gate is
awards.rules.workflow.awaiting_council). The secretary opens a session with the candidates of several
packets, records who attended and each candidate's tally as a draft, then closes it: in one
transaction every affected packet's lines take their result, each packet gets one hash-chained
VOTE event, and the level's approvers are told; the generated minutes follow as a MINUTES document
in each packet, printed by the task worker once the closing has committed (awards.services.minutes_filing).

Later steps read what a line finally grants through ``DossierLine.awarded()``, never the fields directly.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from units.models import Membership
from units.scoping import holds_role_at

from awards.models import (
    Authority,
    AwardDowngrade,
    CouncilBallot,
    CouncilMember,
    CouncilResult,
    CouncilSession,
    Dossier,
    DossierLine,
)
from awards.rules import routing, workflow
from awards.rules.gates import council_of
from awards.rules.tally import Count, count_session
from awards.rules.workflow import Action as A
from awards.services import journal, minutes_filing

S, L, R = Dossier.Status, DossierLine.Status, Membership.Role
SECRETARY = workflow.VOTE_WHO[1]
# What the secretary writes for the minutes besides the tallies (save_session's ``minutes``).
MINUTES_FIELDS = ("ended_at", "voting_method", "briefing", "discussion")


class SessionClosed(ValidationError):
    """The session was closed (by someone else) since the actor last saw it."""


# Reading councils

def roster(council, on) -> list[CouncilMember]:
    from awards.rules.tally import members_on

    return members_on(council, on)


def agenda_lines(unit):
    """Approved lines waiting for the vote of ``unit``'s council: in reviewed packets it received, not yet voted."""
    return (DossierLine.objects.filter(dossier__receiver=unit, dossier__status=S.REVIEWED, status=L.APPROVED,
                                       council_result="")
            .exclude(council_ballots__session__status=CouncilSession.Status.OPEN)
            .select_related("dossier__sender", "nomination_line__award", "nomination_line__person",
                            "nomination_line__collective")
            .order_by("dossier_id", "pk"))


def downgrades_for(award, award_class, on) -> list[AwardDowngrade]:
    """The lower awards a council may resolve instead of (award, class) on ``on``."""
    return applicable(downgrades_by_award([award.pk], on).get(award.pk, []), award_class)


def downgrades_by_award(award_ids, on) -> dict[int, list[AwardDowngrade]]:
    """{award pk: its lower awards in force on ``on``}, in one query."""
    rows = (AwardDowngrade.objects.in_force(on).filter(award_id__in=set(award_ids)).select_related("lower_award")
            .order_by("lower_award__position", "pk"))
    by_award = {}
    for row in rows:
        by_award.setdefault(row.award_id, []).append(row)
    return by_award


def applicable(rows, award_class) -> list[AwardDowngrade]:
    """The rows for a proposal of ``award_class``: those naming its class, and those naming none."""
    return [row for row in rows if not row.award_class or row.award_class == award_class]


def _secretary_of(council, actor):
    if not holds_role_at(actor, council.unit, SECRETARY):
        raise PermissionDenied(f"Chỉ thư ký Hội đồng TĐKT của {council.unit.name} mới được ghi phiên họp này.")


# Opening a session and saving its drafts

@transaction.atomic
def open_session(*, actor, unit, held_on: datetime.date, place: str, started_at=None, line_ids=None) -> CouncilSession:
    """The secretary opens a session of ``unit``'s council with the candidates waiting (all, or ``line_ids``)."""
    council = council_of(unit, held_on)
    if council is None:
        raise ValidationError(f"{unit.name} không có Hội đồng Thi đua - Khen thưởng còn hiệu lực vào ngày "
                              f"{held_on:%d/%m/%Y}.")
    _secretary_of(council, actor)
    waiting = list(agenda_lines(unit).select_for_update(of=("self",)))
    chosen = [line for line in waiting if line_ids is None or line.pk in set(line_ids)]
    if not chosen:
        raise ValidationError("Không có đề nghị nào đã thẩm định đạt đang chờ Hội đồng biểu quyết.")
    if not place.strip():
        raise ValidationError({"place": "Ghi địa điểm họp."})
    session = CouncilSession(council=council, held_on=held_on, started_at=started_at, place=place.strip(),
                             created_by=actor)
    session.full_clean()
    session.save()
    chair = next((m for m in roster(council, held_on) if m.role == CouncilMember.Role.CHAIR), None)
    if chair is not None:
        session.chair = chair
        session.save(update_fields=["chair"])
    CouncilBallot.objects.bulk_create([CouncilBallot(session=session, line=line) for line in chosen])
    return session


def _lock_session(session, actor, expected_version=None) -> CouncilSession:
    locked = (CouncilSession.objects.visible_to(actor).select_for_update(of=("self",))
              .select_related("council__unit", "closed_by").filter(pk=session.pk).first())
    if locked is None:
        raise PermissionDenied("Không tìm thấy phiên họp này trong phạm vi của bạn.")
    _secretary_of(locked.council, actor)
    if not locked.is_open:
        when = timezone.localtime(locked.closed_at)
        raise SessionClosed(f"Phiên họp đã được {locked.closed_by} kết thúc lúc {when:%H:%M} ngày {when:%d/%m/%Y}; "
                            "kết quả đã được ghi nhận, không sửa được nữa.", code="closed")
    if expected_version is not None and locked.version != expected_version:
        raise SessionClosed("Phiên họp vừa được cập nhật ở nơi khác; trang đã tải lại số liệu mới.", code="stale")
    return locked


@transaction.atomic
def save_session(session, *, actor, chair_id, attendee_ids, tallies: dict, place: str | None = None,
                 started_at=None, expected_version=None, minutes: dict | None = None,
                 analyses: dict | None = None) -> Count:
    """Save the attendance and the draft tallies {ballot pk: (for, against, written for, written against,
    downgrade pk or None)}; refuses tallies the room cannot hold. Nothing applies until the session closes.

    ``minutes``: what the minutes print of the meeting ({"ended_at", "voting_method", "briefing",
    "discussion"}, each optional); ``analyses``: {ballot pk: the short analysis of that candidate}."""
    locked = _lock_session(session, actor, expected_version)
    members = {member.pk: member for member in roster(locked.council, locked.held_on)}
    attendees = [members[pk] for pk in attendee_ids if pk in members]
    if len(attendees) != len(set(attendee_ids)):
        raise ValidationError("Có người dự họp không phải thành viên hội đồng vào ngày họp; hãy tải lại trang.")
    ballots = list(locked.ballots.select_related(
        "line__nomination_line__award", "line__nomination_line__person", "line__nomination_line__collective",
        "line__dossier__sender", "downgrade__lower_award").order_by("pk"))
    for ballot in ballots:
        values = tallies.get(ballot.pk)
        if values is None:
            continue
        ballot.votes_for, ballot.votes_against, ballot.written_for, ballot.written_against, downgrade = values
        ballot.downgrade = _downgrade(ballot, downgrade, locked.held_on)
    for ballot in ballots:
        if analyses is not None and ballot.pk in analyses:
            ballot.analysis = (analyses[ballot.pk] or "").strip()
    for name, value in (minutes or {}).items():
        if name not in MINUTES_FIELDS:
            raise ValueError(name)
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.chair = members.get(chair_id)
    if place is not None:
        if not place.strip():
            raise ValidationError({"place": "Ghi địa điểm họp."})
        locked.place = place.strip()
    locked.started_at = started_at if started_at is not None else locked.started_at
    count = count_session(locked, attendees=attendees, ballots=ballots)
    if count.draft_errors:
        raise ValidationError(count.draft_errors)
    locked.full_clean(exclude=["council", "chair", "created_by", "closed_by", "outcome"], validate_unique=False,
                      validate_constraints=False)
    for ballot in ballots:
        ballot.full_clean(exclude=["session", "line", "downgrade"], validate_unique=False, validate_constraints=False)
    CouncilBallot.objects.bulk_update(ballots, ["votes_for", "votes_against", "written_for", "written_against",
                                                "downgrade", "analysis"])
    locked.attendees.set(attendees)
    locked.version += 1
    locked.save()
    return count


def _downgrade(ballot, downgrade_id, on):
    if not downgrade_id:
        return None
    award, award_class = ballot.line.nomination_line.award, ballot.line.nomination_line.award_class
    row = next((row for row in downgrades_for(award, award_class, on) if row.pk == downgrade_id), None)
    if row is None:
        raise ValidationError(f"{ballot.line.nomination_line.subject_name}: hình thức chuyển xuống không có trong "
                              f"danh mục hình thức khen thấp hơn của {award.name}.")
    return row


# Closing: the results reach the packets

def close_session(session, *, actor, expected_version=None) -> CouncilSession:
    """Apply every result of the session to its packets in one transaction; the minutes follow.

    Printing the minutes of hundreds of candidates takes seconds, longer than the locks taken here should be
    held: the transaction records a job that prints them once it has committed and files them in each packet
    (awards.services.minutes_filing)."""
    with transaction.atomic():
        return _close(session, actor, expected_version)


def _close(session, actor, expected_version):
    locked = _lock_session(session, actor, expected_version)
    count = count_session(locked)
    if not count.verdicts:
        raise ValidationError("Phiên họp không có đề nghị nào để biểu quyết.")
    if not count.has_quorum:
        raise ValidationError(f"Phiên họp chưa đủ số thành viên dự họp theo quy định: {count.quorum_text}. "
                              "Không ghi nhận được kết quả biểu quyết.")
    count.raise_errors()
    here = locked.council.unit
    ids = sorted({verdict.ballot.line.dossier_id for verdict in count.verdicts})
    packets = list(Dossier.objects.visible_to(actor).select_for_update(of=("self",))
                   .select_related("sender", "receiver").filter(pk__in=ids).order_by("pk"))
    by_pk = {packet.pk: packet for packet in packets}
    for pk in ids:
        packet = by_pk.get(pk)
        if packet is None or packet.receiver_id != here.pk or not workflow.may_vote(packet, actor):
            raise ValidationError(f"Hồ sơ số {pk} không còn chờ Hội đồng biểu quyết; hãy lập lại phiên họp.")
    lines = {packet.pk: journal.read_lines(packet) for packet in packets}
    current = {line.pk: line for rows in lines.values() for line in rows}
    now = timezone.now()
    touched = {}
    for verdict in count.verdicts:
        line = current[verdict.ballot.line_id]
        if line.status != L.APPROVED or line.council_result:
            raise ValidationError(f"{verdict.name} không còn chờ Hội đồng biểu quyết; hãy lập lại phiên họp.")
        _apply(line, verdict, by_pk[line.dossier_id], locked, now)
        verdict.ballot.result = verdict.result
        touched.setdefault(line.dossier_id, []).append(verdict)
    _update_by_values(CouncilBallot, [v.ballot for v in count.verdicts], ["result"])
    _update_by_values(DossierLine, [current[v.ballot.line_id] for v in count.verdicts],
                      ["status", "reason", "status_changed_at", "granted_award", "granted_class", "deciding_unit",
                       "council_result", "council_session"])
    locked.status, locked.closed_by, locked.closed_at = CouncilSession.Status.CLOSED, actor, now
    locked.outcome = {"members": [m.pk for m in count.members], "present": [m.pk for m in count.present],
                      "quorum": str(count.quorum_ratio)}
    locked.version += 1
    locked.save()
    for packet in packets:
        packet.version += 1
        Dossier.objects.filter(pk=packet.pk).update(version=packet.version)
        verdicts = touched[packet.pk]
        summary = {result: [str(v.ballot.line_id) for v in verdicts if v.result == result]
                   for result in CouncilResult.values}
        # The lines as just updated: the step's content hash covers their results.
        journal.record_event(packet, lines[packet.pk], actor=actor, action=A.VOTE, from_status=packet.status,
                             from_unit=here, comment=_comment(verdicts, locked),
                             details={"session": locked.pk, **summary})
        journal.notify(verb=A.VOTE, dossier=packet, actor=actor, unit_roles=[(here, (R.APPROVER,))],
                       text=f"Hội đồng TĐKT đã biểu quyết “{packet.title}”: {_comment(verdicts, locked)}")
    minutes_filing.queue_minutes(locked, actor=actor)
    return locked


def _update_by_values(model, rows, names, batch=500):
    """Write ``names`` of ``rows``: one UPDATE per distinct set of values (most candidates of a session share
    their result), where bulk_update would build a CASE over every row for each field."""
    attnames = [model._meta.get_field(name).attname for name in names]
    groups = {}
    for row in rows:
        groups.setdefault(tuple(getattr(row, attname) for attname in attnames), []).append(row.pk)
    for values, pks in groups.items():
        for start in range(0, len(pks), batch):
            model.objects.filter(pk__in=pks[start:start + batch]).update(**dict(zip(attnames, values)))


def _apply(line, verdict, packet, session, now):
    """One line takes its result: kept, rejected with the tally, or granted the lower award (re-routed)."""
    line.council_result, line.council_session, line.status_changed_at = verdict.result, session, now
    line.status = workflow.VOTE_LINE_TRANSITIONS[(line.status, verdict.result)]
    if verdict.result == CouncilResult.FAILED:
        line.reason = verdict.reason
    elif verdict.result == CouncilResult.DOWNGRADED:
        lower = verdict.ballot.downgrade
        line.granted_award, line.granted_class = lower.lower_award, lower.lower_class
        line.deciding_unit_id = deciding_unit_for(packet, lower.lower_award, line)
        line.reason = verdict.reason


def deciding_unit_for(packet, award, line) -> int:
    """The unit that grants ``award`` on the packet's frozen route, from its receiver upwards."""
    stops = routing.route_from(packet.route, packet.receiver_id)
    granting = set(Authority.objects.in_force(packet.routed_on).filter(award=award).values_list("level", flat=True))
    stop = next((stop for stop in stops if stop["level"] in granting), None)
    if stop is None:
        raise ValidationError(f"{line.nomination_line.subject_name}: không cấp nào từ {packet.receiver.name} trở lên "
                              f"có thẩm quyền tặng {award.name}; hãy chọn hình thức khác.")
    return stop["unit"]


def _comment(verdicts, session):
    counts = {result: sum(1 for v in verdicts if v.result == result) for result in CouncilResult.values}
    parts = [f"{counts[CouncilResult.PASSED]} đạt", f"{counts[CouncilResult.FAILED]} không đạt"]
    if counts[CouncilResult.DOWNGRADED]:
        parts.append(f"{counts[CouncilResult.DOWNGRADED]} chuyển hình thức khen thấp hơn")
    return f"Phiên họp ngày {session.held_on:%d/%m/%Y}: " + ", ".join(parts) + "."


minutes_filename = minutes_filing.minutes_filename
