"""Nomination pages: the lists a user may see, one list with its lines, and the acts on them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from units.confirmation import Confirmation
from units.forms import add_service_errors
from units.jobs import live
from units.models import Job, Membership, Person, Unit
from units.params import id_param, posted_ids
from units.scoping import acting_in, acts_somewhere, has_role, holds_role_at, path_range_q

from campaigns.models import Plan

from awards.forms.dossiers import SENT_WITHOUT_NUMBER, SendingReferenceForm, sending_initial, sent_without_number
from awards.forms.nominations import NominationLineForm, NominationListForm
from awards.models import NominationLine, NominationList
from awards.rules import previews
from awards.rules.award_choices import award_choices
from awards.services import list_sending, nominations
from awards.services.nominee_export_jobs import runs_as_job
from awards.views import attachments as attachment_views
from awards.views.rows import LINES_PER_PAGE, line_row, row_context

PAGE_SIZE = 50
SHOWN_IMPORT_ERRORS = 50  # the rest are marked in the workbook handed back
R = Membership.Role


def _visible(request):
    return NominationList.objects.visible_to(request.user).select_related("unit", "plan__issuing_unit")


def _clerk_units(user):
    return Unit.objects.in_force().filter(acting_in(user, (R.CLERK,))).order_by("path")


def _open_plans(user):
    return (Plan.objects.visible_to(user).filter(status__in=nominations.OPEN_PLAN).select_related("issuing_unit")
            .order_by("-issue_year", "-pk"))


@require_http_methods(["GET", "POST"])
def nomination_lists(request):
    """The lists the user may see (optionally of one plan), and a form to start one."""
    plan = None
    plan_id = id_param(request, "ke_hoach")
    if plan_id is not None:
        plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("issuing_unit"), pk=plan_id)
    units = _clerk_units(request.user)
    can_create = acts_somewhere(request.user, (R.CLERK,))
    form = NominationListForm(request.POST or None, units=units, plans=_open_plans(request.user),
                              initial={"plan": plan.pk if plan and plan.status in nominations.OPEN_PLAN else None})
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied("Bạn không có quyền lập danh sách đề nghị khen thưởng.")
        if form.is_valid():
            try:
                created = nominations.create_list(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Đã lập danh sách đề nghị. Hãy thêm các đề nghị khen thưởng.")
                return redirect("awards:nomination_list_detail", created.pk)
    lists = _visible(request).annotate(line_count=Count("lines")).order_by("-year", "-pk")
    if plan is not None:
        lists = lists.filter(plan=plan)
    page = Paginator(lists, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "awards/nomination_list_index.html", {
        "page": page, "plan": plan, "form": form if can_create else None,
    })


def _line_form(nomination_list, data=None, initial=None):
    unit_path = nomination_list.unit.path
    return NominationLineForm(
        data, initial=initial, unit_name=nomination_list.unit.name, unit_id=nomination_list.unit_id,
        people=Person.objects.filter(path_range_q(unit_path, "unit__path")).select_related("unit")
        .order_by("unit__path", "full_name", "pk"),
        collectives=Unit.objects.in_force().filter(path_range_q(unit_path, "path")).order_by("path"),
        awards=award_choices(nomination_list), plan_list=nomination_list.plan_id is not None,
    )


def _can_edit(user, nomination_list):
    return nomination_list.is_editable and has_role(user, nomination_list.unit, nominations.EDITING_ROLES)


@require_http_methods(["GET", "POST"])
def nomination_list_detail(request, pk):
    """One list: its lines with their verdicts, the plan's deadline and quotas; while draft, a form to add a line."""
    nomination_list = get_object_or_404(_visible(request), pk=pk)
    can_edit = _can_edit(request.user, nomination_list)
    # Back from adding someone to the registry, the new person is already typed in (?ca_nhan=…).
    initial = {"person_query": request.GET.get("ca_nhan", "")[:255]}
    form = _line_form(nomination_list, request.POST or None, initial) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Bạn không sửa được danh sách đề nghị này.")
        if form.is_valid():
            try:
                line = nominations.add_line(nomination_list, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Đã thêm đề nghị {line.subject_name} ({line.award_label}) vào danh sách.")
                return line_row(nomination_list.pk, line.pk)
    plan = nomination_list.plan
    can_override = nomination_list.is_editable and holds_role_at(request.user, nomination_list.unit, (R.APPROVER,))
    # Paged: a list loaded from Excel may hold tens of thousands of lines.
    lines = Paginator(nomination_list.lines.select_related("person__unit", "collective", "award", "override_by")
                      .order_by("pk"), LINES_PER_PAGE).get_page(request.GET.get("trang"))
    latest_import = nomination_list.imports.select_related("created_by", "job").first()
    import_errors = latest_import.errors[:SHOWN_IMPORT_ERRORS] if latest_import else []
    # A long import is followed live by whoever may open its job page (the one rule: Job.visible_to).
    import_job = latest_import.job if latest_import and latest_import.job_id else None
    if import_job and not Job.objects.visible_to(request.user).filter(pk=import_job.pk).exists():
        import_job = None
    return render(request, "awards/nomination_list_detail.html", {
        "nomination_list": nomination_list, "lines": lines, "form": form,
        "can_submit": can_edit, "can_override": can_override, "latest_import": latest_import,
        "bulk_override": can_override and any(line.needs_override for line in lines),
        "import_job": live(import_job) if import_job else None, "import_errors": import_errors,
        "more_import_errors": latest_import.error_count - len(import_errors) if latest_import else 0,
        "deadline": nominations.effective_deadline(plan, nomination_list.unit) if plan else None,
        "tiers": plan.award_tiers.all() if plan else [],
        "can_attach": can_edit, **attachment_views.dossier_context(nomination_list, lines),
        "export_as_job": runs_as_job(lines.paginator.count),
        **row_context(request),
    })



@require_POST
def nomination_line_override(request, pk):
    line = get_object_or_404(NominationLine.objects.visible_to(request.user), pk=pk)
    try:
        line = nominations.override_eligibility(line, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã xác nhận lý do đề nghị {line.subject_name}.")
    return redirect("awards:nomination_list_detail", line.nomination_list_id)


@require_POST
def nomination_lines_override(request, pk):
    """The approver confirms the chosen lines at once, with one reason kept on each of them."""
    nomination_list = get_object_or_404(_visible(request), pk=pk)
    try:
        result = nominations.override_eligibility_many(
            nomination_list, actor=request.user, line_ids=posted_ids(request.POST.getlist("line")),
            reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, f"Chưa xác nhận đề nghị nào: {' '.join(error.messages)}")
    else:
        if result.confirmed:
            messages.success(request, f"Đã xác nhận {len(result.confirmed)} đề nghị: "
                                      f"{', '.join(line.subject_name for line in result.confirmed)}.")
        if result.refused:
            messages.warning(request, f"Không xác nhận {len(result.refused)} đề nghị: " + "; ".join(
                f"{line.subject_name} — {why}" if line else why for line, why in result.refused) + ".")
    return redirect("awards:nomination_list_detail", nomination_list.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def nomination_list_submit(request, pk):
    """GET: what sending the list will do (lines, awards, where they go) and its Tờ trình's number and date;
    POST: send it. A reference that fails a check shows the page again with what was typed; nothing is sent."""
    nomination_list = get_object_or_404(_visible(request), pk=pk)
    if request.method != "POST":
        return _submit_confirmation(request, nomination_list, SendingReferenceForm(initial=sending_initial()))
    form = SendingReferenceForm(request.POST)
    if not form.is_valid():
        return _submit_confirmation(request, nomination_list, form)
    try:
        list_sending.send_list(nomination_list, actor=request.user, reference=form.reference())
    except ValidationError as error:
        if set(getattr(error, "error_dict", {})) & set(form.fields):
            add_service_errors(form, error)
            return _submit_confirmation(request, nomination_list, form)
        messages.error(request, " ".join(error.messages))
    else:
        # Say where it went: the next level, and the lines the unit decides itself.
        sent = [f"hồ sơ số {d.pk} {'chờ quyết định tại đơn vị' if d.is_local else 'gửi ' + d.receiver.name}"
                for d in nomination_list.dossiers.select_related("receiver").order_by("pk")]
        messages.success(request, f"Đã gửi danh sách đề nghị khen thưởng ({'; '.join(sent)}).")
        if sent_without_number(form):
            messages.info(request, SENT_WITHOUT_NUMBER)
    return redirect("awards:nomination_list_detail", nomination_list.pk)


def _submit_confirmation(request, nomination_list, form):
    back = reverse("awards:nomination_list_detail", args=[nomination_list.pk])
    if not _can_edit(request.user, nomination_list):
        messages.warning(request, "Danh sách này đã gửi, hoặc bạn không có quyền gửi.")
        return redirect(back)
    preview = previews.list_submission(nomination_list, on=timezone.localdate())
    page = Confirmation(
        heading="Gửi danh sách đề nghị khen thưởng", back=back, back_label="Quay lại danh sách",
        action=reverse("awards:nomination_list_submit", args=[nomination_list.pk]),
        confirm_label="Xác nhận gửi danh sách", tone="success",
        lead=f"{nomination_list.title} ({nomination_list.unit.name}). Sau khi gửi, danh sách không sửa được nữa.",
        blocked=bool(preview.problem),
    )
    page.add("Số đề nghị", f"{preview.line_count} đề nghị")
    page.add("Hình thức khen thưởng", preview.awards)
    page.add("Nơi nhận", preview.destinations)
    if nomination_list.plan_id:
        page.add("Theo kế hoạch", str(nomination_list.plan))
    if preview.problem:
        page.warnings.append(preview.problem)
    if form.errors:
        page.warnings.append("Chưa gửi danh sách: xem lại số, ngày Tờ trình bên dưới; những gì đã nhập vẫn được giữ.")
    return render(request, "confirmation.html", {"confirmation": page, "form": form, "breadcrumbs": [
        ("Đề nghị khen thưởng", reverse("awards:nomination_lists")), (nomination_list.title, back)]})


@require_POST
def nomination_line_edit(request, pk):
    """Correct a draft line's class or summary; refusals come back as a message, the typed text is kept in it."""
    line = get_object_or_404(NominationLine.objects.visible_to(request.user), pk=pk)
    try:
        line = nominations.update_line(line, actor=request.user, award_class=request.POST.get("award_class", ""),
                                       summary=request.POST.get("summary", ""))
    except ValidationError as error:
        messages.error(request, f"Chưa sửa được đề nghị: {' '.join(error.messages)}")
    else:
        messages.success(request, f"Đã sửa đề nghị {line.subject_name}.")
    return redirect("awards:nomination_list_detail", line.nomination_list_id)


@require_POST
def nomination_line_remove(request, pk):
    line = get_object_or_404(NominationLine.objects.visible_to(request.user).select_related("person", "collective"),
                             pk=pk)
    name, list_pk = line.subject_name, line.nomination_list_id
    try:
        nominations.remove_line(line, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã xóa đề nghị {name} khỏi danh sách.")
    return redirect("awards:nomination_list_detail", list_pk)
