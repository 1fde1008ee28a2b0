"""The only code that changes accounts and their roles from the portal's pages.

Each function takes the acting user, checks the rule of ``units.grants`` (whose accounts they manage,
which roles they may give where, never their own), does its work in one transaction and writes its own
entry in the accountability log (``units.security_log``). The Django admin keeps its own pages for
superusers; both follow the same rule.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q

from units import grants
from units.models import Membership, Unit, User
from units.password_reset import send_reset_link
from units.scoping import acts_somewhere, unit_scope_q
from units.security_log import Action, record_security_event, unit_of
from units.sessions import end_sessions
from units.text import fold

NOT_YOURS = "Bạn không quản lý tài khoản này."
USERNAME_TAKEN = "Tên đăng nhập này đã có người dùng."
NO_EMAIL = "Tài khoản chưa có địa chỉ thư điện tử: hãy tạo mật khẩu tạm thời."

# What each role lets its holder do, in words, for the page that shows what an account may do.
ROLE_ABILITIES = {
    Membership.Role.CLERK: (
        "Soạn kế hoạch thi đua; lập danh sách đề nghị khen thưởng và hồ sơ kèm theo, gửi, sửa và gửi lại hồ sơ "
        "của đơn vị.",
        "Tiếp nhận hoặc từ chối tiếp nhận hồ sơ cấp dưới gửi lên; mở và kết thúc lấy ý kiến công khai.",
        "Thêm, sửa thông tin cá nhân; nhập lịch sử khen thưởng.",
    ),
    Membership.Role.REVIEWER: (
        "Thẩm định hồ sơ đề nghị khen thưởng gửi đến đơn vị: đồng ý từng trường hợp hoặc trả lại để bổ sung.",
    ),
    Membership.Role.APPROVER: (
        "Ký duyệt: ban hành kế hoạch, trình hồ sơ lên cấp trên, quyết định khen thưởng trong thẩm quyền của "
        "đơn vị, ký số văn bản.",
        "Đăng ký chứng thư số của đơn vị.",
    ),
    Membership.Role.SECRETARY: (
        "Mở phiên họp Hội đồng thi đua, khen thưởng, ghi kết quả biểu quyết và lập biên bản.",
    ),
    Membership.Role.UNIT_ADMIN: (
        "Quản lý tài khoản và phân quyền của đơn vị và các đơn vị trực thuộc (không tự cấp quyền cho mình).",
        "Thêm đơn vị trực thuộc (phòng, ban, thôn, trường…); thêm, sửa thông tin cá nhân; nhập lịch sử khen "
        "thưởng; đăng ký chứng thư số của đơn vị.",
    ),
}
REACH = "Quyền có hiệu lực tại đơn vị này và mọi đơn vị trực thuộc."


def manages_accounts(user) -> bool:
    """Whether ``user`` has the account pages at all: a unit admin somewhere, or a superuser."""
    return acts_somewhere(user, grants.ADMIN_ROLE)


def two_factor_role_labels() -> list[str]:
    """The names of the roles whose holders give a second factor at login (settings.TWO_FACTOR_REQUIRED_ROLES)."""
    return [label for value, label in Membership.Role.choices if value in settings.TWO_FACTOR_REQUIRED_ROLES]


def administered_units(actor):
    """Units in force where ``actor`` may give roles: their unit-admin subtrees, in tree order."""
    return Unit.objects.filter(unit_scope_q(actor, "path", grants.ADMIN_ROLE)).acting().order_by("path")


def accounts_of(actor, *, query=""):
    """The accounts ``actor`` manages, with their current roles read in one more query."""
    accounts = grants.manageable_users(actor).exclude(pk=actor.pk)
    key = fold(query)
    if key:
        accounts = accounts.filter(Q(search_key__contains=key) | Q(email__icontains=query))
    current = Membership.objects.current().select_related("unit").order_by("unit__path", "role")
    return accounts.prefetch_related(Prefetch("memberships", queryset=current, to_attr="current_roles")).order_by(
        "username")


def roles_of(user, *, viewer):
    """Every membership of ``user`` (current, ended and to come) in units ``viewer`` sees, newest first.

    A role the account once held in another province stays there: its unit is none of the viewer's business.
    """
    return (user.memberships.filter(unit_scope_q(viewer, "unit__path")).select_related("unit")
            .order_by("-valid_to", "unit__path", "role"))


def abilities_of(memberships, today=None):
    """What each current membership lets its holder do, in words: (membership, sentences) pairs."""
    today = today or datetime.date.today()
    return [(m, ROLE_ABILITIES[m.role]) for m in memberships if _current(m, today)]


def _current(membership, today):
    return ((membership.valid_from is None or membership.valid_from <= today)
            and (membership.valid_to is None or membership.valid_to >= today))


def _check_manages(actor, user):
    if user.pk == actor.pk:
        raise PermissionDenied(grants.SELF_GRANT_REFUSED)
    if not grants.manageable_users(actor).filter(pk=user.pk).exists():
        raise PermissionDenied(NOT_YOURS)


def _check_grant(actor, *, user, unit, role):
    refusal = grants.grant_refusal(actor, user=user, unit=unit, role=role)
    if refusal:
        raise PermissionDenied(refusal)
    if not administered_units(actor).filter(pk=unit.pk).exists():
        raise PermissionDenied(grants.OUTSIDE_SUBTREE)


def _role_target(membership) -> str:
    return f"{membership.user.get_username()}: {membership.get_role_display()} — {membership.unit.name}"


@transaction.atomic
def create_account(*, actor, username, full_name, unit, role, email="", valid_from=None, request=None) -> User:
    """Make an account holding ``role`` in ``unit``, without a password yet (it is set by a reset)."""
    _check_grant(actor, user=None, unit=unit, role=role)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": USERNAME_TAKEN})
    user = User(username=username, full_name=full_name, email=email, created_by=actor)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the same name created by someone else a moment ago
        raise ValidationError({"username": USERNAME_TAKEN}) from None
    membership = Membership(user=user, unit=unit, role=role, valid_from=valid_from or datetime.date.today())
    membership.full_clean()
    membership.save()
    record_security_event(action=Action.ACCOUNT_CREATED, user=actor, request=request, unit=unit,
                          target=user.get_username())
    record_security_event(action=Action.ROLE_GRANTED, user=actor, request=request, unit=unit,
                          target=_role_target(membership))
    return user


@transaction.atomic
def set_account_active(user, *, actor, active: bool, request=None) -> User:
    """Deactivate an account (its sessions end at once) or reactivate it."""
    _check_manages(actor, user)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        end_sessions(user)
    record_security_event(action=Action.ACCOUNT_REACTIVATED if active else Action.ACCOUNT_DEACTIVATED,
                          user=actor, request=request, unit=unit_of(user), target=user.get_username())
    return user


@transaction.atomic
def grant_role(user, *, actor, unit, role, valid_from=None, valid_to=None, request=None) -> Membership:
    """Give ``user`` the ``role`` in ``unit`` for a period (from today when no start is given)."""
    _check_manages(actor, user)
    _check_grant(actor, user=user, unit=unit, role=role)
    membership = Membership(user=user, unit=unit, role=role, valid_from=valid_from or datetime.date.today(),
                            valid_to=valid_to)
    if membership.valid_to is not None and membership.valid_to < membership.valid_from:
        raise ValidationError({"valid_to": "Ngày kết thúc phải sau ngày bắt đầu."})
    membership.full_clean()
    membership.save()
    record_security_event(action=Action.ROLE_GRANTED, user=actor, request=request, unit=unit,
                          target=_role_target(membership))
    return membership


@transaction.atomic
def end_role(membership, *, actor, ends_on=None, request=None) -> Membership:
    """End a membership from ``ends_on`` (today by default: at once); its last day is the day before.

    A role ended before it starts never holds. The holder's sessions end when the role no longer holds today.
    """
    membership = Membership.objects.select_for_update().select_related("user", "unit").get(pk=membership.pk)
    if not grants.may_manage_membership(actor, membership):
        raise PermissionDenied(grants.SELF_GRANT_REFUSED if membership.user_id == actor.pk
                               else grants.OUTSIDE_SUBTREE)
    today = datetime.date.today()
    last_day = (ends_on or today) - datetime.timedelta(days=1)
    if membership.valid_to is not None and membership.valid_to <= last_day:
        raise ValidationError({"ends_on": "Vai trò này đã kết thúc trước ngày đó."})
    membership.valid_to = last_day
    membership.save(update_fields=["valid_to"])
    if last_day < today:
        end_sessions(membership.user)
    record_security_event(action=Action.ROLE_ENDED, user=actor, request=request, unit=membership.unit,
                          target=_role_target(membership))
    return membership


def temporary_password() -> str:
    """A password to read out or hand over once: four groups of letters and digits, easy to type."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


@transaction.atomic
def reset_password_to_temporary(user, *, actor, request=None) -> str:
    """Give ``user`` a new random password and return it (shown once, never stored in clear).

    The new password ends every session the account had open (the session hash covers it). Its holder
    must choose their own at the next login (``must_change_password``, units.password_middleware).
    """
    _check_manages(actor, user)
    user = User.objects.select_for_update().get(pk=user.pk)
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    record_security_event(action=Action.PASSWORD_RESET, user=actor, request=request, unit=unit_of(user),
                          target=user.get_username(), detail="mật khẩu tạm thời")
    return password


@transaction.atomic
def send_password_reset(user, *, actor, domain, use_https, request=None) -> None:
    """Send ``user`` the link to choose a new password (the email goes out once the entry is written)."""
    _check_manages(actor, user)
    if not user.email:
        raise ValidationError(NO_EMAIL)
    record_security_event(action=Action.PASSWORD_RESET, user=actor, request=request, unit=unit_of(user),
                          target=user.get_username(), detail="gửi thư đặt lại mật khẩu")
    transaction.on_commit(lambda: send_reset_link(user, domain=domain, use_https=use_https))
