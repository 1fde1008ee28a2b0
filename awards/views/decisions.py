"""Decision pages: a unit's decisions, drafting one over its ready lines, the decision, issuing it, downloads;
revoking an award record and the review flags that follow.

Every read goes through the scoped querysets (another province's decision is "not found"); each
act is a short view handing the validated form to awards.services.decisions or awards.services.revocations.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from units import dates
from units.confirmation import Confirmation, render_confirmation
from units.downloads import download, download_stored
from units.forms import add_service_errors, int_or_none
from units.job_views import redirect_to_job
from units.models import Job, Unit
from units.params import id_param, year_param
from units.scoping import acting_in, units_with_role
from units.security_log import record_export

from awards import signatures
from awards.forms.decisions import DecisionForm, PublicationForm, ResolveFlagForm, RevokeForm
from awards.forms.signatures import DocumentSignForm, SignedCopyUploadForm
from awards.models import AwardRecord, AwardReviewFlag, Decision, Dossier, DossierLine
from awards.rules import previews, registers
from awards.rules.certificates import certifiable_records
from awards.services import certificate_prints, decision_signatures, decisions, publication, revocations

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PAGE_SIZE = 50
LIST_SIZE = 100


def _decisions(request):
    return Decision.objects.visible_to(request.user).select_related("issuing_unit", "issued_by")


@require_safe
def decision_list(request):
    """The decision register: every decision the user may see, filtered, searched and paged, and where the
    user may draft one."""
    status = request.GET.get("trang_thai", "")
    filters = registers.DecisionFilters(
        year=year_param(request, "nam"), unit_id=id_param(request, "don_vi"),
        status=status if status in Decision.Status.values else "", query=request.GET.get("q", "")[:200].strip())
    page = Paginator(registers.decision_register(request.user, filters), PAGE_SIZE).get_page(request.GET.get("trang"))
    registers.annotate_decision_lists(page.object_list)
    # Their own units, and (for a superuser) the units with lines waiting for a decision.
    waiting = DossierLine.objects.filter(status=DossierLine.Status.READY).values("deciding_unit_id")
    drafting = (Unit.objects.filter(acting_in(request.user, decisions.DRAFTERS))
                .filter(Q(pk__in=units_with_role(request.user, decisions.DRAFTERS)) | Q(pk__in=waiting))
                .order_by("name"))
    return render(request, "awards/decision_list.html", {
        "page": page, "filters": filters, "drafting_units": list(drafting),
        "years": registers.decision_years(request.user), "issuers": registers.decision_issuers(request.user),
        "statuses": Decision.Status.choices,
    })


def _ready(unit, request):
    """The unit's ready lines, filtered by packet and award as the page asks."""
    lines = decisions.ready_lines(unit)
    packet, award = id_param(request, "ho_so"), id_param(request, "hinh_thuc")
    if packet:
        lines = lines.filter(dossier_id=packet)
    if award:
        lines = lines.filter(nomination_line__award_id=award)
    return lines, packet, award


def _editor(request, unit, form, decision=None, *, filters, held=None):
    packet, award = filters
    every = list(decisions.ready_lines(unit).values_list("dossier_id", "dossier__title",
                                                         "nomination_line__award_id", "nomination_line__award__name"))
    packets = sorted({(pk, title) for pk, title, _a, _n in every})
    awards = sorted({(pk, name) for _p, _t, pk, name in every}, key=lambda pair: pair[1])
    chosen = set(form["lines"].value() or []) if form.is_bound else set(form.initial.get("lines", []))
    chosen = {int(pk) for pk in chosen}
    if held is None:
        held = decisions.drafts_holding([line.pk for line in form.ready], besides=decision)
    for line in form.ready:
        line.held_by = held.get(line.pk)
    return render(request, "awards/decision_edit.html", {
        "unit": unit, "form": form, "decision": decision, "lines": form.ready, "chosen": chosen,
        "packets": packets, "awards": awards, "packet": packet, "award": award,
        "held": held, "holding_drafts": sorted(set(held.values()), key=lambda d: d.pk),
    }, status=400 if form.is_bound and form.errors else 200)


def _drafting_unit(request, unit_pk):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=unit_pk)
    if not decisions.may_draft(request.user, unit):
        raise PermissionDenied(f"Chỉ cán bộ TĐKT hoặc lãnh đạo của {unit.name} mới lập được quyết định.")
    return unit


@require_http_methods(["GET", "HEAD", "POST"])
def decision_create(request, unit_pk):
    """A new draft over the unit's ready lines: pick them (filters, select all), fill the fields."""
    unit = _drafting_unit(request, unit_pk)
    lines, packet, award = _ready(unit, request)
    lines = list(lines)
    if request.method != "POST":
        # Lines another draft already holds are listed but not chosen: one draft per line unless the user says so.
        held = decisions.drafts_holding([line.pk for line in lines])
        free = [line for line in lines if line.pk not in held]
        initial = {**decisions.draft_defaults(unit, free or lines, on=timezone.localdate()),
                   "lines": [line.pk for line in free]}
        return _editor(request, unit, DecisionForm(initial=initial, lines=lines), filters=(packet, award), held=held)
    form = DecisionForm(request.POST, lines=lines)
    if form.is_valid():
        try:
            decision = decisions.create_decision(unit, actor=request.user, fields=form.fields_data(),
                                                 line_ids=form.cleaned_data["lines"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu dự thảo quyết định; xem bản PDF rồi ban hành.")
            return redirect(decision)
    return _editor(request, unit, form, filters=(packet, award))


@require_http_methods(["GET", "HEAD", "POST"])
def decision_edit(request, pk):
    decision = get_object_or_404(_decisions(request), pk=pk)
    if not decision.is_draft:
        messages.warning(request, "Quyết định đã ban hành, không sửa được nữa.")
        return redirect(decision)
    unit = _drafting_unit(request, decision.issuing_unit_id)
    own = list(decision.lines.values_list("pk", flat=True))
    lines, packet, award = _ready(unit, request)
    # The draft's own lines stay listed (and chosen) whatever the filter shows besides them.
    filtered = list(lines)
    lines = list(decisions.ready_lines(unit).filter(pk__in=own)) + [line for line in filtered if line.pk not in own]
    if request.method != "POST":
        initial = {name: getattr(decision, name) for name in decisions.EDITABLE_FIELDS}
        initial["lines"] = own
        return _editor(request, unit, DecisionForm(initial=initial, lines=lines), decision, filters=(packet, award))
    form = DecisionForm(request.POST, lines=lines)
    if form.is_valid():
        try:
            decisions.update_decision(decision, actor=request.user, fields=form.fields_data(),
                                      line_ids=form.cleaned_data["lines"],
                                      expected_version=int_or_none(request.POST.get("version")))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu dự thảo quyết định.")
            return redirect(decision)
    return _editor(request, unit, form, decision, filters=(packet, award))


@require_safe
def decision_detail(request, pk):
    return _detail_page(request, get_object_or_404(_decisions(request), pk=pk))


def _detail_page(request, decision, *, publication_form=None, status=200):
    from awards.documents.decision import decision_lines, grouped

    lines = decision_lines(decision)
    may_publish = publication.may_change_publication(decision, request.user)
    return render(request, "awards/decision_detail.html", {
        "decision": decision, "groups": grouped(lines), "line_count": len(lines),
        "packets": list(Dossier.objects.filter(lines__decisions=decision).distinct().order_by("pk")),
        "may_issue": decisions.may_issue(decision, request.user),
        "may_edit": decision.is_draft and decisions.may_draft(request.user, decision.issuing_unit),
        "may_sign": not decision.is_draft and not decision.signed_pdf
                    and signatures.can_sign_for(request.user, decision.issuing_unit),
        "signed_copy": decision_signatures.signed_copy_state(decision),
        "may_print": not decision.is_draft and certifiable_records(request.user).filter(decision=decision).exists(),
        "publication_form": (publication_form or PublicationForm()) if may_publish else None,
        "publications": list(decision.publications.select_related("actor")) if not decision.is_draft else [],
    }, status=status)


@require_POST
def decision_publication(request, pk):
    """The head of the issuing unit withdraws an issued decision from the public register, or publishes it again."""
    decision = get_object_or_404(_decisions(request), pk=pk)
    form = PublicationForm(request.POST)
    if form.is_valid():
        try:
            decision = publication.set_decision_publication(decision, actor=request.user,
                                                            published=not decision.published,
                                                            reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã công khai lại quyết định trên cổng." if decision.published else
                             "Đã thôi công khai quyết định; trang công khai sẽ gỡ trong ít phút.")
            return redirect(decision)
    return _detail_page(request, decision, publication_form=form, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def decision_issue(request, pk):
    """GET: who receives what, and the papers to be made, before issuing; POST: issue."""
    decision = get_object_or_404(_decisions(request), pk=pk)
    if request.method != "POST":
        return _issue_confirmation(request, decision)
    try:
        decisions.issue_decision(decision, actor=request.user)
    except decisions.StaleDecision as error:
        messages.warning(request, " ".join(error.messages))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Đã ban hành quyết định; khen thưởng đã được ghi vào lịch sử của từng đối tượng.")
    return redirect(decision)


def _issue_confirmation(request, decision):
    from awards.documents.decision import decision_lines, grouped
    from awards.documents.proposal import SUBJECT_KINDS, count_phrase

    if not decisions.may_issue(decision, request.user):
        messages.warning(request, "Quyết định đã ban hành, hoặc bạn không có quyền ban hành.")
        return redirect(decision)
    lines = decision_lines(decision)
    groups = grouped(lines)
    total = dict.fromkeys(SUBJECT_KINDS, 0)
    for group in groups:
        for kind, n in group.counts.items():
            total[kind] += n
    missing = previews.decision_missing(decision)
    page = Confirmation(
        heading=f"Ban hành Quyết định số {decision.number_text}", back=decision.get_absolute_url(),
        back_label="Quay lại quyết định", action=reverse("awards:decision_issue", args=[decision.pk]),
        confirm_label="Xác nhận ban hành quyết định", tone="success", lead=decision.title_one_line,
        blocked=bool(missing) or not lines,
    )
    page.add("Khen thưởng", count_phrase(total) or "chưa có đề nghị nào")
    page.add("Hình thức", [f"{group.label}: {count_phrase(group.counts)}" for group in groups])
    page.add("Ngày ký, người ký", ", ".join(part for part in (
        decision.signed_on and dates.in_figures(decision.signed_on), decision.signer_title, decision.signer_name)
        if part))
    page.add("Giấy khen, bằng khen sẽ in", f"{len(lines)} bản, mỗi tập thể, cá nhân một bản, in được ngay sau khi "
                                           "ban hành")
    page.add("Sau khi ban hành", "Khen thưởng được ghi vào lịch sử của từng đối tượng; hồ sơ được đóng; quyết định "
                                 "không sửa được nữa.")
    if missing:
        page.warnings.append(f"Điền đủ trước khi ban hành: {', '.join(missing)}.")
    return render_confirmation(request, page, breadcrumbs=[
        ("Quyết định", reverse("awards:decision_list")), (f"Quyết định số {decision.number_text}",
                                                          decision.get_absolute_url())])


def _file(data, content_type, decision, extension):
    return download(data, f"quyet-dinh-{decision.pk}.{extension}", content_type=content_type)


@require_safe
def decision_pdf(request, pk):
    """The frozen PDF of an issued decision; a draft is rendered as it stands (the preview)."""
    decision = get_object_or_404(_decisions(request), pk=pk)
    record_export(request, unit=decision.issuing_unit, target=f"Quyết định #{decision.pk} (PDF)")
    if not decision.is_draft and decision.issued_pdf:
        return download_stored(decision.issued_pdf, f"quyet-dinh-{decision.pk}.pdf", content_type=PDF)
    from awards.documents.decision import render_decision_pdf

    return _file(render_decision_pdf(decision), PDF, decision, "pdf")


@require_safe
def decision_docx(request, pk):
    decision = get_object_or_404(_decisions(request), pk=pk)
    record_export(request, unit=decision.issuing_unit, target=f"Quyết định #{decision.pk} (Word)")
    from awards.documents.decision import render_decision_docx

    return _file(render_decision_docx(decision), DOCX, decision, "docx")


# Revocation and review flags

def _record(request, pk):
    rows = AwardRecord.objects.visible_to(request.user).select_related(
        "award", "person__unit", "collective", "decision__issuing_unit")
    return get_object_or_404(rows, pk=pk)


@require_http_methods(["GET", "HEAD", "POST"])
def award_revoke(request, pk):
    """Revoke one award record (reason required); later awards that counted it are flagged."""
    record = _record(request, pk)
    if not revocations.may_revoke(request.user, record):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị đã quyết định khen thưởng hoặc quản trị đơn vị mới được hủy bỏ.")
    form = RevokeForm(request.POST or None, initial={"revoked_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            revocation = revocations.revoke_award(record, actor=request.user, reason=form.cleaned_data["reason"],
                                                  on=form.cleaned_data["revoked_on"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flagged = f" {revocation.flagged} khen thưởng sau cần rà soát." if revocation.flagged else ""
            messages.success(request, f"Đã hủy bỏ {record.award_label} năm {record.year}.{flagged}")
            return redirect("units:person_detail", record.person_id) if record.person_id else redirect(
                "awards:review_flag_list")
    return render(request, "awards/decision_revoke.html", {"record": record, "form": form},
                  status=400 if form.is_bound and form.errors else 200)


@require_safe
def review_flag_list(request):
    """Open review flags on records in the user's scope, oldest first."""
    flags = list(AwardReviewFlag.objects.visible_to(request.user).open().select_related(
        "record__award", "record__person__unit", "record__collective", "record__decision__issuing_unit",
        "cause__award").order_by("created_at", "pk")[:LIST_SIZE])
    # The form only where the resolving service would accept it (the same rule, no query per row).
    resolvable = {flag.pk for flag in flags if revocations.may_revoke(request.user, flag.record)}
    return render(request, "awards/decision_flags.html", {"flags": flags, "form": ResolveFlagForm(),
                                                           "resolvable": resolvable})


@require_POST
def review_flag_resolve(request, pk):
    flag = get_object_or_404(AwardReviewFlag.objects.visible_to(request.user).select_related("record"), pk=pk)
    form = ResolveFlagForm(request.POST)
    if form.is_valid():
        try:
            revocations.resolve_flag(flag, actor=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Đã ghi kết quả rà soát.")
    else:
        messages.error(request, "Ghi kết quả rà soát trước khi đóng.")
    return redirect("awards:review_flag_list")


# The digitally signed copy

def _issued(request, pk):
    decision = get_object_or_404(_decisions(request).exclude(issued_pdf=""), pk=pk)
    if not signatures.can_sign_for(request.user, decision.issuing_unit):
        raise PermissionDenied(f"Chỉ lãnh đạo ký duyệt của {decision.issuing_unit.name} được ký số quyết định.")
    return decision


def _signing_page(request, decision, *, sign_form=None, upload_form=None, status=200):
    certificates = signatures.signing_certificates(decision.issuing_unit)
    return render(request, "awards/decision_sign.html", {
        "decision": decision, "has_certificates": certificates.exists(),
        "sign_form": sign_form or DocumentSignForm(certificates=certificates,
                                                   initial={"reason": "Ký ban hành quyết định khen thưởng"}),
        "upload_form": upload_form or SignedCopyUploadForm(),
    }, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def decision_sign(request, pk):
    """Sign the issued decision with one of the unit's certificates (the passphrase is typed, never kept)."""
    decision = _issued(request, pk)
    if request.method != "POST":
        return _signing_page(request, decision)
    form = DocumentSignForm(request.POST, certificates=signatures.signing_certificates(decision.issuing_unit))
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision_signatures.sign_decision(decision, actor=request.user, certificate_id=data["certificate"].pk,
                                              passphrase=data["passphrase"], reason=data["reason"])
        except ValidationError as error:
            wrong_passphrase = getattr(error, "code", None) == "wrong_passphrase"
            add_service_errors(form, ValidationError({"passphrase": error.messages}) if wrong_passphrase else error)
        else:
            messages.success(request, "Đã ký số quyết định; bản ký số được lưu bên cạnh bản ban hành.")
            return redirect(decision)
    return _signing_page(request, decision, sign_form=form, status=400)


@require_POST
def decision_signed_upload(request, pk):
    """Keep a copy signed elsewhere, once its signatures and its content are checked."""
    decision = _issued(request, pk)
    form = SignedCopyUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            decision_signatures.attach_signed_decision(decision, actor=request.user, upload=form.cleaned_data["file"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã kiểm tra và lưu bản quyết định có chữ ký số.")
            return redirect(decision)
    return _signing_page(request, decision, upload_form=form, status=400)


@require_safe
def decision_signed_pdf(request, pk):
    decision = get_object_or_404(_decisions(request).exclude(signed_pdf=""), pk=pk)
    response = download_stored(decision.signed_pdf, f"quyet-dinh-{decision.pk}-ky-so.pdf", content_type=PDF)
    # Recorded once the file is found: a missing file was not handed out.
    record_export(request, unit=decision.issuing_unit, target=f"Quyết định #{decision.pk} có chữ ký số")
    return response


@require_POST
def decision_certificates(request, pk):
    """Every paper of an issued decision in one PDF, numbering those not printed yet; long packs print in the
    background and the page follows their progress."""
    decision = get_object_or_404(_decisions(request).filter(status=Decision.Status.ISSUED), pk=pk)
    pdf, job = certificate_prints.print_decision_papers(decision, actor=request.user)
    if job is not None:
        return redirect(job)
    if pdf is None:
        messages.error(request, "Không có khen thưởng nào còn hiệu lực của quyết định này mà bạn được in giấy khen.")
        return redirect(decision)
    record_export(request, unit=decision.issuing_unit, target=f"Giấy khen của quyết định #{decision.pk}")
    return download(pdf, f"giay-khen-quyet-dinh-{decision.pk}.pdf", content_type=PDF)


@require_safe
def certificate_print(request, pk):
    """The old address of a pack being printed: the job page now follows every long task."""
    return redirect_to_job(request, pk, Job.Kind.CERTIFICATE_PACK)
