"""Downloads of the generated dossier documents: a list's Tờ trình, a line's Báo cáo thành tích (PDF, Word).

Anyone who may see the list may download them (the clerk completes and signs them; the reviewer
above reads them); everything is fetched through the scoped querysets, so another province's
list is "not found".
"""

from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from units.downloads import download
from units.security_log import record_export
from units.text import fold

from awards.models import NominationLine, NominationList

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _visible_list(request, pk):
    lists = NominationList.objects.visible_to(request.user).select_related("unit__parent", "plan__issuing_unit")
    return get_object_or_404(lists, pk=pk)


def _visible_line(request, pk):
    lines = NominationLine.objects.visible_to(request.user).select_related(
        "nomination_list__unit__parent", "plan__issuing_unit", "person__unit__parent", "collective__parent",
        "award")
    return get_object_or_404(lines, pk=pk)


def ascii_download(data, content_type, stem, extension):
    """A generated document as a download under an ASCII file name made from ``stem``."""
    # An ASCII name: "to-trinh-xa-ha-hoa-12.pdf" reads the same in every browser and mail client.
    return download(data, f"{slugify(fold(stem))}.{extension}", content_type=content_type)


def _proposal_stem(nomination_list):
    return f"to-trinh-{nomination_list.unit.name}-{nomination_list.pk}"


def _report_stem(line):
    return f"bao-cao-thanh-tich-{line.subject_name[:60]}-{line.pk}"


@require_GET
def proposal_pdf(request, pk):
    from awards.documents import render_proposal_pdf  # WeasyPrint loads only in processes that print

    nomination_list = _visible_list(request, pk)
    record_export(request, unit=nomination_list.unit, target=f"Tờ trình của danh sách #{nomination_list.pk} (PDF)")
    return ascii_download(render_proposal_pdf(nomination_list), PDF, _proposal_stem(nomination_list), "pdf")


@require_GET
def proposal_docx(request, pk):
    from awards.documents import render_proposal_docx

    nomination_list = _visible_list(request, pk)
    record_export(request, unit=nomination_list.unit, target=f"Tờ trình của danh sách #{nomination_list.pk} (Word)")
    return ascii_download(render_proposal_docx(nomination_list), DOCX, _proposal_stem(nomination_list), "docx")


@require_GET
def report_pdf(request, pk):
    from awards.documents import render_report_pdf

    line = _visible_line(request, pk)
    record_export(request, unit=line.nomination_list.unit, target=f"Báo cáo thành tích dòng #{line.pk} (PDF)")
    return ascii_download(render_report_pdf(line), PDF, _report_stem(line), "pdf")


@require_GET
def report_docx(request, pk):
    from awards.documents import render_report_docx

    line = _visible_line(request, pk)
    record_export(request, unit=line.nomination_list.unit, target=f"Báo cáo thành tích dòng #{line.pk} (Word)")
    return ascii_download(render_report_docx(line), DOCX, _report_stem(line), "docx")
