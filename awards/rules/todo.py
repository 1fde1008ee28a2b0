"""Việc cần làm: what waits for a user across the workflow tables, counted in a fixed number of queries.

The home page lists each kind of waiting work with its count and a link to it; the menu's badge shows
their total on every page. Who acts comes from the tables the pages themselves check: the packets from
the inbox's own waiting query (awards.rules.inbox, read off workflow.HOLDERS), proposals waiting for the
leader's confirmation (eligibility.CONFIRMING_ROLES), comments waiting for an answer
(gates.CONSULTATION_STAFF), plans from above waiting to be implemented (campaigns' drafting roles).
Each applies at the units where the user holds the role themselves, as the inbox does.

The counts cost two queries (the waiting packets, then one statement for the other kinds), read once per
user object, so once per request however many templates ask, and kept in the shared cache for
``TODO_CACHE_SECONDS`` under the portal's write mark (units.write_marks): any write through the portal, or
a job's end, has them counted afresh on the next page. The rest of the home page — the coming deadlines (kept
the same way) and the latest notifications — is read only when the home page shows it. Selectors only.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import BooleanField, Case, Count, Exists, Max, Min, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone

from units import write_marks
from units.models import Unit
from units.scoping import grants_of, ids_above

from campaigns import services as plan_services, workflow as plan_workflow
from campaigns.models import Plan

from awards.models import (
    ConsultationComment,
    DeadlineExtension,
    Dossier,
    NominationLine,
    NominationList,
    Notification,
    PublicConsultation,
)
from awards.rules import eligibility, gates, inbox, plan_reports, workflow

S = Dossier.Status
# Deadlines this many days ahead are listed; those already passed always are.
DEADLINE_DAYS = 14
NOTIFICATIONS = 5


@dataclass(frozen=True)
class Kind:
    """One kind of waiting work: its words, and where its list is when there is more than one item."""

    key: str
    label: str
    list_url: str
    one_url: str  # the page of the single item, when there is only one


KINDS = [
    Kind("confirm", "Đề nghị chưa đủ tiêu chuẩn chờ lãnh đạo xác nhận lý do", "awards:nomination_lists",
         "awards:nomination_list_detail"),
    Kind("receive", "Hồ sơ chờ tiếp nhận", "awards:dossier_inbox", "awards:dossier_detail"),
    Kind("review", "Hồ sơ chờ thẩm định", "awards:dossier_inbox", "awards:dossier_detail"),
    Kind("vote", "Hồ sơ chờ Hội đồng TĐKT biểu quyết", "awards:council_index", "awards:council_index"),
    Kind("decide", "Hồ sơ chờ chuyển lên cấp trên hoặc quyết định", "awards:dossier_inbox", "awards:dossier_detail"),
    Kind("fix", "Hồ sơ bị trả lại chờ bổ sung, gửi lại", "awards:dossier_inbox", "awards:dossier_detail"),
    Kind("answer", "Ý kiến góp ý chờ trả lời", "awards:consultation_list", "awards:consultation_detail"),
    Kind("implement", "Kế hoạch cấp trên chưa triển khai", "campaigns:plan_list", "campaigns:plan_detail"),
    Kind("report", "Báo cáo kết quả thực hiện kế hoạch cần gửi", "campaigns:plan_list", "awards:plan_report_status"),
]
KIND_BY_KEY = {kind.key: kind for kind in KINDS}
BY_STATUS = {S.SUBMITTED: "receive", S.RECEIVED: "review", S.REVIEWED: "decide", S.CLOSED: "decide",
             S.RETURNED: "fix", S.REFUSED: "fix"}


@dataclass(frozen=True)
class Task:
    """A kind of work waiting for the user, how many, and the link to it."""

    kind: Kind
    count: int
    url: str

    @property
    def label(self):
        return self.kind.label


@dataclass(frozen=True)
class Deadline:
    """A date by which the user's unit must do something, and the days left (negative: overdue)."""

    label: str
    unit_name: str
    due: datetime.date
    url: str

    @property
    def days_left(self):
        return (self.due - timezone.localdate()).days

    @property
    def overdue(self):
        return self.days_left < 0

    @property
    def days_overdue(self):
        return -self.days_left


def _units(user, roles) -> set[int]:
    return {grant.unit_id for grant in grants_of(user) if grant.role in roles}


def tasks(user) -> list[Task]:
    """The kinds of work waiting for ``user`` with a count above zero, in the order of ``KINDS``.

    Read once per user object (so once per request): the badge and the home page share it.
    """
    cached = getattr(user, "_todo_cache", None)
    if cached is not None:
        return cached
    user._todo_cache = kept(user, "tasks", lambda: _counted(user),
                            pack=lambda found: [(task.kind.key, task.count, task.url) for task in found],
                            unpack=lambda rows: [Task(kind=KIND_BY_KEY[k], count=n, url=url) for k, n, url in rows])
    return user._todo_cache


def kept(user, name, count, *, pack, unpack):
    """What ``count()`` finds for ``user`` today, kept in the shared cache under the write mark for
    ``TODO_CACHE_SECONDS`` at most (0: counted every time); ``pack`` and ``unpack`` turn it into plain values
    and back."""
    seconds = settings.TODO_CACHE_SECONDS
    if seconds <= 0:
        return count()
    key = f"todo-{name}:{user.pk}:{timezone.localdate().isoformat()}"
    stored, mark = write_marks.read_with_mark(key)
    if stored is not None and stored[0] == mark:
        return unpack(stored[1])
    # The mark is read before counting: a write committed meanwhile moves it, and this entry is passed over.
    found = count()
    cache.set(key, (mark, pack(found)), seconds)
    return found


def _counted(user) -> list[Task]:
    counts, targets = Counter(), defaultdict(set)

    def found(key, n, lo, hi):
        """``n`` items of ``key``, whose pages run from ``lo`` to ``hi`` (one page: the link goes straight to it)."""
        counts[key] += n
        if n:
            targets[key].update({lo, hi})

    if grants_of(user):
        _count_dossiers(user, found)
        _count_the_rest(user, found)
    result = []
    for kind in KINDS:
        if counts[kind.key]:
            [*target] = targets[kind.key]
            url = (reverse(kind.one_url, args=target) if len(target) == 1 and kind.one_url != kind.list_url
                   else reverse(kind.list_url))
            result.append(Task(kind=kind, count=counts[kind.key], url=url))
    return result


def total(user) -> int:
    """How many things wait for ``user`` in all (the menu's badge)."""
    return sum(task.count for task in tasks(user))


def _count_dossiers(user, found):
    """The inbox's packets, sorted into kinds, barred ones left out as the inbox leaves them (one query)."""
    voting = _units(user, workflow.VOTE_WHO[1])
    rows = (inbox.waiting_dossiers(user)
            .only("pk", "status", "receiver_id", "received_by_id", "reviewed_by_id", "conflicted_users"))
    for dossier in rows:
        if not inbox.may_take_up(dossier, user):
            continue
        key = BY_STATUS[dossier.status]
        if dossier.status == S.REVIEWED and dossier.awaiting_vote:
            if dossier.receiver_id not in voting:
                continue  # it waits for the council, not for this user
            key = "vote"
        found(key, 1, dossier.pk, dossier.pk)


def _count_the_rest(user, found):
    """Proposals to confirm, comments to answer, plans to implement and reports to send, in one statement (four
    counts)."""
    parts = []
    confirming = _units(user, eligibility.CONFIRMING_ROLES)
    if confirming:
        parts.append(NominationLine.objects.filter(
            eligible=False, override_reason="", nomination_list__status=NominationList.Status.DRAFT,
            nomination_list__unit_id__in=confirming).annotate(todo_kind=Value("confirm"))
            .values("todo_kind").annotate(n=Count("pk"), lo=Min("nomination_list_id"), hi=Max("nomination_list_id"))
            .order_by())
    answering = _units(user, gates.CONSULTATION_STAFF)
    if answering:
        parts.append(ConsultationComment.objects.filter(
            answered_at__isnull=True, consultation__status=PublicConsultation.Status.OPEN,
            consultation__unit_id__in=answering).annotate(todo_kind=Value("answer"))
            .values("todo_kind").annotate(n=Count("pk"), lo=Min("consultation_id"), hi=Max("consultation_id"))
            .order_by())
    to_implement = plans_to_implement(user)
    if to_implement is not None:
        parts.append(to_implement.annotate(todo_kind=Value("implement"))
                     .values("todo_kind").annotate(n=Count("pk"), lo=Min("pk"), hi=Max("pk")))
    reporting = [(grant.unit_id, grant.unit_path) for grant in grants_of(user) if grant.role in plan_reports.DRAFTERS]
    if reporting:
        today = timezone.localdate()
        parts.append(plan_reports.owed_milestones(
            reporting, due_by=today + datetime.timedelta(days=DEADLINE_DAYS),
            since=today - datetime.timedelta(days=plan_reports.REMIND_DAYS_AFTER))
            .annotate(todo_kind=Value("report")).values("todo_kind")
            .annotate(n=Count("pk"), lo=Min("plan_id"), hi=Max("plan_id")).order_by())
    if not parts:
        return
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    for row in query:
        found(row["todo_kind"], row["n"], row["lo"], row["hi"])


def plans_to_implement(user):
    """Plans issued above a unit where ``user`` drafts plans that the unit has not implemented yet (None: no such
    unit). The plan page offers the same plans (campaigns.services.implementing_units)."""
    drafting = [grant for grant in grants_of(user) if grant.role in plan_workflow.drafting_roles()]
    if not drafting:
        return None
    wanted = Q(pk__in=[])
    for grant in drafting:
        done = Plan.objects.filter(parent_plan=OuterRef("pk"), issuing_unit_id=grant.unit_id)
        wanted |= Q(issuing_unit_id__in=ids_above(grant.unit_path)) & ~Exists(done)
    return Plan.objects.filter(wanted, status__in=plan_services.IMPLEMENTABLE).order_by()


def deadlines(user) -> list[Deadline]:
    """Dates coming within ``DEADLINE_DAYS`` (or passed) for the user's work, overdue first (at most five queries,
    kept as the counts are).

    The dossier deadlines of plans from above under which a unit where the user sends proposals has not
    sent its list yet (with the extensions granted to it or to all), the implementation reports a unit where
    the user writes them owes and has not sent, and the time limits of the packets in the user's inbox.
    """
    return kept(user, "deadlines", lambda: _deadlines(user),
                pack=lambda found: [(d.label, d.unit_name, d.due, d.url) for d in found],
                unpack=lambda rows: [Deadline(*row) for row in rows])


def _deadlines(user) -> list[Deadline]:
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=DEADLINE_DAYS)
    found = _plan_deadlines(user, horizon) + _report_deadlines(user, today, horizon)
    items, _more = inbox.inbox(user) if grants_of(user) else ([], False)
    for item in items:
        if item.due is not None and item.due <= horizon:
            dossier = item.dossier
            found.append(Deadline(label=f"{item.task}: hồ sơ số {dossier.pk} của {dossier.sender.name}",
                                  unit_name=dossier.receiver.name, due=item.due,
                                  url=reverse("awards:dossier_detail", args=[dossier.pk])))
    return sorted(found, key=lambda deadline: (deadline.due, deadline.label))


def _plan_deadlines(user, horizon) -> list[Deadline]:
    senders = [grant for grant in grants_of(user) if grant.role in workflow.acting_on(S.RETURNED)[1]]
    if not senders:
        return []
    above = {grant.unit_id: set(ids_above(grant.unit_path)) for grant in senders}
    plans = list(Plan.objects.filter(status__in=plan_services.IMPLEMENTABLE,
                                     issuing_unit_id__in=set().union(*above.values()))
                 .filter(Q(dossier_deadline__isnull=False) | Q(deadline_extensions__isnull=False))
                 .distinct().only("pk", "title", "issuing_unit_id", "dossier_deadline"))
    if not plans:
        return []
    extensions = {}
    for extension in (DeadlineExtension.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=above), plan__in=plans)
                      .order_by("created_at", "pk")):
        extensions[extension.plan_id, extension.unit_id] = extension  # the latest wins, as in effective_deadline
    sent = set(NominationList.objects.filter(plan__in=plans, unit_id__in=above,
                                             status=NominationList.Status.SUBMITTED).values_list("plan_id", "unit_id"))
    names = dict(Unit.objects.filter(pk__in=above).values_list("pk", "name"))
    found = []
    for plan in plans:
        for unit_id, ids in above.items():
            if plan.issuing_unit_id not in ids or (plan.pk, unit_id) in sent:
                continue
            latest = max((e for e in (extensions.get((plan.pk, unit_id)), extensions.get((plan.pk, None))) if e),
                         key=lambda e: (e.created_at, e.pk), default=None)
            due = latest.new_deadline if latest else plan.dossier_deadline
            if due is not None and due <= horizon:
                found.append(Deadline(label=f"Hạn nộp hồ sơ đề nghị khen thưởng theo kế hoạch “{plan.title}”",
                                      unit_name=names.get(unit_id, ""), due=due,
                                      url=reverse("campaigns:plan_detail", args=[plan.pk])))
    return found


# How a report milestone is named in the list ("Báo cáo sơ kết thực hiện kế hoạch …").
REPORT_WORDS = {"midterm": "sơ kết", "final": "tổng kết", "report": "kết quả"}


def _report_deadlines(user, today, horizon) -> list[Deadline]:
    """The report milestones of plans asking a unit where the user writes reports for one it has not sent, dated
    from ``plan_reports.REMIND_DAYS_AFTER`` days ago to ``horizon``, each with the unit owing it (one query: which
    of the user's units owes each milestone, and their names, are columns of it)."""
    reporting = {grant.unit_id: grant.unit_path for grant in grants_of(user) if grant.role in plan_reports.DRAFTERS}
    if not reporting:
        return []
    columns = {}
    for unit_id, path in reporting.items():
        columns[f"owes_{unit_id}"] = Case(When(plan_reports.owed_by(unit_id, path), then=Value(True)),
                                          default=Value(False), output_field=BooleanField())
        columns[f"name_{unit_id}"] = Subquery(Unit.objects.filter(pk=unit_id).values("name")[:1])
    milestones = (plan_reports.owed_milestones(reporting.items(), due_by=horizon,
                                               since=today - datetime.timedelta(days=plan_reports.REMIND_DAYS_AFTER))
                  .annotate(**columns).select_related("plan").only("pk", "kind", "date", "plan__title")
                  .order_by("date", "pk"))
    found = []
    for milestone in milestones:
        url = f"{reverse('awards:plan_report_status', args=[milestone.plan_id])}?moc={milestone.pk}"
        for unit_id in reporting:
            if getattr(milestone, f"owes_{unit_id}"):
                found.append(Deadline(label=f"Báo cáo {REPORT_WORDS.get(milestone.kind, 'kết quả')} thực hiện kế "
                                            f"hoạch “{milestone.plan.title}”",
                                      unit_name=getattr(milestone, f"name_{unit_id}") or "", due=milestone.date,
                                      url=url))
    return found


def latest_notifications(user) -> list[Notification]:
    """The user's newest notifications, read or not (one query)."""
    return list(Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")[:NOTIFICATIONS])
