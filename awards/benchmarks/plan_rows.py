"""The benchmark's plans: each province's yearly plan, the plans of its communes implementing it, and their
reports of results (one per implementing unit at the province plan's report milestone)."""

import datetime

from campaigns.models import AwardTier, Milestone, Plan, PlanSection

from awards.benchmarks.rows import NOW, Table, next_id
from awards.models import AwardType, PlanReport

SECTIONS = [("Mục đích, yêu cầu", "purpose"), ("Nội dung thi đua", "content"),
            ("Hình thức, tiêu chuẩn khen thưởng", "awards"), ("Tổ chức thực hiện", "assignments")]
BODY = ("Phát động phong trào thi đua sâu rộng trong cán bộ, công chức, viên chức và người lao động; "
        "gắn thi đua với thực hiện nhiệm vụ chính trị của cơ quan, đơn vị.")


def build_plans(tree, count, rng) -> dict:
    ids = {model: next_id(model) for model in (Plan, PlanSection, AwardTier, Milestone, PlanReport)}

    def new(model):
        pk = ids[model]
        ids[model] = pk + 1
        return pk

    award = AwardType.objects.filter(code="BK_TINH").values_list("pk", flat=True).first()
    plans, sections, tiers, milestones, reports = [], [], [], [], []
    provinces = [pk for pk, _name in tree.provinces]
    # A tenth of the plans are the provinces' (the main province's first), the rest implement them.
    heads = max(1, count // 10)
    head_plans, seen = [], set()
    for index in range(heads):
        province = tree.main_province if index == 0 else provinces[index % len(provinces)]
        year = 2026 - index // len(provinces) % 5
        pk = new(Plan)
        head_plans.append((pk, province, year, new(Milestone)))
        plans.append(_plan(pk, province, None, year, index + 1, tree,
                           f"Kế hoạch tổ chức phong trào thi đua năm {year}"))
    for index in range(count - heads):
        head, province, year, milestone = head_plans[index % len(head_plans)]
        communes = tree.communes[province] or [province]
        unit = communes[index // len(head_plans) % len(communes)]
        if (milestone, unit) in seen:
            continue  # one report per unit and milestone: a province with few communes has no more to give
        seen.add((milestone, unit))
        plans.append(_plan(new(Plan), unit, head, year, index + 1, tree,
                           f"Kế hoạch thực hiện phong trào thi đua năm {year}"))
        sent = rng.random() < 0.7
        reports.append((new(PlanReport), milestone, unit, "sent" if sent else "draft", rng.randrange(3, 40),
                        rng.randrange(20, 400), rng.randrange(0, 30), rng.randrange(0, 10), BODY,
                        tree.officials[(province, "clerk")], NOW if sent else None,
                        tree.officials[(province, "clerk")] if sent else None))
    for plan in plans:
        for position, (heading, kind) in enumerate(SECTIONS, start=1):
            sections.append((new(PlanSection), plan[0], position, 1, heading, BODY, kind))
    for pk, _province, year, milestone in head_plans:
        tiers.append((new(AwardTier), pk, 1, "Bằng khen của Chủ tịch UBND tỉnh", award, 20))
        milestones.append((milestone, pk, "report", datetime.date(year, 11, 30), "Hạn báo cáo kết quả"))
    Table(Plan, ["id", "issuing_unit_id", "parent_plan_id", "status", "issuer_name", "number", "symbol", "place",
                 "issue_year", "issue_month", "issue_day", "title", "kind", "period_start", "period_end",
                 "dossier_deadline", "signer_name", "issued_at", "issued_by_id", "created_by_id"]).write(plans)
    Table(PlanSection, ["id", "plan_id", "position", "level", "heading", "body", "kind"]).write(sections)
    Table(AwardTier, ["id", "plan_id", "position", "award_name", "award_id", "quota"]).write(tiers)
    Table(Milestone, ["id", "plan_id", "kind", "date", "label"]).write(milestones)
    Table(PlanReport, ["id", "milestone_id", "unit_id", "status", "units_taking_part", "people_taking_part",
                       "awards_given", "proposals_made", "summary", "created_by_id", "sent_at", "sent_by_id"]
          ).write(reports)
    return {"plans": len(plans), "plan_sections": len(sections), "plan_reports": len(reports)}


def _plan(pk, unit, parent, year, number, tree, title):
    province = tree.homes[unit][1]
    actor = tree.officials[(province, "approver")]
    return (pk, unit, parent, Plan.Status.IN_PROGRESS, f"ỦY BAN NHÂN DÂN\n{tree.names[unit].upper()}"[:200], number,
            "KH-UBND", tree.names[unit][:100], year, 1, 15, title, Plan.Kind.REGULAR, datetime.date(year, 1, 15),
            datetime.date(year, 11, 30), datetime.date(year, 12, 10), "Người Ký Đo", NOW, actor, actor)
