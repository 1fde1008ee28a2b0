"""What people and collectives received and did: awards, yearly ratings, initiatives, discipline."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from units import fields
from units.models import Unit
from units.scoping import ScopedQuerySet, unit_scope_q

from awards.models.catalogue import AwardType


class SubjectQuerySet(ScopedQuerySet):
    scope_paths = ("person__unit__path", "collective__path")


# A household has no unit of its own: an award granted on the portal belongs to the unit that proposed it (its
# nomination list's) and to the unit whose decision granted it (the statutory forms count it there). A household
# record loaded from an old decision has neither, and only those who see every unit see it.
HOUSEHOLD_UNIT_PATHS = ("dossier_line__nomination_line__nomination_list__unit__path", "decision__issuing_unit__path")


def household_q(path_q: Q) -> Q:
    """Household records whose unit passes ``path_q`` (a filter on ``HOUSEHOLD_UNIT_PATHS``)."""
    return ~Q(household="") & path_q


class AwardRecordQuerySet(SubjectQuerySet):
    def visible_to(self, user):
        """The records of people and collectives the user may see, and the households their units proposed."""
        households = [unit_scope_q(user, path) for path in HOUSEHOLD_UNIT_PATHS]
        if not all(households):  # an empty filter: the user sees every unit
            return self.all()
        combined = household_q(households[0] | households[1])
        for path in self.scope_paths:
            combined |= unit_scope_q(user, path)
        return self.filter(combined)


def award_label(name, award_class):
    """"Huân chương Lao động hạng Ba": the award's name and, when it has one, its class."""
    return f"{name} hạng {award_class}" if award_class else name


class SubjectAward:
    """What a row naming a subject (person, collective or household) and an award of a class shares."""

    def clean(self):
        if self.award_id and self.award_class and self.award_class not in self.award.class_list:
            raise ValidationError({"award_class": f"{self.award} không có hạng “{self.award_class}”."})

    @property
    def subject_name(self):
        if self.person_id:
            return self.person.full_name
        return self.collective.name if self.collective_id else self.household

    @property
    def award_label(self):
        return award_label(self.award.name, self.award_class)


class AwardRecord(SubjectAward, models.Model):
    """An award someone received: who, what (and which class), for when, by which decision."""

    class Source(models.TextChoices):
        PORTAL = "portal", "Khen thưởng trên cổng"
        IMPORTED = "imported", "Nhập từ quyết định cũ"

    person = models.ForeignKey("units.Person", verbose_name="cá nhân", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="award_records")
    collective = models.ForeignKey(Unit, verbose_name="tập thể", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="award_records")
    household = fields.CharField("hộ gia đình", max_length=255, blank=True,
                                 help_text="Tên chủ hộ và địa chỉ, khi khen thưởng hộ gia đình.")
    award = models.ForeignKey(AwardType, verbose_name="hình thức, danh hiệu", on_delete=models.PROTECT,
                              related_name="records")
    award_class = fields.CharField("hạng", max_length=20, blank=True)
    # A Bằng khen given at a campaign review is still a BK_TINH; the kind of this grant decides
    # whether it may count toward higher forms (campaign and ad-hoc results never do).
    kind = fields.CharField("loại khen thưởng", max_length=15, choices=AwardType.Kind.choices, blank=True,
                            help_text="Để trống: theo loại của hình thức trong danh mục.")
    year = models.PositiveSmallIntegerField("năm thành tích")
    period_label = fields.CharField("giai đoạn", max_length=40, blank=True, help_text="Ví dụ: 2021–2023.")
    decision_number = fields.CharField("số quyết định", max_length=60)
    decision_date = models.DateField("ngày quyết định")
    issuing_body = fields.CharField("cơ quan quyết định", max_length=255,
                                    help_text="Như ghi trên quyết định, kể cả tên đơn vị trước sáp nhập.")
    source = fields.CharField("nguồn", max_length=10, choices=Source.choices, default=Source.IMPORTED)
    revoked_on = models.DateField("ngày hủy bỏ", null=True, blank=True)
    revocation_reason = fields.TextField("lý do hủy bỏ", blank=True, max_length=fields.REASON)
    # A record the portal wrote: the decision that granted it and the proposal it answers.
    decision = models.ForeignKey("awards.Decision", verbose_name="quyết định", on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="records")
    dossier_line = models.ForeignKey("awards.DossierLine", verbose_name="đề nghị", on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="award_records")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AwardRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "khen thưởng đã nhận"
        verbose_name_plural = "lịch sử khen thưởng"
        ordering = ["-year", "-decision_date", "pk"]
        indexes = [
            models.Index(fields=["person", "award", "year"], name="awards_record_person_award"),
            models.Index(fields=["collective", "award", "year"], name="awards_record_unit_award"),
            # The statistics page counts a range of years.
            models.Index(fields=["year"], name="awards_record_year"),
            # The statistics page reaches the records of the people (and collectives) of a subtree, in force in a
            # range of years, from these alone (no row read), then reads only those it counts.
            models.Index(fields=["person", "year", "revoked_on"], name="awards_record_person_year"),
            models.Index(fields=["collective", "year", "revoked_on"], name="awards_record_unit_year"),
            # Households are few among the records: the statistics page reaches theirs of a period here, then
            # checks their proposing and deciding units, instead of scanning every decision of a subtree.
            models.Index(fields=["year"], condition=~Q(household=""), name="awards_record_household_year"),
        ]
        constraints = [
            fields.length_limit("revocation_reason", fields.REASON),
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
            # One proposal is granted once, even if two decisions over it were issued at the same moment.
            models.UniqueConstraint(fields=["dossier_line"], condition=Q(dossier_line__isnull=False),
                                    name="awards_record_one_per_dossier_line",
                                    violation_error_message="Đề nghị này đã được quyết định khen thưởng."),
        ]

    def __str__(self):
        return f"{self.award_label} {self.year} — {self.subject_name}"

    @property
    def effective_kind(self):
        return self.kind or self.award.kind


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
    rating = fields.CharField("xếp loại", max_length=10, choices=Rating.choices)
    note = fields.CharField("ghi chú", max_length=255, blank=True)

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

    title = fields.CharField("tên sáng kiến", max_length=500)
    year = models.PositiveSmallIntegerField("năm công nhận")
    scope = fields.CharField("phạm vi ảnh hưởng", max_length=10, choices=Scope.choices, default=Scope.BASE)
    recognising_body = fields.CharField("cơ quan công nhận", max_length=255)
    decision_number = fields.CharField("số quyết định", max_length=60, blank=True)
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
    form = fields.CharField("hình thức kỷ luật", max_length=10, choices=Form.choices)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày", null=True, blank=True)
    decision = fields.CharField("quyết định", max_length=255, blank=True)

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
