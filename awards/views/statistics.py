"""Thống kê: the statistics page (charts, each with its table) and each table as an Excel file.

Filters: ``tu_nam``/``den_nam`` (a range of years, the last five by default) and ``don_vi`` (a unit the
user may see; none: everything they see). An unknown or hidden unit answers 404, like any row out of scope.
"""

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from units.downloads import download
from units.models import Unit
from units.params import BadParameter, id_param, year_param
from units.security_log import record_export

from awards.documents.charts import bar_chart, line_chart, stacked_bar_chart
from awards.documents.statistics_workbook import build_table_workbook
from awards.rules import statistics

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
YEARS_SHOWN = 5
# The longest range of years one page counts (the year chart has a bar per year).
MAX_YEARS = 30
# The units offered in the unit filter: the administrative levels and the bodies of a province.
FILTER_KINDS = (Unit.Kind.STATE, Unit.Kind.CENTRAL, Unit.Kind.MINISTRY, Unit.Kind.PROVINCE, Unit.Kind.CITY,
                Unit.Kind.DEPARTMENT, Unit.Kind.DISTRICT, Unit.Kind.COMMUNE, Unit.Kind.WARD, Unit.Kind.TOWN,
                Unit.Kind.SPECIAL_ZONE)
FILTER_UNITS_SHOWN = 1000


def _scope(request):
    this_year = datetime.date.today().year
    year_to = year_param(request, "den_nam") or this_year
    year_from = year_param(request, "tu_nam") or year_to - YEARS_SHOWN + 1
    if year_from > year_to:
        raise BadParameter("Năm bắt đầu phải trước hoặc bằng năm kết thúc.")
    if year_to - year_from >= MAX_YEARS:
        raise BadParameter(f"Chỉ thống kê được tối đa {MAX_YEARS} năm một lần.")
    unit_id = id_param(request, "don_vi")
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=unit_id) if unit_id else None
    return statistics.make_scope(request.user, unit, year_from, year_to)


def _label(scope) -> str:
    where = scope.unit.name if scope.unit else "Tất cả đơn vị được xem"
    years = str(scope.year_from) if scope.year_from == scope.year_to else f"{scope.year_from}–{scope.year_to}"
    return f"{where}, năm {years}"


def _unit_label(unit):
    return ("— " * max(unit.depth, 0)) + unit.name + (f" (đến {unit.valid_to:%d/%m/%Y})" if unit.valid_to else "")


def _unit_choices(user, chosen):
    """The units to pick from (the first ``FILTER_UNITS_SHOWN`` by the tree's order), and the chosen one
    always, even past that or of another kind (reached by its id in the address)."""
    units = list(Unit.objects.visible_to(user).filter(kind__in=FILTER_KINDS).order_by("path")
                 .only("name", "kind", "valid_to", "depth")[:FILTER_UNITS_SHOWN])
    if chosen is not None and chosen.pk not in {unit.pk for unit in units}:
        units.insert(0, chosen)
    return [(unit.pk, _unit_label(unit)) for unit in units]


def _chart(table):
    if table.series:
        return stacked_bar_chart(key=table.key, title=table.title, series=[table.columns[i] for i in table.series],
                                 rows=[(row[0], [row[i] for i in table.series]) for row in table.rows])
    rows = [(row[0], row[table.value_column]) for row in table.rows]
    if table.chart == "line":
        return line_chart(key=table.key, title=table.title, rows=rows)
    return bar_chart(key=table.key, title=table.title, rows=rows)


@require_GET
def statistics_page(request):
    scope = _scope(request)
    tables = statistics.all_tables(scope)
    figures = [{"table": table, "chart": _chart(table)} for table in tables]
    return render(request, "awards/statistics.html", {
        "scope": scope, "scope_label": _label(scope), "figures": figures,
        "unit_choices": _unit_choices(request.user, scope.unit),
    })


@require_GET
def statistics_xlsx(request, key):
    if key not in statistics.TABLES:
        raise Http404
    scope = _scope(request)
    table = statistics.TABLES[key](scope)
    record_export(request, unit=scope.unit, target=f"Thống kê: {table.title}")
    return download(build_table_workbook(table, scope_label=_label(scope)), f"thong-ke-{key}.xlsx",
                    content_type=XLSX)
