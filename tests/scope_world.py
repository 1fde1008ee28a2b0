"""One small portal with something of every kind in three places, for the URL-by-URL scope test.

Places: Xã Hạ Hòa (alice's and bob's commune), Xã Hiền Lương (the commune beside it, in the same
province) and Phường Nha Trang (olga's ward, in Khánh Hòa); the provinces Phú Thọ and Khánh Hòa
hold what a province owns (decisions, councils, consultations, bundles sent up).

Each commune has two people with names found nowhere else, so an export that carries a name from
outside its reader's scope is caught by reading the file back.
"""

import datetime
import hashlib
import io
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.utils import timezone
from openpyxl import Workbook

from units.models import Job, Membership, Person

from campaigns.models import Milestone, Registration

from awards.models import (
    AwardRecord,
    AwardReviewFlag,
    AwardType,
    BlockMember,
    Criterion,
    DisciplinePeriod,
    DocumentKind,
    DossierAttachment,
    EmulationBlock,
    Initiative,
    NomineeImport,
    PlanReport,
    PlanReportAttachment,
    ScoreEvidence,
    ScoreGroup,
    ScoreSheet,
    YearlyEntry,
    YearlySheet,
)
from awards.services import certificates, consultations, councils, decision_signatures, decisions, dossiers

from tests.awards.council_factories import make_council
from tests.awards.decision_factories import draft
from tests.awards.dossier_factories import approve_all, make_list, official, refresh, submit
from tests.awards.pdf_files import pdf_upload, tiny_pdf
from tests.awards.signature_factories import PASSPHRASE, issued_plan, make_ca, make_signer, register
from tests.conftest import build_cast, build_tree, make_person, make_plan, make_user

R = Membership.Role
COMMUNES = ("ha_hoa", "hien_luong", "nha_trang")
PROVINCES = ("phu_tho", "khanh_hoa")
PROVINCE_OF = {"ha_hoa": "phu_tho", "hien_luong": "phu_tho", "nha_trang": "khanh_hoa"}
# Names that appear nowhere else in the world: a file showing one of them shows that place's data.
NAMES = {
    "ha_hoa": ("Nguyễn Văn Ánh", "Trần Thị Bảo"),
    "hien_luong": ("Lê Văn Hiếu", "Phạm Thị Lụa"),
    "nha_trang": ("Võ Văn Nhã", "Đặng Thị Trâm"),
}
# Who sees what, written out by hand (not read from the scoping code it checks): the places whose
# records each member of the cast may read.
SEES = {
    "alice": {"ha_hoa"}, "bob": {"ha_hoa"},
    "carol": {"phu_tho", "ha_hoa", "hien_luong"}, "dave": {"phu_tho", "ha_hoa", "hien_luong"},
    "erin": {"phu_tho", "ha_hoa", "hien_luong"}, "sarah": {"phu_tho", "ha_hoa", "hien_luong"},
    "olga": {"nha_trang"},
}
ROLES = tuple(SEES)


def xlsx_with(*cells) -> bytes:
    book = Workbook()
    for row, value in enumerate(cells, start=1):
        book.active.cell(row=row, column=1, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _attachment(dossier, actor):
    data = tiny_pdf()
    return DossierAttachment.objects.create(
        dossier=dossier, kind=DocumentKind.OTHER, file=ContentFile(data, name="tai-lieu.pdf"),
        original_name="tai-lieu.pdf", size=len(data), sha256=hashlib.sha256(data).hexdigest(), page_count=1,
        uploaded_by=actor)


def _job(owner, kind, subject, name):
    return Job.objects.create(owner=owner, kind=kind, subject=subject, state=Job.State.SUCCEEDED, total=1, done=1,
                              result=ContentFile(xlsx_with(name), name="ket-qua.xlsx"), result_name="ket-qua.xlsx")


def build_world():
    """Everything the scope test requests, in every place; returns a namespace of people, units and objects."""
    from awards.services.routing import ensure_central_levels

    tree = build_tree()
    w = build_cast(tree)
    w.tree = tree
    ensure_central_levels()
    units = {"ha_hoa": tree.ha_hoa, "hien_luong": tree.hien_luong, "nha_trang": tree.nha_trang,
             "phu_tho": tree.phu_tho, "khanh_hoa": tree.khanh_hoa}
    w.units = units
    w.sarah = official("sarah", tree.phu_tho, R.SECRETARY)
    staff = {
        "phu_tho": SimpleNamespace(clerk=official("phuong", tree.phu_tho, R.CLERK), reviewer=w.carol,
                                   approver=w.dave, secretary=w.sarah),
        "khanh_hoa": SimpleNamespace(clerk=official("khoa", tree.khanh_hoa, R.CLERK),
                                     reviewer=official("kieu", tree.khanh_hoa, R.REVIEWER),
                                     approver=official("khai", tree.khanh_hoa, R.APPROVER),
                                     secretary=official("sang", tree.khanh_hoa, R.SECRETARY)),
    }
    local = {
        "ha_hoa": SimpleNamespace(clerk=w.alice, chair=w.bob),
        "hien_luong": SimpleNamespace(clerk=make_user("hana", tree.hien_luong, R.CLERK),
                                      chair=make_user("hung", tree.hien_luong, R.APPROVER)),
        "nha_trang": SimpleNamespace(clerk=w.olga, chair=make_user("nam", tree.nha_trang, R.APPROVER)),
    }
    ca = make_ca()
    o = {kind: {} for kind in (
        "unit", "person", "plan", "registration", "list", "line", "nomination_attachment", "nominee_import",
        "dossier", "dossier_line", "dossier_attachment", "bundle", "signing_certificate", "signed_plan_copy",
        "job", "bundle_attachment", "pack_job", "record", "certificate", "flag", "decision", "consultation", "comment",
        "session", "account", "membership", "initiative", "discipline", "yearly_entry", "plan_report",
        "plan_report_attachment", "block", "block_member", "block_evidence")}
    settled = {province: [] for province in PROVINCES}
    for place in COMMUNES:
        unit, who, province = units[place], local[place], staff[PROVINCE_OF[place]]
        first, second = (make_person(name, unit, position="Cán bộ văn hóa") for name in NAMES[place])
        o["unit"][place], o["person"][place] = unit, first
        o["initiative"][place] = Initiative.objects.create(title=f"Sáng kiến của {unit.name}", year=2025,
                                                           recognising_body=unit.name)
        o["initiative"][place].authors.add(first)
        o["yearly_entry"][place] = YearlyEntry.objects.create(
            sheet=YearlySheet.objects.create(unit=unit, period="2026", year=2026, created_by=who.clerk), person=first,
            title=AwardType.objects.get(code="LDTT"), created_by=who.clerk)
        o["block"][place] = block = EmulationBlock.objects.create(
            organiser=units[PROVINCE_OF[place]], year=2026, name=f"Khối của {unit.name}", head=unit)
        o["block_member"][place] = BlockMember.objects.create(block=block, unit=unit, year=2026, position=1)
        # A sent sheet with one evidence file: the member's people and the organiser open it.
        criterion = Criterion.objects.create(group=ScoreGroup.objects.create(
            block=block, position=1, name="Thực hiện nhiệm vụ", max_points=10), position=1, name="Chỉ tiêu",
            max_points=10)
        evidence_pdf = tiny_pdf()
        o["block_evidence"][place] = ScoreEvidence.objects.create(
            sheet=ScoreSheet.objects.create(member=o["block_member"][place], status=ScoreSheet.Status.SENT),
            criterion=criterion, file=ContentFile(evidence_pdf, name="minh-chung.pdf"), original_name="minh-chung.pdf",
            size=len(evidence_pdf), sha256=hashlib.sha256(evidence_pdf).hexdigest(), page_count=1,
            uploaded_by=who.clerk)
        o["discipline"][place] = DisciplinePeriod.objects.create(person=first, form="reprimand",
                                                                 start=datetime.date(2020, 1, 1),
                                                                 end=datetime.date(2020, 12, 31))
        plan = issued_plan(unit, actor=who.chair)
        o["plan"][place] = plan
        due = Milestone.objects.create(plan=plan, kind="report", date=datetime.date(2026, 12, 1))
        o["plan_report"][place] = PlanReport.objects.create(milestone=due, unit=unit, created_by=who.clerk)
        data = tiny_pdf()
        o["plan_report_attachment"][place] = PlanReportAttachment.objects.create(
            report=o["plan_report"][place], file=ContentFile(data, name="bao-cao.pdf"), original_name="bao-cao.pdf",
            size=len(data), sha256=hashlib.sha256(data).hexdigest(), page_count=1, uploaded_by=who.clerk)
        o["registration"][place] = Registration.objects.create(plan=plan, unit=unit, person=first,
                                                               target="Chiến sĩ thi đua cơ sở", created_by=who.clerk)
        identity = make_signer(ca, "Chủ tịch UBND", unit.name)
        o["signing_certificate"][place] = certificate = register(identity, unit=unit, actor=who.chair)
        from awards import signatures

        o["signed_plan_copy"][place] = signatures.sign_plan(plan, actor=who.chair, certificate_id=certificate.pk,
                                                            passphrase=PASSPHRASE, reason="Ký ban hành kế hoạch")
        # A provincial award, settled for the province's decision.
        granted = make_list(unit, who.clerk, [(first, "BK_TINH")], title="Đề nghị Bằng khen của tỉnh")
        [packet] = submit(granted, who.clerk)
        dossiers.receive_dossier(packet, actor=province.clerk)
        approve_all(packet, province.reviewer)
        dossiers.settle_dossier(packet, actor=province.approver)
        settled[PROVINCE_OF[place]].append(refresh(packet))
        o["list"][place] = granted
        o["line"][place] = granted.lines.get()
        o["nomination_attachment"][place] = granted.attachments.first()
        o["dossier"][place] = refresh(packet)
        o["dossier_line"][place] = packet.lines.get()
        o["dossier_attachment"][place] = _attachment(packet, who.clerk)
        o["nominee_import"][place] = NomineeImport.objects.create(
            nomination_list=granted, file_name="ds.xlsx", status=NomineeImport.Status.FAILED, error_count=1,
            message="Tệp có lỗi.", created_by=who.clerk,
            annotated=ContentFile(xlsx_with(first.full_name), name="danh-dau-loi.xlsx"))
        o["job"][place] = _job(who.clerk, Job.Kind.PLAN_PDF, plan, first.full_name)
        o["pack_job"][place] = _job(who.clerk, Job.Kind.CERTIFICATE_PACK, plan, first.full_name)
        # A state award, reviewed at the province: it waits for the council and the public consultation.
        state = make_list(unit, who.clerk, [(second, "HC_LAO_DONG")], title="Đề nghị Huân chương Lao động")
        [packet] = submit(state, who.clerk)
        dossiers.receive_dossier(packet, actor=province.clerk)
        approve_all(packet, province.reviewer)
    for place in ("ha_hoa", "nha_trang"):
        # The Prime Minister's Bằng khen: the province bundles it and sends it on to the centre.
        unit, who, province = units[place], local[place], staff[PROVINCE_OF[place]]
        central = make_list(unit, who.clerk, [(o["person"][place], "BK_TTG")], title="Đề nghị Bằng khen Thủ tướng")
        [packet] = submit(central, who.clerk)
        dossiers.receive_dossier(packet, actor=province.clerk)
        approve_all(packet, province.reviewer)
        bundle = dossiers.forward_dossiers([refresh(packet)], actor=province.approver, proposal=pdf_upload(),
                                           minutes=pdf_upload())
        o["bundle"][PROVINCE_OF[place]] = bundle
        o["bundle_attachment"][PROVINCE_OF[place]] = bundle.attachments.first()
    today = timezone.localdate()
    for place in PROVINCES:
        unit, province = units[place], staff[place]
        decision = draft(unit, province.clerk, decisions.ready_lines(unit))
        decision = decisions.issue_decision(decision, actor=province.approver)
        identity = make_signer(ca, "Chủ tịch UBND tỉnh", unit.name)
        certificate = register(identity, unit=unit, actor=province.approver)
        o["decision"][place] = decision_signatures.sign_decision(
            decision, actor=province.approver, certificate_id=certificate.pk, passphrase=PASSPHRASE,
            reason="Ký ban hành quyết định khen thưởng")
        o["consultation"][place] = consultation = consultations.open_consultation(
            actor=province.clerk, unit=unit, title="Lấy ý kiến đề nghị khen thưởng cấp Nhà nước",
            line_ids=[line.pk for line in consultations.candidate_lines(unit)], opens_on=today,
            where_published="Cổng thông tin điện tử tỉnh")
        o["comment"][place] = consultations.submit_comment(consultation, name="Nguyễn Thị Hoa",
                                                           text="Đồng ý với đề nghị.")
        make_council(unit)
        o["session"][place] = councils.open_session(actor=province.secretary, unit=unit, held_on=today,
                                                    place="Hội trường UBND tỉnh")
    for place in COMMUNES:
        record = AwardRecord.objects.get(person=o["person"][place], decision__isnull=False)
        o["record"][place] = record
        [o["certificate"][place]] = certificates.issue_certificates([record], actor=w.root)
        earlier = AwardRecord.objects.create(
            person=record.person, award=record.award, year=2024, decision_number="12/QĐ-UBND",
            decision_date=datetime.date(2024, 3, 1), issuing_body="Chủ tịch UBND tỉnh",
            source=AwardRecord.Source.PORTAL)
        o["flag"][place] = AwardReviewFlag.objects.create(record=record, cause=earlier,
                                                          reason="Khen thưởng được tính đã bị hủy bỏ.")
    # The province's own plan, issued: each commune reads it and registers under it.
    w.province_plan = make_plan(tree.phu_tho, status="issued")
    for place in ("ha_hoa", "hien_luong"):
        Registration.objects.create(plan=w.province_plan, unit=units[place], person=o["person"][place],
                                    target="Chiến sĩ thi đua cơ sở", created_by=local[place].clerk)
    for place in COMMUNES:
        # The commune clerk's account and role, for the account pages of unit admins.
        o["account"][place] = local[place].clerk
        o["membership"][place] = local[place].clerk.memberships.get()
    w.staff, w.local, w.objects = staff, local, o
    w.people = {place: list(Person.objects.filter(full_name__in=NAMES[place])) for place in COMMUNES}
    return w


