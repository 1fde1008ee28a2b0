"""What the award pages add to every template's context (the unit pages know nothing of awards)."""

from awards.services.history_imports import can_import_history


def award_links(request):
    """Whether the user may import award history: the home page offers the import where it may."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"can_import_history": can_import_history(user)}
