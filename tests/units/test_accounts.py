import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.1.2.3")


def test_it_logs_a_user_in_and_out(client, cast):
    response = attempt(client, "alice", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("units:dashboard")
    assert client.get(reverse("units:dashboard")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("units:dashboard")).status_code == 302


def test_a_wrong_password_gets_a_vietnamese_message_and_keeps_the_user_name(client, cast):
    response = attempt(client, "alice", "sai-mat-khau")
    html = response.content.decode()
    assert response.status_code == 200
    assert "mật khẩu chính xác" in html
    assert 'value="alice"' in html


def test_it_locks_a_user_name_out_after_five_failures(client, cast):
    for _ in range(5):
        attempt(client, "alice", "sai-mat-khau")
    response = attempt(client, "alice", PASSWORD)
    assert response.status_code == 429
    assert "tạm khóa đăng nhập trong 15 phút" in response.content.decode()
    assert client.get(reverse("units:dashboard")).status_code == 302


def test_a_lockout_does_not_block_other_users(client, cast):
    for _ in range(5):
        attempt(client, "alice", "sai-mat-khau")
    assert attempt(client, "bob", PASSWORD).status_code == 302


def test_a_user_changes_their_password(login, cast):
    client = login(cast.alice)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Mot-mat-khau-moi-2026", "new_password2": "Mot-mat-khau-moi-2026",
    })
    assert response.status_code == 302
    cast.alice.refresh_from_db()
    assert cast.alice.check_password("Mot-mat-khau-moi-2026")


def test_the_login_page_is_in_vietnamese(client, db):
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="vi">' in html and "Tên đăng nhập" in html and "Mật khẩu" in html
