"""What every stored PDF of the portal keeps beside its file: the name it came under, and what its check measured.

A PDF is judged by its content before it is kept (awards.rules.uploads.inspect_pdf, or measured when the portal
wrote it itself); its row records the result. Each model that holds such files inherits these columns and keeps
its own table, its owner and its ``file`` field (each stores under its own folder).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from units import fields


class CheckedPdf(models.Model):
    """A PDF kept in private storage with its original name, size, SHA-256, page count, uploader and time."""

    original_name = fields.CharField("tên tệp gốc", max_length=255)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    sha256 = fields.CharField("mã băm SHA-256", max_length=64)
    page_count = models.PositiveIntegerField("số trang")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người tải lên", on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField("thời điểm tải lên", default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name
