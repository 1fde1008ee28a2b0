"""Renderers of plans: objects in, bytes (or text) out.

- ``render_plan_html(plan, for_print=True)``: the HTML WeasyPrint prints; ``for_print=False`` gives
  the document element alone for the browser preview (link ``css/print.css`` on that page).
- ``render_plan_pdf(plan)``: A4 PDF (WeasyPrint).
- ``render_plan_docx(plan)``: Word file (python-docx), same layout.
- ``plan_document(plan)``: the format-neutral description both walk; the context ``doc`` of
  templates/campaigns/includes/plan_document.html.
"""

from campaigns.documents.common import plan_document
from campaigns.documents.docx import render_plan_docx
from campaigns.documents.pdf import render_plan_html, render_plan_pdf

__all__ = ["plan_document", "render_plan_docx", "render_plan_html", "render_plan_pdf"]
