"""Who owes a report by a plan's milestone, who may write, send and return it, how late it is, and the sums
the issuer consolidates from the reports below it.

The units owed are those plan_progress counts as implementing the plan (the units directly under its issuer,
in force) and every unit that issued an implementing plan of it — a district of before the 2025 reform that
implemented a province's plan owes its report though it is no longer in force.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from units.models import Membership, Unit
from units.scoping import has_role, holds_role_at, ids_above

from campaigns.models import Milestone, Plan, PlanSection

from awards.models import PlanReport

# A report speaks for its unit: drafted and sent by the unit's own people, never by a level above (holds_role_at).
DRAFTERS = (Membership.Role.CLERK, Membership.Role.APPROVER)
SENDERS = (Membership.Role.APPROVER,)
# The issuer's people who read the reports and may send one back.
RECEIVERS = (Membership.Role.CLERK, Membership.Role.REVIEWER, Membership.Role.APPROVER)
FIGURES = ("units_taking_part", "people_taking_part", "awards_given", "proposals_made")
# A report still unsent this many days after its date stops being asked for (the plan has moved on).
REMIND_DAYS_AFTER = 90
FIGURE_LABELS = {name: PlanReport._meta.get_field(name).verbose_name for name in FIGURES}

S = PlanReport.Status
# The plan's sections a unit reports on, one result each.
RESULT_KINDS = (PlanSection.Kind.TARGETS, PlanSection.Kind.CONTENT, PlanSection.Kind.CRITERIA)


class Action:
    EDIT = "edit"
    SEND = "send"
    RETURN = "return"  # trả lại: the issuer, with a reason


def asks_for_report(milestone: Milestone) -> bool:
    return milestone.kind in Milestone.REPORT_KINDS


def reporting_units(milestone: Milestone):
    """The units owing a report by ``milestone``, each with ``report_id``, ``report_status`` and
    ``report_sent_at`` (None before the unit started one): one query."""
    plan = milestone.plan
    implementers = Plan.objects.filter(parent_plan=plan).exclude(status=Plan.Status.DRAFT).values("issuing_unit")
    reports = PlanReport.objects.filter(milestone=milestone, unit=OuterRef("pk"))
    return (Unit.objects.filter(Q(pk__in=plan.issuing_unit.children.in_force().values("pk"))
                                | Q(pk__in=implementers))
            .exclude(pk=plan.issuing_unit_id)
            .annotate(report_id=Subquery(reports.values("pk")[:1]),
                      report_status=Subquery(reports.values("status")[:1]),
                      report_sent_at=Subquery(reports.values("sent_at")[:1]))
            .order_by("kind", "search_key", "pk"))


# The states a unit's report is in on the status page, by the key of its filter link: (label, condition).
REPORT_STATES = {
    "da-gui": ("Đã gửi", Q(report_status=PlanReport.Status.SENT)),
    "dang-soan": ("Đang soạn", Q(report_id__isnull=False) & ~Q(report_status=PlanReport.Status.SENT)),
    "chua-bao-cao": ("Chưa báo cáo", Q(report_id__isnull=True)),
}


def report_state_counts(units) -> dict:
    """{state key: number of units} over ``reporting_units(...)``: one query."""
    return units.order_by().aggregate(**{key.replace("-", "_"): Count("pk", filter=condition)
                                         for key, (_label, condition) in REPORT_STATES.items()})


def owed_by(unit_id: int, path: str) -> Q:
    """Milestones (rows of a Milestone queryset) on which the unit ``unit_id`` at ``path`` owes a report it has not
    sent: a plan issued directly above it, or one it implemented."""
    above = ids_above(path)
    implemented = Plan.objects.filter(parent_plan=OuterRef("plan"), issuing_unit_id=unit_id).exclude(
        status=Plan.Status.DRAFT)
    sent = PlanReport.objects.filter(milestone=OuterRef("pk"), unit_id=unit_id, status=S.SENT)
    return ((Q(plan__issuing_unit_id=above[-1]) if above else Q(pk__in=[])) | Exists(implemented)) & ~Exists(sent)


def owed_milestones(units, *, due_by: datetime.date, since: datetime.date):
    """Report milestones dated ``since`` … ``due_by`` on which one of ``units`` (pairs of unit id and path) owes
    a report it has not sent yet: one queryset, whatever the number of units."""
    owed = Q(pk__in=[])
    for unit_id, path in units:
        owed |= owed_by(unit_id, path)
    return (Milestone.objects.filter(owed, kind__in=Milestone.REPORT_KINDS, date__gte=since, date__lte=due_by)
            .exclude(plan__status=Plan.Status.DRAFT))


def owes_report(unit: Unit, milestone: Milestone) -> bool:
    return asks_for_report(milestone) and reporting_units(milestone).filter(pk=unit.pk).exists()


def result_sections(plan) -> list:
    """The level-1 sections a report answers: the plan's targets, contents and criteria, or every level-1
    section when it names none of them."""
    sections = list(plan.sections.filter(level=1).order_by("position"))
    chosen = [s for s in sections if s.kind in RESULT_KINDS]
    return chosen or sections


def days_late(deadline: datetime.date, sent_at, today: datetime.date) -> int:
    """Days past ``deadline``: on the day it was sent, or today while it is not; 0 when on time."""
    day = timezone.localdate(sent_at) if sent_at else today
    return max((day - deadline).days, 0)


def allowed_actions(user, report: PlanReport) -> set[str]:
    """The moves ``user`` may make on ``report`` now: the page shows these buttons, the services check them."""
    unit = report.unit
    if report.is_sent:
        issuer = report.milestone.plan.issuing_unit
        return {Action.RETURN} if has_role(user, issuer, RECEIVERS) else set()
    may = set()
    if holds_role_at(user, unit, DRAFTERS):
        may.add(Action.EDIT)
    if holds_role_at(user, unit, SENDERS):
        may.add(Action.SEND)
    return may


@dataclass
class Consolidated:
    """The issuer's sums over the reports below it, and the reports they come from (each counted once)."""

    totals: dict = field(default_factory=dict)
    reports: list = field(default_factory=list)


def counted_reports(milestone: Milestone, unit: Unit):
    """The sent reports under ``unit`` on ``milestone`` that its sums count: each topmost one, so a district's
    report that consolidated its communes stands for them, and a commune under a district that sent nothing
    counts itself. Three queries (reports, results, sections)."""
    sent = PlanReport.objects.filter(milestone=milestone, status=S.SENT)
    below = (sent.filter(unit__path__startswith=unit.path).exclude(unit=unit)
             .select_related("unit").prefetch_related("results__section").order_by("unit__path"))
    kept, paths = [], []
    for report in below:
        # Ordered by path, a report's sending ancestor comes before it.
        if any(report.unit.path.startswith(path) for path in paths if _consolidates(kept, path)):
            continue
        kept.append(report)
        paths.append(report.unit.path)
    return kept


def _consolidates(kept, path):
    return any(r.unit.path == path and r.consolidated for r in kept)


def source_milestone(milestone: Milestone, unit: Unit) -> Milestone:
    """Where ``unit`` gathers the reports for its own on ``milestone``: the latest report milestone, by that
    date, of the plan it issued to implement ``milestone``'s plan (its communes answered that plan), else
    ``milestone`` itself (the units below reported straight to the issuer)."""
    own = (Milestone.objects.filter(plan__parent_plan=milestone.plan_id, plan__issuing_unit=unit,
                                    kind__in=Milestone.REPORT_KINDS, date__lte=milestone.date)
           .select_related("plan").order_by("-date", "-pk").first())
    return own or milestone


def consolidate(milestone: Milestone, unit: Unit) -> Consolidated:
    """The sums over the reports under ``unit`` on ``milestone`` (each counted once, see counted_reports)."""
    reports = counted_reports(milestone, unit)
    totals = {name: sum(getattr(r, name) for r in reports) for name in FIGURES}
    return Consolidated(totals=totals, reports=reports)
