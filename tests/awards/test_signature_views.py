"""The digital-signature pages: who sees, registers, deactivates and signs, and what each page shows."""

import hashlib
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from awards import signatures
from awards.models import SignedPlanCopy, SigningCertificate

from tests.awards.pdf_files import tiny_pdf
from tests.awards.signature_factories import PASSPHRASE, issued_plan, make_ca, make_signer, register, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def ca():
    return make_ca()


@pytest.fixture(scope="module")
def binh(ca):
    return make_signer(ca)


@pytest.fixture
def certificate(cast, tree, binh):
    return register(binh, unit=tree.ha_hoa, actor=cast.bob)


@pytest.fixture
def plan(cast, tree):
    return issued_plan(tree.ha_hoa, actor=cast.bob)


@pytest.fixture
def signed_copy(cast, plan, certificate):
    return signatures.sign_plan(plan, actor=cast.bob, certificate_id=certificate.pk, passphrase=PASSPHRASE,
                                reason="Ký ban hành")


def url(name, *args):
    return reverse(f"awards:{name}", args=args)


def as_text(response):
    return response.content.decode()


# --- anonymous visitors are sent to the login page everywhere -------------------------------------

@pytest.mark.parametrize("name, args, method", [
    ("signature_check", (), "get"),
    ("signature_certificates", (), "get"),
    ("signature_certificate_upload", (), "get"),
    ("signature_certificate_detail", ("certificate",), "get"),
    ("signature_certificate_deactivate", ("certificate",), "post"),
    ("signature_plan_sign", ("plan",), "get"),
    ("signature_plan_sign", ("plan",), "post"),
    ("signature_plan_copy_download", ("signed_copy",), "get"),
])
def test_anonymous_visitors_are_sent_to_log_in(client, request, name, args, method):
    target = url(name, *[request.getfixturevalue(a).pk for a in args])
    response = getattr(client, method)(target)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --- the outsider sees nothing of another province's certificates and plans -----------------------

@pytest.mark.parametrize("name, fixture, method", [
    ("signature_certificate_detail", "certificate", "get"),
    ("signature_certificate_deactivate", "certificate", "post"),
    ("signature_plan_sign", "plan", "get"),
    ("signature_plan_sign", "plan", "post"),
    ("signature_plan_copy_download", "signed_copy", "get"),
])
def test_the_outsider_is_told_not_found(login, cast, request, name, fixture, method):
    target = url(name, request.getfixturevalue(fixture).pk)
    assert getattr(login(cast.olga), method)(target).status_code == 404


def test_the_outsider_does_not_see_another_units_certificates_in_the_list(login, cast, certificate):
    html = as_text(login(cast.olga).get(url("signature_certificates")))
    assert certificate.label not in html and "Chưa có chứng thư số nào" in html


# --- registering ------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["alice", "carol", "olga"])
def test_who_holds_no_managing_role_cannot_open_the_upload_page(login, cast, who):
    assert login(getattr(cast, who)).get(url("signature_certificate_upload")).status_code == 403


def test_the_approver_registers_a_pkcs12_for_the_commune(login, cast, tree, binh):
    client = login(cast.bob)
    page = as_text(client.get(url("signature_certificate_upload")))
    assert 'type="password"' in page and "Mật khẩu của tệp .p12/.pfx" in page
    response = client.post(url("signature_certificate_upload"), {
        "unit": tree.ha_hoa.pk, "label": "Chữ ký số Chủ tịch", "passphrase": PASSPHRASE,
        "file": upload("binh.p12", binh.pkcs12())})
    certificate = SigningCertificate.objects.get()
    assert response.status_code == 302 and response["Location"] == certificate.get_absolute_url()
    assert certificate.unit == tree.ha_hoa and certificate.can_sign and certificate.uploaded_by == cast.bob
    html = as_text(client.get(certificate.get_absolute_url()))
    assert "Nguyễn Văn Bình" in html and certificate.fingerprint_sha256 in html and "Ngừng dùng" in html


def test_a_wrong_passphrase_keeps_the_form_and_saves_nothing(login, cast, tree, binh):
    response = login(cast.bob).post(url("signature_certificate_upload"), {
        "unit": tree.ha_hoa.pk, "label": "Chữ ký số Chủ tịch", "passphrase": "sai",
        "file": upload("binh.p12", binh.pkcs12())})
    html = as_text(response)
    assert response.status_code == 200 and "Mật khẩu của tệp “binh.p12” không đúng" in html
    assert 'value="Chữ ký số Chủ tịch"' in html and 'value="sai"' not in html
    assert not SigningCertificate.objects.exists()


def test_a_pkcs12_without_a_passphrase_is_asked_for_one(login, cast, tree, binh):
    response = login(cast.bob).post(url("signature_certificate_upload"), {
        "unit": tree.ha_hoa.pk, "file": upload("binh.pfx", binh.pkcs12())})
    assert "Nhập mật khẩu của tệp" in as_text(response) and not SigningCertificate.objects.exists()


def test_the_approver_cannot_register_for_a_unit_not_their_own(login, cast, tree, binh):
    response = login(cast.bob).post(url("signature_certificate_upload"), {
        "unit": tree.phu_tho.pk, "file": upload("binh.cer", binh.der)})
    assert response.status_code == 200 and not SigningCertificate.objects.exists()


def test_the_unit_admin_registers_a_bare_certificate_for_the_province(login, cast, tree, ca):
    dung = make_signer(ca, "Phạm Văn Dũng", "UBND tỉnh Phú Thọ")
    response = login(cast.erin).post(url("signature_certificate_upload"), {
        "unit": tree.phu_tho.pk, "label": "Token của Chủ tịch tỉnh", "file": upload("dung.cer", dung.pem)})
    assert response.status_code == 302
    assert SigningCertificate.objects.get().can_sign is False


# --- detail and deactivation ------------------------------------------------------------------------

def test_a_clerk_sees_the_certificate_but_cannot_deactivate_it(login, cast, certificate):
    client = login(cast.alice)
    html = as_text(client.get(certificate.get_absolute_url()))
    assert "Nguyễn Văn Bình" in html and "Ngừng dùng chứng thư" not in html
    assert client.post(url("signature_certificate_deactivate", certificate.pk)).status_code == 403
    certificate.refresh_from_db()
    assert certificate.is_active


def test_the_approver_deactivates_a_certificate(login, cast, certificate):
    response = login(cast.bob).post(url("signature_certificate_deactivate", certificate.pk))
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert not certificate.is_active and certificate.deactivated_by == cast.bob


def test_the_certificate_list_runs_a_fixed_number_of_queries(login, cast, tree, ca, django_assert_num_queries):
    issued_plan(tree.phu_tho, actor=cast.dave)
    client = login(cast.dave)
    register(make_signer(ca, "Người 0"), unit=tree.ha_hoa, actor=cast.bob, label="Chứng thư 0")
    client.get(url("signature_certificates"))
    with django_assert_num_queries(10):
        client.get(url("signature_certificates"))
    for i in range(1, 8):
        register(make_signer(ca, f"Người {i}"), unit=tree.ha_hoa if i % 2 else tree.phu_tho,
                 actor=cast.bob if i % 2 else cast.dave, label=f"Chứng thư {i}")
    with django_assert_num_queries(10):
        html = as_text(client.get(url("signature_certificates")))
    assert html.count("Chứng thư ") >= 8 and "Ký số kế hoạch đã ban hành" in html


def test_the_certificate_list_leads_the_approver_to_the_plans_to_sign(login, cast, plan):
    html = as_text(login(cast.bob).get(url("signature_certificates")))
    assert url("signature_plan_sign", plan.pk) in html
    assert url("signature_plan_sign", plan.pk) not in as_text(login(cast.alice).get(url("signature_certificates")))


# --- checking a PDF -------------------------------------------------------------------------------

def test_any_user_checks_a_signed_pdf_and_reads_who_signed(login, cast, signed_copy):
    with signed_copy.file.open("rb") as handle:
        data = handle.read()
    response = login(cast.olga).post(url("signature_check"), {"file": upload("ke-hoach.pdf", data)})
    html = as_text(response)
    assert response.status_code == 200
    assert "Nguyễn Văn Bình" in html and "hợp lệ và được công nhận" in html and "nguyên vẹn" in html
    assert "đã đăng ký: Chữ ký số Chủ tịch UBND xã (Xã Hạ Hòa)" in html


def test_checking_an_unsigned_pdf_says_it_has_no_signature(login, cast):
    html = as_text(login(cast.alice).post(url("signature_check"), {"file": upload("a.pdf", tiny_pdf())}))
    assert "Tệp chưa có chữ ký số." in html


def test_checking_a_file_that_is_not_a_pdf_is_refused(login, cast, settings):
    client = login(cast.alice)
    html = as_text(client.post(url("signature_check"), {"file": upload("a.pdf", b"GIF89a")}))
    assert "không phải tệp PDF" in html
    settings.ATTACHMENT_MAX_BYTES = 100
    html = as_text(client.post(url("signature_check"), {"file": upload("lon.pdf", tiny_pdf(pages=3))}))
    assert "vượt mức tối đa" in html


# --- signing an issued plan -----------------------------------------------------------------------

def test_a_clerk_sees_the_signed_copies_but_cannot_sign(login, cast, plan, certificate, signed_copy):
    client = login(cast.alice)
    html = as_text(client.get(url("signature_plan_sign", plan.pk)))
    assert "Tải bản đã ký" in html and 'id="form-ky-so"' not in html
    response = client.post(url("signature_plan_sign", plan.pk), {
        "certificate": certificate.pk, "passphrase": PASSPHRASE, "reason": "Ký"})
    assert response.status_code == 403 and SignedPlanCopy.objects.count() == 1


def test_the_province_approver_cannot_sign_for_the_commune(login, cast, plan, certificate):
    response = login(cast.dave).post(url("signature_plan_sign", plan.pk), {
        "certificate": certificate.pk, "passphrase": PASSPHRASE, "reason": "Ký"})
    assert response.status_code == 403 and not SignedPlanCopy.objects.exists()


def test_the_approver_signs_the_plan_and_downloads_the_signed_copy(login, cast, plan, certificate):
    client = login(cast.bob)
    assert 'id="form-ky-so"' in as_text(client.get(url("signature_plan_sign", plan.pk)))
    response = client.post(url("signature_plan_sign", plan.pk), {
        "certificate": certificate.pk, "passphrase": PASSPHRASE, "reason": "Ký ban hành kế hoạch"})
    assert response.status_code == 302
    copy = SignedPlanCopy.objects.get()
    download = client.get(url("signature_plan_copy_download", copy.pk))
    data = b"".join(download.streaming_content)
    assert download["Content-Type"] == "application/pdf" and "attachment" in download["Content-Disposition"]
    assert hashlib.sha256(data).hexdigest() == copy.sha256
    assert "MỤC ĐÍCH, YÊU CẦU" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    (found,) = signatures.verify_pdf(data).signatures
    assert found.ok and found.reason == "Ký ban hành kế hoạch"
    assert copy.sha256 in as_text(client.get(url("signature_plan_sign", plan.pk)))


def test_a_wrong_passphrase_at_signing_is_shown_on_the_field(login, cast, plan, certificate):
    response = login(cast.bob).post(url("signature_plan_sign", plan.pk), {
        "certificate": certificate.pk, "passphrase": "sai", "reason": "Ký ban hành"})
    html = as_text(response)
    assert response.status_code == 200 and "không đúng" in html and 'value="Ký ban hành"' in html
    assert not SignedPlanCopy.objects.exists()


def test_a_draft_plan_has_no_signing_page(login, cast, tree):
    from tests.conftest import make_plan

    assert login(cast.bob).get(url("signature_plan_sign", make_plan(tree.ha_hoa).pk)).status_code == 404
