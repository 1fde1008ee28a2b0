"""What the secretary writes for the minutes on the session sheet, and where the Biên bản prints it."""

import pytest
from django.utils import timezone

from awards.models import CouncilSession

from tests.awards.council_factories import open_session, reviewed_packet, world  # noqa: F401
from tests.awards.test_council_views import docx_text, pdf_text, refresh_session, sheet, url

pytestmark = pytest.mark.django_db

BRIEFING = "Đồng chí Chủ tịch quán triệt tiêu chuẩn Bằng khen của Thủ tướng Chính phủ."
DISCUSSION = "Các thành viên thống nhất với báo cáo thẩm định của Ban Thi đua - Khen thưởng."
ANALYSES = ("Thành tích xuất sắc, tiêu biểu trong năm.", "Chưa có sáng kiến được công nhận cấp tỉnh.")


@pytest.fixture
def session(world, tree):
    reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    return open_session(world)


def written(session, *, method="hands", votes=None, **changes):
    data = sheet(session, votes=votes, present=10)
    data.update({"ended_at": "16:30", "voting_method": method, "briefing": BRIEFING, "discussion": DISCUSSION})
    for ballot, analysis in zip(session.ballots.order_by("pk"), ANALYSES):
        data[f"analysis_{ballot.pk}"] = analysis
    data.update(changes)
    return data


def in_order(text, parts):
    at = -1
    for part in parts:
        found = text.find(part, at + 1)
        assert found > at, f"{part!r} missing or out of order"
        at = found


def test_the_minutes_print_each_part_the_secretary_wrote_in_order(client, login, world, session):
    client = login(world.sarah)
    votes = {0: (10, 0, 0, 0), 1: (5, 5, 0, 0)}
    response = client.post(url("council_session_save", session), written(session, votes=votes))
    assert response.status_code == 302
    client.post(url("council_session_close", session), {"version": refresh_session(session).version})
    assert refresh_session(session).status == "closed"
    pdf = pdf_text(client.get(url("council_minutes_pdf", session)).content)
    word = docx_text(client.get(url("council_minutes_docx", session)).content)
    for text in (pdf, word):
        in_order(text, [
            "BIÊN BẢN", "V/v xét, đề nghị khen thưởng tổng kết năm 2026",
            "Thời gian: bắt đầu lúc 14 giờ 00, kết thúc lúc 16 giờ 30, ngày 15 tháng 01 năm 2026",
            "1. Chủ trì quán triệt, báo cáo", BRIEFING, "2. Ý kiến thảo luận", DISCUSSION,
            "3. Ý kiến, phân tích từng trường hợp", "1. Nguyễn Văn An", ANALYSES[0], "2. Trần Thị Bình", ANALYSES[1],
            "hình thức biểu quyết: biểu quyết giơ tay", "KẾT LUẬN",
            "Hội đồng đề nghị Ủy ban nhân dân tỉnh Phú Thọ trình Thủ tướng Chính phủ xem xét, quyết định khen "
            "thưởng 1 tập thể, cá nhân: Nguyễn Văn An",
        ])
        assert "bỏ phiếu kín" not in text


def test_a_secret_ballot_prints_as_chosen_and_the_end_is_the_closing_time_when_none_is_entered(client, login, world,
                                                                                              session):
    client = login(world.sarah)
    client.post(url("council_session_save", session), written(session, method="secret", ended_at=""))
    client.post(url("council_session_close", session), {"version": refresh_session(session).version})
    closed = refresh_session(session)
    assert closed.voting_method == CouncilSession.VotingMethod.SECRET_BALLOT and closed.ended_at is None
    text = pdf_text(client.get(url("council_minutes_pdf", session)).content)
    end = timezone.localtime(closed.closed_at)
    assert f"kết thúc lúc {end:%H} giờ {end:%M}" in text
    assert "hình thức biểu quyết: bỏ phiếu kín" in text and "giơ tay" not in text


def test_an_over_long_text_is_refused_in_vietnamese_and_the_rest_is_kept(client, login, world, session):
    response = login(world.sarah).post(url("council_session_save", session),
                                       written(session, discussion="x" * 5001))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Tối đa 5.000 ký tự (nội dung đang có 5.001 ký tự)." in page
    assert BRIEFING in page and ANALYSES[1] in page and 'value="16:30"' in page
    assert refresh_session(session).briefing == ""


def test_the_open_sheet_offers_the_fields_and_the_closed_session_shows_them_read_only(client, login, world, session):
    client = login(world.sarah)
    page = client.get(url("council_session_detail", session)).content.decode()
    assert 'name="briefing"' in page and 'name="voting_method"' in page and "Biểu quyết giơ tay" in page
    client.post(url("council_session_save", session), written(session))
    client.post(url("council_session_close", session), {"version": refresh_session(session).version})
    page = client.get(url("council_session_detail", session)).content.decode()
    assert "<textarea" not in page
    assert BRIEFING in page and DISCUSSION in page and ANALYSES[0] in page and "Biểu quyết giơ tay" in page
    assert "16:30" in page
