"""Coming back to the row just changed: after adding a line or uploading a document, the page opens at
that row (``#dong-<id>``), marks it, and shows the message of the act beside it, not only at the top.

The row travels in the address (``?dong=<id>``): the fragment never reaches the server, and the page
must know which row to mark and where to show the message.
"""

import math
from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from units.params import id_param

from awards.models import NominationLine

ROW_PARAM = "dong"
# A list page shows its lines this many at a time, in the order they were added.
LINES_PER_PAGE = 100


def back_to_row(url: str, row_id: int, *, page: int = 1):
    """A redirect to ``url`` opened at the row ``row_id`` (on page ``page`` of a paged table)."""
    query = {ROW_PARAM: row_id, **({"trang": page} if page > 1 else {})}
    return redirect(f"{url}?{urlencode(query)}#{ROW_PARAM}-{row_id}")


def page_of(position: int, per_page: int) -> int:
    """The page that shows the row at ``position`` (1-based) of a table paged by ``per_page``."""
    return max(1, math.ceil(position / per_page))


def row_context(request) -> dict:
    """``back_at_row``, the id of the row the page came back to, and ``row_messages``, the messages of the
    act done on it (they are shown at the top of the page as well)."""
    row = id_param(request, ROW_PARAM)
    if row is None:
        return {"back_at_row": None, "row_messages": []}
    return {"back_at_row": row, "row_messages": list(messages.get_messages(request))}


def line_row(nomination_list_id: int, line_id: int):
    """Back to the list page that shows the line ``line_id``, at its row."""
    position = NominationLine.objects.filter(nomination_list_id=nomination_list_id, pk__lte=line_id).count()
    return back_to_row(reverse("awards:nomination_list_detail", args=[nomination_list_id]), line_id,
                       page=page_of(position, LINES_PER_PAGE))
