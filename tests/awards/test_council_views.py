"""The council pages: who may see and act (the permission matrix), the session sheet, closing, the minutes."""

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from awards.models import AwardDowngrade, CouncilSession
from awards.services import councils

from tests.awards.council_factories import HELD_ON, open_session, reviewed_packet, tally, world  # noqa: F401
from tests.awards.dossier_factories import lines_of

pytestmark = pytest.mark.django_db


def url(name, obj=None):
    return reverse(f"awards:{name}", args=[obj.pk] if obj is not None else [])


def pdf_text(data):
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data):
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return " ".join(" ".join(parts).split())


@pytest.fixture
def session(world, tree):
    reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    return open_session(world)


def sheet(session, *, present=10, votes=None, close=False, downgrade=None):
    members = councils.roster(session.council, session.held_on)
    data = {"version": refresh_session(session).version, "place": "Hội trường tầng 3", "started_at": "14:00",
            "chair": members[0].pk, "attendees": [m.pk for m in members[:present]]}
    for i, ballot in enumerate(session.ballots.order_by("pk")):
        v = (votes or {}).get(i, (present, 0, 0, 0))
        for name, value in zip(("votes_for", "votes_against", "written_for", "written_against"), v):
            data[f"{name}_{ballot.pk}"] = value
        data[f"downgrade_{ballot.pk}"] = downgrade.pk if downgrade and i == 0 else ""
    if close:
        data["ket_thuc"] = "1"
    return data


def refresh_session(session):
    return CouncilSession.objects.get(pk=session.pk)


# The permission matrix

@pytest.mark.parametrize(("who", "expected"), [("anonymous", 302), ("olga", 200), ("dave", 200), ("sarah", 200)])
def test_the_council_page_answers_everyone_logged_in_with_what_they_may_see(client, login, world, session, who,
                                                                           expected):
    if who != "anonymous":
        login(getattr(world, who))
    response = client.get(url("council_index"))
    assert response.status_code == expected
    if who == "olga":
        assert "Chưa có phiên họp nào" in response.content.decode()
    if who == "sarah":
        assert "Phiên họp mới" in response.content.decode()
    if who == "dave":
        assert "Phiên họp mới" not in response.content.decode() and "15/01/2026" in response.content.decode()


@pytest.mark.parametrize("name", ["council_session_detail", "council_minutes_pdf", "council_minutes_docx"])
@pytest.mark.parametrize(("who", "expected"), [("anonymous", 302), ("olga", 404), ("dave", 200), ("sarah", 200)])
def test_the_session_pages_answer_the_permission_matrix(client, login, world, session, name, who, expected):
    if who != "anonymous":
        login(getattr(world, who))
    assert client.get(url(name, session)).status_code == expected


@pytest.mark.parametrize(("who", "expected"), [("anonymous", 302), ("olga", 404), ("dave", 403), ("carol", 403),
                                                ("sarah", 302)])
def test_only_the_secretary_saves_and_closes_a_session(client, login, world, session, who, expected):
    data = sheet(session, close=True)
    if who != "anonymous":
        login(getattr(world, who))
    response = client.post(url("council_session_save", session), data)
    assert response.status_code == expected
    assert refresh_session(session).status == "open"  # the sheet never closes: the summary page does
    if who == "sarah":
        assert response.url == url("council_session_close", session)
    response = client.post(url("council_session_close", session), {"version": refresh_session(session).version})
    assert response.status_code == expected
    assert (refresh_session(session).status == "closed") == (who == "sarah")


@pytest.mark.parametrize(("who", "expected"), [("anonymous", 302), ("olga", 403), ("dave", 403), ("sarah", 302)])
def test_only_a_secretary_opens_a_session(client, login, world, tree, who, expected):
    reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    if who != "anonymous":
        login(getattr(world, who))
    response = client.post(url("council_session_new"), {"unit": tree.phu_tho.pk, "held_on": "2026-01-15",
                                                         "started_at": "08:00", "place": "Hội trường UBND tỉnh"})
    assert response.status_code == expected
    assert CouncilSession.objects.exists() == (who == "sarah")


# The sheet

def test_the_secretary_saves_a_draft_then_closes_and_the_dossier_page_shows_the_result(client, login, world, session):
    client = login(world.sarah)
    lower = AwardDowngrade.objects.get(award__code="BK_TTG", lower_award__code="BK_TINH")
    response = client.post(url("council_session_save", session), sheet(session, votes={0: (5, 5, 0, 0)},
                                                                       downgrade=lower))
    assert response.status_code == 302 and refresh_session(session).status == "open"
    page = client.get(url("council_session_detail", session)).content.decode()
    assert "10/12 thành viên dự họp (83%; tối thiểu 66,7%)" in page
    assert "5/12 phiếu (42%): Chuyển hình thức: Bằng khen của Chủ tịch UBND tỉnh" in page
    response = client.post(url("council_session_save", session), sheet(session, votes={0: (5, 5, 0, 0)},
                                                                       downgrade=lower, close=True), follow=True)
    summary = response.content.decode()
    assert "Kết thúc phiên họp Hội đồng" in summary and "Xác nhận kết thúc phiên họp" in summary
    assert refresh_session(session).status == "open"
    response = client.post(url("council_session_close", session), {"version": refresh_session(session).version},
                           follow=True)
    assert "Đã kết thúc phiên họp" in response.content.decode()
    packet = lines_of(session.ballots.first().line.dossier)[0].dossier
    detail = login(world.dave).get(packet.get_absolute_url()).content.decode()
    assert "Hội đồng TĐKT:" in detail and "Bằng khen của Chủ tịch UBND tỉnh" in detail
    assert url("council_session_detail", session) in detail


def test_a_tally_larger_than_the_room_keeps_what_was_typed_and_says_why(client, login, world, session):
    client = login(world.sarah)
    response = client.post(url("council_session_save", session), sheet(session, present=9, votes={0: (9, 1, 0, 0)}))
    text = response.content.decode()
    assert response.status_code == 400
    assert "10 phiếu tại phiên họp, nhiều hơn số thành viên dự họp (9)" in text
    assert 'value="Hội trường tầng 3"' in text
    assert refresh_session(session).version == session.version


def test_closing_below_quorum_says_so_and_records_nothing(client, login, world, session):
    client = login(world.sarah)
    response = client.post(url("council_session_save", session), sheet(session, present=6, close=True), follow=True)
    summary = response.content.decode()
    assert "Chưa đủ số thành viên dự họp theo quy định" in summary
    assert "Xác nhận kết thúc phiên họp" not in summary  # nothing to confirm
    response = client.post(url("council_session_close", session), {"version": refresh_session(session).version},
                           follow=True)
    assert "chưa đủ số thành viên dự họp theo quy định" in response.content.decode()
    assert refresh_session(session).status == "open"


def test_a_negative_count_is_refused_by_the_form(client, login, world, session):
    response = login(world.sarah).post(url("council_session_save", session), sheet(session, votes={0: (-1, 0, 0, 0)}))
    assert response.status_code == 400 and "Số phiếu không âm." in response.content.decode()


# The minutes

def test_the_minutes_print_the_session_in_pdf_and_word(client, login, world, session):
    ballots = list(session.ballots.order_by("pk"))
    tally(session, {ballots[0].line_id: (8, 1, 2, 0), ballots[1].line_id: (6, 3, 0, 1)}, present=9)
    councils.close_session(session, actor=world.sarah)
    client = login(world.dave)
    pdf = pdf_text(client.get(url("council_minutes_pdf", session)).content)
    word = docx_text(client.get(url("council_minutes_docx", session)).content)
    for text in (pdf, word):
        assert "UBND TỈNH PHÚ THỌ" in text and "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in text
        assert "BIÊN BẢN" in text and "Họp Hội đồng Thi đua - Khen thưởng tỉnh Phú Thọ" in text
        assert "ngày 15 tháng 01 năm 2026" in text and "Hội trường UBND tỉnh" in text
        assert "Chủ trì: Bùi Văn Quang, Chủ tịch Hội đồng" in text
        assert "có mặt: 9; vắng mặt: 3" in text and "9/12 thành viên dự họp (75%; tối thiểu 66,7%)" in text
        assert "Bằng khen của Thủ tướng Chính phủ: từ 80% tổng số thành viên hội đồng trở lên đồng ý" in text
        assert "8 + 2" in text and "10/12" in text and "(83%)" in text  # Nguyễn Văn An: đạt
        assert "6/12" in text and "(50%)" in text  # Trần Thị Bình: không đạt
        assert "Đạt tỷ lệ phiếu đồng ý theo quy định (1): Nguyễn Văn An" in text
        assert "Không đạt (1): Trần Thị Bình" in text
        assert "THƯ KÝ HỘI ĐỒNG" in text and "CHỦ TỊCH HỘI ĐỒNG" in text and "Sarah" in text


def test_an_open_session_prints_its_minutes_as_a_draft(client, login, world, session):
    text = pdf_text(login(world.sarah).get(url("council_minutes_pdf", session)).content)
    assert "Dự thảo" in text


# Query counts

def test_the_council_page_runs_a_fixed_number_of_queries(client, login, world, tree, django_assert_num_queries):
    client = login(world.sarah)
    counts = []
    for n in (1, 4):
        while CouncilSession.objects.count() < n:
            reviewed_packet(world, tree.hien_luong, [f"Cán bộ số {CouncilSession.objects.count()}"],
                            title=f"Danh sách {CouncilSession.objects.count()}")
            open_session(world)
        with django_assert_num_queries(10) as captured:
            html = client.get(url("council_index")).content.decode()
        counts.append(len(captured))
        assert html.count("<tr>") == n + 1
    assert counts[0] == counts[1]


def test_the_session_sheet_runs_the_same_queries_however_many_candidates(client, login, world, tree,
                                                                       django_assert_num_queries):
    reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    small = open_session(world)
    reviewed_packet(world, tree.hien_luong, [f"Cán bộ số {i}" for i in range(6)], title="Danh sách lớn")
    big = open_session(world)
    assert big.ballots.count() == 6
    client = login(world.sarah)
    for session in (small, big):
        with django_assert_num_queries(14):
            html = client.get(url("council_session_detail", session)).content.decode()
        assert html.count('id="phieu-') == session.ballots.count()


# Live figures: attendance, thresholds beside tallies, who may still vote

def test_the_sheet_shows_each_candidates_threshold_beside_its_tally_and_who_may_still_vote(client, login, world,
                                                                                          session):
    [an, binh] = session.ballots.order_by("pk").values_list("line_id", flat=True)
    tally(session, {an: (9, 1, 1, 0), binh: (4, 2, 0, 0)}, present=10)
    html = login(world.sarah).get(url("council_session_detail", session)).content.decode()

    assert "10/12 thành viên dự họp" in html and "đủ điều kiện biểu quyết" in html
    row = html[html.index(f'id="phieu-{session.ballots.order_by("pk").first().pk}"'):]
    row = row[:row.index("</tr>")]
    # The Prime Minister's Bằng khen needs 80% of the whole council: 10 of 12 (written votes count).
    assert "10/12 phiếu (83%): Đạt" in row and "Cần từ 80% tổng số thành viên hội đồng (10/12 phiếu)" in row
    assert "Còn có thể bỏ phiếu: 1 thành viên vắng mặt (phiếu bằng văn bản)." in row
    assert "Bỏ phiếu tại phiên họp: Bùi Văn Quang" in html
    assert "Có thể gửi phiếu bằng văn bản: Hà Thị Mai, Đặng Văn Tiến." in html


def test_the_status_answers_the_saved_figures_as_json(client, login, world, session):
    tally(session, {}, present=7)
    status = login(world.dave).get(url("council_session_status", session)).json()

    assert (status["present"], status["members"], status["has_quorum"]) == (7, 12, False)
    assert status["attendance"].startswith("7/12 thành viên dự họp (58%; tối thiểu 66,7%)")
    assert status["attendance"].endswith("chưa đủ điều kiện biểu quyết.")
    assert [c["id"] for c in status["candidates"]] == list(session.ballots.order_by("pk").values_list("pk", flat=True))
    assert all(c["threshold"] == "Cần từ 80% tổng số thành viên hội đồng (10/12 phiếu)" for c in status["candidates"])


def test_the_status_counts_the_members_ticked_on_the_unsaved_sheet(client, login, world, session):
    members = councils.roster(session.council, session.held_on)
    ticked = [m.pk for m in members[:8]] + [999999, "x"]

    status = login(world.sarah).get(url("council_session_status", session),
                                    {"diem_danh": "1", "co_mat": ticked}).json()

    assert (status["present"], status["has_quorum"]) == (8, True)  # 8 of 12 is two thirds
    assert refresh_session(session).attendees.count() == 0  # counting saves nothing
    assert login(world.sarah).get(url("council_session_status", session),
                                  {"diem_danh": "1"}).json()["present"] == 0


@pytest.mark.parametrize(("who", "expected"), [("anonymous", 302), ("olga", 404), ("dave", 200)])
def test_the_status_answers_the_permission_matrix(client, login, world, session, who, expected):
    if who != "anonymous":
        login(getattr(world, who))
    assert client.get(url("council_session_status", session)).status_code == expected


def test_the_status_runs_the_same_queries_however_many_candidates(client, login, world, tree,
                                                                 django_assert_num_queries):
    reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    small = open_session(world)
    reviewed_packet(world, tree.hien_luong, [f"Cán bộ số {i}" for i in range(6)], title="Danh sách lớn")
    reviewed_packet(world, tree.hien_luong, ["Cán bộ tỉnh"], code="BK_TINH", title="Danh sách khác")
    big = open_session(world)
    client = login(world.sarah)
    counts = []
    for session in (small, big):
        with django_assert_num_queries(14) as captured:
            status = client.get(url("council_session_status", session), {"diem_danh": "1"}).json()
        counts.append(len(captured))
        assert len(status["candidates"]) == session.ballots.count()
    assert counts[0] == counts[1]
