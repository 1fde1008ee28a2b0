"""How the services keep a checked PDF with its row: the file goes to the private storage under a random name
(the folder its model's ``file`` field names), then the row is saved.

Callers do it inside ``files_removed_on_rollback("private")`` and pass its list as ``saved``: a file whose row
is rolled back is deleted again.
"""

from awards.models import CheckedPdf
from awards.rules.uploads import PdfFacts, original_name
from awards.storage import private_storage


def save_with_file(row: CheckedPdf, content, *, saved: list) -> CheckedPdf:
    """Store ``content`` (an upload, or a ContentFile of bytes) as ``row``'s file and save the row."""
    stored = private_storage().save(row.file.field.generate_filename(row, row.original_name), content)
    saved.append(stored)
    row.file.name = stored
    row.save()
    return row


def save_checked_upload(row: CheckedPdf, upload, *, facts: PdfFacts, actor, saved: list) -> CheckedPdf:
    """Keep an upload that ``inspect_pdf`` passed (``facts``) as ``row``'s file.

    ``row`` comes with its owner only; it takes what the check measured, the uploader and the file's name as
    the uploader gave it (for the download), and is validated before anything is stored.
    """
    row.original_name, row.uploaded_by = original_name(upload), actor
    row.size, row.sha256, row.page_count = facts.size, facts.sha256, facts.page_count
    row.full_clean(exclude=["file"])
    return save_with_file(row, upload, saved=saved)
