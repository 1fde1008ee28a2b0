"""The papers recipients hold: Bằng khen, Giấy khen, Giấy chứng nhận, each numbered and checkable online."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from units import fields
from units.scoping import ScopedQuerySet

from awards.models.base import Dated
from awards.models.catalogue import AwardType
from awards.models.history import AwardRecord


class CertificateWording(Dated):
    """What an award's paper says above and below the recipient's name, in force for a period."""

    award = models.ForeignKey(AwardType, verbose_name="hình thức, danh hiệu", on_delete=models.CASCADE,
                              related_name="certificate_wordings")
    verb = fields.CharField("lời trao", max_length=40, blank=True,
                            help_text="Dòng trên tên giấy, ví dụ: TẶNG. Để trống nếu không có.")
    heading = fields.CharField("tên giấy", max_length=80, help_text="In chữ lớn: BẰNG KHEN, GIẤY KHEN, "
                               "GIẤY CHỨNG NHẬN.")
    merit = fields.CharField("lời ghi thành tích", max_length=255,
                             help_text="Trước năm hoặc giai đoạn, ví dụ: Đã có thành tích xuất sắc trong thực hiện "
                                       "nhiệm vụ; Đạt danh hiệu Lao động tiên tiến.")
    note = fields.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "lời văn trên giấy khen"
        verbose_name_plural = "lời văn trên giấy khen"
        ordering = ["award__position", "-valid_from"]

    def __str__(self):
        return f"{self.award}: {self.heading}"


class CertificateSeries(models.Model):
    """The register of papers one issuing body numbers in one year: its prefix and the last number used."""

    issuing_body = fields.CharField("cơ quan quyết định", max_length=255,
                                    help_text="Như ghi trên quyết định (trùng với lịch sử khen thưởng).")
    year = models.PositiveSmallIntegerField("năm cấp")
    prefix = fields.CharField("tiền tố số", max_length=40,
                              help_text="Đứng trước số thứ tự; phải khác tiền tố của các sổ khác, ví dụ: BK-2026-.")
    digits = models.PositiveSmallIntegerField("số chữ số", default=5)
    last_number = models.PositiveIntegerField("số cuối đã cấp", default=0)
    place = fields.CharField("địa danh", max_length=100, blank=True,
                             help_text="Địa danh ghi trước ngày tháng trên giấy, ví dụ: Phú Thọ.")

    class Meta:
        verbose_name = "sổ cấp giấy khen"
        verbose_name_plural = "sổ cấp giấy khen"
        ordering = ["-year", "issuing_body"]
        constraints = [
            models.UniqueConstraint(fields=["issuing_body", "year"], name="awards_certseries_unique_body_year",
                                    violation_error_message="Cơ quan này đã có sổ cấp của năm này."),
        ]

    def __str__(self):
        return f"{self.issuing_body} — {self.year}"

    def serial(self, number: int) -> str:
        return f"{self.prefix}{number:0{self.digits}d}"


def new_token() -> str:
    # 32 URL-safe characters (192 random bits): guessing a live one is hopeless, so the public page
    # needs no account and listing tokens by trying is pointless.
    return secrets.token_urlsafe(24)


class CertificateQuerySet(ScopedQuerySet):
    scope_paths = ("record__person__unit__path", "record__collective__path")

    def live(self):
        return self.filter(replaced_at__isnull=True)


class Certificate(models.Model):
    """One printed copy of an award record's paper: its serial, its public check token, who issued it."""

    record = models.ForeignKey(AwardRecord, verbose_name="khen thưởng", on_delete=models.PROTECT,
                               related_name="certificates")
    series = models.ForeignKey(CertificateSeries, verbose_name="sổ cấp", on_delete=models.PROTECT,
                               related_name="certificates")
    number = models.PositiveIntegerField("số thứ tự trong sổ")
    serial = fields.CharField("số", max_length=60, unique=True)
    token = fields.CharField("mã xác minh", max_length=64, unique=True, default=new_token, editable=False)
    copy_number = models.PositiveSmallIntegerField("bản cấp lại lần", default=0, help_text="0: bản chính.")
    reissue_reason = fields.TextField("lý do cấp lại", blank=True, max_length=fields.REASON)
    replaces = models.OneToOneField("self", verbose_name="thay cho bản", on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="replacement")
    replaced_at = models.DateTimeField("bị thay lúc", null=True, blank=True)
    issued_on = models.DateField("ngày cấp")
    issued_at = models.DateTimeField("cấp lúc")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người cấp", on_delete=models.PROTECT,
                                  related_name="+")

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = "giấy khen đã cấp"
        verbose_name_plural = "giấy khen đã cấp"
        ordering = ["-issued_at", "-pk"]
        indexes = [models.Index(fields=["issued_at", "id"], name="awards_certificate_issued")]
        constraints = [
            fields.length_limit("reissue_reason", fields.REASON),
            # The database itself keeps a record to one valid paper, whoever issues at the same moment.
            models.UniqueConstraint(fields=["record"], condition=Q(replaced_at__isnull=True),
                                    name="awards_certificate_one_live_per_record",
                                    violation_error_message="Khen thưởng này đã có giấy đang có giá trị."),
            models.UniqueConstraint(fields=["record", "copy_number"], name="awards_certificate_unique_copy",
                                    violation_error_message="Bản cấp lại này đã có."),
            models.UniqueConstraint(fields=["series", "number"], name="awards_certificate_unique_number"),
        ]

    def __str__(self):
        return f"Số {self.serial} — {self.record}"

    def get_absolute_url(self):
        return reverse("awards:record_certificates", args=[self.record_id])

    def get_public_path(self):
        return reverse("certificate_check", args=[self.token])

    @property
    def is_copy(self):
        return self.copy_number > 0

    @property
    def is_live(self):
        return self.replaced_at is None

    @property
    def copy_label(self):
        return f"Bản cấp lại lần {self.copy_number}" if self.copy_number else ""
