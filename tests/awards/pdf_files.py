"""Real PDF files for tests, made with pypdf, and a helper that completes a list's dossier."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from awards.services import attachments


def tiny_pdf(pages: int = 1, *, password: str | None = None) -> bytes:
    """A real PDF of ``pages`` blank A4 pages (locked with ``password`` when given)."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password is not None:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_upload(name: str = "tai-lieu.pdf", content: bytes | None = None, **pdf) -> SimpleUploadedFile:
    """An uploaded file as a browser would send it (content defaults to a real one-page PDF)."""
    return SimpleUploadedFile(name, tiny_pdf(**pdf) if content is None else content, content_type="application/pdf")


def attach_missing(nomination_list, *, actor):
    """Attach a tiny PDF for every document the list and its lines still lack; return what was attached."""
    dossier = attachments.missing_documents(nomination_list)
    attached = [attachments.attach(nomination_list, actor=actor, kind=missing.kind, upload=pdf_upload())
                for missing in dossier.list_missing]
    for line in dossier.lines:
        for missing in dossier.line_missing[line.pk]:
            attached.append(attachments.attach(nomination_list, actor=actor, kind=missing.kind, line=line,
                                               upload=pdf_upload()))
    return attached
