"""Digital-signature pages: check a PDF's signatures, a unit's certificates, and signing an issued plan."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from units.downloads import download_stored
from units.forms import add_service_errors

from campaigns.models import Plan

from awards import signatures
from awards.forms.signatures import CertificateUploadForm, DocumentSignForm, SignatureCheckForm
from awards.models import SignedPlanCopy, SigningCertificate
from awards.rules.uploads import inspect_pdf


@require_http_methods(["GET", "POST"])
def signature_check(request):
    """Any signed-in user uploads a PDF and reads who signed it, when, and whether it changed since. Nothing is kept."""
    form = SignatureCheckForm(request.POST or None, request.FILES or None)
    report = checked_name = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            inspect_pdf(upload)  # the same size cap and content checks as dossier documents
        except ValidationError as error:
            add_service_errors(form, ValidationError({"file": error.messages}))
        else:
            report, checked_name = signatures.verify_pdf(upload.read()), upload.name
    return render(request, "awards/signature_check.html", {"form": form, "report": report,
                                                            "checked_name": checked_name})


@require_safe
def signature_certificates(request):
    certificates = (SigningCertificate.objects.visible_to(request.user)
                    .select_related("unit", "uploaded_by").order_by("unit__name", "-is_active", "-not_after", "pk"))
    return render(request, "awards/signature_certificates.html", {
        "certificates": certificates,
        "can_upload": signatures.managed_units(request.user).exists(),
        "plans": signatures.signable_plans(request.user),
    })


@require_http_methods(["GET", "POST"])
def signature_certificate_upload(request):
    units = signatures.managed_units(request.user)
    if not units.exists():
        raise PermissionDenied("Chỉ quản trị đơn vị hoặc lãnh đạo ký duyệt được đăng ký chứng thư số của đơn vị.")
    form = CertificateUploadForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            certificate = signatures.register_certificate(actor=request.user, unit=data["unit"], label=data["label"],
                                                          upload=data["file"], passphrase=data["passphrase"])
        except ValidationError as error:
            add_service_errors(form, ValidationError({"file": error.messages}))
        else:
            what = "để ký trên cổng" if certificate.can_sign else "để công nhận chữ ký"
            messages.success(request, f"Đã đăng ký chứng thư số của {certificate.subject_name} cho "
                                      f"{certificate.unit.name} {what}.")
            return redirect(certificate)
    return render(request, "awards/signature_certificate_upload.html", {"form": form})


def _visible_certificate(request, pk):
    return get_object_or_404(SigningCertificate.objects.visible_to(request.user)
                             .select_related("unit", "uploaded_by", "deactivated_by"), pk=pk)


@require_safe
def signature_certificate_detail(request, pk):
    certificate = _visible_certificate(request, pk)
    return render(request, "awards/signature_certificate_detail.html", {
        "certificate": certificate,
        "can_manage": certificate.is_active and signatures.can_manage_certificates(request.user, certificate.unit),
        "valid_from": signatures.official_datetime(certificate.not_before),
        "valid_to": signatures.official_datetime(certificate.not_after),
    })


@require_POST
def signature_certificate_deactivate(request, pk):
    certificate = _visible_certificate(request, pk)
    try:
        signatures.deactivate_certificate(certificate, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã ngừng dùng chứng thư “{certificate.label}”.")
    return redirect(certificate)


@require_http_methods(["GET", "POST"])
def signature_plan_sign(request, plan_pk):
    """An issued plan's signed copies, and (for the issuing unit's approver) signing its frozen PDF."""
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("issuing_unit")
                             .exclude(issued_pdf=""), pk=plan_pk)
    can_sign = signatures.can_sign_for(request.user, plan.issuing_unit)
    certificates = signatures.signing_certificates(plan.issuing_unit)
    form = DocumentSignForm(request.POST or None, certificates=certificates) if can_sign else None
    if request.method == "POST":
        if not can_sign:
            raise PermissionDenied("Chỉ lãnh đạo ký duyệt của đơn vị ban hành được ký số kế hoạch.")
        if form.is_valid():
            data = form.cleaned_data
            try:
                copy = signatures.sign_plan(plan, actor=request.user, certificate_id=data["certificate"].pk,
                                            passphrase=data["passphrase"], reason=data["reason"])
            except ValidationError as error:
                wrong_passphrase = getattr(error, "code", None) == "wrong_passphrase"
                add_service_errors(form, ValidationError({"passphrase": error.messages}) if wrong_passphrase else error)
            else:
                messages.success(request, f"Đã ký số kế hoạch bằng chứng thư của {copy.certificate.subject_name}. "
                                          "Tải bản đã ký ở danh sách dưới đây.")
                return redirect("awards:signature_plan_sign", plan.pk)
    copies = plan.signed_copies.select_related("certificate", "signed_by")
    return render(request, "awards/signature_plan_sign.html", {
        "plan": plan, "form": form, "copies": copies, "has_certificates": certificates.exists(),
    })


@require_safe
def signature_plan_copy_download(request, pk):
    copy = get_object_or_404(SignedPlanCopy.objects.visible_to(request.user).select_related("plan"), pk=pk)
    return download_stored(copy.file, f"ke-hoach-{copy.plan_id}-da-ky-so-{copy.pk}.pdf", content_type="application/pdf")
