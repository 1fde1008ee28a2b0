"""Every page against the permission matrix, and what users rely on when they use them."""

import datetime

import pytest
from django.urls import reverse

from units.models import Person, Unit

from tests.conftest import make_person

pytestmark = pytest.mark.django_db
BIRTH = datetime.date(1980, 5, 17)


@pytest.fixture
def an(tree):
    """A person registered in the commune office of Xã Hạ Hòa."""
    return make_person("Nguyễn Văn An", tree.van_phong, date_of_birth=BIRTH, cccd="025080001234")


def url_for(name, tree, an):
    return {
        "dashboard": reverse("units:dashboard"),
        "unit_list": reverse("units:unit_list"),
        "unit_detail": reverse("units:unit_detail", args=[tree.ha_hoa.pk]),
        "unit_create": reverse("units:unit_create", args=[tree.ha_hoa.pk]),
        "person_list": reverse("units:person_list"),
        "person_detail": reverse("units:person_detail", args=[an.pk]),
        "person_create": reverse("units:person_create"),
        "person_edit": reverse("units:person_edit", args=[an.pk]),
        "password_change": reverse("password_change"),
    }[name]


# Expected status for GET, by page and actor: 200 allowed, 403 seen but not theirs to do,
# 404 outside their subtree. Anonymous visitors are always sent to the login page.
MATRIX = {
    #                 alice bob  carol dave erin olga root
    "dashboard":      (200, 200, 200, 200, 200, 200, 200),
    "unit_list":      (200, 200, 200, 200, 200, 200, 200),
    "unit_detail":    (200, 200, 200, 200, 200, 404, 200),
    "unit_create":    (403, 403, 403, 403, 200, 404, 200),
    "person_list":    (200, 200, 200, 200, 200, 200, 200),
    "person_detail":  (200, 200, 200, 200, 200, 404, 200),
    "person_create":  (200, 403, 403, 403, 200, 200, 200),
    "person_edit":    (200, 403, 403, 403, 200, 404, 200),
    "password_change": (200, 200, 200, 200, 200, 200, 200),
}
ACTORS = ["alice", "bob", "carol", "dave", "erin", "olga", "root"]


@pytest.mark.parametrize("page", MATRIX)
def test_anonymous_visitors_are_sent_to_login(client, tree, an, page):
    url = url_for(page, tree, an)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("page", MATRIX)
@pytest.mark.parametrize("actor", ACTORS)
def test_each_page_answers_each_actor_as_the_matrix_says(login, cast, tree, an, page, actor):
    response = login(getattr(cast, actor)).get(url_for(page, tree, an))
    assert response.status_code == MATRIX[page][ACTORS.index(actor)]


def test_a_province_page_is_not_found_for_a_commune_clerk(login, cast, tree):
    assert login(cast.alice).get(reverse("units:unit_detail", args=[tree.phu_tho.pk])).status_code == 404


def test_dashboard_shows_the_users_units_and_real_counts(login, cast, tree, an):
    response = login(cast.alice).get(reverse("units:dashboard"))
    html = response.content.decode()
    assert "Xã Hạ Hòa" in html and "Cán bộ TĐKT" in html
    assert response.context["unit_count"] == 2
    assert response.context["person_count"] == 1


def test_dates_read_as_officials_write_them(login, cast, tree):
    html = login(cast.carol).get(reverse("units:unit_detail", args=[tree.ha_hoa.pk])).content.decode()
    assert "Từ ngày 01 tháng 07 năm 2025" in html


def test_unit_search_without_diacritics_finds_the_commune(login, cast, tree):
    response = login(cast.carol).get(reverse("units:unit_list"), {"q": "ha hoa"})
    names = [u.name for u in response.context["page"].object_list]
    assert "Xã Hạ Hòa" in names
    assert "Huyện Hạ Hoà" not in names  # ended, and outside the new province anyway


def test_unit_search_never_shows_units_outside_scope(login, cast, tree):
    response = login(cast.olga).get(reverse("units:unit_list"), {"q": "ha hoa", "lich_su": "1"})
    assert list(response.context["page"].object_list) == []


def test_unit_detail_shows_history_of_an_ended_unit(login, cast, tree):
    response = login(cast.root).get(reverse("units:unit_detail", args=[tree.ha_hoa_district.pk]))
    html = response.content.decode()
    assert "Huyện Hạ Hoà" in html and "Đã kết thúc" in html
    assert "Chuyển thành" in html and "ngày 01 tháng 07 năm 2025" in html


def test_a_unit_admin_adds_a_village_below_a_commune(login, cast, tree):
    client = login(cast.erin)
    response = client.post(reverse("units:unit_create", args=[tree.ha_hoa.pk]), {
        "name": "Thôn Đồng Xuân", "kind": "village", "short_name": "", "code": "", "valid_from": "",
    })
    village = Unit.objects.get(name="Thôn Đồng Xuân")
    assert response.status_code == 302 and response["Location"] == village.get_absolute_url()
    assert village.parent == tree.ha_hoa and village.path.startswith(tree.ha_hoa.path)
    assert village in Unit.objects.visible_to(cast.alice)


def test_an_administrative_kind_cannot_be_added_by_hand(login, cast, tree):
    response = login(cast.erin).post(reverse("units:unit_create", args=[tree.ha_hoa.pk]), {
        "name": "Xã Giả", "kind": "commune",
    })
    assert response.status_code == 200
    assert "Xã Giả" in response.content.decode()  # what was typed is kept
    assert not Unit.objects.filter(name="Xã Giả").exists()


def test_a_clerk_creates_a_person(login, cast, tree):
    response = login(cast.alice).post(reverse("units:person_create"), {
        "full_name": "Trần Thị Bích", "gender": "female", "date_of_birth": "1990-02-05",
        "cccd": "025190004321", "position": "Chuyên viên", "unit": tree.van_phong.pk,
    })
    person = Person.objects.get(cccd="025190004321")
    assert response.status_code == 302 and response["Location"] == person.get_absolute_url()
    assert person.date_of_birth == datetime.date(1990, 2, 5)


def test_a_person_page_shows_the_birth_date_the_vietnamese_way(login, cast, tree, an):
    html = login(cast.alice).get(an.get_absolute_url()).content.decode()
    assert "17/05/1980" in html


def test_a_person_page_is_titled_with_the_name_and_lists_the_history_once(login, cast, tree, an):
    html = login(cast.alice).get(an.get_absolute_url()).content.decode()
    assert "<title>Nguyễn Văn An — Cổng thi đua, khen thưởng</title>" in html
    assert html.count('id="khen-thuong"') == 1


def test_creating_a_person_with_an_existing_cccd_shows_that_person(login, cast, tree, an):
    response = login(cast.alice).post(reverse("units:person_create"), {
        "full_name": "Nguyễn Văn Ân", "gender": "male", "date_of_birth": "", "cccd": an.cccd,
        "position": "", "unit": tree.ha_hoa.pk, "confirm_new": "1",
    })
    html = response.content.decode()
    assert response.status_code == 200
    assert "Số CCCD này đã có trong hệ thống" in html and an.get_absolute_url() in html
    assert 'value="Nguyễn Văn Ân"' in html
    assert Person.objects.count() == 1


def test_creating_a_look_alike_warns_first_and_creates_only_when_confirmed(login, cast, tree, an):
    client = login(cast.alice)
    data = {"full_name": "NGUYỄN VĂN AN", "gender": "male", "date_of_birth": "1980-05-17", "cccd": "",
            "position": "Cán sự", "unit": tree.ha_hoa.pk}
    response = client.post(reverse("units:person_create"), data)
    html = response.content.decode()
    assert response.status_code == 200 and "Có thể người này đã có trong hệ thống" in html
    assert an.get_absolute_url() in html and 'value="NGUYỄN VĂN AN"' in html
    assert Person.objects.count() == 1

    response = client.post(reverse("units:person_create"), {**data, "confirm_new": "1"})
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_a_clerk_cannot_register_a_person_in_another_commune(login, cast, tree):
    response = login(cast.alice).post(reverse("units:person_create"), {
        "full_name": "Lê Văn Tám", "gender": "male", "unit": tree.hien_luong.pk,
    })
    assert response.status_code == 200  # the unit is not among the choices offered
    assert "unit" in response.context["form"].errors
    assert not Person.objects.exists()


def test_editing_a_person_keeps_typed_values_on_error(login, cast, tree, an):
    response = login(cast.alice).post(reverse("units:person_edit", args=[an.pk]), {
        "full_name": "Nguyễn Văn An", "gender": "male", "cccd": "12ab", "position": "Trưởng phòng",
        "unit": tree.van_phong.pk, "date_of_birth": "1980-05-17",
    })
    html = response.content.decode()
    assert "12 chữ số" in html and 'value="Trưởng phòng"' in html
    an.refresh_from_db()
    assert an.position == "Chuyên viên"


def test_unit_list_runs_a_fixed_number_of_queries(login, cast, tree, django_assert_num_queries):
    client = login(cast.root)
    for i in range(30):
        Unit(name=f"Thôn {i}", kind=Unit.Kind.VILLAGE, parent=tree.ha_hoa).save()
    # session, user, second step, roots, menu roles
    with django_assert_num_queries(5):
        client.get(reverse("units:unit_list"))
    # session, user, second step, menu roles, count, page
    with django_assert_num_queries(6):
        response = client.get(reverse("units:unit_list"), {"q": "thon"})
    assert response.context["page"].paginator.count == 30


def test_person_list_runs_a_fixed_number_of_queries(login, cast, tree, django_assert_num_queries):
    for i in range(60):
        make_person(f"Nguyễn Văn Số {i}", tree.van_phong if i % 2 else tree.ha_hoa)
    client = login(cast.alice)
    # session, user, second step, memberships, predecessors of their units, count, page (with units joined),
    # the menu badge's two counts (awards.rules.todo)
    with django_assert_num_queries(9):
        response = client.get(reverse("units:person_list"))
    assert len(response.context["page"].object_list) == 50
    # A search finds its page's people and its count in one query, then reads those people ...
    with django_assert_num_queries(9):
        response = client.get(reverse("units:person_list"), {"q": "so 1"})
    assert response.context["page"].paginator.count == 11 and len(response.context["page"].object_list) == 11
    # ... and a page past its end finds it empty, then counts and shows the last page.
    with django_assert_num_queries(11):
        response = client.get(reverse("units:person_list"), {"q": "so 1", "trang": 2})
    assert response.context["page"].paginator.count == 11 and response.context["page"].number == 1


def test_an_ended_unit_lists_the_children_it_had(login, cast, tree):
    from tests.conftest import make_unit

    old_town = make_unit("Thị trấn Hạ Hòa", Unit.Kind.TOWN, tree.ha_hoa_district, valid_to=datetime.date(2025, 6, 30))
    response = login(cast.carol).get(reverse("units:unit_detail", args=[tree.ha_hoa_district.pk]))
    assert list(response.context["children"]) == [old_town]
    assert "(đến 30/06/2025)" in response.content.decode()  # the old province in the breadcrumb


@pytest.mark.parametrize("actor, shown, hidden", [
    ("alice", ["Thêm cá nhân"], ["Thêm đơn vị trực thuộc", "Quản trị tài khoản"]),
    ("carol", [], ["Thêm cá nhân", "Thêm đơn vị trực thuộc", "Quản trị tài khoản"]),
    ("erin", ["Thêm cá nhân", "Thêm đơn vị trực thuộc Tỉnh Phú Thọ", "Quản trị tài khoản"], []),
])
def test_the_dashboard_offers_what_each_role_may_do(login, cast, tree, actor, shown, hidden):
    html = login(getattr(cast, actor)).get(reverse("units:dashboard")).content.decode()
    for text in shown:
        assert text in html
    for text in hidden:
        assert text not in html
