"""The account pages of unit admins: their units' accounts, roles and passwords (units.accounts acts).

Every account is read from ``grants.manageable_users(request.user)``: an account outside the admin's
units, the admin's own and a superuser's answer 404, as a row of another unit does everywhere.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from units import accounts, grants
from units.account_forms import (
    AccountCreateForm,
    AccountSearchForm,
    PasswordResetChoiceForm,
    RoleEndForm,
    RoleGrantForm,
)
from units.forms import add_service_errors
from units.models import Membership
from units.password_reset import email_configured

PAGE_SIZE = 50


def _admin_only(request):
    if not accounts.manages_accounts(request.user):
        raise PermissionDenied("Chỉ quản trị đơn vị được quản lý tài khoản.")


def _account(request, pk):
    # Not a 403 for those who manage no account: an account that is not yours answers 404, whoever asks.
    # One's own account is never managed here, a superuser's included: its password changes on its own page.
    return get_object_or_404(grants.manageable_users(request.user).exclude(pk=request.user.pk), pk=pk)


def account_list(request):
    _admin_only(request)
    form = AccountSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(accounts.accounts_of(request.user, query=query), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "units/account_list.html", {"form": form, "query": query, "page": page})


@require_http_methods(["GET", "POST"])
def account_create(request):
    _admin_only(request)
    form = AccountCreateForm(request.POST or None, units=accounts.administered_units(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            user = accounts.create_account(actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Đã tạo tài khoản “{user.username}”. Hãy đặt mật khẩu để người dùng "
                                      "đăng nhập được.")
            return redirect("units:account_detail", pk=user.pk)
    return render(request, "units/account_form.html", {"form": form})


def account_detail(request, pk):
    account = _account(request, pk)
    roles = list(accounts.roles_of(account, viewer=request.user))
    today = datetime.date.today()
    return render(request, "units/account_detail.html", {
        "account": account,
        "roles": [(m, grants.may_manage_membership(request.user, m) and (m.valid_to is None or m.valid_to >= today))
                  for m in roles],
        "abilities": accounts.abilities_of(roles, today),
        "reach": accounts.REACH,
    })


@require_POST
def account_deactivate(request, pk):
    return _set_active(request, pk, active=False)


@require_POST
def account_reactivate(request, pk):
    return _set_active(request, pk, active=True)


def _set_active(request, pk, *, active):
    account = _account(request, pk)
    account = accounts.set_account_active(account, actor=request.user, active=active, request=request)
    messages.success(request, f"Đã {'mở lại' if active else 'khóa'} tài khoản “{account.username}”.")
    return redirect("units:account_detail", pk=account.pk)


@require_http_methods(["GET", "POST"])
def account_role_grant(request, pk):
    account = _account(request, pk)
    form = RoleGrantForm(request.POST or None, units=accounts.administered_units(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            membership = accounts.grant_role(account, actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Đã cấp vai trò {membership.get_role_display()} tại {membership.unit.name}.")
            return redirect("units:account_detail", pk=account.pk)
    return render(request, "units/account_role_grant.html", {
        "account": account, "form": form, "two_factor_roles": accounts.two_factor_role_labels()})


@require_http_methods(["GET", "POST"])
def membership_end(request, pk):
    membership = get_object_or_404(
        Membership.objects.select_related("user", "unit").filter(
            user__in=grants.manageable_users(request.user).exclude(pk=request.user.pk)),
        pk=pk)
    if not grants.may_manage_membership(request.user, membership):
        raise PermissionDenied(grants.OUTSIDE_SUBTREE)
    form = RoleEndForm(request.POST or None, initial={"ends_on": datetime.date.today()})
    if request.method == "POST" and form.is_valid():
        try:
            accounts.end_role(membership, actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã kết thúc vai trò {membership.get_role_display()} tại "
                                      f"{membership.unit.name}.")
            return redirect("units:account_detail", pk=membership.user_id)
    return render(request, "units/membership_end.html", {"membership": membership, "form": form})


@require_http_methods(["GET", "POST"])
def account_password_reset(request, pk):
    account = _account(request, pk)
    can_email = email_configured() and bool(account.email)
    form = PasswordResetChoiceForm(request.POST or None, can_email=can_email)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["how"] == form.EMAIL:
            accounts.send_password_reset(account, actor=request.user, request=request, domain=request.get_host(),
                                         use_https=request.is_secure())
            messages.success(request, f"Đã gửi thư đặt lại mật khẩu đến địa chỉ thư của “{account.username}”.")
            return redirect("units:account_detail", pk=account.pk)
        password = accounts.reset_password_to_temporary(account, actor=request.user, request=request)
        # Shown on this answer only (no redirect, nothing kept): the page after it no longer has it.
        return render(request, "units/account_temporary_password.html", {
            "account": account, "password": password,
            "login_url": request.build_absolute_uri(reverse("login")),
        })
    return render(request, "units/account_password_reset.html", {
        "account": account, "form": form, "can_email": can_email, "email_configured": email_configured(),
    })
