"""The award catalogue, the authorities and the standards in force, for everyone signed in (read only)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from units.forms import SearchForm
from units.params import id_param

from awards.models import AwardType
from awards.rules import catalogue

PAGE_SIZE = 50


def _search(request):
    form = SearchForm(request.GET)
    return form, (form.cleaned_data["q"] if form.is_valid() else "")


def _page(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))


def _award(request):
    award_id = id_param(request, "hinh_thuc")
    return get_object_or_404(AwardType, pk=award_id) if award_id is not None else None


def catalogue_awards(request):
    form, query = _search(request)
    group = request.GET.get("nhom", "")
    group = group if group in AwardType.Group.values else ""
    return render(request, "awards/catalogue_awards.html", {
        "form": form, "query": query, "group": group, "groups": AwardType.Group.choices,
        "page": _page(request, catalogue.awards_matching(query, group=group)),
    })


def catalogue_authorities(request):
    form, query = _search(request)
    award, history = _award(request), bool(request.GET.get("lich_su"))
    return render(request, "awards/catalogue_authorities.html", {
        "form": form, "query": query, "award": award, "history": history,
        "page": _page(request, catalogue.authorities_matching(query, award=award, history=history)),
    })


def catalogue_standards(request):
    form, query = _search(request)
    award, history = _award(request), bool(request.GET.get("lich_su"))
    return render(request, "awards/catalogue_standards.html", {
        "form": form, "query": query, "award": award, "history": history,
        "page": _page(request, catalogue.standards_matching(query, award=award, history=history)),
    })
