"""Evidence files of a member's score sheet: a member attaches checked PDFs to a criterion of its own draft sheet
and removes them while it is a draft; the head and the organiser open them once the sheet is sent; nobody else
before the scoring is closed. The files live in private storage and leave only as downloads."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import ScoreEvidence
from awards.services import block_evidence as evidence, blocks

from tests.awards.block_factories import score_all, world  # noqa: F401
from tests.awards.pdf_files import pdf_upload, tiny_pdf


class Unreadable:
    """An upload that fails the test if anything reads it: the refusal must come before."""

    def __init__(self, size):
        self.name, self.size = "to.pdf", size

    def read(self, *args):
        raise AssertionError("the upload was read")

    seek = chunks = read


def stored_files():
    return list(_walk(storages["private"], "minh-chung-khoi"))


def _walk(storage, folder):
    if not storage.exists(folder):
        return
    folders, files = storage.listdir(folder)
    yield from (f"{folder}/{name}" for name in files)
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}")


def test_a_member_attaches_a_pdf_to_a_criterion_of_its_draft_sheet(world):
    row = evidence.attach_score_evidence(world.members[1], actor=world.hana, criterion=world.c1,
                                         upload=pdf_upload("C:\\Bao cao\\bao-cao-tong-ket.pdf", pages=3))
    assert (row.original_name, row.page_count, row.criterion, row.sheet.member) == (
        "bao-cao-tong-ket.pdf", 3, world.c1, world.members[1])
    # Kept under a random name in private storage, never under the uploader's.
    assert row.file.name.startswith("minh-chung-khoi/") and "bao-cao" not in row.file.name
    assert row.file.read().startswith(b"%PDF-")
    assert row.sheet.status == "draft"


def test_it_refuses_what_is_not_a_pdf_and_keeps_no_file(world):
    with pytest.raises(ValidationError, match="không phải tệp PDF"):
        evidence.attach_score_evidence(world.members[1], actor=world.hana, criterion=world.c1,
                                       upload=pdf_upload("gia.pdf", content=b"<html>not a pdf</html>"))
    assert not ScoreEvidence.objects.exists()
    assert stored_files() == []


def test_it_refuses_a_file_over_the_size_bound_before_reading_it(world, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="vượt mức tối đa"):
        evidence.attach_score_evidence(world.members[1], actor=world.hana, criterion=world.c1,
                                       upload=Unreadable(size=4096))


def test_another_unit_neither_attaches_to_a_members_sheet_nor_has_its_file_read(world):
    with pytest.raises(PermissionDenied):
        evidence.attach_score_evidence(world.members[0], actor=world.hana, criterion=world.c1,
                                       upload=Unreadable(size=100))


def test_a_criterion_of_another_block_is_refused(world, cast, tree):
    other = blocks.create_block(tree.phu_tho, actor=cast.dave, year=2027, name="Khối khác")
    group = blocks.add_score_group(other, actor=cast.dave, name="Nhóm", max_points=D(10))
    foreign = blocks.add_criterion(group, actor=cast.dave, name="Tiêu chí khác", max_points=D(10))
    with pytest.raises(ValidationError, match="không thuộc bảng điểm"):
        evidence.attach_score_evidence(world.members[1], actor=world.hana, criterion=foreign, upload=pdf_upload())
    assert stored_files() == []


def test_a_criterion_takes_at_most_its_number_of_files(world, monkeypatch):
    monkeypatch.setattr(evidence, "MAX_FILES_PER_CRITERION", 2)
    for _ in range(2):
        evidence.attach_score_evidence(world.members[1], actor=world.hana, criterion=world.c1, upload=pdf_upload())
    with pytest.raises(ValidationError, match="tối đa 2 tệp"):
        evidence.attach_score_evidence(world.members[1], actor=world.hana, criterion=world.c1, upload=pdf_upload())
    evidence.attach_score_evidence(world.members[1], actor=world.hana, criterion=world.c2, upload=pdf_upload())
    assert len(stored_files()) == 3


def test_once_sent_the_sheet_takes_no_file_and_loses_none(world):
    row = evidence.attach_score_evidence(world.members[1], actor=world.hana, criterion=world.c1, upload=pdf_upload())
    score_all(world)
    with pytest.raises(ValidationError, match="đã gửi trưởng khối"):
        evidence.attach_score_evidence(world.members[1], actor=world.hana, criterion=world.c1, upload=pdf_upload())
    with pytest.raises(ValidationError, match="đã gửi trưởng khối"):
        evidence.remove_score_evidence(row, actor=world.hana)
    assert ScoreEvidence.objects.filter(pk=row.pk).exists()
    assert len(stored_files()) == 1


def test_a_removed_file_leaves_the_disk_once_the_removal_is_committed(world, django_capture_on_commit_callbacks):
    row = evidence.attach_score_evidence(world.members[1], actor=world.hana, criterion=world.c1, upload=pdf_upload())
    with pytest.raises(PermissionDenied):
        evidence.remove_score_evidence(row, actor=world.sam)
    with django_capture_on_commit_callbacks(execute=True):
        evidence.remove_score_evidence(row, actor=world.hana)
    assert not ScoreEvidence.objects.exists()
    assert stored_files() == []


# The pages


def upload(client, member, criterion, name="minh-chung.pdf", content=None):
    return client.post(reverse("awards:block_evidence_add", args=[member.pk]),
                       {"criterion": criterion.pk, "file": pdf_upload(name, content=content)})


def test_the_member_uploads_from_its_sheet_and_the_head_opens_the_file_once_it_is_sent(world, login, cast):
    member = world.members[1]
    response = upload(login(world.hana), member, world.c1, "hoi-thi.pdf")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#tieu-chi-{world.c1.pk}")
    sheet = login(world.hana).get(reverse("awards:block_sheet", args=[member.pk])).content.decode()
    assert "hoi-thi.pdf" in sheet and "Tải lên tệp minh chứng cho “Chỉ tiêu kinh tế”" in sheet
    row = ScoreEvidence.objects.get()
    url = reverse("awards:block_evidence_file", args=[row.pk])
    # Before the sheet is sent its points and files are the member's own.
    assert login(cast.alice).get(url).status_code == 404
    score_all(world)
    for head_or_organiser in (cast.alice, cast.dave):
        response = login(head_or_organiser).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment")
        assert "hoi-thi.pdf" in response["Content-Disposition"]
        assert b"".join(response.streaming_content) == tiny_pdf()
    cross_check = login(cast.alice).get(reverse("awards:block_cross_check", args=[member.pk])).content.decode()
    assert url in cross_check
    # Another member, before closing, and another province, ever: nothing there.
    assert login(world.sam).get(url).status_code == 404
    assert login(cast.olga).get(url).status_code == 404
    blocks.close_block_scoring(world.block, actor=cast.alice)
    assert login(world.sam).get(url).status_code == 200


def test_a_refused_file_comes_back_as_a_message_and_the_sheet_is_unchanged(world, login):
    client = login(world.hana)
    response = upload(client, world.members[1], world.c1, content=b"plain text")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "không phải tệp PDF" in page
    assert not ScoreEvidence.objects.exists()
    missing = client.post(reverse("awards:block_evidence_add", args=[world.members[1].pk]),
                          {"criterion": world.c1.pk})
    assert "Chọn tệp PDF minh chứng." in client.get(missing["Location"]).content.decode()


def test_the_member_removes_a_file_from_its_draft_sheet_and_the_head_cannot(world, login, cast):
    upload(login(world.hana), world.members[1], world.c1, "thua.pdf")
    row = ScoreEvidence.objects.get()
    remove = reverse("awards:block_evidence_remove", args=[row.pk])
    assert login(cast.alice).post(remove).status_code == 404  # the head does not see a draft sheet's files
    client = login(world.hana)
    response = client.post(remove)
    assert "Đã xóa minh chứng thua.pdf." in client.get(response["Location"]).content.decode()
    assert not ScoreEvidence.objects.exists()


def test_the_sheet_costs_the_same_with_one_file_or_six(world, login, django_assert_num_queries):
    client = login(world.hana)
    url = reverse("awards:block_sheet", args=[world.members[1].pk])
    upload(client, world.members[1], world.c1)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    one = len(captured)  # now: each request clears the connection's log
    for criterion in (world.c1, world.c2, world.c3, world.b1, world.d1):
        upload(client, world.members[1], criterion)
    page = client.get(url).content.decode()
    assert page.count("Xóa minh chứng minh-chung.pdf") == 6
    with django_assert_num_queries(one):
        client.get(url)
