"""The same file uploaded twice: a document whose content (its SHA-256) equals an earlier upload of the same
list or packet is flagged beside it, saying which one it repeats and when that one came.

A clerk who picks the achievement report of one person for another, or uploads the same scan as two kinds
of paper, sees it on the page before the dossier goes up; nothing is refused (a list may rightly carry the
same paper twice, e.g. one decision proving two people's titles).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from django.utils import timezone


@dataclass(frozen=True)
class Earlier:
    """The upload a document repeats: its file name, when it came, and whose line it is on ("" for the list)."""

    original_name: str
    uploaded_at: datetime
    owner: str

    @property
    def message(self) -> str:
        whose = f" ở đề nghị {self.owner}" if self.owner else ""
        return (f"Tệp này trùng với “{self.original_name}”{whose} đã tải lên ngày "
                f"{timezone.localtime(self.uploaded_at):%d/%m/%Y}.")


def first_uploads(rows) -> dict[str, object]:
    """The first upload of each content among ``rows`` (in any order), by hash."""
    first = {}
    for row in sorted(rows, key=lambda r: (r.uploaded_at, r.pk)):
        first.setdefault(row.sha256, row)
    return first


def mark_duplicates(documents, among, *, owner_of=lambda row: "") -> None:
    """Set ``same_as`` (an ``Earlier``, or None) on each of ``documents``: the first of ``among`` with the same
    content, when that is another upload. ``owner_of(row)`` names whose line a row of ``among`` is on."""
    first = first_uploads(among)
    for document in documents:
        earlier = first.get(document.sha256)
        document.same_as = (Earlier(earlier.original_name, earlier.uploaded_at, owner_of(earlier))
                            if earlier is not None and earlier.pk != document.pk else None)


def repeated(queryset):
    """The rows of ``queryset`` whose content occurs more than once in it (one query, however many rows)."""
    hashes = queryset.values("sha256").annotate(copies=Count("pk")).filter(copies__gt=1).values("sha256")
    return queryset.filter(sha256__in=hashes)
