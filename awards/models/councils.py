"""Emulation councils (Hội đồng Thi đua - Khen thưởng): who sits on them, their sessions and secret ballots.

A receiving level whose unit has a council in force votes on the lines its reviewers approved
before the level forwards or decides them. The council and its members are dated rows an
administrator keeps; a session is held by the council's secretary, lists who attended and holds
one ballot per candidate. Which lower award a council may resolve instead of the proposed one is
a table too (``AwardDowngrade``), never code. Only awards.services.councils writes sessions and ballots.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from units import fields
from units.models import Unit
from units.scoping import ScopedQuerySet

from awards.models.base import Certainty, Dated, DatedRule, certainty_field
from awards.models.catalogue import AwardType


class CouncilResult(models.TextChoices):
    """What the council resolved about one line."""

    PASSED = "passed", "Đạt"
    FAILED = "failed", "Không đạt"
    DOWNGRADED = "downgraded", "Chuyển hình thức khen thấp hơn"


class Council(Dated):
    """The emulation council of a unit for a period (members change, the council stays)."""

    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="councils")
    name = fields.CharField("tên hội đồng", max_length=255,
                            help_text="Ví dụ: Hội đồng Thi đua - Khen thưởng tỉnh Phú Thọ.")
    legal_basis = fields.CharField("quyết định thành lập, kiện toàn", max_length=255, blank=True)
    note = fields.TextField("ghi chú", blank=True, max_length=fields.NOTE)

    class Meta:
        verbose_name = "hội đồng thi đua - khen thưởng"
        verbose_name_plural = "hội đồng thi đua - khen thưởng"
        ordering = ["unit__name", "-valid_from", "pk"]
        indexes = [models.Index(fields=["unit", "valid_from", "valid_to"], name="awards_council_unit")]
        constraints = [fields.length_limit("note", fields.NOTE)]

    def __str__(self):
        return self.name


class CouncilMember(Dated):
    """One seat on a council for a period: the person, their office, and their role in the council."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chủ tịch Hội đồng"
        STANDING_VICE = "standing_vice", "Phó Chủ tịch thường trực"
        VICE = "vice", "Phó Chủ tịch"
        MEMBER = "member", "Ủy viên"

    council = models.ForeignKey(Council, verbose_name="hội đồng", on_delete=models.CASCADE, related_name="members")
    full_name = fields.CharField("họ và tên", max_length=255)
    position = fields.CharField("chức vụ, đơn vị công tác", max_length=255)
    role = fields.CharField("chức danh trong hội đồng", max_length=14, choices=Role.choices, default=Role.MEMBER)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="tài khoản", on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="council_seats")

    class Meta:
        verbose_name = "thành viên hội đồng"
        verbose_name_plural = "thành viên hội đồng"
        ordering = ["council", "pk"]
        indexes = [models.Index(fields=["council", "valid_from", "valid_to"], name="awards_councilmember_dates")]

    def __str__(self):
        return f"{self.full_name} — {self.get_role_display()}"

    @property
    def rank(self):
        """Chair first, then vice chairs, then members: the order a roster and minutes list them."""
        return list(self.Role.values).index(self.role)


class CouncilSessionQuerySet(ScopedQuerySet):
    scope_paths = ("council__unit__path",)


class CouncilSession(models.Model):
    """One meeting of a council that votes on candidates from the packets its level received."""

    class Status(models.TextChoices):
        OPEN = "open", "Đang họp, chưa kết thúc"
        CLOSED = "closed", "Đã kết thúc, đã ghi nhận kết quả"

    class VotingMethod(models.TextChoices):
        SECRET_BALLOT = "secret", "Bỏ phiếu kín"
        SHOW_OF_HANDS = "hands", "Biểu quyết giơ tay"

    council = models.ForeignKey(Council, verbose_name="hội đồng", on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField("ngày họp")
    started_at = models.TimeField("giờ họp", null=True, blank=True)
    ended_at = models.TimeField("giờ kết thúc", null=True, blank=True,
                                help_text="Để trống: giờ kết thúc phiên họp trên hệ thống.")
    voting_method = fields.CharField("hình thức biểu quyết", max_length=6, choices=VotingMethod.choices,
                                     default=VotingMethod.SECRET_BALLOT)
    briefing = fields.TextField("chủ trì quán triệt, báo cáo", blank=True, max_length=fields.NOTE,
                                help_text="Nội dung người chủ trì quán triệt, báo cáo tại phiên họp.")
    discussion = fields.TextField("ý kiến thảo luận", blank=True, max_length=fields.NOTE)
    place = fields.CharField("địa điểm", max_length=255)
    chair = models.ForeignKey(CouncilMember, verbose_name="chủ trì", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="sessions_chaired")
    attendees = models.ManyToManyField(CouncilMember, verbose_name="thành viên dự họp", blank=True,
                                       related_name="sessions_attended")
    status = fields.CharField("trạng thái", max_length=6, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="thư ký", on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người kết thúc phiên họp",
                                  on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    closed_at = models.DateTimeField("thời điểm kết thúc", null=True, blank=True)
    # The vote rule and roster as applied at closing, so the minutes print what was decided.
    outcome = models.JSONField("kết quả khi kết thúc", default=dict, blank=True)
    # When the minutes were filed in the session's packets. They are printed after the closing has committed,
    # by the task worker (awards.services.minutes_filing): a closed session without this still waits for them.
    minutes_filed_at = models.DateTimeField("biên bản đã lưu vào hồ sơ lúc", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = CouncilSessionQuerySet.as_manager()

    class Meta:
        verbose_name = "phiên họp hội đồng"
        verbose_name_plural = "phiên họp hội đồng"
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["council", "status", "held_on"], name="awards_councilsession_list")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["open", "closed"]), name="awards_councilsession_status"),
            fields.length_limit("briefing", fields.NOTE),
            fields.length_limit("discussion", fields.NOTE),
        ]

    def __str__(self):
        return f"Phiên họp ngày {self.held_on:%d/%m/%Y} — {self.council}"

    def get_absolute_url(self):
        return reverse("awards:council_session_detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status == self.Status.OPEN


class AwardDowngrade(DatedRule):
    """A lower award a council may resolve instead of the proposed one (Bằng khen TTg → Bằng khen tỉnh)."""

    award = models.ForeignKey(AwardType, verbose_name="hình thức đề nghị", on_delete=models.CASCADE,
                              related_name="downgrades")
    award_class = fields.CharField("hạng đề nghị", max_length=20, blank=True, help_text="Để trống: mọi hạng.")
    lower_award = models.ForeignKey(AwardType, verbose_name="hình thức thấp hơn", on_delete=models.CASCADE,
                                    related_name="+")
    lower_class = fields.CharField("hạng thấp hơn", max_length=20, blank=True)
    certainty = certainty_field(Certainty.UNCERTAIN)

    class Meta:
        verbose_name = "hình thức khen thấp hơn"
        verbose_name_plural = "hình thức khen thấp hơn hội đồng có thể chuyển"
        ordering = ["award__position", "lower_award__position", "pk"]
        constraints = [fields.length_limit("note", fields.NOTE)]

    def __str__(self):
        return f"{self.award} → {self.label}"

    @property
    def label(self):
        return f"{self.lower_award.name} hạng {self.lower_class}" if self.lower_class else self.lower_award.name


class CouncilBallot(models.Model):
    """The secret-ballot tally of one candidate at one session: present members' votes and absentees' written ones."""

    session = models.ForeignKey(CouncilSession, verbose_name="phiên họp", on_delete=models.CASCADE,
                                related_name="ballots")
    line = models.ForeignKey("awards.DossierLine", verbose_name="đề nghị", on_delete=models.PROTECT,
                             related_name="council_ballots")
    votes_for = models.PositiveSmallIntegerField("đồng ý (dự họp)", default=0)
    votes_against = models.PositiveSmallIntegerField("không đồng ý (dự họp)", default=0)
    written_for = models.PositiveSmallIntegerField("đồng ý (phiếu bằng văn bản)", default=0)
    written_against = models.PositiveSmallIntegerField("không đồng ý (phiếu bằng văn bản)", default=0)
    downgrade = models.ForeignKey(AwardDowngrade, verbose_name="chuyển hình thức", on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    result = fields.CharField("kết quả", max_length=10, choices=CouncilResult.choices, blank=True)
    analysis = fields.TextField("ý kiến, phân tích", blank=True, max_length=fields.NOTE)

    class Meta:
        verbose_name = "kết quả bỏ phiếu"
        verbose_name_plural = "kết quả bỏ phiếu"
        ordering = ["session", "pk"]
        constraints = [
            fields.length_limit("analysis", fields.NOTE),
            models.UniqueConstraint(fields=["session", "line"], name="awards_councilballot_once_per_session"),
        ]

    def __str__(self):
        return f"{self.line_id}: {self.votes_for + self.written_for} đồng ý"
