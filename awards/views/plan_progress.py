"""A plan's progress below its issuer: which units implemented it and which sent nominations, filtered and paged.

The plan is fetched through the plans the user may see (another province's plan is "not found"); the
units listed are those expected to implement it, with the user's own unit first.
"""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from campaigns.models import Plan

from awards.rules import plan_progress

PAGE_SIZE = 50


@require_GET
def plan_progress_list(request, pk):
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("issuing_unit"), pk=pk)
    units = plan_progress.progress_units(plan, request.user)
    chosen = request.GET.get("tinh_trang", "")
    if chosen in plan_progress.FILTERS:
        units = units.filter(plan_progress.FILTERS[chosen][1])
    else:
        chosen = ""
    return render(request, "awards/plan_progress.html", {
        "plan": plan, "summary": plan_progress.summary(plan), "chosen": chosen,
        "filters": [(value, label) for value, (label, _q) in plan_progress.FILTERS.items()],
        "page": Paginator(units, PAGE_SIZE).get_page(request.GET.get("trang")),
    })
