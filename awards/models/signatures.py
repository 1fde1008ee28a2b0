"""Digital signatures: the certificates a unit signs with or trusts, and the signed copies of issued plans."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from units import fields
from units.models import Unit
from units.scoping import ScopedQuerySet
from units.storage import RandomName

from awards.storage import private_storage


class SigningCertificateQuerySet(ScopedQuerySet):
    scope_paths = ("unit__path",)

    def active(self):
        return self.filter(is_active=True)


class SigningCertificate(models.Model):
    """An X.509 certificate registered by a unit: to sign on the portal (with its PKCS#12 key) or to trust."""

    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT,
                             related_name="signing_certificates")
    label = fields.CharField("tên gọi", max_length=200,
                             help_text="Ví dụ: “Chữ ký số Chủ tịch UBND xã”, “Chứng thư của cơ quan”.")
    certificate_pem = fields.TextField("chứng thư số (PEM)", max_length=fields.RECORD)
    subject_name = fields.CharField("người được cấp", max_length=255)
    subject_organisation = fields.CharField("tổ chức", max_length=255, blank=True)
    issuer_name = fields.CharField("tổ chức cấp", max_length=255)
    serial_number = fields.CharField("số hiệu", max_length=80)
    fingerprint_sha256 = fields.CharField("dấu vân tay SHA-256", max_length=64)
    not_before = models.DateTimeField("hiệu lực từ")
    not_after = models.DateTimeField("hiệu lực đến")
    # The PKCS#12 file exactly as uploaded, still locked by its passphrase, which is never
    # stored: whoever signs types it again. Empty for a certificate registered only to be trusted.
    key_file = models.FileField("tệp khóa PKCS#12", storage=private_storage,
                                upload_to=RandomName("chu-ky-so/khoa", "p12", by_month=False), blank=True,
                                max_length=255)
    is_active = models.BooleanField("đang dùng", default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người đăng ký", on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField("thời điểm đăng ký", default=timezone.now)
    deactivated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người ngừng dùng",
                                       on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    deactivated_at = models.DateTimeField("thời điểm ngừng dùng", null=True, blank=True)

    objects = SigningCertificateQuerySet.as_manager()

    class Meta:
        verbose_name = "chứng thư số"
        verbose_name_plural = "chứng thư số"
        ordering = ["unit", "-is_active", "-not_after", "pk"]
        indexes = [models.Index(fields=["fingerprint_sha256"], name="awards_signcert_fingerprint")]
        constraints = [
            fields.length_limit("certificate_pem", fields.RECORD),
            models.UniqueConstraint(fields=["unit", "fingerprint_sha256"],
                                    name="awards_signingcertificate_unique_unit_fingerprint"),
        ]

    def __str__(self):
        return f"{self.label} — {self.subject_name}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("awards:signature_certificate_detail", args=[self.pk])

    @property
    def can_sign(self) -> bool:
        """Whether the portal holds the key, so the unit can sign with this certificate here."""
        return bool(self.key_file)

    def valid_at(self, moment) -> bool:
        return self.not_before <= moment <= self.not_after


class SignedPlanCopyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Signed copies of the plans the user may see."""
        from campaigns.models import Plan

        return self.filter(plan__in=Plan.objects.visible_to(user))


class SignedPlanCopy(models.Model):
    """An issued plan's frozen PDF with a unit's digital signature added, kept beside the frozen file."""

    plan = models.ForeignKey("campaigns.Plan", verbose_name="kế hoạch", on_delete=models.PROTECT,
                             related_name="signed_copies")
    certificate = models.ForeignKey(SigningCertificate, verbose_name="chứng thư số", on_delete=models.PROTECT,
                                    related_name="signed_plan_copies")
    file = models.FileField("tệp đã ký", storage=private_storage, upload_to=RandomName("chu-ky-so/ban-ky", "pdf"),
                            max_length=255)
    sha256 = fields.CharField("mã băm SHA-256 của bản đã ký", max_length=64)
    source_sha256 = fields.CharField("mã băm SHA-256 của bản ban hành", max_length=64)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    reason = fields.CharField("lý do ký", max_length=200)
    location = fields.CharField("nơi ký", max_length=200, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người ký", on_delete=models.PROTECT,
                                  related_name="+")
    signed_at = models.DateTimeField("thời điểm ký", default=timezone.now)

    objects = SignedPlanCopyQuerySet.as_manager()

    class Meta:
        verbose_name = "bản kế hoạch đã ký số"
        verbose_name_plural = "bản kế hoạch đã ký số"
        ordering = ["plan", "-signed_at", "-pk"]

    def __str__(self):
        return f"{self.plan} — ký ngày {self.signed_at:%d/%m/%Y}"


# Migration 0013 names these as the ``upload_to`` of the keys and of the signed copies.
key_file_name = SigningCertificate._meta.get_field("key_file").upload_to
signed_copy_name = SignedPlanCopy._meta.get_field("file").upload_to
