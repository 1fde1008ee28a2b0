"""The issued decision's digitally signed copy: signed on the portal or uploaded signed, checked on every view."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers as pyhanko_signers
from pyhanko.sign.signers import pdf_signer

from awards.models import Decision
from awards.services import decision_signatures, decisions

from tests.awards.decision_factories import draft
from tests.awards.signature_factories import PASSPHRASE, make_ca, make_signer, register, upload
from tests.awards.test_decision_views import settle_lines

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(cast, tree, central, province_clerk):
    cast.phuong = province_clerk
    settle_lines(cast, tree, 2)
    decision = draft(tree.phu_tho, cast.phuong, decisions.ready_lines(tree.phu_tho))
    cast.decision = decisions.issue_decision(decision, actor=cast.dave)
    cast.identity = make_signer(make_ca(), common_name="Trần Duy Đông", organisation="UBND tỉnh Phú Thọ")
    cast.certificate = register(cast.identity, unit=tree.phu_tho, actor=cast.dave, label="Chữ ký số Chủ tịch tỉnh")
    return cast


def frozen(decision):
    with decision.issued_pdf.open("rb") as handle:
        return handle.read()


def signed_elsewhere(pdf, identity):
    """What a desktop signing tool returns: the same PDF with a PAdES signature appended."""
    signer = pyhanko_signers.SimpleSigner.load_pkcs12_data(identity.pkcs12(), [], passphrase=PASSPHRASE.encode())
    meta = pyhanko_signers.PdfSignatureMetadata(field_name="ChuKy", subfilter=pdf_signer.SigSeedSubFilter.PADES)
    out = io.BytesIO()
    pyhanko_signers.PdfSigner(meta, signer=signer).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), output=out)
    return out.getvalue()


def test_the_approver_signs_the_issued_decision_and_the_frozen_pdf_stays_as_it_was(issued):
    before = frozen(issued.decision)
    decision = decision_signatures.sign_decision(issued.decision, actor=issued.dave,
                                                 certificate_id=issued.certificate.pk, passphrase=PASSPHRASE,
                                                 reason="Ký ban hành quyết định khen thưởng")
    assert frozen(decision) == before
    with decision.signed_pdf.open("rb") as handle:
        assert handle.read().startswith(before)
    assert decision.signature_signer == "Trần Duy Đông"
    state = decision_signatures.signed_copy_state(decision)
    assert state.ok and state.report.signatures[0].signer_organisation == "UBND tỉnh Phú Thọ"


def test_a_wrong_passphrase_signs_nothing(issued):
    with pytest.raises(ValidationError):
        decision_signatures.sign_decision(issued.decision, actor=issued.dave, certificate_id=issued.certificate.pk,
                                          passphrase="sai", reason="Ký")
    assert not Decision.objects.get(pk=issued.decision.pk).signed_pdf


def test_a_copy_signed_elsewhere_with_the_units_certificate_is_kept(issued):
    data = signed_elsewhere(frozen(issued.decision), issued.identity)
    decision = decision_signatures.attach_signed_decision(issued.decision, actor=issued.dave,
                                                          upload=upload("qd-da-ky.pdf", data, "application/pdf"))
    assert decision_signatures.signed_copy_state(decision).ok


def test_a_signed_file_that_is_not_the_issued_decision_is_refused_with_the_reason(issued):
    from weasyprint import HTML

    other = HTML(string="<p>Quyết định khác</p>").write_pdf()
    data = signed_elsewhere(other, issued.identity)
    with pytest.raises(Exception) as refused:
        decision_signatures.attach_signed_decision(issued.decision, actor=issued.dave,
                                                   upload=upload("khac.pdf", data, "application/pdf"))
    assert "không phải bản quyết định đã ban hành" in " ".join(refused.value.messages)
    assert not Decision.objects.get(pk=issued.decision.pk).signed_pdf


def test_a_copy_signed_with_a_certificate_another_unit_registered_is_refused(issued, tree):
    stranger = make_signer(make_ca(common_name="CA khác"), common_name="Người lạ", organisation="UBND xã Hạ Hòa")
    register(stranger, unit=tree.ha_hoa, actor=issued.bob)
    data = signed_elsewhere(frozen(issued.decision), stranger)
    with pytest.raises(ValidationError):
        decision_signatures.attach_signed_decision(issued.decision, actor=issued.dave,
                                                   upload=upload("qd.pdf", data, "application/pdf"))
    assert not Decision.objects.get(pk=issued.decision.pk).signed_pdf


def test_the_decision_page_says_when_the_stored_signed_file_was_changed(client, login, issued):
    decision = decision_signatures.sign_decision(issued.decision, actor=issued.dave,
                                                 certificate_id=issued.certificate.pk, passphrase=PASSPHRASE,
                                                 reason="Ký ban hành")
    login(issued.phuong)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "Bản có chữ ký số" in page and "Trần Duy Đông" in page and "hợp lệ và được công nhận" in page
    with decision.signed_pdf.open("rb") as handle:
        data = bytearray(handle.read())
    data[len(data) // 3] ^= 0x01
    with open(decision.signed_pdf.path, "wb") as handle:
        handle.write(bytes(data))
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "không còn khớp mã băm" in page


@pytest.mark.parametrize("who", ["anonymous", "olga", "phuong", "carol", "dave"])
def test_the_signing_page_answers_the_permission_matrix(client, login, issued, who):
    if who != "anonymous":
        login(getattr(issued, who))
    response = client.get(reverse("awards:decision_sign", args=[issued.decision.pk]))
    expected = {"anonymous": 302, "olga": 404, "phuong": 403, "carol": 403, "dave": 200}[who]
    assert response.status_code == expected


def test_signing_through_the_page_keeps_the_copy_and_a_wrong_passphrase_keeps_the_form(client, login, issued):
    login(issued.dave)
    url = reverse("awards:decision_sign", args=[issued.decision.pk])
    response = client.post(url, {"certificate": issued.certificate.pk, "passphrase": "sai", "reason": "Ký ban hành"})
    assert response.status_code == 400 and "Ký ban hành" in response.content.decode()
    response = client.post(url, {"certificate": issued.certificate.pk, "passphrase": PASSPHRASE,
                                 "reason": "Ký ban hành"})
    assert response.status_code == 302
    download = client.get(reverse("awards:decision_signed_pdf", args=[issued.decision.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(frozen(issued.decision))


def test_uploading_a_signed_copy_through_the_page(client, login, issued):
    login(issued.dave)
    data = signed_elsewhere(frozen(issued.decision), issued.identity)
    response = client.post(reverse("awards:decision_signed_upload", args=[issued.decision.pk]),
                           {"file": upload("qd-da-ky.pdf", data, "application/pdf")})
    assert response.status_code == 302
    assert Decision.objects.get(pk=issued.decision.pk).signed_pdf_sha256
