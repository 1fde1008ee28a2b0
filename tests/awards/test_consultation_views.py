"""Consultation pages: the public listing without login, comments and their guards, the staff pages and their matrix."""

import pytest
from django.urls import reverse

from units.models import Membership

from awards.models import ConsultationComment, PublicConsultation
from awards.services import consultations

from tests.awards.consultation_factories import (
    AFTER,
    BIRTH,
    CCCD,
    OPENS,
    fresh_calendar_and_cache,
    hero,
    on_day,
    open_for,
    reviewed_packet,
)
from tests.awards.dossier_factories import official, people

pytestmark = pytest.mark.django_db
__all__ = ["fresh_calendar_and_cache", "on_day"]  # fixtures used by name
R = Membership.Role
COMMENT = {"name": "Nguyễn Thị Hoa", "contact": "0912 345 678", "candidate": "",
           "text": "Ông Hùng có nhiều đóng góp cho phong trào nông thôn mới của xã.", "website": ""}


@pytest.fixture
def listing(cast, tree, central, on_day, province_clerk):
    """An open consultation of Tỉnh Phú Thọ (28/4 – 6/5/2026) listing a Huân chương Lao động proposal."""
    on_day(OPENS)
    cast.phuong = province_clerk
    cast.packet = reviewed_packet(cast, cast.alice, tree.ha_hoa, cast.phuong, [(hero(tree.ha_hoa), "HC_LAO_DONG")])
    cast.consultation = open_for(cast.phuong, tree.phu_tho)
    return cast


def public(name, consultation=None):
    return reverse(f"public:{name}", args=[consultation.pk] if consultation else [])


def staff(name, obj=None):
    return reverse(f"awards:{name}", args=[obj.pk] if obj else [])


# The public pages

def test_the_public_list_and_page_open_without_login_and_show_only_public_fields(client, listing):
    html = client.get(public("consultation_public_list")).content.decode()
    assert listing.consultation.title in html and "Tỉnh Phú Thọ" in html
    page = client.get(public("consultation_public_detail", listing.consultation))
    html = page.content.decode()
    assert page.status_code == 200
    for shown in ("Nguyễn Văn Hùng", "Phó Chủ tịch UBND xã", "Xã Hạ Hòa", "Huân chương Lao động",
                  "Thành tích của Nguyễn Văn Hùng năm 2026."):
        assert shown in html, shown
    for hidden in (CCCD, BIRTH.strftime("%d/%m/%Y"), "1986", ".pdf", "tai-lieu"):
        assert hidden not in html, hidden


def test_a_consultation_not_yet_open_or_closed_is_not_public(client, listing):
    import datetime

    rows = PublicConsultation.objects.filter(pk=listing.consultation.pk)
    rows.update(opens_on=datetime.date(2026, 4, 29), closes_on=datetime.date(2026, 5, 7))
    assert client.get(public("consultation_public_detail", listing.consultation)).status_code == 404
    rows.update(opens_on=OPENS, status=PublicConsultation.Status.CLOSED)
    assert client.get(public("consultation_public_detail", listing.consultation)).status_code == 404
    assert listing.consultation.title not in client.get(public("consultation_public_list")).content.decode()


def test_a_comment_is_sent_without_login_and_the_sender_sees_a_confirmation(client, listing,
                                                                            django_capture_on_commit_callbacks):
    candidate = listing.consultation.candidates.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(public("consultation_public_detail", listing.consultation),
                               {**COMMENT, "candidate": str(candidate.pk)})
    assert response.status_code == 302
    assert response["Location"] == public("consultation_public_thanks", listing.consultation)
    assert "đã nhận ý kiến của bạn" in client.get(response["Location"]).content.decode()
    comment = ConsultationComment.objects.get()
    assert (comment.name, comment.candidate, comment.contact) == ("Nguyễn Thị Hoa", candidate, "0912 345 678")
    assert listing.phuong.notifications.filter(link=listing.consultation.get_absolute_url()).exists()


@pytest.mark.parametrize(("change", "message", "kept"), [
    ({"name": ""}, "Ghi họ và tên người góp ý.", "nông thôn mới"),
    ({"text": "Ngắn"}, "Nội dung góp ý cần ít nhất 10 ký tự.", "Ngắn"),
    ({"text": "x" * 3001}, "Nội dung góp ý không quá 3000 ký tự.", "Nguyễn Thị Hoa"),
    ({"name": "N" * 101}, "Họ và tên không quá 100 ký tự.", "nông thôn mới"),
    ({"candidate": "999999"}, "Đối tượng được chọn không có trong danh sách công khai.", "Nguyễn Thị Hoa"),
])
def test_a_comment_that_fails_a_check_is_shown_again_with_what_was_typed(client, listing, change, message, kept):
    response = client.post(public("consultation_public_detail", listing.consultation), {**COMMENT, **change})
    html = response.content.decode()
    assert response.status_code == 400 and message in html and kept in html
    assert not ConsultationComment.objects.exists()


def test_a_script_filling_the_trap_field_is_thanked_and_nothing_is_stored(client, listing):
    response = client.post(public("consultation_public_detail", listing.consultation),
                           {**COMMENT, "website": "http://spam.example"})
    assert response.status_code == 302 and not ConsultationComment.objects.exists()


def test_an_address_sending_too_many_comments_is_stopped_for_an_hour(client, listing):
    url = public("consultation_public_detail", listing.consultation)
    for _ in range(consultations.COMMENT_LIMIT):
        assert client.post(url, COMMENT, REMOTE_ADDR="203.0.113.7").status_code == 302
    response = client.post(url, COMMENT, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429 and "vui lòng thử lại sau một giờ" in response.content.decode()
    assert client.post(url, COMMENT, REMOTE_ADDR="203.0.113.8").status_code == 302  # another address
    assert ConsultationComment.objects.count() == consultations.COMMENT_LIMIT + 1


def test_behind_a_trusted_proxy_each_citizen_is_counted_apart(client, listing, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    url = public("consultation_public_detail", listing.consultation)
    behind = {"REMOTE_ADDR": "10.0.0.5"}
    for _ in range(consultations.COMMENT_LIMIT):
        assert client.post(url, COMMENT, HTTP_X_FORWARDED_FOR="203.0.113.7", **behind).status_code == 302
    assert client.post(url, COMMENT, HTTP_X_FORWARDED_FOR="203.0.113.7", **behind).status_code == 429
    # A script cannot start afresh by writing another address in front of the proxy's.
    assert client.post(url, COMMENT, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", **behind).status_code == 429
    assert client.post(url, COMMENT, HTTP_X_FORWARDED_FOR="203.0.113.8", **behind).status_code == 302


def test_after_the_last_day_the_page_takes_no_more_comments(client, listing, on_day):
    on_day(AFTER)
    html = client.get(public("consultation_public_detail", listing.consultation)).content.decode()
    assert "Đã hết thời gian nhận ý kiến" in html and 'id="form-gop-y"' not in html
    assert client.post(public("consultation_public_detail", listing.consultation), COMMENT).status_code == 404


# The staff pages, against the permission matrix

@pytest.mark.parametrize("who", ["anonymous", "olga", "alice", "carol", "phuong", "dave"])
def test_the_staff_page_answers_by_who_asks(client, login, listing, who):
    url = staff("consultation_detail", listing.consultation)
    if who != "anonymous":
        login(getattr(listing, who))
    response = client.get(url)
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif who in ("olga", "alice"):  # another province; a commune does not see its province's work
        assert response.status_code == 404
    else:
        assert response.status_code == 200 and listing.consultation.title in response.content.decode()


@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("olga", 404), ("dave", 403), ("carol", 302),
                                             ("phuong", 302)])
def test_a_comment_is_answered_by_the_units_clerk_or_reviewer_only(client, login, listing, who, status):
    comment = consultations.submit_comment(listing.consultation, name="Trần Văn Nam", text="Đề nghị làm rõ số liệu.")
    if who != "anonymous":
        login(getattr(listing, who))
    response = client.post(staff("consultation_answer", comment), {f"c{comment.pk}-answer": "Đã tiếp thu, bổ sung."})
    assert response.status_code == status
    answered = ConsultationComment.objects.get(pk=comment.pk)
    if who in ("carol", "phuong"):
        assert (answered.answer, answered.answered_by) == ("Đã tiếp thu, bổ sung.", getattr(listing, who))
        page = client.get(staff("consultation_detail", listing.consultation)).content.decode()
        assert "Đã tiếp thu, bổ sung." in page
    else:
        assert answered.answered_at is None


def test_an_empty_answer_is_refused_with_a_message(client, login, listing):
    comment = consultations.submit_comment(listing.consultation, name="Trần Văn Nam", text="Đề nghị làm rõ số liệu.")
    response = login(listing.carol).post(staff("consultation_answer", comment), {f"c{comment.pk}-answer": ""})
    assert response.status_code == 400 and "Ghi nội dung trả lời ý kiến." in response.content.decode()


def test_the_clerk_opens_a_listing_from_the_staff_list(client, login, cast, tree, central, on_day, province_clerk):
    on_day(OPENS)
    cast.phuong = province_clerk
    packet = reviewed_packet(cast, cast.alice, tree.ha_hoa, cast.phuong, [(hero(tree.ha_hoa), "HC_LAO_DONG")])
    client = login(cast.phuong)
    html = client.get(staff("consultation_list")).content.decode()
    assert "Lập đợt lấy ý kiến của Tỉnh Phú Thọ" in html and f"hồ sơ số {packet.pk}" in html
    [line] = consultations.candidate_lines(tree.phu_tho)
    prefix = f"u{tree.phu_tho.pk}"
    bad = client.post(reverse("awards:consultation_open", args=[tree.phu_tho.pk]),
                      {f"{prefix}-title": "Lấy ý kiến", f"{prefix}-opens_on": "2026-04-28"})
    assert bad.status_code == 400 and "Chọn ít nhất một đề nghị." in bad.content.decode()
    assert 'value="Lấy ý kiến"' in bad.content.decode()
    done = client.post(reverse("awards:consultation_open", args=[tree.phu_tho.pk]),
                       {f"{prefix}-title": "Lấy ý kiến", f"{prefix}-opens_on": "2026-04-28",
                        f"{prefix}-lines": [str(line.pk)]})
    consultation = PublicConsultation.objects.get()
    assert done.status_code == 302 and consultation.closes_on.isoformat() == "2026-05-06"
    assert login(cast.olga).post(reverse("awards:consultation_open", args=[tree.phu_tho.pk]), {}).status_code == 404


def test_a_superuser_may_open_a_listing_wherever_proposals_wait_as_the_one_rule_says(
        client, login, cast, tree, central, on_day, province_clerk):
    on_day(OPENS)
    cast.phuong = province_clerk
    reviewed_packet(cast, cast.alice, tree.ha_hoa, cast.phuong, [(hero(tree.ha_hoa), "HC_LAO_DONG")])
    client = login(cast.root)
    assert "Lập đợt lấy ý kiến của Tỉnh Phú Thọ" in client.get(staff("consultation_list")).content.decode()
    # Only units holding packets are offered: no form for the commune, which waits for nothing.
    assert "Lập đợt lấy ý kiến của Xã Hạ Hòa" not in client.get(staff("consultation_list")).content.decode()
    prefix = f"u{tree.phu_tho.pk}"
    response = client.post(reverse("awards:consultation_open", args=[tree.phu_tho.pk]),
                           {f"{prefix}-title": "Lấy ý kiến", f"{prefix}-opens_on": "2026-04-28"})
    assert response.status_code == 400 and "Chọn ít nhất một đề nghị." in response.content.decode()


def test_closing_from_the_page_refuses_early_then_files_the_report(client, login, listing, on_day):
    url = staff("consultation_close", listing.consultation)
    assert login(listing.carol).post(url).status_code == 403
    client = login(listing.phuong)
    response = client.post(url, follow=True)
    assert "Chưa hết thời gian lấy ý kiến" in response.content.decode()
    on_day(AFTER)
    client = login(listing.phuong)  # the session of 28/4 has expired
    response = client.post(url, follow=True)
    assert "Đã kết thúc đợt lấy ý kiến" in response.content.decode()
    assert PublicConsultation.objects.get().status == PublicConsultation.Status.CLOSED
    html = login(listing.dave).get(reverse("awards:dossier_detail", args=[listing.packet.pk])).content.decode()
    assert 'id="cong-khai-lay-y-kien"' in html and "Mọi đề nghị cần lấy ý kiến đã qua đợt công khai" in html
    assert "bao-cao-ket-qua-cong-khai" in html


def test_the_dossier_page_says_which_proposals_wait_for_publishing(client, login, listing):
    html = login(listing.dave).get(reverse("awards:dossier_detail", args=[listing.packet.pk])).content.decode()
    assert 'id="cong-khai-lay-y-kien"' in html and listing.consultation.title in html
    assert "phải được công khai, lấy ý kiến tại Tỉnh Phú Thọ" in html
    assert reverse("awards:dossier_forward", args=[listing.packet.pk]) not in html
    assert login(listing.dave).get(reverse("awards:dossier_forward", args=[listing.packet.pk])).status_code == 403


# Pinned query counts

def more_listings(cast, tree, n):
    for i in range(n):
        [person] = people(tree.hien_luong, [f"Cán bộ Số {i}"])
        sender = official(f"hl-{i}", tree.hien_luong, R.CLERK)
        reviewed_packet(cast, sender, tree.hien_luong, cast.phuong, [(person, "CSTD_TQ")], title=f"Danh sách {i}")
        consultation = open_for(cast.phuong, tree.phu_tho, title=f"Đợt {i}")
        consultations.submit_comment(consultation, name=f"Người {i}", text="Một ý kiến góp ý đủ dài.")


@pytest.mark.parametrize("extra", [0, 6])
def test_the_public_list_and_the_staff_list_run_a_fixed_number_of_queries(client, login, listing, tree, extra,
                                                                           django_assert_num_queries):
    more_listings(listing, tree, extra)
    with django_assert_num_queries(1):
        html = client.get(public("consultation_public_list")).content.decode()
    assert html.count('class="card mb-3"') == extra + 1
    with django_assert_num_queries(2):
        html = client.get(public("consultation_public_detail", listing.consultation)).content.decode()
    client = login(listing.phuong)
    # session, user, second step, memberships, lineage, consultations with their counts, units where the user
    # publishes, the proposals waiting there
    with django_assert_num_queries(10):
        html = client.get(staff("consultation_list")).content.decode()
    assert html.count("<tr>") == extra + 2
