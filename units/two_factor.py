"""Two-step login: who must pass it, and the only code that writes a user's devices.

After the password, a user who needs it proves a second factor: a 6-digit code from an
authenticator app (a TOTP device of django-otp) or one of ten single-use recovery codes (a static
device). Approvers, council secretaries and unit admins (``settings.TWO_FACTOR_REQUIRED_ROLES``,
read from current memberships by ``units.scoping.grants_of``) and superusers must; anyone else may
turn it on, and from then on must too. Devices are independent of the password: setting or
resetting a password neither removes them nor marks a session verified. Only a superuser removes
them (``reset_two_factor``), so that a lost phone is replaced by enrolling again.

Wrong codes are slowed down by django-otp's own throttling on both devices (1, 2, 4, 8 … seconds
after successive failures, ``OTP_TOTP_THROTTLE_FACTOR`` and ``OTP_STATIC_THROTTLE_FACTOR``), and a
TOTP code is accepted once only (the device remembers the last time step it accepted).
"""

import math
import re
from base64 import b32encode
from dataclasses import dataclass

import django_otp
from django.conf import settings
from django.core import checks
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from units.scoping import grants_of
from units.security_log import Action, record_security_event

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã dự phòng"
_SPACES = re.compile(r"[\s-]+")


def required_by_role(user) -> bool:
    """Whether the user's position obliges them to the second step, whatever they chose."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    required = set(settings.TWO_FACTOR_REQUIRED_ROLES)
    return any(grant.role in required for grant in grants_of(user))


def has_two_factor(user) -> bool:
    """Whether the user has a confirmed authenticator: they enrolled, so the second step is theirs."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def requires_two_factor(user) -> bool:
    """Whether the user must pass the second step after the password."""
    return required_by_role(user) or (getattr(user, "is_authenticated", False) and has_two_factor(user))


def authenticator_of(user):
    """The user's confirmed authenticator, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def secret_for_manual_entry(device) -> str:
    """The device's key in base32 (what authenticator apps ask for when typed), in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def normalise_code(code: str) -> str:
    """Codes are read aloud and copied from paper: spaces and dashes do not count, nor letter case."""
    return _SPACES.sub("", code or "").lower()


@dataclass(frozen=True)
class CodeCheck:
    """The outcome of a code: the device that accepted it, or how many seconds to wait before another try."""

    device: object = None
    wait_seconds: int = 0

    @property
    def accepted(self):
        return self.device is not None


def _throttle_wait(device) -> int:
    allowed, info = device.verify_is_allowed()
    if allowed:
        return 0
    locked_until = (info or {}).get("locked_until")
    if locked_until is None:
        return 1
    return max(1, math.ceil((locked_until - timezone.now()).total_seconds()))


def _check_on(device, code) -> CodeCheck:
    """Try ``code`` on one device, the row locked so that two tries at once cannot both pass."""
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        wait = _throttle_wait(locked)
        if wait:
            return CodeCheck(wait_seconds=wait)
        if locked.verify_token(code):
            return CodeCheck(device=locked)
    return CodeCheck()


def check_code(user, code: str, *, recovery: bool = False) -> CodeCheck:
    """Check a 6-digit authenticator code, or (``recovery``) a recovery code, which is then used up.

    The session is marked verified by the caller (``mark_verified``) only when this accepts.
    """
    code = normalise_code(code)
    model = StaticDevice if recovery else TOTPDevice
    device = model.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if not code or device is None:
        return CodeCheck()
    return _check_on(device, code)


def mark_verified(request, device):
    """Record in the session that ``request.user`` passed the second step with ``device``."""
    django_otp.login(request, device)


def start_enrolment(user) -> TOTPDevice:
    """The authenticator the user is setting up: a new secret, or the one whose QR code they already saw.

    Refused once the user has a confirmed authenticator: a second one could otherwise be added by
    anyone who knows the password, before the second step.
    """
    if has_two_factor(user):
        raise PermissionDenied("Tài khoản đã có ứng dụng xác thực.")
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


@dataclass(frozen=True)
class Confirmation:
    """The outcome of confirming an authenticator: the new recovery codes, or how long to wait."""

    codes: tuple = ()
    wait_seconds: int = 0

    @property
    def confirmed(self):
        return bool(self.codes)


def confirm_enrolment(device, *, code: str) -> Confirmation:
    """Confirm the new authenticator with a code it shows; the fresh recovery codes come back once.

    Only their use is stored afterwards: the caller shows them once, in its answer.
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if device.confirmed or has_two_factor(device.user):
            raise PermissionDenied("Tài khoản đã có ứng dụng xác thực.")
        wait = _throttle_wait(device)
        if wait:
            return Confirmation(wait_seconds=wait)
        code = normalise_code(code)
        if not code.isdigit() or not device.verify_token(code):
            return Confirmation()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
        return Confirmation(codes=tuple(_new_recovery_codes(device.user)))


def regenerate_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes by ten new ones (the old ones stop working); return them."""
    if not has_two_factor(user):
        raise PermissionDenied("Tài khoản chưa bật xác thực hai bước.")
    with transaction.atomic():
        return _new_recovery_codes(user)


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def reset_two_factor(user, *, actor) -> int:
    """Remove every authenticator and recovery code of ``user`` (a lost phone); return how many devices.

    Only a superuser may: the user then enrols again at their next step. Sessions already verified
    with a removed device stop being verified at their next request (django-otp reloads the device).
    """
    if not (actor.is_active and actor.is_superuser):
        raise PermissionDenied("Chỉ quản trị hệ thống được đặt lại xác thực hai bước.")
    with transaction.atomic():
        removed = 0
        for model in (TOTPDevice, StaticDevice):
            _, by_model = model.objects.filter(user=user).delete()
            removed += by_model.get(model._meta.label, 0)
        record_security_event(action=Action.TWO_FACTOR_RESET, user=actor, target=user.get_username(),
                              detail=f"{removed} thiết bị")
    return removed


@checks.register(checks.Tags.security)
def check_required_roles(app_configs, **kwargs):
    """A misspelt role in TWO_FACTOR_REQUIRED_ROLES would quietly spare its holders the second step."""
    from units.models import Membership

    unknown = sorted(set(settings.TWO_FACTOR_REQUIRED_ROLES) - set(Membership.Role.values))
    if not unknown:
        return []
    return [checks.Error(f"TWO_FACTOR_REQUIRED_ROLES names roles that do not exist: {', '.join(unknown)}.",
                         hint=f"Known roles: {', '.join(Membership.Role.values)}.", id="units.E201")]
