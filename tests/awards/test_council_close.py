"""Closing a council session asks first: the candidates and the results the saved sheet gives; only the POST closes."""

import pytest

from tests.awards.council_factories import open_session, reviewed_packet, world  # noqa: F401
from tests.awards.test_council_views import refresh_session, sheet, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(world, tree):  # noqa: F811
    reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    return open_session(world)


def summary(response) -> dict:
    return {row.label: list(row.values) for row in response.context["confirmation"].rows}


def test_closing_shows_the_candidates_and_results_and_closes_only_on_post(login, world, session):
    client = login(world.sarah)
    client.post(url("council_session_save", session), sheet(session))  # saved, not closed
    page = client.get(url("council_session_close", session))
    rows = summary(page)
    assert rows["Số đề nghị biểu quyết"] == ["2 đề nghị"]
    assert rows["Thành viên dự họp"] == ["10/12 thành viên dự họp (83%; tối thiểu 66,7%)"]
    assert len(rows["Từng đề nghị"]) == 2 and "Xác nhận kết thúc phiên họp" in page.content.decode()
    assert refresh_session(session).status == "open"
    response = client.post(url("council_session_close", session), {"version": refresh_session(session).version},
                           follow=True)
    assert "Đã kết thúc phiên họp" in response.content.decode()
    assert refresh_session(session).status == "closed"


def test_a_session_without_quorum_is_not_offered_for_closing(login, world, session):
    client = login(world.sarah)
    client.post(url("council_session_save", session), sheet(session, present=5))
    html = client.get(url("council_session_close", session)).content.decode()
    assert "Chưa đủ số thành viên dự họp" in html and "Xác nhận kết thúc phiên họp" not in html


@pytest.mark.parametrize(("who", "expected"), [("olga", 404), ("dave", 403), ("sarah", 200)])
def test_only_the_secretary_reaches_the_closing_page(login, world, session, who, expected):
    assert login(getattr(world, who)).get(url("council_session_close", session)).status_code == expected
