"""What waits for whom: a user's dossier inbox, oldest first, measured against each level's time limit.

A packet waits for a user when its status calls for a role the user holds at the unit that must act
(the receiver's clerk, reviewer or approver; the sender's clerk after a return; the council's
secretary while the receiver's council in force has yet to vote on an approved line), and nothing
bars them from it (separation of duties). Selectors only: nothing here writes.

Working days are those of the calendar in awards.rules.working_days (holidays and swapped Saturdays
from the admin's table), read once per inbox.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.utils import timezone

from units.models import Membership
from units.scoping import grants_of

from awards.models import Council, Dossier, DossierLine, ProcessingTimeLimit, level_of
from awards.rules import workflow, working_days

S, L, R = Dossier.Status, DossierLine.Status, Membership.Role
APPROVER_TASKS = frozenset({S.REVIEWED, S.CLOSED})
TASKS = {
    S.SUBMITTED: "Tiếp nhận hồ sơ",
    S.RECEIVED: "Thẩm định",
    S.REVIEWED: "Chuyển lên cấp trên hoặc trình quyết định",
    S.RETURNED: "Bổ sung và gửi lại",
    S.REFUSED: "Bổ sung và gửi lại",
    S.CLOSED: "Quyết định các đề nghị thuộc thẩm quyền",
}
VOTE_TASK = "Hội đồng TĐKT biểu quyết các đề nghị đạt thẩm định"
AWAITING_VOTE_TASK = "Chờ Hội đồng TĐKT biểu quyết, rồi chuyển lên hoặc trình quyết định"
# How many items the inbox shows at most; the oldest come first, so nothing overdue hides.
CAP = 200


@dataclass
class InboxItem:
    """One packet waiting for the user, what they are to do, and how long it has waited."""

    dossier: Dossier
    task: str
    since: datetime.datetime
    waited: int
    limit: ProcessingTimeLimit | None
    due: datetime.date | None

    @property
    def overdue(self):
        return self.due is not None and timezone.localdate() > self.due

    @property
    def waited_label(self):
        unit = self.limit.get_day_kind_display() if self.limit else "ngày"
        return f"{self.waited} {unit}"


def _limit_for(limits, level, on):
    return next((limit for limit in limits if limit.level == level and limit.is_valid_on(on)), None)


def waiting_dossiers(user):
    """The packets waiting for one of ``user``'s roles, before separation of duties (``may_take_up``) and unordered.

    Annotated with ``has_ready`` and ``awaiting_vote``; the inbox and the home page's to-do list read the same rows.
    """
    units = defaultdict(set)
    for grant in grants_of(user):
        units[grant.role].add(grant.unit_id)
    wanted = Q(pk__in=[])
    # Who acts at each status comes from the workflow's own table (the packet page reads the same).
    for status, (side, roles) in workflow.HOLDERS.items():
        ids = set().union(*(units[role] for role in roles))
        if not ids:
            continue
        at_status = Q(**{f"{side}_id__in": ids}, status=status)
        if status == S.CLOSED:
            # A closed packet waits only while lines wait for this level's decision: found from these units'
            # ready lines (the index on deciding unit and status), not by testing the lines of every packet.
            ready_here = DossierLine.objects.filter(deciding_unit_id__in=ids, status=L.READY,
                                                    dossier__receiver=F("deciding_unit")).values("dossier_id")
            at_status &= Q(pk__in=ready_here)
        wanted |= at_status
    vote_side, vote_roles = workflow.VOTE_WHO
    voting = set().union(*(units[role] for role in vote_roles))
    if voting:
        wanted |= Q(**{f"{vote_side}_id__in": voting}, status=S.REVIEWED, awaiting_vote=True)
    ready = DossierLine.objects.filter(dossier=OuterRef("pk"), status=L.READY, deciding_unit=OuterRef("receiver"))
    unvoted = DossierLine.objects.filter(dossier=OuterRef("pk"), status=L.APPROVED, council_result="")
    council = Council.objects.in_force(timezone.localdate()).filter(unit=OuterRef("receiver"))
    return Dossier.objects.annotate(has_ready=Exists(ready),
                                    awaiting_vote=Exists(unvoted) & Exists(council)).filter(wanted)


def may_take_up(dossier, user) -> bool:
    """Whether a waiting packet is the user's to take up: nothing bars them from what its status asks."""
    return not (dossier.status in APPROVER_TASKS and workflow.barred(dossier, user))


def inbox(user) -> tuple[list[InboxItem], bool]:
    """The packets waiting for ``user``, oldest first, and whether there were more than the page shows."""
    counts = (DossierLine.objects.filter(dossier=OuterRef("pk")).order_by().values("dossier")
              .annotate(n=Count("pk")).values("n"))
    rows = list(waiting_dossiers(user).annotate(line_count=Subquery(counts)).select_related("sender", "receiver")
                .order_by("status_changed_at", "pk")[:CAP + 1])
    more = len(rows) > CAP
    limits = list(ProcessingTimeLimit.objects.order_by("pk")) if rows else []
    today = timezone.localdate()
    calendar = working_days.read_calendar() if rows else None  # one query, whatever the number of rows
    items = []
    voting = {grant.unit_id for grant in grants_of(user) if grant.role == R.SECRETARY}
    for dossier in rows[:CAP]:
        if not may_take_up(dossier, user):
            continue
        since = dossier.status_changed_at
        start = timezone.localdate(since)
        # The level holding the packet is measured against its limit; a returned packet waits on
        # its sender, whom no time limit binds.
        limit = None if dossier.status in (S.RETURNED, S.REFUSED) else _limit_for(
            limits, level_of(dossier.receiver), start)
        if limit is not None and limit.day_kind == ProcessingTimeLimit.DayKind.WORKING:
            waited, due = calendar.working_days_between(start, today), calendar.add_working_days(start, limit.days)
        else:
            waited = (today - start).days
            due = start + datetime.timedelta(days=limit.days) if limit is not None else None
        items.append(InboxItem(dossier=dossier, task=_task(dossier, voting), since=since, waited=waited,
                               limit=limit, due=due))
    return items, more


def _task(dossier, voting_units) -> str:
    if dossier.status == S.REVIEWED and dossier.awaiting_vote:
        return VOTE_TASK if dossier.receiver_id in voting_units else AWAITING_VOTE_TASK
    return TASKS[dossier.status]


def latest_positions(lines) -> dict[int, DossierLine]:
    """Where each proposal of ``lines`` is now: its newest row, with the packet and receiver (one query)."""
    ids = {line.nomination_line_id for line in lines}
    newest = {}
    for row in (DossierLine.objects.filter(nomination_line_id__in=ids).select_related("dossier__receiver")
                .order_by("nomination_line_id", "-pk")):
        newest.setdefault(row.nomination_line_id, row)
    return newest


def visible_dossiers(user, *, status=None):
    """Every packet ``user`` may see, newest change first (the list page)."""
    rows = Dossier.objects.visible_to(user).select_related("sender", "receiver")
    if status:
        rows = rows.filter(status=status)
    counts = (DossierLine.objects.filter(dossier=OuterRef("pk")).order_by().values("dossier")
              .annotate(n=Count("pk")).values("n"))
    # Whether lines wait for the receiver's decision: where a closed packet stands (workflow.where_text). The first
    # such line's id, not EXISTS: PostgreSQL may answer an EXISTS for every packet at once by hashing all the ready
    # lines of the country (a scan of every line on each request), where one line looked up on the (dossier,
    # status) index for each of the page's packets is what the page needs.
    ready = (DossierLine.objects.filter(dossier=OuterRef("pk"), status=L.READY, deciding_unit=OuterRef("receiver"))
             .order_by().values("pk")[:1])
    return (rows.annotate(line_count=Subquery(counts), first_ready_line=Subquery(ready))
            .order_by("-status_changed_at", "-pk"))

