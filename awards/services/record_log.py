"""The admin's history of a record changed from the portal's pages: who added, changed or removed it, when.

Ratings, initiatives and discipline were edited in the admin alone, whose change log (Django's
``LogEntry``) is their history; the pages that edit them now write the same rows, explicitly, in
the transaction of the change.
"""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry

__all__ = ["ADDITION", "CHANGE", "DELETION", "log_records"]


def log_records(actor, records, flag, message: str) -> None:
    """One log row per record (read before a deletion: the row names it by its text)."""
    records = list(records)
    if records:
        LogEntry.objects.log_actions(actor.pk, records, flag, change_message=message)
