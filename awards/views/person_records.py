"""A person's initiatives and discipline entered from their page, and many rows of a unit at once."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from units.forms import add_service_errors
from units.models import Person, Unit

from awards.forms.person_records import DisciplineForm, InitiativeForm, filled, row_formsets
from awards.models import DisciplinePeriod, Initiative
from awards.services import person_records as records, ratings

INITIATIVE, DISCIPLINE = "sang_kien", "ky_luat"


def _person(request, pk):
    return get_object_or_404(Person.objects.visible_to(request.user).select_related("unit"), pk=pk)


@require_http_methods(["GET", "POST"])
def person_records(request, pk):
    """Add an initiative or a discipline period of one person; a refusal comes back with what was typed."""
    person = _person(request, pk)
    can_edit = records.can_enter_records(request.user, person)
    kind = request.POST.get("loai")
    initiative_form = InitiativeForm(request.POST if kind == INITIATIVE else None, prefix="sk")
    discipline_form = DisciplineForm(request.POST if kind == DISCIPLINE else None, prefix="kl")
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(records.NOT_YOURS)
        form = initiative_form if kind == INITIATIVE else discipline_form
        if kind in (INITIATIVE, DISCIPLINE) and form.is_valid():
            try:
                if kind == INITIATIVE:
                    records.add_initiative(actor=request.user, authors=[person], **form.fields_data())
                else:
                    records.add_discipline(person, actor=request.user, **form.fields_data())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Đã lưu sáng kiến." if kind == INITIATIVE else "Đã lưu thời hạn kỷ luật.")
                return redirect(person)
    return render(request, "awards/person_records.html", {
        "person": person, "can_edit": can_edit, "initiative_form": initiative_form,
        "discipline_form": discipline_form, "initiatives": person.initiatives.all(),
        "discipline_periods": person.discipline_periods.all(),
    })


@require_POST
def initiative_remove(request, pk):
    visible = Person.objects.visible_to(request.user)
    initiative = get_object_or_404(Initiative.objects.filter(authors__in=visible).distinct(), pk=pk)
    back = initiative.authors.filter(pk__in=visible.values("pk")).first()
    records.remove_initiative(initiative, actor=request.user)
    messages.success(request, f"Đã xóa sáng kiến “{initiative.title}”.")
    return redirect(back)


@require_POST
def discipline_remove(request, pk):
    period = get_object_or_404(DisciplinePeriod.objects.filter(person__in=Person.objects.visible_to(request.user))
                               .select_related("person"), pk=pk)
    records.remove_discipline(period, actor=request.user)
    messages.success(request, f"Đã xóa kỷ luật {period.get_form_display().lower()} của {period.person.full_name}.")
    return redirect(period.person)


@require_http_methods(["GET", "POST"])
def unit_records(request, pk):
    """Several initiatives and discipline periods of a unit's people in one go; one bad row saves nothing."""
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    if not ratings.can_rate(request.user, unit):
        raise PermissionDenied("Bạn không có quyền nhập sáng kiến, kỷ luật cho đơn vị này.")
    people = ratings.people_of(unit)
    initiative_rows, discipline_rows = row_formsets(request.POST or None, people=people)
    if request.method == "POST" and not (initiative_rows.is_valid() and discipline_rows.is_valid()):
        messages.error(request, "Chưa lưu dòng nào: sửa các ô có lỗi (ghi ở từng dòng) rồi lưu lại.")
    elif request.method == "POST":
        new_initiatives, new_periods = filled(initiative_rows), filled(discipline_rows)
        try:
            added = records.add_records(
                actor=request.user,
                initiatives=[{"authors": [f.cleaned_data["person"]], **f.fields_data()} for f in new_initiatives],
                discipline=[{"person": f.cleaned_data["person"], **f.fields_data()} for f in new_periods])
        except records.RecordsRefused as refused:
            rows = {records.INITIATIVE: new_initiatives, records.DISCIPLINE: new_periods}
            for kind, number, error in refused.rows:
                add_service_errors(rows[kind][number - 1], error)
            messages.error(request, f"Chưa lưu dòng nào: {len(refused.rows)} dòng có lỗi (ghi ở từng dòng).")
        else:
            if not (added.initiatives or added.discipline):
                messages.warning(request, "Chưa có dòng nào được điền.")
            else:
                messages.success(request, f"Đã lưu {len(added.initiatives)} sáng kiến và "
                                          f"{len(added.discipline)} thời hạn kỷ luật.")
                return redirect("awards:unit_records", unit.pk)
    return render(request, "awards/unit_records.html", {
        "unit": unit, "initiative_rows": initiative_rows, "discipline_rows": discipline_rows,
    })
