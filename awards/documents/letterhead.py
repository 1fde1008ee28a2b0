"""Who a dossier document speaks for, where and when: header lines, place, date and references.

Decree 30/2020 (Phụ lục I): the issuing body in capitals, bold, under its managing body (not
bold) when it has one. A People's Committee prints no managing body above its name, so the body
above a commune or a province appears as the addressee ("Kính gửi") instead; a department, an
office or a school prints its parent above its own name. The place is the name of the locality
the body sits in.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from units import dates
from units.models import ADMINISTRATIVE_KINDS, PROVINCE_KINDS, Unit
from units.text import fold

from awards.documents.document import DOT

PEOPLES_COMMITTEE = "Ủy ban nhân dân"
PEOPLES_COMMITTEE_SHORT = "UBND"


@dataclass(frozen=True)
class Letterhead:
    """The header of a unit's documents and the names it is called by in their text."""

    superior_lines: list[str]
    issuer_lines: list[str]
    place: str
    body: str  # "Ủy ban nhân dân xã Hạ Hòa", as named in a sentence
    parent_body: str  # the body above it, "" for a root unit
    local_government: bool

    def place_and_date(self, year):
        """"Hạ Hòa, ngày      tháng      năm 2026": day and month left blank for the signing day."""
        return f"{self.place}, {dates.blank(year)}"

    @property
    def symbol_suffix(self):
        """The issuing body's part of a document symbol: UBND for a People's Committee, else left blank."""
        return PEOPLES_COMMITTEE_SHORT if self.local_government else DOT * 3


def letterhead_of(unit: Unit) -> Letterhead:
    """The header of ``unit``; reads the ancestors (one query) only when neither it nor its parent is a locality."""
    parent = unit.parent if unit.parent_id else None
    local = is_local_government(unit)
    if local:
        locality = unit
    elif parent is not None and is_local_government(parent):
        locality = parent
    else:
        locality = next((a for a in reversed(unit.ancestors()) if is_local_government(a)), None)
    superior = []
    if not local and parent is not None:
        superior = [f"{PEOPLES_COMMITTEE_SHORT} {parent.name}".upper() if is_local_government(parent)
                    else parent.name.upper()]
    return Letterhead(
        superior_lines=superior,
        issuer_lines=[PEOPLES_COMMITTEE.upper(), unit.name.upper()] if local else [unit.name.upper()],
        place=(locality.short_name or locality.name) if locality is not None else DOT * 10,
        body=body_name(unit),
        parent_body=body_name(parent) if parent is not None else "",
        local_government=local,
    )


def is_local_government(unit: Unit) -> bool:
    return unit.kind in ADMINISTRATIVE_KINDS


def body_name(unit: Unit) -> str:
    """"Ủy ban nhân dân tỉnh Phú Thọ" for a locality, the unit's own name for anything else."""
    if is_local_government(unit):
        return f"{PEOPLES_COMMITTEE} {lower_first(unit.name)}"
    return unit.name


def office_holder(unit: Unit) -> str:
    """Who decides for ``unit``, as a Tờ trình addresses them: "Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ" for a
    People's Committee (its chairman decides, Luật TĐKT 2022 Điều 80), the body's name for anything else."""
    return f"Chủ tịch {body_name(unit)}" if is_local_government(unit) else body_name(unit)


def deciding_authority(unit: Unit) -> str:
    """The office holder who signs the decision for ``unit``, as minutes name them ("trình … quyết định"):
    "Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ", "Thủ tướng Chính phủ". Unlike ``office_holder`` (whom a Tờ trình
    is sent to), the central emulation body is not named: the Prime Minister decides on its proposal."""
    if unit.kind == Unit.Kind.STATE:
        return "Chủ tịch nước"
    if unit.kind == Unit.Kind.CENTRAL:
        return "Thủ tướng Chính phủ"
    if unit.kind == Unit.Kind.MINISTRY:
        return f"Bộ trưởng {unit.name}"
    return office_holder(unit) if is_local_government(unit) else f"Thủ trưởng {unit.name}"


HOME_AFFAIRS = "Sở Nội vụ"


def home_affairs_office(unit: Unit, on: datetime.date) -> Unit | None:
    """The province's Sở Nội vụ, which advises its chairman on emulation and commendation (the standing body of
    its council), when ``unit`` is a province and the tree holds one in force on ``on``; one query."""
    if unit.kind not in PROVINCE_KINDS:
        return None
    return (Unit.objects.in_force(on).filter(parent=unit, kind=Unit.Kind.DEPARTMENT,
                                             search_key__startswith=fold(HOME_AFFAIRS))
            .order_by("pk").first())


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def dossier_date(nomination_list) -> datetime.date:
    """The day a list's documents are judged by: the day it was sent, or today while it is a draft.

    A dossier follows the regulations in force when it is submitted (domain.md §0, transition rule),
    so a draft printed today uses today's forms.
    """
    if nomination_list.submitted_at is not None:
        return timezone.localdate(nomination_list.submitted_at)
    return timezone.localdate()


def plan_reference(plan, *, with_date=True) -> str:
    """"Kế hoạch số 05/KH-UBND ngày 10/3/2026 của Ủy ban nhân dân tỉnh Phú Thọ"."""
    number = f"{plan.number:02d}" if plan.number else DOT * 3
    text = f"{plan.doc_type.strip().capitalize()} số {number}/{plan.symbol}"
    if with_date:
        issued = plan.issue_date
        text += f" ngày {dates.in_figures(issued)}" if issued else f" năm {plan.issue_year}"
    return f"{text} của {body_name(plan.issuing_unit)}"
