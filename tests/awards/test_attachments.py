"""Dossier documents: only real PDFs are kept, in the right place, by the right people; submission waits for them."""

import datetime
import hashlib
import re
import threading
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from awards.models import (
    AwardType,
    DocumentKind,
    DocumentRequirement,
    NominationAttachment,
    NominationList,
    TaskRating,
)
from awards.services import attachments, nominations

from tests.awards.pdf_files import attach_missing, pdf_upload, tiny_pdf
from tests.conftest import make_person, make_plan

pytestmark = pytest.mark.django_db

K = DocumentKind
TODAY = datetime.date.today()
D152 = "ban hành kèm theo Nghị định số 152/2025/NĐ-CP"


@pytest.fixture
def plan(tree):
    # Issued on 4/3/2026: the dossier is judged by the rules in force then (Decree 152/2025).
    return make_plan(tree.phu_tho, status="issued", issue_day=4, dossier_deadline=TODAY + datetime.timedelta(days=10))


@pytest.fixture
def an(an):
    """An of tests/awards/conftest.py, rated as having done his tasks well in 2026: his LĐTT line is eligible."""
    TaskRating.objects.create(person=an, year=2026, rating=TaskRating.Rating.GOOD)
    return an


@pytest.fixture
def draft(cast, tree, plan):
    return nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026,
                                   title="Đề nghị khen thưởng năm 2026")


@pytest.fixture
def line(cast, draft, an):
    return nominations.add_line(draft, actor=cast.alice, person=an, award=award("LDTT"))


def award(code):
    return AwardType.objects.get(code=code)


def private_files(settings):
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


# What is accepted, and how it is kept

def test_it_keeps_a_real_pdf_with_its_page_count_and_hash_under_a_random_private_name(cast, draft, line, settings):
    content = tiny_pdf(pages=3)
    attachment = attachments.attach(draft, actor=cast.alice, kind=K.ACHIEVEMENT_REPORT, line=line,
                                    upload=pdf_upload("Báo cáo thành tích Nguyễn Văn An.pdf", content))
    attachment.refresh_from_db()
    assert (attachment.page_count, attachment.size) == (3, len(content))
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert (attachment.original_name, attachment.uploaded_by, attachment.line) == (
        "Báo cáo thành tích Nguyễn Văn An.pdf", cast.alice, line)
    [stored] = private_files(settings)
    assert stored.read_bytes() == content
    assert "Nguy" not in stored.name and "An" not in attachment.file.name and stored.suffix == ".pdf"
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def test_a_failure_after_the_file_was_saved_leaves_no_file_and_no_row(cast, draft, line, settings, monkeypatch):
    def broken(self, *args, **kwargs):
        assert private_files(settings)  # the file is on disk when the row fails
        raise IntegrityError("disk full")

    version = NominationList.objects.get(pk=draft.pk).version
    monkeypatch.setattr(NominationAttachment, "save", broken)
    with pytest.raises(IntegrityError):
        attachments.attach(draft, actor=cast.alice, kind=K.ACHIEVEMENT_REPORT, line=line, upload=pdf_upload())
    assert not NominationAttachment.objects.exists() and private_files(settings) == []
    assert NominationList.objects.get(pk=draft.pk).version == version


def test_a_private_file_has_no_url(cast, draft, line):
    attachment = attachments.attach(draft, actor=cast.alice, kind=K.ACHIEVEMENT_REPORT, line=line,
                                    upload=pdf_upload())
    with pytest.raises(ValueError, match="no URL"):
        _ = attachment.file.url


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program cannot be run"


@pytest.mark.parametrize("name, content, message", [
    ("x.pdf", EXE, "không phải tệp PDF"),
    ("rong.pdf", b"", "rỗng (0 byte)"),
    ("mat-khau.pdf", tiny_pdf(password="bi-mat"), "được đặt mật khẩu"),
    ("hong.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8, "bị hỏng hoặc không đọc được"),
    ("cat-doi.pdf", tiny_pdf(pages=2)[:300], "bị hỏng hoặc không đọc được"),
    ("khong-trang.pdf", tiny_pdf(pages=0), "không có trang nào"),
])
def test_it_refuses_a_file_that_is_not_a_usable_pdf_whatever_its_name(cast, draft, line, settings, name, content,
                                                                       message):
    with pytest.raises(ValidationError, match=re.escape(message)) as refused:
        attachments.attach(draft, actor=cast.alice, kind=K.ACHIEVEMENT_REPORT, line=line,
                           upload=pdf_upload(name, content))
    assert f"“{name}”" in refused.value.messages[0]
    assert not NominationAttachment.objects.exists() and private_files(settings) == []


def test_it_refuses_a_file_over_the_size_cap(cast, draft, line, settings):
    settings.ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024
    big = tiny_pdf() + b"%" + b"0" * (3 * 1024 * 1024)  # still a PDF, just too heavy
    with pytest.raises(ValidationError, match="nặng 3 MB, vượt mức tối đa 2 MB"):
        attachments.attach(draft, actor=cast.alice, kind=K.ACHIEVEMENT_REPORT, line=line, upload=pdf_upload(
            "quet-do-phan-giai-cao.pdf", big))
    settings.ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
    assert attachments.attach(draft, actor=cast.alice, kind=K.ACHIEVEMENT_REPORT, line=line,
                              upload=pdf_upload("quet.pdf", big)).size == len(big)


# Replacement: one current copy of the single-copy documents, several of the others

def test_a_new_report_replaces_the_old_one_and_its_file_goes_after_commit(cast, draft, line, settings,
                                                                         django_capture_on_commit_callbacks):
    first = attachments.attach(draft, actor=cast.alice, kind=K.ACHIEVEMENT_REPORT, line=line,
                               upload=pdf_upload("ban-1.pdf"))
    old_file = Path(settings.PRIVATE_MEDIA_ROOT) / first.file.name
    with django_capture_on_commit_callbacks(execute=False) as pending:
        second = attachments.attach(draft, actor=cast.alice, kind=K.ACHIEVEMENT_REPORT, line=line,
                                    upload=pdf_upload("ban-2.pdf", tiny_pdf(pages=2)))
    # Until the replacement is committed the old file stays: a rollback must not lose it.
    assert old_file.exists() and len(pending) == 1
    pending[0]()
    assert not old_file.exists()
    assert list(line.attachments.values_list("original_name", flat=True)) == ["ban-2.pdf"]
    assert private_files(settings) == [Path(settings.PRIVATE_MEDIA_ROOT) / second.file.name]


def test_the_list_keeps_one_proposal_but_several_other_documents(cast, draft, line,
                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("to-trinh-1.pdf", "to-trinh-2.pdf"):
            attachments.attach(draft, actor=cast.alice, kind=K.PROPOSAL, upload=pdf_upload(name))
        for name in ("giay-xac-nhan-1.pdf", "giay-xac-nhan-2.pdf"):
            attachments.attach(draft, actor=cast.alice, kind=K.OTHER, line=line, upload=pdf_upload(name))
    assert list(draft.attachments.filter(kind=K.PROPOSAL).values_list("original_name", flat=True)) == [
        "to-trinh-2.pdf"]
    assert line.attachments.filter(kind=K.OTHER).count() == 2


def test_the_database_refuses_two_current_reports_for_one_line(cast, draft, line):
    first = attachments.attach(draft, actor=cast.alice, kind=K.ACHIEVEMENT_REPORT, line=line, upload=pdf_upload())
    with pytest.raises(IntegrityError), transaction.atomic():
        NominationAttachment.objects.create(nomination_list=draft, line=line, kind=K.ACHIEVEMENT_REPORT,
                                            file=first.file.name, original_name="x.pdf", size=1, sha256="0" * 64,
                                            page_count=1, uploaded_by=cast.alice)


@pytest.mark.django_db(transaction=True)
def test_two_clerks_uploading_the_same_report_at_once_leave_one_report_and_one_file(cast, tree, settings):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are only exercised on PostgreSQL")
    # Our own award row: a transactional test must not lean on rows a data migration loaded.
    team = AwardType.objects.create(code="GK_XA_TEST", name="Giấy khen thử", group=AwardType.Group.CERTIFICATE,
                                    for_collectives=True)
    DocumentRequirement.objects.create(award=team, kind=K.ACHIEVEMENT_REPORT)
    annual = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, year=2026, title="Tổng kết năm 2026")
    team_line = nominations.add_line(annual, actor=cast.alice, collective=tree.van_phong, award=team)
    start, outcomes = threading.Barrier(2), []

    def upload(actor, name):
        try:
            start.wait()
            attachments.attach(annual, actor=actor, kind=K.ACHIEVEMENT_REPORT, line=team_line,
                               upload=pdf_upload(name))
            outcomes.append(name)
        finally:
            connection.close()

    threads = [threading.Thread(target=upload, args=pair) for pair in ((cast.alice, "a.pdf"), (cast.bob, "b.pdf"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["a.pdf", "b.pdf"]  # the second waited for the first, then replaced it
    [kept] = NominationAttachment.objects.filter(line=team_line)
    assert private_files(settings) == [Path(settings.PRIVATE_MEDIA_ROOT) / kept.file.name]


# Which document goes where

def test_a_list_document_is_refused_on_a_line_and_a_line_document_on_the_list(cast, draft, line):
    with pytest.raises(ValidationError, match="tài liệu chung của cả danh sách"):
        attachments.attach(draft, actor=cast.alice, kind=K.PROPOSAL, line=line, upload=pdf_upload())
    with pytest.raises(ValidationError, match="tài liệu của từng đề nghị"):
        attachments.attach(draft, actor=cast.alice, kind=K.ACHIEVEMENT_REPORT, upload=pdf_upload())


def test_a_kind_the_award_does_not_ask_for_is_refused_with_a_pointer_to_other(cast, tree, draft, line, an):
    with pytest.raises(ValidationError, match="Hồ sơ Lao động tiên tiến của Nguyễn Văn An không có thành phần "
                                              "“Chứng nhận sáng kiến, đề tài khoa học”.*Tài liệu khác"):
        attachments.attach(draft, actor=cast.alice, kind=K.INITIATIVE_PROOF, line=line, upload=pdf_upload())
    soldier = nominations.add_line(draft, actor=cast.alice, person=make_person("Lê Thị Hoa", tree.ha_hoa),
                                   award=award("CSTDCS"))
    proof = attachments.attach(draft, actor=cast.alice, kind=K.INITIATIVE_PROOF, line=soldier, upload=pdf_upload())
    assert proof.line == soldier


def test_a_line_of_another_list_is_refused(cast, tree, plan, draft, line):
    other = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026, title="Khác")
    with pytest.raises(ValidationError, match="không thuộc danh sách"):
        attachments.attach(other, actor=cast.alice, kind=K.ACHIEVEMENT_REPORT, line=line, upload=pdf_upload())


# Who may attach and remove, and when

@pytest.mark.parametrize("actor, allowed", [("alice", True), ("bob", True), ("dave", True), ("root", True),
                                            ("carol", False), ("erin", False), ("olga", False)])
def test_editing_roles_of_the_unit_or_above_attach_and_remove_and_nobody_else(cast, draft, line, actor, allowed):
    user = getattr(cast, actor)
    if not allowed:
        with pytest.raises(PermissionDenied):
            attachments.attach(draft, actor=user, kind=K.ACHIEVEMENT_REPORT, line=line, upload=pdf_upload())
        kept = attachments.attach(draft, actor=cast.alice, kind=K.ACHIEVEMENT_REPORT, line=line, upload=pdf_upload())
        with pytest.raises(PermissionDenied):
            attachments.remove_attachment(kept, actor=user)
        assert line.attachments.count() == 1
        return
    attachment = attachments.attach(draft, actor=user, kind=K.ACHIEVEMENT_REPORT, line=line, upload=pdf_upload())
    assert attachment.uploaded_by == user
    attachments.remove_attachment(attachment, actor=user)
    assert not line.attachments.exists()


class Unreadable(SimpleUploadedFile):
    def read(self, *args):
        raise AssertionError("the file was read")

    def chunks(self, *args):
        raise AssertionError("the file was read")


def test_an_outsiders_file_is_never_read(cast, draft, line):
    upload = Unreadable("x.pdf", tiny_pdf())
    with pytest.raises(PermissionDenied):
        attachments.attach(draft, actor=cast.olga, kind=K.ACHIEVEMENT_REPORT, line=line, upload=upload)
    with pytest.raises(ValidationError, match="tài liệu chung"):  # a wrongly aimed file is not read either
        attachments.attach(draft, actor=cast.alice, kind=K.MINUTES, line=line, upload=upload)


def test_a_submitted_list_refuses_new_and_removed_documents(cast, draft, line, django_capture_on_commit_callbacks):
    [proposal, *_] = attach_missing(draft, actor=cast.alice)
    nominations.submit_list(draft, actor=cast.alice)
    with pytest.raises(ValidationError, match="Đã gửi.*không thể sửa"):
        attachments.attach(draft, actor=cast.alice, kind=K.OTHER, line=line, upload=pdf_upload())
    with pytest.raises(ValidationError, match="không thể sửa"):
        attachments.remove_attachment(proposal, actor=cast.alice)
    assert draft.attachments.count() == 3


def test_attaching_and_removing_bump_the_list_version(cast, draft, line):
    before = NominationList.objects.get(pk=draft.pk).version
    attachment = attachments.attach(draft, actor=cast.alice, kind=K.ACHIEVEMENT_REPORT, line=line,
                                    upload=pdf_upload())
    attachments.remove_attachment(attachment, actor=cast.alice)
    assert NominationList.objects.get(pk=draft.pk).version == before + 2


# What is missing

def test_each_line_lacks_its_own_documents_on_the_form_of_the_plan_date(cast, tree, draft, line):
    soldier = nominations.add_line(draft, actor=cast.alice, person=make_person("Lê Thị Hoa", tree.ha_hoa),
                                   award=award("CSTDCS"))
    team = nominations.add_line(draft, actor=cast.alice, collective=tree.van_phong, award=award("TTLDTT"))
    attachments.attach(draft, actor=cast.alice, kind=K.ACHIEVEMENT_REPORT, line=line, upload=pdf_upload())
    dossier = attachments.missing_documents(draft)
    assert dossier.on == datetime.date(2026, 3, 4) and not dossier.complete
    shown = {item.subject_name: [str(m) for m in dossier.line_missing[item.pk]] for item in dossier.lines}
    assert shown == {
        "Nguyễn Văn An": [],
        # Reports for a campaign are written on the campaign form (Mẫu số 08), whoever the subject.
        "Lê Thị Hoa": [f"Báo cáo thành tích (Mẫu số 08 {D152})", "Chứng nhận sáng kiến, đề tài khoa học"],
        "Văn phòng HĐND và UBND xã Hạ Hòa": [f"Báo cáo thành tích (Mẫu số 08 {D152})"],
    }
    # The proposal and the minutes are owed once by the list, not by each line.
    assert [str(m) for m in dossier.list_missing] == [f"Tờ trình đề nghị khen thưởng (Mẫu số 01 {D152})",
                                                      "Biên bản họp xét khen thưởng"]
    assert dossier.line_kinds[soldier.pk] == [K.ACHIEVEMENT_REPORT, K.INITIATIVE_PROOF]
    assert dossier.line_kinds[team.pk] == [K.ACHIEVEMENT_REPORT]


def test_an_annual_list_uses_the_ordinary_report_forms_in_force_today(cast, tree, an):
    annual = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, year=2026, title="Tổng kết năm 2026")
    nominations.add_line(annual, actor=cast.alice, person=an, award=award("LDTT"))
    nominations.add_line(annual, actor=cast.alice, collective=tree.van_phong, award=award("TTLDTT"))
    dossier = attachments.missing_documents(annual)
    assert dossier.on == TODAY
    numbers = [m.form.number for item in dossier.lines for m in dossier.line_missing[item.pk]]
    assert numbers == ["03", "02"]  # individual, collective


def test_a_list_under_a_yearly_plan_uses_the_ordinary_report_forms(cast, tree, an):
    yearly = make_plan(tree.phu_tho, status="issued", issue_day=4, kind="regular")
    annual = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=yearly, year=2026, title="Năm 2026")
    nominations.add_line(annual, actor=cast.alice, person=an, award=award("LDTT"))
    nominations.add_line(annual, actor=cast.alice, collective=tree.van_phong, award=award("TTLDTT"))
    dossier = attachments.missing_documents(annual)
    numbers = [m.form.number for item in dossier.lines for m in dossier.line_missing[item.pk]]
    assert numbers == ["03", "02"]  # not the campaign form 08


def test_a_plan_issued_under_decree_98_asks_for_its_forms(cast, tree, an):
    old_plan = make_plan(tree.phu_tho, status="issued", issue_year=2024, issue_day=15)
    old_list = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=old_plan, year=2024, title="2024")
    nominations.add_line(old_list, actor=cast.alice, household="Hộ ông Hà Văn Ba", award=award("GD_VH"))
    dossier = attachments.missing_documents(old_list)
    [report] = dossier.line_missing[dossier.lines[0].pk]
    assert str(report) == "Báo cáo thành tích (Mẫu số 08 ban hành kèm theo Nghị định số 98/2023/NĐ-CP)"


def test_missing_documents_costs_the_same_for_two_lines_or_twelve(cast, tree, draft, an):
    def measure():
        with CaptureQueriesContext(connection) as queries:
            dossier = attachments.missing_documents(NominationList.objects.select_related("plan").get(pk=draft.pk))
        return len(dossier.lines), len(queries)

    for i in range(2):
        nominations.add_line(draft, actor=cast.alice, household=f"Hộ ông {i}", award=award("GD_VH"))
    attach_missing(draft, actor=cast.alice)
    two = measure()
    for i in range(2, 12):
        line = nominations.add_line(draft, actor=cast.alice, household=f"Hộ ông {i}", award=award("GD_VH"))
        attachments.attach(draft, actor=cast.alice, kind=K.OTHER, line=line, upload=pdf_upload())
    twelve = measure()
    assert (two[0], twelve[0]) == (2, 12)
    assert two[1] == twelve[1] == 6  # the list, its lines, the rules, the regulation, its forms, the documents


# Submission waits for the documents

def test_submission_is_refused_while_documents_are_missing_and_names_them(cast, draft, line):
    with pytest.raises(ValidationError) as refused:
        nominations.submit_list(draft, actor=cast.alice)
    assert refused.value.messages == [
        f"Còn thiếu: Tờ trình đề nghị khen thưởng (Mẫu số 01 {D152}); Biên bản họp xét khen thưởng; "
        f"Nguyễn Văn An — Báo cáo thành tích (Mẫu số 08 {D152})."]
    attachments.attach(draft, actor=cast.alice, kind=K.PROPOSAL, upload=pdf_upload())
    attachments.attach(draft, actor=cast.alice, kind=K.MINUTES, upload=pdf_upload())
    with pytest.raises(ValidationError, match=r"^\['Còn thiếu: Nguyễn Văn An — Báo cáo thành tích"):
        nominations.submit_list(draft, actor=cast.alice)
    assert NominationList.objects.get(pk=draft.pk).status == NominationList.Status.DRAFT


def test_submission_passes_once_every_required_document_is_attached(cast, draft, line):
    attach_missing(draft, actor=cast.alice)
    assert attachments.missing_documents(draft).complete
    assert nominations.submit_list(draft, actor=cast.alice).status == NominationList.Status.SUBMITTED
