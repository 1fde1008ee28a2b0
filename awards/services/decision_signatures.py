"""The digitally signed copy of an issued decision: signed on the portal, or signed elsewhere and uploaded.

Either way the copy must be the issued decision itself: signing appends to a PDF (an incremental
update), so the frozen PDF's bytes are the start of the signed file. The frozen PDF is never
touched. The decision page checks the stored copy again on every view, so it shows whether the
file on the server still matches what was signed.
"""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from units.storage import files_removed_on_rollback

from awards import signatures
from awards.models import Decision, SigningCertificate
from awards.rules.uploads import inspect_pdf
from awards.signatures import SignatureReport


@dataclass(frozen=True)
class SignedCopyState:
    """What a fresh look at the stored signed copy finds."""

    report: SignatureReport
    unchanged_on_server: bool  # the stored file still has the SHA-256 noted when it was kept

    @property
    def ok(self):
        return self.unchanged_on_server and self.report.all_ok


def _frozen_pdf(decision) -> bytes:
    if decision.is_draft or not decision.issued_pdf:
        raise ValidationError("Quyết định chưa ban hành nên chưa có bản PDF để ký số.")
    if decision.signed_pdf:
        raise ValidationError("Quyết định đã có bản ký số; bản này không thay được.")
    with decision.issued_pdf.open("rb") as handle:
        frozen = handle.read()
    if hashlib.sha256(frozen).hexdigest() != decision.issued_pdf_sha256:
        raise ValidationError("Tệp PDF ban hành trên máy chủ không khớp mã băm đã lưu khi ban hành; không ký.")
    return frozen


def _summary(report: SignatureReport) -> str:
    lines = []
    for finding in report.signatures:
        state = "hợp lệ" if finding.ok else "cần lưu ý: " + "; ".join(finding.problems)
        lines.append(f"{finding.signer_name or 'Không rõ người ký'} ({finding.signer_organisation or '—'}): {state}")
    return "\n".join(lines + report.problems)


def _keep(decision, data: bytes, *, actor, report: SignatureReport) -> Decision:
    """Store ``data`` as the decision's signed copy, under the decision's row lock."""
    with files_removed_on_rollback("private") as saved:
        locked = Decision.objects.visible_to(actor).select_for_update().get(pk=decision.pk)
        if locked.signed_pdf:
            raise ValidationError("Quyết định vừa được người khác ký số; trang đã tải lại.")
        signers = [f.signer_name for f in report.signatures if f.signer_name]
        locked.signed_pdf.save(f"quyet-dinh-{locked.pk}-ky-so.pdf", ContentFile(data), save=False)
        saved.append(locked.signed_pdf.name)
        Decision.objects.filter(pk=locked.pk).update(
            signed_pdf=locked.signed_pdf.name, signed_pdf_sha256=hashlib.sha256(data).hexdigest(),
            signature_signer=", ".join(signers), signature_summary=_summary(report),
            signature_checked_at=timezone.now())
    locked.refresh_from_db()
    return locked


def sign_decision(decision, *, actor, certificate_id, passphrase: str, reason: str) -> Decision:
    """Sign the issued decision's frozen PDF with one of the issuing unit's certificates and keep the copy."""
    frozen = _frozen_pdf(decision)
    # Signing takes a moment and needs no lock: the frozen file never changes.
    signed = signatures.sign_document_pdf(decision.issuing_unit, frozen, actor=actor, certificate_id=certificate_id,
                                          passphrase=passphrase, reason=reason, location=decision.place)
    report = signatures.verify_pdf(signed.data, trusted=[signed.certificate])
    return _keep(decision, signed.data, actor=actor, report=report)


def attach_signed_decision(decision, *, actor, upload) -> Decision:
    """Keep a copy of the issued decision signed elsewhere (a USB token in desktop software), once checked.

    Refused, with every reason, unless the file starts with the issued PDF, every signature is
    intact and valid, and each was made with a certificate the issuing unit registered.
    """
    if not signatures.can_sign_for(actor, decision.issuing_unit):
        raise PermissionDenied("Chỉ lãnh đạo ký duyệt của đơn vị ban hành được lưu bản ký số của quyết định.")
    frozen = _frozen_pdf(decision)
    inspect_pdf(upload)
    upload.seek(0)
    data = upload.read()
    unit_certificates = list(SigningCertificate.objects.active().filter(unit=decision.issuing_unit))
    report = signatures.verify_pdf(data, trusted=unit_certificates)
    problems = []
    if not data.startswith(frozen):
        problems.append("Tệp không phải bản quyết định đã ban hành trên cổng (nội dung trước chữ ký khác bản PDF "
                        "ban hành). Hãy ký số đúng tệp tải từ trang này.")
    if not report.is_signed:
        problems.extend(report.problems or ["Tệp chưa có chữ ký số."])
    for finding in report.signatures:
        if not finding.ok:
            who = finding.signer_name or "không rõ người ký"
            problems.extend(f"Chữ ký của {who}: {problem}" for problem in finding.problems)
    if problems:
        raise ValidationError(problems)
    return _keep(decision, data, actor=actor, report=report)


def signed_copy_state(decision) -> SignedCopyState | None:
    """A fresh check of the stored signed copy, or None when the decision has none."""
    if not decision.signed_pdf:
        return None
    try:
        with decision.signed_pdf.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        report = SignatureReport()
        report.problems.append("Tệp ký số không còn trên máy chủ.")
        return SignedCopyState(report=report, unchanged_on_server=False)
    unit_certificates = SigningCertificate.objects.active().filter(unit=decision.issuing_unit)
    return SignedCopyState(report=signatures.verify_pdf(data, trusted=list(unit_certificates)),
                           unchanged_on_server=hashlib.sha256(data).hexdigest() == decision.signed_pdf_sha256)
