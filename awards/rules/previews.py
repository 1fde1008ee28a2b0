"""What an irreversible act will do, said before it is done: read-only summaries for confirmation pages.

Each function reads what the act's service will read and names the outcome in the words of the page
("12 đề nghị", "Giấy khen của Chủ tịch UBND xã: 3 cá nhân, 1 tập thể", "gửi UBND tỉnh Phú Thọ").
Nothing here writes; the service still checks everything again when the button is pressed.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from awards.rules import routing

SUBJECT_ORDER = ("collective", "individual", "household")
SUBJECT_WORDS = {"collective": "tập thể", "individual": "cá nhân", "household": "hộ gia đình"}


def subject_of(line) -> str:
    if line.person_id:
        return "individual"
    return "collective" if line.collective_id else "household"


def counts_phrase(counts: dict) -> str:
    """"3 cá nhân, 1 tập thể" (collectives first, as official texts order them)."""
    return ", ".join(f"{counts[kind]} {SUBJECT_WORDS[kind]}" for kind in SUBJECT_ORDER if counts.get(kind))


def by_award(lines, label=lambda line: line.award_label) -> list[str]:
    """"Giấy khen: 2 tập thể, 3 cá nhân", one per award (and class), in the order first met."""
    groups = {}
    for line in lines:
        counts = groups.setdefault(label(line), dict.fromkeys(SUBJECT_ORDER, 0))
        counts[subject_of(line)] += 1
    return [f"{name}: {counts_phrase(counts)}" for name, counts in groups.items()]


@dataclass
class ListSubmission:
    """A list about to be sent: how many lines, of which awards, and where each goes."""

    line_count: int
    awards: list[str]
    destinations: list[str] = field(default_factory=list)
    problem: str = ""


def list_submission(nomination_list, *, on: datetime.date) -> ListSubmission:
    """Where ``submit_list`` would send the list's lines today: up to the next unit, or kept for the unit's decision."""
    lines = list(nomination_list.lines.select_related("award", "person", "collective").order_by("pk"))
    out = ListSubmission(line_count=len(lines), awards=by_award(lines))
    if not lines:
        out.problem = "Danh sách chưa có đề nghị nào."
        return out
    unit = nomination_list.unit
    try:
        route = routing.route_lines(unit, lines, on)
    except ValidationError as error:
        out.problem = " ".join(error.messages)
        return out
    up = [line for line in lines if route.deciding[line.pk].pk != unit.pk]
    here = len(lines) - len(up)
    if up:
        out.destinations.append(f"{len(up)} đề nghị gửi {route.chain[1].name} ({', '.join(by_award(up))})")
    if here:
        out.destinations.append(f"{here} đề nghị thuộc thẩm quyền của {unit.name}, ở lại chờ quyết định")
    return out


# What a decision must say before it is issued (the service refuses without them; the page lists them).
DECISION_REQUIRED = (("number", "số"), ("signed_on", "ngày ký"), ("title", "trích yếu"),
                     ("authority", "thẩm quyền ban hành"), ("signer_title", "chức vụ người ký"),
                     ("signer_name", "họ tên người ký"))


def decision_missing(decision) -> list[str]:
    """The labels of the fields a draft decision still lacks."""
    return [label for name, label in DECISION_REQUIRED if not getattr(decision, name)]


def grant_label(dossier_line) -> str:
    """The award a packet's line now carries (the council's grant, else the proposal), with its class."""
    award, award_class = dossier_line.awarded()
    return f"{award.name} hạng {award_class}" if award_class else award.name


def forward_summary(packet, lines, *, approved_status) -> str:
    """"2 đề nghị chuyển lên (Bằng khen …: 2 cá nhân); 1 đề nghị ở lại chờ quyết định": what forwarding
    ``packet`` does with its approved ``lines`` (those the receiver grants itself stay)."""
    approved = [line for line in lines if line.status == approved_status]
    up = [line for line in approved if line.deciding_unit_id != packet.receiver_id]
    here = len(approved) - len(up)
    parts = []
    if up:
        subjects = [line.nomination_line for line in up]
        labels = {id(subject): grant_label(line) for subject, line in zip(subjects, up)}
        parts.append(f"{len(up)} đề nghị chuyển lên ({'; '.join(by_award(subjects, lambda s: labels[id(s)]))})")
    if here:
        parts.append(f"{here} đề nghị ở lại chờ quyết định tại {packet.receiver.name}")
    return "; ".join(parts) or "không có đề nghị nào đã thẩm định đạt"
