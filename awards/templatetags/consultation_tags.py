"""The consultation block of the dossier page: which proposals must be published at this level, and where they stand."""

from django import template

from awards.services.consultations import consultation_state

register = template.Library()


@register.inclusion_tag("awards/includes/consultation_block.html", takes_context=True)
def consultation_block(context, dossier, lines):
    # Costs nothing for a packet without approved lines; otherwise the listings (one query; the
    # rules were read for the page's buttons already).
    return {"dossier": dossier, "state": consultation_state(dossier, lines, context["request"].user)}
