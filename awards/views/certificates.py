"""Certificate pages: an award record's papers (issue, download, reissue), the papers of a unit, the
papers of a whole decision in one PDF, and the public page a QR code opens.

Staff pages read through the scoped querysets (outside the user's units: "not found"); only the clerks
and approvers over the record's subject may issue or print (awards.rules.certificates.certifiable_records).
The public page needs no account and shows what the paper itself shows, nothing from the registry.
"""

import tempfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from units import rate_limits
from units.client_address import client_address
from units.downloads import download
from units.forms import add_service_errors
from units.params import year_param
from units.scoping import acts_somewhere
from units.security_log import record_export

from awards.documents.certificate import public_url, render_certificate_pdf, render_certificates_pdf
from awards.documents.certificate_register import write_certificate_register
from awards.forms.certificates import DecisionPrintForm, ReissueForm
from awards.models import AwardRecord, Certificate
from awards.rules import certificates as certificate_rules, registers
from awards.rules.public_decisions import household_name
from awards.services import certificates

PAGE_SIZE = 50
# The Excel register stops here: a year of a province's papers fits many times over; more is narrowed by filters.
EXPORT_LIMIT = 100_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHECK_WINDOW_SECONDS = 600


def _record_page(request, record, *, reissue_form=None, status=200):
    copies = list(record.certificates.select_related("issued_by", "series").order_by("-copy_number"))
    live = next((c for c in copies if c.is_live), None)
    return render(request, "awards/certificate_record.html", {
        "record": record, "copies": copies, "live": live, "public_url": public_url(live) if live else "",
        "may_issue": certificate_rules.may_issue(request.user, record),
        "reissue_form": reissue_form or ReissueForm(),
    }, status=status)


def _visible_record(request, pk):
    return get_object_or_404(AwardRecord.objects.visible_to(request.user)
                             .select_related("award", "person__unit", "collective"), pk=pk)


@require_safe
def record_certificates(request, pk):
    """One award record and every copy of its paper, with the acts the user may take."""
    return _record_page(request, _visible_record(request, pk))


@require_POST
def certificate_issue(request, pk):
    record = _visible_record(request, pk)
    papers = certificates.issue_certificates([record], actor=request.user)
    if not papers:  # the service leaves annulled awards out, even one annulled a moment ago
        messages.error(request, "Khen thưởng đã bị hủy bỏ; không cấp giấy khen.")
        return redirect("awards:record_certificates", pk=record.pk)
    [certificate] = papers
    messages.success(request, f"Đã cấp giấy số {certificate.serial}.")
    return redirect("awards:certificate_pdf", pk=certificate.pk)


@require_safe
def certificate_pdf(request, pk):
    """The paper as a PDF to print, again as often as needed: the same serial and QR code each time."""
    certificate = get_object_or_404(Certificate.objects.visible_to(request.user), pk=pk)
    if not certificate_rules.may_issue(request.user, certificate.record):
        raise PermissionDenied("Bạn không có quyền in giấy khen của khen thưởng này.")
    record_export(request, unit=None, target=f"Giấy khen số {certificate.serial}")
    return download(render_certificate_pdf(certificate), f"giay-khen-{certificate.serial}.pdf", inline=True)


@require_POST
def certificate_reissue(request, pk):
    certificate = get_object_or_404(Certificate.objects.visible_to(request.user).select_related("record"), pk=pk)
    form = ReissueForm(request.POST)
    if form.is_valid():
        try:
            new = certificates.reissue_certificate(certificate, actor=request.user,
                                                   reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã cấp lại: {new.copy_label}, số {new.serial}. Bản cũ không còn giá trị.")
            return redirect("awards:record_certificates", pk=certificate.record_id)
    return _record_page(request, _visible_record(request, certificate.record_id), reissue_form=form, status=400)


def _register_filters(request):
    state = request.GET.get("tinh_trang", "")
    return registers.CertificateFilters(
        year=year_param(request, "nam"), issuing_body=request.GET.get("co_quan", "")[:255].strip(),
        state=state if state in dict(registers.CertificateState.CHOICES) else "",
        query=request.GET.get("q", "")[:200].strip())


def _register_page(request, page, *, print_form=None, status=200):
    filters = _register_filters(request) if status == 200 else registers.CertificateFilters()
    return render(request, "awards/certificate_list.html", {
        "page": page, "filters": filters, "years": registers.certificate_years(request.user),
        "bodies": registers.certificate_bodies(request.user), "states": registers.CertificateState.CHOICES,
        # The whole-decision print only for those who may print papers somewhere (the view prints only theirs).
        "print_form": print_form or (DecisionPrintForm() if acts_somewhere(request.user,
                                                                            certificate_rules.ISSUER_ROLES) else None),
    }, status=status)


@require_safe
def certificate_list(request):
    """The certificate register: the papers the units in scope issued, filtered, searched and paged, newest first,
    with the whole-decision print form."""
    rows = registers.certificate_register(request.user, _register_filters(request))
    return _register_page(request, Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang")))


@require_safe
def certificate_register_xlsx(request):
    """The filtered certificate register as an Excel file, written to disk and streamed (at most EXPORT_LIMIT rows)."""
    filters = _register_filters(request)
    rows = registers.certificate_register(request.user, filters)[:EXPORT_LIMIT]
    record_export(request, unit=None, target="Sổ cấp giấy khen (Excel)")
    out = tempfile.TemporaryFile()
    heading = "SỔ CẤP GIẤY KHEN" + (f" NĂM {filters.year}" if filters.year else "") + \
        (f" — {filters.issuing_body}" if filters.issuing_body else "")
    write_certificate_register(rows.iterator(chunk_size=2_000), out, heading=heading)
    out.seek(0)
    return download(out, "so-cap-giay-khen.xlsx", content_type=XLSX)


@require_POST
def decision_certificates_pdf(request):
    """Every paper of one decision (by its number and issuing body) in one PDF, issuing the missing ones."""
    form = DecisionPrintForm(request.POST)
    if form.is_valid():
        records = list(certificate_rules.decision_records(request.user, **form.cleaned_data))
        papers = certificates.issue_certificates(records, actor=request.user)
        if papers:
            number = form.cleaned_data["decision_number"].replace("/", "-")
            record_export(request, unit=None,
                          target=f"Giấy khen của quyết định số {form.cleaned_data['decision_number']}")
            return download(render_certificates_pdf(papers), f"giay-khen-qd-{number}.pdf")
        form.add_error(None, "Không có khen thưởng nào còn hiệu lực của quyết định này trong phạm vi của bạn.")
    return _register_page(request, Paginator(Certificate.objects.none(), PAGE_SIZE).get_page(1), print_form=form,
                          status=400)


@login_not_required
@require_safe
def certificate_check(request, token):
    """The public page a paper's QR code opens: is this paper genuine and still valid?"""
    address = client_address(request)
    if rate_limits.count("certificate-check-misses", address, window=CHECK_WINDOW_SECONDS) >= \
            settings.CERTIFICATE_CHECK_MISSES:
        # Tokens are unguessable already; this only stops a script from hammering the page.
        return _public(render(request, "awards/certificate_check_missing.html", {"too_many": True}, status=429))
    certificate = (Certificate.objects.select_related("record__award", "record__person", "record__collective",
                                                      "record__decision", "replacement")
                   .filter(token=token).first())
    if certificate is None:
        rate_limits.add_one("certificate-check-misses", address, window=CHECK_WINDOW_SECONDS)
        return _public(render(request, "awards/certificate_check_missing.html", {}, status=404))
    replacement = getattr(certificate, "replacement", None) if not certificate.is_live else None
    record = certificate.record
    decision = record.decision
    return _public(render(request, "awards/certificate_check.html", {
        "certificate": certificate, "record": record, "replacement": replacement,
        # A household by its head, as on the public register: its address stays off a public page.
        "subject": household_name(record.household) if record.household else record.subject_name,
        # The decision's page on the public register, when it is published there.
        "decision_path": decision.get_public_path() if decision and decision.is_public else "",
    }))


def _public(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    return response
