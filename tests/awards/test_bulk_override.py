"""The chair confirms several lines at once with one reason; each line keeps it as if confirmed alone."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from awards.models import AwardType, TaskRating
from awards.services import nominations

from tests.conftest import make_person

pytestmark = pytest.mark.django_db
REASON = "Có thành tích đột xuất trong phòng chống lũ tháng 9/2026"


def ldtt():
    return AwardType.objects.get(code="LDTT")


@pytest.fixture
def lines(cast, tree, annual_list, an):
    binh = make_person("Trần Thị Bình", tree.ha_hoa, gender="female")
    chi = make_person("Lê Văn Chí", tree.ha_hoa)
    TaskRating.objects.create(person=chi, year=2026, rating="good")
    return [nominations.add_line(annual_list, actor=cast.alice, person=p, award=ldtt()) for p in (an, binh, chi)]


def bulk_url(nomination_list):
    return reverse("awards:nomination_lines_override", args=[nomination_list.pk])


def test_it_confirms_the_chosen_lines_each_with_the_reason(cast, annual_list, lines):
    an, binh, chi = lines
    result = nominations.override_eligibility_many(annual_list, actor=cast.bob, line_ids=[an.pk, binh.pk, chi.pk],
                                                   reason=REASON)
    assert [line.pk for line in result.confirmed] == [an.pk, binh.pk]
    assert [(line.pk, why) for line, why in result.refused] == [
        (chi.pk, "không cần xác nhận (không bị đánh giá là chưa đủ tiêu chuẩn)")]
    for line in (an, binh):
        line.refresh_from_db()
        assert (line.override_reason, line.override_by, line.needs_override) == (REASON, cast.bob, False)
    chi.refresh_from_db()
    assert chi.override_reason == "" and chi.override_by is None


def test_a_line_confirmed_already_is_refused_not_rewritten(cast, annual_list, lines):
    an = lines[0]
    nominations.override_eligibility(an, actor=cast.bob, reason="Lý do riêng")
    result = nominations.override_eligibility_many(annual_list, actor=cast.bob, line_ids=[an.pk], reason=REASON)
    assert result.confirmed == [] and result.refused[0][1] == "đã được xác nhận trước đó"
    an.refresh_from_db()
    assert an.override_reason == "Lý do riêng"


def test_only_the_chair_of_the_unit_may_confirm(cast, annual_list, lines):
    for outsider in (cast.alice, cast.dave):
        with pytest.raises(PermissionDenied):
            nominations.override_eligibility_many(annual_list, actor=outsider, line_ids=[lines[0].pk], reason=REASON)


def test_it_needs_a_reason_and_a_line(cast, annual_list, lines):
    with pytest.raises(ValidationError, match="Ghi rõ lý do"):
        nominations.override_eligibility_many(annual_list, actor=cast.bob, line_ids=[lines[0].pk], reason="  ")
    with pytest.raises(ValidationError, match="Chọn ít nhất một"):
        nominations.override_eligibility_many(annual_list, actor=cast.bob, line_ids=[], reason=REASON)


def test_a_line_of_another_list_is_refused(cast, tree, annual_list, lines):
    other = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, year=2025, title="Tổng kết năm 2025")
    stranger = nominations.add_line(other, actor=cast.alice, person=lines[0].person, award=ldtt())
    result = nominations.override_eligibility_many(annual_list, actor=cast.bob, line_ids=[stranger.pk], reason=REASON)
    assert result.confirmed == [] and "không thuộc danh sách này" in result.refused[0][1]
    stranger.refresh_from_db()
    assert stranger.needs_override


def test_the_page_offers_checkboxes_to_the_chair_and_reports_the_result(login, cast, annual_list, lines):
    an, binh, chi = lines
    url = reverse("awards:nomination_list_detail", args=[annual_list.pk])
    assert "Xác nhận các dòng đã chọn" not in login(cast.alice).get(url).content.decode()
    client = login(cast.bob)
    page = client.get(url).content.decode()
    assert "Xác nhận các dòng đã chọn" in page
    assert f'value="{an.pk}" id="chon-{an.pk}" form="xac-nhan-nhieu"' in page
    assert f'id="chon-{chi.pk}"' not in page  # meets the standard: nothing to confirm
    answer = client.post(bulk_url(annual_list), {"line": [an.pk, binh.pk, chi.pk], "reason": REASON}, follow=True)
    text = answer.content.decode()
    assert "Đã xác nhận 2 đề nghị: Nguyễn Văn An, Trần Thị Bình." in text
    assert "Không xác nhận 1 đề nghị: Lê Văn Chí — không cần xác nhận" in text


def test_the_clerk_posting_the_form_is_refused(login, cast, annual_list, lines):
    assert login(cast.alice).post(bulk_url(annual_list), {"line": [lines[0].pk], "reason": REASON}).status_code == 403


def test_an_outsider_gets_not_found(login, cast, annual_list, lines):
    assert login(cast.olga).post(bulk_url(annual_list), {"line": [lines[0].pk], "reason": REASON}).status_code == 404
