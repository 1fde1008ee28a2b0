"""The unit tree: units valid for a period, their successions, and the lineage read back through them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse

from units import fields
from units.scoping import PATH_SEGMENT_WIDTH, ScopedQuerySet, path_range_q
from units.text import fold, normalize_name


def valid_on(on=None) -> Q:
    """Rows whose validity (valid_from … valid_to, either open) covers the day (today by default).

    Units, memberships and every dated rule of the portal share this one reading of the dates.
    """
    on = on or datetime.date.today()
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


# Successions followed backwards from the given units, in one recursive query. The hop
# limit only guards against a cycle typed by hand; real chains are one or two links long.
_LINEAGE_SQL = """
WITH RECURSIVE lineage(id, hops) AS (
    SELECT id, 0 FROM {unit} WHERE id IN ({ids})
    UNION
    SELECT s.predecessor_id, l.hops + 1 FROM {succession} s JOIN lineage l ON s.successor_id = l.id
    WHERE l.hops < 8{kinds}
)
SELECT DISTINCT u.id, u.path FROM {unit} u WHERE u.id IN (SELECT id FROM lineage WHERE hops > 0)
"""

# The same walk from many units at once, each row keeping the unit it started from.
_LINEAGES_SQL = """
WITH RECURSIVE lineage(root, id, hops) AS (
    SELECT id, id, 0 FROM {unit} WHERE id IN ({ids})
    UNION
    SELECT l.root, s.predecessor_id, l.hops + 1 FROM {succession} s JOIN lineage l ON s.successor_id = l.id
    WHERE l.hops < 8{kinds}
)
SELECT DISTINCT l.root, u.id, u.path FROM lineage l JOIN {unit} u ON u.id = l.id WHERE l.hops > 0
ORDER BY l.root, u.id
"""


class UnitQuerySet(ScopedQuerySet):
    scope_paths = ("path",)

    def predecessors_of(self, unit_ids, kinds=None) -> list[tuple[int, str]]:
        """(id, path) of the units that preceded ``unit_ids``, however many links back.

        With ``kinds``, only successions of those kinds are followed (a unit's own achievements
        pass on through a merger or a rename, not through an abolition).
        """
        return [(row[0], row[1]) for row in _walk_back(_LINEAGE_SQL, unit_ids, kinds)]

    def predecessors_by_unit(self, unit_ids, kinds=None) -> dict[int, list[tuple[int, str]]]:
        """``predecessors_of`` each of ``unit_ids`` on its own, all in one query: {unit id: [(id, path)]}."""
        found = {}
        for root, pk, path in _walk_back(_LINEAGES_SQL, unit_ids, kinds):
            found.setdefault(root, []).append((pk, path))
        return found

    def in_force(self, on=None):
        """Units that exist on the given day (today by default)."""
        return self.filter(valid_on(on))

    def acting(self, on=None):
        """Units that still act on the day (today by default), by the tree's own dates.

        In force, and not ended by a merger, renaming, move or abolition that took effect by then:
        a level abolished on some date (the districts, on 1/7/2025 in Vietnam's tree) drops out from
        the date its units' rows or successions say, whatever their kind. A split may leave the old
        unit in place, smaller, so it does not end it.
        """
        on = on or datetime.date.today()
        ended = UnitSuccession.objects.filter(predecessor=OuterRef("pk"), kind__in=UnitSuccession.ENDING,
                                              effective_date__lte=on)
        return self.in_force(on).exclude(Exists(ended))

    def subtree_of(self, unit, *, include_self=True):
        """The unit and everything below it, in one range query on the path index."""
        qs = self.filter(path_range_q(unit.path, "path"))
        return qs if include_self else qs.exclude(pk=unit.pk)

    def search(self, text):
        """Units whose name matches ``text`` ignoring diacritics, case and Unicode form."""
        key = fold(text)
        if not key:
            return self
        return self.filter(search_key__contains=key)


def _walk_back(sql, unit_ids, kinds):
    ids = sorted(set(unit_ids))
    if not ids:
        return []
    kinds = sorted(kinds or [])
    sql = sql.format(
        unit=Unit._meta.db_table, succession=UnitSuccession._meta.db_table, ids=", ".join(["%s"] * len(ids)),
        kinds=f" AND s.kind IN ({', '.join(['%s'] * len(kinds))})" if kinds else "",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ids + kinds)
        return cursor.fetchall()


class Unit(models.Model):
    """A body, locality or internal office in the administrative tree, valid for a period."""

    class Kind(models.TextChoices):
        # The head of state: orders, medals and state honours are conferred at this level.
        STATE = "state", "Chủ tịch nước"
        CENTRAL = "central", "Cơ quan Trung ương"
        MINISTRY = "ministry", "Bộ, ngành Trung ương"
        PROVINCE = "province", "Tỉnh"
        CITY = "city", "Thành phố trực thuộc Trung ương"
        DEPARTMENT = "department", "Sở, ban, ngành"
        DISTRICT = "district", "Cấp huyện (trước 01/7/2025)"
        COMMUNE = "commune", "Xã"
        WARD = "ward", "Phường"
        TOWN = "town", "Thị trấn (trước 01/7/2025)"
        SPECIAL_ZONE = "special_zone", "Đặc khu"
        OFFICE = "office", "Phòng, ban, văn phòng"
        VILLAGE = "village", "Thôn, tổ dân phố, khối phố"
        SCHOOL = "school", "Trường học"
        HOSPITAL = "hospital", "Bệnh viện, cơ sở y tế"
        ENTERPRISE = "enterprise", "Doanh nghiệp"
        ORGANISATION = "organisation", "Cơ quan, tổ chức khác"

    name = fields.CharField("tên đơn vị", max_length=255)
    short_name = fields.CharField("tên ngắn", max_length=255, blank=True)
    code = fields.CharField("mã đơn vị", max_length=20, blank=True, db_index=True)
    kind = fields.CharField("loại đơn vị", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="đơn vị cấp trên", on_delete=models.PROTECT,
        null=True, blank=True, related_name="children",
    )
    path = fields.CharField(max_length=255, editable=False, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    note = fields.TextField("ghi chú", blank=True, max_length=fields.NOTE)
    search_key = fields.CharField(max_length=255, editable=False, default="")
    # Where a loaded row came from ("vietnam-provinces 0.6.0", a resolution number …) and
    # its natural key there, so loading again updates rather than duplicates.
    source = fields.CharField("nguồn dữ liệu", max_length=200, blank=True)
    import_key = fields.CharField(max_length=60, null=True, blank=True, unique=True, editable=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["path"]
        indexes = [
            models.Index(fields=["path"], name="units_unit_path"),
            models.Index(fields=["parent", "search_key"], name="units_unit_parent_key"),
            models.Index(fields=["search_key"], name="units_unit_search_key"),
            models.Index(fields=["kind", "valid_to"], name="units_unit_kind_valid_to"),
        ]
        constraints = [
            fields.length_limit("note", fields.NOTE),
            models.CheckConstraint(
                condition=(Q(valid_to__isnull=True) | Q(valid_from__isnull=True)
                           | Q(valid_to__gte=models.F("valid_from"))),
                name="units_unit_valid_range",
                violation_error_message="Ngày kết thúc hiệu lực phải sau ngày bắt đầu.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("units:unit_detail", args=[self.pk])

    def clean(self):
        if self.pk and self.parent_id and self.path and self.parent.path.startswith(self.path):
            raise ValidationError({"parent": "Không thể đặt đơn vị trực thuộc chính nó hoặc đơn vị cấp dưới của nó."})

    def save(self, *args, **kwargs):
        # Derived columns only; the path needs the primary key, so a new row is saved twice.
        self.set_derived_fields()
        super().save(*args, **kwargs)
        old_path = self.path
        path = self.compute_path(self.parent.path if self.parent_id else "")
        if path != old_path:
            self.path, self.depth = path, path_depth(path)
            super().save(update_fields=["path", "depth"])
            if old_path:
                self._move_descendants(old_path)

    def _move_descendants(self, old_path):
        """Re-root the subtree after a change of parent, in one UPDATE."""
        Unit.objects.filter(path_range_q(old_path, "path")).exclude(pk=self.pk).update(
            path=Concat(Value(self.path), Substr("path", len(old_path) + 1), output_field=models.CharField()),
            depth=models.F("depth") + (path_depth(self.path) - path_depth(old_path)),
        )

    def set_derived_fields(self):
        """Normalise the name and fill the search key (bulk loaders call this themselves)."""
        self.name = normalize_name(self.name)
        self.short_name = normalize_name(self.short_name)
        self.search_key = fold(self.name)

    def compute_path(self, parent_path):
        """The path of this (saved) unit under a parent whose path is ``parent_path``."""
        return parent_path + str(self.pk).zfill(PATH_SEGMENT_WIDTH)

    def is_in_force(self, on=None):
        on = on or datetime.date.today()
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or self.valid_to >= on)

    def ancestor_ids(self):
        """Primary keys of the ancestors, from the root down, read off the path."""
        w = PATH_SEGMENT_WIDTH
        return [int(self.path[i:i + w]) for i in range(0, len(self.path) - w, w)]

    def ancestors(self):
        """The ancestors from the root down, in one query."""
        return list(Unit.objects.filter(pk__in=self.ancestor_ids()).order_by("depth"))

    def province(self):
        """The province-level ancestor (or self), or None for units outside any province."""
        if self.kind in PROVINCE_KINDS:
            return self
        return Unit.objects.filter(pk__in=self.ancestor_ids(), kind__in=PROVINCE_KINDS).first()


PROVINCE_KINDS = (Unit.Kind.PROVINCE, Unit.Kind.CITY)
# Kinds that come from the official lists; admins add the others below them.
ADMINISTRATIVE_KINDS = PROVINCE_KINDS + (
    Unit.Kind.DISTRICT, Unit.Kind.COMMUNE, Unit.Kind.WARD, Unit.Kind.TOWN, Unit.Kind.SPECIAL_ZONE,
)


def path_depth(path):
    return len(path) // PATH_SEGMENT_WIDTH - 1


class UnitSuccession(models.Model):
    """A unit that ended and the unit that took over its territory or duties, from a date."""

    class Kind(models.TextChoices):
        MERGE = "merge", "Hợp nhất, sáp nhập"
        SPLIT = "split", "Chia tách, điều chỉnh một phần"
        RENAME = "rename", "Đổi tên, đổi loại hình"
        TRANSFER = "transfer", "Giữ nguyên, đổi đơn vị cấp trên"
        ABOLISH = "abolish", "Giải thể, chuyển giao nhiệm vụ"

    # The kinds after which the old unit no longer acts; a split may leave it in place.
    ENDING = (Kind.MERGE, Kind.RENAME, Kind.TRANSFER, Kind.ABOLISH)

    predecessor = models.ForeignKey(
        Unit, verbose_name="đơn vị cũ", on_delete=models.CASCADE, related_name="successions_out",
    )
    successor = models.ForeignKey(
        Unit, verbose_name="đơn vị kế thừa", on_delete=models.CASCADE, related_name="successions_in",
    )
    kind = fields.CharField("hình thức", max_length=10, choices=Kind.choices)
    effective_date = models.DateField("ngày có hiệu lực")
    legal_basis = fields.CharField("căn cứ", max_length=255, blank=True)
    note = fields.TextField("ghi chú", blank=True, max_length=fields.NOTE)
    source = fields.CharField("nguồn dữ liệu", max_length=200, blank=True)

    class Meta:
        verbose_name = "kế thừa đơn vị"
        verbose_name_plural = "kế thừa đơn vị"
        ordering = ["effective_date", "pk"]
        constraints = [
            fields.length_limit("note", fields.NOTE),
            models.UniqueConstraint(
                fields=["predecessor", "successor", "effective_date"],
                name="units_succession_unique_pair_date",
                violation_error_message="Quan hệ kế thừa này đã có.",
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="units_succession_not_self",
                violation_error_message="Đơn vị không thể kế thừa chính nó.",
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()}, {self.effective_date:%d/%m/%Y})"
