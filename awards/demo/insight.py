"""The demo's campaign cycle: a report deadline on the province's plan answered by one commune, and an
emulation block of three communes with its scoring table, one sheet sent.

Made through the services a clerk's clicks call, so what the demo shows is what the portal does; keyed on
the milestone and the block's name, so running it again changes nothing.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from units.models import Unit, User

from campaigns.models import Milestone, Plan

from awards.models import EmulationBlock
from awards.services import blocks, plan_reports

BLOCK_NAME = "Khối thi đua các xã, phường (dữ liệu mẫu)"
# (group, its cap, [(criterion, maximum points)]): a small table of the shape a province's rules give.
TABLE = [
    ("Thực hiện nhiệm vụ chính trị", Decimal("60"), [
        ("Giải quyết thủ tục hành chính đúng hạn", Decimal("30")),
        ("Chuyển đổi số, số hóa hồ sơ", Decimal("30")),
    ]),
    ("Công tác thi đua, khen thưởng", Decimal("40"), [
        ("Ban hành kế hoạch, tổ chức phong trào thi đua", Decimal("20")),
        ("Gửi báo cáo, hồ sơ khen thưởng đúng hạn", Decimal("20")),
    ]),
]
OWN_POINTS = [Decimal("28"), Decimal("25.5"), Decimal("20"), Decimal("18")]


@transaction.atomic
def load_demo_report(plan: Plan, commune: Unit) -> Milestone | None:
    """A report deadline on ``plan`` already past, and ``commune``'s report sent on it: the province sees one
    unit reported and the others late."""
    milestone, _created = Milestone.objects.get_or_create(
        plan=plan, kind=Milestone.Kind.REPORT, date=datetime.date(2026, 11, 30),
        defaults={"label": "Các xã, phường báo cáo kết quả thực hiện về Sở Nội vụ"})
    clerk, chair = User.objects.get(username="hahoa.canbo"), User.objects.get(username="hahoa.chutich")
    report = plan_reports.start_plan_report(milestone, commune, actor=clerk)
    if report.is_sent:
        return milestone
    results = {result.section_id: "Giải quyết 1.248 hồ sơ thủ tục hành chính, 99,2% đúng hạn; số hóa 86% kết quả."
               for result in report.results.all()}
    plan_reports.save_plan_report(
        report, actor=clerk, results=results,
        figures={"units_taking_part": 12, "people_taking_part": 146, "awards_given": report.awards_given,
                 "proposals_made": report.proposals_made},
        summary="Phong trào được triển khai đến 100% thôn, tổ dân phố và các cơ quan, đơn vị trên địa bàn xã.",
        recommendations="Đề nghị tỉnh sớm ban hành hướng dẫn chấm điểm chuyển đổi số cấp xã.")
    plan_reports.send_plan_report(report, actor=chair)
    return milestone


@transaction.atomic
def load_demo_block(province: Unit, commune: Unit) -> EmulationBlock:
    """A block of ``commune`` and the next two communes of the province, ``commune`` at its head, with its
    scoring table; the head's own sheet filled and sent."""
    existing = EmulationBlock.objects.filter(organiser=province, name=BLOCK_NAME).first()
    if existing is not None:
        return existing
    organiser = User.objects.get(username="phutho.lanhdao")
    others = list(Unit.objects.filter(parent=province, kind=commune.kind, valid_to__isnull=True)
                  .exclude(pk=commune.pk).exclude(block_places__year=2026).order_by("code")[:2])
    block = blocks.create_block(province, actor=organiser, year=2026, name=BLOCK_NAME, units=[commune, *others])
    for group_name, cap, criteria in TABLE:
        group = blocks.add_score_group(block, actor=organiser, name=group_name, max_points=cap)
        for name, maximum in criteria:
            blocks.add_criterion(group, actor=organiser, name=name, max_points=maximum)
    blocks.add_covenant_target(block, actor=organiser,
                               text="100% hồ sơ thủ tục hành chính được giải quyết đúng hạn.")
    head = block.members.get(unit=commune)
    clerk = User.objects.get(username="hahoa.canbo")
    criteria = [c for g in block.groups.order_by("position") for c in g.criteria.order_by("position")]
    for criterion, points in zip(criteria, OWN_POINTS, strict=True):
        blocks.save_self_score(head, actor=clerk, criterion=criterion, points=points,
                               evidence="Báo cáo kết quả năm 2026 của xã, phụ lục số liệu.")
    blocks.send_score_sheet(head, actor=clerk)
    return block
