"""The account pages of unit admins (units.account_views over units.accounts).

erin is the unit admin of Tỉnh Phú Thọ: she manages the accounts of Phú Thọ's units (alice, bob,
carol, dave), never her own, a superuser's or Khánh Hòa's (olga).
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from units.models import Membership, SecurityEvent, User

from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db
R = Membership.Role
A = SecurityEvent.Action
TODAY = datetime.date.today()


def new_clerk(client, unit, username="hahoa.tdkt", **extra):
    return client.post(reverse("units:account_create"), {
        "username": username, "full_name": "Nguyễn Thị Hoa", "email": "hoa@hahoa.gov.vn", "unit": unit.pk,
        "role": R.CLERK, **extra})


# --- Who reaches the pages ------------------------------------------------------------------------------------

def test_the_list_shows_the_accounts_of_the_admins_units_and_no_other(login, cast):
    response = login(cast.erin).get(reverse("units:account_list"))
    names = {account.username for account in response.context["page"].object_list}
    assert names == {"alice", "bob", "carol", "dave"}


@pytest.mark.parametrize("who", ["alice", "bob", "carol", "olga"])
def test_the_account_pages_are_refused_to_anyone_who_is_not_a_unit_admin(login, cast, who):
    client = login(getattr(cast, who))
    assert client.get(reverse("units:account_list")).status_code == 403
    assert client.get(reverse("units:account_create")).status_code == 403


@pytest.mark.parametrize("who", ["olga", "root", "erin"])
def test_an_account_outside_the_admins_units_answers_404_on_every_page(login, cast, who):
    client = login(cast.erin)
    target = getattr(cast, who)
    for name in ("account_detail", "account_role_grant", "account_password_reset"):
        assert client.get(reverse(f"units:{name}", args=[target.pk])).status_code == 404, name
    for name in ("account_deactivate", "account_reactivate", "account_password_reset"):
        assert client.post(reverse(f"units:{name}", args=[target.pk]), {"how": "tam-thoi"}).status_code == 404, name
    target.refresh_from_db()
    assert target.is_active and target.check_password(PASSWORD)


def test_a_superuser_manages_every_account_but_his_own_on_these_pages(login, cast):
    client = login(cast.root)
    names = {a.username for a in client.get(reverse("units:account_list")).context["page"].object_list}
    assert {"alice", "olga", "erin"} <= names and "root" not in names
    assert client.get(reverse("units:account_detail", args=[cast.root.pk])).status_code == 404
    assert client.get(reverse("units:account_detail", args=[cast.olga.pk])).status_code == 200


def test_a_role_outside_the_admins_units_cannot_be_ended(login, cast):
    client = login(cast.erin)
    for membership in (cast.olga.memberships.get(), cast.erin.memberships.get()):
        url = reverse("units:membership_end", args=[membership.pk])
        assert client.post(url, {"ends_on": TODAY.isoformat()}).status_code in (403, 404)
        membership.refresh_from_db()
        assert membership.valid_to is None


def test_the_search_finds_by_name_and_the_list_runs_a_fixed_number_of_queries(login, cast, tree,
                                                                               django_assert_max_num_queries):
    for i in range(30):
        user = make_user(f"canbo{i}", tree.ha_hoa, R.CLERK)
        Membership.objects.create(user=user, unit=tree.hien_luong, role=R.REVIEWER, valid_from=TODAY)
    client = login(cast.erin)
    client.get(reverse("units:account_list"))  # the session and grants are read once before counting
    with django_assert_max_num_queries(10):
        response = client.get(reverse("units:account_list"))
    assert response.context["page"].paginator.count == 34
    assert "Chuyên viên thẩm định — Xã Hiền Lương" in response.content.decode()
    found = client.get(reverse("units:account_list"), {"q": "canbo1"}).context["page"].object_list
    assert {u.username for u in found} == {"canbo1", *(f"canbo1{i}" for i in range(10))}


def test_an_account_is_found_by_its_full_name_without_diacritics(login, cast, tree):
    clerk = make_user("hahoa.vp", tree.van_phong, R.CLERK)
    clerk.full_name = "Đặng Thị Hường"
    clerk.save()
    client = login(cast.erin)
    for typed in ("dang thi huong", "ĐẶNG THỊ HƯỜNG", "huong"):
        found = client.get(reverse("units:account_list"), {"q": typed}).context["page"].object_list
        assert [u.username for u in found] == ["hahoa.vp"], typed


# --- Creating an account ---------------------------------------------------------------------------------------

def test_a_unit_admin_creates_a_clerk_of_a_commune_and_the_log_says_so(login, cast, tree):
    response = new_clerk(login(cast.erin), tree.ha_hoa)
    user = User.objects.get(username="hahoa.tdkt")
    assert response.status_code == 302 and response["Location"] == reverse("units:account_detail", args=[user.pk])
    assert user.created_by == cast.erin and not user.has_usable_password()
    assert not user.is_staff and not user.is_superuser
    membership = user.memberships.get()
    assert (membership.unit, membership.role, membership.valid_from) == (tree.ha_hoa, R.CLERK, TODAY)
    logged = {e.action: e for e in SecurityEvent.objects.filter(user=cast.erin)}
    assert logged[A.ACCOUNT_CREATED].target == "hahoa.tdkt"
    assert logged[A.ROLE_GRANTED].target == "hahoa.tdkt: Cán bộ TĐKT — Xã Hạ Hòa"


def test_it_refuses_a_unit_outside_the_admins_units_and_keeps_what_was_typed(login, cast, tree):
    response = new_clerk(login(cast.erin), tree.nha_trang)
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert 'value="hahoa.tdkt"' in response.content.decode()
    assert not User.objects.filter(username="hahoa.tdkt").exists()


def test_it_refuses_a_unit_admin_at_the_admins_own_level(login, cast, tree):
    response = new_clerk(login(cast.erin), tree.phu_tho, role=R.UNIT_ADMIN)
    assert "Quản trị đơn vị chỉ được cấp cho đơn vị cấp dưới" in response.content.decode()
    assert not User.objects.filter(username="hahoa.tdkt").exists()


def test_it_refuses_a_user_name_already_taken_whatever_its_case(login, cast, tree):
    response = new_clerk(login(cast.erin), tree.ha_hoa, username="OLGA")
    assert "Tên đăng nhập này đã có người dùng." in response.content.decode()


def test_a_name_too_long_is_refused_with_a_message_naming_the_field(login, cast, tree):
    response = new_clerk(login(cast.erin), tree.ha_hoa, full_name="Nguyễn " * 30)
    assert "Họ và tên dài quá: tối đa 150 ký tự" in response.content.decode()


# --- Roles ------------------------------------------------------------------------------------------------------

def test_a_unit_admin_grants_a_role_for_a_period(login, cast, tree):
    client = login(cast.erin)
    response = client.post(reverse("units:account_role_grant", args=[cast.alice.pk]), {
        "unit": tree.hien_luong.pk, "role": R.REVIEWER, "valid_from": "2026-01-01", "valid_to": "2026-12-31"})
    assert response.status_code == 302
    granted = cast.alice.memberships.get(role=R.REVIEWER)
    assert (granted.unit, granted.valid_from, granted.valid_to) == (
        tree.hien_luong, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert SecurityEvent.objects.filter(action=A.ROLE_GRANTED, unit=tree.hien_luong).exists()


def test_a_unit_admin_cannot_grant_himself_a_role(login, cast, tree):
    client = login(cast.erin)
    assert client.get(reverse("units:account_role_grant", args=[cast.erin.pk])).status_code == 404
    response = client.post(reverse("units:account_role_grant", args=[cast.erin.pk]),
                           {"unit": tree.ha_hoa.pk, "role": R.APPROVER})
    assert response.status_code == 404
    assert cast.erin.memberships.count() == 1


def test_the_service_refuses_a_self_grant_whoever_asks(cast, tree):
    from django.core.exceptions import PermissionDenied

    from units import accounts

    with pytest.raises(PermissionDenied):
        accounts.grant_role(cast.root, actor=cast.root, unit=tree.ha_hoa, role=R.CLERK)
    with pytest.raises(PermissionDenied):
        accounts.grant_role(cast.erin, actor=cast.erin, unit=tree.ha_hoa, role=R.CLERK)


def test_a_unit_admin_ends_a_role_today_and_the_holders_sessions_end(login, cast, tree, client):
    from django.test import Client

    alice_browser = Client()
    alice_browser.force_login(cast.alice, backend="django.contrib.auth.backends.ModelBackend")
    membership = cast.alice.memberships.get()
    response = login(cast.erin).post(reverse("units:membership_end", args=[membership.pk]),
                                     {"ends_on": TODAY.isoformat()})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.valid_to == TODAY - datetime.timedelta(days=1)
    assert not cast.alice.memberships.current().exists()
    assert SecurityEvent.objects.filter(action=A.ROLE_ENDED, user=cast.erin).exists()
    assert alice_browser.get(reverse("units:dashboard")).status_code == 302  # back to the login page


def test_the_account_page_says_what_each_role_may_do(login, cast):
    page = login(cast.erin).get(reverse("units:account_detail", args=[cast.bob.pk])).content.decode()
    assert "Lãnh đạo ký duyệt — Xã Hạ Hòa" in page
    assert "quyết định khen thưởng trong thẩm quyền" in page


def test_a_role_once_held_in_another_province_is_not_shown(login, cast, tree):
    Membership.objects.create(user=cast.alice, unit=tree.nha_trang, role=R.CLERK, valid_from=datetime.date(2025, 7, 1),
                              valid_to=datetime.date(2025, 12, 31))
    page = login(cast.erin).get(reverse("units:account_detail", args=[cast.alice.pk])).content.decode()
    assert "Xã Hạ Hòa" in page and "Phường Nha Trang" not in page


# --- Activation and passwords --------------------------------------------------------------------------------

def test_a_unit_admin_deactivates_and_reactivates_an_account(login, cast):
    client = login(cast.erin)
    client.post(reverse("units:account_deactivate", args=[cast.alice.pk]))
    cast.alice.refresh_from_db()
    assert not cast.alice.is_active
    client.post(reverse("units:account_reactivate", args=[cast.alice.pk]))
    cast.alice.refresh_from_db()
    assert cast.alice.is_active
    actions = list(SecurityEvent.objects.filter(user=cast.erin).values_list("action", flat=True))
    assert A.ACCOUNT_DEACTIVATED in actions and A.ACCOUNT_REACTIVATED in actions


def test_a_temporary_password_is_shown_once_and_works(login, cast):
    response = login(cast.erin).post(reverse("units:account_password_reset", args=[cast.alice.pk]),
                                     {"how": "tam-thoi"})
    password = response.context["password"]
    assert password in response.content.decode()
    cast.alice.refresh_from_db()
    assert cast.alice.check_password(password) and not cast.alice.check_password(PASSWORD)
    event = SecurityEvent.objects.get(action=A.PASSWORD_RESET)
    assert event.target == "alice" and password not in event.detail
    again = login(cast.erin).get(reverse("units:account_detail", args=[cast.alice.pk])).content.decode()
    assert password not in again


def temporary_password_for(login, cast, user):
    response = login(cast.erin).post(reverse("units:account_password_reset", args=[user.pk]), {"how": "tam-thoi"})
    return response.context["password"]


def test_a_temporary_password_must_be_changed_before_any_other_page(login, cast, tree):
    password = temporary_password_for(login, cast, cast.alice)
    cast.alice.refresh_from_db()
    assert cast.alice.must_change_password
    assert SecurityEvent.objects.filter(action=A.PASSWORD_RESET, target="alice").exists()
    detail = login(cast.erin).get(reverse("units:account_detail", args=[cast.alice.pk])).content.decode()
    assert "Phải đổi mật khẩu ở lần đăng nhập tới" in detail

    client = Client()
    assert client.post(reverse("login"), {"username": "alice", "password": password}).status_code == 302
    change = reverse("password_change")
    for path in (reverse("units:dashboard"), reverse("units:person_list"), reverse("units:unit_list"),
                 reverse("units:person_picker") + "?q=an", reverse("awards:dossier_inbox")):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == change, path
    page = client.get(change).content.decode()
    assert "Mật khẩu của bạn là mật khẩu tạm thời do quản trị cấp. Hãy đặt mật khẩu mới trước khi làm việc." in page

    new = "mat-khau-moi-cua-alice-7"
    response = client.post(change, {"old_password": password, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    cast.alice.refresh_from_db()
    assert not cast.alice.must_change_password and cast.alice.check_password(new)
    assert "Xin chào" in client.get(reverse("units:dashboard")).content.decode()
    assert SecurityEvent.objects.filter(action=A.PASSWORD_CHANGED, target="alice").exists()
    detail = login(cast.erin).get(reverse("units:account_detail", args=[cast.alice.pk])).content.decode()
    assert "Phải đổi mật khẩu" not in detail


def test_logout_stays_open_and_the_second_step_comes_before_the_new_password(login, cast):
    password = temporary_password_for(login, cast, cast.alice)
    client = Client()
    client.post(reverse("login"), {"username": "alice", "password": password})
    assert client.post(reverse("logout"))["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session

    password = temporary_password_for(login, cast, cast.bob)  # an approver gives a second factor
    client = Client()
    client.post(reverse("login"), {"username": "bob", "password": password})
    response = client.get(reverse("units:dashboard"))
    assert response["Location"].split("?")[0] == reverse("units:two_factor_enrol")
    assert client.get(reverse("units:two_factor_enrol")).status_code == 200


def test_the_reset_email_is_offered_only_when_the_portal_sends_mail(login, cast, settings, mailoutbox,
                                                                   django_capture_on_commit_callbacks):
    cast.alice.email = "alice@hahoa.gov.vn"
    cast.alice.must_change_password = True  # an earlier temporary password, never changed
    cast.alice.save()
    client = login(cast.erin)
    settings.EMAIL_CONFIGURED = False
    client.post(reverse("units:account_password_reset", args=[cast.alice.pk]), {"how": "thu"})
    assert mailoutbox == []
    settings.EMAIL_CONFIGURED = True
    with django_capture_on_commit_callbacks(execute=True):
        with_link = client.post(reverse("units:account_password_reset", args=[cast.alice.pk]), {"how": "thu"})
    assert with_link.status_code == 302
    [mail] = mailoutbox
    assert mail.to == ["alice@hahoa.gov.vn"] and "/mat-khau/dat-lai/" in mail.body
    link = next(line for line in mail.body.splitlines() if "/mat-khau/dat-lai/" in line)
    client.logout()
    form = client.get(link.split("testserver", 1)[1], follow=True)
    assert "Đặt mật khẩu mới" in form.content.decode() and form.context["validlink"]
    new = "mat-khau-moi-cua-alice-7"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    cast.alice.refresh_from_db()
    assert cast.alice.check_password(new) and not cast.alice.must_change_password
