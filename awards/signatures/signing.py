"""Signing a PDF with a unit's certificate (PAdES baseline, as an incremental update)."""

import asyncio
import concurrent.futures
import hashlib
import io
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter

from units.scoping import acting_in, holds_role_at
from units.storage import files_removed_on_rollback

from awards.models import SignedPlanCopy, SigningCertificate
from awards.signatures.keys import SIGNING_ROLES, official_datetime, read_pkcs12
from awards.storage import private_storage


def outside_event_loop(call):
    """Run ``call`` where no asyncio loop runs: pyHanko's sync API calls ``asyncio.run`` itself,
    which fails in a thread that already runs a loop (an async server, a browser-test driver)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


def _signer(certificate: SigningCertificate, passphrase: str) -> signers.SimpleSigner:
    if not certificate.can_sign:
        raise ValidationError(f"Cổng không giữ khóa của chứng thư “{certificate.label}”, nên không ký được trên cổng.")
    with certificate.key_file.open("rb") as handle:
        data = handle.read()
    try:
        return signers.SimpleSigner.load_pkcs12_data(data, [], passphrase=passphrase.encode("utf-8"))
    except ValueError:
        # Read it again only to say in Vietnamese what is wrong (decrypting twice would
        # double the signing time on every good passphrase).
        read_pkcs12(data, passphrase, certificate.label)
        raise


def _signature_count(reader: PdfFileReader) -> int:
    return len(reader.embedded_signatures)


def read_pdf(pdf: bytes) -> PdfFileReader:
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    except Exception:
        raise ValidationError("Tệp không đọc được như một tệp PDF.", code="unreadable") from None
    if reader.encrypted:
        raise ValidationError("Tệp PDF được đặt mật khẩu, không ký hoặc kiểm tra được.", code="encrypted")
    return reader


def sign_pdf(pdf: bytes, *, certificate: SigningCertificate, passphrase: str, reason: str, location: str = "",
             field_name: str | None = None) -> bytes:
    """The PDF with a PAdES baseline signature added as an incremental update (the earlier bytes unchanged)."""
    if not certificate.is_active:
        raise ValidationError(f"Chứng thư “{certificate.label}” đã ngừng dùng.")
    now = timezone.now()
    if not certificate.valid_at(now):
        raise ValidationError(f"Chứng thư “{certificate.label}” không còn hiệu lực (hiệu lực đến "
                              f"{official_datetime(certificate.not_after)}).", code="expired")
    reader = read_pdf(pdf)
    signer = _signer(certificate, passphrase)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name or f"ChuKySo{_signature_count(reader) + 1}", reason=reason, location=location,
        subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256", name=certificate.subject_name,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    out = io.BytesIO()
    outside_event_loop(lambda: signers.PdfSigner(meta, signer=signer).sign_pdf(writer, output=out))
    return out.getvalue()


@dataclass(frozen=True)
class SignedPdf:
    """A signed document and what to keep about it."""

    data: bytes
    sha256: str
    certificate: SigningCertificate


def can_sign_for(user, unit) -> bool:
    return holds_role_at(user, unit, SIGNING_ROLES)


def signing_certificates(unit):
    """The unit's certificates it can sign with on the portal now."""
    now = timezone.now()
    return (SigningCertificate.objects.active().filter(unit=unit, not_before__lte=now, not_after__gte=now)
            .exclude(key_file=""))


def signable_plans(user, limit=20):
    """The latest issued plans of the units ``user`` signs for: where the signing page is reached from."""
    from campaigns.models import Plan

    plans = Plan.objects.exclude(issued_pdf="").select_related("issuing_unit").order_by("-issued_at", "-pk")
    return plans.filter(acting_in(user, SIGNING_ROLES, "issuing_unit"))[:limit]


def sign_document_pdf(owner_unit, pdf_bytes: bytes, *, actor, certificate_id, passphrase: str, reason: str,
                      location: str = "") -> SignedPdf:
    """Sign a document of ``owner_unit`` with one of its certificates, if ``actor`` signs for that unit."""
    if not can_sign_for(actor, owner_unit):
        raise PermissionDenied("Bạn không có quyền ký số văn bản của đơn vị này.")
    certificate = signing_certificates(owner_unit).filter(pk=certificate_id).first()
    if certificate is None:
        raise ValidationError({"certificate": "Chọn một chứng thư số đang dùng của đơn vị."})
    data = sign_pdf(pdf_bytes, certificate=certificate, passphrase=passphrase, reason=reason,
                    location=location or owner_unit.short_name or owner_unit.name)
    return SignedPdf(data=data, sha256=hashlib.sha256(data).hexdigest(), certificate=certificate)


def sign_plan(plan, *, actor, certificate_id, passphrase: str, reason: str) -> SignedPlanCopy:
    """Sign an issued plan's frozen PDF and keep the signed copy beside it; the frozen file is untouched."""
    from campaigns.models import Plan

    if not plan.issued_pdf:
        raise ValidationError("Kế hoạch chưa ban hành nên chưa có bản PDF để ký.")
    with plan.issued_pdf.open("rb") as handle:
        frozen = handle.read()
    source_sha256 = hashlib.sha256(frozen).hexdigest()
    if source_sha256 != plan.issued_pdf_sha256:
        raise ValidationError("Tệp PDF ban hành trên máy chủ không khớp mã băm đã lưu khi ban hành; không ký.")
    # Signing takes a moment and needs no lock: the frozen file never changes.
    signed = sign_document_pdf(plan.issuing_unit, frozen, actor=actor, certificate_id=certificate_id,
                               passphrase=passphrase, reason=reason, location=plan.place)
    with files_removed_on_rollback("private") as saved:
        Plan.objects.visible_to(actor).select_for_update().get(pk=plan.pk)
        copy = SignedPlanCopy(plan=plan, certificate=signed.certificate, sha256=signed.sha256,
                              source_sha256=source_sha256, size=len(signed.data), reason=reason,
                              location=plan.place, signed_by=actor)
        copy.full_clean(exclude=["file"])
        stored = private_storage().save(copy.file.field.generate_filename(copy, "ban-ky.pdf"),
                                        ContentFile(signed.data))
        saved.append(stored)
        copy.file.name = stored
        copy.save()
    return copy
