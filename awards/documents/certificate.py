"""Certificates as print: one A4 landscape page per paper, a whole decision in one PDF.

What each paper says is gathered here (CertificatePage); the papers are drawn straight onto PDF
pages by awards.documents.certificate_drawing, a few milliseconds a paper. The same pages laid out
by WeasyPrint from templates/pdf/certificate.html (about 50 ms a paper) are kept as the reference
look the drawn papers are checked against, and as the yardstick of the certificate benchmark.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from units import dates

from campaigns.documents.pdf import html_to_pdf, stylesheet_path

from awards.documents.certificate_drawing import draw_certificates
from awards.documents.decision import signing_lines
from awards.models import Certificate, CertificateWording
from awards.rules.certificates import wording_for

TEMPLATE = "pdf/certificate.html"
DEFAULT_MERIT = "Đã có thành tích xuất sắc"


def public_url(certificate) -> str:
    """The absolute address of the paper's public check page, as its QR code carries it."""
    return settings.PUBLIC_BASE_URL.rstrip("/") + certificate.get_public_path()


def qr_svg(text: str) -> str:
    """``text`` as an inline SVG QR code (medium error correction survives a stamp or a crease)."""
    import segno

    return segno.make(text, error="m").svg_inline(scale=1, border=4, omitsize=True, svgclass="gk-qr-code",
                                                  lineclass=None)


@dataclass
class CertificatePage:
    """What one printed paper says, line by line."""

    authority: str
    verb: str
    heading: str
    recipient: str
    recipient_details: list[str]
    merit: str
    decision: str
    place_date: str
    serial: str
    copy_label: str
    url: str
    # The decision's signer: "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH", room to sign and seal, then the name.
    sign_lines: tuple[str, ...] = ()
    signer_name: str = ""

    @property
    def qr(self) -> str:
        """The QR code as inline SVG, for the HTML reference layout (the drawn paper draws its own)."""
        return mark_safe(qr_svg(self.url))  # nosec B308 B703: SVG drawn by segno from the portal's own URL

    @property
    def title(self) -> str:
        return f"{self.heading} — {self.recipient}"


def recipient_lines(record) -> tuple[str, list[str]]:
    """The name as printed (with Ông/Bà for a person) and the lines under it: position and unit."""
    if record.person_id:
        person = record.person
        title = {"male": "Ông", "female": "Bà"}.get(person.gender, "")
        details = [person.position, person.unit.name if person.unit_id else ""]
        return f"{title} {person.full_name}".strip(), [line for line in details if line]
    if record.collective_id:
        return record.collective.name, []
    return record.household, []


def certificate_page(certificate, wording: CertificateWording | None) -> CertificatePage:
    record = certificate.record
    name, details = recipient_lines(record)
    when = f"giai đoạn {record.period_label}" if record.period_label else f"năm {record.year}"
    heading = wording.heading if wording else record.award_label.upper()
    merit = wording.merit if wording else DEFAULT_MERIT
    place = certificate.series.place
    date = dates.in_words(record.decision_date)
    url = public_url(certificate)
    return CertificatePage(
        authority=record.issuing_body.strip().upper(), verb=wording.verb if wording else "TẶNG", heading=heading,
        recipient=name, recipient_details=details, merit=f"{merit} {when}.",
        decision=f"Quyết định số {record.decision_number} {date}",
        place_date=f"{place}, {date}" if place else date[:1].upper() + date[1:],
        serial=f"Số: {certificate.serial}", copy_label=certificate.copy_label, url=url,
        **signer_of(record.decision),
    )


def signer_of(decision) -> dict:
    """The signer block of the paper, from the decision that granted it (nothing for a record without one)."""
    if decision is None:
        return {}
    return {"sign_lines": tuple(signing_lines(decision)), "signer_name": decision.signer_name.strip()}


def _with_relations(certificates):
    pks = [c.pk for c in certificates]
    found = {c.pk: c for c in Certificate.objects.filter(pk__in=pks).select_related(
        "series", "record__award", "record__person__unit", "record__collective", "record__decision")}
    return [found[pk] for pk in pks]


def certificate_pages(certificates) -> list[CertificatePage]:
    """What each of ``certificates`` says, in the order given."""
    certificates = _with_relations(certificates)
    wordings = {}
    pages = []
    for certificate in certificates:
        key = (certificate.record.award_id, certificate.record.decision_date)
        if key not in wordings:  # a decision's papers share one or two awards: one query each
            wordings[key] = wording_for(certificate.record)
        pages.append(certificate_page(certificate, wordings[key]))
    return pages


def document_title(pages) -> str:
    return pages[0].title if len(pages) == 1 else f"{len(pages)} giấy khen"


def render_certificates_pdf(certificates) -> bytes:
    """All ``certificates`` in one PDF, one page each, in the order given."""
    pages = certificate_pages(certificates)
    return draw_certificates(pages, title=document_title(pages))


def render_certificate_pdf(certificate) -> bytes:
    """One paper as a one-page PDF."""
    return render_certificates_pdf([certificate])


def render_pages_html(pages) -> str:
    return render_to_string(TEMPLATE, {"pages": pages, "stylesheet": stylesheet_path("print-certificate.css").as_uri()})


def render_certificates_html(certificates) -> str:
    return render_pages_html(certificate_pages(certificates))


def render_certificates_pdf_weasyprint(certificates) -> bytes:
    """The reference layout: the same papers laid out from HTML by WeasyPrint (about 50 ms a paper)."""
    return html_to_pdf(render_certificates_html(certificates))
