"""A flood of logins from one address is refused before any password is hashed; the password hasher
is Argon2id at a known cost, and older hashes are rewritten at the next login."""

import os
import secrets
import socket
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import MD5PasswordHasher, identify_hasher, make_password
from django.core.cache import cache
from django.urls import reverse

from units import rate_limits
from units.login_limits import SCOPE, WINDOW_SECONDS

from tests.conftest import PASSWORD
from tests.job_workers import ROOT, worker_environment

pytestmark = pytest.mark.django_db

ATTACKER, NEIGHBOUR = "198.51.100.66", "198.51.100.67"


class CountingHasher(MD5PasswordHasher):
    """Counts every password it hashes or checks (Django hashes a dummy one for an unknown user name)."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.fixture
def hashes(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.calls = 0
    return CountingHasher


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def post(client, url, username, password, address=ATTACKER):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def random_name():
    return "u" + secrets.token_hex(6)


def test_it_refuses_a_flood_of_random_user_names_without_hashing_them(client, cast, settings, hashes):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 5
    for _ in range(5):
        assert post(client, reverse("login"), random_name(), "sai-mat-khau").status_code == 200
    hashed, recorded = hashes.calls, AccessAttempt.objects.count()
    assert hashed >= 5

    refusals = [post(client, reverse("login"), random_name(), "sai-mat-khau") for _ in range(20)]

    assert {response.status_code for response in refusals} == {429}
    assert hashes.calls == hashed and AccessAttempt.objects.count() == recorded
    page = refusals[0].content.decode()
    assert "quá nhiều lần đăng nhập không thành công từ địa chỉ mạng của bạn" in page
    assert '<html lang="vi">' in page
    assert 0 < int(refusals[0]["Retry-After"]) <= WINDOW_SECONDS


def test_a_flooded_address_does_not_keep_others_out(client, cast, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for _ in range(3):
        post(client, reverse("login"), random_name(), "sai-mat-khau")
    assert post(client, reverse("login"), "alice", PASSWORD).status_code == 429
    assert post(client, reverse("login"), "alice", PASSWORD, address=NEIGHBOUR).status_code == 302


def test_the_users_of_one_office_logging_in_are_never_limited(client, cast, settings):
    # A whole office may reach the portal through one address: only failures count.
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 2
    for _ in range(3):
        for user in ("alice", "bob", "carol", "dave"):
            assert post(client, reverse("login"), user, PASSWORD).status_code == 302
            client.post(reverse("logout"))


def test_the_admin_login_form_has_the_same_limit(client, cast, settings, hashes):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 2
    admin_login = reverse("admin:login")
    for _ in range(2):
        assert post(client, admin_login, random_name(), "sai-mat-khau").status_code == 200
    hashed = hashes.calls
    assert post(client, admin_login, "root", PASSWORD).status_code == 429
    assert post(client, reverse("login"), "root", PASSWORD).status_code == 429
    assert hashes.calls == hashed


def redis_is_up():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.parametrize("store", [
    "database",
    pytest.param("redis", marks=pytest.mark.skipif(not redis_is_up(), reason="no Redis at 127.0.0.1:6379")),
])
@pytest.mark.django_db(transaction=True)
def test_the_counts_are_kept_where_every_process_sees_them(settings, store):
    # Another process (another gunicorn worker, another server) counts failures; this one sees them.
    env = worker_environment()
    if store == "redis":
        env["REDIS_URL"] = "redis://127.0.0.1:6379/0"
        settings.CACHES = {**settings.CACHES, "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env["REDIS_URL"]}}
    elif os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    attacker = f"198.51.100.{secrets.randbelow(250)}"  # a Redis may be shared with other runs
    window = 10**9  # a window no test run straddles
    code = ("import django; django.setup(); from units import rate_limits; "
            f"[rate_limits.add_one({SCOPE!r}, {attacker!r}, window={window}) for _ in range(3)]")
    try:
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=120)
        assert rate_limits.count(SCOPE, attacker, window=window) == 3
        assert rate_limits.add_one(SCOPE, attacker, window=window) == 4
        assert rate_limits.count(SCOPE, "2001:db8::1", window=window) == 0
    finally:
        cache.delete(rate_limits.window_key(SCOPE, attacker, window))


def test_an_ipv6_line_is_counted_as_one_whatever_address_it_takes():
    for host in range(4):
        rate_limits.add_one("test-scope", f"2001:db8:aa:bb::{host + 1}", window=60)
    assert rate_limits.count("test-scope", "2001:db8:aa:bb:ffff::9", window=60) == 4
    assert rate_limits.count("test-scope", "2001:db8:aa:cc::1", window=60) == 0


def test_a_count_is_forgotten_when_its_window_ends(monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(rate_limits, "now", lambda: clock[0])
    for _ in range(3):
        rate_limits.add_one("test-scope", ATTACKER, window=60)
    assert rate_limits.count("test-scope", ATTACKER, window=60) == 3
    clock[0] += 60
    assert rate_limits.count("test-scope", ATTACKER, window=60) == 0
    assert rate_limits.add_one("test-scope", ATTACKER, window=60) == 1


REAL_HASHERS = [
    "units.hashers.TunedArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]


@pytest.mark.parametrize("old", ["pbkdf2_sha256", "argon2"], ids=["pbkdf2", "argon2-default-cost"])
def test_a_password_hashed_the_old_way_is_rewritten_with_the_tuned_argon2_at_login(client, cast, settings, old):
    settings.PASSWORD_HASHERS = REAL_HASHERS + ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    cast.alice.password = make_password(PASSWORD, hasher=old)
    cast.alice.save(update_fields=["password"])
    settings.PASSWORD_HASHERS = REAL_HASHERS

    assert post(client, reverse("login"), "alice", PASSWORD).status_code == 302

    cast.alice.refresh_from_db()
    assert cast.alice.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert type(identify_hasher(cast.alice.password)).__name__ == "TunedArgon2PasswordHasher"
