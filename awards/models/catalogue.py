"""Regulation versions, the award catalogue, and who may grant what, when."""


from django.db import models
from django.db.models import Q

from units import fields
from units.models import Unit
from units.text import fold

from awards.models.base import Certainty, Dated, DatedRule, DatedRuleQuerySet


class RegulationVersion(Dated):
    """A set of laws and decrees that governed emulation and commendation for a period."""

    code = fields.CharField("mã", max_length=20, unique=True)
    name = fields.CharField("tên", max_length=255)
    note = fields.TextField("ghi chú", blank=True, max_length=fields.NOTE)

    class Meta:
        verbose_name = "phiên bản quy định"
        verbose_name_plural = "phiên bản quy định"
        ordering = ["valid_from", "code"]
        constraints = [fields.length_limit("note", fields.NOTE)]

    def __str__(self):
        return f"{self.code} — {self.name}"


def _search_q(text, *fields_):
    """Rows whose folded key holds ``text`` folded ("bang khen" finds "Bằng khen"), or whose text holds it as typed
    (a row written where the key was not filled, by a loader that skips ``save()``)."""
    key = fold(text)
    q = Q()
    for name in fields_:
        q |= Q(**{f"{name}__contains": key}) if name.endswith("search_key") else Q(**{f"{name}__icontains": text})
    return q


class AwardTypeQuerySet(models.QuerySet):
    def search(self, text):
        """Awards whose name or code matches ``text`` ignoring diacritics, case and Unicode form."""
        return self.filter(_search_q(text, "search_key", "name")) if fold(text) else self

    def grantable_by(self, unit: Unit, on=None):
        """Awards the unit's level may grant on ``on`` (its own authority, without proposing upwards)."""
        return self.filter(pk__in=Authority.objects.granting_at(unit, on).values("award_id")).distinct()


class AwardType(models.Model):
    """An emulation title or a commendation form of the catalogue, with its classes if any."""

    class Group(models.TextChoices):
        TITLE = "title", "Danh hiệu thi đua"
        ORDER = "order", "Huân chương"
        MEDAL = "medal", "Huy chương"
        HONOUR = "honour", "Danh hiệu vinh dự nhà nước"
        PRIZE = "prize", "Giải thưởng"
        CERTIFICATE = "certificate", "Bằng khen, Giấy khen"
        COMMEMORATIVE = "commemorative", "Kỷ niệm chương"

    class Kind(models.TextChoices):
        REGULAR = "regular", "Thường xuyên (công trạng, thành tích)"
        THEMATIC = "thematic", "Theo đợt, chuyên đề"
        AD_HOC = "ad_hoc", "Đột xuất"
        LONG_SERVICE = "long_service", "Quá trình cống hiến"
        SENIORITY = "seniority", "Niên hạn"
        FOREIGN = "foreign", "Đối ngoại"

    code = fields.CharField("mã", max_length=30, unique=True)
    name = fields.CharField("tên", max_length=255)
    group = fields.CharField("nhóm", max_length=15, choices=Group.choices)
    kind = fields.CharField("loại khen thưởng", max_length=15, choices=Kind.choices, default=Kind.REGULAR)
    for_individuals = models.BooleanField("cá nhân", default=False)
    for_collectives = models.BooleanField("tập thể", default=False)
    for_households = models.BooleanField("hộ gia đình", default=False)
    classes = fields.CharField("các hạng", max_length=100, blank=True, help_text="Ví dụ: Nhất, Nhì, Ba.")
    # Campaign and ad-hoc results never count toward merit chains (L22; D152 Art. 4).
    counts_toward_chains = models.BooleanField("được tính làm căn cứ khen cao hơn", default=True)
    cycle = fields.CharField("chu kỳ xét", max_length=100, blank=True)
    standard = fields.TextField("tiêu chuẩn tóm tắt", blank=True, max_length=fields.SUMMARY)
    legal_basis = fields.CharField("căn cứ", max_length=255, blank=True)
    certainty = fields.CharField("mức chắc chắn", max_length=1, choices=Certainty.choices, default=Certainty.KNOWN)
    position = models.PositiveIntegerField("thứ tự", default=0)
    # The name and code folded (units.text.fold), for searching without diacritics; filled on save.
    search_key = fields.CharField(max_length=300, editable=False, default="")

    objects = AwardTypeQuerySet.as_manager()

    class Meta:
        verbose_name = "hình thức, danh hiệu"
        verbose_name_plural = "danh mục khen thưởng"
        ordering = ["position", "code"]
        constraints = [fields.length_limit("standard", fields.SUMMARY)]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = fold(f"{self.name} {self.code}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key"}
        super().save(*args, **kwargs)

    @property
    def class_list(self):
        return [c.strip() for c in self.classes.split(",") if c.strip()]


class AuthorityLevel(models.TextChoices):
    """The level of the office that grants an award; a unit's level follows from its kind."""

    STATE = "state", "Chủ tịch nước"
    GOVERNMENT = "government", "Chính phủ, Thủ tướng Chính phủ"
    MINISTRY = "ministry", "Bộ, ban, ngành Trung ương"
    PROVINCE = "province", "Cấp tỉnh"
    DEPARTMENT = "department", "Sở, ban, ngành cấp tỉnh"
    DISTRICT = "district", "Cấp huyện"
    COMMUNE = "commune", "Cấp xã"
    UNIT_HEAD = "unit_head", "Thủ trưởng cơ quan, đơn vị"
    ENTERPRISE = "enterprise", "Doanh nghiệp, hợp tác xã"


UNIT_LEVEL = {
    Unit.Kind.STATE: AuthorityLevel.STATE,
    Unit.Kind.CENTRAL: AuthorityLevel.GOVERNMENT,
    Unit.Kind.MINISTRY: AuthorityLevel.MINISTRY,
    Unit.Kind.PROVINCE: AuthorityLevel.PROVINCE,
    Unit.Kind.CITY: AuthorityLevel.PROVINCE,
    Unit.Kind.DEPARTMENT: AuthorityLevel.DEPARTMENT,
    Unit.Kind.DISTRICT: AuthorityLevel.DISTRICT,
    Unit.Kind.COMMUNE: AuthorityLevel.COMMUNE,
    Unit.Kind.WARD: AuthorityLevel.COMMUNE,
    Unit.Kind.TOWN: AuthorityLevel.COMMUNE,
    Unit.Kind.SPECIAL_ZONE: AuthorityLevel.COMMUNE,
    Unit.Kind.OFFICE: AuthorityLevel.UNIT_HEAD,
    Unit.Kind.VILLAGE: AuthorityLevel.UNIT_HEAD,
    Unit.Kind.SCHOOL: AuthorityLevel.UNIT_HEAD,
    Unit.Kind.HOSPITAL: AuthorityLevel.UNIT_HEAD,
    Unit.Kind.ORGANISATION: AuthorityLevel.UNIT_HEAD,
    Unit.Kind.ENTERPRISE: AuthorityLevel.ENTERPRISE,
}


def level_of(unit: Unit) -> str:
    """The granting level a unit speaks for (the kind of body it is)."""
    return UNIT_LEVEL[unit.kind]


class AuthorityQuerySet(DatedRuleQuerySet):
    def search(self, text):
        """Authorities whose office or award matches ``text``, or whose level's name does, ignoring diacritics."""
        key = fold(text)
        if not key:
            return self
        levels = [value for value, label in AuthorityLevel.choices if key in fold(label)]
        return self.filter(_search_q(text, "search_key", "office", "award__search_key", "award__name")
                           | Q(level__in=levels))

    def granting_at(self, unit: Unit, on=None):
        """Authorities of the unit's level in force on ``on``."""
        return self.in_force(on).filter(level=level_of(unit))


class Authority(DatedRule):
    """Which office, at which level, grants which award, under which regulations, when."""

    regulation = models.ForeignKey(RegulationVersion, verbose_name="phiên bản quy định", on_delete=models.PROTECT,
                                   related_name="authorities")
    award = models.ForeignKey(AwardType, verbose_name="hình thức, danh hiệu", on_delete=models.CASCADE,
                              related_name="authorities")
    level = fields.CharField("cấp", max_length=12, choices=AuthorityLevel.choices)
    office = fields.CharField("người, cơ quan quyết định", max_length=255)
    # The office folded, for searching without diacritics; filled on save.
    search_key = fields.CharField(max_length=255, editable=False, default="")

    objects = AuthorityQuerySet.as_manager()

    class Meta:
        verbose_name = "thẩm quyền khen thưởng"
        verbose_name_plural = "thẩm quyền khen thưởng"
        ordering = ["award__position", "level", "valid_from"]
        indexes = [models.Index(fields=["level", "valid_from", "valid_to"], name="awards_authority_level")]
        constraints = [fields.length_limit("note", fields.NOTE)]

    def __str__(self):
        return f"{self.office}: {self.award}"

    def save(self, *args, **kwargs):
        self.search_key = fold(self.office)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key"}
        super().save(*args, **kwargs)
