"""Dossier documents generated from the entered data, for the clerk to complete and sign.

- ``render_proposal_pdf(nomination_list)`` / ``render_proposal_docx(nomination_list)``: the Tờ trình
  of a list, with the list attached.
- ``render_bundle_proposal_pdf(dossier)``: the Tờ trình of a bundle a level forwards upwards.
- ``render_report_pdf(line)`` / ``render_report_docx(line)``: the Báo cáo thành tích of one line, on
  the numbered form of the regulations in force (``report.report_form``).
- ``proposal_document`` / ``report_document``: the format-neutral descriptions both renderers walk.

Layout: Nghị định 30/2020/NĐ-CP, through the plans' building blocks (campaigns.documents).
"""

from awards.documents.bundle import bundle_proposal_document
from awards.documents.docx import render_docx
from awards.documents.pdf import render_pdf
from awards.documents.proposal import proposal_document
from awards.documents.report import report_document, report_form


def render_proposal_pdf(nomination_list) -> bytes:
    return render_pdf(proposal_document(nomination_list))


def render_proposal_docx(nomination_list) -> bytes:
    return render_docx(proposal_document(nomination_list))


def render_bundle_proposal_pdf(dossier) -> bytes:
    """The Tờ trình of a bundle a level forwards, addressed to its receiver."""
    return render_pdf(bundle_proposal_document(dossier))


def render_report_pdf(line) -> bytes:
    return render_pdf(report_document(line))


def render_report_docx(line) -> bytes:
    return render_docx(report_document(line))


__all__ = ["bundle_proposal_document", "proposal_document", "render_bundle_proposal_pdf", "render_proposal_docx",
           "render_proposal_pdf", "render_report_docx", "render_report_pdf", "report_document", "report_form"]
