"""Pages of a list whose count costs as much as its page."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window


class CountedPaginator(Paginator):
    """A paginator that reads a page and the number of all rows in one query (``COUNT(*) OVER ()``).

    Meant for a search, where counting the rows matched and reading the first of them each have to find
    them all: one search instead of two. A page past the end (or a page number that is not one) falls back
    to the usual count, then the page ``Paginator.get_page`` gives.
    """

    def get_page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if number >= 1:
            bottom = (number - 1) * self.per_page
            rows = list(self.object_list.annotate(_total=Window(Count("*")))[bottom:bottom + self.per_page])
            if rows:
                self.__dict__["count"] = rows[0]._total  # the cached_property Paginator.count
                return Page(rows, number, self)
        return super().get_page(number)
