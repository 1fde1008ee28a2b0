"""A unit's yearly registration sheet (đăng ký thi đua đầu năm), its printed list, and the roll-up above it."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST

from units.downloads import download
from units.forms import add_service_errors
from units.models import Unit
from units.params import BadParameter
from units.security_log import record_export

from awards.documents.yearly_registrations import build_rollup_workbook, render_yearly_sheet_pdf
from awards.forms.yearly_registrations import YearlyEntryForm
from awards.models import YearlyEntry, YearlySheet, period_start
from awards.rules import yearly_registrations as rules
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
    sheet = YearlySheet.objects.filter(unit=unit, period=period).first()
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
    return render(request, "awards/yearly_sheet.html", {
        "unit": unit, "period": period, "sheet": sheet, "entries": _entries(sheet),
        "form": form if can_draft else None, "can_send": rules.can_send(request.user, unit, sheet),
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
    rows = [{"unit": u, "sheet": rolled[u.pk][0], "counts": sorted(rolled[u.pk][1].items())} for u in units]
    return render(request, "awards/yearly_rollup.html", {
        "unit": unit, "period": period, "page": page, "rows": rows, "per_title": per_title, "not_sent": not_sent,
    })


def yearly_rollup_xlsx(request, pk):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    period = _period(request.GET)
    units = list(rules.member_units(unit))
    record_export(request, unit=unit, target=f"Tổng hợp đăng ký thi đua năm {period} của {unit.name}")
    return download(build_rollup_workbook(unit, period, units, rules.roll_up(units, period)),
                    f"tong-hop-dang-ky-{period}.xlsx", content_type=XLSX)
