"""The page helpers the load test and the scale-out check share (tests/browsing.py): they read the portal's
forms as a browser would send them and pass its second login step."""

import pytest

from units.two_factor import check_code

from tests.browsing import form_to, forms_of, totp
from tests.conftest import verified_device

PAGE = """
<form method="get" action="/tim-kiem/"><input name="q" value="x"></form>
<form method="POST" action="/khen-thuong/ho-so/7/tham-dinh/?tab=2">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok">
  <input name="title" value="Hồ sơ">
  <input type="radio" name="ket_qua_1" value="approve"><input type="radio" name="ket_qua_1" value="reject" checked>
  <input type="checkbox" name="notify" checked><input type="checkbox" name="urgent" value="1">
  <input type="file" name="scan"><input type="submit" name="go" value="Gửi">
  <select name="level"><option value="">---</option><option value="2" selected>Tỉnh</option></select>
  <select name="year"><option value="2026">2026</option><option value="2025">2025</option></select>
  <textarea name="comment">Đủ điều kiện</textarea>
</form>
<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="own"></form>
"""


def test_it_reads_a_form_as_the_page_would_send_it():
    form = form_to(PAGE, "/tham-dinh/")
    assert form["fields"] == [("csrfmiddlewaretoken", "tok"), ("title", "Hồ sơ"), ("ket_qua_1", "reject"),
                              ("notify", "on"), ("level", "2"), ("year", "2026"), ("comment", "Đủ điều kiện")]
    assert form["radios"] == {"ket_qua_1": ["approve", "reject"]}


def test_it_finds_only_post_forms_and_a_form_without_action_by_the_page_address():
    assert [form["method"] for form in forms_of(PAGE)] == ["get", "post", "post"]
    assert form_to(PAGE, "/tim-kiem/") is None
    assert form_to(PAGE, "/xac-nhan/", page_url="/khen-thuong/xac-nhan/")["fields"] == [
        ("csrfmiddlewaretoken", "own")]


@pytest.mark.django_db
def test_it_reads_the_login_form_with_its_csrf_token(client):
    form = form_to(client.get("/dang-nhap/").content.decode(), "/dang-nhap/", page_url="/dang-nhap/")
    names = [name for name, _value in form["fields"]]
    assert "csrfmiddlewaretoken" in names and "username" in names


@pytest.mark.django_db
def test_its_authenticator_code_passes_the_portals_second_step(cast):
    device = verified_device(cast.bob)
    assert check_code(cast.bob, totp(device.key)).accepted
