"""A unit's statutory statistical forms for a year: the filled table, each figure's records, the workbook."""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from units.downloads import download
from units.models import Unit
from units.params import BadParameter, id_param, year_param
from units.security_log import record_export

from awards.documents.statutory_forms import build_statutory_form_workbook
from awards.models import StatisticalForm
from awards.rules import statutory_forms as rules

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _chosen(request, pk):
    """The unit (in the user's scope), the forms, the chosen form (?bieu, the first by default) and year (?nam)."""
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    forms = list(StatisticalForm.objects.all())
    year = year_param(request) or datetime.date.today().year - 1
    form_pk = id_param(request, "bieu")
    if form_pk is None:
        # The first form in force at the year's end: a report for 2022 opens on the 2018 circular's form.
        year_end = datetime.date(year, 12, 31)
        form = next((f for f in forms if f.is_valid_on(year_end)), forms[0] if forms else None)
    else:
        form = next((f for f in forms if f.pk == form_pk), None)
        if form is None:
            raise Http404("Không có biểu mẫu này.")
    return unit, forms, form, year


def statutory_form(request, pk):
    """The chosen form filled for the unit and the year; each figure links to its records."""
    unit, forms, form, year = _chosen(request, pk)
    filled, problem = None, ""
    if form is not None:
        try:
            filled = rules.fill_form(form, unit, year)
        except ValidationError as error:
            problem = error.messages[0]
    in_force = form is None or form.is_valid_on(datetime.date(year, 12, 31))
    return render(request, "awards/statutory_form.html", {
        "unit": unit, "forms": forms, "form": form, "year": year, "filled": filled, "in_force": in_force,
        "problem": problem,
    })


def statutory_form_records(request, pk):
    """The records (or proposals) behind one figure (?dong: row, ?cot: column), paged, as the user may see them."""
    unit, _forms, form, year = _chosen(request, pk)
    if form is None:
        raise Http404("Chưa có biểu mẫu thống kê.")
    row_pk, column_pk = id_param(request, "dong"), id_param(request, "cot")
    row = get_object_or_404(form.rows, pk=row_pk) if row_pk else form.rows.first()
    column = get_object_or_404(form.columns, pk=column_pk) if column_pk else form.columns.first()
    if row is None or column is None:
        raise Http404("Biểu mẫu chưa có dòng, cột.")
    try:
        source, items = rules.cell_items(form, unit, year, row, column, request.user)
    except ValidationError as error:
        raise BadParameter(error.messages[0]) from None
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "awards/statutory_form_records.html", {
        "unit": unit, "form": form, "year": year, "row": row, "column": column, "page": page,
        "proposals": source == rules.PROPOSALS, "plans": source == rules.PLANS,
    })


def statutory_form_xlsx(request, pk):
    unit, _forms, form, year = _chosen(request, pk)
    if form is None:
        raise Http404("Chưa có biểu mẫu thống kê.")
    try:
        filled = rules.fill_form(form, unit, year)
    except ValidationError as error:
        raise BadParameter(error.messages[0]) from None
    record_export(request, unit=unit, target=f"Biểu số {form.number} năm {year} của {unit.name}")
    filename = f"bieu-{form.number.split('/')[0]}-{year}.xlsx"
    return download(build_statutory_form_workbook(filled), filename, content_type=XLSX)
