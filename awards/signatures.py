"""Digital signatures (PAdES) on the PDFs the portal issues: register a certificate, sign, verify.

Signing and checking take bytes and give bytes or a report; they know nothing of plans or
decisions, so any issued document can be signed with ``sign_document_pdf(unit, pdf, …)``.
A PKCS#12 file is kept exactly as uploaded, still locked by its passphrase; the passphrase is
never stored and is asked again at every signing. A certificate registered without a key only
makes signatures made elsewhere (a USB token in desktop software) count as the unit's.

Trust is the portal's register: a signature is trusted when its certificate, or a certificate
above it in its chain, is registered and in use, and the certificate was valid on the signing
date. No revocation list is fetched (many intranets cannot reach the CA); that is said on the page.
"""

import asyncio
import concurrent.futures
import datetime
import hashlib
import io
import logging
from dataclasses import dataclass, field
from functools import partial

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from units.models import Membership
from units.scoping import holds_role_at, units_with_role

from .models import SignedPlanCopy, SigningCertificate
from .storage import delete_private_files, private_storage

log = logging.getLogger(__name__)

R = Membership.Role
# Who registers a unit's certificates, and who signs with them: the unit's own people.
MANAGING_ROLES = frozenset({R.UNIT_ADMIN, R.APPROVER})
SIGNING_ROLES = frozenset({R.APPROVER})
CERTIFICATE_MAX_BYTES = 100 * 1024  # a certificate or a PKCS#12 file is a few kilobytes
CERTIFICATE_SUFFIXES = (".cer", ".crt", ".pem", ".der")

MODIFICATION_WORDS = {
    ModificationLevel.NONE: "không có thay đổi nào sau khi ký",
    ModificationLevel.LTA_UPDATES: "chỉ bổ sung dữ liệu lưu trữ dài hạn (dấu thời gian, thông tin kiểm tra)",
    ModificationLevel.FORM_FILLING: "có thêm chữ ký khác hoặc nội dung điền vào ô biểu mẫu",
    ModificationLevel.ANNOTATIONS: "có thêm ghi chú, đánh dấu (annotation) sau khi ký",
    ModificationLevel.OTHER: "nội dung tệp đã bị sửa đổi sau khi ký",
}


def _outside_event_loop(call):
    """Run ``call`` where no asyncio loop runs: pyHanko's sync API calls ``asyncio.run`` itself,
    which fails in a thread that already runs a loop (an async server, a browser-test driver)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


# ---------------------------------------------------------------------------------------------
# Certificates
# ---------------------------------------------------------------------------------------------

def official_datetime(moment) -> str:
    """"ngày 05 tháng 02 năm 2025, 10:15" in the portal's time zone."""
    if moment is None:
        return "không rõ thời điểm"
    local = timezone.localtime(moment)
    return f"ngày {local:%d} tháng {local:%m} năm {local:%Y}, {local:%H:%M}"


def _attribute(name: x509.Name, oid) -> str:
    values = name.get_attributes_for_oid(oid)
    return ", ".join(str(v.value) for v in values)


def certificate_facts(cert: x509.Certificate) -> dict:
    """The model fields read off a certificate."""
    from cryptography.x509.oid import NameOID

    subject = cert.subject
    return {
        "certificate_pem": cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
        "subject_name": (_attribute(subject, NameOID.COMMON_NAME) or subject.rfc4514_string())[:255],
        "subject_organisation": _attribute(subject, NameOID.ORGANIZATION_NAME)[:255],
        "issuer_name": (_attribute(cert.issuer, NameOID.COMMON_NAME) or cert.issuer.rfc4514_string())[:255],
        "serial_number": format(cert.serial_number, "X")[:80],
        "fingerprint_sha256": hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest(),
        "not_before": cert.not_valid_before_utc,
        "not_after": cert.not_valid_after_utc,
    }


def read_certificate(data: bytes, name: str = "") -> x509.Certificate:
    """A certificate from PEM or DER bytes (.cer, .crt, .pem), or a Vietnamese refusal."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise ValidationError(f"Tệp “{name}” không phải chứng thư số X.509 (.cer, .crt, .pem) đọc được. Hãy xuất "
                              "lại chứng thư từ phần mềm ký số hoặc lấy từ tổ chức cung cấp dịch vụ.",
                              code="not_certificate") from None


def read_pkcs12(data: bytes, passphrase: str, name: str = ""):
    """(private key, certificate, chain) from a PKCS#12 file, or a Vietnamese refusal."""
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, passphrase.encode("utf-8") if passphrase else None)
    except ValueError:
        # cryptography says the same for a wrong passphrase and a damaged file; a file that
        # is not PKCS#12 at all does not even start with an ASN.1 sequence.
        if not data.startswith(b"\x30"):
            raise ValidationError(f"Tệp “{name}” không phải tệp chữ ký số PKCS#12 (.p12, .pfx).",
                                  code="not_pkcs12") from None
        raise ValidationError(f"Mật khẩu của tệp “{name}” không đúng (hoặc tệp bị hỏng). Hãy nhập lại mật khẩu "
                              "đã đặt khi xuất tệp .p12/.pfx.", code="wrong_passphrase") from None
    if key is None or cert is None:
        raise ValidationError(f"Tệp “{name}” không chứa cả chứng thư số và khóa bí mật, nên không ký được. "
                              "Hãy xuất lại kèm khóa bí mật.", code="no_key")
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(*spki) != cert.public_key().public_bytes(*spki):
        raise ValidationError(f"Khóa bí mật trong tệp “{name}” không thuộc chứng thư số đi kèm.", code="key_mismatch")
    return key, cert, chain


def _require_in_force(cert: x509.Certificate, name: str, now=None):
    now = now or timezone.now()
    if cert.not_valid_after_utc < now:
        raise ValidationError(f"Chứng thư số trong tệp “{name}” đã hết hạn "
                              f"{official_datetime(cert.not_valid_after_utc)}. Hãy gia hạn hoặc xin cấp chứng thư "
                              "mới rồi đăng ký lại.", code="expired")
    if cert.not_valid_before_utc > now:
        raise ValidationError(f"Chứng thư số trong tệp “{name}” chỉ có hiệu lực từ "
                              f"{official_datetime(cert.not_valid_before_utc)}.", code="not_yet_valid")


def can_manage_certificates(user, unit) -> bool:
    return holds_role_at(user, unit, MANAGING_ROLES)


def managed_units(user):
    """Units whose certificates ``user`` may register (their own units as unit admin or approver)."""
    from units.models import Unit

    units = Unit.objects.in_force().order_by("name")
    if user.is_superuser:
        return units
    return units.filter(pk__in=units_with_role(user, MANAGING_ROLES))


def register_certificate(*, actor, unit, label: str, upload, passphrase: str = "") -> SigningCertificate:
    """Register a .p12/.pfx (checked with its passphrase, kept locked) or a bare certificate to trust.

    Nothing is written unless the file is good: right passphrase, key and certificate inside, in force.
    """
    if not can_manage_certificates(actor, unit):
        raise PermissionDenied("Bạn không có quyền đăng ký chứng thư số cho đơn vị này.")
    name = upload.name
    if not upload.size:
        raise ValidationError(f"Tệp “{name}” rỗng.", code="empty")
    if upload.size > CERTIFICATE_MAX_BYTES:
        raise ValidationError(f"Tệp “{name}” quá lớn cho một chứng thư số (tối đa 100 KB).", code="too_large")
    upload.seek(0)
    data = upload.read()
    # The name says what the file claims to be; a file with another name is read as a
    # certificate first, and as PKCS#12 only if a passphrase came with it.
    lowered = name.lower()
    is_pkcs12 = lowered.endswith((".p12", ".pfx"))
    if not is_pkcs12 and passphrase and not lowered.endswith(CERTIFICATE_SUFFIXES):
        try:
            read_certificate(data, name)
        except ValidationError:
            is_pkcs12 = True
    if is_pkcs12:
        _key, cert, _chain = read_pkcs12(data, passphrase, name)
    else:
        cert = read_certificate(data, name)
    _require_in_force(cert, name)
    facts = certificate_facts(cert)
    if SigningCertificate.objects.filter(unit=unit, fingerprint_sha256=facts["fingerprint_sha256"]).exists():
        raise ValidationError(f"Chứng thư số của {facts['subject_name']} (số hiệu {facts['serial_number']}) đã được "
                              f"đăng ký cho {unit.name}.", code="duplicate")
    certificate = SigningCertificate(unit=unit, label=label.strip() or facts["subject_name"], uploaded_by=actor,
                                     **facts)
    certificate.full_clean(exclude=["key_file"], validate_constraints=False)
    stored = None
    try:
        with transaction.atomic():
            if is_pkcs12:
                stored = private_storage().save(certificate.key_file.field.generate_filename(certificate, name),
                                                ContentFile(data))
                certificate.key_file.name = stored
            certificate.save()
    except BaseException:
        if stored is not None:
            delete_private_files([stored])
        raise
    return certificate


@transaction.atomic
def deactivate_certificate(certificate, *, actor) -> SigningCertificate:
    """Stop signing with and trusting a certificate; its key file is deleted once committed."""
    locked = (SigningCertificate.objects.select_for_update(of=("self",)).visible_to(actor).select_related("unit")
              .get(pk=certificate.pk))
    if not can_manage_certificates(actor, locked.unit):
        raise PermissionDenied("Bạn không có quyền ngừng dùng chứng thư số của đơn vị này.")
    if not locked.is_active:
        raise ValidationError("Chứng thư số này đã ngừng dùng.")
    key = locked.key_file.name
    locked.is_active, locked.deactivated_by, locked.deactivated_at = False, actor, timezone.now()
    # A key no one may use any more is not worth keeping on the server.
    locked.key_file = ""
    locked.save(update_fields=["is_active", "deactivated_by", "deactivated_at", "key_file"])
    if key:
        transaction.on_commit(partial(delete_private_files, [key]))
    return locked


# ---------------------------------------------------------------------------------------------
# Signing
# ---------------------------------------------------------------------------------------------

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


def _open(pdf: bytes) -> PdfFileReader:
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
    reader = _open(pdf)
    signer = _signer(certificate, passphrase)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name or f"ChuKySo{_signature_count(reader) + 1}", reason=reason, location=location,
        subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256", name=certificate.subject_name,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    out = io.BytesIO()
    _outside_event_loop(lambda: signers.PdfSigner(meta, signer=signer).sign_pdf(writer, output=out))
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
    if not user.is_superuser:
        plans = plans.filter(issuing_unit__in=units_with_role(user, SIGNING_ROLES))
    return plans[:limit]


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
    stored = None
    try:
        with transaction.atomic():
            Plan.objects.visible_to(actor).select_for_update().get(pk=plan.pk)
            copy = SignedPlanCopy(plan=plan, certificate=signed.certificate, sha256=signed.sha256,
                                  source_sha256=source_sha256, size=len(signed.data), reason=reason,
                                  location=plan.place, signed_by=actor)
            copy.full_clean(exclude=["file"])
            stored = private_storage().save(copy.file.field.generate_filename(copy, "ban-ky.pdf"),
                                            ContentFile(signed.data))
            copy.file.name = stored
            copy.save()
    except BaseException:
        if stored is not None:
            delete_private_files([stored])
        raise
    return copy


# ---------------------------------------------------------------------------------------------
# Verification
# ---------------------------------------------------------------------------------------------

@dataclass
class SignatureFinding:
    """What the check found about one signature in a file."""

    field_name: str
    signer_name: str = ""
    signer_organisation: str = ""
    issuer_name: str = ""
    serial_number: str = ""
    fingerprint_sha256: str = ""
    signing_time: datetime.datetime | None = None
    reason: str = ""
    location: str = ""
    intact: bool = False  # the signed bytes hash to the value inside the signature
    valid: bool = False  # ... and the signature over that hash checks with the certificate's key
    covers_whole_file: bool = False
    modification: str = ""
    changed_after_signing: bool = True
    registered: SigningCertificate | None = None
    trusted: bool = False
    valid_on_signing_date: bool = False
    problems: list[str] = field(default_factory=list)
    level: ModificationLevel | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def signing_time_words(self) -> str:
        return official_datetime(self.signing_time)


@dataclass
class SignatureReport:
    """The result of checking a PDF's digital signatures, phrased for the page."""

    signatures: list[SignatureFinding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def is_signed(self) -> bool:
        return bool(self.signatures)

    @property
    def all_ok(self) -> bool:
        return self.is_signed and not self.problems and all(s.ok for s in self.signatures)


def _to_asn1(pem: str) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(x509.load_pem_x509_certificate(pem.encode("ascii"))
                                      .public_bytes(serialization.Encoding.DER))


def _name_part(name: asn1_x509.Name, key: str) -> str:
    value = name.native.get(key, "")
    return ", ".join(value) if isinstance(value, list) else str(value or "")


def _registered_for(path_certs, fingerprints: dict) -> SigningCertificate | None:
    """The registered certificate the signer's chain ends in: the signer's own, or a CA's above it."""
    for cert in path_certs:
        found = fingerprints.get(hashlib.sha256(cert.dump()).hexdigest())
        if found is not None:
            return found
    return None


def _check_one(embedded, roots, fingerprints) -> SignatureFinding:
    finding = SignatureFinding(field_name=embedded.field_name or "")
    moment = embedded.self_reported_timestamp
    # Judge the certificate as of the signing date, so a file signed while the certificate was
    # in force stays good after it expires.
    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail",
                                moment=moment, best_signature_time=moment)
    status = validate_pdf_signature(embedded, context)
    cert = status.signing_cert
    finding.signer_name = _name_part(cert.subject, "common_name")
    finding.signer_organisation = _name_part(cert.subject, "organization_name")
    finding.issuer_name = _name_part(cert.issuer, "common_name") or cert.issuer.human_friendly
    finding.serial_number = format(cert.serial_number, "X")
    finding.fingerprint_sha256 = hashlib.sha256(cert.dump()).hexdigest()
    finding.signing_time = status.signer_reported_dt
    sig_object = embedded.sig_object
    finding.reason = str(sig_object.get("/Reason", "") or "")
    finding.location = str(sig_object.get("/Location", "") or "")
    finding.intact, finding.valid = status.intact, status.valid
    finding.covers_whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    level = status.modification_level
    finding.changed_after_signing = not finding.covers_whole_file
    finding.modification = (MODIFICATION_WORDS.get(level, MODIFICATION_WORDS[ModificationLevel.OTHER])
                            if finding.changed_after_signing else MODIFICATION_WORDS[ModificationLevel.NONE])
    chain = list(status.validation_path.iter_certs(include_root=True)) if status.validation_path else []
    finding.registered = _registered_for([cert, *chain], fingerprints)
    moment_signed = finding.signing_time or timezone.now()
    finding.valid_on_signing_date = (cert.not_valid_before <= moment_signed <= cert.not_valid_after)
    finding.trusted = bool(status.trusted and finding.registered is not None and finding.valid_on_signing_date)

    problems = finding.problems
    if not finding.intact:
        problems.append("Nội dung được ký đã bị thay đổi: mã băm của phần được ký không còn khớp với chữ ký. "
                        "Không dùng bản này.")
    elif not finding.valid:
        problems.append("Chữ ký không khớp với khóa của chứng thư số ghi trong tệp.")
    finding.level = level
    # Form filling is how a second signature is added; whether that is all right depends on
    # what follows (see verify_pdf).
    if finding.changed_after_signing and level is not None and level > ModificationLevel.FORM_FILLING:
        problems.append(f"Tệp đã được bổ sung hoặc sửa sau khi ký: {finding.modification}. Phần nhìn thấy "
                        "có thể khác bản đã ký.")
    elif finding.changed_after_signing and level is None:
        problems.append("Tệp có phần được thêm sau chữ ký này; không xác định được đó là thay đổi gì.")
    if finding.registered is None:
        problems.append("Chứng thư số của người ký chưa được đăng ký trên cổng (hoặc đã ngừng dùng), nên không "
                        "xác nhận được đây là chữ ký của đơn vị.")
    if not finding.valid_on_signing_date:
        problems.append(f"Chứng thư số không có hiệu lực vào thời điểm ký ({finding.signing_time_words}): hiệu "
                        f"lực từ {official_datetime(cert.not_valid_before)} "
                        f"đến {official_datetime(cert.not_valid_after)}.")
    elif finding.registered is not None and not status.trusted:
        problems.append("Không kiểm tra được chuỗi chứng thực đến chứng thư đã đăng ký.")
    return finding


def verify_pdf(pdf: bytes, *, trusted=None) -> SignatureReport:
    """Check every digital signature of a PDF against the registered certificates (all in use if None)."""
    if trusted is None:
        trusted = SigningCertificate.objects.active().select_related("unit")
    trusted = [c for c in trusted if c.is_active]
    fingerprints = {c.fingerprint_sha256: c for c in trusted}
    roots = [_to_asn1(c.certificate_pem) for c in trusted]
    report = SignatureReport()
    try:
        reader = _open(pdf)
        embedded = reader.embedded_signatures
    except ValidationError as error:
        report.problems.extend(error.messages)
        return report
    except Exception:
        report.problems.append("Không đọc được cấu trúc chữ ký của tệp PDF (tệp có thể bị hỏng).")
        return report
    if not embedded:
        report.problems.append("Tệp chưa có chữ ký số.")
        return report
    for signature in embedded:
        try:
            report.signatures.append(_outside_event_loop(partial(_check_one, signature, roots, fingerprints)))
        except Exception:
            # A mangled signature dictionary makes pyHanko raise all kinds of errors; the
            # page must still say something useful about the file.
            log.info("Could not check signature %s", signature.field_name, exc_info=True)
            report.signatures.append(SignatureFinding(
                field_name=signature.field_name or "", problems=["Chữ ký này bị hỏng, không kiểm tra được."]))
    # What was filled in after a signature is vouched for by a later signature over the whole
    # file (the usual case: a second official signs); without one, nobody vouches for it.
    last_covers_all = report.signatures[-1].covers_whole_file and report.signatures[-1].intact
    for finding in report.signatures:
        if finding.level == ModificationLevel.FORM_FILLING and not last_covers_all:
            finding.problems.append(f"Tệp đã được bổ sung sau khi ký: {finding.modification}, và phần bổ sung "
                                    "không được chữ ký nào sau đó xác nhận.")
    return report
