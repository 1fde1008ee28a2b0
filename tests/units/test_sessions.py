"""Sessions end when access is lost (deactivation, a membership ended or deleted, a password set by
someone else) and after a period of inactivity or a maximum length, whatever the activity."""

import datetime
import time
from types import SimpleNamespace

import pytest
from django.contrib.sessions.models import Session
from django.forms import MultiValueField
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from units import session_limits
from units.models import Membership

from tests.conftest import PASSWORD, pass_second_step

pytestmark = pytest.mark.django_db

DASHBOARD = "units:dashboard"


def logged_in(user):
    """A browser of its own that logged ``user`` in through the login page (and the second step, if owed)."""
    browser = Client()
    response = browser.post(reverse("login"), {"username": user.username, "password": PASSWORD},
                            REMOTE_ADDR="10.20.30.40")
    assert response.status_code == 302
    return pass_second_step(browser, user)


def works(browser):
    return browser.get(reverse(DASHBOARD)).status_code == 200


def as_typed(value):
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, datetime.date):
        return value.strftime(formats.get_format("DATE_INPUT_FORMATS")[0])
    return "" if value is None else value


def change_form(browser, url, **changes):
    """What the admin's change page at ``url`` submits untouched, with ``changes`` (field: value, None to
    untick a box) applied; the fields of inline rows are named with their prefix (memberships-0-valid_to)."""
    page = browser.get(url)
    assert page.status_code == 200
    forms = [page.context["adminform"].form]
    data = {}
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
        forms += inline.formset.forms
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if field.disabled or value is None or value is False:
                continue
            if isinstance(field, MultiValueField):  # the last login's date and time
                for number, part in enumerate(field.widget.decompress(value)):
                    data[f"{form.add_prefix(name)}_{number}"] = as_typed(part)
            else:
                data[form.add_prefix(name)] = "on" if value is True else as_typed(value)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = as_typed(value)
    return browser.post(url, data)


def test_a_deactivated_accounts_old_session_does_not_work_again_after_reactivation(login, cast):
    alice = logged_in(cast.alice)
    admin = login(cast.erin)
    account = reverse("admin:units_user_change", args=[cast.alice.pk])

    assert change_form(admin, account, is_active=None).status_code == 302
    assert not works(alice)
    assert change_form(admin, account, is_active=True).status_code == 302

    assert not works(alice)
    assert works(logged_in(cast.alice))


def test_deactivating_one_account_leaves_the_others_logged_in(login, cast):
    bob = logged_in(cast.bob)
    change_form(login(cast.erin), reverse("admin:units_user_change", args=[cast.alice.pk]), is_active=None)
    assert works(bob)


def test_ending_a_membership_today_ends_its_holders_sessions(login, cast):
    alice, bob = logged_in(cast.alice), logged_in(cast.bob)
    membership = cast.alice.memberships.get()
    response = change_form(login(cast.erin), reverse("admin:units_membership_change", args=[membership.pk]),
                           valid_to=timezone.localdate())
    assert response.status_code == 302
    assert not works(alice) and works(bob)


def test_a_membership_ending_later_keeps_the_session_until_then(login, cast):
    alice = logged_in(cast.alice)
    membership = cast.alice.memberships.get()
    change_form(login(cast.erin), reverse("admin:units_membership_change", args=[membership.pk]),
                valid_to=timezone.localdate() + datetime.timedelta(days=30))
    assert works(alice)


def test_ending_a_membership_on_the_accounts_page_ends_the_sessions(login, cast):
    # The memberships appear on the account's page for a superuser.
    alice = logged_in(cast.alice)
    response = change_form(login(cast.root), reverse("admin:units_user_change", args=[cast.alice.pk]),
                           **{"memberships-0-valid_to": timezone.localdate() - datetime.timedelta(days=1)})
    assert response.status_code == 302 and cast.alice.memberships.get().valid_to is not None
    assert not works(alice)


def test_deleting_a_membership_ends_its_holders_sessions(login, cast):
    alice = logged_in(cast.alice)
    membership = cast.alice.memberships.get()
    response = login(cast.root).post(reverse("admin:units_membership_delete", args=[membership.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Membership.objects.filter(pk=membership.pk).exists()
    assert not works(alice)


def test_a_password_reset_by_an_admin_ends_every_session_of_the_user(login, cast):
    alice = logged_in(cast.alice)
    response = login(cast.root).post(reverse("admin:auth_user_password_change", args=[cast.alice.pk]), {
        "usable_password": "true", "password1": "Mot-mat-khau-moi-2026", "password2": "Mot-mat-khau-moi-2026",
    })
    assert response.status_code == 302
    assert not works(alice)


def test_changing_ones_own_password_keeps_this_session_and_ends_the_others(cast):
    here, elsewhere = logged_in(cast.alice), logged_in(cast.alice)
    response = here.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Mot-mat-khau-moi-2026", "new_password2": "Mot-mat-khau-moi-2026",
    })
    assert response.status_code == 302
    assert works(here) and not works(elsewhere)


@pytest.fixture
def clock(monkeypatch):
    """The middleware's clock, moved by hand; the database's session expiry keeps real time."""
    moment = SimpleNamespace(now=time.time())
    monkeypatch.setattr(session_limits, "time", SimpleNamespace(time=lambda: moment.now))
    return moment


def expiry(browser):
    return Session.objects.get(session_key=browser.cookies["sessionid"].value).expire_date


def test_a_session_expires_after_the_idle_timeout_not_hours_later(settings, cast):
    alice = logged_in(cast.alice)
    idle = expiry(alice) - timezone.now()
    assert datetime.timedelta(minutes=29) < idle <= datetime.timedelta(minutes=settings.SESSION_IDLE_MINUTES)
    assert alice.cookies["sessionid"]["max-age"] == settings.SESSION_IDLE_MINUTES * 60


def test_activity_pushes_the_expiry_forward_at_most_once_a_minute(cast, clock):
    alice = logged_in(cast.alice)
    first = expiry(alice)
    time.sleep(0.01)
    assert works(alice) and expiry(alice) == first  # within the minute: nothing written
    clock.now += 61
    assert works(alice) and expiry(alice) > first


def test_a_session_idle_past_its_expiry_is_logged_out(cast):
    alice = logged_in(cast.alice)
    Session.objects.filter(session_key=alice.cookies["sessionid"].value).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert not works(alice)


def test_a_session_ends_at_its_maximum_length_however_active(settings, cast, clock):
    alice = logged_in(cast.alice)
    clock.now += settings.SESSION_MAX_HOURS * 3600 - 30
    assert works(alice)
    clock.now += 60
    response = alice.get(reverse(DASHBOARD))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert "quá thời gian tối đa" in alice.get(response["Location"]).content.decode()
    assert not works(alice)
