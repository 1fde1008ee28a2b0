"""Confirmation pages of irreversible acts, one shape for every app.

An act that cannot be undone (sending a list up, issuing a plan or a decision, deleting a file)
answers its GET with a page that says what will happen — how many lines, which awards, to which
unit — and a form that POSTs to the same address, where the act is done as before. It works
without JavaScript; the buttons that used to POST straight away now lead here.
"""

from dataclasses import dataclass, field

from django.shortcuts import render

TEMPLATE = "confirmation.html"


@dataclass(frozen=True)
class Row:
    """One line of the summary: a label and what it says (several values are listed)."""

    label: str
    values: tuple[str, ...]

    @property
    def single(self):
        return self.values[0] if len(self.values) == 1 else None


@dataclass
class Confirmation:
    """What the page shows: heading, summary rows, the button, where the form goes and the way back."""

    heading: str
    action: str
    confirm_label: str
    back: str
    back_label: str = "Quay lại"
    lead: str = ""
    rows: list[Row] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    hidden: list[tuple[str, object]] = field(default_factory=list)
    # Parts still missing, each (label, url of the place to fill it in), under ``gaps_heading``.
    gaps: list[tuple[str, str]] = field(default_factory=list)
    gaps_heading: str = "Còn thiếu"
    tone: str = "primary"
    # A refusal known before the click (nothing to send, a part missing): the button is not offered.
    blocked: bool = False
    # The form carries files (a level's own Tờ trình, when a dossier is forwarded).
    multipart: bool = False

    def add(self, label: str, *values) -> "Confirmation":
        """Add a row; a value that is a list or tuple gives one item each, empty values are dropped."""
        flat = []
        for value in values:
            flat.extend(value if isinstance(value, (list, tuple)) else [value])
        flat = [str(value) for value in flat if value not in (None, "")]
        if flat:
            self.rows.append(Row(label, tuple(flat)))
        return self


def render_confirmation(request, confirmation: Confirmation, *, breadcrumbs=(), status=200):
    """The confirmation page; ``breadcrumbs`` are (label, url) pairs above it."""
    return render(request, TEMPLATE, {"confirmation": confirmation, "breadcrumbs": breadcrumbs}, status=status)
