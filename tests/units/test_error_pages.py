"""The 400, 403, 404 and 500 pages (and the refused form, and the login lockout) in Vietnamese, in the
portal's layout, each with the reason and a way back — as production shows them, with DEBUG off."""

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import permission_denied

from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def assert_error_page(response, status, heading):
    """``response`` is the portal's own page for ``status``: Vietnamese, titled, with both ways back."""
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert f"<h1 class=\"h3\">{heading}</h1>" in html
    assert f"Mã lỗi {status}" in html
    assert '<a class="btn btn-primary" href="/">Về trang chủ</a>' in html
    assert "data-history-back>Quay lại</a>" in html
    assert 'name="viewport"' in html
    assert "Cổng thi đua, khen thưởng" in html
    return html


def test_an_unknown_address_answers_the_vietnamese_404_without_listing_the_urls(client):
    html = assert_error_page(client.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang")

    assert "URLconf" not in html and "ke-hoach/" not in html and "quan-tri/" not in html
    assert "Page not found" not in html


def test_a_person_outside_the_scope_answers_the_same_404_in_the_portal_layout(cast, login, tree):
    person = make_person("Nguyễn Văn An", tree.van_phong, cccd="025080001234")

    html = assert_error_page(login(cast.olga).get(reverse("units:person_detail", args=[person.pk])), 404,
                             "Không tìm thấy trang")

    assert "Nguyễn Văn An" not in html and "025080001234" not in html
    assert "No Person matches" not in html
    assert "Đăng xuất" in html  # the menu of a signed-in user is there


def test_a_refusal_answers_the_vietnamese_403_with_the_reason_the_portal_gave(cast, login):
    html = assert_error_page(login(cast.carol).get(reverse("units:person_create")), 403,
                             "Bạn không có quyền làm việc này")

    assert '<div class="alert alert-warning" role="alert" id="ly-do">Bạn không có quyền thêm cá nhân.</div>' in html
    assert "403 Forbidden" not in html


def test_a_refusal_without_a_reason_shows_only_the_general_sentence(cast):
    # Django's own refusals raise a bare PermissionDenied; its handler renders 403.html with the message.
    request = RequestFactory().get("/")
    request.user = cast.alice

    html = assert_error_page(permission_denied(request, PermissionDenied()), 403, "Bạn không có quyền làm việc này")

    assert 'id="ly-do"' not in html
    assert "Tài khoản của bạn không được mở trang hoặc thực hiện thao tác này." in html


def test_a_bad_request_answers_the_vietnamese_400(client):
    # A Host header the portal does not serve is refused as a suspicious request.
    html = assert_error_page(client.get("/", HTTP_HOST="ke-gia-mao.example"), 400, "Yêu cầu không hợp lệ")

    assert "Bad Request" not in html


@pytest.mark.urls("tests.units.raising_urls")
def test_a_fault_answers_the_standalone_vietnamese_500_and_hides_the_fault(db):
    client = Client(raise_request_exception=False)

    html = assert_error_page(client.get("/loi-thu/"), 500, "Cổng gặp lỗi khi xử lý yêu cầu")

    assert "a fault the visitor must never see" not in html and "RuntimeError" not in html
    assert "Server Error" not in html


def test_the_500_page_renders_with_no_request_and_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")

    assert "Mã lỗi 500" in html and "css/portal.css" in html


def test_a_form_sent_without_its_token_answers_the_vietnamese_refusal(tree):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "alice", "password": "x"})

    html = assert_error_page(response, 403, "Chưa gửi được biểu mẫu")
    assert "CSRF" not in html


def test_the_login_lockout_page_is_vietnamese_in_the_portal_layout():
    html = render_to_string("registration/locked_out.html")

    assert '<html lang="vi">' in html
    assert "Tạm khóa đăng nhập" in html and "Quay lại trang đăng nhập" in html
