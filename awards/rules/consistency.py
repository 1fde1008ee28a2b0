"""Whether the portal's records agree with its own rules, read after the fact.

Four questions, asked of every packet, every plan and every unit: does each packet's history follow the
table of moves (awards.rules.workflow), one event per step, from its first sending to its status
now, without skipping a level of its frozen route; does any unit hold more submitted proposals
for an award than the plan's quota allows; does each packet's hash chain still verify; and does the
award tally the statistics page sums (``AwardTally``) equal the award records counted afresh. A
load test, a restore or an operator runs this (``manage.py check_consistency``); each answer names
the record and what is wrong with it, in Vietnamese.
"""

from dataclasses import dataclass

from django.db.models import Count

from campaigns.models import AwardTier

from awards.models import AwardTally, Dossier, DossierEvent, DossierLine, NominationLine
from awards.rules import award_tallies, hash_chain
from awards.rules.routing import next_stop
from awards.rules.workflow import TRANSITIONS, VOTE_TRANSITIONS, Action as A

# Filing a consultation's report, or the number of the sender's Tờ trình, records a step that moves nothing.
STANDING = frozenset({A.CONSULT, A.REFERENCE})
OPENING = frozenset({A.SUBMIT, A.RETAIN})


@dataclass(frozen=True)
class Finding:
    """One record that does not agree with the rules."""

    check: str
    record: str
    problem: str

    def __str__(self):
        return f"[{self.check}] {self.record}: {self.problem}"


def history_findings(dossier: Dossier, events: list[DossierEvent]) -> list[Finding]:
    """Each event a legal move from where the previous one left the packet, ending where the packet is."""
    record = f"hồ sơ số {dossier.pk}"
    found = []
    if not events:
        return [Finding("diễn biến", record, "không có sự kiện nào")]
    if events[0].action not in OPENING or events[0].from_status:
        found.append(Finding("diễn biến", record, f"bắt đầu bằng “{events[0].action}”, không phải gửi hồ sơ"))
    previous = None
    for event in events:
        here = event.from_status or None
        if previous is not None and here != previous:
            found.append(Finding("diễn biến", record, f"sự kiện thứ {event.seq} bắt đầu từ {here}, "
                                                      f"sự kiện trước để ở {previous}"))
        if event.action in STANDING:
            expected = here
        else:
            expected = TRANSITIONS.get((here, event.action)) or VOTE_TRANSITIONS.get((here, event.action))
        if expected is None or expected != event.to_status:
            found.append(Finding("diễn biến", record, f"sự kiện thứ {event.seq}: “{event.action}” từ {here} sang "
                                                      f"{event.to_status} không có trong bảng chuyển trạng thái"))
        previous = event.to_status
    if previous != dossier.status:
        found.append(Finding("diễn biến", record, f"đang ở {dossier.status}, sự kiện cuối để ở {previous}"))
    if dossier.event_count != len(events):
        found.append(Finding("diễn biến", record, f"ghi {dossier.event_count} sự kiện, có {len(events)}"))
    return found


def route_findings(dossier: Dossier, sources: dict[int, Dossier]) -> list[Finding]:
    """A packet goes from its sender to the next unit on its route, and its lines come from the packets below."""
    record = f"hồ sơ số {dossier.pk}"
    found = []
    if not dossier.is_local:
        stop = next_stop(dossier.route, dossier.sender_id)
        if stop is None or stop["unit"] != dossier.receiver_id:
            found.append(Finding("tuyến", record, "được gửi tới đơn vị không phải cấp kế tiếp trên tuyến"))
    for source in sources.values():
        if source.receiver_id != dossier.sender_id:
            found.append(Finding("tuyến", record, f"nhận đề nghị từ hồ sơ số {source.pk}, "
                                                  "hồ sơ đó không được gửi tới đơn vị chuyển lên"))
    return found


def dossier_findings(dossiers=None):
    """Yield the findings of every packet (history, route, hash chain), reading them in chunks."""
    dossiers = Dossier.objects.order_by("pk") if dossiers is None else dossiers
    batch = []
    for dossier in dossiers.iterator(chunk_size=200):
        batch.append(dossier)
        if len(batch) == 200:
            yield from _batch_findings(batch)
            batch = []
    if batch:
        yield from _batch_findings(batch)


def _batch_findings(batch):
    ids = [dossier.pk for dossier in batch]
    events = {}
    for event in DossierEvent.objects.filter(dossier_id__in=ids).order_by("dossier_id", "seq", "pk"):
        events.setdefault(event.dossier_id, []).append(event)
    sources = {}
    for line in (DossierLine.objects.filter(dossier_id__in=ids, previous__isnull=False)
                 .select_related("previous__dossier")):
        sources.setdefault(line.dossier_id, {})[line.previous.dossier_id] = line.previous.dossier
    for dossier in batch:
        history = events.get(dossier.pk, [])
        yield from history_findings(dossier, history)
        yield from route_findings(dossier, sources.get(dossier.pk, {}))
        broken = hash_chain.verify_dossier(dossier, history)
        if broken is not None:
            yield Finding("chuỗi mã băm", f"hồ sơ số {dossier.pk}", str(broken))


def quota_findings():
    """Units holding more submitted proposals for a plan's award than its quota."""
    tiers = {(tier.plan_id, tier.award_id): tier for tier in
             AwardTier.objects.filter(quota__isnull=False, award__isnull=False)}
    if not tiers:
        return []
    used = (NominationLine.objects.counted_against_quota().filter(plan_id__in={plan for plan, _award in tiers})
            .values("plan_id", "award_id", "nomination_list__unit_id", "nomination_list__unit__name")
            .annotate(n=Count("pk")))
    found = []
    for row in used:
        tier = tiers.get((row["plan_id"], row["award_id"]))
        if tier is not None and row["n"] > tier.quota:
            found.append(Finding("số lượng", f"kế hoạch số {tier.plan_id}, {row['nomination_list__unit__name']}",
                                 f"{row['n']} đề nghị “{tier.award_name}”, kế hoạch cho phép {tier.quota}"))
    return found


def tally_findings():
    """Each key of the award tally whose count differs from the records in force counted afresh."""
    for (unit, year, award, subject, gender, position), stored, counted in award_tallies.all_differences():
        who = f" ({gender}, chức vụ “{position}”)" if subject == award_tallies.PERSON else ""
        yield Finding("số khen thưởng đã cộng", f"đơn vị số {unit}, năm {year}, hình thức số {award}, "
                                                f"{AwardTally.Subject(subject).label.lower()}{who}",
                      f"ghi {stored}, đếm lại từ khen thưởng đã nhận được {counted}")


def all_findings():
    """Every finding of the four checks; an empty list when the records agree with the rules."""
    return [*dossier_findings(), *quota_findings(), *tally_findings()]
