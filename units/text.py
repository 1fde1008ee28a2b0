"""Text as the portal keeps it: one normal form at the door, and folded keys for search.

Whatever is typed, pasted or imported passes ``checked_text`` before it is stored (the form and
model fields in ``units.fields`` call it, so do the importers): composed Unicode (NFC), so a name
pasted from Word in decomposed form (NFD) equals the one typed; no control characters (a BEL or
an ESC pasted from a terminal breaks Excel and Word exports, and \\t or \\n would split a
one-line name); and no bidi controls, which can make a name or an amount read differently from
what is stored ("trojan source"): those are refused, not dropped, so the person who typed them
sees why. Tabs and line breaks stay in multi-line texts only, with \\r\\n written as \\n.

Names are also searched without regard to diacritics, case or Unicode form: "nguyen van a",
"NGUYỄN VĂN A" and an NFD paste must all find "Nguyễn Văn A". SQLite's lower()/LIKE only fold
ASCII and no database folds đ → d, so the key is computed here (``fold``), once, and stored
beside the name.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

_SPACES = re.compile(r"\s+")
# Every way a line ends: CR LF, a lone CR, vertical tab and form feed as Word pastes them, the
# separators, NEL, and the Unicode line and paragraph separators (units.printable reads it too).
LINE_BREAKS = re.compile(r"\r\n|[\r\v\f\x1c-\x1e\x85\u2028\u2029]")

# Marks and overrides that change the direction text is shown in (Unicode bidi controls).
BIDI_CONTROLS = frozenset(
    "\u061c"  # ARABIC LETTER MARK
    "\u200e\u200f"  # LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings, pop, overrides
    "\u2066\u2067\u2068\u2069"  # isolates
)
BIDI_MESSAGE = "%(label)s chứa ký tự điều khiển hướng chữ (bidi) không được phép."
MAX_LENGTH_MESSAGE = "%(label)s dài %(length)s ký tự, vượt quá giới hạn %(limit)s ký tự."


def has_bidi(text: str) -> bool:
    """Whether ``text`` holds a bidi control (see BIDI_CONTROLS)."""
    return any(char in BIDI_CONTROLS for char in text or "")


def _kept(char: str, multiline: bool) -> bool:
    if multiline and char in "\n\t":
        return True
    # Cc: C0/C1 controls; Cf: invisible format characters (zero-width spaces, BOM, bidi marks);
    # Cs: lone surrogates, which no database can store. Letters, marks and spaces stay.
    return unicodedata.category(char) not in ("Cc", "Cf", "Cs")


def clean_text(text: str, *, multiline: bool = False) -> str:
    """``text`` in NFC without control or format characters, trimmed; never refuses anything.

    In a one-line text every line break or tab becomes a space (words stay apart); in a
    multi-line text line breaks become \\n and tabs stay. Bidi controls are dropped here: a
    caller that must refuse them (a form, an import row) uses ``checked_text``.
    """
    if not text:
        return ""
    text = LINE_BREAKS.sub("\n", str(text))
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    text = "".join(char for char in text if _kept(char, multiline))
    return unicodedata.normalize("NFC", text).strip()


def checked_text(text: str, *, multiline: bool = False, max_length: int | None = None, label: str = "Nội dung") -> str:
    """``clean_text(text)``, or ValidationError (in Vietnamese, naming ``label``) when ``text`` holds a
    bidi control or is longer than ``max_length`` once cleaned."""
    if has_bidi(text):
        raise ValidationError(BIDI_MESSAGE, code="bidi", params={"label": label})
    cleaned = clean_text(text, multiline=multiline)
    if max_length is not None and len(cleaned) > max_length:
        params = {"label": label, "length": vi_number(len(cleaned)), "limit": vi_number(max_length)}
        raise ValidationError(MAX_LENGTH_MESSAGE, code="max_length", params=params)
    return cleaned


def vi_number(value: int) -> str:
    """A count as Vietnamese writes it: 20.000."""
    return f"{value:,}".replace(",", ".")


def fold(text: str) -> str:
    """Return the lowercase ASCII-folded form of ``text`` with single spaces."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.casefold()).strip()


def normalize_name(text: str) -> str:
    """Return a person's or unit's name in composed form (NFC), one line, with single spaces."""
    return _SPACES.sub(" ", clean_text(text or ""))
