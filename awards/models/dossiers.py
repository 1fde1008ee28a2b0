"""Dossiers on their way up the hierarchy: the packets units send, their lines, and the history of both.

A ``Dossier`` is one packet from a sender unit to a receiver unit: a submitted nomination list, or a
bundle a level forwards with the lines it approved from several packets. Each ``DossierLine`` is one
nomination line inside a packet, with its own status and the unit that will decide it (fixed when
the list was submitted). Every change is a ``DossierEvent`` row, chained by hashes (awards.audit).
The allowed moves are in awards.workflow; only awards.services.dossiers writes these rows.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from units import fields
from units.models import Unit
from units.scoping import ScopedQuerySet
from units.storage import RandomName

from awards.models.checked_pdfs import CheckedPdf
from awards.models.councils import CouncilResult
from awards.models.dossier_rules import DocumentKind
from awards.models.nominations import NominationLine, NominationList
from awards.storage import private_storage


class DossierStatus(models.TextChoices):
    """Where a packet stands at its receiving level (or back with its sender)."""

    SUBMITTED = "submitted", "Chờ tiếp nhận"
    REFUSED = "refused", "Không tiếp nhận, chờ bổ sung"
    RECEIVED = "received", "Đang thẩm định"
    RETURNED = "returned", "Trả lại để bổ sung"
    REVIEWED = "reviewed", "Đã thẩm định, chờ lãnh đạo"
    CLOSED = "closed", "Đã xử lý xong tại cấp nhận"


class LineStatus(models.TextChoices):
    """Where one proposal stands inside a packet."""

    PENDING = "pending", "Chờ tiếp nhận"
    ACCEPTED = "accepted", "Đã tiếp nhận, chờ thẩm định"
    RETURNED = "returned", "Trả lại để bổ sung"
    APPROVED = "approved", "Thẩm định đạt"
    REJECTED = "rejected", "Không đạt"
    FORWARDED = "forwarded", "Đã chuyển lên cấp trên"
    READY = "ready", "Chờ quyết định"
    DECIDED = "decided", "Đã quyết định"


class DossierQuerySet(ScopedQuerySet):
    scope_paths = ("sender__path", "receiver__path")


class Dossier(models.Model):
    """One packet of proposals sent from a unit to the unit above it on the route."""

    Status = DossierStatus

    sender = models.ForeignKey(Unit, verbose_name="đơn vị gửi", on_delete=models.PROTECT,
                               related_name="dossiers_sent")
    receiver = models.ForeignKey(Unit, verbose_name="đơn vị nhận", on_delete=models.PROTECT,
                                 related_name="dossiers_received")
    # The list a unit submitted; empty for a bundle that a level forwards from several packets.
    nomination_list = models.ForeignKey(NominationList, verbose_name="danh sách đề nghị", on_delete=models.PROTECT,
                                        null=True, blank=True, related_name="dossiers")
    title = fields.CharField("trích yếu", max_length=255)
    status = fields.CharField("trạng thái", max_length=10, choices=DossierStatus.choices,
                              default=DossierStatus.SUBMITTED)
    round = models.PositiveSmallIntegerField("lần gửi", default=1)
    # The chain of units from the sender upwards, frozen when the list was submitted:
    # [{"unit": id, "name": ..., "level": ...}, ...]; lines stop at their deciding unit on it.
    route = models.JSONField("tuyến chuyển", default=list)
    routed_on = models.DateField("ngày xác định tuyến và thẩm quyền")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người gửi", on_delete=models.PROTECT,
                                     related_name="+")
    submitted_at = models.DateTimeField("thời điểm gửi", default=timezone.now)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người tiếp nhận", on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người thẩm định", on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    # Who sent or reviewed these lines at the level below: they may not approve them here.
    conflicted_users = models.JSONField("người đã gửi, thẩm định ở cấp dưới", default=list, blank=True)
    status_changed_at = models.DateTimeField("thời điểm chuyển trạng thái", default=timezone.now)
    # The sender's Tờ trình as registered by its office (the portal does not keep that register): the decision
    # above cites it ("Xét đề nghị của … tại Tờ trình số … ngày …"); blank prints dotted, to be written in.
    proposal_number = fields.CharField("số Tờ trình", max_length=50, blank=True,
                                       help_text="Ví dụ: 12/TTr-UBND.")
    proposal_date = models.DateField("ngày Tờ trình", null=True, blank=True)
    # Who last kept a page of draft verdicts, and when (a reviewer's page posted after it is stale).
    draft_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người lưu kết quả thẩm định dự kiến",
                                 on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    draft_saved_at = models.DateTimeField("thời điểm lưu kết quả thẩm định dự kiến", null=True, blank=True)
    # Bumped on every change: a page that posts the version it showed learns it is stale.
    version = models.PositiveIntegerField(default=1)
    event_count = models.PositiveIntegerField(default=0)
    last_event_hash = fields.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = "hồ sơ đề nghị khen thưởng"
        verbose_name_plural = "hồ sơ đề nghị khen thưởng"
        ordering = ["-status_changed_at", "-pk"]
        indexes = [
            models.Index(fields=["receiver", "status", "status_changed_at"], name="awards_dossier_receiver"),
            models.Index(fields=["sender", "status", "status_changed_at"], name="awards_dossier_sender"),
            models.Index(fields=["status", "status_changed_at"], name="awards_dossier_status"),
            # The statistics page counts the packets sent in a range of years.
            models.Index(fields=["submitted_at"], name="awards_dossier_submitted"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=DossierStatus.values), name="awards_dossier_status_valid"),
            models.CheckConstraint(condition=Q(round__gte=1), name="awards_dossier_round_positive"),
        ]

    def __str__(self):
        return f"Hồ sơ số {self.pk}: {self.title}"

    def get_absolute_url(self):
        return reverse("awards:dossier_detail", args=[self.pk])

    @property
    def is_local(self):
        """Lines the submitting unit decides itself: the packet never leaves the unit."""
        return self.sender_id == self.receiver_id


class DossierLine(models.Model):
    """One nomination line inside a packet, with its status at the receiving level."""

    Status = LineStatus

    dossier = models.ForeignKey(Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="lines")
    nomination_line = models.ForeignKey(NominationLine, verbose_name="đề nghị", on_delete=models.PROTECT,
                                        related_name="dossier_lines")
    # The same proposal in the packet below, which this level received and forwarded.
    previous = models.ForeignKey("self", verbose_name="trong hồ sơ cấp dưới", on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="next_lines")
    status = fields.CharField("trạng thái", max_length=10, choices=LineStatus.choices, default=LineStatus.PENDING)
    deciding_unit = models.ForeignKey(Unit, verbose_name="cấp quyết định", on_delete=models.PROTECT,
                                      related_name="+")
    reason = fields.TextField("lý do", blank=True, max_length=fields.REASON)
    status_changed_at = models.DateTimeField("thời điểm chuyển trạng thái", default=timezone.now)
    # What the council of this level resolved (awards.councils); empty granted award: as proposed.
    # Read what a line finally grants through awards.services.councils.awarded, never these fields directly.
    granted_award = models.ForeignKey("awards.AwardType", verbose_name="hình thức được chấp thuận",
                                      on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    granted_class = fields.CharField("hạng được chấp thuận", max_length=20, blank=True)
    council_result = fields.CharField("kết quả hội đồng", max_length=10, choices=CouncilResult.choices, blank=True)
    council_session = models.ForeignKey("awards.CouncilSession", verbose_name="phiên họp hội đồng",
                                        on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The verdict a reviewer chose on one page of a long packet, kept until the review is finished
    # (awards.services.reviews); empty: none chosen yet. Not part of the packet's content or history.
    draft_verdict = fields.CharField("kết quả thẩm định dự kiến", max_length=10, blank=True)
    draft_reason = fields.TextField("lý do dự kiến", blank=True, max_length=fields.REASON)

    class Meta:
        verbose_name = "đề nghị trong hồ sơ"
        verbose_name_plural = "đề nghị trong hồ sơ"
        ordering = ["dossier", "pk"]
        indexes = [
            models.Index(fields=["dossier", "status"], name="awards_dossierline_status"),
            models.Index(fields=["deciding_unit", "status"], name="awards_dossierline_deciding"),
        ]
        constraints = [
            fields.length_limit("reason", fields.REASON),
            fields.length_limit("draft_reason", fields.REASON),
            models.UniqueConstraint(fields=["dossier", "nomination_line"], name="awards_dossierline_once_per_dossier"),
            # A proposal is live in one packet only: forwarding it twice at the same moment
            # (two approvers, two tabs) fails here even where row locks are not taken.
            models.UniqueConstraint(fields=["nomination_line"], condition=~Q(status=LineStatus.FORWARDED),
                                    name="awards_dossierline_one_live_copy"),
            models.CheckConstraint(condition=Q(status__in=LineStatus.values), name="awards_dossierline_status_valid"),
        ]

    def __str__(self):
        return f"{self.nomination_line} ({self.get_status_display()})"

    def awarded(self):
        """(award, class) this line finally grants: what its council resolved, else what was proposed.

        Later steps (decisions, papers, registers) read the grant through this, never the fields directly.
        """
        if self.granted_award_id is not None:
            return self.granted_award, self.granted_class
        return self.nomination_line.award, self.nomination_line.award_class


class DossierEvent(models.Model):
    """One step in a packet's history: who did what, from which status and unit to which, and the content hash.

    Rows are only ever added. Each carries the SHA-256 of the packet's content after the step and
    is chained to the previous row's hash, so an edited, removed or inserted row, or content changed
    behind the services' back, shows up in ``verify_audit_chain``.
    """

    dossier = models.ForeignKey(Dossier, verbose_name="hồ sơ", on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField("thứ tự")
    round = models.PositiveSmallIntegerField("lần gửi")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người thực hiện", on_delete=models.PROTECT,
                              related_name="+")
    action = fields.CharField("thao tác", max_length=10)
    from_status = fields.CharField("từ trạng thái", max_length=10, blank=True)
    to_status = fields.CharField("sang trạng thái", max_length=10)
    from_unit = models.ForeignKey(Unit, verbose_name="từ đơn vị", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    to_unit = models.ForeignKey(Unit, verbose_name="đến đơn vị", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    comment = fields.TextField("ý kiến", blank=True, max_length=fields.RECORD)
    details = models.JSONField("chi tiết", default=dict, blank=True)
    created_at = models.DateTimeField("thời điểm")
    content_sha256 = fields.CharField("mã băm nội dung hồ sơ", max_length=64)
    previous_hash = fields.CharField("mã băm sự kiện trước", max_length=64)
    hash = fields.CharField("mã băm sự kiện", max_length=64)

    class Meta:
        verbose_name = "diễn biến hồ sơ"
        verbose_name_plural = "diễn biến hồ sơ"
        ordering = ["dossier", "seq"]
        constraints = [
            fields.length_limit("comment", fields.RECORD),
            models.UniqueConstraint(fields=["dossier", "seq"], name="awards_dossierevent_one_per_seq"),
        ]

    def __str__(self):
        return f"{self.dossier_id} #{self.seq}: {self.action}"

    def save(self, *args, **kwargs):
        # History is written once; a correction is a new event, never an edited one.
        if not self._state.adding:
            raise ValidationError("Diễn biến hồ sơ chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Diễn biến hồ sơ không được xóa.")


class DossierAttachment(CheckedPdf):
    """A PDF a level adds to the packet it forwards: its own Tờ trình, the council's minutes, other papers."""

    dossier = models.ForeignKey(Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="attachments")
    kind = fields.CharField("loại tài liệu", max_length=10, choices=DocumentKind.choices)
    file = models.FileField("tệp", storage=private_storage, upload_to=RandomName("ho-so", "pdf"), max_length=255)

    class Meta:
        verbose_name = "tài liệu của hồ sơ"
        verbose_name_plural = "tài liệu của hồ sơ"
        ordering = ["dossier", "kind", "uploaded_at", "pk"]
        indexes = [models.Index(fields=["dossier", "kind"], name="awards_dossierattach_kind")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"
