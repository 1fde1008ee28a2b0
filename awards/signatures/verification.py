"""Checking a PDF's signatures against the certificates registered on the portal."""

import datetime
import hashlib
import logging
from dataclasses import dataclass, field
from functools import partial

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.core.exceptions import ValidationError
from django.utils import timezone
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from awards.models import SigningCertificate
from awards.signatures.keys import official_datetime
from awards.signatures.signing import outside_event_loop, read_pdf

log = logging.getLogger(__name__)

MODIFICATION_WORDS = {
    ModificationLevel.NONE: "không có thay đổi nào sau khi ký",
    ModificationLevel.LTA_UPDATES: "chỉ bổ sung dữ liệu lưu trữ dài hạn (dấu thời gian, thông tin kiểm tra)",
    ModificationLevel.FORM_FILLING: "có thêm chữ ký khác hoặc nội dung điền vào ô biểu mẫu",
    ModificationLevel.ANNOTATIONS: "có thêm ghi chú, đánh dấu (annotation) sau khi ký",
    ModificationLevel.OTHER: "nội dung tệp đã bị sửa đổi sau khi ký",
}


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
        reader = read_pdf(pdf)
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
            report.signatures.append(outside_event_loop(partial(_check_one, signature, roots, fingerprints)))
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
