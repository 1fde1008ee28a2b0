"""Decisions (Quyết định khen thưởng) that end a proposal's journey, revocations, and the reviews they cause.

A ``Decision`` is the document a level's head signs over the lines ready at that level, from one
packet or several; issuing it writes one ``AwardRecord`` per line (the history next year's
eligibility reads) and freezes its PDF. An ``AwardRevocation`` is the trail of a record revoked
later; every later record that counted the revoked one gets an ``AwardReviewFlag`` until someone
looks at it. Only awards.services.decisions writes these rows.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from units import fields
from units.models import Unit
from units.scoping import ScopedQuerySet
from units.storage import RandomName
from units.text import fold

from awards.models.dossiers import DossierLine
from awards.models.history import AwardRecord
from awards.storage import private_storage


def new_public_id() -> str:
    # 16 URL-safe characters (96 random bits), like a certificate's check token: a decision's public
    # address says nothing of its number, its unit or its order, so a draft's or a withheld one's
    # cannot be found by counting, and the address stays the same for good once published.
    return secrets.token_urlsafe(12)


class DecisionQuerySet(ScopedQuerySet):
    scope_paths = ("issuing_unit__path",)

    def published(self):
        """The decisions anyone may read on the public register: issued, and not withheld from publication."""
        return self.filter(status=Decision.Status.ISSUED, published=True)


class Decision(models.Model):
    """A decision on awards signed at one level, over the proposals ready there."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        ISSUED = "issued", "Đã ban hành"

    class SignPrefix(models.TextChoices):
        NONE = "", "(ký trực tiếp)"
        TM = "TM.", "TM. (thay mặt tập thể)"
        KT = "KT.", "KT. (ký thay người đứng đầu)"
        Q = "Q.", "Q. (quyền)"
        TL = "TL.", "TL. (thừa lệnh)"
        TUQ = "TUQ.", "TUQ. (thừa ủy quyền)"

    issuing_unit = models.ForeignKey(Unit, verbose_name="đơn vị ban hành", on_delete=models.PROTECT,
                                     related_name="decisions")
    status = fields.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Header (ô 2–4 of the Decree 30/2020 layout).
    number = models.PositiveIntegerField("số", null=True, blank=True)
    symbol = fields.CharField("ký hiệu", max_length=40, default="QĐ-UBND")
    place = fields.CharField("địa danh", max_length=100)
    signed_on = models.DateField("ngày ký", null=True, blank=True)
    title = fields.TextField("trích yếu", max_length=fields.TITLE,
                             help_text="Ví dụ: Về việc tặng Bằng khen của Chủ tịch UBND tỉnh …")
    # The trích yếu folded (units.text.fold), for the public register's search without diacritics.
    # Ô 5–6: who decides, on which grounds, and what the articles after Điều 1 say.
    authority = fields.CharField("thẩm quyền ban hành", max_length=255,
                                 help_text="Ví dụ: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ.")
    legal_bases = fields.TextField("căn cứ", max_length=fields.SUMMARY,
                                   blank=True, help_text="Mỗi dòng một căn cứ, bắt đầu bằng “Căn cứ …”.")
    bonus_article = fields.TextField("Điều 2 (tiền thưởng)", blank=True, max_length=fields.SUMMARY)
    execution_article = fields.TextField("Điều 3 (tổ chức thực hiện)", blank=True, max_length=fields.SUMMARY)
    # Ô 7 and 9b: signature and recipients.
    sign_prefix = fields.CharField("thẩm quyền ký", max_length=4, choices=SignPrefix.choices, blank=True)
    sign_on_behalf = fields.CharField("thay mặt / ký thay", max_length=120, blank=True,
                                      help_text="Ví dụ ỦY BAN NHÂN DÂN (sau TM.) hoặc CHỦ TỊCH (sau KT.).")
    signer_title = fields.CharField("chức vụ người ký", max_length=120, blank=True)
    signer_name = fields.CharField("họ tên người ký", max_length=120, blank=True)
    recipients = fields.TextField("nơi nhận", max_length=fields.RECIPIENTS,
                                  blank=True, help_text="Mỗi dòng một nơi nhận, dòng cuối “- Lưu: VT, …”.")

    lines = models.ManyToManyField(DossierLine, verbose_name="các đề nghị được quyết định", related_name="decisions",
                                   blank=True)

    # The issued document, frozen.
    issued_pdf = models.FileField("bản PDF khi ban hành", storage=private_storage,
                                  upload_to=RandomName("quyet-dinh", "pdf"), max_length=255, blank=True, editable=False)
    issued_pdf_sha256 = fields.CharField("mã băm SHA-256", max_length=64, blank=True, editable=False)
    issued_at = models.DateTimeField(null=True, blank=True, editable=False)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", editable=False)
    # The copy bearing the digital signature, with what its verification found; filled by the
    # signature checks, not by the decision services.
    signed_pdf = models.FileField("bản có chữ ký số", storage=private_storage,
                                  upload_to=RandomName("quyet-dinh", "pdf"), max_length=255, blank=True)
    signed_pdf_sha256 = fields.CharField("mã băm bản ký số", max_length=64, blank=True)
    signature_signer = fields.CharField("người ký số", max_length=255, blank=True)
    signature_summary = fields.TextField("kết quả kiểm tra chữ ký số", blank=True, max_length=fields.RECORD)
    signature_checked_at = models.DateTimeField("thời điểm kiểm tra chữ ký số", null=True, blank=True)

    # The public register (Luật TĐKT 2022, Điều 5: công khai, minh bạch): an issued decision is published
    # unless withheld, as one with state-secret content must be (Điều 85, thủ tục đơn giản, điểm e).
    published = models.BooleanField(
        "công khai trên cổng", default=True,
        help_text="Bỏ chọn nếu quyết định có nội dung thuộc bí mật nhà nước hoặc không được công khai.")
    public_id = fields.CharField("mã công khai", max_length=24, unique=True, default=new_public_id, editable=False)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped on every saved edit, so two people editing one draft cannot both win.
    version = models.PositiveIntegerField(default=1)
    # Number and trích yếu folded (units.text.fold), so the register finds "ve viec tang bang khen"; written by save().
    search_key = fields.CharField(max_length=1100, editable=False, default="")

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "quyết định khen thưởng"
        verbose_name_plural = "quyết định khen thưởng"
        ordering = ["-signed_on", "-pk"]
        indexes = [models.Index(fields=["issuing_unit", "status", "signed_on"], name="awards_decision_unit")]
        constraints = [
            fields.length_limit("title", fields.TITLE),
            fields.length_limit("legal_bases", fields.SUMMARY),
            fields.length_limit("bonus_article", fields.SUMMARY),
            fields.length_limit("execution_article", fields.SUMMARY),
            fields.length_limit("recipients", fields.RECIPIENTS),
            fields.length_limit("signature_summary", fields.RECORD),
            models.CheckConstraint(condition=Q(status__in=["draft", "issued"]), name="awards_decision_status_valid"),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(number__isnull=False) & Q(signed_on__isnull=False)),
                name="awards_decision_issued_numbered",
                violation_error_message="Quyết định ban hành phải có số và ngày ký."),
            # Numbering restarts each year (Decree 30); the year is the signing date's.
            models.UniqueConstraint(
                "issuing_unit", "symbol", "number", models.functions.ExtractYear("signed_on"),
                condition=Q(status="issued"), name="awards_decision_unique_number",
                violation_error_message="Số quyết định này đã được dùng trong năm ở đơn vị ban hành."),
        ]

    def __str__(self):
        return f"Quyết định {self.number_text}: {self.title_one_line}"

    def get_absolute_url(self):
        return reverse("awards:decision_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.search_key = fold(f"{self.number_text} {self.title}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key"}
        super().save(*args, **kwargs)

    def get_public_path(self):
        return reverse("public:decision_public_detail", args=[self.public_id])

    @property
    def number_text(self):
        """"125/QĐ-UBND", "05/QĐ-UBND" (numbers below 10 zero-padded); "…/QĐ-UBND" before a number is given."""
        return f"{self.number:02d}/{self.symbol}" if self.number else f"…/{self.symbol}"

    @property
    def title_one_line(self):
        return " ".join(self.title.split())

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_public(self):
        """Whether the public register shows this decision (the rule of ``DecisionQuerySet.published``)."""
        return self.status == self.Status.ISSUED and self.published

    @property
    def legal_basis_lines(self):
        return [line.strip() for line in self.legal_bases.splitlines() if line.strip()]


class AwardRevocation(models.Model):
    """The trail of one revoked award record: who revoked it, when, from which day, and why."""

    record = models.ForeignKey(AwardRecord, verbose_name="khen thưởng bị hủy bỏ", on_delete=models.PROTECT,
                               related_name="revocations")
    revoked_on = models.DateField("ngày hủy bỏ")
    reason = fields.TextField("lý do", max_length=fields.REASON)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người thực hiện", on_delete=models.PROTECT,
                              related_name="+")
    created_at = models.DateTimeField("thời điểm", default=timezone.now)
    flagged = models.PositiveIntegerField("số khen thưởng sau cần rà soát", default=0)

    class Meta:
        verbose_name = "hủy bỏ khen thưởng"
        verbose_name_plural = "hủy bỏ khen thưởng"
        ordering = ["-created_at", "-pk"]
        constraints = [fields.length_limit("reason", fields.REASON)]

    def __str__(self):
        return f"Hủy bỏ {self.record} ngày {self.revoked_on:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        # A trail is written once; a correction is a new row.
        if not self._state.adding:
            raise ValueError("Hủy bỏ khen thưởng chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)


class DecisionPublication(models.Model):
    """The trail of an issued decision withdrawn from the public register, or published on it again, and why."""

    decision = models.ForeignKey(Decision, verbose_name="quyết định", on_delete=models.PROTECT,
                                 related_name="publications")
    published = models.BooleanField("công khai trên cổng")
    reason = fields.TextField("lý do", max_length=fields.REASON)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người thực hiện", on_delete=models.PROTECT,
                              related_name="+")
    created_at = models.DateTimeField("thời điểm", default=timezone.now)

    class Meta:
        verbose_name = "công khai quyết định"
        verbose_name_plural = "công khai quyết định"
        ordering = ["-created_at", "-pk"]
        constraints = [fields.length_limit("reason", fields.REASON)]

    def __str__(self):
        return f"{'Công khai' if self.published else 'Thôi công khai'} {self.decision} ngày {self.created_at:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        # A trail is written once; a change of mind is a new row.
        if not self._state.adding:
            raise ValueError("Lịch sử công khai quyết định chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)


class AwardReviewFlagQuerySet(ScopedQuerySet):
    scope_paths = ("record__person__unit__path", "record__collective__path")

    def open(self):
        return self.filter(resolved_at__isnull=True)


class AwardReviewFlag(models.Model):
    """A later award that counted a record since revoked: someone must look at it again."""

    record = models.ForeignKey(AwardRecord, verbose_name="khen thưởng cần rà soát", on_delete=models.PROTECT,
                               related_name="review_flags")
    cause = models.ForeignKey(AwardRecord, verbose_name="khen thưởng bị hủy bỏ", on_delete=models.PROTECT,
                              related_name="caused_flags")
    reason = fields.TextField("lý do cần rà soát", max_length=fields.SUMMARY)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người xử lý", on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    resolved_at = models.DateTimeField("thời điểm xử lý", null=True, blank=True)
    resolution_note = fields.TextField("kết quả rà soát", blank=True, max_length=fields.REASON)

    objects = AwardReviewFlagQuerySet.as_manager()

    class Meta:
        verbose_name = "khen thưởng cần rà soát"
        verbose_name_plural = "khen thưởng cần rà soát"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["resolved_at", "created_at"], name="awards_reviewflag_open")]
        constraints = [
            fields.length_limit("reason", fields.SUMMARY),
            fields.length_limit("resolution_note", fields.REASON),
            models.UniqueConstraint(fields=["record", "cause"], name="awards_reviewflag_once_per_cause"),
        ]

    def __str__(self):
        return f"Rà soát {self.record} (do hủy bỏ {self.cause})"


# Migration 0012 names this as the ``upload_to`` of both PDFs of a decision.
decision_file_name = Decision._meta.get_field("issued_pdf").upload_to
