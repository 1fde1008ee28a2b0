"""Reports on a plan's milestones: the issuer's page of who reported (and how late), the consolidated report as
Word or PDF, and a unit's own report — started, edited, sent, returned."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from units.confirmation import Confirmation
from units.downloads import download
from units.forms import add_service_errors, int_or_none
from units.models import Unit
from units.scoping import has_role, holds_role_at

from campaigns.models import Milestone, Plan

from awards.documents.plan_report import render_plan_report_docx, render_plan_report_pdf
from awards.forms.plan_reports import PlanReportForm, ReportFileForm, ReturnReasonForm
from awards.models import PlanReport, PlanReportAttachment
from awards.rules import plan_reports as rules
from awards.rules.plan_reports import Action as A
from awards.services import plan_reports as services
from awards.views.attachments import uploaded_pdf

PAGE_SIZE = 50
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _plan_and_milestone(request, pk, data):
    """The plan the user may see and its report milestone chosen by ``moc`` (the first one by default)."""
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("issuing_unit"), pk=pk)
    milestones = list(plan.milestones.filter(kind__in=Milestone.REPORT_KINDS).order_by("date", "pk"))
    chosen = int_or_none(data.get("moc"))
    milestone = next((m for m in milestones if m.pk == chosen), None) if chosen else next(iter(milestones), None)
    if milestone is None:
        raise Http404("Kế hoạch không có mốc báo cáo này.")
    milestone.plan = plan
    return plan, milestones, milestone


def _row(unit, milestone, today):
    if unit.report_status == PlanReport.Status.SENT:
        state = "Đã gửi"
    elif unit.report_id:
        state = "Đang soạn"
    else:
        state = "Chưa báo cáo"
    late = rules.days_late(milestone.date, unit.report_sent_at, today)
    return {"unit": unit, "state": state, "late": late, "sent": unit.report_status == PlanReport.Status.SENT}


@require_GET
def plan_report_status(request, pk):
    """Who owes a report by the milestone: sent (on time or how many days late), being drafted, not started."""
    plan, milestones, milestone = _plan_and_milestone(request, pk, request.GET)
    today = timezone.localdate()
    units = rules.reporting_units(milestone)
    counts = rules.report_state_counts(units)
    state = request.GET.get("tinh_trang")
    if state in rules.REPORT_STATES:
        units = units.filter(rules.REPORT_STATES[state][1])
    else:
        state = ""
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("trang"))
    # The filter links, each with its count: "Chưa báo cáo (147)" is what the issuer looks at first.
    states = [{"key": key, "label": label, "count": counts[key.replace("-", "_")], "current": key == state}
              for key, (label, _condition) in rules.REPORT_STATES.items()]
    rows = [_row(unit, milestone, today) for unit in page.object_list]
    receives = has_role(request.user, plan.issuing_unit, rules.RECEIVERS)
    drafts_for = {unit.pk for unit in page.object_list if holds_role_at(request.user, unit, rules.DRAFTERS)}
    return render(request, "awards/plan_report_status.html", {
        "plan": plan, "milestones": milestones, "milestone": milestone, "page": page, "rows": rows,
        "receives": receives, "drafts_for": drafts_for, "states": states, "state": state,
        "total": sum(counts.values()),
        "consolidated": rules.consolidate(milestone, plan.issuing_unit) if receives else None,
        "labels": rules.FIGURE_LABELS,
    })


def _consolidated_document(request, pk, render_document, extension, content_type):
    plan, _milestones, milestone = _plan_and_milestone(request, pk, request.GET)
    if not has_role(request.user, plan.issuing_unit, rules.RECEIVERS):
        raise PermissionDenied("Chỉ đơn vị ban hành kế hoạch tổng hợp được báo cáo.")
    content = render_document(milestone, plan.issuing_unit, rules.consolidate(milestone, plan.issuing_unit),
                              rules.result_sections(plan))
    return download(content, f"bao-cao-ket-qua-ke-hoach-{plan.pk}-{milestone.date:%Y%m%d}.{extension}",
                    content_type=content_type)


@require_GET
def plan_report_docx(request, pk):
    return _consolidated_document(request, pk, render_plan_report_docx, "docx", DOCX)


@require_GET
def plan_report_pdf(request, pk):
    return _consolidated_document(request, pk, render_plan_report_pdf, "pdf", "application/pdf")


@require_POST
def plan_report_start(request, pk):
    """Open the unit's report on the milestone (made on first use, prefilled) and go to it."""
    _plan, _milestones, milestone = _plan_and_milestone(request, pk, request.POST)
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=int_or_none(request.POST.get("don_vi")) or 0)
    report = services.start_plan_report(milestone, unit, actor=request.user)
    return redirect("awards:plan_report", report.pk)


def _report_or_404(request, pk):
    return get_object_or_404(PlanReport.objects.visible_to(request.user)
                             .select_related("unit", "milestone__plan__issuing_unit", "sent_by", "returned_by"), pk=pk)


@require_http_methods(["GET", "POST"])
def plan_report(request, pk):
    """The unit's report: a form while it is a draft and the user writes for the unit, else the report as sent."""
    report = _report_or_404(request, pk)
    actions = rules.allowed_actions(request.user, report)
    results = list(report.results.select_related("section"))
    form = None
    if A.EDIT in actions:
        report_with_results = report
        report_with_results._prefetched_objects_cache = {"results": results}
        form = PlanReportForm(request.POST or None, report=report_with_results)
        if request.method == "POST" and form.is_valid():
            try:
                services.save_plan_report(report, actor=request.user, **form.service_arguments())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Đã lưu báo cáo.")
                return redirect("awards:plan_report", report.pk)
    elif request.method == "POST":
        raise PermissionDenied("Báo cáo đã gửi hoặc bạn không sửa được báo cáo này.")
    return render(request, "awards/plan_report.html", {
        "report": report, "plan": report.milestone.plan, "results": results, "form": form, "actions": actions,
        "files": list(report.attachments.all()), "file_form": ReportFileForm() if form is not None else None,
        "labels": rules.FIGURE_LABELS, "figures": [(rules.FIGURE_LABELS[n], getattr(report, n)) for n in rules.FIGURES],
    }, status=400 if form is not None and form.is_bound else 200)


@require_POST
def plan_report_send(request, pk):
    report = _report_or_404(request, pk)
    try:
        services.send_plan_report(report, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã gửi báo cáo lên {report.milestone.plan.issuing_unit.name}.")
    return redirect("awards:plan_report", report.pk)


@require_http_methods(["GET", "POST"])
def plan_report_return(request, pk):
    """GET: what returning the report does and the reason to give; POST: return it."""
    report = _report_or_404(request, pk)
    back = reverse("awards:plan_report", args=[report.pk])
    if A.RETURN not in rules.allowed_actions(request.user, report):
        if not report.is_sent:
            messages.warning(request, f"Báo cáo đang ở tình trạng “{report.get_status_display()}”.")
            return redirect(back)
        raise PermissionDenied("Bạn không trả lại được báo cáo này.")
    form = ReturnReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.return_plan_report(report, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã trả lại báo cáo cho {report.unit.name}.")
            return redirect(back)
    page = Confirmation(heading=f"Trả lại báo cáo của {report.unit.name}",
                        action=reverse("awards:plan_report_return", args=[report.pk]),
                        confirm_label="Xác nhận trả lại", back=back, back_label="Quay lại báo cáo",
                        lead="Báo cáo trở về “Đang soạn”; đơn vị đọc được lý do trả lại trên báo cáo.", tone="warning")
    page.add("Đơn vị", report.unit.name)
    page.add("Mốc báo cáo", str(report.milestone))
    return render(request, "confirmation.html", {"confirmation": page, "form": form, "breadcrumbs": [
        (report.milestone.plan.reference_label, report.milestone.plan.get_absolute_url()),
        ("Báo cáo", back)]}, status=400 if form.is_bound else 200)


@require_POST
def plan_report_attach(request, pk):
    """Attach a PDF to the draft report; a refused file comes back as a message, the report unchanged."""
    report = _report_or_404(request, pk)
    form = ReportFileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("file", ["Chọn tệp PDF."])))
        return redirect("awards:plan_report", report.pk)
    try:
        attachment = services.attach_report_file(report, actor=request.user, upload=form.cleaned_data["file"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã thêm tài liệu {attachment.original_name}.")
    return redirect("awards:plan_report", report.pk)


def _visible_file(request, pk):
    return get_object_or_404(PlanReportAttachment.objects.visible_to(request.user).select_related("report"), pk=pk)


@require_safe
def plan_report_file(request, pk):
    """The PDF, to someone who may see the report, under its original name; always a download."""
    attachment = _visible_file(request, pk)
    return uploaded_pdf(attachment.file, attachment.original_name)


@require_POST
def plan_report_file_remove(request, pk):
    attachment = _visible_file(request, pk)
    try:
        services.remove_report_file(attachment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã xóa tài liệu {attachment.original_name}.")
    return redirect("awards:plan_report", attachment.report_id)
