"""Long packs of certificates printed in the background, with how far they have got."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from awards.storage import private_storage


def print_file_name(instance, filename):
    return f"giay-khen/in/{instance.decision_id}-{instance.pk or 'moi'}.pdf"


class CertificatePrint(models.Model):
    """The papers of one decision being printed in one PDF in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang in"
        DONE = "done", "Xong"
        FAILED = "failed", "Lỗi"

    decision = models.ForeignKey("awards.Decision", verbose_name="quyết định", on_delete=models.CASCADE,
                                 related_name="certificate_prints")
    # The papers, numbered already (serials are given in the request, under their register's lock).
    certificate_ids = models.JSONField("các giấy khen", default=list)
    status = models.CharField("trạng thái", max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    message = models.CharField("thông báo", max_length=255, blank=True)
    file = models.FileField("tệp PDF", storage=private_storage, upload_to=print_file_name, max_length=255,
                            blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người in", on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lượt in giấy khen"
        verbose_name_plural = "lượt in giấy khen"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="awards_certprint_status")]

    def __str__(self):
        return f"In giấy khen quyết định {self.decision_id} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("awards:certificate_print", args=[self.pk])
