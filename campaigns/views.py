from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from units import dates
from units.confirmation import Confirmation, render_confirmation
from units.downloads import download
from units.forms import add_service_errors, int_or_none
from units.job_views import redirect_to_job
from units.models import Job, Person, Unit
from units.scoping import acting_in, acts_somewhere
from units.security_log import record_export
from units.text import fold

from campaigns import registrations, rendering, revisions, services, workflow
from campaigns.exports import build_registration_workbook
from campaigns.forms import PART_FORMSETS, ImportForm, IssueForm, PlanCreateForm, PlanForm, RegistrationForm
from campaigns.models import Plan, PlanSection, Registration

PAGE_SIZE = 50


def _visible(request):
    return Plan.objects.visible_to(request.user).select_related("issuing_unit")


def _can_draft_somewhere(user):
    return acts_somewhere(user, workflow.drafting_roles())


def _draftable_units(user):
    return Unit.objects.acting().filter(acting_in(user, workflow.drafting_roles())).order_by("path")


def plan_list(request):
    plans = _visible(request).order_by("-issue_year", "-pk")
    query = request.GET.get("q", "").strip()
    if query:
        key = fold(query)
        plans = plans.filter(Q(title__icontains=query) | Q(issuing_unit__search_key__contains=key) | Q(symbol=query))
    status = request.GET.get("trang_thai")
    if status in Plan.Status.values:
        plans = plans.filter(status=status)
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "campaigns/plan_list.html", {
        "page": page, "query": query, "status": status, "statuses": Plan.Status.choices,
        "can_create": _can_draft_somewhere(request.user),
    })


def plan_detail(request, pk):
    from campaigns.documents import render_plan_html

    plan = get_object_or_404(_visible(request).select_related("parent_plan__issuing_unit"), pk=pk)
    # How far the plan went below (units that implemented it, units that sent nominations under it) is
    # shown by awards' tag ``plan_progress_summary``: nominations are awards' rows, out of campaigns' reach.
    implementing = plan.implementing_plans.values("issuing_unit_id")
    return render(request, "campaigns/plan_detail.html", {
        "plan": plan,
        "document_html": render_plan_html(plan, for_print=False),
        "actions": [(a, workflow.ACTION_LABELS[a]) for a in workflow.allowed_actions(plan, request.user)],
        "sections": plan.sections.all(),
        "award_tiers": plan.award_tiers.all(),
        "requirements": plan.dossier_requirements.all(),
        "milestones": plan.milestones.all(),
        "references": plan.references.select_related("referenced_plan"),
        "implementing_units": services.implementing_units(plan, request.user).exclude(pk__in=implementing),
        "missing": workflow.missing_for_issue(plan) if plan.status == Plan.Status.DRAFT else [],
    })


@require_http_methods(["GET", "POST"])
def plan_create(request):
    if not _can_draft_somewhere(request.user):
        raise PermissionDenied("Bạn không có quyền soạn kế hoạch.")
    units = _draftable_units(request.user)
    form = PlanCreateForm(request.POST or None, unit_queryset=units)
    if request.method == "POST" and form.is_valid():
        plan = services.create_plan(actor=request.user, **form.cleaned_data)
        messages.success(request, "Đã tạo dự thảo kế hoạch. Hãy soạn các mục và hình thức khen thưởng.")
        return redirect("campaigns:plan_edit", plan.pk)
    return render(request, "campaigns/plan_create.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def plan_implement(request, pk):
    """Start the requesting unit's implementing plan from an issued plan above it (GET: say what it copies)."""
    parent = get_object_or_404(_visible(request), pk=pk)
    data = request.POST if request.method == "POST" else request.GET
    unit = get_object_or_404(services.implementing_units(parent, request.user), pk=int_or_none(data.get("unit")))
    if request.method != "POST":
        return _implement_confirmation(request, parent, unit)
    plan = services.create_implementing_plan(parent, actor=request.user, unit=unit)
    messages.success(request, "Đã tạo dự thảo kế hoạch triển khai, kèm căn cứ và nội dung thi đua của "
                              "kế hoạch cấp trên.")
    return redirect("campaigns:plan_edit", plan.pk)


def _implement_confirmation(request, parent, unit):
    content = [s for s in parent.sections.all() if s.kind == PlanSection.Kind.CONTENT]
    page = Confirmation(
        heading=f"Lập kế hoạch triển khai cho {unit.name}", back=parent.get_absolute_url(), back_label="Quay lại",
        action=reverse("campaigns:plan_implement", args=[parent.pk]), hidden=[("unit", unit.pk)],
        confirm_label="Xác nhận tạo kế hoạch triển khai", tone="success",
        lead=f"Thực hiện {parent.doc_type.lower()} {parent.number_label.removeprefix('Số: ')} của "
             f"{parent.issuing_unit.name}: {parent.title_one_line}",
    )
    page.add("Đơn vị lập kế hoạch", unit.name)
    page.add("Được chép sang", [f"Căn cứ: {parent.doc_type.lower()} {parent.number_label.removeprefix('Số: ')}",
                                f"{len(content)} mục nội dung thi đua",
                                "các hình thức khen thưởng thuộc thẩm quyền của đơn vị",
                                f"thời gian thi đua {dates.span(parent.period_start, parent.period_end)}".strip()])
    page.add("Sau khi tạo", "Một dự thảo mới của đơn vị để soạn tiếp; chưa gửi cho ai.")
    return render_confirmation(request, page, breadcrumbs=[
        ("Kế hoạch", reverse("campaigns:plan_list")), (parent.reference_label, parent.get_absolute_url())])


@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = get_object_or_404(_visible(request), pk=pk)
    if workflow.EDIT not in workflow.allowed_actions(plan, request.user):
        raise PermissionDenied("Kế hoạch này không sửa được (đã ban hành, hoặc bạn không có quyền).")
    data = request.POST if request.method == "POST" else None
    form = PlanForm(data, instance=plan)
    formsets = [(title, formset_class(data, instance=plan, prefix=prefix))
                for prefix, title, formset_class in PART_FORMSETS]
    _offer_citable_plans(formsets[0][1], request.user, plan)
    if data is not None and form.is_valid() and all(fs.is_valid() for _, fs in formsets):
        try:
            services.update_plan(plan, actor=request.user, expected_version=int(data.get("version", 0)),
                                 fields=form.cleaned_data, formsets=[fs for _, fs in formsets])
        except services.StaleEdit as stale:
            messages.error(request, str(stale))
            return redirect("campaigns:plan_edit", plan.pk)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu dự thảo.")
            return redirect(plan)
    return render(request, "campaigns/plan_edit.html", {"plan": plan, "form": form, "formsets": formsets})


def _offer_citable_plans(formset, user, plan):
    """A reference may link to an issued plan the user can read (its own drafts are not citable)."""
    formset.citable = (Plan.objects.visible_to(user).exclude(status=Plan.Status.DRAFT).exclude(pk=plan.pk)
                       .select_related("issuing_unit").order_by("-issue_year", "-number"))


@require_http_methods(["GET", "POST"])
def plan_issue(request, pk):
    plan = get_object_or_404(_visible(request), pk=pk)
    if workflow.ISSUE not in workflow.allowed_actions(plan, request.user):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị ban hành mới ban hành được kế hoạch dự thảo.")
    form = IssueForm(request.POST or None, initial={"number": services.suggest_number(plan.issuing_unit,
                                                                                      plan.issue_year)})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.issue_plan(plan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã ban hành kế hoạch {plan.number_label}.")
            return redirect(plan)
    missing = workflow.missing_for_issue(plan)
    confirmation = _issue_confirmation(plan, blocked=bool(missing))
    edit = reverse("campaigns:plan_edit", args=[plan.pk])
    confirmation.gaps = [(item.label, f"{edit}#{item.anchor}") for item in missing]
    confirmation.gaps_heading = "Chưa ban hành được: kế hoạch còn thiếu"
    return render(request, "campaigns/plan_issue.html", {
        "plan": plan, "form": form, "missing": missing, "confirmation": confirmation,
    })


def _issue_confirmation(plan, *, blocked):
    """What issuing does: the plan, who receives it, the awards it offers and the units below that will read it."""
    page = Confirmation(
        heading="Ban hành kế hoạch", action=reverse("campaigns:plan_issue", args=[plan.pk]),
        confirm_label="Xác nhận ban hành", tone="danger", back=plan.get_absolute_url(), back_label="Quay lại",
        lead=plan.title_one_line, blocked=blocked,
    )
    recipients = [line.strip() for line in plan.recipients.splitlines() if line.strip()]
    page.add("Đơn vị ban hành", plan.issuing_unit.name)
    page.add(f"Nơi nhận ({len(recipients)})", recipients or "chưa có")
    page.add("Hình thức khen thưởng", [tier.award_name for tier in plan.award_tiers.all()])
    page.add("Thời gian thi đua", dates.span(plan.period_start, plan.period_end))
    below = plan.issuing_unit.children.in_force().count()
    if below:
        page.add("Đơn vị cấp dưới", f"{below} đơn vị trực thuộc thấy kế hoạch và lập kế hoạch triển khai được")
    page.add("Sau khi ban hành", "Số và ngày được cố định, nội dung bị khóa, bản PDF được lưu kèm mã SHA-256 để "
                                 "đối chiếu về sau.")
    return page


ACTION_OUTCOMES = {
    workflow.START: "Kế hoạch chuyển sang “Đang thực hiện”: các đơn vị đăng ký thi đua và đề nghị khen thưởng theo "
                    "kế hoạch.",
    workflow.CLOSE: "Đợt thi đua kết thúc: kế hoạch không nhận đăng ký thi đua mới.",
    workflow.REVIEW: "Kế hoạch được đánh dấu đã tổng kết.",
}


@require_http_methods(["GET", "HEAD", "POST"])
def plan_action(request, pk, action):
    """Start, close or mark reviewed an issued plan (GET: the confirmation page)."""
    plan = get_object_or_404(_visible(request), pk=pk)
    if action not in (workflow.START, workflow.CLOSE, workflow.REVIEW):
        raise PermissionDenied
    if request.method != "POST":
        if action not in workflow.allowed_actions(plan, request.user):
            raise PermissionDenied("Bạn không thực hiện được thao tác này với kế hoạch.")
        label = workflow.ACTION_LABELS[action]
        page = Confirmation(heading=f"{label}: {plan.title_one_line}", back=plan.get_absolute_url(),
                            action=reverse("campaigns:plan_action", args=[plan.pk, action]),
                            confirm_label=f"Xác nhận: {label.lower()}")
        page.add("Kế hoạch", str(plan))
        page.add("Trạng thái", f"{plan.get_status_display()} → {workflow.next_status(plan, action).label}")
        page.add("Sau khi xác nhận", ACTION_OUTCOMES[action])
        return render_confirmation(request, page, breadcrumbs=[
            ("Kế hoạch", reverse("campaigns:plan_list")), (plan.reference_label, plan.get_absolute_url())])
    try:
        plan = services.change_status(plan, actor=request.user, action=action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Kế hoạch chuyển sang “{plan.get_status_display()}”.")
    return redirect(plan)


def plan_pdf(request, pk):
    plan = get_object_or_404(_visible(request), pk=pk)
    filename = f"ke-hoach-{plan.pk}.pdf"
    if plan.issued_pdf:
        # The frozen file, byte for byte as issued (its SHA-256 is on the plan's page).
        return download(plan.issued_pdf.open("rb"), filename, content_type="application/pdf")
    if rendering.is_long(plan):
        job = rendering.start_pdf_job(plan, actor=request.user)
        return redirect(job)
    from campaigns.documents import render_plan_pdf

    return download(render_plan_pdf(plan), filename, content_type="application/pdf")


def render_job(request, pk):
    """The old address of a plan's print: the job page now follows every long task."""
    return redirect_to_job(request, pk, Job.Kind.PLAN_PDF)


def plan_docx(request, pk):
    from campaigns.documents import render_plan_docx

    plan = get_object_or_404(_visible(request), pk=pk)
    return download(render_plan_docx(plan), f"ke-hoach-{plan.pk}.docx",
                    content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def plan_revisions(request, pk):
    plan = get_object_or_404(_visible(request), pk=pk)
    history = list(plan.revisions.select_related("created_by"))
    by_number = {r.number: r for r in history}
    diff, older, newer = None, None, None
    if len(history) >= 2:
        newer = by_number.get(int_or_none(request.GET.get("moi")), history[0])
        older = by_number.get(int_or_none(request.GET.get("cu")), history[1] if newer is history[0] else history[-1])
        diff = revisions.compare(older, newer)
    return render(request, "campaigns/plan_revisions.html", {
        "plan": plan, "history": history, "diff": diff, "older": older, "newer": newer,
    })


@require_http_methods(["GET", "POST"])
def plan_import(request):
    from campaigns.plan_import import PlanDateOutsideUnit, PlanImportError, import_plan_file, importable_units

    if not _can_draft_somewhere(request.user):
        raise PermissionDenied("Bạn không có quyền soạn kế hoạch.")
    # Units that have ended (a district before 1/7/2025, a merged province) take their own old plans.
    units = importable_units(request.user, workflow.drafting_roles())
    form = ImportForm(request.POST or None, request.FILES or None, unit_queryset=units)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan, report = import_plan_file(data=upload.read(), filename=upload.name, within_lifetime=True,
                                            unit=form.cleaned_data["issuing_unit"], actor=request.user)
        except PlanDateOutsideUnit as error:
            form.add_error("issuing_unit", str(error))
        except PlanImportError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, f"Đã nhập tệp {upload.name} thành dự thảo kế hoạch.")
            return redirect(plan)
    return render(request, "campaigns/plan_import.html", {"form": form})


@require_http_methods(["GET", "POST"])
def plan_registrations(request, pk):
    """The registrations the user may see under a plan, the roll-up by unit, and a form to add one."""
    plan = get_object_or_404(_visible(request), pk=pk)
    units = registrations.registering_units(plan, request.user)
    unit_list = list(units)
    form = RegistrationForm(
        request.POST or None, units=units, tiers=plan.award_tiers.all(),
        people=Person.objects.filter(unit__in=Unit.objects.filter(_subtrees_q(unit_list))).select_related("unit"),
        # The picker offers the people under the registering units when one holds them all (a commune and its
        # offices); otherwise all the user sees, and the form refuses anyone outside them.
        picker_unit=unit_list[0].pk if unit_list and all(u.path.startswith(unit_list[0].path) for u in unit_list)
        else None,
    )
    if request.method == "POST":
        if not unit_list:
            raise PermissionDenied("Bạn không đăng ký được theo kế hoạch này.")
        if form.is_valid():
            try:
                registrations.register(plan, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Đã ghi nhận đăng ký.")
                return redirect("campaigns:plan_registrations", plan.pk)
    rows = _registrations(plan, request)
    return render(request, "campaigns/plan_registrations.html", {
        "plan": plan, "form": form if unit_list else None, "rows": rows,
        "summary": registrations.roll_up(rows),
    })


def _subtrees_q(units):
    from units.scoping import path_range_q

    q = Q(pk__in=[])
    for unit in units:
        q |= path_range_q(unit.path, "path")
    return q


def _registrations(plan, request):
    return list(Registration.objects.visible_to(request.user).filter(plan=plan)
                .select_related("unit", "person", "collective", "award_tier").order_by("unit__path", "pk"))


@require_POST
def registration_withdraw(request, pk):
    registration = get_object_or_404(Registration.objects.visible_to(request.user).select_related("plan", "unit"),
                                     pk=pk)
    registrations.withdraw(registration, actor=request.user)
    messages.success(request, "Đã rút đăng ký.")
    return redirect("campaigns:plan_registrations", registration.plan_id)


def plan_registrations_xlsx(request, pk):
    plan = get_object_or_404(_visible(request), pk=pk)
    record_export(request, unit=plan.issuing_unit, target=f"Danh sách đăng ký thi đua của kế hoạch #{plan.pk}")
    return download(build_registration_workbook(plan, _registrations(plan, request)), f"dang-ky-thi-dua-{plan.pk}.xlsx",
                    content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
