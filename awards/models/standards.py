"""Award standards as rows of testable conditions (evaluated by awards.eligibility)."""

from django.db import models

from units import fields

from awards.models.base import Certainty, DatedRule
from awards.models.catalogue import AwardType
from awards.models.history import DisciplinePeriod, Initiative, TaskRating


class Standard(DatedRule):
    """The standard an award requires, as conditions over a subject's records (rules are rows)."""

    class Subject(models.TextChoices):
        INDIVIDUAL = "individual", "Cá nhân"
        COLLECTIVE = "collective", "Tập thể"

    award = models.ForeignKey(AwardType, verbose_name="hình thức, danh hiệu", on_delete=models.CASCADE,
                              related_name="standards")
    award_class = fields.CharField("hạng", max_length=20, blank=True)
    subject = fields.CharField("đối tượng", max_length=10, choices=Subject.choices, default=Subject.INDIVIDUAL)
    description = fields.TextField("tiêu chuẩn (diễn giải)", max_length=fields.SUMMARY)
    note = None  # no note column

    class Meta:
        verbose_name = "tiêu chuẩn khen thưởng"
        verbose_name_plural = "tiêu chuẩn khen thưởng"
        ordering = ["award__position", "subject", "valid_from"]
        constraints = [fields.length_limit("description", fields.SUMMARY)]

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
        # Conditions on a collective's members: the people with a posting in the unit (or in
        # its internal offices, or in the units it was merged from) at some time in the year.
        MEMBER_SHARE = "member_share", "Tỷ lệ thành viên đạt danh hiệu hoặc mức xếp loại trong năm xét"
        MEMBER_COUNT = "member_count", "Số thành viên đạt danh hiệu hoặc mức xếp loại trong năm xét"
        MEMBER_NO_DISCIPLINE = "member_no_discipline", "Không thành viên nào bị kỷ luật trong năm xét"

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="conditions")
    group = models.PositiveSmallIntegerField("nhóm", default=1, help_text="Cùng nhóm: chỉ cần một điều kiện.")
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    operator = fields.CharField("loại điều kiện", max_length=24, choices=Operator.choices)
    award_codes = fields.CharField("mã hình thức", max_length=255, blank=True, help_text="Nhiều mã cách nhau dấu phẩy.")
    count = models.PositiveSmallIntegerField("số lần / số năm / tỷ lệ %", default=1,
                                             help_text="Với tỷ lệ thành viên: số phần trăm.")
    step = models.PositiveSmallIntegerField("bước (năm giữa hai lần liên tục)", default=1)
    window = models.PositiveSmallIntegerField("khoảng năm (0: không giới hạn)", default=0)
    rating = fields.CharField("mức xếp loại", max_length=10, choices=TaskRating.Rating.choices, blank=True)
    scope = fields.CharField("phạm vi sáng kiến", max_length=10, choices=Initiative.Scope.choices, blank=True)
    discipline_form = fields.CharField(
        "kỷ luật từ hình thức", max_length=10, choices=DisciplinePeriod.Form.choices, blank=True,
        help_text="Chỉ tính kỷ luật từ hình thức này trở lên; để trống: mọi hình thức.")
    strictly_above = models.BooleanField(
        "trên tỷ lệ (không tính mức bằng)", default=False,
        help_text="Với tỷ lệ thành viên: đánh dấu khi quy định ghi “trên N%”, bỏ trống khi ghi “từ N% trở lên”.")
    certainty = fields.CharField("mức chắc chắn", max_length=1, choices=Certainty.choices, default=Certainty.KNOWN)
    description = fields.CharField("diễn giải", max_length=500)

    class Meta:
        verbose_name = "điều kiện"
        verbose_name_plural = "điều kiện"
        ordering = ["standard", "group", "position", "pk"]

    def __str__(self):
        return self.description

    @property
    def codes(self):
        return [c.strip() for c in self.award_codes.split(",") if c.strip()]
