"""Awards as data: regulation versions, the award catalogue, and who may grant what, when."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from units.models import Unit


class Certainty(models.TextChoices):
    """How sure the portal is of a rule; uncertain rules must be checked against the official text."""

    VERIFIED = "V", "Đã đối chiếu văn bản"
    KNOWN = "K", "Quy định phổ biến, chưa đối chiếu lại"
    UNCERTAIN = "U", "Chưa chắc chắn — cần kiểm tra"


class InForceQuerySet(models.QuerySet):
    def in_force(self, on=None):
        on = on or datetime.date.today()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on),
                           Q(valid_to__isnull=True) | Q(valid_to__gte=on))


class RegulationVersion(models.Model):
    """A set of laws and decrees that governed emulation and commendation for a period."""

    code = models.CharField("mã", max_length=20, unique=True)
    name = models.CharField("tên", max_length=255)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)

    objects = InForceQuerySet.as_manager()

    class Meta:
        verbose_name = "phiên bản quy định"
        verbose_name_plural = "phiên bản quy định"
        ordering = ["valid_from", "code"]

    def __str__(self):
        return f"{self.code} — {self.name}"


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

    code = models.CharField("mã", max_length=30, unique=True)
    name = models.CharField("tên", max_length=255)
    group = models.CharField("nhóm", max_length=15, choices=Group.choices)
    kind = models.CharField("loại khen thưởng", max_length=15, choices=Kind.choices, default=Kind.REGULAR)
    for_individuals = models.BooleanField("cá nhân", default=False)
    for_collectives = models.BooleanField("tập thể", default=False)
    for_households = models.BooleanField("hộ gia đình", default=False)
    classes = models.CharField("các hạng", max_length=100, blank=True, help_text="Ví dụ: Nhất, Nhì, Ba.")
    # Campaign and ad-hoc results never count toward merit chains (L22; D152 Art. 4).
    counts_toward_chains = models.BooleanField("được tính làm căn cứ khen cao hơn", default=True)
    cycle = models.CharField("chu kỳ xét", max_length=100, blank=True)
    standard = models.TextField("tiêu chuẩn tóm tắt", blank=True)
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)
    certainty = models.CharField("mức chắc chắn", max_length=1, choices=Certainty.choices, default=Certainty.KNOWN)
    position = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "hình thức, danh hiệu"
        verbose_name_plural = "danh mục khen thưởng"
        ordering = ["position", "code"]

    def __str__(self):
        return self.name

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


class AuthorityQuerySet(InForceQuerySet):
    def granting_at(self, unit: Unit, on=None):
        """Authorities of the unit's level in force on ``on``."""
        return self.in_force(on).filter(level=level_of(unit))


class Authority(models.Model):
    """Which office, at which level, grants which award, under which regulations, when."""

    regulation = models.ForeignKey(RegulationVersion, verbose_name="phiên bản quy định", on_delete=models.PROTECT,
                                   related_name="authorities")
    award = models.ForeignKey(AwardType, verbose_name="hình thức, danh hiệu", on_delete=models.CASCADE,
                              related_name="authorities")
    level = models.CharField("cấp", max_length=12, choices=AuthorityLevel.choices)
    office = models.CharField("người, cơ quan quyết định", max_length=255)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)
    certainty = models.CharField("mức chắc chắn", max_length=1, choices=Certainty.choices, default=Certainty.KNOWN)
    note = models.TextField("ghi chú", blank=True)

    objects = AuthorityQuerySet.as_manager()

    class Meta:
        verbose_name = "thẩm quyền khen thưởng"
        verbose_name_plural = "thẩm quyền khen thưởng"
        ordering = ["award__position", "level", "valid_from"]
        indexes = [models.Index(fields=["level", "valid_from", "valid_to"], name="awards_authority_level")]

    def __str__(self):
        return f"{self.office}: {self.award}"


class SubjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Records of people and collectives the user may see (the one scoping rule)."""
        from units.scoping import unit_scope_q

        return self.filter(unit_scope_q(user, "person__unit__path") | unit_scope_q(user, "collective__path"))


class AwardRecord(models.Model):
    """An award someone received: who, what (and which class), for when, by which decision."""

    class Source(models.TextChoices):
        PORTAL = "portal", "Khen thưởng trên cổng"
        IMPORTED = "imported", "Nhập từ quyết định cũ"

    person = models.ForeignKey("units.Person", verbose_name="cá nhân", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="award_records")
    collective = models.ForeignKey(Unit, verbose_name="tập thể", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="award_records")
    household = models.CharField("hộ gia đình", max_length=255, blank=True,
                                 help_text="Tên chủ hộ và địa chỉ, khi khen thưởng hộ gia đình.")
    award = models.ForeignKey(AwardType, verbose_name="hình thức, danh hiệu", on_delete=models.PROTECT,
                              related_name="records")
    award_class = models.CharField("hạng", max_length=20, blank=True)
    year = models.PositiveSmallIntegerField("năm thành tích")
    period_label = models.CharField("giai đoạn", max_length=40, blank=True, help_text="Ví dụ: 2021–2023.")
    decision_number = models.CharField("số quyết định", max_length=60)
    decision_date = models.DateField("ngày quyết định")
    issuing_body = models.CharField("cơ quan quyết định", max_length=255,
                                    help_text="Như ghi trên quyết định, kể cả tên đơn vị trước sáp nhập.")
    source = models.CharField("nguồn", max_length=10, choices=Source.choices, default=Source.IMPORTED)
    revoked_on = models.DateField("ngày hủy bỏ", null=True, blank=True)
    revocation_reason = models.TextField("lý do hủy bỏ", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SubjectQuerySet.as_manager()

    class Meta:
        verbose_name = "khen thưởng đã nhận"
        verbose_name_plural = "lịch sử khen thưởng"
        ordering = ["-year", "-decision_date", "pk"]
        indexes = [
            models.Index(fields=["person", "award", "year"], name="awards_record_person_award"),
            models.Index(fields=["collective", "award", "year"], name="awards_record_unit_award"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(collective__isnull=True) & Q(household=""))
                | (Q(person__isnull=True) & Q(collective__isnull=False) & Q(household=""))
                | (Q(person__isnull=True) & Q(collective__isnull=True) & ~Q(household="")),
                name="awards_record_one_subject",
                violation_error_message="Chọn đúng một đối tượng: cá nhân, tập thể hoặc hộ gia đình.",
            ),
            models.UniqueConstraint(
                fields=["person", "award", "year", "decision_number"], condition=Q(person__isnull=False),
                name="awards_record_unique_person_decision",
                violation_error_message="Khen thưởng này của cá nhân đã có (cùng năm, cùng quyết định).",
            ),
            models.UniqueConstraint(
                fields=["collective", "award", "year", "decision_number"], condition=Q(collective__isnull=False),
                name="awards_record_unique_unit_decision",
                violation_error_message="Khen thưởng này của tập thể đã có (cùng năm, cùng quyết định).",
            ),
        ]

    def __str__(self):
        return f"{self.award_label} {self.year} — {self.subject_name}"

    def clean(self):
        if self.award_id and self.award_class and self.award_class not in self.award.class_list:
            raise ValidationError({"award_class": f"{self.award} không có hạng “{self.award_class}”."})

    @property
    def subject_name(self):
        return self.person.full_name if self.person_id else (self.collective.name if self.collective_id
                                                               else self.household)

    @property
    def award_label(self):
        return f"{self.award.name} hạng {self.award_class}" if self.award_class else self.award.name


class TaskRating(models.Model):
    """The yearly rating of how a person or a collective carried out its tasks."""

    class Rating(models.TextChoices):
        EXCELLENT = "excellent", "Hoàn thành xuất sắc nhiệm vụ"
        GOOD = "good", "Hoàn thành tốt nhiệm vụ"
        DONE = "done", "Hoàn thành nhiệm vụ"
        NOT_DONE = "not_done", "Không hoàn thành nhiệm vụ"

    person = models.ForeignKey("units.Person", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="task_ratings")
    collective = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="task_ratings")
    year = models.PositiveSmallIntegerField("năm")
    rating = models.CharField("xếp loại", max_length=10, choices=Rating.choices)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    objects = SubjectQuerySet.as_manager()

    class Meta:
        verbose_name = "xếp loại hằng năm"
        verbose_name_plural = "xếp loại hằng năm"
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False) ^ Q(collective__isnull=False),
                                   name="awards_rating_one_subject",
                                   violation_error_message="Chọn một cá nhân hoặc một tập thể."),
            models.UniqueConstraint(fields=["person", "year"], condition=Q(person__isnull=False),
                                    name="awards_rating_unique_person_year",
                                    violation_error_message="Cá nhân đã có xếp loại năm này."),
            models.UniqueConstraint(fields=["collective", "year"], condition=Q(collective__isnull=False),
                                    name="awards_rating_unique_unit_year",
                                    violation_error_message="Tập thể đã có xếp loại năm này."),
        ]

    def __str__(self):
        return f"{self.year}: {self.get_rating_display()}"


class Initiative(models.Model):
    """A recognised initiative (sáng kiến): its scope of effect decides which titles it supports."""

    class Scope(models.TextChoices):
        BASE = "base", "Cơ sở"
        PROVINCE = "province", "Cấp bộ, ngành, tỉnh"
        NATIONAL = "national", "Toàn quốc"

    title = models.CharField("tên sáng kiến", max_length=500)
    year = models.PositiveSmallIntegerField("năm công nhận")
    scope = models.CharField("phạm vi ảnh hưởng", max_length=10, choices=Scope.choices, default=Scope.BASE)
    recognising_body = models.CharField("cơ quan công nhận", max_length=255)
    decision_number = models.CharField("số quyết định", max_length=60, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    authors = models.ManyToManyField("units.Person", verbose_name="tác giả", related_name="initiatives")

    class Meta:
        verbose_name = "sáng kiến"
        verbose_name_plural = "sáng kiến"
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title


class DisciplinePeriod(models.Model):
    """A disciplinary measure in force for a period: no award while it runs (L22 Art. 5; D152 Art. 4)."""

    class Form(models.TextChoices):
        REPRIMAND = "reprimand", "Khiển trách"
        WARNING = "warning", "Cảnh cáo"
        SALARY = "salary", "Hạ bậc lương"
        DEMOTION = "demotion", "Giáng chức"
        DISMISSAL = "dismissal", "Cách chức"
        FIRED = "fired", "Buộc thôi việc"

    person = models.ForeignKey("units.Person", on_delete=models.CASCADE, related_name="discipline_periods")
    form = models.CharField("hình thức kỷ luật", max_length=10, choices=Form.choices)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày", null=True, blank=True)
    decision = models.CharField("quyết định", max_length=255, blank=True)

    class Meta:
        verbose_name = "thời hạn kỷ luật"
        verbose_name_plural = "thời hạn kỷ luật"
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                                   name="awards_discipline_valid_range",
                                   violation_error_message="Ngày kết thúc phải sau ngày bắt đầu."),
        ]

    def __str__(self):
        return f"{self.get_form_display()} từ {self.start:%d/%m/%Y}"


class Standard(models.Model):
    """The standard an award requires, as conditions over a subject's records (rules are rows)."""

    class Subject(models.TextChoices):
        INDIVIDUAL = "individual", "Cá nhân"
        COLLECTIVE = "collective", "Tập thể"

    award = models.ForeignKey(AwardType, verbose_name="hình thức, danh hiệu", on_delete=models.CASCADE,
                              related_name="standards")
    award_class = models.CharField("hạng", max_length=20, blank=True)
    subject = models.CharField("đối tượng", max_length=10, choices=Subject.choices, default=Subject.INDIVIDUAL)
    description = models.TextField("tiêu chuẩn (diễn giải)")
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)
    certainty = models.CharField("mức chắc chắn", max_length=1, choices=Certainty.choices, default=Certainty.KNOWN)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)

    objects = InForceQuerySet.as_manager()

    class Meta:
        verbose_name = "tiêu chuẩn khen thưởng"
        verbose_name_plural = "tiêu chuẩn khen thưởng"
        ordering = ["award__position", "subject", "valid_from"]

    def __str__(self):
        return f"{self.award} ({self.get_subject_display()})"


class Condition(models.Model):
    """One testable condition of a standard.

    Conditions with the same ``group`` are alternatives (any one suffices); every group must
    be met. Award codes are the catalogue's; the year is the year proposed for.
    """

    class Operator(models.TextChoices):
        HAS_AWARD = "has_award", "Có danh hiệu/hình thức trong năm"
        CONSECUTIVE = "consecutive", "Đạt liên tục N lần đến năm xét"
        COUNT_IN_WINDOW = "count_in_window", "Đạt ít nhất N lần trong khoảng năm"
        RATING = "rating", "Xếp loại từ mức … trở lên, N năm liên tục đến năm xét"
        RATING_COUNT = "rating_count", "Số năm xếp loại từ mức … trở lên trong khoảng năm"
        INITIATIVE = "initiative", "Có sáng kiến được công nhận từ phạm vi … trở lên"
        NO_DISCIPLINE = "no_discipline", "Không bị kỷ luật trong năm xét"

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="conditions")
    group = models.PositiveSmallIntegerField("nhóm", default=1, help_text="Cùng nhóm: chỉ cần một điều kiện.")
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    operator = models.CharField("loại điều kiện", max_length=16, choices=Operator.choices)
    award_codes = models.CharField("mã hình thức", max_length=255, blank=True, help_text="Nhiều mã cách nhau dấu phẩy.")
    count = models.PositiveSmallIntegerField("số lần / số năm", default=1)
    step = models.PositiveSmallIntegerField("bước (năm giữa hai lần liên tục)", default=1)
    window = models.PositiveSmallIntegerField("khoảng năm (0: không giới hạn)", default=0)
    rating = models.CharField("mức xếp loại", max_length=10, choices=TaskRating.Rating.choices, blank=True)
    scope = models.CharField("phạm vi sáng kiến", max_length=10, choices=Initiative.Scope.choices, blank=True)
    description = models.CharField("diễn giải", max_length=500)

    class Meta:
        verbose_name = "điều kiện"
        verbose_name_plural = "điều kiện"
        ordering = ["standard", "group", "position", "pk"]

    def __str__(self):
        return self.description

    @property
    def codes(self):
        return [c.strip() for c in self.award_codes.split(",") if c.strip()]
