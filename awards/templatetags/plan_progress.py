"""The plan page's line on its progress below: "12/148 xã đã triển khai, 5 đã gửi đề nghị" and the user's own unit.

The plan page belongs to campaigns, which may not read awards' nominations; it loads this tag, as it
already links to awards' pages, and awards answers (awards.rules.plan_progress says why).
"""

from django import template

from campaigns.models import Milestone, Plan

from awards.rules import plan_progress

register = template.Library()


@register.inclusion_tag("awards/includes/plan_progress_summary.html")
def plan_progress_summary(plan, user, milestones=()):
    """The counts (two queries), the user's own units among those expected (one query), and the plan's report
    milestones out of ``milestones`` (the page's own, already read), each a link to who has reported."""
    if plan.status == Plan.Status.DRAFT:
        return {"plan": plan, "summary": None, "own": [], "reports": []}
    own = [unit for unit in plan_progress.progress_units(plan, user).filter(mine=0)[:5]]
    reports = [m for m in milestones if m.kind in Milestone.REPORT_KINDS]
    return {"plan": plan, "summary": plan_progress.summary(plan), "own": own, "reports": reports}
