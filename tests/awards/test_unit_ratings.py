"""A unit's yearly ratings entered in one grid: one row a person, saved together, refused together."""

from io import BytesIO

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from openpyxl import load_workbook

from awards.documents.history_workbook import RATINGS_SHEET
from awards.models import TaskRating
from awards.services.history_imports import import_history

from tests.conftest import make_person

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def staff(tree):
    return [make_person("Nguyễn Văn An", tree.van_phong, cccd="025080001234"),
            make_person("Trần Thị Bình", tree.ha_hoa, gender="female", cccd="025180004321"),
            make_person("Lê Văn Chí", tree.ha_hoa)]


def grid_url(unit, year=YEAR):
    return f"{reverse('awards:unit_ratings', args=[unit.pk])}?nam={year}"


def post_grid(client, unit, choices, year=YEAR):
    data = {"ca_nhan": [p.pk for p in choices]} | {f"xl-{p.pk}": value for p, value in choices.items()}
    return client.post(grid_url(unit, year), data, follow=True)


def ratings_of(people, year=YEAR):
    stored = dict(TaskRating.objects.filter(person__in=people, year=year).values_list("person_id", "rating"))
    return [stored.get(p.pk, "") for p in people]


def test_the_clerk_sees_one_row_a_person_of_the_unit_and_its_offices(login, cast, tree, staff):
    make_person("Phạm Văn Dũng", tree.hien_luong)
    page = login(cast.alice).get(grid_url(tree.ha_hoa)).content.decode()
    assert all(f'id="xl-{p.pk}"' in page for p in staff)
    assert "Phạm Văn Dũng" not in page
    assert f"Xếp loại năm {YEAR} của Nguyễn Văn An" in page


def test_the_grid_saves_every_row_in_one_go_and_logs_each(login, cast, tree, staff):
    an, binh, chi = staff
    TaskRating.objects.create(person=binh, year=YEAR, rating="done")
    TaskRating.objects.create(person=chi, year=YEAR, rating="good")
    answer = post_grid(login(cast.alice), tree.ha_hoa, {an: "excellent", binh: "good", chi: ""})
    assert "Đã lưu xếp loại: thêm 1, sửa 1, xóa 1, giữ nguyên 0." in answer.content.decode()
    assert ratings_of(staff) == ["excellent", "good", ""]
    messages = set(LogEntry.objects.filter(user=cast.alice).values_list("change_message", flat=True))
    assert {f"Nhập xếp loại năm {YEAR} trên trang xếp loại của Xã Hạ Hòa",
            f"Sửa xếp loại năm {YEAR} trên trang xếp loại của Xã Hạ Hòa",
            f"Xóa xếp loại năm {YEAR} trên trang xếp loại của Xã Hạ Hòa"} == messages


def test_a_bad_row_saves_nothing_and_keeps_every_choice(login, cast, tree, staff):
    an, binh, chi = staff
    answer = post_grid(login(cast.alice), tree.ha_hoa, {an: "excellent", binh: "rat-tot", chi: "good"})
    page = answer.content.decode()
    assert "Chưa lưu xếp loại nào: 1 dòng có lỗi" in page
    assert "Trần Thị Bình: xếp loại “rat-tot” không có trong danh sách." in page
    assert ratings_of(staff) == ["", "", ""]
    assert '<option value="excellent" selected>' in page.split(f'id="xl-{an.pk}"')[1].split("</select>")[0]
    assert '<option value="good" selected>' in page.split(f'id="xl-{chi.pk}"')[1].split("</select>")[0]


def test_a_person_of_another_unit_is_refused_by_name_of_the_unit(login, cast, tree, staff):
    stranger = make_person("Phạm Văn Dũng", tree.hien_luong)
    page = post_grid(login(cast.alice), tree.ha_hoa, {staff[0]: "good", stranger: "good"}).content.decode()
    assert f"Cá nhân số {stranger.pk} không thuộc Xã Hạ Hòa." in page
    assert not TaskRating.objects.exists()


@pytest.mark.parametrize(("who", "get", "post"), [("alice", 200, 200), ("bob", 200, 403), ("olga", 404, 404)])
def test_who_sees_and_who_enters(login, cast, tree, staff, who, get, post):
    client = login(getattr(cast, who))
    assert client.get(grid_url(tree.ha_hoa)).status_code == get
    assert client.post(grid_url(tree.ha_hoa), {"ca_nhan": [staff[0].pk], f"xl-{staff[0].pk}": "good"}
                       ).status_code in ({post, 302} if post == 200 else {post})


def test_the_grid_runs_a_fixed_number_of_queries(login, cast, tree, staff, django_assert_max_num_queries):
    client = login(cast.alice)
    client.get(grid_url(tree.ha_hoa))  # sessions and grants read once
    with django_assert_max_num_queries(12) as few:
        client.get(grid_url(tree.ha_hoa))
    for i in range(40):
        person = make_person(f"Người Số {i:02d}", tree.ha_hoa)
        TaskRating.objects.create(person=person, year=YEAR, rating="good")
        TaskRating.objects.create(person=person, year=YEAR - 1, rating="excellent")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(grid_url(tree.ha_hoa)).content.decode()
    assert "Người Số 39" in page


def test_ratings_round_trip_through_the_excel_template(login, cast, tree, staff):
    an, binh, _chi = staff
    TaskRating.objects.create(person=an, year=YEAR, rating="excellent")
    answer = login(cast.alice).get(reverse("awards:unit_ratings_xlsx", args=[tree.ha_hoa.pk]) + f"?nam={YEAR}")
    book = load_workbook(BytesIO(b"".join(answer.streaming_content) if answer.streaming else answer.content))
    sheet = book[RATINGS_SHEET]
    rows = {r[0]: list(r) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[an.cccd][1:] == ["Nguyễn Văn An", None, str(YEAR), "Hoàn thành xuất sắc nhiệm vụ"]
    assert rows[binh.cccd][4] in (None, "")  # not rated yet: left to fill; Chí has no CCCD, so he stays on the grid
    assert len(rows) == 2
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == binh.cccd:
            row[4].value = "Hoàn thành tốt nhiệm vụ"
    out = BytesIO()
    book.save(out)
    result = import_history(out.getvalue(), actor=cast.alice)
    assert result.ok, result.errors
    assert (result.created[RATINGS_SHEET], result.present[RATINGS_SHEET]) == (1, 1)
    assert ratings_of([an, binh]) == ["excellent", "good"]
    again = import_history(out.getvalue(), actor=cast.alice)
    assert (again.created[RATINGS_SHEET], again.present[RATINGS_SHEET]) == (0, 2)


def test_a_row_left_blank_in_the_file_is_skipped_with_a_warning(login, cast, tree, staff):
    answer = login(cast.alice).get(reverse("awards:unit_ratings_xlsx", args=[tree.ha_hoa.pk]) + f"?nam={YEAR}")
    data = b"".join(answer.streaming_content) if answer.streaming else answer.content
    result = import_history(data, actor=cast.alice)
    assert result.ok and result.created[RATINGS_SHEET] == 0
    assert [w.message for w in result.warnings] == ["Chưa ghi xếp loại: dòng được bỏ qua."] * 2


def test_the_entry_page_sends_a_one_unit_clerk_straight_to_her_grid(login, cast, tree):
    answer = login(cast.alice).get(reverse("awards:record_units"))
    assert answer.status_code == 302 and answer.url == reverse("awards:unit_ratings", args=[tree.ha_hoa.pk])
    page = login(cast.bob).get(reverse("awards:record_units")).content.decode()
    assert "chưa được giao vai trò" in page
