"""A long packet's page: its lines a page at a time, the whole packet's counts on every page, and a review kept page
by page — each page's verdicts saved as drafts, the last step judging the whole packet or naming what still waits."""

import re

import pytest
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from awards.models import Dossier, DossierLine
from awards.rules.workflow import Action as A
from awards.services import dossiers
from awards.views.dossiers import LINES_PER_PAGE as PER

from tests.awards.dossier_factories import R, make_list, official, people, refresh, submit
from tests.awards.pdf_files import pdf_upload

pytestmark = pytest.mark.django_db
S, L = Dossier.Status, DossierLine.Status


@pytest.fixture
def world(cast, central, province_clerk, submitted_dossier):
    cast.phuong = province_clerk
    return cast


def received_packet(world, tree, n, start=0):
    entries = [(person, "BK_TINH") for person in people(tree.hien_luong, [f"Cán bộ Số {start + i}" for i in range(n)])]
    clerk = official(f"hl-clerk-{start}", tree.hien_luong, R.CLERK)
    [dossier] = submit(make_list(tree.hien_luong, clerk, entries, title=f"Danh sách {start}"), clerk)
    dossiers.receive_dossier(dossier, actor=world.phuong)
    return refresh(dossier)


def page(dossier, number=None):
    url = reverse("awards:dossier_detail", args=[dossier.pk])
    return f"{url}?trang={number}" if number else url


def lines_on(dossier, number):
    return list(dossier.lines.order_by("pk"))[(number - 1) * PER:number * PER]


def verdicts(lines, verdict=A.APPROVE, reason=""):
    data = {}
    for line in lines:
        data[f"ket_qua_{line.pk}"] = verdict
        data[f"ly_do_{line.pk}"] = reason
    return data


def keep(client, dossier, number, data, *, go_to=None):
    return client.post(reverse("awards:dossier_review_draft", args=[dossier.pk]), {
        "version": refresh(dossier).version, "trang": number, "sang_trang": go_to or number, **data})


def finish(client, dossier, number, data, **extra):
    return client.post(reverse("awards:dossier_review", args=[dossier.pk]), {
        "version": refresh(dossier).version, "trang": number, **data, **extra})


def rows(html):
    return re.findall(r'<tr id="dong-(\d+)"', html)


def test_a_long_packet_shows_its_lines_a_page_at_a_time_with_the_whole_packets_counts(login, world, tree):
    n = 2 * PER + 20
    dossier = received_packet(world, tree, n)
    client = login(world.carol)
    first, last = client.get(page(dossier)).content.decode(), client.get(page(dossier, 3)).content.decode()
    assert rows(first) == [str(line.pk) for line in lines_on(dossier, 1)] and len(rows(first)) == PER
    assert rows(last) == [str(line.pk) for line in lines_on(dossier, 3)] and len(rows(last)) == 20
    for html in (first, last):
        assert f"Các đề nghị ({n})" in html and f"Đã tiếp nhận, chờ thẩm định: {n}" in html
        assert f"Chưa có kết quả: {n} đề nghị." in html and 'id="chua-co-ket-qua"' not in html
    assert 'href="?trang=2">Trang sau</a>' in first and "Trang 1 / 3" in first
    assert 'href="?trang=2">Trang trước</a>' in last and f'<td data-label="STT">{2 * PER + 1}</td>' in last
    assert client.get(page(dossier, 99)).content.decode().count('<tr id="dong-') == 20  # past the end: the last


@pytest.mark.parametrize("size", [10, 120])
def test_the_reviewers_page_runs_the_same_queries_whatever_the_packets_size(login, world, tree, size,
                                                                             django_assert_num_queries):
    dossier = received_packet(world, tree, size)
    client = login(world.carol)
    client.get(page(dossier))
    with django_assert_num_queries(15):
        html = client.get(page(dossier)).content.decode()
    assert len(rows(html)) == min(size, PER)


def test_a_packet_on_one_page_is_reviewed_as_before_without_pages_or_drafts(login, world, tree):
    dossier = received_packet(world, tree, 10)
    client = login(world.carol)
    html = client.get(page(dossier)).content.decode()
    assert 'id="luu-trang"' not in html and 'aria-label="Phân trang"' not in html and "tien-do-tham-dinh" not in html
    lines = lines_on(dossier, 1)
    response = finish(client, dossier, 1, verdicts(lines[:9]))
    assert response.status_code == 200 and "Chọn kết quả thẩm định cho đề nghị này." in response.content.decode()
    assert finish(client, dossier, 1, verdicts(lines)).status_code == 302
    assert refresh(dossier).status == S.REVIEWED


def test_verdicts_kept_on_page_one_are_there_after_going_to_page_two_and_back(login, world, tree):
    dossier = received_packet(world, tree, 120)
    client = login(world.carol)
    first = lines_on(dossier, 1)
    data = {**verdicts(first[:-1]), **verdicts(first[-1:], A.REJECT, "Chưa đủ thành tích.")}
    response = keep(client, dossier, 1, data, go_to=2)
    assert response.status_code == 302 and response.url == page(dossier, 2)
    assert "Đã lưu kết quả thẩm định dự kiến của trang 1." in client.get(response.url).content.decode()
    html = client.get(page(dossier)).content.decode()
    assert re.search(rf'name="ket_qua_{first[0].pk}" value="approve"[^>]*checked', html)
    assert re.search(rf'name="ket_qua_{first[-1].pk}" value="reject"[^>]*checked', html)
    assert "Chưa đủ thành tích.</textarea>" in html
    assert f"Kết quả đã lưu: Đạt {PER - 1}, Không đạt 1. Chưa có kết quả: {120 - PER} đề nghị." in html
    assert refresh(dossier).status == S.RECEIVED  # a draft moves nothing
    assert not dossier.events.filter(action=A.APPROVE).exists()


def test_a_kept_page_still_needs_a_reason_for_what_fails(login, world, tree):
    dossier = received_packet(world, tree, 60)
    client = login(world.carol)
    response = keep(client, dossier, 1, verdicts(lines_on(dossier, 1)[:1], A.REJECT))
    assert response.status_code == 200 and "Ghi lý do để đơn vị gửi biết cần làm gì." in response.content.decode()
    assert not dossier.lines.exclude(draft_verdict="").exists()


def test_the_last_step_judges_the_whole_packet_from_every_pages_verdicts(login, world, tree):
    dossier = received_packet(world, tree, 2 * PER + 20)
    client = login(world.carol)
    keep(client, dossier, 1, verdicts(lines_on(dossier, 1)), go_to=2)
    keep(client, dossier, 2, verdicts(lines_on(dossier, 2), A.REJECT, "Chưa đủ điều kiện."), go_to=3)
    response = finish(client, dossier, 3, verdicts(lines_on(dossier, 3)), comment="Đã xem cả hồ sơ.")
    assert response.status_code == 302
    dossier = refresh(dossier)
    assert dossier.status == S.REVIEWED and dossier.reviewed_by == world.carol
    statuses = {status: n for status, n in dossier.lines.values_list("status").annotate(n=Count("pk"))}
    assert statuses == {L.APPROVED: PER + 20, L.REJECTED: PER}
    assert not dossier.lines.exclude(draft_verdict="", draft_reason="").exists()  # the drafts are spent
    event = dossier.events.get(action=A.APPROVE)
    assert event.details["approved"] == PER + 20 and len(event.details["rejected"]) == PER


def test_the_last_step_refuses_and_links_each_line_still_without_a_verdict(login, world, tree):
    dossier = received_packet(world, tree, 2 * PER + 20)
    client = login(world.carol)
    keep(client, dossier, 1, verdicts(lines_on(dossier, 1)))
    response = finish(client, dossier, 3, verdicts(lines_on(dossier, 3)))
    assert response.status_code == 302 and response.url == page(dossier, 3)
    assert refresh(dossier).status == S.RECEIVED
    html = client.get(response.url).content.decode()
    assert f"Chưa ghi được kết quả thẩm định: {PER} đề nghị chưa có kết quả (Cán bộ Số {PER}," in html
    assert "Kết quả đã chọn ở trang 3 đã được lưu" in html
    waiting = lines_on(dossier, 2)
    assert f'href="{page(dossier)}?trang=2#dong-{waiting[0].pk}">Cán bộ Số {PER}</a> (trang 2)' in html
    assert f"và {PER - 20} đề nghị khác" in html  # twenty named, the rest counted
    assert dossier.lines.exclude(draft_verdict="").count() == PER + 20  # pages 1 and 3 kept


def test_a_line_returned_on_any_page_sends_the_packet_back_with_the_other_verdicts_kept(login, world, tree):
    dossier = received_packet(world, tree, 60)
    client = login(world.carol)
    second = lines_on(dossier, 2)
    keep(client, dossier, 2, {**verdicts(second[:-1]), **verdicts(second[-1:], A.RETURN, "Thiếu bản sao bằng khen.")})
    response = finish(client, dossier, 1, verdicts(lines_on(dossier, 1)[:5]))
    assert response.status_code == 302 and refresh(dossier).status == S.RETURNED
    assert dossier.lines.filter(status=L.RETURNED).get().reason == "Thiếu bản sao bằng khen."
    assert dossier.lines.filter(status=L.APPROVED).count() == len(second) - 1 + 5


def test_two_reviewers_at_once_the_second_page_kept_is_told_who_kept_theirs_first(login, world, tree):
    dossier = received_packet(world, tree, 60)
    other = Client()
    other.force_login(official("tinh-tham-dinh-2", dossier.receiver, R.REVIEWER),
                      backend="django.contrib.auth.backends.ModelBackend")
    shown = refresh(dossier).version  # both opened page 1 at this version
    first = lines_on(dossier, 1)
    login(world.carol).post(reverse("awards:dossier_review_draft", args=[dossier.pk]), {
        "version": shown, "trang": 1, "sang_trang": 1, **verdicts(first)})
    response = other.post(reverse("awards:dossier_review_draft", args=[dossier.pk]), {
        "version": shown, "trang": 1, "sang_trang": 1, **verdicts(first, A.REJECT, "Không đạt.")}, follow=True)
    text = response.content.decode()
    assert "Hồ sơ vừa được Carol lưu kết quả thẩm định dự kiến" in text and "trang đã tải lại trạng thái mới" in text
    assert set(dossier.lines.filter(pk__in=[line.pk for line in first]).values_list("draft_verdict", flat=True)) == {
        A.APPROVE}
    response = other.post(reverse("awards:dossier_review", args=[dossier.pk]), {
        "version": shown, "trang": 1, **verdicts(first)}, follow=True)
    assert "Hồ sơ vừa được Carol lưu kết quả thẩm định dự kiến" in response.content.decode()
    assert refresh(dossier).status == S.RECEIVED



def test_a_document_added_to_a_returned_line_comes_back_to_that_lines_page(login, world, tree):
    dossier = received_packet(world, tree, 60)
    line = lines_on(dossier, 2)[3]
    dossiers.return_dossier(dossier, actor=world.carol, verdicts={line.pk: (A.RETURN, "Thiếu bản sao.")})
    clerk = dossier.submitted_by
    response = login(clerk).post(reverse("awards:dossier_line_upload", args=[line.pk]),
                                 {"kind": "khac", "file": pdf_upload("Bo sung.pdf")})
    assert response["Location"] == f"{page(dossier)}?dong={line.pk}&trang=2#dong-{line.pk}"
    html = login(clerk).get(response["Location"]).content.decode()
    assert f'<tr id="dong-{line.pk}" class="row-just-changed">' in html
