"""The legal documents the portal's own documents cite ("Căn cứ …"): laws, decrees, a province's Quy chế.

Rows, not constants (domain.md §0): an administrator adds a province's or a ministry's Quy chế công tác
thi đua, khen thưởng, or a new decree, in the admin, with the dates it is in force, and says which kinds of
issuing unit cite it (a People's Committee cites the law on local government, a ministry the law on the
Government and its own decree on its functions).
"""

from django.core.exceptions import ValidationError
from django.db import models

from units import dates, fields
from units.models import Unit

from awards.models.base import Certainty, Dated, certainty_field


def validate_unit_kinds(value):
    """A list of kinds of unit (units.models.Unit.Kind), each once; empty means every kind."""
    if not isinstance(value, list) or not all(isinstance(kind, str) for kind in value):
        raise ValidationError("Loại đơn vị trích dẫn phải là một danh sách loại đơn vị.", code="not_a_list")
    unknown = sorted(set(value) - set(Unit.Kind.values))
    if unknown:
        raise ValidationError("Loại đơn vị không có trong danh mục: %(kinds)s.", code="unknown_kind",
                              params={"kinds": ", ".join(unknown)})
    if len(set(value)) != len(value):
        raise ValidationError("Mỗi loại đơn vị chỉ chọn một lần.", code="duplicate_kind")


class LegalDocument(Dated):
    """A law, decree, circular or local rule, in force for a period, cited as a basis of documents."""

    class Kind(models.TextChoices):
        LAW = "Luật", "Luật"
        RESOLUTION = "Nghị quyết", "Nghị quyết"
        DECREE = "Nghị định", "Nghị định"
        CIRCULAR = "Thông tư", "Thông tư"
        DECISION = "Quyết định", "Quyết định"
        RULES = "Quy chế", "Quy chế"

    class Role(models.TextChoices):
        """Why a document is cited, which is also the order of the "Căn cứ" lines."""

        ORGANISATION = "organisation", "Luật tổ chức bộ máy (thẩm quyền của cơ quan)"
        LAW = "law", "Luật về thi đua, khen thưởng"
        DECREE = "decree", "Văn bản quy định chi tiết"
        LOCAL_RULES = "local_rules", "Quy chế thi đua, khen thưởng của tỉnh, bộ, ngành"
        OTHER = "other", "Văn bản khác (không tự động trích dẫn)"

    kind = fields.CharField("loại văn bản", max_length=20, choices=Kind.choices)
    number = fields.CharField("số, ký hiệu", max_length=50, blank=True,
                              help_text="Ví dụ 152/2025/NĐ-CP. Luật được trích dẫn theo tên và ngày thông qua.")
    signed_on = models.DateField("ngày ban hành", null=True, blank=True)
    issuer = fields.CharField("cơ quan ban hành", max_length=255, blank=True,
                              help_text="Như viết trong câu: “Chính phủ”, “Ủy ban nhân dân tỉnh Phú Thọ”.")
    title = fields.CharField("trích yếu", max_length=255,
                             help_text="Với luật: tên luật sau chữ “Luật” (“Thi đua, khen thưởng”); với văn bản "
                                       "khác: nội dung sau tên cơ quan (“quy định chi tiết …”).")
    role = fields.CharField("vai trò khi trích dẫn", max_length=20, choices=Role.choices)
    unit = models.ForeignKey("units.Unit", verbose_name="phạm vi (đơn vị)", on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+",
                             help_text="Để trống: áp dụng toàn quốc. Chọn tỉnh hoặc bộ, ngành: áp dụng cho văn bản "
                                       "của đơn vị đó và các đơn vị trực thuộc.")
    unit_kinds = models.JSONField(
        "loại đơn vị trích dẫn", default=list, blank=True, validators=[validate_unit_kinds],
        help_text="Văn bản của những loại đơn vị nào trích dẫn văn bản này. Không chọn loại nào: mọi loại đơn vị. "
                  "Ví dụ: Luật Tổ chức chính quyền địa phương — tỉnh, thành phố, xã, phường, đặc khu; Luật Tổ "
                  "chức Chính phủ — bộ, ngành, cơ quan Trung ương.")
    certainty = certainty_field(Certainty.KNOWN)
    note = fields.TextField("ghi chú", blank=True, max_length=fields.NOTE)

    class Meta:
        verbose_name = "văn bản pháp lý"
        verbose_name_plural = "văn bản pháp lý (căn cứ)"
        ordering = ["role", "-valid_from", "pk"]
        constraints = [fields.length_limit("note", fields.NOTE)]

    def __str__(self):
        return self.citation()

    def is_cited_by(self, kind: str) -> bool:
        """Whether a document of a unit of ``kind`` cites this row (every kind when none is listed)."""
        return not self.unit_kinds or kind in self.unit_kinds

    def unit_kinds_display(self) -> str:
        """"Tỉnh, Xã" in the order of the kinds' list; "Mọi loại đơn vị" when none is listed."""
        labels = dict(Unit.Kind.choices)
        listed = [labels.get(kind, kind) for kind in Unit.Kind.values if kind in self.unit_kinds]
        return ", ".join(listed) or "Mọi loại đơn vị"

    def citation(self) -> str:
        """"Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"; "Nghị định số 152/2025/NĐ-CP ngày 14 tháng
        6 năm 2025 của Chính phủ quy định chi tiết …"."""
        day = f" {dates.in_words(self.signed_on)}" if self.signed_on else ""
        if self.kind == self.Kind.LAW:
            return f"Luật {self.title.strip()}{day}"
        number = f" số {self.number.strip()}" if self.number.strip() else ""
        issuer = f" của {self.issuer.strip()}" if self.issuer.strip() else ""
        return f"{self.kind}{number}{day}{issuer} {self.title.strip()}".rstrip()
