"""Folding Vietnamese text into search keys.

Names are searched without regard to diacritics, case or Unicode form: "nguyen van a",
"NGUYỄN VĂN A" and a name pasted from Word in decomposed form (NFD) must all find
"Nguyễn Văn A". SQLite's lower()/LIKE only fold ASCII and no database folds đ → d, so the
key is computed here, once, and stored beside the name.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Return the lowercase ASCII-folded form of ``text`` with single spaces."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.casefold()).strip()


def normalize_name(text: str) -> str:
    """Return a person's or unit's name in composed form (NFC) with single spaces."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()
