"""Dossier documents as HTML and as PDF (WeasyPrint), in the print stylesheets of the plans."""

from django.template.loader import render_to_string

from campaigns.documents.pdf import html_to_pdf, stylesheet_path

from awards.documents.document import DossierDocument

TEMPLATE = "pdf/dossier_document.html"
DOSSIER_STYLESHEET = "print-dossier.css"


def render_html(doc: DossierDocument) -> str:
    return render_to_string(TEMPLATE, {"doc": doc, "stylesheet": stylesheet_path().as_uri(),
                                       "dossier_stylesheet": stylesheet_path(DOSSIER_STYLESHEET).as_uri()})


def render_pdf(doc: DossierDocument) -> bytes:
    """A4, Decree 30 margins, Liberation Serif embedded, page numbers from page 2."""
    return html_to_pdf(render_html(doc))
