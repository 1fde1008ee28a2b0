import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from units import services
from units.forms import PersonForm, SearchForm, UnitForm, add_service_errors
from units.models import Membership, Person, Unit, UnitSuccession
from units.models.people import PICK_LIMIT
from units.paging import IdsFirstPaginator
from units.params import id_param
from units.scoping import grants_of, roles_in
from units.security_log import Action, record_security_event
from units.text import fold

PAGE_SIZE = 50


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("trang"))


def dashboard(request):
    user = request.user
    units = Unit.objects.visible_to(user)
    memberships = user.memberships.current().select_related("unit").order_by("unit__path", "role")
    today = datetime.date.today()
    return render(request, "units/dashboard.html", {
        "memberships": memberships,
        "unit_count": units.in_force(today).count(),
        "person_count": Person.objects.count_visible_to(user),
        "historic_count": units.filter(valid_to__lt=today).count(),
        "can_add_people": services.can_edit_people_somewhere(user),
        "administered": [m.unit for m in memberships if m.role == Membership.Role.UNIT_ADMIN],
    })


def unit_list(request):
    """The roots of what the user may see, or units matching a search anywhere in it."""
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    units = Unit.objects.visible_to(request.user).select_related("parent")
    if query:
        units = units.search(query)
        if not request.GET.get("lich_su"):
            units = units.in_force()
        return render(request, "units/unit_list.html", {"form": form, "query": query, "page": _page(request, units)})
    if request.user.is_superuser:
        roots = units.filter(parent__isnull=True).in_force()
    else:
        roots = units.filter(pk__in={g.unit_id for g in grants_of(request.user)})
    roots = roots.annotate(child_count=Count("children")).order_by("kind", "search_key")
    return render(request, "units/unit_list.html", {"form": form, "query": "", "roots": roots})


def unit_detail(request, pk):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    # An ended unit shows the children it had; a unit in force shows those in force unless asked.
    show_history = bool(request.GET.get("lich_su")) or not unit.is_in_force()
    children = unit.children.annotate(child_count=Count("children")).order_by("kind", "search_key")
    if not show_history:
        children = children.in_force()
    successions = UnitSuccession.objects.filter(Q(predecessor=unit) | Q(successor=unit)).select_related(
        "predecessor", "successor",
    )
    visible_ids = set(Unit.objects.visible_to(request.user).filter(
        pk__in=[s.predecessor_id for s in successions] + [s.successor_id for s in successions],
    ).values_list("pk", flat=True)) if successions else set()
    return render(request, "units/unit_detail.html", {
        "unit": unit,
        # Ancestors above the user's own units are left out of the breadcrumb: they would 404.
        "ancestors": Unit.objects.visible_to(request.user).filter(pk__in=unit.ancestor_ids()).order_by("depth"),
        "children": children,
        "show_history": show_history,
        "predecessors": [s for s in successions if s.successor_id == unit.pk],
        "successors": [s for s in successions if s.predecessor_id == unit.pk],
        "visible_ids": visible_ids,
        "person_count": Person.objects.count_in_units(Unit.objects.subtree_of(unit)),
        "roles": sorted(Membership.Role(r).label for r in roles_in(request.user, unit)),
        "can_add_units": services.can_add_units(request.user, unit),
        "can_edit_people": services.can_edit_people(request.user, unit),
    })


@require_http_methods(["GET", "POST"])
def unit_create(request, parent_pk):
    parent = get_object_or_404(Unit.objects.visible_to(request.user), pk=parent_pk)
    if not services.can_add_units(request.user, parent):
        raise PermissionDenied("Bạn không có quyền thêm đơn vị trực thuộc đơn vị này.")
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.create_unit(actor=request.user, parent=parent, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã thêm đơn vị “{unit.name}”.")
            return redirect(unit)
    return render(request, "units/unit_form.html", {"form": form, "parent": parent})


def person_list(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    people = Person.objects.visible_to(request.user).select_related("unit").search(query)
    scope_unit = None
    unit_id = id_param(request, "don_vi")
    if unit_id is not None:
        scope_unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=unit_id)
        people = people.filter(unit__in=Unit.objects.subtree_of(scope_unit))
    # A search finds its page and its count on the name index, then reads the page's people only.
    page = (IdsFirstPaginator(people, PAGE_SIZE).get_page(request.GET.get("trang")) if fold(query)
            else _page(request, people))
    return render(request, "units/person_list.html", {
        "form": form, "query": query, "scope_unit": scope_unit, "page": page,
        "can_add_people": services.can_edit_people_somewhere(request.user),
    })


def _picked(person):
    # Enough to tell namesakes apart, nothing more: the CCCD shows its last four digits only.
    return {
        "id": person.pk, "name": person.full_name,
        "born": f"{person.date_of_birth:%d/%m/%Y}" if person.date_of_birth else "",
        "unit": person.unit.name, "position": person.position,
        "cccd_tail": person.cccd[-4:] if person.cccd else "",
    }


@require_GET
def person_picker(request):
    """The people the user may see who match ``?q=`` (a name without diacritics, a CCCD or its last
    digits), at most PICK_LIMIT, as JSON for the person picker; ``?don_vi=`` narrows to a unit's subtree."""
    people = Person.objects.visible_to(request.user).select_related("unit")
    unit_id = id_param(request, "don_vi")
    if unit_id is not None:
        unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=unit_id)
        people = people.filter(unit__in=Unit.objects.subtree_of(unit))
    query = request.GET.get("q", "")[:150].strip()
    found = list(people.pick(query)) if len(query) >= 2 else []
    return JsonResponse({"results": [_picked(p) for p in found[:PICK_LIMIT]], "more": len(found) > PICK_LIMIT})


def person_detail(request, pk):
    person = get_object_or_404(Person.objects.visible_to(request.user).select_related("unit"), pk=pk)
    return render(request, "units/person_detail.html", {
        "person": person,
        "postings": person.postings.select_related("unit"),
        "award_records": person.award_records.select_related("award"),
        "task_ratings": person.task_ratings.all(),
        "initiatives": person.initiatives.all(),
        "discipline_periods": person.discipline_periods.all(),
        "can_edit": services.can_edit_people(request.user, person.unit),
    })


def _safe_next(request):
    """The page that sent the user here to add someone (a nomination list), if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                         require_https=request.is_secure())
    return target if ok and target.startswith("/") else ""


def _back_to(request, person):
    target = _safe_next(request)
    if not target:
        return None
    # The sending page finds the new person by CCCD (or name) and has them typed in already.
    return redirect(f"{target}?{urlencode({'ca_nhan': person.cccd or person.full_name})}")


@require_http_methods(["GET", "POST"])
def person_create(request):
    if not services.can_edit_people_somewhere(request.user):
        raise PermissionDenied("Bạn không có quyền thêm cá nhân.")
    initial = {}
    unit_id = id_param(request, "don_vi")
    if unit_id is not None:
        initial["unit"] = get_object_or_404(Unit.objects.visible_to(request.user), pk=unit_id)
    form = PersonForm(request.POST or None, initial=initial, unit_queryset=services.units_for_people(request.user))
    duplicates = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not services.can_edit_people(request.user, data["unit"]):
            raise PermissionDenied("Bạn không có quyền thêm cá nhân vào đơn vị này.")
        duplicates = services.find_person_duplicates(
            viewer=request.user, full_name=data["full_name"], date_of_birth=data["date_of_birth"],
            cccd=data["cccd"], unit=data["unit"],
        )
        look_alikes = duplicates.same_name_and_birth or duplicates.similar_elsewhere
        if duplicates.same_cccd:
            form.add_error("cccd", "Số CCCD này đã có trong hệ thống (xem người đã có bên dưới).")
        elif duplicates.cccd_elsewhere:
            # Held outside the clerk's scope: whose it is stays there (no name, birth date or unit).
            form.add_error("cccd", services.CCCD_ELSEWHERE)
        elif look_alikes and request.POST.get("confirm_new") != "1":
            pass  # shown with the list of look-alikes and a "create anyway" button
        else:
            try:
                person = services.create_person(actor=request.user, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Đã thêm “{person.full_name}”.")
                return _back_to(request, person) or redirect(person)
    return render(request, "units/person_form.html", {"form": form, "duplicates": duplicates, "person": None,
                                                      "next": _safe_next(request)})


@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = get_object_or_404(Person.objects.visible_to(request.user).select_related("unit"), pk=pk)
    if not services.can_edit_people(request.user, person.unit):
        raise PermissionDenied("Bạn không có quyền sửa thông tin cá nhân này.")
    initial = {f: getattr(person, f) for f in ("full_name", "gender", "date_of_birth", "cccd", "position", "unit")}
    form = PersonForm(request.POST or None, initial=initial, unit_queryset=services.units_for_people(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            person = services.update_person(person, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect(person)
    return render(request, "units/person_form.html", {"form": form, "person": person, "duplicates": None})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's own page for changing one's password, with the change written to the accountability log.

    A password chosen by its owner is no longer a temporary one: the form's save keeps the cleared flag.
    """

    def form_valid(self, form):
        form.user.must_change_password = False
        response = super().form_valid(form)
        record_security_event(action=Action.PASSWORD_CHANGED, request=self.request,
                              target=self.request.user.get_username())
        return response
