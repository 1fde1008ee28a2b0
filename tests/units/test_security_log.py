"""The accountability log: each kind of event is a row and a log line, neither holding an ID number or a
birth date, and a unit admin reads only his units' entries."""

import logging

import pytest
from django.core.cache import cache
from django.urls import reverse

from units.models import SecurityEvent
from units.security_log import record_security_event

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
E = SecurityEvent.Action
CCCD = "025080001234"


@pytest.fixture
def security_lines(caplog):
    """The lines written on the security logger (it does not propagate to the root handler)."""
    logger = logging.getLogger("thidua.security")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger="thidua.security")
    yield lambda: [r.getMessage() for r in caplog.records if r.name == "thidua.security"]
    logger.removeHandler(caplog.handler)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks: the log line is written when the event's transaction commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_successful_login_is_recorded_with_the_unit_and_the_client_address(client, cast, tree, security_lines,
                                                                              committed):
    with committed():
        response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD},
                               REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302
    event = SecurityEvent.objects.get(action=E.LOGIN_SUCCEEDED)
    assert (event.user, event.unit, event.address) == (cast.alice, tree.ha_hoa, "203.0.113.7")
    [line] = security_lines()
    assert line.startswith("event=login_succeeded ") and 'user="alice"' in line and 'address="203.0.113.7"' in line
    assert f"unit_id={tree.ha_hoa.pk}" in line


def test_a_failed_login_is_recorded_without_the_id_number_typed_as_user_name(client, cast, security_lines,
                                                                             committed):
    with committed():
        client.post(reverse("login"), {"username": CCCD, "password": "sai-mat-khau"})
        client.post(reverse("login"), {"username": "alice", "password": "sai-mat-khau"})
    unknown, known = SecurityEvent.objects.filter(action=E.LOGIN_FAILED).order_by("pk")
    assert unknown.user is None and CCCD not in unknown.username and unknown.username == "[số]"
    assert known.user == cast.alice and known.unit == cast.alice.memberships.get().unit
    lines = security_lines()
    assert len(lines) == 2 and all(line.startswith("event=login_failed") for line in lines)
    assert not any(CCCD in line or "sai-mat-khau" in line for line in lines)


def test_a_refused_page_is_recorded_with_its_reason(login, cast, tree, committed, security_lines):
    with committed():
        response = login(cast.carol).get(reverse("units:person_create"), {"ca_nhan": CCCD})
    assert response.status_code == 403
    event = SecurityEvent.objects.get(action=E.ACCESS_DENIED)
    assert event.user == cast.carol and event.unit == tree.phu_tho
    assert event.target == f"GET {reverse('units:person_create')}"  # the path, never the query string
    assert event.detail == "Bạn không có quyền thêm cá nhân."
    assert not any(CCCD in line for line in security_lines())


def test_a_lockout_is_recorded_as_rate_limited_once_a_minute_however_long_the_flood(client, cast, settings):
    cache.clear()  # the once-a-minute mark of an earlier test must not hide this one's
    answers = [client.post(reverse("login"), {"username": "alice", "password": "sai-mat-khau"}).status_code
               for _ in range(settings.AXES_FAILURE_LIMIT + 3)]
    assert answers[-3:] == [429, 429, 429]
    event = SecurityEvent.objects.get(action=E.RATE_LIMITED)
    assert (event.target, event.user, event.address) == (f"POST {reverse('login')}", None, "127.0.0.1")


def test_a_password_change_on_the_portal_is_recorded(login, cast):
    response = login(cast.alice).post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Mot-mat-khau-moi-2026", "new_password2": "Mot-mat-khau-moi-2026",
    })
    assert response.status_code == 302
    event = SecurityEvent.objects.get(action=E.PASSWORD_CHANGED)
    assert event.user == cast.alice and event.target == "alice"


def test_no_id_number_or_birth_date_reaches_the_row_or_the_line(cast, tree, security_lines, committed):
    with committed():
        event = record_security_event(action=E.PERSONAL_DATA_EXPORTED, user=cast.alice,
                                      target=f"Nguyễn Văn An, CCCD {CCCD}, sinh 17/05/1980",
                                      detail="ngày sinh 1980-05-17; CMND 012345678")
    stored = f"{event.target} {event.detail}"
    for secret in (CCCD, "17/05/1980", "1980-05-17", "012345678"):
        assert secret not in stored
        assert not any(secret in line for line in security_lines())
    assert event.target == "Nguyễn Văn An, CCCD [số], sinh [ngày]"


def test_a_unit_admin_reads_only_his_units_entries_and_changes_none(login, cast, tree):
    ours = record_security_event(action=E.LOGIN_FAILED, user=cast.alice)
    province = record_security_event(action=E.ACCESS_DENIED, user=cast.carol)
    theirs = record_security_event(action=E.LOGIN_SUCCEEDED, user=cast.olga)
    nobodys = record_security_event(action=E.LOGIN_FAILED, username="ai-do")
    client = login(cast.erin)
    shown = set(client.get(reverse("admin:units_securityevent_changelist")).context["cl"].result_list)
    assert ours in shown and province in shown
    assert theirs not in shown and nobodys not in shown
    assert client.get(reverse("admin:units_securityevent_change", args=[theirs.pk])).status_code == 302
    page = client.get(reverse("admin:units_securityevent_change", args=[ours.pk]))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert client.get(reverse("admin:units_securityevent_add")).status_code == 403
    assert client.post(reverse("admin:units_securityevent_delete", args=[ours.pk]), {"post": "yes"}).status_code == 403
    assert SecurityEvent.objects.filter(pk=ours.pk).exists()


def test_a_superuser_reads_every_entry(login, cast):
    events = {record_security_event(action=E.LOGIN_SUCCEEDED, user=cast.olga),
              record_security_event(action=E.LOGIN_FAILED, username="ai-do")}
    shown = set(login(cast.root).get(reverse("admin:units_securityevent_changelist")).context["cl"].result_list)
    assert events <= shown


@pytest.mark.parametrize("actor", ["alice", "carol"])
def test_only_admins_open_the_log(login, cast, actor):
    response = login(getattr(cast, actor)).get(reverse("admin:units_securityevent_changelist"))
    assert response.status_code == 302
