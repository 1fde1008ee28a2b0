"""A unit's certificates: read a PKCS#12 or a bare certificate, register it, stop using it."""

import hashlib
from functools import partial

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from units import dates
from units.models import Membership
from units.scoping import acting_in, holds_role_at
from units.storage import files_removed_on_rollback

from awards.models import SigningCertificate
from awards.storage import delete_private_files, private_storage

R = Membership.Role
# Who registers a unit's certificates, and who signs with them: the unit's own people.
MANAGING_ROLES = frozenset({R.UNIT_ADMIN, R.APPROVER})
SIGNING_ROLES = frozenset({R.APPROVER})
CERTIFICATE_MAX_BYTES = 100 * 1024  # a certificate or a PKCS#12 file is a few kilobytes
CERTIFICATE_SUFFIXES = (".cer", ".crt", ".pem", ".der")


def official_datetime(moment) -> str:
    """"ngày 05 tháng 02 năm 2025, 10:15" in the portal's time zone."""
    if moment is None:
        return "không rõ thời điểm"
    local = timezone.localtime(moment)
    return f"{dates.in_words(local.date())}, {local:%H:%M}"


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

    return Unit.objects.in_force().filter(acting_in(user, MANAGING_ROLES)).order_by("name")


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
    with files_removed_on_rollback("private") as saved:
        if is_pkcs12:
            stored = private_storage().save(certificate.key_file.field.generate_filename(certificate, name),
                                            ContentFile(data))
            saved.append(stored)
            certificate.key_file.name = stored
        certificate.save()
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
