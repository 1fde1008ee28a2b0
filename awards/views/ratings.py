"""A unit's yearly ratings on one page: one row per person, a select for the year, saved together."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from units.downloads import download
from units.models import Unit
from units.params import posted_ids, year_param
from units.scoping import acting_in
from units.security_log import record_export

from awards.documents.history_workbook import build_history_template, ratings_to_fill
from awards.models import AwardType, TaskRating
from awards.services import ratings

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def record_units(request):
    """Where the user enters ratings, initiatives and discipline: their units (straight to the grid when one)."""
    units = list(Unit.objects.in_force().filter(acting_in(request.user, ratings.RATING_EDITORS))
                 .order_by("path")[:PAGE_SIZE + 1])
    if len(units) == 1:
        return redirect("awards:unit_ratings", units[0].pk)
    return render(request, "awards/record_units.html", {"units": units[:PAGE_SIZE],
                                                        "more": len(units) > PAGE_SIZE})


def _year(request):
    return year_param(request) or datetime.date.today().year


@require_http_methods(["GET", "POST"])
def unit_ratings(request, pk):
    """The grid of year N for the unit's people; a bad row refuses the page, keeping every select as chosen."""
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    year, can_edit = _year(request), ratings.can_rate(request.user, unit)
    page = Paginator(ratings.people_of(unit), PAGE_SIZE).get_page(request.GET.get("trang"))
    typed, refused = {}, {}
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Bạn không có quyền nhập xếp loại cho đơn vị này.")
        ids = posted_ids(request.POST.getlist("ca_nhan"))
        typed = {pk: request.POST.get(f"xl-{pk}", "") for pk in ids}
        try:
            result = ratings.save_ratings(unit, actor=request.user, year=year, entries=typed)
        except ratings.RatingsRefused as error:
            refused = error.rows
            messages.error(request, f"Chưa lưu xếp loại nào: {len(refused)} dòng có lỗi (ghi ở từng dòng). "
                                    "Các lựa chọn khác vẫn giữ nguyên trên trang.")
        except ValidationError as error:
            messages.error(request, f"Chưa lưu xếp loại nào: {' '.join(error.messages)}")
        else:
            messages.success(request, result.summary())
            query = {"nam": year, **({"trang": page.number} if page.number > 1 else {})}
            return redirect(f"{reverse('awards:unit_ratings', args=[unit.pk])}?{urlencode(query)}")
    people = list(page)
    stored = {(r.person_id, r.year): r.rating
              for r in TaskRating.objects.filter(person__in=people, year__in=[year, year - 1])}
    rows = [{"person": p, "rating": typed.get(p.pk, stored.get((p.pk, year), "")),
             "previous": TaskRating.Rating(stored[(p.pk, year - 1)]).label if (p.pk, year - 1) in stored else "",
             "error": refused.get(p.pk, "")} for p in people]
    return render(request, "awards/unit_ratings.html", {
        "unit": unit, "year": year, "page": page, "rows": rows, "can_edit": can_edit,
        "choices": TaskRating.Rating.choices,
        # Rows refused that are not on this page (a person moved away meanwhile): said above the grid.
        "stray": [message for pk, message in refused.items() if pk not in {p.pk for p in people}],
    })


def unit_ratings_xlsx(request, pk):
    """The history template with the unit's people and their ratings of year N filled in (to fill and load back)."""
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    if not ratings.can_rate(request.user, unit):
        raise PermissionDenied("Bạn không có quyền nhập xếp loại cho đơn vị này.")
    year = _year(request)
    people = ratings.people_of(unit).exclude(cccd=None)
    stored = dict(TaskRating.objects.filter(person__in=people, year=year).values_list("person_id", "rating"))
    units = Unit.objects.visible_to(request.user).exclude(code="").order_by("path")
    data = build_history_template(awards=AwardType.objects.all(), units=units.iterator(chunk_size=2000),
                                  rating_rows=ratings_to_fill(people.iterator(chunk_size=2000), year, stored))
    record_export(request, unit=unit, target=f"Xếp loại năm {year} của {unit.name}")
    return download(data, f"xep-loai-{year}-{unit.pk}.xlsx", content_type=XLSX)
