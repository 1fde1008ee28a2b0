"""The client's address behind the proxy: read from X-Forwarded-For only when the proxy is trusted,
and used by the login lockout, the login flood limit, the certificate check and the comment limit."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from units.client_address import client_address

from tests.conftest import PASSWORD

PROXY = "10.0.0.5"


def address(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = [PROXY]


def test_it_ignores_the_header_when_no_proxy_is_trusted(settings):
    settings.TRUSTED_PROXIES = []
    assert address("198.51.100.7", "203.0.113.1") == "198.51.100.7"


def test_it_ignores_the_header_sent_by_an_untrusted_address(behind_nginx):
    assert address("198.51.100.7", "203.0.113.1") == "198.51.100.7"


def test_it_takes_the_hop_the_trusted_proxy_appended_not_what_the_client_wrote(behind_nginx):
    # The client sent "X-Forwarded-For: 1.2.3.4" itself; nginx appended the address it saw.
    assert address(PROXY, "1.2.3.4, 203.0.113.1") == "203.0.113.1"
    assert address(PROXY, "203.0.113.1") == "203.0.113.1"


def test_it_walks_back_through_a_chain_of_trusted_proxies_given_as_networks(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8:ffff::/48"]
    assert address("10.0.0.5", "9.9.9.9, 203.0.113.1, 10.8.0.2") == "203.0.113.1"
    assert address("2001:db8:ffff::2", "2001:db8:1::7, 10.1.1.1") == "2001:db8:1::7"


def test_it_reads_ports_brackets_and_ipv4_mapped_addresses(behind_nginx):
    assert address(PROXY, "203.0.113.1:51234") == "203.0.113.1"
    assert address(PROXY, "[2001:db8::7]:443") == "2001:db8::7"
    assert address("::ffff:198.51.100.7") == "198.51.100.7"


def test_it_falls_back_to_the_proxy_when_the_header_holds_no_address(behind_nginx):
    # A client cannot vary garbage to escape a limit: it is counted as the proxy.
    assert address(PROXY, "unknown") == PROXY
    assert address(PROXY) == PROXY


def attempt(client, username, password, forwarded, remote=PROXY):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)


def test_five_wrong_passwords_from_one_citizen_do_not_lock_out_another_behind_the_same_proxy(client, cast,
                                                                                              behind_nginx):
    for _ in range(5):
        attempt(client, "bob", "sai-mat-khau", "203.0.113.1")
    assert attempt(client, "bob", PASSWORD, "203.0.113.1").status_code == 429
    assert attempt(client, "bob", PASSWORD, "203.0.113.2").status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.1"}


def test_an_untrusted_address_cannot_escape_the_lockout_by_forging_the_header(client, cast, behind_nginx):
    for number in range(5):
        attempt(client, "bob", "sai-mat-khau", f"203.0.113.{number}", remote="198.51.100.7")
    assert attempt(client, "bob", PASSWORD, "203.0.113.99", remote="198.51.100.7").status_code == 429


def test_the_login_flood_limit_counts_each_forwarded_client_apart(client, cast, behind_nginx, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for number in range(3):
        attempt(client, f"khong-co-{number}", "sai-mat-khau", "203.0.113.1")
    assert attempt(client, "alice", PASSWORD, "203.0.113.1").status_code == 429
    assert attempt(client, "alice", PASSWORD, "203.0.113.2").status_code == 302


def test_the_certificate_check_limit_counts_each_forwarded_client_apart(client, db, behind_nginx, settings):
    settings.CERTIFICATE_CHECK_MISSES = 2
    check = reverse("certificate_check", args=["khong-co-ma-nay-" + "x" * 16])
    for _ in range(2):
        assert client.get(check, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 404
    assert client.get(check, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429
    assert client.get(check, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 404
