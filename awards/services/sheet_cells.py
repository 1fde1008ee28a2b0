"""Reading the cells of the portal's Excel templates: text, CCCD, dates, years, and a sheet's rows.

Shared by the imports of past records (awards.services.history_imports) and of nominee lists
(awards.services.nominee_imports); what cannot be read raises ``BadCell`` with the Vietnamese reason.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from openpyxl.utils import get_column_letter

from units.text import BIDI_MESSAGE, checked_text, fold, has_bidi, normalize_name

FIRST_YEAR = 1945
MAX_ROWS = 50_000
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


# --- Reading cells -----------------------------------------------------------------------------

class BadCell(ValueError):
    """A cell that cannot be read; the message is the Vietnamese reason.

    ``columns`` (1-based, of the template) are the cells to blame when the file is handed back
    annotated; a reader that sees only a value leaves them to the caller, who knows its column.
    """

    def __init__(self, message, columns=()):
        super().__init__(message)
        self.columns = (columns,) if isinstance(columns, int) else tuple(columns)


def read_text(value) -> str:
    """The cell as text, composed (NFC) with single spaces: a decision number pasted from Word in
    decomposed form must still equal the stored one, or a second import would duplicate it."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize_name(str(value))


def refuse_bidi(values, columns):
    """BadCell naming the first cell of a row that holds a bidi control (units.text): such a cell could
    read otherwise than it is stored. ``read_text`` drops them, so the row is refused here first."""
    for index, value in enumerate(values):
        if isinstance(value, str) and has_bidi(value):
            raise BadCell(BIDI_MESSAGE % {"label": f"Cột “{columns[index][0]}”"}, index + 1)


def read_long_text(value, label, limit) -> str:
    """A multi-line cell (an achievement summary): line breaks kept, normalised as a form would; over
    ``limit`` characters it is refused (a summary of a million characters would stall its PDFs)."""
    try:
        return checked_text("" if value is None else str(value), multiline=True, max_length=limit, label=label)
    except ValidationError as refusal:
        raise BadCell(" ".join(refusal.messages)) from None


def read_cccd(value, warn=lambda message: None):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # A number cell lost its leading zeros in Excel; only then is padding a safe guess.
        if value < 0 or (isinstance(value, float) and not value.is_integer()) or len(str(int(value))) > 12:
            raise BadCell(f"Số CCCD “{read_text(value)}” phải gồm đúng 12 chữ số.")
        digits = str(int(value))
        if len(digits) < 12:
            warn(f"Số CCCD {digits} ở dạng số, đã thêm số 0 ở đầu thành {digits.zfill(12)}; "
                 f"nên định dạng cột Số CCCD là văn bản.")
        return digits.zfill(12)
    text = read_text(value).replace(" ", "")
    if not re.fullmatch(r"\d{12}", text):
        raise BadCell(f"Số CCCD “{text}” phải gồm đúng 12 chữ số.")
    return text


def read_date(value, label):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = read_text(value)
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            pass
    raise BadCell(f"{label} “{text}” không hợp lệ (ghi dạng dd/mm/yyyy).")


def read_year(value, label):
    text, last = read_text(value), datetime.date.today().year
    if not text.isdigit():
        raise BadCell(f"{label} “{text}” không hợp lệ." if text else f"Thiếu {label.lower()}.")
    if not FIRST_YEAR <= int(text) <= last:
        raise BadCell(f"{label} {text} ngoài khoảng {FIRST_YEAR}–{last}.")
    return int(text)


def read_template_rows(book, title, columns, error, *, max_rows=MAX_ROWS):
    """(row number, values) of a template sheet's non-empty rows, after checking its header.

    ``error(row, message)`` hears of a wrong header or too many rows; every row comes back
    padded to the template's width, so cells can be read by position.
    """
    return list(iter_template_rows(book, title, columns, error, max_rows=max_rows))


def iter_template_rows(book, title, columns, error, *, max_rows=MAX_ROWS):
    """``read_template_rows`` one row at a time, for files too long to hold whole."""
    if title not in book.sheetnames:
        return
    sheet = book[title]
    sheet.reset_dimensions()  # files from other tools often declare wrong dimensions
    header = [fold(read_text(v)) for v in next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())]
    expected = [fold(name.split(" (")[0]) for name, _width in columns]
    for index, (name, _width) in enumerate(columns):
        if not (index < len(header) and header[index].startswith(expected[index])):
            # A deleted column shifts the rest: name what is gone rather than what moved.
            missing = [n for (n, _w), key in zip(columns, expected) if not any(h.startswith(key) for h in header)]
            error(1, f"Thiếu cột {', '.join(f'“{n}”' for n in missing)} (hãy dùng đúng tệp mẫu)." if missing
                  else f"Cột {get_column_letter(index + 1)} phải là “{name}” (hãy dùng đúng tệp mẫu).")
            return
    count = 0
    for number, values in enumerate(sheet.iter_rows(min_row=2, max_col=len(columns), values_only=True), start=2):
        values = tuple(values) + (None,) * (len(columns) - len(values))
        if any(read_text(v) for v in values):
            if count == max_rows:
                error(number, f"Mỗi trang nhập tối đa {max_rows:,} dòng.".replace(",", "."))
                return
            count += 1
            yield number, values
