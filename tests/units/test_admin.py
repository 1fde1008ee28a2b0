"""The admin is scoped by the same rule as the pages."""

import pytest
from django.urls import reverse

from units.models import Membership, Unit

from tests.conftest import make_person

pytestmark = pytest.mark.django_db


def test_a_unit_admin_sees_only_units_of_their_province_and_its_history(login, cast, tree):
    response = login(cast.erin).get(reverse("admin:units_unit_changelist"))
    assert response.status_code == 200
    shown = set(response.context["cl"].result_list)
    assert tree.ha_hoa in shown and tree.so_noi_vu in shown and tree.old_phu_tho in shown
    assert tree.nha_trang not in shown and tree.khanh_hoa not in shown


def test_a_unit_admin_may_read_but_not_change_the_history(login, cast, tree):
    client = login(cast.erin)
    response = client.get(reverse("admin:units_unit_change", args=[tree.ha_hoa_district.pk]))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]


def test_a_unit_outside_the_admins_scope_is_not_found(login, cast, tree):
    response = login(cast.erin).get(reverse("admin:units_unit_change", args=[tree.nha_trang.pk]))
    assert response.status_code == 302  # the admin sends unknown objects back to its index
    assert response["Location"] == reverse("admin:index")


def test_admin_unit_search_ignores_diacritics(login, cast, tree):
    response = login(cast.root).get(reverse("admin:units_unit_changelist"), {"q": "ha hoa"})
    assert tree.ha_hoa in set(response.context["cl"].result_list)


def test_a_unit_admin_adds_an_office_whose_parent_choices_are_scoped(login, cast, tree):
    client = login(cast.erin)
    form = client.get(reverse("admin:units_unit_add")).context["adminform"].form
    # Their province's subtree: not Khánh Hòa, and not the history, which is read-only.
    assert set(form.fields["parent"].queryset) == set(Unit.objects.subtree_of(tree.phu_tho))
    response = client.post(reverse("admin:units_unit_add"), {
        "name": "Phòng Kinh tế xã Hạ Hòa", "short_name": "", "kind": "office", "code": "",
        "parent": tree.ha_hoa.pk, "valid_from": "", "valid_to": "", "note": "",
    })
    assert response.status_code == 302
    office = Unit.objects.get(name="Phòng Kinh tế xã Hạ Hòa")
    assert office.path.startswith(tree.ha_hoa.path)


def test_people_in_the_admin_are_scoped(login, cast, tree):
    inside = make_person("Nguyễn Văn An", tree.ha_hoa)
    make_person("Lê Văn Bình", tree.nha_trang)
    response = login(cast.erin).get(reverse("admin:units_person_changelist"))
    assert list(response.context["cl"].result_list) == [inside]


def test_a_unit_admin_grants_a_role_only_inside_their_scope(login, cast, tree):
    client = login(cast.erin)
    form = client.get(reverse("admin:units_membership_add")).context["adminform"].form
    assert tree.nha_trang not in set(form.fields["unit"].queryset)
    assert tree.ha_hoa in set(form.fields["unit"].queryset)
    shown = set(client.get(reverse("admin:units_membership_changelist")).context["cl"].result_list)
    assert Membership.objects.get(user=cast.olga) not in shown


@pytest.mark.parametrize("actor", ["alice", "carol", "olga"])
def test_people_without_admin_rights_cannot_open_the_admin(login, cast, actor):
    response = login(getattr(cast, actor)).get(reverse("admin:index"))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_a_staff_account_without_a_unit_admin_role_sees_no_models(login, cast, tree):
    cast.carol.is_staff = True
    cast.carol.save()
    response = login(cast.carol).get(reverse("admin:index"))
    assert response.status_code == 200
    assert response.context["app_list"] == []


def test_a_crafted_form_cannot_put_a_unit_outside_the_admins_reach(login, cast, tree):
    response = login(cast.erin).post(reverse("admin:units_unit_add"), {
        "name": "Phòng Lạ", "short_name": "", "kind": "office", "code": "",
        "parent": tree.nha_trang.pk, "valid_from": "", "valid_to": "", "note": "",
    })
    assert response.status_code == 200 and "parent" in response.context["adminform"].form.errors
    assert not Unit.objects.filter(name="Phòng Lạ").exists()


def test_a_unit_admin_cannot_add_an_administrative_unit_in_the_admin(login, cast, tree):
    response = login(cast.erin).post(reverse("admin:units_unit_add"), {
        "name": "Xã Mới", "short_name": "", "kind": "commune", "code": "",
        "parent": tree.phu_tho.pk, "valid_from": "", "valid_to": "", "note": "",
    })
    assert response.status_code == 200 and "kind" in response.context["adminform"].form.errors


def test_a_unit_admin_creates_an_account_and_gives_it_a_role_in_their_province(login, cast, tree):
    from units.models import User

    client = login(cast.erin)
    response = client.post(reverse("admin:units_user_add"), {
        "username": "hienluong.canbo", "usable_password": "true",
        "password1": "Mot-mat-khau-kho-2026", "password2": "Mot-mat-khau-kho-2026",
    })
    user = User.objects.get(username="hienluong.canbo")
    assert response.status_code == 302 and not user.is_staff
    response = client.post(reverse("admin:units_membership_add"), {
        "user": user.pk, "unit": tree.hien_luong.pk, "role": "clerk", "valid_from": "", "valid_to": "",
    })
    assert response.status_code == 302
    assert Unit.objects.visible_to(user).filter(pk=tree.hien_luong.pk).exists()
    response = client.post(reverse("admin:units_membership_add"), {
        "user": cast.root.pk, "unit": tree.hien_luong.pk, "role": "clerk", "valid_from": "", "valid_to": "",
    })
    assert "user" in response.context["adminform"].form.errors
