"""Pages of a search, read from an index before any row."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window


class IdsFirstPaginator(Paginator):
    """A paginator that finds a page's primary keys and the number of all rows in one query, then reads those
    rows by primary key.

    Meant for a search whose pattern is tested on an index that also holds the sort columns and the primary
    key (people: unit, search_key): counting the matches and choosing a page then read no row of the table,
    and only the page's rows are read whole. A page past the end (or a page number that is not one) is
    answered as ``Paginator.get_page`` answers it, after a count.
    """

    def get_page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if number >= 1:
            found = self._keys(number, with_count=True)
            if found:
                self.__dict__["count"] = found[0][1]  # the cached_property Paginator.count
                return self._read(number, [pk for pk, _total in found])
        return super().get_page(number)

    def page(self, number):
        number = self.validate_number(number)
        return self._read(number, self._keys(number))

    def _keys(self, number, *, with_count=False):
        bottom = (number - 1) * self.per_page
        if with_count:
            keys = self.object_list.annotate(_total=Window(Count("*"))).values_list("pk", "_total")
        else:
            keys = self.object_list.values_list("pk", flat=True)
        return list(keys[bottom:bottom + self.per_page])

    def _read(self, number, keys):
        rows = self.object_list.model._default_manager.filter(pk__in=keys)
        rows.query.select_related = self.object_list.query.select_related
        by_pk = {row.pk: row for row in rows}
        return Page([by_pk[pk] for pk in keys], number, self)
