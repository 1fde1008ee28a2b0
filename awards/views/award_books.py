"""Sổ vàng pages: a person's and a collective's awards across every year and unit, on screen and as a PDF.

The person or unit is read through its scoped queryset (outside the user's scope: "not found"); the
book itself is gathered by awards.rules.award_books.
"""

from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from units.downloads import download
from units.models import Person, Unit
from units.security_log import record_export
from units.text import fold

from awards.documents.award_book import render_award_book_pdf
from awards.rules.award_books import collective_award_book, person_award_book


def _person(request, pk):
    return get_object_or_404(Person.objects.visible_to(request.user).select_related("unit"), pk=pk)


def _unit(request, pk):
    return get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)


def _page(request, book, pdf_url_name):
    return render(request, "awards/award_book.html", {"book": book, "pdf_url_name": pdf_url_name})


def _pdf(request, book, *, unit, name):
    record_export(request, unit=unit, target=f"Sổ vàng #{book.subject.pk}")
    return download(render_award_book_pdf(book), f"so-vang-{slugify(fold(name))}.pdf", inline=True)


@require_safe
def person_award_book_page(request, pk):
    """A person's awards across every year and every unit they worked in."""
    return _page(request, person_award_book(_person(request, pk)), "awards:person_award_book_pdf")


@require_safe
def person_award_book_pdf(request, pk):
    person = _person(request, pk)
    return _pdf(request, person_award_book(person), unit=person.unit, name=person.full_name)


@require_safe
def unit_award_book_page(request, pk):
    """A collective's awards across every year, its predecessors' included."""
    return _page(request, collective_award_book(_unit(request, pk)), "awards:unit_award_book_pdf")


@require_safe
def unit_award_book_pdf(request, pk):
    unit = _unit(request, pk)
    return _pdf(request, collective_award_book(unit), unit=unit, name=unit.name)
