"""Timing the long papers on synthetic data: a decision's PDF with its list, closing a council session, plans.

Each measurement is a pair of functions, so that a timer outside the process measures only the work:
``prepare_*`` writes what the work needs and commits it (on a database made for measuring), and the
measured function does one piece of work on it and reports what it made. ``manage.py measure_papers``
calls them; so may the portal's benchmark command.

- ``prepare_decision(lines)``: a province's draft decision over ``lines`` people of one commune.
- ``print_decision(write)``: that decision as PDF (the latest prepared).
- ``prepare_sessions(sessions, candidates)``: council sessions of ``candidates`` each, tallied, ready to close.
- ``close_next_session(write)``: closes the oldest of them (each run closes another).
- ``print_plans(paths, write)``: the plans read from text files (the importer's drafts) as PDF.
"""

import time
from pathlib import Path

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from units.models import Membership, Person, Unit, User
from units.text import fold

from awards.models import (
    AwardType,
    Council,
    CouncilMember,
    CouncilSession,
    Decision,
    DossierLine,
    NominationLine,
    NominationList,
)
from awards.rules import gates
from awards.rules.workflow import Action as A
from awards.services import councils, decisions, dossiers
from awards.services.routing import ensure_central_levels

R = Membership.Role
PREFIX = "do-giay-to"
SUMMARY = ("Hoàn thành xuất sắc nhiệm vụ năm 2026, có sáng kiến được Hội đồng sáng kiến cấp tỉnh công nhận; "
           "tích cực tham gia các phong trào thi đua của địa phương.")
POSITIONS = ["Chuyên viên", "Phó Trưởng phòng", "Trưởng phòng", "Kế toán", "Văn thư", "Giáo viên"]


def _places():
    province = Unit.objects.filter(kind=Unit.Kind.PROVINCE, valid_to__isnull=True).order_by("code").first()
    commune = (Unit.objects.filter(parent=province, kind__in=[Unit.Kind.COMMUNE, Unit.Kind.WARD],
                                   valid_to__isnull=True).order_by("code").first() if province else None)
    if commune is None:
        raise ValueError("Chưa có cây đơn vị: hãy chạy 'python manage.py load_units' trước.")
    ensure_central_levels()
    return province, commune


def _official(role, unit):
    username = f"{PREFIX}-{role}-{unit.pk}"
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username=username, full_name=f"Cán bộ đo {role}")
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


def _packet(commune, province, award_code, count):
    """A packet of ``count`` people of ``commune`` for ``award_code``, received and approved at ``province``."""
    clerk = _official(R.CLERK, commune)
    start = Person.objects.filter(unit=commune, full_name__startswith="Cán bộ Đo").count()
    people = Person.objects.bulk_create([
        Person(full_name=f"Cán bộ Đo Số {i:05d}", search_key=fold(f"Cán bộ Đo Số {i:05d}"), gender="male",
               unit=commune, position=POSITIONS[i % len(POSITIONS)]) for i in range(start, start + count)])
    award = AwardType.objects.get(code=award_code)
    listed = NominationList.objects.create(unit=commune, year=2026, created_by=clerk,
                                           title=f"Đề nghị {award.name} ({count} cá nhân, đo tốc độ)")
    NominationLine.objects.bulk_create([NominationLine(nomination_list=listed, year=2026, person=person, award=award,
                                                       summary=SUMMARY) for person in people])
    lines = list(listed.lines.select_related("award", "person", "collective"))
    [packet] = dossiers.open_dossiers(listed, actor=clerk, lines=lines)
    dossiers.receive_dossier(packet, actor=_official(R.CLERK, province))
    verdicts = {pk: (A.APPROVE, "") for pk in DossierLine.objects.filter(dossier=packet).values_list("pk", flat=True)}
    dossiers.approve_dossier(packet, actor=_official(R.REVIEWER, province), verdicts=verdicts)
    return packet


def prepare_decision(lines: int) -> Decision:
    """A draft decision of the province over ``lines`` people, committed (for a database made for measuring)."""
    province, commune = _places()
    with transaction.atomic():
        if gates.council_of(province, timezone.localdate()) is not None:
            raise ValueError("Tỉnh đầu tiên đã có Hội đồng: hãy đo quyết định trên một cơ sở dữ liệu riêng.")
        packet = _packet(commune, province, "BK_TINH", lines)
        approver = _official(R.APPROVER, province)
        dossiers.settle_dossier(packet, actor=approver)
        ready = list(decisions.ready_lines(province).filter(dossier=packet))
        fields = {**decisions.draft_defaults(province, ready, on=timezone.localdate()), "signer_name": "Người Ký Đo"}
        return decisions.create_decision(province, actor=approver, fields=fields, line_ids=[line.pk for line in ready])


def print_decision(write, decision_id=None) -> bytes:
    """The PDF of a prepared decision (the latest one unless named)."""
    from awards.documents.decision import render_decision_pdf

    decision = Decision.objects.get(pk=decision_id) if decision_id else Decision.objects.latest("pk")
    started = time.perf_counter()
    pdf = render_decision_pdf(decision)
    write(f"PDF quyết định {decision.pk} ({decision.lines.count()} dòng): {len(pdf) // 1024} KB, "
          f"{(time.perf_counter() - started) * 1000:.0f} ms trong tiến trình")
    return pdf


def _council(province):
    on = timezone.localdate()
    if gates.council_of(province, on) is None:
        council = Council.objects.create(unit=province, name=f"Hội đồng Thi đua - Khen thưởng {province.name}")
        CouncilMember.objects.bulk_create([
            CouncilMember(council=council, full_name=f"Thành viên Số {i:02d}", position="Giám đốc Sở",
                          role=CouncilMember.Role.CHAIR if i == 0 else CouncilMember.Role.MEMBER) for i in range(11)])
    return gates.council_of(province, on)


def prepare_sessions(sessions: int, candidates: int, write=print) -> list[CouncilSession]:
    """``sessions`` open sessions of ``candidates`` each (two packets apiece), tallied, committed."""
    province, commune = _places()
    made = []
    for _ in range(sessions):
        with transaction.atomic():
            council = _council(province)
            secretary = _official(R.SECRETARY, province)
            packets = [_packet(commune, province, "BK_TINH", candidates - candidates // 2),
                       _packet(commune, province, "BK_TINH", candidates // 2)]
            line_ids = list(DossierLine.objects.filter(dossier__in=packets).values_list("pk", flat=True))
            session = councils.open_session(actor=secretary, unit=province, held_on=timezone.localdate(),
                                            place="Hội trường UBND tỉnh", line_ids=line_ids)
            members = councils.roster(council, timezone.localdate())
            tallies = {ballot.pk: (len(members), 0, 0, 0, None) for ballot in session.ballots.all()}
            councils.save_session(session, actor=secretary, chair_id=members[0].pk,
                                  attendee_ids=[m.pk for m in members], tallies=tallies)
            made.append(session)
        write(f"Phiên họp {session.pk}: {len(line_ids)} đề nghị, sẵn sàng kết thúc")
    return made


def warm_up():
    """What a web process has loaded before any request: the URL patterns (the closing's notifications link the
    packets), which a fresh process would otherwise import inside the measured work."""
    reverse("awards:council_index")


def close_next_session(write) -> CouncilSession:
    """Close the oldest prepared session still open."""
    session = (CouncilSession.objects.filter(status=CouncilSession.Status.OPEN,
                                             created_by__username__startswith=PREFIX).order_by("pk").first())
    if session is None:
        raise ValueError("Không còn phiên họp nào đã chuẩn bị: chạy 'measure_papers prepare-sessions' trước.")
    warm_up()
    started = time.perf_counter()
    closed = councils.close_session(session, actor=session.created_by)
    write(f"Kết thúc phiên họp {closed.pk} ({closed.ballots.count()} đề nghị): "
          f"{(time.perf_counter() - started) * 1000:.0f} ms trong tiến trình")
    return closed


def print_plans(paths, write) -> list[bytes]:
    """Each plan text imported as a draft (rolled back) and printed as PDF twice: the first print in the process
    (WeasyPrint and the fonts loading, as in a web worker's first plan) and the next."""
    from campaigns.documents import render_plan_pdf
    from campaigns.plan_import import import_plan_file

    province, _commune = _places()
    clerk = _official(R.CLERK, province)
    out = []
    with transaction.atomic():
        for path in paths:
            plan, _report = import_plan_file(data=Path(path).read_bytes(), filename=Path(path).name, unit=province,
                                             actor=clerk)
            times = []
            for _ in range(2):
                started = time.perf_counter()
                pdf = render_plan_pdf(plan)
                times.append((time.perf_counter() - started) * 1000)
            out.append(pdf)
            write(f"{Path(path).name}: {len(pdf) // 1024} KB, lần in đầu {times[0]:.0f} ms, lần sau {times[1]:.0f} ms")
        transaction.set_rollback(True)
    return out
