"""The benchmark's proposals: nomination lists sent as dossiers over every level and state, with their hash chains.

Four kinds of packet, as the portal's routing makes them: a commune's list to its province (the province's
Bằng khen), a department's list to its province, a commune's own list that it decides itself (Giấy khen),
and the Prime Minister's Bằng khen — a commune's packet the province closed by forwarding every line, and
the province's bundle of those lines to the central body. Each packet stands in one of the six states with
its lines in the matching states, and has its history: the steps that brought it there, some after one or
more rounds of being refused or returned and sent again. The events are chained as ``record_event`` chains
them (awards.rules.hash_chain): each carries its predecessor's hash, and the last one the hash of the
packet's content as written, so ``verify_audit_chain`` holds on the whole dataset.
"""

import datetime
import hashlib

from units.models import Membership

from awards.benchmarks.rows import Table, next_id
from awards.models import UNIT_LEVEL, AwardType, Dossier, DossierEvent, DossierLine, NominationLine, NominationList
from awards.rules import hash_chain
from awards.rules.workflow import Action as A

S, L, R = Dossier.Status, DossierLine.Status, Membership.Role
YEAR = 2025
SUMMARY = ("Hoàn thành xuất sắc nhiệm vụ được giao; tích cực tham gia các phong trào thi đua, "
           "có sáng kiến được công nhận và áp dụng hiệu quả tại cơ quan, đơn vị.")
STATES = [(S.SUBMITTED, 0.15), (S.RECEIVED, 0.25), (S.RETURNED, 0.10), (S.REVIEWED, 0.15), (S.CLOSED, 0.30),
          (S.REFUSED, 0.05)]
# The steps from the first submission to each state (after any rounds of refusal or return).
PATHS = {
    S.SUBMITTED: [], S.REFUSED: [(A.REFUSE, S.REFUSED)], S.RECEIVED: [(A.RECEIVE, S.RECEIVED)],
    S.RETURNED: [(A.RECEIVE, S.RECEIVED), (A.RETURN, S.RETURNED)],
    S.REVIEWED: [(A.RECEIVE, S.RECEIVED), (A.APPROVE, S.REVIEWED)],
    S.CLOSED: [(A.RECEIVE, S.RECEIVED), (A.APPROVE, S.REVIEWED), (A.SETTLE, S.CLOSED)],
}
FORWARDED_PATH = [(A.RECEIVE, S.RECEIVED), (A.APPROVE, S.REVIEWED), (A.FORWARD, S.CLOSED)]
ACTING_ROLE = {A.SUBMIT: R.CLERK, A.RESUBMIT: R.CLERK, A.RECEIVE: R.CLERK, A.REFUSE: R.CLERK,
               A.RETURN: R.REVIEWER, A.APPROVE: R.REVIEWER, A.SETTLE: R.APPROVER, A.FORWARD: R.APPROVER}
START = datetime.datetime(2026, 1, 5, 8, 0, tzinfo=datetime.UTC)


def _pick(rng, weighted):
    draw = rng.random()
    for value, share in weighted:
        draw -= share
        if draw < 0:
            return value
    return weighted[-1][0]


def _line_status(rng, status, receiver, deciding):
    if status in (S.SUBMITTED, S.REFUSED):
        return L.PENDING
    if status == S.RECEIVED:
        return L.ACCEPTED
    if status == S.RETURNED:
        return L.RETURNED if rng.random() < 0.3 else L.ACCEPTED
    if status == S.REVIEWED:
        return L.REJECTED if rng.random() < 0.1 else L.APPROVED
    if deciding != receiver:
        return L.FORWARDED
    return L.DECIDED if rng.random() < 0.5 else L.READY


class _Builder:
    def __init__(self, tree, pools, rng):
        self.tree, self.pools, self.rng = tree, pools, rng
        self.cursors = {province: 0 for province in pools}
        self.used = set()
        self.awards = dict(AwardType.objects.filter(code__in=["BK_TINH", "BK_TTG", "GIAY_KHEN"])
                           .values_list("code", "pk"))
        self.ids = {model: next_id(model) for model in (NominationList, NominationLine, Dossier, DossierLine,
                                                        DossierEvent)}
        self.lists, self.lines, self.dossiers, self.dossier_lines, self.events = [], [], [], [], []
        self.made = 0

    def _id(self, model):
        pk = self.ids[model]
        self.ids[model] = pk + 1
        return pk

    def _people(self, province, count, award):
        pool, taken = self.pools[province], []
        for _ in range(min(count, len(pool))):
            person = pool[self.cursors[province] % len(pool)]
            self.cursors[province] += 1
            if (person, award) not in self.used:
                self.used.add((person, award))
                taken.append(person)
        return taken

    def _route(self, *units):
        return [{"unit": pk, "name": self.tree.names[pk], "level": UNIT_LEVEL[self.tree.kinds[pk]]} for pk in units]

    def proposals(self, sender, province, award_code, size, clerk, moment):
        """A submitted list of ``size`` people of the province for the award: (list id, [(line id, award)])."""
        award = self.awards[award_code]
        people = self._people(province, size, award)
        list_pk = self._id(NominationList)
        self.lists.append((list_pk, sender, YEAR, f"Đề nghị {award_code} năm {YEAR} ({len(people)} cá nhân)",
                           NominationList.Status.SUBMITTED, moment, clerk, clerk))
        made = []
        for person in people:
            pk = self._id(NominationLine)
            eligible = self.rng.random() > 0.05
            self.lines.append((pk, list_pk, YEAR, person, award, SUMMARY, eligible,
                               "" if eligible else "Đơn vị đề nghị xét theo thành tích đặc biệt."))
            made.append(NominationLine(pk=pk, award_id=award, award_class="", summary=SUMMARY))
        return list_pk, made

    def packet(self, *, sender, receiver, province, list_pk, lines, status, deciding, route, moment, rounds,
               previous=None, path=None):
        """Write one packet, its lines and its chained history; returns its lines (for a bundle above)."""
        self.made += 1
        officials = self.tree.officials
        side = "central" if receiver == self.tree.central.pk else province
        clerk = officials[(province, R.CLERK)]
        dossier = Dossier(pk=self._id(Dossier), sender_id=sender, receiver_id=receiver, nomination_list_id=list_pk,
                          title=f"Hồ sơ đề nghị khen thưởng năm {YEAR} của {self.tree.names[sender]}"[:255],
                          status=status, round=1 + rounds, version=1, route=route, routed_on=moment.date(),
                          conflicted_users=[])
        line_rows = []
        for index, nomination in enumerate(lines):
            line = DossierLine(pk=self._id(DossierLine), nomination_line=nomination,
                               previous_id=previous[index].pk if previous else None,
                               status=_line_status(self.rng, status, receiver, deciding),
                               deciding_unit_id=deciding, reason="")
            if line.status == L.RETURNED:
                line.reason = "Bổ sung báo cáo thành tích có xác nhận của thủ trưởng đơn vị."
            line_rows.append(line)
        steps = [(A.SUBMIT, S.SUBMITTED)]
        for _ in range(rounds):
            steps += [(A.REFUSE, S.REFUSED), (A.RESUBMIT, S.SUBMITTED)]
        steps += path if path is not None else PATHS[status]
        previous_hash, from_status, when = hash_chain.GENESIS, "", moment
        content = hash_chain.content_hash(dossier, line_rows, [])
        for seq, (action, to_status) in enumerate(steps, start=1):
            acting = officials.get((side, ACTING_ROLE[action]), clerk) if action not in (A.SUBMIT, A.RESUBMIT) \
                else clerk
            holder = sender if to_status in (S.REFUSED, S.RETURNED) else receiver
            event = DossierEvent(
                dossier_id=dossier.pk, seq=seq, round=1 + sum(1 for a, _ in steps[:seq] if a == A.RESUBMIT),
                actor_id=acting, action=action, from_status=from_status, to_status=to_status,
                from_unit_id=sender if action in (A.SUBMIT, A.RESUBMIT) else receiver, to_unit_id=holder,
                comment="", details={}, created_at=when,
                content_sha256=content if seq == len(steps) else hashlib.sha256(
                    f"{dossier.pk}:{seq}:{to_status}".encode()).hexdigest(),
                previous_hash=previous_hash)
            event.hash = hash_chain.event_hash(event)
            self.events.append((self._id(DossierEvent), event.dossier_id, seq, event.round, acting, action,
                                from_status, to_status, event.from_unit_id, holder, "", {}, when,
                                event.content_sha256, previous_hash, event.hash))
            previous_hash, from_status, when = event.hash, to_status, when + datetime.timedelta(hours=5)
        received = status not in (S.SUBMITTED, S.REFUSED)
        self.dossiers.append((
            dossier.pk, sender, receiver, list_pk, dossier.title, status, dossier.round, route, dossier.routed_on,
            clerk, moment, officials.get((side, R.CLERK), clerk) if received else None,
            officials.get((side, R.REVIEWER), clerk) if status in (S.REVIEWED, S.CLOSED) else None, [],
            when - datetime.timedelta(hours=5), 1, len(steps), previous_hash))
        for line in line_rows:
            self.dossier_lines.append((line.pk, dossier.pk, line.nomination_line_id, line.previous_id, line.status,
                                       line.deciding_unit_id, line.reason, when))
        return line_rows


def build_dossiers(tree, pools, *, dossiers, lines, events, rng) -> dict:
    builder = _Builder(tree, pools, rng)
    provinces = [pk for pk, _name in tree.provinces]
    # Packets of 200 lines at the main province's reviewers (one in a thousand), the rest sharing what is left.
    big = max(1, dossiers // 1000)
    big_size = min(200, max(1, lines // 4))
    # Every fifth packet is a bundle that carries again the lines of the packet below it: five lists for six packets.
    lists = max(1, (dossiers - big) * 5 // 6)
    usual = max(1, round((lines - big * big_size) / lists))
    # About three steps bring a packet to its state; each round of refusal and sending again adds two.
    rounds_mean = max(0.0, (events / max(1, dossiers) - 2.9) / 2)
    index = 0
    while builder.made < dossiers:
        main = index < big
        # The main province holds a tenth of the packets besides the large ones, the others share the rest.
        province = tree.main_province if main or index % 10 == 0 else provinces[index % len(provinces)]
        moment = START + datetime.timedelta(minutes=7 * index)
        clerk = tree.officials[(province, R.CLERK)]
        rounds = int(rounds_mean) + (1 if rng.random() < rounds_mean % 1 else 0)
        communes, departments = tree.communes[province] or [province], tree.departments[province] or [province]
        kind = "big" if main else ("commune", "bundle", "department", "local", "commune")[index % 5]
        size = big_size if main else max(1, round(usual * rng.uniform(0.5, 1.5)))
        status = S.RECEIVED if main else _pick(rng, STATES)
        if kind in ("big", "commune", "department"):
            sender = (departments if kind == "department" else communes)[index % len(departments if kind ==
                                                                                     "department" else communes)]
            list_pk, made = builder.proposals(sender, province, "BK_TINH", size, clerk, moment)
            builder.packet(sender=sender, receiver=province, province=province, list_pk=list_pk, lines=made,
                           status=status, deciding=province, route=builder._route(sender, province),
                           moment=moment, rounds=rounds)
        elif kind == "local":
            sender = communes[index % len(communes)]
            list_pk, made = builder.proposals(sender, province, "GIAY_KHEN", size, clerk, moment)
            builder.packet(sender=sender, receiver=sender, province=province, list_pk=list_pk, lines=made,
                           status=status, deciding=sender, route=builder._route(sender), moment=moment,
                           rounds=rounds)
        else:
            sender = communes[index % len(communes)]
            central = tree.central.pk
            list_pk, made = builder.proposals(sender, province, "BK_TTG", size, clerk, moment)
            below = builder.packet(sender=sender, receiver=province, province=province, list_pk=list_pk, lines=made,
                                   status=S.CLOSED, deciding=central, route=builder._route(sender, province, central),
                                   moment=moment, rounds=rounds, path=FORWARDED_PATH)
            if builder.made < dossiers:
                builder.packet(sender=province, receiver=central, province=province, list_pk=None, lines=made,
                               status=status, deciding=central, route=builder._route(province, central),
                               moment=moment + datetime.timedelta(days=3), rounds=rounds, previous=below)
        index += 1
    return _write(builder)


def _write(builder) -> dict:
    Table(NominationList, ["id", "unit_id", "year", "title", "status", "submitted_at", "submitted_by_id",
                           "created_by_id"]).write(builder.lists)
    Table(NominationLine, ["id", "nomination_list_id", "year", "person_id", "award_id", "summary", "eligible",
                           "override_reason"]).write(builder.lines)
    Table(Dossier, ["id", "sender_id", "receiver_id", "nomination_list_id", "title", "status", "round", "route",
                    "routed_on", "submitted_by_id", "submitted_at", "received_by_id", "reviewed_by_id",
                    "conflicted_users", "status_changed_at", "version", "event_count", "last_event_hash"]
          ).write(builder.dossiers)
    Table(DossierLine, ["id", "dossier_id", "nomination_line_id", "previous_id", "status", "deciding_unit_id",
                        "reason", "status_changed_at"]).write(builder.dossier_lines)
    Table(DossierEvent, ["id", "dossier_id", "seq", "round", "actor_id", "action", "from_status", "to_status",
                         "from_unit_id", "to_unit_id", "comment", "details", "created_at", "content_sha256",
                         "previous_hash", "hash"]).write(builder.events)
    return {"nomination_lists": len(builder.lists), "nomination_lines": len(builder.lines),
            "dossiers": len(builder.dossiers), "dossier_lines": len(builder.dossier_lines),
            "dossier_events": len(builder.events)}
