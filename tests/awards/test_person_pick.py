"""Create-or-pick: the clerk types a CCCD or a name; the registry finds the person or offers to add them."""

import pytest
from django.urls import reverse

from awards.models import AwardType
from awards.services import nominations

from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_list(cast, tree):
    return nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, year=2026, title="Tổng kết năm 2026")


def url(nomination_list):
    return reverse("awards:nomination_list_detail", args=[nomination_list.pk])


def ldtt():
    return AwardType.objects.get(code="LDTT")


def post(client, nomination_list, **data):
    return client.post(url(nomination_list), {"award": ldtt().pk, **data})


def test_a_person_is_found_by_cccd_typed_with_spaces(login, cast, tree, draft_list):
    an = make_person("Nguyễn Văn An", tree.van_phong, cccd="025080001234")
    response = post(login(cast.alice), draft_list, person_query="025 080 001 234")
    assert response.status_code == 302
    assert draft_list.lines.get().person == an


def test_a_person_is_found_by_name_whatever_the_accents_and_case(login, cast, tree, draft_list):
    binh = make_person("Trần Thị Bình", tree.ha_hoa)
    assert post(login(cast.alice), draft_list, person_query="tran thi binh").status_code == 302
    assert draft_list.lines.get().person == binh


def test_namesakes_are_offered_as_choices_and_the_chosen_one_is_proposed(login, cast, tree, draft_list):
    import datetime

    first = make_person("Lê Văn Cường", tree.ha_hoa, date_of_birth=datetime.date(1980, 3, 15))
    second = make_person("Lê Văn Cường", tree.van_phong, date_of_birth=datetime.date(1992, 7, 2))
    client = login(cast.alice)
    response = post(client, draft_list, person_query="Lê Văn Cường", summary="Gõ dở")
    html = response.content.decode()
    assert response.status_code == 200 and not draft_list.lines.exists()
    assert "Có 2 người tên “Lê Văn Cường”" in html
    assert "sinh 15/03/1980" in html and "sinh 02/07/1992" in html
    assert 'type="radio"' in html and "Gõ dở" in html
    assert set(response.context["form"].fields["person"].queryset) == {first, second}
    assert post(client, draft_list, person_query="Lê Văn Cường", person=second.pk).status_code == 302
    assert draft_list.lines.get().person == second


def test_someone_outside_the_unit_is_not_found_even_by_cccd(login, cast, tree, draft_list):
    make_person("Lê Văn Ngoài", tree.hien_luong, cccd="025080009999")
    response = post(login(cast.alice), draft_list, person_query="025080009999")
    assert "Không có cá nhân có số CCCD 025080009999 trong Xã Hạ Hòa" in response.content.decode()
    assert not draft_list.lines.exists()


def test_an_unknown_name_keeps_what_was_typed_and_points_to_adding_the_person(login, cast, tree, draft_list):
    response = post(login(cast.alice), draft_list, person_query="Phạm Văn Mới", summary="Tận tụy")
    html = response.content.decode()
    assert "Không tìm thấy cá nhân “Phạm Văn Mới” trong Xã Hạ Hòa" in html
    assert 'value="Phạm Văn Mới"' in html and "Tận tụy" in html
    assert f"don_vi={tree.ha_hoa.pk}&amp;next=" in html


def test_adding_a_new_person_returns_to_the_list_with_them_typed_in(login, cast, tree, draft_list):
    client = login(cast.alice)
    back = url(draft_list)
    response = client.post(reverse("units:person_create") + f"?next={back}", {
        "full_name": "Phạm Văn Mới", "unit": tree.ha_hoa.pk, "cccd": "025090004321", "gender": "male",
        "date_of_birth": "01/02/1990", "next": back,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response.url == f"{back}?ca_nhan=025090004321"
    form = client.get(response.url).context["form"]
    assert form["person_query"].value() == "025090004321"


def test_a_foreign_next_address_is_ignored(login, cast, tree):
    response = login(cast.alice).post(reverse("units:person_create"), {
        "full_name": "Phạm Văn Mới", "unit": tree.ha_hoa.pk, "cccd": "025090004321", "gender": "male",
        "date_of_birth": "01/02/1990", "next": "https://example.com/x",
    })
    assert response.status_code == 302 and response.url.startswith("/ca-nhan/")
