"""Award records to print papers for, and reading printed papers back (text and QR code)."""

import datetime
import io

from pypdf import PdfReader

from awards.models import AwardRecord, AwardType

from tests.conftest import make_person

PROVINCE_CHAIR = "Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ"


def make_record(subject, code="BK_TINH", *, number="125/QĐ-UBND", body=PROVINCE_CHAIR, year=2025,
                date=datetime.date(2026, 2, 5), **fields):
    """An award ``subject`` (a person or a unit) received by decision ``number`` of ``body``."""
    key = "person" if subject.__class__.__name__ == "Person" else "collective"
    return AwardRecord.objects.create(**{key: subject}, award=AwardType.objects.get(code=code), year=year,
                                      decision_number=number, decision_date=date, issuing_body=body,
                                      source=AwardRecord.Source.PORTAL, **fields)


def recipients(unit, count, prefix="Nguyễn Văn"):
    return [make_person(f"{prefix} {i:03d}", unit, position="Cán bộ địa chính") for i in range(count)]


def pdf_pages_text(data: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages]


def qr_texts(data: bytes, page=0) -> list[str]:
    """The QR codes printed on one page, read back from a 200 dpi image of it as a phone camera would."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(data)
    try:
        image = document[page].render(scale=200 / 72).to_pil()
    finally:
        document.close()
    return [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
