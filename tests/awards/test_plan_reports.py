"""Reports on a plan's milestones: who owes one, drafting, sending (locked), returning, and the sums the issuer
consolidates — hand-counted on a small tree, with a district of before the reform consolidating its communes."""

import datetime
import io

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pypdf import PdfReader

from units.models import Unit

from campaigns.models import Milestone, PlanSection

from awards.documents.plan_report import render_plan_report_docx, render_plan_report_pdf
from awards.models import PlanReport
from awards.rules import plan_reports as rules
from awards.services import plan_reports as services

from tests.conftest import BEFORE_REFORM, make_plan, make_unit

TODAY = datetime.date.today()


def content_section(plan):
    return PlanSection.objects.create(plan=plan, position=30, level=1, number="III.", heading="NỘI DUNG THI ĐUA",
                                      kind="content", body="Thi đua hoàn thành chỉ tiêu.")


@pytest.fixture
def plan(tree):
    plan = make_plan(tree.phu_tho, status="issued", number=12)
    content_section(plan)
    return plan


@pytest.fixture
def milestone(plan):
    return Milestone.objects.create(plan=plan, kind="report", date=TODAY + datetime.timedelta(days=3),
                                    label="báo cáo kết quả thực hiện trước ngày …")


def sent(milestone, unit, *, consolidated=False, sent_on=None, **figures):
    report = PlanReport.objects.create(milestone=milestone, unit=unit, status="sent", consolidated=consolidated,
                                       sent_at=datetime.datetime.combine(sent_on or TODAY, datetime.time(9),
                                                                         tzinfo=datetime.UTC), **figures)
    return report


def test_it_asks_every_unit_under_the_issuer(tree, milestone):
    units = {u.name for u in rules.reporting_units(milestone)}
    assert units == {tree.ha_hoa.name, tree.hien_luong.name, tree.so_noi_vu.name}
    assert rules.owes_report(tree.ha_hoa, milestone)
    assert not rules.owes_report(tree.nha_trang, milestone)


def test_a_launch_milestone_asks_for_no_report(tree, plan):
    launch = Milestone.objects.create(plan=plan, kind="launch", date=TODAY)
    assert not rules.owes_report(tree.ha_hoa, launch)


def test_the_clerk_drafts_the_approver_sends_and_the_report_locks(tree, cast, milestone):
    report = services.start_plan_report(milestone, tree.ha_hoa, actor=cast.alice)
    assert [r.section.heading for r in report.results.select_related("section")] == ["NỘI DUNG THI ĐUA"]
    result = report.results.get()
    report = services.save_plan_report(report, actor=cast.alice, summary="Phong trào sôi nổi.",
                                       figures={"units_taking_part": 4, "people_taking_part": 120},
                                       results={result.section_id: "Hoàn thành 100% chỉ tiêu."})
    assert (report.units_taking_part, report.people_taking_part) == (4, 120)
    assert report.results.get().text == "Hoàn thành 100% chỉ tiêu."
    with pytest.raises(PermissionDenied):
        services.send_plan_report(report, actor=cast.alice)
    report = services.send_plan_report(report, actor=cast.bob)
    assert report.is_sent and report.sent_by == cast.bob
    with pytest.raises((PermissionDenied, ValidationError)):
        services.save_plan_report(report, actor=cast.alice, figures={"units_taking_part": 1})
    assert services.start_plan_report(milestone, tree.ha_hoa, actor=cast.alice) == report


def test_the_issuer_returns_a_report_with_a_reason(tree, cast, milestone):
    report = services.send_plan_report(services.start_plan_report(milestone, tree.ha_hoa, actor=cast.alice),
                                       actor=cast.bob)
    with pytest.raises(ValidationError):
        services.return_plan_report(report, actor=cast.dave, reason="  ")
    with pytest.raises(PermissionDenied):
        services.return_plan_report(report, actor=cast.bob, reason="Tự trả")
    report = services.return_plan_report(report, actor=cast.dave, reason="Thiếu số liệu khen thưởng.")
    assert report.status == "draft" and report.return_reason == "Thiếu số liệu khen thưởng."
    services.save_plan_report(report, actor=cast.alice, figures={"awards_given": 3})


def test_an_outsider_cannot_start_a_report(tree, cast, milestone):
    with pytest.raises(PermissionDenied):
        services.start_plan_report(milestone, tree.nha_trang, actor=cast.olga)
    with pytest.raises(PermissionDenied):
        services.start_plan_report(milestone, tree.hien_luong, actor=cast.alice)


@pytest.mark.parametrize("deadline, sent_on, expected", [
    (datetime.date(2026, 6, 15), datetime.date(2026, 6, 15), 0),
    (datetime.date(2026, 6, 15), datetime.date(2026, 6, 18), 3),
    (datetime.date(2026, 6, 15), None, 5),
])
def test_it_counts_days_late(deadline, sent_on, expected):
    sent_at = timezone.make_aware(datetime.datetime.combine(sent_on, datetime.time(23, 30))) if sent_on else None
    assert rules.days_late(deadline, sent_at, datetime.date(2026, 6, 20)) == expected


def test_a_report_sent_after_midnight_in_ha_noi_is_a_day_late_though_utc_has_not_turned():
    sent_at = datetime.datetime(2026, 6, 15, 17, 30, tzinfo=datetime.UTC)  # 00:30 on 16/6 in Hà Nội
    assert rules.days_late(datetime.date(2026, 6, 15), sent_at, datetime.date(2026, 6, 20)) == 1


@pytest.fixture
def old_tree(tree):
    """Tỉnh Phú Thọ before the reform: its plan, Huyện Hạ Hoà implementing it, two communes under the district."""
    first = make_unit("Xã Ấm Hạ", Unit.Kind.COMMUNE, tree.ha_hoa_district, valid_to=BEFORE_REFORM)
    second = make_unit("Xã Gia Điền", Unit.Kind.COMMUNE, tree.ha_hoa_district, valid_to=BEFORE_REFORM)
    plan = make_plan(tree.old_phu_tho, status="issued", number=30, issue_year=2024)
    content_section(plan)
    final = Milestone.objects.create(plan=plan, kind="final", date=datetime.date(2024, 12, 15))
    district_plan = make_plan(tree.ha_hoa_district, status="issued", number=5, issue_year=2024, parent_plan=plan)
    content_section(district_plan)
    district_due = Milestone.objects.create(plan=district_plan, kind="report", date=datetime.date(2024, 12, 1))
    return plan, final, district_due, first, second


def test_a_district_consolidates_its_communes_and_the_province_counts_it_once(tree, cast, old_tree):
    plan, final, district_due, first, second = old_tree
    for unit, units, people, awards, proposals, text in [(first, 3, 40, 2, 1, "Trồng 500 cây xanh."),
                                                         (second, 2, 25, 1, 0, "Làm 2 km đường.")]:
        report = sent(district_due, unit, units_taking_part=units, people_taking_part=people, awards_given=awards,
                      proposals_made=proposals)
        report.results.create(section=rules.result_sections(district_due.plan)[0], text=text)
    assert {u.name for u in rules.reporting_units(final)} == {tree.ha_hoa_district.name}

    report = services.start_plan_report(final, tree.ha_hoa_district, actor=cast.root)
    assert report.consolidated
    assert [getattr(report, name) for name in rules.FIGURES] == [5, 65, 3, 1]
    assert report.results.get().text == "Xã Ấm Hạ: Trồng 500 cây xanh.\nXã Gia Điền: Làm 2 km đường."
    services.save_plan_report(report, actor=cast.root, figures={"people_taking_part": 70, "consolidated": True})
    services.send_plan_report(report, actor=cast.root)
    # A commune that also reported straight to the province is inside the district's figures already.
    sent(final, first, units_taking_part=3, people_taking_part=40)

    province = rules.consolidate(final, tree.old_phu_tho)
    assert province.totals == {"units_taking_part": 5, "people_taking_part": 70, "awards_given": 3,
                               "proposals_made": 1}
    assert [r.unit.name for r in province.reports] == [tree.ha_hoa_district.name]


def test_communes_count_themselves_under_a_district_that_did_not_consolidate(tree, old_tree):
    _plan, final, _due, first, second = old_tree
    sent(final, tree.ha_hoa_district, units_taking_part=1, people_taking_part=10)
    sent(final, first, units_taking_part=3, people_taking_part=40)
    sent(final, second, units_taking_part=2, people_taking_part=25)
    PlanReport.objects.create(milestone=final, unit=tree.ha_hoa, people_taking_part=999)  # a draft: not counted
    totals = rules.consolidate(final, tree.old_phu_tho).totals
    assert (totals["units_taking_part"], totals["people_taking_part"]) == (6, 75)


def test_the_consolidated_report_opens_in_word_and_pdf_with_each_part(tree, milestone):
    report = sent(milestone, tree.ha_hoa, units_taking_part=4, people_taking_part=120, awards_given=3,
                  proposals_made=2, summary="Phong trào sôi nổi.", recommendations="Tăng kinh phí khen thưởng.")
    report.results.create(section=rules.result_sections(milestone.plan)[0], text="Hoàn thành 100% chỉ tiêu.")
    consolidated = rules.consolidate(milestone, tree.phu_tho)
    sections = rules.result_sections(milestone.plan)
    word = docx.Document(io.BytesIO(render_plan_report_docx(milestone, tree.phu_tho, consolidated, sections)))
    text = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(c.text for t in word.tables for row in t.rows for c in row.cells)
    pdf = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(
        render_plan_report_pdf(milestone, tree.phu_tho, consolidated, sections))).pages)
    pdf = " ".join(pdf.split())
    for content in (text + "\n" + cells, pdf):
        for part in ("BÁO CÁO", "Kết quả thực hiện Kế hoạch số 12/KH-UBND", "I. KẾT QUẢ CHUNG", "NỘI DUNG THI ĐUA",
                     "Hoàn thành 100% chỉ tiêu.", "Phong trào sôi nổi.", "Tăng kinh phí khen thưởng.",
                     "V. CÁC ĐƠN VỊ ĐÃ BÁO CÁO", "Xã Hạ Hòa"):
            assert part in content, part
    assert "120" in cells and "Số người tham gia" in cells


def test_a_draft_report_takes_a_checked_pdf_and_a_sent_one_takes_none(tree, cast, milestone):
    from awards.models import PlanReportAttachment

    from tests.awards.pdf_files import pdf_upload

    report = services.start_plan_report(milestone, tree.ha_hoa, actor=cast.alice)
    attachment = services.attach_report_file(report, actor=cast.alice, upload=pdf_upload("bang-so-lieu.pdf", pages=2))
    assert (attachment.original_name, attachment.page_count) == ("bang-so-lieu.pdf", 2)
    assert attachment.file.read().startswith(b"%PDF-")
    with pytest.raises(ValidationError):
        services.attach_report_file(report, actor=cast.alice, upload=pdf_upload("gia.pdf", content=b"not a pdf"))
    with pytest.raises(PermissionDenied):
        services.attach_report_file(report, actor=cast.olga, upload=pdf_upload())
    report = services.send_plan_report(report, actor=cast.bob)
    with pytest.raises(PermissionDenied):
        services.attach_report_file(report, actor=cast.alice, upload=pdf_upload())
    with pytest.raises((PermissionDenied, ValidationError)):  # the page it was read on shows it still a draft
        services.remove_report_file(attachment, actor=cast.alice)
    services.return_plan_report(report, actor=cast.dave, reason="Bổ sung.")
    attachment.refresh_from_db()
    services.remove_report_file(PlanReportAttachment.objects.get(pk=attachment.pk), actor=cast.alice)
    assert not PlanReportAttachment.objects.exists()


def test_it_prefills_the_awards_a_unit_granted_and_the_proposals_it_sent_up(tree, cast, central, milestone):
    from tests.awards.decision_factories import decide
    from tests.awards.dossier_factories import make_list, people, submit

    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    [local] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "GIAY_KHEN")]), cast.alice)
    decide(local, cast.bob)
    submit(make_list(tree.ha_hoa, cast.alice, [(binh, "BK_TINH")]), cast.alice)
    assert services.prefilled_figures(milestone, tree.ha_hoa) == {"awards_given": 1, "proposals_made": 1}
    report = services.start_plan_report(milestone, tree.ha_hoa, actor=cast.alice)
    assert (report.awards_given, report.proposals_made) == (1, 1)
