"""The second step of the login, enrolment of an authenticator, and the account's security page."""

from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from units import two_factor
from units.security_log import Action, record_security_event
from units.two_factor_forms import AuthenticatorCodeForm, RecoveryCodeForm

WRONG_CODE = "Mã không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện trên ứng dụng xác thực rồi thử lại."
WRONG_RECOVERY_CODE = "Mã dự phòng không đúng hoặc đã được dùng."


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _too_many(seconds):
    return f"Bạn đã nhập sai nhiều lần. Hãy đợi {seconds} giây rồi thử lại."


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """Xác thực hai bước: a code from the authenticator, or a recovery code (``?du-phong=1``)."""
    user = request.user
    if user.is_verified() or not two_factor.requires_two_factor(user):
        return redirect(_next_url(request))
    if not two_factor.has_two_factor(user):
        return redirect(f"{resolve_url('units:two_factor_enrol')}?{urlencode({'next': _next_url(request)})}")
    recovery = bool(request.POST.get("du_phong") or request.GET.get("du-phong"))
    form_class = RecoveryCodeForm if recovery else AuthenticatorCodeForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = two_factor.check_code(user, form.cleaned_data["code"], recovery=recovery)
        if check.accepted:
            two_factor.mark_verified(request, check.device)
            if recovery:
                left = two_factor.recovery_codes_left(user)
                messages.warning(request, f"Đã dùng một mã dự phòng; còn {left} mã. Có thể tạo mã mới ở trang "
                                          "Bảo mật tài khoản.")
            return redirect(_next_url(request))
        record_security_event(action=Action.SECOND_STEP_FAILED, request=request,
                              detail="mã dự phòng" if recovery else "mã ứng dụng xác thực")
        form.add_error("code", _too_many(check.wait_seconds) if check.wait_seconds
                       else (WRONG_RECOVERY_CODE if recovery else WRONG_CODE))
    return render(request, "units/two_factor_verify.html", {
        "form": form, "recovery": recovery, "next": _next_url(request),
        "second_step_pending": True,  # the menu's pages would only send the user back here
    })


def _qr_svg(device):
    # segno draws the otpauth:// address as SVG markup of its own making (paths, no script, no style).
    svg = segno.make(device.config_url, error="m").svg_inline(
        omitsize=True, border=4, title="Mã QR để thêm tài khoản vào ứng dụng xác thực", svgclass="qr-code",
    )
    return mark_safe(svg)  # nosec B308 B703: segno draws the address as QR modules; the title is ours


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request):
    """Bật xác thực hai bước: scan the QR code (or type the secret), confirm with a code, keep the recovery codes."""
    user = request.user
    if two_factor.has_two_factor(user):
        return redirect("units:two_factor_verify" if not user.is_verified() else "units:account_security")
    device = two_factor.start_enrolment(user)
    form = AuthenticatorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = two_factor.confirm_enrolment(device, code=form.cleaned_data["code"])
        if outcome.confirmed:
            two_factor.mark_verified(request, device)
            return _show_recovery_codes(request, outcome.codes, enrolled=True)
        form.add_error("code", _too_many(outcome.wait_seconds) if outcome.wait_seconds else WRONG_CODE)
    return render(request, "units/two_factor_enrol.html", {
        "form": form,
        "qr_svg": _qr_svg(device),
        "secret": two_factor.secret_for_manual_entry(device),
        "required": two_factor.required_by_role(user),
        "next": _next_url(request),
        "second_step_pending": not user.is_verified(),
    })


def _show_recovery_codes(request, codes, *, enrolled):
    # Shown in the answer to the POST that made them, never stored in a readable form: once only.
    return render(request, "units/two_factor_recovery_codes.html", {
        "codes": codes, "enrolled": enrolled, "next": _next_url(request),
        "download": "\r\n".join(["Mã dự phòng — Cổng Thi đua", f"Tài khoản: {request.user.get_username()}", "",
                                 *codes, ""]),
    })


@never_cache
def account_security(request):
    """Bảo mật tài khoản: whether the second step is on, and what the user can do about it."""
    user = request.user
    device = two_factor.authenticator_of(user)
    return render(request, "units/account_security.html", {
        "device": device,
        "required": two_factor.required_by_role(user),
        "codes_left": two_factor.recovery_codes_left(user) if device else 0,
    })


@never_cache
@require_POST
def recovery_codes_regenerate(request):
    try:
        codes = two_factor.regenerate_recovery_codes(request.user)
    except PermissionDenied as error:
        messages.error(request, error.args[0])
        return redirect("units:account_security")
    return _show_recovery_codes(request, codes, enrolled=False)
