"""The duplicate guard of "Thêm cá nhân" names only people the clerk may see.

A Khánh Hòa clerk (olga) typing a Phú Thọ CCCD learns that the number is registered elsewhere and
whom to contact, never the holder's name, birth date or unit.
"""

import datetime

import pytest
from django.urls import reverse

from units.models import Person
from units.services import CCCD_ELSEWHERE

from tests.conftest import make_person

pytestmark = pytest.mark.django_db
CCCD = "025080001234"


@pytest.fixture
def an(tree):
    return make_person("Nguyễn Văn An", tree.van_phong, date_of_birth=datetime.date(1980, 5, 17), cccd=CCCD,
                       position="Phó Chánh Văn phòng")


def add_person(client, unit, **data):
    return client.post(reverse("units:person_create"), {
        "full_name": "Lê Thị Khác", "gender": "female", "date_of_birth": "", "cccd": "", "position": "",
        "unit": unit.pk, **data,
    })


def assert_reveals_nothing_of(html, person):
    for secret in (person.full_name, "17/05/1980", "1980-05-17", person.unit.name, person.position,
                   person.get_absolute_url()):
        assert secret not in html


def test_a_clerk_of_another_province_is_told_only_that_the_cccd_is_registered_elsewhere(login, cast, tree, an):
    response = add_person(login(cast.olga), tree.nha_trang, cccd=CCCD, confirm_new="1")
    html = response.content.decode()
    assert response.status_code == 200
    assert CCCD_ELSEWHERE in html and "Liên hệ Quản trị đơn vị hoặc Sở Nội vụ" in html
    assert response.context["form"].errors["cccd"] == [CCCD_ELSEWHERE]
    assert_reveals_nothing_of(html, an)
    assert 'value="Lê Thị Khác"' in html  # what was typed is kept
    assert Person.objects.count() == 1


def test_a_commune_clerk_is_not_shown_a_person_of_the_neighbouring_commune_either(login, cast, tree):
    neighbour = make_person("Trần Văn Bên", tree.hien_luong, date_of_birth=datetime.date(1980, 5, 17), cccd=CCCD)
    html = add_person(login(cast.alice), tree.ha_hoa, cccd=CCCD).content.decode()
    assert CCCD_ELSEWHERE in html
    assert_reveals_nothing_of(html, neighbour)


def test_inside_the_clerks_scope_the_guard_still_shows_who_holds_the_cccd(login, cast, tree, an):
    html = add_person(login(cast.alice), tree.ha_hoa, cccd=CCCD).content.decode()
    assert "Số CCCD này đã có trong hệ thống" in html and CCCD_ELSEWHERE not in html
    assert an.full_name in html and "17/05/1980" in html and an.get_absolute_url() in html


def test_a_look_alike_outside_the_clerks_scope_is_counted_without_name_or_unit(login, cast, tree):
    neighbour = make_person("Trần Văn Bên", tree.hien_luong, date_of_birth=datetime.date(1980, 5, 17),
                            position="Trưởng thôn")
    client = login(cast.alice)
    data = {"full_name": "Trần Văn Bên", "gender": "male", "date_of_birth": "1980-05-17"}
    response = add_person(client, tree.ha_hoa, **data)
    html = response.content.decode()
    assert response.status_code == 200 and "có 1 người cùng họ tên và ngày sinh" in html
    assert neighbour.unit.name not in html and neighbour.get_absolute_url() not in html
    assert neighbour.position not in html
    assert Person.objects.count() == 1
    assert add_person(client, tree.ha_hoa, confirm_new="1", **data).status_code == 302
    assert Person.objects.count() == 2
