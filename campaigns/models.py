"""Campaign plans (Kế hoạch thi đua): structured data the portal runs on, printable as documents."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from units import dates, fields
from units.models import Unit
from units.scoping import ScopedQuerySet, ancestor_ids_of, unit_scope_q


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Plans of the units the user may see, and the issued plans of the units above them.

        A plan speaks downwards: a commune must read its province's plan to implement it and
        register under it, though it never sees the province's drafts.
        """
        own = unit_scope_q(user, "issuing_unit__path")
        if not own:  # superuser: everything
            return self
        from_above = Q(issuing_unit_id__in=ancestor_ids_of(user)) & ~Q(status=Plan.Status.DRAFT)
        return self.filter(own | from_above)


class Plan(models.Model):
    """An emulation plan issued by a unit, with its printed form and its structured rules."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        ISSUED = "issued", "Đã ban hành"
        IN_PROGRESS = "in_progress", "Đang thực hiện"
        CLOSED = "closed", "Đã kết thúc"
        REVIEWED = "reviewed", "Đã tổng kết"

    class Kind(models.TextChoices):
        # The two kinds of emulation (Luật Thi đua, khen thưởng 2022, Điều 16).
        REGULAR = "regular", "Thi đua thường xuyên (hằng năm)"
        THEMATIC = "thematic", "Thi đua theo chuyên đề, theo đợt"

    class SignPrefix(models.TextChoices):
        NONE = "", "(ký trực tiếp)"
        TM = "TM.", "TM. (thay mặt tập thể)"
        KT = "KT.", "KT. (ký thay người đứng đầu)"
        TL = "TL.", "TL. (thừa lệnh)"
        TUQ = "TUQ.", "TUQ. (thừa ủy quyền)"
        Q = "Q.", "Q. (quyền)"

    issuing_unit = models.ForeignKey(Unit, verbose_name="đơn vị ban hành", on_delete=models.PROTECT,
                                     related_name="plans")
    parent_plan = models.ForeignKey("self", verbose_name="thực hiện kế hoạch", on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="implementing_plans")
    status = fields.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.DRAFT)

    # Header (ô 1–5 of the Decree 30/2020 layout).
    superior_body = fields.CharField("cơ quan chủ quản", max_length=200, blank=True,
                                     help_text="Dòng trên tên cơ quan ban hành, không in đậm (nếu có).")
    issuer_name = fields.MultilineCharField("tên cơ quan ban hành", max_length=200,
                                            help_text="Như in trên văn bản; xuống dòng bằng Enter, ví dụ ỦY BAN "
                                                      "NHÂN DÂN / TỈNH NINH THUẬN.")
    number = models.PositiveIntegerField("số", null=True, blank=True)
    symbol = fields.CharField("ký hiệu", max_length=40, default="KH-UBND")
    place = fields.CharField("địa danh", max_length=100)
    issue_year = models.PositiveSmallIntegerField("năm ban hành")
    issue_month = models.PositiveSmallIntegerField("tháng ban hành", null=True, blank=True)
    issue_day = models.PositiveSmallIntegerField("ngày ban hành", null=True, blank=True)
    doc_type = fields.CharField("tên loại văn bản", max_length=60, default="KẾ HOẠCH")
    title = fields.TextField("trích yếu", max_length=fields.TITLE)

    # Body.
    preamble = fields.TextField("căn cứ, mở đầu", blank=True, max_length=fields.SUMMARY)
    theme = fields.TextField("chủ đề", blank=True, max_length=fields.NOTE)
    closing = fields.TextField("đoạn kết", blank=True, max_length=fields.SUMMARY)
    number_sections = models.BooleanField(
        "tự đánh số các mục theo cấp (I, 1, a)", default=True,
        help_text="Khi lưu, số mục được đánh lại theo cấp và thứ tự; bỏ chọn để giữ số mục tự gõ.")

    # Rules that nominations read.
    kind = fields.CharField(
        "loại phong trào thi đua", max_length=10, choices=Kind.choices, default=Kind.THEMATIC,
        help_text="Khen thưởng theo phong trào thi đua thường xuyên được tính làm căn cứ đề nghị khen thưởng cao "
                  "hơn; khen thưởng theo chuyên đề, theo đợt thì không.")
    period_start = models.DateField("thời gian thi đua từ ngày", null=True, blank=True)
    period_end = models.DateField("đến ngày", null=True, blank=True)
    period_from_issue = models.BooleanField("bắt đầu từ ngày ban hành", default=False,
                                            help_text="Ngày bắt đầu được điền bằng ngày ban hành khi ban hành.")
    dossier_deadline = models.DateField("hạn nộp hồ sơ", null=True, blank=True)
    dossier_place = fields.CharField("nơi nhận hồ sơ", max_length=255, blank=True)

    # Recipients and signature (ô 7, 9b).
    recipients = fields.TextField("nơi nhận", max_length=fields.RECIPIENTS,
                                  blank=True, help_text="Mỗi dòng một nơi nhận, dòng cuối “- Lưu: VT, …”.")
    sign_prefix = fields.CharField("thẩm quyền ký", max_length=4, choices=SignPrefix.choices, blank=True)
    sign_on_behalf = fields.CharField("thay mặt / ký thay", max_length=120, blank=True,
                                      help_text="Ví dụ ỦY BAN NHÂN DÂN (sau TM.) hoặc CHỦ TỊCH (sau KT.).")
    signer_title = fields.CharField("chức vụ người ký", max_length=120, blank=True)
    signer_name = fields.CharField("họ tên người ký", max_length=120, blank=True)

    # The issued document, frozen.
    issued_pdf = models.FileField(upload_to="plans/issued/%Y/", blank=True, editable=False)
    issued_pdf_sha256 = fields.CharField(max_length=64, blank=True, editable=False)
    issued_at = models.DateTimeField(null=True, blank=True, editable=False)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", editable=False)

    source_file = fields.CharField("nhập từ tệp", max_length=255, blank=True, editable=False)
    import_report = models.JSONField("kết quả nhập", default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Bumped on every saved edit, so that two people editing one draft cannot both win.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        ordering = ["-issue_year", "-pk"]
        indexes = [
            models.Index(fields=["issuing_unit", "issue_year", "status"], name="campaigns_plan_unit_year"),
            models.Index(fields=["status", "issue_year"], name="campaigns_plan_status_year"),
        ]
        constraints = [
            fields.length_limit("title", fields.TITLE),
            fields.length_limit("preamble", fields.SUMMARY),
            fields.length_limit("theme", fields.NOTE),
            fields.length_limit("closing", fields.SUMMARY),
            fields.length_limit("recipients", fields.RECIPIENTS),
            models.UniqueConstraint(
                fields=["issuing_unit", "issue_year", "symbol", "number"], condition=Q(number__isnull=False),
                name="campaigns_plan_unique_number",
                violation_error_message="Số văn bản này đã được dùng trong năm ở đơn vị ban hành.",
            ),
            models.CheckConstraint(
                condition=Q(issue_month__isnull=True) | Q(issue_month__gte=1, issue_month__lte=12),
                name="campaigns_plan_month_range", violation_error_message="Tháng phải từ 1 đến 12.",
            ),
            models.CheckConstraint(
                condition=Q(issue_day__isnull=True) | Q(issue_day__gte=1, issue_day__lte=31),
                name="campaigns_plan_day_range", violation_error_message="Ngày phải từ 1 đến 31.",
            ),
        ]

    def __str__(self):
        return f"{self.reference_label} — {self.title_one_line}"

    def get_absolute_url(self):
        return reverse("campaigns:plan_detail", args=[self.pk])

    def clean(self):
        parent = self.parent_plan
        if parent is not None and (
            (parent.period_start and self.period_start and self.period_start < parent.period_start)
            or (parent.period_end and self.period_end and self.period_end > parent.period_end)
        ):
            raise ValidationError({"period_end": "Thời gian thi đua phải nằm trong thời gian của kế hoạch cấp trên "
                                                 f"({_span(parent.period_start, parent.period_end)})."})

    @property
    def issue_date(self):
        """The issue date when day, month and year are all known."""
        if self.issue_day and self.issue_month:
            try:
                return datetime.date(self.issue_year, self.issue_month, self.issue_day)
            except ValueError:
                return None
        return None

    @property
    def number_label(self):
        """"Số: 188/KH-UBND" as printed; the number is left blank in a draft."""
        number = f"{self.number:02d}" if self.number else ""
        return f"Số: {number}/{self.symbol}"

    @property
    def reference_label(self):
        return f"{self.number_label.removeprefix('Số: ')} ({self.issue_year})"

    @property
    def place_and_date(self):
        """"Ninh Thuận, ngày 05 tháng 02 năm 2024", with blanks kept where the draft has none."""
        return f"{self.place}, {dates.in_words_of(self.issue_year, self.issue_month, self.issue_day)}"

    @property
    def title_one_line(self):
        return " ".join(self.title.replace("*", "").split())

    @property
    def is_thematic(self):
        """Awards granted under the plan are campaign results (theo đợt, chuyên đề), not counted toward higher ones."""
        return self.kind == self.Kind.THEMATIC

    @property
    def is_editable(self):
        return self.status == self.Status.DRAFT


class PlanSection(models.Model):
    """A numbered part of a plan's body: a heading, its text, or both."""

    class Kind(models.TextChoices):
        PURPOSE = "purpose", "Mục đích, yêu cầu"
        THEME = "theme", "Chủ đề"
        TARGETS = "targets", "Mục tiêu, chỉ tiêu"
        CONTENT = "content", "Nội dung thi đua"
        PERIOD = "period", "Thời gian thi đua"
        PARTICIPANTS = "participants", "Đối tượng thi đua"
        CRITERIA = "criteria", "Tiêu chí thi đua"
        AWARDS = "awards", "Hình thức, tiêu chuẩn khen thưởng"
        DOSSIER = "dossier", "Hồ sơ, thời hạn đề nghị khen thưởng"
        ASSIGNMENTS = "assignments", "Tổ chức thực hiện"
        OTHER = "other", "Khác"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField("thứ tự")
    level = models.PositiveSmallIntegerField("cấp", default=1, help_text="1: I., II.; 2: 1., 2.; 3: 1.1., a); 4: …")
    number = fields.CharField("số mục", max_length=20, blank=True, help_text="Ví dụ: I.  1.  2.1.  a)")
    heading = fields.CharField("tiêu đề", max_length=500, blank=True)
    body = fields.TextField("nội dung", blank=True, max_length=fields.BODY)
    kind = fields.CharField("loại", max_length=20, choices=Kind.choices, default=Kind.OTHER)

    class Meta:
        verbose_name = "mục kế hoạch"
        verbose_name_plural = "mục kế hoạch"
        # Not unique: an editor may type equal positions; ties keep the order of creation.
        ordering = ["plan", "position", "pk"]
        constraints = [fields.length_limit("body", fields.BODY)]

    def __str__(self):
        return f"{self.number} {self.heading}".strip() or self.body[:60]


class PlanReference(models.Model):
    """A document the plan rests on ("Căn cứ …") or implements ("Thực hiện …")."""

    class Kind(models.TextChoices):
        BASIS = "basis", "Căn cứ"
        IMPLEMENTS = "implements", "Thực hiện"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="references")
    position = models.PositiveIntegerField(default=0)
    kind = fields.CharField("loại", max_length=12, choices=Kind.choices, default=Kind.IMPLEMENTS)
    doc_type = fields.CharField("loại văn bản", max_length=60, blank=True)
    doc_number = fields.CharField("số, ký hiệu", max_length=60, blank=True)
    doc_date = models.DateField("ngày", null=True, blank=True)
    issuer = fields.CharField("cơ quan ban hành", max_length=255, blank=True)
    text = fields.TextField("trích dẫn như trong văn bản", max_length=fields.NOTE)
    referenced_plan = models.ForeignKey(Plan, verbose_name="kế hoạch trên cổng", on_delete=models.SET_NULL,
                                        null=True, blank=True, related_name="cited_by")

    class Meta:
        verbose_name = "văn bản căn cứ"
        verbose_name_plural = "văn bản căn cứ"
        ordering = ["plan", "position", "pk"]
        constraints = [fields.length_limit("text", fields.NOTE)]

    def __str__(self):
        return f"{self.get_kind_display()} {self.doc_type} {self.doc_number}".strip()


class AwardTier(models.Model):
    """An award the plan offers, with who grants it, to whom, and how many."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="award_tiers")
    position = models.PositiveIntegerField(default=0)
    award_name = fields.CharField("hình thức khen thưởng", max_length=255,
                                  help_text="Ví dụ: Bằng khen của Chủ tịch UBND tỉnh.")
    award = models.ForeignKey("awards.AwardType", verbose_name="trong danh mục", on_delete=models.PROTECT,
                              null=True, blank=True, related_name="plan_tiers",
                              help_text="Hình thức trong danh mục khen thưởng, để xét thẩm quyền và tiêu chuẩn.")
    authority = fields.CharField("cấp có thẩm quyền", max_length=255, blank=True)
    for_collectives = models.BooleanField("tập thể", default=True)
    for_individuals = models.BooleanField("cá nhân", default=True)
    for_households = models.BooleanField("hộ gia đình", default=False)
    quota = models.PositiveIntegerField("số lượng tối đa", null=True, blank=True)
    quota_note = fields.CharField("ghi chú số lượng", max_length=255, blank=True,
                                  help_text="Như ghi trong kế hoạch, ví dụ “không quá 01 tập thể hoặc cá nhân”.")
    section = models.OneToOneField(PlanSection, verbose_name="mục in tiêu chuẩn", on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="award_tier")

    class Meta:
        verbose_name = "hình thức khen thưởng của kế hoạch"
        verbose_name_plural = "hình thức khen thưởng của kế hoạch"
        ordering = ["plan", "position", "pk"]

    def __str__(self):
        return self.award_name


class DossierRequirement(models.Model):
    """A document each nomination dossier under the plan must contain."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="dossier_requirements")
    position = models.PositiveIntegerField(default=0)
    name = fields.CharField("thành phần hồ sơ", max_length=255)
    form_reference = fields.CharField("mẫu", max_length=255, blank=True,
                                      help_text="Ví dụ: Mẫu số 08 ban hành kèm theo Nghị định số 98/2023/NĐ-CP.")
    copies = models.PositiveSmallIntegerField("số bản", null=True, blank=True)

    class Meta:
        verbose_name = "thành phần hồ sơ"
        verbose_name_plural = "thành phần hồ sơ"
        ordering = ["plan", "position", "pk"]

    def __str__(self):
        return self.name


class Milestone(models.Model):
    """A dated point of the plan: launch, mid-term review, final review, a report deadline, a target date."""

    class Kind(models.TextChoices):
        LAUNCH = "launch", "Phát động"
        MIDTERM = "midterm", "Sơ kết"
        FINAL = "final", "Tổng kết"
        TARGET = "target", "Mốc chỉ tiêu"
        REPORT = "report", "Hạn báo cáo kết quả"
        OTHER = "other", "Khác"

    # The kinds by which the units implementing the plan owe the issuer a report of their results.
    REPORT_KINDS = (Kind.MIDTERM, Kind.FINAL, Kind.REPORT)

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    kind = fields.CharField("loại mốc", max_length=10, choices=Kind.choices)
    date = models.DateField("ngày")
    label = fields.CharField("nội dung", max_length=255, blank=True)

    class Meta:
        verbose_name = "mốc thời gian"
        verbose_name_plural = "mốc thời gian"
        ordering = ["plan", "date", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class PlanRevision(models.Model):
    """A saved state of a plan: every edit of a draft, and the issued text, kept for comparison."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField("phiên bản")
    status = fields.CharField("trạng thái", max_length=12, choices=Plan.Status.choices)
    content = models.JSONField("nội dung")
    note = fields.CharField("ghi chú", max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "phiên bản kế hoạch"
        verbose_name_plural = "phiên bản kế hoạch"
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="campaigns_revision_unique_number"),
        ]

    def __str__(self):
        return f"{self.plan_id} v{self.number}"


def _span(start, end):
    return dates.span(start, end)


class RegistrationQuerySet(ScopedQuerySet):
    scope_paths = ("unit__path",)


class Registration(models.Model):
    """A unit's pledge (đăng ký thi đua) that a person or collective aims at an award under a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị đăng ký", on_delete=models.PROTECT,
                             related_name="registrations")
    person = models.ForeignKey("units.Person", verbose_name="cá nhân", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="registrations")
    collective = models.ForeignKey(Unit, verbose_name="tập thể", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="collective_registrations")
    award_tier = models.ForeignKey(AwardTier, verbose_name="danh hiệu, hình thức đăng ký", on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="registrations")
    target = fields.CharField("danh hiệu, hình thức (nếu ngoài kế hoạch)", max_length=255, blank=True)
    initiative_title = fields.CharField("tên sáng kiến đăng ký", max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "đăng ký thi đua"
        verbose_name_plural = "đăng ký thi đua"
        ordering = ["plan", "unit", "pk"]
        indexes = [models.Index(fields=["plan", "unit"], name="campaigns_reg_plan_unit")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(collective__isnull=True))
                | (Q(person__isnull=True) & Q(collective__isnull=False)),
                name="campaigns_registration_one_subject",
                violation_error_message="Chọn một cá nhân hoặc một tập thể.",
            ),
            models.CheckConstraint(
                condition=~Q(award_tier__isnull=True, target="", initiative_title=""),
                name="campaigns_registration_has_target",
                violation_error_message="Chọn danh hiệu, hình thức khen thưởng hoặc ghi tên sáng kiến.",
            ),
            models.UniqueConstraint(
                fields=["plan", "person", "award_tier"], condition=Q(person__isnull=False, award_tier__isnull=False),
                name="campaigns_registration_unique_person_tier",
                violation_error_message="Cá nhân này đã được đăng ký hình thức này.",
            ),
            models.UniqueConstraint(
                fields=["plan", "collective", "award_tier"],
                condition=Q(collective__isnull=False, award_tier__isnull=False),
                name="campaigns_registration_unique_collective_tier",
                violation_error_message="Tập thể này đã được đăng ký hình thức này.",
            ),
        ]

    def __str__(self):
        return f"{self.subject_name} — {self.target_name}"

    @property
    def subject_name(self):
        return self.person.full_name if self.person_id else self.collective.name

    @property
    def target_name(self):
        return self.award_tier.award_name if self.award_tier_id else self.target
