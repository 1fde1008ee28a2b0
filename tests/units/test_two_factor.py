"""Two-step login: after the password, approvers, secretaries, unit admins and superusers give a TOTP code.

These tests log in with the password, as a person does (``client.force_login`` passes the second step
for the other tests: see tests/conftest.py).
"""

import re
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from units import two_factor
from units.models import Membership, SecurityEvent
from units.two_factor_views import WRONG_CODE, WRONG_RECOVERY_CODE

from tests.conftest import PASSWORD, REFORM, current_code, make_user, verified_device

pytestmark = pytest.mark.django_db

INBOX = reverse("awards:dossier_inbox")
ADMIN = reverse("admin:index")
VERIFY = reverse("units:two_factor_verify")
ENROL = reverse("units:two_factor_enrol")
SECURITY = reverse("units:account_security")


def password_login(user, password=PASSWORD):
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": password})
    assert response.status_code == 302, "the password was refused"
    return client


def sent_to(response):
    assert response.status_code == 302
    return response["Location"].split("?")[0]


def text(response):
    return unescape(response.content.decode())


def enrol(client, user):
    """Go through the enrolment page as the user would; return the recovery codes it showed."""
    page = client.get(ENROL)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(ENROL, {"code": current_code(device)})
    assert response.status_code == 200 and "Đã bật xác thực hai bước" in text(response)
    return response.context["codes"]


def test_an_approver_without_an_authenticator_is_sent_to_enrolment_and_reaches_nothing_else(cast):
    client = password_login(cast.bob)
    assert sent_to(client.get(INBOX)) == ENROL
    assert sent_to(client.get(reverse("units:dashboard"))) == ENROL
    assert sent_to(client.get(SECURITY)) == ENROL
    assert sent_to(client.get(VERIFY)) == ENROL
    assert client.get(ENROL).status_code == 200


def test_an_approver_cannot_open_the_inbox_until_a_correct_code_is_given(cast):
    device = verified_device(cast.bob)
    client = password_login(cast.bob)
    response = client.get(INBOX)
    assert sent_to(response) == VERIFY and "next=" in response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Xác thực hai bước" in text(page)
    assert 'autocomplete="one-time-code"' in page.content.decode()
    # The menu is left out: each of its pages would only send the user back here. Logout stays.
    assert f'href="{INBOX}"' not in page.content.decode() and "Đăng xuất" in text(page)
    answer = client.post(VERIFY, {"code": current_code(device), "next": INBOX})
    assert answer.status_code == 302 and answer["Location"] == INBOX
    assert client.get(INBOX).status_code == 200


def test_a_unit_admin_cannot_open_the_admin_until_a_correct_code_is_given(cast):
    device = verified_device(cast.erin)
    client = password_login(cast.erin)
    assert sent_to(client.get(ADMIN)) == VERIFY
    assert sent_to(client.get(reverse("admin:units_person_changelist"))) == VERIFY
    client.post(VERIFY, {"code": current_code(device)})
    assert client.get(ADMIN).status_code == 200


def test_a_superuser_is_held_at_the_second_step_too(cast):
    client = password_login(cast.root)
    assert sent_to(client.get(ADMIN)) == ENROL


def test_it_refuses_a_wrong_code_in_vietnamese_and_then_makes_the_next_try_wait(cast):
    device = verified_device(cast.bob)
    client = password_login(cast.bob)
    right = current_code(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    page = client.post(VERIFY, {"code": wrong})
    assert page.status_code == 200 and WRONG_CODE in text(page)
    assert sent_to(client.get(INBOX)) == VERIFY
    assert SecurityEvent.objects.filter(action=SecurityEvent.Action.SECOND_STEP_FAILED, user=cast.bob).count() == 1
    # django-otp's throttling is on: straight after a failure even the right code waits.
    page = client.post(VERIFY, {"code": right})
    assert "Bạn đã nhập sai nhiều lần. Hãy đợi 1 giây rồi thử lại." in text(page)
    assert sent_to(client.get(INBOX)) == VERIFY
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_it_refuses_a_code_that_is_not_six_digits_before_trying_it(cast):
    device = verified_device(cast.bob)
    client = password_login(cast.bob)
    page = client.post(VERIFY, {"code": "12ab"})
    assert "Mã xác thực gồm đúng 6 chữ số." in text(page)
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_a_code_is_accepted_once_only(cast):
    device = verified_device(cast.bob)
    code = current_code(device)
    assert password_login(cast.bob).post(VERIFY, {"code": code}).status_code == 302
    second = password_login(cast.bob)
    assert WRONG_CODE in text(second.post(VERIFY, {"code": code}))
    assert sent_to(second.get(INBOX)) == VERIFY


def test_enrolment_shows_a_qr_code_and_the_secret_without_inline_script_or_style(cast):
    client = password_login(cast.dave)
    page = client.get(ENROL)
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=cast.dave, confirmed=False)
    assert "<svg" in html and "Mã QR để thêm tài khoản" in html
    assert two_factor.secret_for_manual_entry(device) in html
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    # Reloading the page shows the same secret: the phone may have scanned it already.
    assert client.get(ENROL).context["secret"] == two_factor.secret_for_manual_entry(device)
    assert TOTPDevice.objects.filter(user=cast.dave).count() == 1


def test_enrolment_refuses_a_wrong_code_and_stays_off(cast):
    client = password_login(cast.dave)
    client.get(ENROL)
    page = client.post(ENROL, {"code": "000000"})
    assert WRONG_CODE in text(page)
    assert not two_factor.has_two_factor(cast.dave)
    assert sent_to(client.get(INBOX)) == ENROL


def test_enrolment_ends_with_ten_recovery_codes_shown_once_and_the_session_verified(cast):
    client = password_login(cast.dave)
    codes = enrol(client, cast.dave)
    assert len(set(codes)) == 10
    assert StaticToken.objects.filter(device__user=cast.dave).count() == 10
    assert client.get(INBOX).status_code == 200
    page = client.get(SECURITY)
    assert "Đang bật" in text(page) and "10" in text(page)
    assert not any(code in page.content.decode() for code in codes)


def test_a_recovery_code_works_once(cast):
    codes = enrol(password_login(cast.dave), cast.dave)
    client = password_login(cast.dave)
    page = client.get(VERIFY, {"du-phong": "1"})
    assert "Mã dự phòng" in text(page)
    answer = client.post(VERIFY, {"du_phong": "1", "code": codes[0].upper()})
    assert answer.status_code == 302
    assert client.get(INBOX).status_code == 200
    assert two_factor.recovery_codes_left(cast.dave) == 9
    again = password_login(cast.dave)
    page = again.post(VERIFY, {"du_phong": "1", "code": codes[0]})
    assert WRONG_RECOVERY_CODE in text(page)
    assert sent_to(again.get(INBOX)) == VERIFY


def test_new_recovery_codes_replace_the_old_ones(cast):
    client = password_login(cast.dave)
    old = enrol(client, cast.dave)
    page = client.post(reverse("units:recovery_codes_regenerate"))
    new = page.context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    assert password_login(cast.dave).post(VERIFY, {"du_phong": "1", "code": new[1]}).status_code == 302
    other = password_login(cast.dave)
    assert WRONG_RECOVERY_CODE in text(other.post(VERIFY, {"du_phong": "1", "code": old[1]}))


def test_an_unverified_user_cannot_add_a_second_authenticator(cast):
    verified_device(cast.bob)
    client = password_login(cast.bob)
    assert sent_to(client.get(ENROL)) == VERIFY
    assert sent_to(client.post(ENROL, {"code": "123456"})) == VERIFY
    with pytest.raises(PermissionDenied):
        two_factor.start_enrolment(cast.bob)
    assert TOTPDevice.objects.filter(user=cast.bob).count() == 1


def test_a_clerk_is_not_forced(cast):
    client = password_login(cast.alice)
    assert client.get(INBOX).status_code == 200
    assert "Chưa bật" in text(client.get(SECURITY))


def test_a_clerk_who_enabled_it_is_forced_from_then_on(cast):
    client = password_login(cast.alice)
    enrol(client, cast.alice)
    again = password_login(cast.alice)
    assert sent_to(again.get(INBOX)) == VERIFY
    assert sent_to(again.get(ENROL)) == VERIFY


def test_logout_is_reachable_before_the_second_step(cast):
    client = password_login(cast.bob)
    assert sent_to(client.post(reverse("logout"))) == reverse("login")
    assert sent_to(client.get(INBOX)) == reverse("login")


def test_a_password_reset_by_the_admin_does_not_bypass_it(cast, login):
    device = verified_device(cast.bob)
    admin = login(cast.root)
    url = reverse("admin:auth_user_password_change", args=[cast.bob.pk])
    answer = admin.post(url, {"password1": "mat-khau-moi-2026!", "password2": "mat-khau-moi-2026!",
                              "usable_password": "true"})
    assert answer.status_code == 302
    cast.bob.refresh_from_db()
    assert cast.bob.check_password("mat-khau-moi-2026!")
    client = password_login(cast.bob, "mat-khau-moi-2026!")
    assert sent_to(client.get(INBOX)) == VERIFY
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()


def test_a_password_change_by_the_user_keeps_the_authenticator(cast):
    device = verified_device(cast.bob)
    client = password_login(cast.bob)
    client.post(VERIFY, {"code": current_code(device)})
    answer = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "mat-khau-moi-2026!", "new_password2": "mat-khau-moi-2026!"})
    assert answer.status_code == 302
    assert sent_to(password_login(cast.bob, "mat-khau-moi-2026!").get(INBOX)) == VERIFY
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()


def test_only_a_superuser_resets_the_second_step(cast):
    device = verified_device(cast.bob)
    two_factor.regenerate_recovery_codes(cast.bob)
    with pytest.raises(PermissionDenied):
        two_factor.reset_two_factor(cast.bob, actor=cast.erin)
    with pytest.raises(PermissionDenied):
        two_factor.reset_two_factor(cast.bob, actor=cast.bob)
    client = password_login(cast.bob)
    client.post(VERIFY, {"code": current_code(device)})
    assert client.get(INBOX).status_code == 200
    assert two_factor.reset_two_factor(cast.bob, actor=cast.root) == 2
    logged = SecurityEvent.objects.get(action=SecurityEvent.Action.TWO_FACTOR_RESET)
    assert (logged.user, logged.target) == (cast.root, "bob")
    assert not TOTPDevice.objects.filter(user=cast.bob).exists()
    assert not StaticDevice.objects.filter(user=cast.bob).exists()
    # The session verified with the removed device is verified no more: bob enrols again.
    assert sent_to(client.get(INBOX)) == ENROL


def test_the_admin_lists_devices_to_superusers_only_and_resets_through_the_service(cast, login):
    verified_device(cast.bob)
    two_factor.regenerate_recovery_codes(cast.bob)
    changelist = reverse("admin:otp_totp_totpdevice_changelist")
    assert login(cast.erin).get(changelist).status_code == 403
    admin = login(cast.root)
    page = admin.get(changelist)
    assert page.status_code == 200 and "Bob" in page.content.decode()
    bob_device = TOTPDevice.objects.get(user=cast.bob)
    assert admin.get(reverse("admin:otp_totp_totpdevice_change", args=[bob_device.pk])).context[
        "adminform"].form.fields.keys().isdisjoint({"key"})
    answer = admin.post(changelist, {"action": "reset_two_factor", "_selected_action": [bob_device.pk]})
    assert answer.status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.bob).exists()
    assert not StaticDevice.objects.filter(user=cast.bob).exists()


def test_the_roles_that_require_it_are_a_setting(cast, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["clerk"]
    assert sent_to(password_login(cast.alice).get(INBOX)) == ENROL
    assert password_login(cast.bob).get(INBOX).status_code == 200


def test_an_approver_whose_membership_ended_is_no_longer_held(cast, tree):
    former = make_user("former", tree.ha_hoa, Membership.Role.CLERK)
    Membership.objects.create(user=former, unit=tree.ha_hoa, role=Membership.Role.APPROVER, valid_from=REFORM,
                              valid_to=REFORM)
    assert password_login(former).get(INBOX).status_code == 200


def test_a_misspelt_required_role_fails_the_system_check(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["approver", "aprover"]
    [error] = two_factor.check_required_roles(None)
    assert error.id == "units.E201" and "aprover" in error.msg
    settings.TWO_FACTOR_REQUIRED_ROLES = ["approver", "secretary", "unit_admin"]
    assert two_factor.check_required_roles(None) == []


# Expected GET status once past the login (force_login passes the second step for those who owe it):
# the verification page sends everyone on, the enrolment page sends those already enrolled to the
# security page.
MATRIX = {
    #                   alice bob  carol dave erin olga root
    "two_factor_verify": (302, 302, 302, 302, 302, 302, 302),
    "two_factor_enrol":  (200, 302, 200, 302, 302, 200, 302),
    "account_security":  (200, 200, 200, 200, 200, 200, 200),
}
ACTORS = ["alice", "bob", "carol", "dave", "erin", "olga", "root"]


@pytest.mark.parametrize("page", [*MATRIX, "recovery_codes_regenerate"])
def test_anonymous_visitors_are_sent_to_login(client, page):
    response = client.post(reverse(f"units:{page}"))
    assert sent_to(response) == reverse("login")


@pytest.mark.parametrize("page", MATRIX)
@pytest.mark.parametrize("actor", ACTORS)
def test_each_page_answers_each_actor_as_the_matrix_says(login, cast, page, actor):
    response = login(getattr(cast, actor)).get(reverse(f"units:{page}"))
    assert response.status_code == MATRIX[page][ACTORS.index(actor)]


def test_recovery_codes_are_made_only_for_an_account_with_the_second_step_on(login, cast):
    page = login(cast.alice).post(reverse("units:recovery_codes_regenerate"), follow=True)
    assert "Tài khoản chưa bật xác thực hai bước." in text(page)
    assert not StaticDevice.objects.filter(user=cast.alice).exists()
    page = login(cast.bob).post(reverse("units:recovery_codes_regenerate"))
    assert page.status_code == 200 and len(page.context["codes"]) == 10
    assert "no-store" in page["Cache-Control"]
