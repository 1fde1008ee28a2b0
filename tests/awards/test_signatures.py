"""Signing and checking PDFs: certificates made in the test, documents made by the portal's own printer."""

import datetime
import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.diff_analysis import ModificationLevel

from awards import signatures
from awards.models import SignedPlanCopy, SigningCertificate
from awards.storage import private_storage

from tests.awards.pdf_files import tiny_pdf
from tests.awards.signature_factories import (
    NOW,
    PASSPHRASE,
    issued_plan,
    make_ca,
    make_signer,
    pdf_pages,
    register,
    upload,
)

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


def frozen(plan):
    with plan.issued_pdf.open("rb") as handle:
        return handle.read()


def sign(pdf, certificate, passphrase=PASSPHRASE):
    return signatures.sign_pdf(pdf, certificate=certificate, passphrase=passphrase, reason="Ký ban hành kế hoạch",
                               location="Hạ Hòa")


def private_files():
    root = private_storage().location
    import pathlib

    return sorted(str(p) for p in pathlib.Path(root).rglob("*") if p.is_file())


# --- registering certificates -----------------------------------------------------------------

def test_it_registers_a_pkcs12_with_the_facts_of_its_certificate(certificate, binh):
    assert certificate.subject_name == "Nguyễn Văn Bình"
    assert certificate.subject_organisation == "UBND xã Hạ Hòa"
    assert certificate.issuer_name == "CA thử nghiệm Ban Cơ yếu"
    assert certificate.fingerprint_sha256 == hashlib.sha256(binh.der).hexdigest()
    assert certificate.serial_number == format(binh.cert.serial_number, "X")
    assert certificate.not_after == binh.cert.not_valid_after_utc
    assert certificate.can_sign and certificate.is_active
    # The file is kept locked by its passphrase, which is stored nowhere.
    with certificate.key_file.open("rb") as handle:
        assert handle.read() != b"" and PASSPHRASE.encode() not in handle.read()
    assert PASSPHRASE not in str(SigningCertificate.objects.filter(pk=certificate.pk).values().get())


def test_it_refuses_a_pkcs12_with_a_wrong_passphrase_and_stores_nothing(cast, tree, binh):
    with pytest.raises(ValidationError) as refused:
        signatures.register_certificate(actor=cast.bob, unit=tree.ha_hoa, label="Sai",
                                        upload=upload("chu-ky.p12", binh.pkcs12()), passphrase="khong-dung")
    assert "Mật khẩu" in refused.value.messages[0]
    assert not SigningCertificate.objects.exists() and private_files() == []


def test_it_refuses_an_expired_certificate_and_stores_nothing(cast, tree, ca):
    old = make_signer(ca, not_before=NOW - datetime.timedelta(days=800), not_after=NOW - datetime.timedelta(days=2))
    with pytest.raises(ValidationError) as refused:
        register(old, unit=tree.ha_hoa, actor=cast.bob)
    assert refused.value.code == "expired" and "đã hết hạn" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        signatures.register_certificate(actor=cast.bob, unit=tree.ha_hoa, label="", upload=upload("cu.cer", old.pem))
    assert not SigningCertificate.objects.exists() and private_files() == []


def test_it_refuses_a_file_that_is_not_a_certificate(cast, tree):
    with pytest.raises(ValidationError) as refused:
        signatures.register_certificate(actor=cast.bob, unit=tree.ha_hoa, label="",
                                        upload=upload("anh.cer", b"\x89PNG not a certificate"))
    assert refused.value.code == "not_certificate"
    with pytest.raises(ValidationError) as refused:
        signatures.register_certificate(actor=cast.bob, unit=tree.ha_hoa, label="", passphrase="x",
                                        upload=upload("tai-lieu.p12", tiny_pdf()))
    assert refused.value.code == "not_pkcs12"
    assert not SigningCertificate.objects.exists()


def test_it_registers_a_bare_certificate_to_trust_without_a_key(cast, tree, binh):
    trusted = signatures.register_certificate(actor=cast.bob, unit=tree.ha_hoa, label="Token USB",
                                              upload=upload("binh.cer", binh.der))
    assert not trusted.can_sign and trusted.subject_name == "Nguyễn Văn Bình"
    with pytest.raises(ValidationError) as refused:
        signatures.register_certificate(actor=cast.bob, unit=tree.ha_hoa, label="Lần nữa",
                                        upload=upload("binh.pem", binh.pem))
    assert refused.value.code == "duplicate"


def test_a_clerk_cannot_register_a_certificate(cast, tree, binh):
    with pytest.raises(PermissionDenied):
        register(binh, unit=tree.ha_hoa, actor=cast.alice)
    with pytest.raises(PermissionDenied):  # a province's approver does not speak for the commune
        register(binh, unit=tree.ha_hoa, actor=cast.dave)


def test_deactivating_a_certificate_deletes_its_key_once_committed(cast, certificate,
                                                                  django_capture_on_commit_callbacks):
    key = certificate.key_file.name
    with django_capture_on_commit_callbacks(execute=True):
        signatures.deactivate_certificate(certificate, actor=cast.bob)
    certificate.refresh_from_db()
    assert not certificate.is_active and certificate.deactivated_by == cast.bob and not certificate.key_file
    assert not private_storage().exists(key)


# --- signing and checking -------------------------------------------------------------------------

def test_a_signed_plan_has_a_valid_intact_trusted_signature_naming_the_signer(plan, certificate):
    pdf = frozen(plan)
    signed = sign(pdf, certificate)
    assert signed.startswith(pdf)  # an incremental update: the issued bytes are untouched
    assert pdf_pages(signed) == pdf_pages(pdf)
    report = signatures.verify_pdf(signed)
    assert report.is_signed and report.all_ok, report
    (found,) = report.signatures
    assert (found.signer_name, found.signer_organisation) == ("Nguyễn Văn Bình", "UBND xã Hạ Hòa")
    assert found.intact and found.valid and found.covers_whole_file and not found.changed_after_signing
    assert found.trusted and found.valid_on_signing_date and found.registered == certificate
    assert found.reason == "Ký ban hành kế hoạch" and found.location == "Hạ Hòa"
    assert abs(found.signing_time - NOW) < datetime.timedelta(hours=1)
    assert found.signing_time_words.startswith("ngày ")


def test_a_proposal_made_by_the_portal_can_be_signed(cast, tree, certificate):
    from awards.documents import render_proposal_pdf
    from awards.models import NominationList

    nomination_list = NominationList.objects.create(unit=tree.ha_hoa, year=2026, title="Tổng kết năm 2026",
                                                    created_by=cast.alice)
    signed = sign(render_proposal_pdf(nomination_list), certificate)
    assert signatures.verify_pdf(signed).all_ok


def test_flipping_one_byte_inside_the_signed_range_breaks_the_signature(plan, certificate):
    signed = bytearray(sign(frozen(plan), certificate))
    # A letter of the producer's name in the document information: the file still parses.
    at = signed.index(b"/Producer") + len(b"/Producer (") + 2
    assert at < signed.index(b"/ByteRange")
    signed[at] ^= 0x01
    (found,) = signatures.verify_pdf(bytes(signed)).signatures
    assert not found.intact and not found.trusted
    assert any("đã bị thay đổi" in problem for problem in found.problems)


def test_an_annotation_added_after_signing_is_reported_as_a_change(plan, certificate):
    signed = sign(frozen(plan), certificate)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page_ref = writer.find_page_for_modification(0)[0]
    note = writer.add_object(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/Text"),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in (50, 50, 80, 80)]),
        generic.NameObject("/Contents"): generic.pdf_string("Sửa sau khi ký"),
    }))
    page = page_ref.get_object()
    page[generic.NameObject("/Annots")] = generic.ArrayObject([note])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    (found,) = signatures.verify_pdf(out.getvalue()).signatures
    assert found.intact and found.valid  # the signed part itself is as it was …
    assert found.changed_after_signing and not found.covers_whole_file  # … but the file has grown since
    # pyHanko judges a page rewritten to hold the note as more than an annotation; either way it is a change.
    assert found.modification in (signatures.MODIFICATION_WORDS[ModificationLevel.ANNOTATIONS],
                                  signatures.MODIFICATION_WORDS[ModificationLevel.OTHER])
    assert any("sau khi ký" in problem for problem in found.problems)


def test_a_rewritten_catalogue_after_signing_is_reported_as_modified(plan, certificate):
    writer = IncrementalPdfFileWriter(io.BytesIO(sign(frozen(plan), certificate)))
    writer.root[generic.NameObject("/Lang")] = generic.pdf_string("en")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    (found,) = signatures.verify_pdf(out.getvalue()).signatures
    assert found.changed_after_signing and found.modification == "nội dung tệp đã bị sửa đổi sau khi ký"


def test_an_unregistered_certificate_is_signed_but_not_trusted(cast, tree, plan, ca):
    stranger = make_signer(ca, "Trần Văn Lạ", "Công ty không đăng ký")
    certificate = register(stranger, unit=tree.ha_hoa, actor=cast.bob)
    signed = sign(frozen(plan), certificate)
    report = signatures.verify_pdf(signed, trusted=[])
    (found,) = report.signatures
    assert report.is_signed and found.intact and found.valid and not found.trusted and found.registered is None
    assert any("chưa được đăng ký" in problem for problem in found.problems)


def test_a_registered_ca_makes_the_certificates_below_it_trusted(cast, tree, plan, certificate, ca):
    from cryptography.hazmat.primitives import serialization

    ca_row = signatures.register_certificate(actor=cast.dave, unit=tree.phu_tho, label="CA",
                                             upload=upload("ca.crt", ca.cert.public_bytes(serialization.Encoding.PEM)))
    (found,) = signatures.verify_pdf(sign(frozen(plan), certificate), trusted=[ca_row]).signatures
    assert found.trusted and found.registered == ca_row


def test_a_deactivated_certificate_no_longer_makes_a_signature_trusted(cast, plan, certificate):
    signed = sign(frozen(plan), certificate)
    certificate = signatures.deactivate_certificate(certificate, actor=cast.bob)
    (found,) = signatures.verify_pdf(signed).signatures
    assert found.intact and not found.trusted


def test_an_unsigned_pdf_has_no_signature(plan):
    report = signatures.verify_pdf(frozen(plan))
    assert not report.is_signed and report.problems == ["Tệp chưa có chữ ký số."]


def test_a_damaged_file_is_reported_not_raised():
    report = signatures.verify_pdf(b"%PDF-1.7\nkhong phai pdf")
    assert not report.is_signed and report.problems


def test_a_wrong_passphrase_at_signing_is_refused(plan, certificate):
    with pytest.raises(ValidationError) as refused:
        sign(frozen(plan), certificate, passphrase="sai-mat-khau")
    assert refused.value.code == "wrong_passphrase"


def test_a_second_signature_keeps_the_first_valid(cast, tree, plan, certificate, ca):
    second = register(make_signer(ca, "Lê Thị Hoa", "UBND xã Hạ Hòa"), unit=tree.ha_hoa, actor=cast.bob,
                      label="Phó Chủ tịch")
    twice = sign(sign(frozen(plan), certificate), second)
    first, last = signatures.verify_pdf(twice).signatures
    assert (first.field_name, last.field_name) == ("ChuKySo1", "ChuKySo2")
    assert first.intact and first.trusted and "chữ ký khác" in first.modification and first.ok
    assert last.ok and last.covers_whole_file


def test_an_empty_signature_field_added_for_the_next_signer_is_noted_but_harmless(plan, certificate):
    from pyhanko.sign import fields

    writer = IncrementalPdfFileWriter(io.BytesIO(sign(frozen(plan), certificate)))
    fields.append_signature_field(writer, fields.SigFieldSpec("ChuKyTiepTheo"))
    out = io.BytesIO()
    writer.write(out)
    (found,) = signatures.verify_pdf(out.getvalue()).signatures
    assert found.intact and found.changed_after_signing and found.level == ModificationLevel.LTA_UPDATES
    assert found.ok, found.problems


# --- signing for a unit, and the plan's signed copy ---------------------------------------------------

def test_sign_document_pdf_refuses_a_clerk_and_another_units_certificate(cast, tree, plan, certificate):
    pdf = frozen(plan)
    with pytest.raises(PermissionDenied):
        signatures.sign_document_pdf(tree.ha_hoa, pdf, actor=cast.alice, certificate_id=certificate.pk,
                                     passphrase=PASSPHRASE, reason="Ký")
    with pytest.raises(ValidationError):  # the commune's certificate does not sign for the province
        signatures.sign_document_pdf(tree.phu_tho, pdf, actor=cast.dave, certificate_id=certificate.pk,
                                     passphrase=PASSPHRASE, reason="Ký")
    signed = signatures.sign_document_pdf(tree.ha_hoa, pdf, actor=cast.bob, certificate_id=certificate.pk,
                                          passphrase=PASSPHRASE, reason="Ký")
    assert signed.sha256 == hashlib.sha256(signed.data).hexdigest() and signed.certificate == certificate


def test_signing_a_plan_keeps_the_signed_copy_beside_the_frozen_one(cast, plan, certificate):
    before = frozen(plan)
    copy = signatures.sign_plan(plan, actor=cast.bob, certificate_id=certificate.pk, passphrase=PASSPHRASE,
                                reason="Ký ban hành")
    plan.refresh_from_db()
    assert frozen(plan) == before and plan.issued_pdf_sha256 == hashlib.sha256(before).hexdigest()
    with copy.file.open("rb") as handle:
        data = handle.read()
    assert copy.sha256 == hashlib.sha256(data).hexdigest() and copy.source_sha256 == plan.issued_pdf_sha256
    assert copy.signed_by == cast.bob and copy.size == len(data)
    assert signatures.verify_pdf(data).all_ok


def test_a_wrong_passphrase_when_signing_a_plan_stores_nothing(cast, plan, certificate):
    files = private_files()
    with pytest.raises(ValidationError):
        signatures.sign_plan(plan, actor=cast.bob, certificate_id=certificate.pk, passphrase="sai", reason="Ký")
    assert not SignedPlanCopy.objects.exists() and private_files() == files


def test_a_draft_plan_cannot_be_signed(cast, tree, certificate):
    from tests.conftest import make_plan

    with pytest.raises(ValidationError):
        signatures.sign_plan(make_plan(tree.ha_hoa), actor=cast.bob, certificate_id=certificate.pk,
                             passphrase=PASSPHRASE, reason="Ký")


def test_signing_and_checking_work_inside_a_running_event_loop(plan, certificate):
    import asyncio

    pdf = frozen(plan)

    async def inside_a_loop():
        # pyHanko's own asyncio.run would fail here; the services step outside the loop.
        signed = sign(pdf, certificate)
        return signatures.verify_pdf(signed, trusted=[certificate])

    assert asyncio.run(inside_a_loop()).all_ok


def test_a_certificate_sent_with_a_passphrase_by_mistake_is_still_read_as_a_certificate(cast, tree, binh):
    trusted = signatures.register_certificate(actor=cast.bob, unit=tree.ha_hoa, label="", passphrase="thừa",
                                              upload=upload("chung-thu", binh.der))
    assert not trusted.can_sign and trusted.label == "Nguyễn Văn Bình"


def test_a_pkcs12_without_the_usual_name_is_read_with_its_passphrase(cast, tree, binh):
    certificate = signatures.register_certificate(actor=cast.bob, unit=tree.ha_hoa, label="", passphrase=PASSPHRASE,
                                                  upload=upload("chu-ky-so", binh.pkcs12()))
    assert certificate.can_sign


def _signed_at(monkeypatch, pdf, identity, moment):
    """Sign with pyHanko as if the clock read ``moment`` (a file signed elsewhere, some time ago)."""
    from pyhanko.sign import signers as pyhanko_signers
    from pyhanko.sign.signers import pdf_signer

    class Then(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return moment.astimezone(tz)

    monkeypatch.setattr(pdf_signer, "datetime", Then)
    signer = pyhanko_signers.SimpleSigner.load_pkcs12_data(identity.pkcs12(), [], passphrase=PASSPHRASE.encode())
    out = io.BytesIO()
    meta = pyhanko_signers.PdfSignatureMetadata(field_name="ChuKySo1", subfilter=pdf_signer.SigSeedSubFilter.PADES)
    pyhanko_signers.PdfSigner(meta, signer=signer).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), output=out)
    monkeypatch.undo()
    return out.getvalue()


def _registered_long_ago(identity, *, unit, actor):
    """A certificate registered while it was in force (registering it today would be refused)."""
    return SigningCertificate.objects.create(unit=unit, label="Token cũ", uploaded_by=actor,
                                             **signatures.certificate_facts(identity.cert))


def test_a_signature_made_while_the_certificate_was_in_force_stays_good_after_it_expires(
        monkeypatch, cast, tree, plan, ca):
    old = make_signer(ca, not_before=NOW - datetime.timedelta(days=800), not_after=NOW - datetime.timedelta(days=2))
    registered = _registered_long_ago(old, unit=tree.ha_hoa, actor=cast.bob)
    signed = _signed_at(monkeypatch, frozen(plan), old, NOW - datetime.timedelta(days=10))
    (found,) = signatures.verify_pdf(signed, trusted=[registered]).signatures
    assert found.valid_on_signing_date and found.trusted and found.ok, found.problems


def test_a_signature_dated_after_the_certificate_expired_is_not_trusted(monkeypatch, cast, tree, plan, ca):
    old = make_signer(ca, not_before=NOW - datetime.timedelta(days=800), not_after=NOW - datetime.timedelta(days=2))
    registered = _registered_long_ago(old, unit=tree.ha_hoa, actor=cast.bob)
    signed = _signed_at(monkeypatch, frozen(plan), old, NOW - datetime.timedelta(days=1))
    (found,) = signatures.verify_pdf(signed, trusted=[registered]).signatures
    assert found.intact and not found.valid_on_signing_date and not found.trusted
    assert any("không có hiệu lực vào thời điểm ký" in problem for problem in found.problems)


def test_a_pdf_locked_by_a_password_is_neither_signed_nor_checked(certificate):
    locked = tiny_pdf(password="khoa")
    assert signatures.verify_pdf(locked).problems == ["Tệp PDF được đặt mật khẩu, không ký hoặc kiểm tra được."]
    with pytest.raises(ValidationError):
        sign(locked, certificate)
