"""Who grants roles and manages accounts in the admin (units.grants), through the real admin pages.

erin is the unit admin of Tỉnh Phú Thọ; root the superuser. A unit admin must not make
himself approver, nor take over an account that is not his units'.
"""

import datetime

import pytest
from django.urls import reverse

from units.models import Membership, SecurityEvent, User

from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db
R = Membership.Role
SELF_GRANT = "Không ai được tự cấp, sửa hoặc kết thúc vai trò cho chính tài khoản của mình"


def grant(client, user, unit, role, **dates):
    return client.post(reverse("admin:units_membership_add"), {
        "user": user.pk, "unit": unit.pk, "role": role,
        "valid_from": dates.get("valid_from", ""), "valid_to": dates.get("valid_to", ""),
    })


def form_errors(response):
    form = response.context["adminform"].form
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def reset_password(client, user, password="Mat-khau-moi-2026!"):
    return client.post(reverse("admin:auth_user_password_change", args=[user.pk]), {
        "password1": password, "password2": password, "usable_password": "true",
    })


# --- Nobody grants a role to themselves --------------------------------------------------------------

def test_it_refuses_a_unit_admin_who_makes_himself_approver_of_his_province(login, cast, tree):
    response = grant(login(cast.erin), cast.erin, tree.phu_tho, R.APPROVER)
    assert response.status_code == 200
    assert SELF_GRANT in form_errors(response)
    assert not Membership.objects.filter(user=cast.erin, role=R.APPROVER).exists()
    assert not SecurityEvent.objects.filter(action=SecurityEvent.Action.ROLE_GRANTED).exists()


def test_it_refuses_a_self_grant_in_a_commune_below_too(login, cast, tree):
    response = grant(login(cast.erin), cast.erin, tree.ha_hoa, R.CLERK)
    assert SELF_GRANT in form_errors(response)
    assert cast.erin.memberships.count() == 1


def test_a_unit_admin_cannot_change_his_own_unit_admin_role(login, cast, tree):
    own = cast.erin.memberships.get()
    client = login(cast.erin)
    page = client.get(reverse("admin:units_membership_change", args=[own.pk]))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    response = client.post(reverse("admin:units_membership_change", args=[own.pk]), {
        "user": cast.erin.pk, "unit": tree.phu_tho.pk, "role": R.APPROVER, "valid_from": "", "valid_to": "",
    })
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.role == R.UNIT_ADMIN


def test_a_superuser_cannot_grant_himself_a_role_through_his_own_account_page(login, cast, tree):
    client = login(cast.root)
    url = reverse("admin:units_user_change", args=[cast.root.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update({
        "username": "root", "full_name": "Root", "email": "", "is_active": "on", "is_staff": "on",
        "is_superuser": "on", "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00", "groups": [], "user_permissions": [],
        "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-unit": tree.phu_tho.pk, "memberships-0-role": R.APPROVER,
        "memberships-0-valid_from": "", "memberships-0-valid_to": "", "memberships-0-user": cast.root.pk,
    })
    response = client.post(url, data)
    assert response.status_code == 200
    assert SELF_GRANT in response.content.decode()
    assert not cast.root.memberships.exists()


def test_a_unit_admin_cannot_reach_his_own_account_page_to_grant_himself_a_role(login, cast, tree):
    client = login(cast.erin)
    response = client.post(reverse("admin:units_user_change", args=[cast.erin.pk]), {
        "username": "erin", "full_name": "Erin", "email": "", "is_active": "on",
        "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-unit": tree.phu_tho.pk, "memberships-0-role": R.APPROVER,
        "memberships-0-valid_from": "", "memberships-0-valid_to": "", "memberships-0-user": cast.erin.pk,
    })
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    assert cast.erin.memberships.count() == 1


def test_the_refused_admin_is_offered_no_settling_of_a_dossier(client, login, cast, tree, central):
    from awards.rules import workflow
    from awards.rules.workflow import Action as A

    from tests.awards.dossier_factories import approve_all, make_list, official, people, refresh, submit

    # A dossier whose one line the province itself grants, reviewed: the province's approver may settle it.
    province_clerk = official("phuong", tree.phu_tho, R.CLERK)
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    [dossier] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH")]), cast.alice)
    from awards.services import dossiers

    dossiers.receive_dossier(dossier, actor=province_clerk)
    approve_all(refresh(dossier), cast.carol)
    dossier = refresh(dossier)
    url = reverse("awards:dossier_detail", args=[dossier.pk])
    assert A.SETTLE in workflow.allowed_actions(dossier, cast.dave)
    assert 'id="form-trinh"' in login(cast.dave).get(url).content.decode()  # the button exists for an approver

    client = login(cast.erin)
    grant(client, cast.erin, tree.phu_tho, R.APPROVER)
    erin = User.objects.get(pk=cast.erin.pk)
    html = client.get(url).content.decode()
    assert A.SETTLE not in workflow.allowed_actions(dossier, erin)
    assert 'id="form-trinh"' not in html and "Trình quyết định tại cấp này" not in html


# --- Only roles and units below what the admin manages ---------------------------------------------

def test_a_unit_admin_grants_working_roles_in_his_province_and_its_communes(login, cast, tree):
    client = login(cast.erin)
    for unit, role in [(tree.phu_tho, R.REVIEWER), (tree.ha_hoa, R.APPROVER), (tree.so_noi_vu, R.SECRETARY)]:
        assert grant(client, cast.carol, unit, role).status_code == 302
    assert set(cast.carol.memberships.values_list("role", flat=True)) == {R.REVIEWER, R.APPROVER, R.SECRETARY}


def test_a_unit_admin_appoints_a_communes_admin_but_not_a_second_admin_of_his_province(login, cast, tree):
    client = login(cast.erin)
    assert grant(client, cast.alice, tree.ha_hoa, R.UNIT_ADMIN).status_code == 302
    response = grant(client, cast.carol, tree.phu_tho, R.UNIT_ADMIN)
    assert response.status_code == 200
    assert "chỉ được cấp cho đơn vị cấp dưới" in form_errors(response)
    assert not cast.carol.memberships.filter(role=R.UNIT_ADMIN).exists()


def test_it_refuses_a_grant_outside_the_admins_subtree(login, cast, tree):
    response = grant(login(cast.erin), cast.alice, tree.nha_trang, R.APPROVER)
    assert response.status_code == 200 and "unit" in response.context["adminform"].form.errors
    assert not Membership.objects.filter(unit=tree.nha_trang, user=cast.alice).exists()


def test_a_unit_admin_cannot_change_the_role_of_another_admin_of_his_province(login, cast, tree):
    peer = make_user("frank", tree.phu_tho, R.UNIT_ADMIN, is_staff=True)
    membership = peer.memberships.get()
    response = login(cast.erin).post(reverse("admin:units_membership_change", args=[membership.pk]), {
        "user": peer.pk, "unit": tree.phu_tho.pk, "role": R.CLERK, "valid_from": "", "valid_to": "",
    })
    assert response.status_code == 403
    assert peer.memberships.get().role == R.UNIT_ADMIN


def test_a_superuser_grants_any_role_anywhere(login, cast, tree):
    assert grant(login(cast.root), cast.olga, tree.khanh_hoa, R.UNIT_ADMIN).status_code == 302


# --- Only accounts that belong to the admin's units -------------------------------------------------

def test_it_answers_not_found_when_a_unit_admin_resets_a_new_central_account(login, cast, tree):
    central = User.objects.create_user("vu.thi.dua.tw", password=PASSWORD, created_by=cast.root)
    client = login(cast.erin)
    assert client.get(reverse("admin:auth_user_password_change", args=[central.pk])).status_code == 404
    assert reset_password(client, central).status_code == 404
    central.refresh_from_db()
    assert central.check_password(PASSWORD)
    assert central not in set(client.get(reverse("admin:units_user_changelist")).context["cl"].result_list)


@pytest.mark.parametrize("whose", ["another province's clerk", "a peer admin", "a clerk also in another province"])
def test_it_answers_not_found_for_an_account_beyond_the_admins_units(login, cast, tree, whose):
    if whose == "another province's clerk":
        target = cast.olga
    elif whose == "a peer admin":
        target = make_user("frank", tree.phu_tho, R.UNIT_ADMIN, is_staff=True)
    else:
        target = cast.alice
        Membership.objects.create(user=target, unit=tree.nha_trang, role=R.APPROVER)
    client = login(cast.erin)
    assert reset_password(client, target).status_code == 404
    assert client.get(reverse("admin:units_user_change", args=[target.pk])).status_code == 302
    target.refresh_from_db()
    assert target.check_password(PASSWORD)


def test_a_unit_admin_resets_the_password_of_a_clerk_of_his_commune_and_it_is_logged(login, cast, tree):
    client = login(cast.erin)
    assert reset_password(client, cast.alice).status_code == 302
    cast.alice.refresh_from_db()
    assert cast.alice.check_password("Mat-khau-moi-2026!")
    event = SecurityEvent.objects.get(action=SecurityEvent.Action.PASSWORD_RESET)
    assert (event.user, event.target, event.unit) == (cast.erin, "alice", tree.ha_hoa)


def test_an_account_without_a_role_is_managed_by_its_creator_alone(login, cast, tree):
    client = login(cast.erin)
    client.post(reverse("admin:units_user_add"), {
        "username": "moi.tao", "usable_password": "true",
        "password1": "Mot-mat-khau-kho-2026", "password2": "Mot-mat-khau-kho-2026",
    })
    created = User.objects.get(username="moi.tao")
    assert created.created_by == cast.erin
    assert reset_password(client, created).status_code == 302
    commune_admin = make_user("ha.hoa.qt", tree.ha_hoa, R.UNIT_ADMIN, is_staff=True)
    assert reset_password(login(commune_admin), created).status_code == 404
    assert SecurityEvent.objects.filter(action=SecurityEvent.Action.ACCOUNT_CREATED, target="moi.tao",
                                        user=cast.erin).exists()


# --- Every grant, change and end is logged ------------------------------------------------------------

def test_every_grant_change_and_end_of_a_role_is_logged(login, cast, tree):
    client = login(cast.erin)
    grant(client, cast.alice, tree.ha_hoa, R.APPROVER)
    membership = cast.alice.memberships.get(role=R.APPROVER)
    change = reverse("admin:units_membership_change", args=[membership.pk])
    data = {"user": cast.alice.pk, "unit": tree.ha_hoa.pk, "role": R.APPROVER, "valid_from": "", "valid_to": ""}
    assert client.post(change, {**data, "role": R.SECRETARY}).status_code == 302
    today = datetime.date.today().isoformat()
    assert client.post(change, {**data, "role": R.SECRETARY, "valid_to": today}).status_code == 302
    actions = list(SecurityEvent.objects.filter(action__startswith="role_").order_by("pk")
                   .values_list("action", "user__username", "unit__name"))
    assert actions == [("role_granted", "erin", "Xã Hạ Hòa"), ("role_changed", "erin", "Xã Hạ Hòa"),
                       ("role_ended", "erin", "Xã Hạ Hòa")]


def account_page(user, *rows, initial=()):
    """The unit admin's form of ``user``'s account page with its role rows ``initial`` kept and ``rows`` added."""
    data = {"username": user.username, "full_name": user.full_name, "email": "", "is_active": "on",
            "memberships-TOTAL_FORMS": str(len(initial) + len(rows)), "memberships-INITIAL_FORMS": str(len(initial)),
            "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000"}
    for i, membership in enumerate(initial):
        data.update({f"memberships-{i}-id": membership.pk, f"memberships-{i}-user": user.pk,
                     f"memberships-{i}-unit": membership.unit_id, f"memberships-{i}-role": membership.role,
                     f"memberships-{i}-valid_from": membership.valid_from.isoformat() if membership.valid_from else "",
                     f"memberships-{i}-valid_to": ""})
    for i, (unit, role) in enumerate(rows, start=len(initial)):
        data.update({f"memberships-{i}-user": user.pk, f"memberships-{i}-unit": unit.pk,
                     f"memberships-{i}-role": role, f"memberships-{i}-valid_from": "",
                     f"memberships-{i}-valid_to": ""})
    return data


def test_a_role_added_on_an_account_page_follows_the_same_rule_and_is_logged(login, cast, tree):
    client = login(cast.erin)
    url = reverse("admin:units_user_change", args=[cast.alice.pk])
    kept = list(cast.alice.memberships.all())
    response = client.post(url, account_page(cast.alice, (tree.phu_tho, R.UNIT_ADMIN), initial=kept))
    assert response.status_code == 200 and "chỉ được cấp cho đơn vị cấp dưới" in response.content.decode()
    assert not cast.alice.memberships.filter(role=R.UNIT_ADMIN).exists()

    response = client.post(url, account_page(cast.alice, (tree.ha_hoa, R.APPROVER), initial=kept))
    assert response.status_code == 302
    assert cast.alice.memberships.filter(unit=tree.ha_hoa, role=R.APPROVER).exists()
    event = SecurityEvent.objects.get(action=SecurityEvent.Action.ROLE_GRANTED)
    assert (event.user, event.unit, event.target) == (cast.erin, tree.ha_hoa, "alice: Lãnh đạo ký duyệt — Xã Hạ Hòa")
