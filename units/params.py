"""Query parameters read one way: absent or blank means "no filter"; present but not what the page takes
answers 400 with a Vietnamese sentence, never a 500 from deep in the database.

An id past the 64-bit range made SQLite raise OverflowError and PostgreSQL DataError; a year of -1 made
the date lookup raise ValueError; a unit "x" made the primary-key lookup raise ValueError.
"""

from django.core.exceptions import BadRequest
from django.http import HttpResponseBadRequest
from django.template import loader

# The largest id a database column holds (PostgreSQL bigint, SQLite INTEGER): past it nothing can exist.
MAX_ID = 2**63 - 1
# Years the portal's records can carry (emulation movements are dated from 1945 on).
MIN_YEAR, MAX_YEAR = 1945, 2100


class BadParameter(BadRequest):
    """A query parameter the page cannot read; Django answers 400."""


def _raw(request, name) -> str:
    return request.GET.get(name, "").strip()


def _whole_number(name, value) -> int:
    # isdecimal() would let other scripts' digits through ("٣"); a query parameter is ASCII digits.
    if not (value.isascii() and value.isdigit()) or len(value) > 19:
        raise BadParameter(f"Tham số “{name}” trên đường dẫn phải là một số nguyên dương; "
                           f"giá trị “{value[:20]}” không hợp lệ.")
    return int(value)


def id_param(request, name) -> int | None:
    """The id in ``?name=``: None when absent or blank; 400 when it is not a positive whole number in range."""
    value = _raw(request, name)
    if not value:
        return None
    number = _whole_number(name, value)
    if not 1 <= number <= MAX_ID:
        raise BadParameter(f"Tham số “{name}” trên đường dẫn không phải mã số hợp lệ (“{value[:20]}”).")
    return number


def posted_ids(values) -> list[int]:
    """The row ids among posted values (checkboxes, hidden fields): text or a number past any id names no row."""
    return [int(v) for v in values if v.isascii() and v.isdigit() and len(v) <= 19 and 1 <= int(v) <= MAX_ID]


def year_param(request, name="nam") -> int | None:
    """The year in ``?name=``: None when absent or blank; 400 outside MIN_YEAR..MAX_YEAR or not a number."""
    value = _raw(request, name)
    if not value:
        return None
    year = _whole_number(name, value)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadParameter(f"Năm “{value[:20]}” không hợp lệ: hãy chọn một năm từ {MIN_YEAR} đến {MAX_YEAR}.")
    return year


class RefuseNulInQueryMiddleware:
    """A query string holding a NUL character answers 400 before any view reads it.

    No search or filter of the portal has a use for one, and PostgreSQL refuses NUL in any text it
    compares (the query would fail with a 500). Typed text in forms loses it at the door instead
    (units.fields).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
            raise BadParameter("Địa chỉ trang chứa ký tự không hợp lệ (ký tự rỗng); hãy tìm kiếm lại.")
        return self.get_response(request)


def bad_request(request, exception=None):
    """The 400 page (Django's ``handler400``), with the sentence of a parameter the portal could not read.

    Other refusals (a forged Host header, a broken multipart body) carry Django's own technical words: only
    the general sentence shows for them. Rendered without the request, as Django's own view does.
    """
    reason = str(exception.args[0]) if isinstance(exception, BadParameter) and exception.args else ""
    return HttpResponseBadRequest(loader.get_template("400.html").render({"reason": reason}))
