"""Dossier deadlines of a plan: the extensions granted so far, and (for the issuing unit) granting one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from units.fields import REASON, CleanCharField
from units.forms import DateField, UnitChoiceField, add_service_errors
from units.models import Membership, Unit
from units.scoping import holds_role_at, path_range_q

from campaigns.models import Plan

from awards.services import nominations

GRANTING_ROLES = (Membership.Role.UNIT_ADMIN, Membership.Role.APPROVER)


class DeadlineExtensionForm(forms.Form):
    unit = UnitChoiceField(label="Đơn vị được gia hạn", queryset=Unit.objects.none(), required=False,
                           empty_label="— Mọi đơn vị thực hiện kế hoạch —")
    new_deadline = DateField(label="Hạn nộp mới")
    reason = CleanCharField(label="Lý do gia hạn", max_length=REASON, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["unit"].queryset = (Unit.objects.in_force().filter(path_range_q(plan.issuing_unit.path, "path"))
                                        .exclude(pk=plan.issuing_unit_id).order_by("path"))

    def clean_new_deadline(self):
        value = self.cleaned_data["new_deadline"]
        if self.plan.dossier_deadline and value <= self.plan.dossier_deadline:
            raise ValidationError(f"Hạn mới phải sau hạn nộp của kế hoạch "
                                  f"({self.plan.dossier_deadline:%d/%m/%Y}).")
        return value


@require_http_methods(["GET", "POST"])
def deadline_extensions(request, plan_pk):
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("issuing_unit")
                             .exclude(status=Plan.Status.DRAFT), pk=plan_pk)
    can_grant = holds_role_at(request.user, plan.issuing_unit, GRANTING_ROLES)
    form = DeadlineExtensionForm(request.POST or None, plan=plan) if can_grant else None
    if request.method == "POST":
        if not can_grant:
            raise PermissionDenied("Chỉ đơn vị ban hành kế hoạch mới được gia hạn nộp hồ sơ.")
        if form.is_valid():
            try:
                extension = nominations.extend_deadline(plan, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                whom = extension.unit.name if extension.unit else "mọi đơn vị"
                messages.success(request, f"Đã gia hạn nộp hồ sơ cho {whom} đến {extension.new_deadline:%d/%m/%Y}.")
                return redirect("awards:deadline_extensions", plan.pk)
    extensions = plan.deadline_extensions.select_related("unit", "granted_by")
    return render(request, "awards/deadline_extensions.html", {"plan": plan, "form": form, "extensions": extensions})
