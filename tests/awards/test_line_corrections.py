"""A draft line can be corrected or removed, on the page and by importing the corrected file again."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.models import AwardType, DocumentKind, NominationAttachment, TaskRating
from awards.services import attachments, nominations
from awards.services.nominee_imports import import_nominee_rows
from awards.storage import private_storage

from tests.awards.nominee_files import filled
from tests.awards.pdf_files import attach_missing, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def an(an):
    """An of tests/awards/conftest.py, rated as having done his tasks well in 2026: his LĐTT line is eligible."""
    TaskRating.objects.create(person=an, year=2026, rating=TaskRating.Rating.GOOD)
    return an


@pytest.fixture
def draft(cast, tree):
    return nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, year=2026, title="Tổng kết năm 2026")


def award(code):
    return AwardType.objects.get(code=code)


def row(summary, award_code="LDTT", award_class=None):
    return ["025080001234", "Nguyễn Văn An", None, None, None, award_code, award_class, summary]


def test_importing_a_corrected_summary_updates_the_line_instead_of_duplicating_it(cast, draft, an):
    first = import_nominee_rows(draft, filled(draft, row("Tận tụy.")), actor=cast.alice)
    assert (first.created, first.updated, first.present) == (1, 0, 0)
    again = import_nominee_rows(draft, filled(draft, row("Tận tụy, dẫn đầu phong trào.")), actor=cast.alice)
    assert again.errors == [] and (again.created, again.updated, again.present) == (0, 1, 0)
    assert list(draft.lines.values_list("summary", flat=True)) == ["Tận tụy, dẫn đầu phong trào."]
    same = import_nominee_rows(draft, filled(draft, row("Tận tụy, dẫn đầu phong trào.")), actor=cast.alice)
    assert (same.created, same.updated, same.present) == (0, 0, 1)


def test_a_new_class_is_judged_again_and_the_old_confirmation_dropped(cast, draft, an):
    ranked = AwardType.objects.filter(for_individuals=True).exclude(classes="").order_by("position").first()
    line = nominations.add_line(draft, actor=cast.alice, person=an, award=ranked, award_class=ranked.class_list[-1])
    if line.eligible is False:
        nominations.override_eligibility(line, actor=cast.bob, reason="Thành tích đột xuất.")
    type(line).objects.filter(pk=line.pk).update(eligibility={"stale": True})
    updated = nominations.update_line(line, actor=cast.alice, award_class=ranked.class_list[0], summary="Mới")
    assert updated.award_class == ranked.class_list[0] and updated.summary == "Mới"
    assert updated.override_reason == "" and updated.override_by is None
    updated.refresh_from_db()
    assert "stale" not in updated.eligibility and updated.eligibility  # the engine judged the new class


def test_a_class_the_award_does_not_have_is_refused(cast, draft, an):
    line = nominations.add_line(draft, actor=cast.alice, person=an, award=award("LDTT"))
    with pytest.raises(ValidationError, match="không có hạng"):
        nominations.update_line(line, actor=cast.alice, award_class="Nhất", summary="")
    line.refresh_from_db()
    assert line.award_class == ""


def test_removing_a_line_takes_its_documents_and_files_with_it(cast, draft, an, django_capture_on_commit_callbacks):
    line = nominations.add_line(draft, actor=cast.alice, person=an, award=award("LDTT"))
    document = attachments.attach(draft, actor=cast.alice, kind=DocumentKind.ACHIEVEMENT_REPORT, line=line,
                                  upload=pdf_upload())
    name = document.file.name
    assert private_storage().exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        nominations.remove_line(line, actor=cast.alice)
    assert not draft.lines.exists() and not NominationAttachment.objects.exists()
    assert not private_storage().exists(name)


def test_a_submitted_list_keeps_its_lines(cast, draft, an):
    line = nominations.add_line(draft, actor=cast.alice, person=an, award=award("LDTT"))
    attach_missing(draft, actor=cast.alice)
    nominations.submit_list(draft, actor=cast.alice)
    with pytest.raises(ValidationError, match="không thể sửa"):
        nominations.remove_line(line, actor=cast.alice)
    with pytest.raises(ValidationError, match="không thể sửa"):
        nominations.update_line(line, actor=cast.alice, award_class="", summary="Sửa sau khi gửi")
    assert draft.lines.get().summary == ""


@pytest.mark.parametrize("actor, status, kept", [
    ("alice", 302, False), ("bob", 302, False), ("carol", 403, True), ("olga", 404, True),
])
def test_who_may_remove_a_line_on_the_page(login, cast, draft, an, actor, status, kept):
    line = nominations.add_line(draft, actor=cast.alice, person=an, award=award("LDTT"))
    response = login(getattr(cast, actor)).post(reverse("awards:nomination_line_remove", args=[line.pk]))
    assert response.status_code == status
    assert draft.lines.exists() == kept


def test_the_clerk_corrects_a_summary_on_the_page(login, cast, draft, an):
    line = nominations.add_line(draft, actor=cast.alice, person=an, award=award("LDTT"), summary="Cũ")
    client = login(cast.alice)
    page = client.get(reverse("awards:nomination_list_detail", args=[draft.pk])).content.decode()
    assert f'id="tom-tat-{line.pk}"' in page and "Xóa khỏi danh sách" in page
    response = client.post(reverse("awards:nomination_line_edit", args=[line.pk]), {"summary": "Dẫn đầu phong trào"},
                           follow=True)
    assert "Đã sửa đề nghị Nguyễn Văn An." in response.content.decode()
    line.refresh_from_db()
    assert line.summary == "Dẫn đầu phong trào"


def test_anonymous_users_cannot_edit(client, cast, draft, an):
    line = nominations.add_line(draft, actor=cast.alice, person=an, award=award("LDTT"))
    response = client.post(reverse("awards:nomination_line_edit", args=[line.pk]), {"summary": "x"})
    assert response.status_code == 302 and "dang-nhap" in response.url
