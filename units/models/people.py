"""People: each belongs to a unit and holds postings over time."""

import re

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Concat
from django.urls import reverse

from units import fields
from units.models.tree import Unit
from units.scoping import ScopedQuerySet
from units.text import fold, normalize_name

cccd_validator = RegexValidator(
    r"^\d{12}$", "Số CCCD/định danh cá nhân phải gồm đúng 12 chữ số.", code="cccd",
)


class Like(models.Lookup):
    """``lhs LIKE rhs`` with ``\\`` escaping the wildcards: a pattern written here, not a user's text as is."""

    lookup_name = "like"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} LIKE {rhs} ESCAPE '\\'", [*lhs_params, *rhs_params]


def _like_escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _in_name_order(people):
    """``people`` in name order (search_key, pk), by an expression of the name rather than the column.

    Seeing the name index's order, PostgreSQL walks the whole index to stop at a page's end and meets the few
    people of the user's units late; ordered this way, it finds them first, then sorts them.
    """
    return people.order_by(Concat("search_key", Value(""), output_field=models.CharField()), "pk")


# A person picker offers this many people at most; the CCCD is matched from this many last digits on.
PICK_LIMIT = 20
MIN_CCCD_DIGITS = 4


class PersonQuerySet(ScopedQuerySet):
    scope_paths = ("unit__path",)

    def count_in_units(self, units) -> int:
        """How many of these people belong to ``units`` (a queryset of units), counted unit by unit.

        Each unit's people are counted on the person table's unit index, so the cost follows the units and
        people in range, never the whole table (a join may hash every person of the country instead).
        """
        per_unit = (self.filter(unit=OuterRef("pk")).order_by().values("unit").annotate(n=Count("pk")).values("n"))
        total = units.order_by().aggregate(n=Coalesce(Sum(Subquery(per_unit, output_field=IntegerField())), 0))
        return int(total["n"])  # PostgreSQL sums bigint counts as numeric

    def count_visible_to(self, user) -> int:
        """``visible_to(user).count()``, counted unit by unit (``count_in_units``): the units in the user's scope
        are those whose people the user sees."""
        return self.count_in_units(Unit.objects.visible_to(user))

    def search(self, text):
        """The people whose folded name contains ``text`` folded (a list page's search box)."""
        key = fold(text)
        if not key:
            return self
        return _in_name_order(self.filter(search_key__contains=key))

    def read_by_pk(self, matching):
        """The people of ``matching``, found first by primary key alone, then read whole.

        ``matching`` (this queryset narrowed, e.g. by a pattern on the name) is answered from the (unit,
        search_key) index without reading a single row, so only the people found are read, instead of every
        person in the user's units being read to test the pattern. Ordering, slicing and the units joined for
        display apply to the people found.
        """
        found = self.model._default_manager.filter(pk__in=matching.order_by().values("pk"))
        found.query.select_related = self.query.select_related
        return found

    def pick(self, text, *, limit=PICK_LIMIT):
        """A list of at most ``limit`` + 1 people matching what was typed in a person picker (the extra one
        says "there are more"), names that begin with the text first, in one query or (when fewer than that
        begin with the text) two.

        Digits are a CCCD: all 12 (the unique index), or its last ``MIN_CCCD_DIGITS`` or more. Anything
        else is words of a name, without regard to diacritics or case, each the beginning of a word of
        the name, in order: "le minh" finds Lê Minh Nam and Lê Minh Quyết, "minh q" Lê Minh Quyết.
        """
        digits = re.sub(r"[\s.]", "", text or "")
        if digits.isascii() and digits.isdigit():
            if len(digits) == 12:
                return list(self.filter(cccd=digits)[:limit + 1])
            if len(digits) < MIN_CCCD_DIGITS:
                return []
            return list(self.filter(cccd__endswith=digits).order_by("search_key", "pk")[:limit + 1])
        key = fold(text)
        if not key:
            return []
        # Each word typed begins a word of the name, in order: " le minh nam" is LIKE "% le% minh%" (the
        # database's own LIKE, not a regular expression called back row by row). Names that begin with the
        # text come first: a range of the name index, which alone usually fills the answer; the others,
        # which need every name in the user's units tested, are looked for only when it does not.
        pattern = "".join(f"% {_like_escaped(word)}" for word in key.split(" ")) + "%"
        words = Like(Concat(Value(" "), "search_key", output_field=models.CharField()), Value(pattern))
        starts = Q(search_key__gte=key, search_key__lt=key + "\uffff")
        found = list(self.filter(words, starts).order_by("search_key", "pk")[:limit + 1])
        if len(found) > limit:
            return found
        rest = _in_name_order(self.read_by_pk(self.filter(words).exclude(starts)))
        return found + list(rest[:limit + 1 - len(found)])


class Person(models.Model):
    """An individual who may be registered, nominated or awarded."""

    class Gender(models.TextChoices):
        MALE = "male", "Nam"
        FEMALE = "female", "Nữ"

    full_name = fields.CharField("họ và tên", max_length=150)
    gender = fields.CharField("giới tính", max_length=6, choices=Gender.choices)
    date_of_birth = models.DateField("ngày sinh", null=True, blank=True)
    # Text, never a number: many CCCD numbers begin with 0. NULL, not "", when not known: the unique
    # constraint below holds among known numbers only.
    cccd = fields.CharField(  # noqa: DJ001
        "số CCCD", max_length=12, null=True, blank=True, validators=[cccd_validator],
        help_text="Số căn cước công dân / định danh cá nhân, 12 chữ số.",
    )
    position = fields.CharField("chức vụ, chức danh", max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị công tác", on_delete=models.PROTECT, related_name="people",
    )
    search_key = fields.CharField(max_length=150, editable=False, default="")
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
            # The people of a set of units by an index-only scan (the statistics page reads their awards).
            models.Index(fields=["unit", "id"], name="units_person_unit_id"),
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
    position = fields.CharField("chức vụ, chức danh", max_length=200, blank=True)
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
