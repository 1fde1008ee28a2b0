"""A plan as HTML (print and browser preview) and as PDF through WeasyPrint."""

from django.template.loader import render_to_string

from units.printable import printable

from campaigns.documents.common import fonts_dir, plan_document

DOCUMENT_TEMPLATE = "campaigns/includes/plan_document.html"
PRINT_TEMPLATE = "pdf/plan.html"


def stylesheet_path(name="print.css"):
    """A print stylesheet of static/css; print.css has the page, the fonts and the Decree 30 header."""
    return fonts_dir().parent / "css" / name


def render_plan_html(plan, *, for_print=True) -> str:
    """The plan as HTML: a whole page for WeasyPrint, or (``for_print=False``) the document element
    alone, for a preview page that links static/css/print.css."""
    doc = plan_document(plan)
    if not for_print:
        return render_to_string(DOCUMENT_TEMPLATE, {"doc": doc})
    return render_to_string(PRINT_TEMPLATE, {"doc": doc, "stylesheet": stylesheet_path().as_uri()})


def render_plan_pdf(plan, *, progress=None) -> bytes:
    """The plan as an A4 PDF with Liberation Serif embedded (subsets).

    ``progress(percent, message)``, when given, hears of each stage: page layout is most of
    the time, so long plans rendered in the background can show how far they are.
    """
    from weasyprint import HTML  # ~0.9 s to import: only in processes that print
    from weasyprint.text.fonts import FontConfiguration

    report = progress or (lambda percent, message: None)
    html = render_plan_html(plan, for_print=True)
    report(10, "Đang dàn trang")
    fonts = FontConfiguration()
    document = HTML(string=printable(html), base_url=base_url()).render(font_config=fonts)
    report(80, f"Đã dàn {len(document.pages)} trang, đang ghi tệp PDF")
    return document.write_pdf()


def base_url() -> str:
    return stylesheet_path().parent.as_uri() + "/"


def html_to_pdf(html: str) -> bytes:
    """A whole HTML page (linking the print stylesheets by file URI) as a PDF.

    The page is made printable as a whole (units.printable): the templates escape stored text
    but leave control characters and bidi overrides in it, and the PDF must print it as read.
    """
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    return HTML(string=printable(html), base_url=base_url()).write_pdf(font_config=FontConfiguration())
