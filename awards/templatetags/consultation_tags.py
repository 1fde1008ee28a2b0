"""The consultation block of the dossier page: which proposals must be published at this level, and where they stand."""

from django import template

from ..consultations import consultation_state

register = template.Library()


@register.inclusion_tag("awards/includes/consultation_block.html")
def consultation_block(dossier, lines):
    # Costs nothing for a packet without approved lines; otherwise the rules and the listings (two queries).
    return {"dossier": dossier, "state": consultation_state(dossier, lines)}
