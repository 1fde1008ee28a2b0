"""Filters of the printed dossier documents (templates/pdf/dossier_document.html)."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

# A document symbol ("05/KH-UBND", "45/QĐ-UBND", "/TTr-UBND"): a line break at its hyphen would
# leave "05/KH-" at the end of one line and "UBND" on the next.
SYMBOL = re.compile(r"\d*/\w+(?:-\w+)+")


@register.filter
def keep_symbols_whole(text):
    """The (escaped) text with each document symbol kept on one line."""
    html = str(conditional_escape(text))
    return mark_safe(SYMBOL.sub(  # nosec B308 B703: wraps parts of text escaped just above
        lambda match: f'<span class="ho-nowrap">{match.group(0)}</span>', html))
