"""What the dossier page shows of decisions: the decisions over the packet's lines, in the user's scope."""

from django import template

from awards.models import Decision

register = template.Library()


@register.simple_tag
def decisions_of(dossier, user):
    """Decisions (drafts and issued) that decide lines of ``dossier``, newest first; one query, and none
    before the packet is closed (only then can its lines be ready or decided)."""
    if dossier.status != dossier.Status.CLOSED:
        return []
    return list(Decision.objects.visible_to(user).filter(lines__dossier=dossier).distinct().order_by("-pk"))
