"""The public register of decisions: no login, only issued and published decisions, search without diacritics,
revoked lines marked, rate-limited per address, answered from a short cache with a fixed number of queries."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from awards.models import AwardRecord, AwardType, Decision
from awards.services import certificates, decisions, revocations

from tests.awards.decision_factories import draft
from tests.awards.test_decision_views import settle_lines

pytestmark = pytest.mark.django_db
LIST = reverse("public:decision_public_list")


@pytest.fixture(autouse=True)
def memory_cache(settings):
    # A cache in the process's memory: the query counts below are the pages' own, not the database cache's.
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                                      "LOCATION": "public-decisions-tests"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def issued(cast, tree, central, province_clerk):
    """Decision of Tỉnh Phú Thọ over three proposals of Xã Hạ Hòa (Nguyễn Văn Số 0, 1, 2), and a draft over none."""
    cast.phuong = province_clerk
    settle_lines(cast, tree, 3)
    cast.decision = decisions.issue_decision(draft(tree.phu_tho, cast.phuong, decisions.ready_lines(tree.phu_tho)),
                                             actor=cast.dave)
    settle_lines(cast, tree, 1, start=10)
    cast.draft = draft(tree.phu_tho, cast.phuong, decisions.ready_lines(tree.phu_tho),
                       title="Về việc tặng Bằng khen dự thảo bí mật")
    return cast


def detail(decision):
    return reverse("public:decision_public_detail", args=[decision.public_id])


def test_the_list_opens_without_login_and_shows_issued_decisions_only(client, issued):
    response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert issued.decision.number_text in html and issued.decision.title_one_line in html
    assert detail(issued.decision) in html
    assert "dự thảo bí mật" not in html and issued.draft.public_id not in html
    assert "Ủy ban nhân dân tỉnh Phú Thọ" in html
    assert "Nguyễn Văn Số" not in html  # the list names no one


def test_a_draft_or_a_withheld_decision_has_no_public_page(client, issued):
    assert client.get(detail(issued.draft)).status_code == 404
    Decision.objects.filter(pk=issued.decision.pk).update(published=False)
    cache.clear()
    assert client.get(detail(issued.decision)).status_code == 404
    assert issued.decision.number_text not in client.get(LIST).content.decode()


def test_the_decision_page_lists_names_positions_units_awards_and_achievements(client, issued):
    response = client.get(detail(issued.decision))
    html = response.content.decode()
    assert response.status_code == 200
    for shown in ("Nguyễn Văn Số 0", "Nguyễn Văn Số 2", "Chuyên viên, Xã Hạ Hòa", "Bằng khen",
                  issued.decision.number_text, issued.decision.title_one_line):
        assert shown in html, shown


@pytest.mark.parametrize("typed", ["nguyen van so 1", "NGUYEN VĂN SO 1", "xa ha hoa", "bang khen"])
def test_a_citizen_finds_a_decision_by_name_unit_or_title_without_diacritics(client, issued, typed):
    html = client.get(LIST, {"q": typed}).content.decode()
    assert "Tìm thấy 1 quyết định" in html and detail(issued.decision) in html


def test_a_decision_is_found_by_its_number(client, issued):
    for typed in (str(issued.decision.number), issued.decision.number_text):
        html = client.get(LIST, {"q": typed}).content.decode()
        assert "Tìm thấy 1 quyết định" in html, typed


def test_a_search_without_match_says_so(client, issued):
    html = client.get(LIST, {"q": "tran thi khong co"}).content.decode()
    assert "Tìm thấy 0 quyết định" in html and "Không có quyết định nào khớp" in html


def test_the_list_filters_by_year_and_issuing_province(client, issued, tree):
    year = issued.decision.signed_on.year
    assert "Tìm thấy 1 quyết định" in client.get(LIST, {"nam": year}).content.decode()
    assert "Tìm thấy 0 quyết định" in client.get(LIST, {"nam": year - 1}).content.decode()
    assert "Tìm thấy 1 quyết định" in client.get(LIST, {"co_quan": tree.phu_tho.pk}).content.decode()


def test_a_wrong_year_or_body_is_answered_in_vietnamese_not_an_error(client, issued, tree):
    response = client.get(LIST, {"nam": "abc", "co_quan": tree.nha_trang.pk})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Năm phải là một số" in html and "Hãy chọn một cơ quan trong danh sách" in html


def test_a_revoked_line_is_shown_as_revoked_without_its_reason(client, issued):
    record = AwardRecord.objects.filter(decision=issued.decision).order_by("pk").first()
    revocations.revoke_award(record, actor=issued.dave, reason="Kê khai thành tích không trung thực",
                             on=datetime.date(2026, 6, 1))
    html = client.get(detail(issued.decision)).content.decode()
    assert "Đã bị hủy bỏ từ ngày 01/06/2026" in html and "(trong đó 1 đã bị hủy bỏ)" in html
    assert "Kê khai thành tích" not in html


def test_search_pages_and_decision_pages_are_kept_out_of_search_engines(client, issued):
    plain = client.get(LIST)
    assert '<meta name="robots" content="index, follow">' in plain.content.decode()
    assert plain["X-Robots-Tag"] == "index, follow"
    for response in (client.get(LIST, {"q": "nguyen van so 1"}), client.get(detail(issued.decision))):
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
        assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_certificate_check_page_links_to_its_decisions_public_page(client, issued):
    record = AwardRecord.objects.filter(decision=issued.decision).order_by("pk").first()
    [paper] = certificates.issue_certificates([record], actor=issued.dave)
    html = client.get(paper.get_public_path()).content.decode()
    assert f'href="{detail(issued.decision)}"' in html


def test_a_decision_issued_after_a_page_was_cached_shows_once_the_cache_expires(client, issued, tree):
    client.get(LIST)
    decisions.issue_decision(issued.draft, actor=issued.dave)
    assert "dự thảo bí mật" not in client.get(LIST).content.decode()  # within the minute: the cached rows
    cache.clear()  # the timeout passes
    assert "dự thảo bí mật" in client.get(LIST).content.decode()


def test_an_address_that_builds_too_many_pages_is_answered_429_but_cached_pages_still_open(client, issued, settings):
    settings.PUBLIC_DECISION_LOOKUPS = 3
    assert client.get(LIST).status_code == 200  # the bodies and the first page: two built
    assert client.get(LIST, {"q": "a"}).status_code == 200  # the third
    response = client.get(LIST, {"q": "b"})
    assert response.status_code == 429 and "Tra cứu quá nhiều" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert client.get(LIST).status_code == 200  # from the cache
    other = client.get(LIST, {"q": "b"}, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200


# Query counts, on enough rows to show an N+1

def many_decisions(cast, tree, n, lines=3):
    """``n`` issued decisions of the province, each listing ``lines`` people, written straight to the tables."""
    award = AwardType.objects.get(code="BK_TINH")
    from tests.conftest import make_person

    for i in range(n):
        decision = Decision.objects.create(
            issuing_unit=tree.phu_tho, status=Decision.Status.ISSUED, number=100 + i, symbol="QĐ-UBND",
            place="Phú Thọ", signed_on=datetime.date(2026, 5, 1), title=f"Về việc tặng Bằng khen đợt {i}",
            authority="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", created_by=cast.dave)
        for j in range(lines):
            AwardRecord.objects.create(person=make_person(f"Lê Văn Khen {i}-{j}", tree.ha_hoa), award=award,
                                       year=2025, decision_number=decision.number_text,
                                       decision_date=decision.signed_on, issuing_body="Chủ tịch UBND tỉnh Phú Thọ",
                                       source=AwardRecord.Source.PORTAL, decision=decision)
    return decision


def test_the_list_takes_a_fixed_number_of_queries_and_none_from_the_cache(client, cast, tree, central,
                                                                          django_assert_num_queries):
    many_decisions(cast, tree, 25)
    # Bodies; the page's count, its rows and their line counts.
    with django_assert_num_queries(4):
        html = client.get(LIST).content.decode()
    assert html.count("/cong-khai/quyet-dinh/") >= 20 and "Trang 1 / 2" in html
    with django_assert_num_queries(0):
        client.get(LIST)
    with django_assert_num_queries(3):
        assert "Tìm thấy 1 quyết định" in client.get(LIST, {"q": "le van khen 7-2"}).content.decode()


def test_the_decision_page_takes_a_fixed_number_of_queries(client, cast, tree, central, django_assert_num_queries):
    decision = many_decisions(cast, tree, 1, lines=30)
    # The decision; its lines with people, units, awards and proposals.
    with django_assert_num_queries(2):
        html = client.get(detail(decision)).content.decode()
    assert "Lê Văn Khen 0-29" in html
    with django_assert_num_queries(0):
        client.get(detail(decision))


@pytest.mark.parametrize("typed, shown", [
    ("Liên hệ 0912 345 678 hoặc 0912.345.678, +84912345678", "Liên hệ … hoặc …, …"),
    ("CCCD 001085012345, thư an.nguyen@phutho.gov.vn", "CCCD …, thư …"),
    ("Doanh thu 1.200.000.000 đồng năm 2025, tăng 15%", "Doanh thu 1.200.000.000 đồng năm 2025, tăng 15%"),
])
def test_identifiers_typed_into_an_achievement_are_hidden_but_amounts_and_years_stay(typed, shown):
    from awards.rules.public_decisions import scrubbed

    assert scrubbed(typed) == shown


def test_a_household_is_named_by_its_head_without_its_address():
    from awards.rules.public_decisions import household_name

    assert household_name("Hộ ông Phạm Văn Hộ, thôn Đồng Xuân, xã Hạ Hòa") == "Hộ ông Phạm Văn Hộ"


def test_a_drafter_may_withhold_a_decision_from_the_register_and_its_page_says_so(client, login, issued):
    from tests.awards.test_decision_views import form_data

    fields = {name: getattr(issued.draft, name) for name in decisions.EDITABLE_FIELDS if name != "published"}
    login(issued.phuong)
    data = form_data(fields, list(issued.draft.lines.all()))  # the box "công khai trên cổng" left unticked
    response = client.post(reverse("awards:decision_edit", args=[issued.draft.pk]), data)
    assert response.status_code == 302
    issued.draft.refresh_from_db()
    assert issued.draft.published is False
    assert "Không công khai" in client.get(issued.draft.get_absolute_url()).content.decode()
    decisions.issue_decision(issued.draft, actor=issued.dave)
    assert f'href="{detail(issued.decision)}"' in client.get(issued.decision.get_absolute_url()).content.decode()
    client.logout()
    assert client.get(detail(issued.draft)).status_code == 404
    assert "dự thảo bí mật" not in client.get(LIST).content.decode()


def test_a_draft_is_published_unless_the_drafter_unticks_the_box(client, login, issued, tree):
    login(issued.phuong)
    html = client.get(reverse("awards:decision_edit", args=[issued.draft.pk])).content.decode()
    [box] = re.findall(r'<input[^>]*name="published"[^>]*>', html)
    assert " checked" in box


@pytest.mark.parametrize("params", [
    {"q": "x" * 5000}, {"q": "\u202enguyen"}, {"nam": "-1"}, {"nam": "99999999999999999999"},
    {"co_quan": "abc"}, {"co_quan": "99999999999999999999999"}, {"trang": "-5"}, {"trang": "abc"},
    {"trang": "99999999999999999999"}, {"q": "%", "trang": "0"}, {"q": "'; drop table awards_decision; --"},
])
def test_odd_parameters_are_answered_with_a_page_never_an_error(client, issued, params):
    response = client.get(LIST, params)
    assert response.status_code in (200, 400)
    assert "Quyết định khen thưởng đã ban hành" in response.content.decode()


def test_an_unknown_or_overlong_public_id_is_not_found(client, issued):
    for public_id in ("khong-co-quyet-dinh-nay", "a" * 3000):
        assert client.get(reverse("public:decision_public_detail", args=[public_id])).status_code == 404


# Withdrawing an issued decision from the register, and publishing it again

def withdraw(client, decision, reason="Quyết định có nội dung thuộc bí mật nhà nước."):
    return client.post(reverse("awards:decision_publication", args=[decision.pk]), {"reason": reason})


def test_the_approver_withdraws_an_issued_decision_and_the_register_drops_it(client, login, issued,
                                                                             django_capture_on_commit_callbacks):
    from awards.models import DecisionPublication

    assert client.get(detail(issued.decision)).status_code == 200  # cached
    login(issued.dave)
    with django_capture_on_commit_callbacks(execute=True):
        assert withdraw(client, issued.decision).status_code == 302
    issued.decision.refresh_from_db()
    assert issued.decision.published is False
    [trail] = DecisionPublication.objects.filter(decision=issued.decision)
    assert trail.actor == issued.dave and not trail.published and "bí mật nhà nước" in trail.reason
    page = client.get(issued.decision.get_absolute_url()).content.decode()
    assert "thôi công khai — Quyết định có nội dung thuộc bí mật nhà nước." in page
    assert "Công khai lại quyết định" in page
    client.logout()
    assert client.get(detail(issued.decision)).status_code == 404  # at once: its cached page was forgotten
    login(issued.dave)
    with django_capture_on_commit_callbacks(execute=True):
        assert withdraw(client, issued.decision, "Đã rà soát: không có nội dung mật.").status_code == 302
    client.logout()
    assert client.get(detail(issued.decision)).status_code == 200


def test_withdrawing_needs_a_reason_and_keeps_what_was_typed_otherwise(client, login, issued):
    login(issued.dave)
    response = withdraw(client, issued.decision, "   ")
    assert response.status_code == 400 and "Trường này là bắt buộc" in response.content.decode()
    issued.decision.refresh_from_db()
    assert issued.decision.published is True


@pytest.mark.parametrize("who, status", [("olga", 404), ("alice", 404), ("phuong", 403), ("carol", 403)])
def test_only_the_head_of_the_issuing_unit_may_withdraw(client, login, issued, who, status):
    login(getattr(issued, who))
    assert withdraw(client, issued.decision).status_code == status
    issued.decision.refresh_from_db()
    assert issued.decision.published is True


def test_a_clerk_sees_no_withdraw_form_and_a_draft_has_none(client, login, issued):
    login(issued.phuong)
    assert "Thôi công khai quyết định" not in client.get(issued.decision.get_absolute_url()).content.decode()
    login(issued.dave)
    assert "Thôi công khai quyết định" not in client.get(issued.draft.get_absolute_url()).content.decode()
    assert withdraw(client, issued.draft).status_code == 403


def test_every_page_links_to_the_public_register_and_consultations_in_its_footer(client):
    page = client.get(reverse("public:decision_public_list")).content.decode()
    footer = page.split("<footer", 1)[1]
    assert reverse("public:decision_public_list") in footer and reverse("public:consultation_public_list") in footer
    login = client.get(reverse("login")).content.decode()
    assert "Tra cứu quyết định khen thưởng" in login.split("<footer", 1)[1]
