"""A unit's yearly registration sheet (đăng ký thi đua đầu năm), its printed list, and the roll-up above it."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST

from units.confirmation import Confirmation
from units.downloads import download
from units.forms import add_service_errors
from units.models import Unit
from units.params import BadParameter
from units.security_log import record_export

from awards.documents.yearly_registrations import build_rollup_workbook, render_yearly_sheet_pdf
from awards.forms.yearly_registrations import InitiativeLinkForm, TakeBackForm, YearlyEntryForm
from awards.models import YearlyEntry, YearlySheet, period_start
from awards.rules import yearly_registrations as rules
from awards.rules.yearly_registrations import Action as A
from awards.services import yearly_registrations as services

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(data) -> str:
    """The period in ``ky`` ("2026" or "2026-2027"); this year when absent; 400 when unreadable."""
    value = data.get("ky", "").strip()
    if not value:
        return str(datetime.date.today().year)
    try:
        period_start(value)
    except ValidationError as error:
        raise BadParameter(error.messages[0]) from None
    return value


def _sheet_url(unit, period):
    return f"{reverse('awards:yearly_sheet', args=[unit.pk])}?{urlencode({'ky': period})}"


def _entries(sheet):
    if sheet is None:
        return []
    return list(sheet.entries.select_related("person", "collective", "title", "recognition", "initiative")
                .order_by("pk"))


@require_http_methods(["GET", "POST"])
def yearly_sheet(request, pk):
    """The unit's sheet of the period: its rows, a form to add one while it is a draft, and the send button."""
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    period = _period(request.GET)
    sheet = (YearlySheet.objects.filter(unit=unit, period=period)
             .select_related("unit", "sent_by", "acknowledged_by", "taken_back_by").first())
    can_draft = rules.can_draft(request.user, unit, sheet)
    form = YearlyEntryForm(request.POST or None, unit=unit)
    if request.method == "POST":
        if not can_draft:
            raise PermissionDenied("Bạn không lập được bảng đăng ký này.")
        if form.is_valid():
            try:
                entry = services.add_yearly_entry(unit, actor=request.user, period=period, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Đã thêm {entry.subject_name} vào bảng đăng ký năm {period}.")
                return redirect(_sheet_url(unit, period))
    entries = _entries(sheet)
    can_link = rules.can_link(request.user, unit, sheet)
    choices = rules.initiative_choices(sheet, entries) if can_link else {}
    rows = [{"entry": e, "choices": choices.get(e.pk)} for e in entries]
    return render(request, "awards/yearly_sheet.html", {
        "unit": unit, "period": period, "sheet": sheet, "entries": entries, "rows": rows,
        "form": form if can_draft else None, "actions": rules.allowed_actions(request.user, sheet),
        "history": rules.sheet_history(sheet),
    })


@require_POST
def yearly_sheet_send(request, pk):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    period = _period(request.POST)
    if not rules.can_draft(request.user, unit):
        raise PermissionDenied("Bạn không gửi được bảng đăng ký này.")
    sheet = YearlySheet.objects.filter(unit=unit, period=period).first()
    if sheet is None:
        messages.error(request, f"Bảng đăng ký năm {period} chưa có dòng nào.")
        return redirect(_sheet_url(unit, period))
    try:
        services.send_yearly_sheet(sheet, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã gửi bảng đăng ký thi đua năm {period} lên cấp trên.")
    return redirect(_sheet_url(unit, period))


def _sheet_or_404(request, pk, data):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    period = _period(data)
    return get_object_or_404(YearlySheet.objects.filter(unit=unit, period=period).select_related("unit"))


@require_POST
def yearly_sheet_acknowledge(request, pk):
    """The level above takes note of a sent sheet; its unit can no longer withdraw it."""
    sheet = _sheet_or_404(request, pk, request.POST)
    try:
        services.acknowledge_yearly_sheet(sheet, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã tiếp nhận bảng đăng ký thi đua năm {sheet.period} của {sheet.unit.name}.")
    return redirect(_sheet_url(sheet.unit, sheet.period))


# Rút lại and trả lại: the same page and step, told apart by who acts and what the sheet's unit is told.
TAKE_BACK = {
    A.WITHDRAW: {
        "url": "awards:yearly_sheet_withdraw", "service": services.withdraw_yearly_sheet,
        "heading": "Rút lại bảng đăng ký thi đua năm {period}", "confirm": "Xác nhận rút lại",
        "lead": ("Bảng đăng ký trở về “Đang soạn”: cán bộ TĐKT của {unit} sửa được các dòng rồi gửi lại. Chỉ rút lại "
                 "được khi cấp trên chưa tiếp nhận."),
        "done": "Đã rút lại bảng đăng ký thi đua năm {period} về đang soạn.",
    },
    A.RETURN: {
        "url": "awards:yearly_sheet_return", "service": services.return_yearly_sheet,
        "heading": "Trả lại bảng đăng ký thi đua năm {period}", "confirm": "Xác nhận trả lại",
        "lead": ("Bảng đăng ký trở về “Đang soạn” tại {unit}; cán bộ TĐKT của đơn vị đọc được lý do trả lại trên bảng "
                 "đăng ký."),
        "done": "Đã trả lại bảng đăng ký thi đua năm {period} cho {unit}.",
    },
}


def _take_back(request, pk, action):
    """GET: what taking the sheet back does, and the reason to give; POST: do it."""
    sheet = _sheet_or_404(request, pk, request.POST if request.method == "POST" else request.GET)
    text = {key: value.format(period=sheet.period, unit=sheet.unit.name) if isinstance(value, str) else value
            for key, value in TAKE_BACK[action].items()}
    back = _sheet_url(sheet.unit, sheet.period)
    if action not in rules.allowed_actions(request.user, sheet):
        if sheet.status == YearlySheet.Status.DRAFT or (sheet.status, action) not in rules.TRANSITIONS:
            messages.warning(request, f"Bảng đăng ký đang ở tình trạng “{sheet.get_status_display()}”.")
            return redirect(back)
        raise PermissionDenied("Bạn không làm được việc này với bảng đăng ký.")
    form = TakeBackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            text["service"](sheet, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            if not hasattr(error, "error_dict"):  # the sheet moved meanwhile: say so on the sheet
                messages.error(request, " ".join(error.messages))
                return redirect(back)
            add_service_errors(form, error)
        else:
            messages.success(request, text["done"])
            return redirect(back)
    page = Confirmation(heading=text["heading"], action=reverse(text["url"], args=[sheet.unit.pk]),
                        confirm_label=text["confirm"], back=back, back_label="Quay lại bảng đăng ký",
                        lead=text["lead"], tone="warning", hidden=[("ky", sheet.period)])
    page.add("Đơn vị", sheet.unit.name)
    page.add("Số dòng đăng ký", f"{sheet.entries.count()} dòng")
    page.add("Tình trạng", sheet.get_status_display())
    return render(request, "confirmation.html", {"confirmation": page, "form": form, "breadcrumbs": [
        (sheet.unit.name, sheet.unit.get_absolute_url()), (f"Đăng ký thi đua năm {sheet.period}", back)]},
        status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
def yearly_sheet_withdraw(request, pk):
    return _take_back(request, pk, A.WITHDRAW)


@require_http_methods(["GET", "POST"])
def yearly_sheet_return(request, pk):
    return _take_back(request, pk, A.RETURN)


@require_POST
def yearly_entry_link(request, pk):
    """Link a row's registered initiative to the recognised one (or unlink it); refusals come back as a message."""
    entry = get_object_or_404(YearlyEntry.objects.visible_to(request.user).select_related(
        "sheet__unit", "person", "collective"), pk=pk)
    back = _sheet_url(entry.sheet.unit, entry.sheet.period)
    if not rules.can_link(request.user, entry.sheet.unit, entry.sheet):
        raise PermissionDenied("Bạn không gắn được sáng kiến cho dòng này.")
    form = InitiativeLinkForm(request.POST, choices=rules.link_choices(entry))
    if not form.is_valid():
        messages.error(request, f"Chưa gắn được sáng kiến cho {entry.subject_name}: "
                                f"{' '.join(form.errors['initiative'])}")
        return redirect(back)
    initiative = form.cleaned_data["initiative"]
    try:
        services.link_yearly_initiative(entry, actor=request.user, initiative=initiative)
    except ValidationError as error:
        messages.error(request, f"Chưa gắn được sáng kiến cho {entry.subject_name}: {' '.join(error.messages)}")
    else:
        messages.success(request, f"Đã gắn sáng kiến “{initiative.title}” cho {entry.subject_name}." if initiative
                         else f"Đã bỏ gắn sáng kiến được công nhận của {entry.subject_name}.")
    return redirect(back)


@require_POST
def yearly_entry_remove(request, pk):
    entry = get_object_or_404(YearlyEntry.objects.visible_to(request.user).select_related("sheet__unit", "person",
                                                                                           "collective"), pk=pk)
    services.remove_yearly_entry(entry, actor=request.user)
    messages.success(request, f"Đã xóa {entry.subject_name} khỏi bảng đăng ký.")
    return redirect(_sheet_url(entry.sheet.unit, entry.sheet.period))


def yearly_sheet_pdf(request, pk):
    """The list for the head of unit to sign (a draft mark until the sheet is sent)."""
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    period = _period(request.GET)
    sheet = (YearlySheet.objects.filter(unit=unit, period=period).first()
             or YearlySheet(unit=unit, period=period, year=period_start(period)))
    entries = _entries(sheet) if sheet.pk else []
    return download(render_yearly_sheet_pdf(sheet, entries), f"dang-ky-thi-dua-{period}.pdf",
                    content_type="application/pdf")


def yearly_rollup(request, pk):
    """The units directly under ``pk``: each one's sheet of the period (sent or not) and its count per title."""
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    period = _period(request.GET)
    members = rules.member_units(unit)
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("trang"))
    units = list(page)
    rolled = rules.roll_up(units, period)
    per_title, not_sent = rules.totals(members, period)
    initiatives = {}
    for entry in rules.registered_initiatives(units, period):
        initiatives.setdefault(entry.sheet.unit_id, []).append(entry)
    rows = [{"unit": u, "sheet": rolled[u.pk][0], "counts": sorted(rolled[u.pk][1].items()),
             "initiatives": initiatives.get(u.pk, [])} for u in units]
    return render(request, "awards/yearly_rollup.html", {
        "unit": unit, "period": period, "page": page, "rows": rows, "per_title": per_title, "not_sent": not_sent,
    })


def yearly_rollup_xlsx(request, pk):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    period = _period(request.GET)
    units = list(rules.member_units(unit))
    record_export(request, unit=unit, target=f"Tổng hợp đăng ký thi đua năm {period} của {unit.name}")
    return download(build_rollup_workbook(unit, period, units, rules.roll_up(units, period),
                                          rules.registered_initiatives(units, period)),
                    f"tong-hop-dang-ky-{period}.xlsx", content_type=XLSX)
