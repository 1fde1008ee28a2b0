"""The organisation: units in an effective-dated tree, people, accounts and memberships."""

import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse

from units.scoping import path_range_q, unit_scope_q
from units.text import fold, normalize_name

# A unit's materialised path is its ancestors' ids and its own, each zero-padded to this
# width, concatenated. Digits only: range comparisons then order the same under every
# database collation, so a subtree is one indexed range scan (see scoping.path_range_q).
PATH_SEGMENT_WIDTH = 8


def valid_on(on=None) -> Q:
    """Rows whose validity (valid_from … valid_to, either open) covers the day (today by default).

    Units, memberships and every dated rule of the portal share this one reading of the dates.
    """
    on = on or datetime.date.today()
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


class UnitQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Units in the subtrees of the user's current memberships (all for superusers)."""
        return self.filter(unit_scope_q(user, "path"))

    def in_force(self, on=None):
        """Units that exist on the given day (today by default)."""
        return self.filter(valid_on(on))

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

    name = models.CharField("tên đơn vị", max_length=255)
    short_name = models.CharField("tên ngắn", max_length=255, blank=True)
    code = models.CharField("mã đơn vị", max_length=20, blank=True, db_index=True)
    kind = models.CharField("loại đơn vị", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="đơn vị cấp trên", on_delete=models.PROTECT,
        null=True, blank=True, related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    search_key = models.CharField(max_length=255, editable=False, default="")
    # Where a loaded row came from ("vietnam-provinces 0.6.0", a resolution number …) and
    # its natural key there, so loading again updates rather than duplicates.
    source = models.CharField("nguồn dữ liệu", max_length=200, blank=True)
    import_key = models.CharField(max_length=60, null=True, blank=True, unique=True, editable=False)

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

    predecessor = models.ForeignKey(
        Unit, verbose_name="đơn vị cũ", on_delete=models.CASCADE, related_name="successions_out",
    )
    successor = models.ForeignKey(
        Unit, verbose_name="đơn vị kế thừa", on_delete=models.CASCADE, related_name="successions_in",
    )
    kind = models.CharField("hình thức", max_length=10, choices=Kind.choices)
    effective_date = models.DateField("ngày có hiệu lực")
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)
    note = models.TextField("ghi chú", blank=True)
    source = models.CharField("nguồn dữ liệu", max_length=200, blank=True)

    class Meta:
        verbose_name = "kế thừa đơn vị"
        verbose_name_plural = "kế thừa đơn vị"
        ordering = ["effective_date", "pk"]
        constraints = [
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


cccd_validator = RegexValidator(
    r"^\d{12}$", "Số CCCD/định danh cá nhân phải gồm đúng 12 chữ số.", code="cccd",
)


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """People whose current unit the user may see."""
        return self.filter(unit_scope_q(user, "unit__path"))

    def search(self, text):
        key = fold(text)
        if not key:
            return self
        return self.filter(search_key__contains=key)


class Person(models.Model):
    """An individual who may be registered, nominated or awarded."""

    class Gender(models.TextChoices):
        MALE = "male", "Nam"
        FEMALE = "female", "Nữ"

    full_name = models.CharField("họ và tên", max_length=150)
    gender = models.CharField("giới tính", max_length=6, choices=Gender.choices)
    date_of_birth = models.DateField("ngày sinh", null=True, blank=True)
    # Text, never a number: many CCCD numbers begin with 0. NULL, not "", when not known: the unique
    # constraint below holds among known numbers only.
    cccd = models.CharField(  # noqa: DJ001
        "số CCCD", max_length=12, null=True, blank=True, validators=[cccd_validator],
        help_text="Số căn cước công dân / định danh cá nhân, 12 chữ số.",
    )
    position = models.CharField("chức vụ, chức danh", max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị công tác", on_delete=models.PROTECT, related_name="people",
    )
    search_key = models.CharField(max_length=150, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "cá nhân"
        verbose_name_plural = "cá nhân"
        ordering = ["search_key", "pk"]
        indexes = [
            models.Index(fields=["search_key", "id"], name="units_person_search_key"),
            models.Index(fields=["unit", "search_key"], name="units_person_unit_key"),
            models.Index(fields=["search_key", "date_of_birth"], name="units_person_key_dob"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["cccd"], condition=Q(cccd__isnull=False), name="units_person_unique_cccd",
                violation_error_message="Số CCCD này đã có trong hệ thống.",
            ),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("units:person_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.full_name = normalize_name(self.full_name)
        self.search_key = fold(self.full_name)
        self.cccd = (self.cccd or "").strip() or None
        super().save(*args, **kwargs)


class Posting(models.Model):
    """A period in which a person held a position in a unit."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="postings")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="postings")
    position = models.CharField("chức vụ, chức danh", max_length=200, blank=True)
    start_date = models.DateField("từ ngày")
    end_date = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "quá trình công tác"
        verbose_name_plural = "quá trình công tác"
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="units_posting_valid_range",
                violation_error_message="Ngày kết thúc phải sau ngày bắt đầu.",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.position} ({self.unit})"


class User(AbstractUser):
    """An account of the portal; what it may do comes from its memberships."""

    full_name = models.CharField("họ và tên", max_length=150, blank=True)

    class Meta:
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"

    def __str__(self):
        return self.full_name or self.username


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        return self.filter(valid_on(on))


class Membership(models.Model):
    """A user's role in a unit for a period; it reaches the unit's whole subtree."""

    class Role(models.TextChoices):
        CLERK = "clerk", "Cán bộ TĐKT"
        REVIEWER = "reviewer", "Chuyên viên thẩm định"
        APPROVER = "approver", "Lãnh đạo ký duyệt"
        SECRETARY = "secretary", "Thư ký Hội đồng TĐKT"
        UNIT_ADMIN = "unit_admin", "Quản trị đơn vị"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    valid_from = models.DateField("từ ngày", null=True, blank=True)
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        ordering = ["user", "unit", "role"]
        indexes = [models.Index(fields=["user", "valid_to"], name="units_membership_user_valid")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role", "valid_from"], name="units_membership_unique_role",
                violation_error_message="Tài khoản đã có vai trò này ở đơn vị này từ ngày này.",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
