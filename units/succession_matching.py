"""Resolving the references read from commune notes against the pre-reform list.

``PredecessorMatcher`` turns the references that ``succession_notes.parse_note`` reads into
old communes of the old provinces that formed a new one, never choosing between equal
candidates. It touches no database: the loader (units.tree_loader) feeds it and writes rows.
"""

import dataclasses
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from units.models import UnitSuccession
from units.text import fold

Kind = UnitSuccession.Kind


def name_key(text):
    """Matching key of a bare name: folded, letters and digits only ("H Bông" = "HBông",
    "Đưng K'Nớ" = "Đưng KNớ"), final i/y alike ("Quí" = "Quý", "Sỹ" = "Sĩ"); the old list
    abbreviates "Nông trường" to "NT"."""
    key = re.sub(r"^nong truong\b", "nt", fold(text))
    return re.sub(r"\W", "", re.sub(r"(?:(?<=\bqu)|(?<=\b[bdhklmnstv]))y\b", "i", key))


# Old-style tone placement ("Hoà", "Thuỵ") and its modern form ("Hòa", "Thụy"); not after q,
# where u belongs to the consonant ("Quý" is spelt the same both ways).
_OLD_STYLE = {"o" + old: new + vowel for vowel, olds in (("a", "àáảãạ"), ("e", "èéẻẽẹ"))
              for old, new in zip(olds, "òóỏõọ")}
_OLD_STYLE |= {"u" + old: new + "y" for old, new in zip("ỳýỷỹỵ", "ùúủũụ")}
_OLD_STYLE_RE = re.compile(rf"(?<![qQ])({'|'.join(_OLD_STYLE)})(?!\w)")


def modern_tones(text):
    """``text`` with tone marks placed the modern way: "Hạ Hoà" → "Hạ Hòa", "Thuỵ" → "Thụy"."""
    return _OLD_STYLE_RE.sub(lambda m: _OLD_STYLE[m[1]], unicodedata.normalize("NFC", text))


def spelling_key(text):
    """Lower case with diacritics kept and tones placed the modern way ("Hoà" = "Hòa"), to
    tell apart names that fold alike ("Hoằng Đồng" and "Hoằng Đông" in one district)."""
    return re.sub(r"\W", "", modern_tones(text.lower()))


@dataclass(frozen=True)
class OldCommune:
    key: str  # the caller's identifier (the loader uses the import key)
    code: str
    unit_type: str  # "xã", "phường", "thị trấn"
    name: str  # without the type word: "Hạ Hòa"
    full_name: str
    province: str  # old province code
    district: str  # the caller's identifier of its district


@dataclass(frozen=True)
class Match:
    predecessor: str  # an OldCommune key, or a district key for a whole island district
    kind: str  # a UnitSuccession.Kind value
    approximate: bool = False  # found through a typing slip or a cut-off name: worth a look


class PredecessorMatcher:
    """Looks names up among the old communes of the old provinces that formed a new one.

    Same-name candidates are told apart by a district hint in the note, by the districts
    where the other predecessors of the same commune lie, by exact spelling, or by the code
    the new commune kept; when none of that leaves exactly one, the name is not linked."""

    def __init__(self):
        self.by_name = defaultdict(list)  # (old province code, name key) -> [OldCommune]
        self.by_key, self.by_code = {}, {}
        self.districts = defaultdict(list)  # (old province code, name key) -> [district key]
        self.in_district = defaultdict(list)
        self.provinces = {}  # name key -> old province code
        self.new = []  # _NewCommune, in the order given
        self.ambiguous, self.unmatched = [], []  # "code name: «reference»" for the report
        self.approximate = 0

    def add_province(self, code, name):
        self.provinces[name_key(name)] = code

    def add_district(self, province, key, name):
        self.districts[province, name_key(name)].append(key)

    def add_commune(self, old):
        self.by_name[old.province, name_key(old.name)].append(old)
        self.by_key[old.key] = self.by_code[old.code] = old
        self.in_district[old.district].append(old)

    def add_new(self, key, *, code, full_name, refs, pool):
        """Resolve what can be resolved for new commune ``key``, formed within old provinces ``pool``."""
        commune = _NewCommune(key, code, full_name, tuple(pool))
        self.new.append(commune)
        for ref in refs:
            if ref.whole_district:
                districts = [d for p in pool for d in self.districts.get((p, name_key(ref.name)), ())]
                if len(districts) == 1:
                    commune.chosen[districts[0]] = False
                    commune.chosen.update((old.key, False) for old in self.in_district[districts[0]])
                else:
                    self._fail(commune, ref, districts)
                continue
            candidates = self._candidates(ref, commune.pool)
            if len(candidates) == 1:
                commune.take(candidates[0].key, ref)
            else:
                commune.pending.append((ref, candidates))
        self._settle(commune)

    def finish(self):
        """Settle what is left, then give [(new commune key, Match)] for all of them.

        An old commune a note names as merged whole into one new commune cannot also be
        merged whole into another, so such candidates drop out of the remaining choices."""
        claimed = defaultdict(set)
        for commune in self.new:
            for key, partial in commune.chosen.items():
                if not partial:
                    claimed[key].add(commune.key)
        for commune in self.new:
            still = []
            for ref, candidates in commune.pending:
                free = [old for old in candidates if not claimed[old.key] - {commune.key}]
                if candidates and not ref.partial and len(free) == 1:
                    commune.take(free[0].key, ref)
                else:
                    still.append((ref, candidates))
            commune.pending = still
            self._settle(commune)
            for ref, candidates in commune.pending:
                self._fail(commune, ref, candidates)
        return [(commune.key, match) for commune in self.new for match in self._matches(commune)]

    def _matches(self, commune):
        for key, partial in commune.chosen.items():
            if key not in self.by_key:
                kind = Kind.RENAME  # a whole island district became a đặc khu
            elif partial:
                kind = Kind.SPLIT
            elif len(commune.chosen) == 1:
                same = fold(self.by_key[key].full_name) == fold(commune.full_name)
                kind = Kind.TRANSFER if same else Kind.RENAME
            else:
                kind = Kind.MERGE
            yield Match(key, kind, key in commune.approximate)

    def _settle(self, commune):
        """Decide pending names by the districts of the commune's other predecessors."""
        progress = True
        while commune.pending and progress:
            anchors = {self.by_key[k].district for k in commune.chosen if k in self.by_key}
            kept = self.by_code.get(commune.code)
            if kept and kept.province in commune.pool:
                anchors.add(kept.district)
            progress, still = False, []
            for ref, candidates in commune.pending:
                if candidates:
                    pick = self._narrow(candidates, anchors, commune.code)
                else:
                    pick = self._approximate(ref, commune.pool, anchors)
                    commune.approximate.update([pick.key] if pick else [])
                if pick:
                    commune.take(pick.key, ref)
                    progress = True
                else:
                    still.append((ref, candidates))
            commune.pending = still

    def _candidates(self, ref, pool):
        if ref.province_hint and self.provinces.get(name_key(ref.province_hint)) in pool:
            pool = [self.provinces[name_key(ref.province_hint)]]
        found = [old for p in pool for old in self.by_name.get((p, name_key(ref.name)), ())]
        if ref.unit_type:
            found = [old for old in found if old.unit_type == ref.unit_type] or found
        if ref.district_hint and len(found) > 1:
            named = {d for p in pool for d in self.districts.get((p, name_key(ref.district_hint)), ())}
            found = [old for old in found if old.district in named] or found
        if len(found) > 1:
            spelt = [old for old in found if spelling_key(old.name) == spelling_key(ref.name)]
            found = spelt if len(spelt) == 1 else found
        return found

    @staticmethod
    def _narrow(candidates, anchors, code):
        near = [old for old in candidates if old.district in anchors]
        if len(near) == 1:
            return near[0]
        same = [old for old in (near or candidates) if old.code == code]
        return same[0] if len(same) == 1 else None

    def _approximate(self, ref, pool, anchors):
        """The one old name a typing slip away ("Naà Chì" for "Nà Chì") or, for the last name
        of a note cut short ("1 phần phường Thanh Lươn"), the one that begins with it; looked
        for among the districts of the other predecessors when there are any."""
        key = name_key(ref.name)
        if len(key) < 4:
            return None
        everywhere = [old for (p, _), olds in self.by_name.items() if p in pool for old in olds]
        olds = [old for old in everywhere if old.district in anchors] or everywhere
        close = [old for old in olds if _one_edit(name_key(old.name), key)]
        if not close and olds is not everywhere:
            # Elsewhere in the old provinces only with the same diacritics ("Sá Tổng"/"Xá Tổng").
            close = [old for old in everywhere if _one_edit(spelling_key(old.name), spelling_key(ref.name))]
        if ref.unit_type:
            close = [old for old in close if old.unit_type == ref.unit_type] or close
        if len(close) > 1:  # "Sà Phìn": "Xà Phìn" is one slip away with its marks, "Tả Phìn" two
            spelt = [old for old in close if _one_edit(spelling_key(old.name), spelling_key(ref.name))]
            close = spelt if len(spelt) == 1 else close
        if not close and ref.at_end and anchors:
            close = [old for old in olds if name_key(old.name).startswith(key)]
        if len(close) != 1:
            return None
        self.approximate += 1
        return close[0]

    def _fail(self, commune, ref, candidates):
        text = f"{commune.code} {commune.full_name}: «{ref.name}»"
        text += f" ({len(candidates)} ứng viên)" if candidates else ""
        (self.ambiguous if candidates else self.unmatched).append(text)


@dataclass
class _NewCommune:
    key: str
    code: str
    full_name: str
    pool: tuple
    chosen: dict = dataclasses.field(default_factory=dict)  # old key -> taken only in part
    pending: list = dataclasses.field(default_factory=list)  # (ref, candidates) not decided yet
    approximate: set = dataclasses.field(default_factory=set)

    def take(self, key, ref):
        # Named in the rename clause and again in the list: the list says whether in part.
        self.chosen[key] = self.chosen.get(key, False) or (ref.partial and not ref.from_rename)


def _one_edit(a, b):
    """Whether ``a`` and ``b`` differ by at most one insertion, deletion or substitution."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]
