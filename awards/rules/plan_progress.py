"""How far a plan has gone below its issuer: which units under it implemented it, which sent nominations under it.

Read here, in awards, and not in campaigns: the nominations are awards' rows and campaigns sits below
awards (it may not import them). Rather than a hook campaigns would call without knowing what answers,
the plan page (a campaigns template) shows this through the awards template tag ``plan_progress``, the
same way it already links to awards' pages; the full list is an awards page (``awards:plan_progress``).
"""

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, Value, When

from units.models import Unit
from units.scoping import ancestor_ids_of, grants_of

from campaigns.models import Plan

from awards.models import NominationList

# ?tinh_trang=… on the list page: the filter's value, its label, and the rows it keeps.
FILTERS = {
    "da-trien-khai": ("Đã triển khai", Q(implemented=True)),
    "chua-trien-khai": ("Chưa triển khai", Q(implemented=False)),
    "da-gui-de-nghi": ("Đã gửi đề nghị", Q(nominated=True)),
}
# What the summary calls the units below when they are all of one kind.
NOUNS = {frozenset({Unit.Kind.COMMUNE}): "xã", frozenset({Unit.Kind.WARD}): "phường",
         frozenset({Unit.Kind.COMMUNE, Unit.Kind.WARD}): "xã, phường",
         frozenset({Unit.Kind.COMMUNE, Unit.Kind.WARD, Unit.Kind.SPECIAL_ZONE}): "xã, phường, đặc khu"}


def progress_units(plan: Plan, user=None):
    """The units expected to implement ``plan`` (those directly under its issuer, in force), each with
    ``implemented`` (an implementing plan past its draft), ``child_plan_id``/``child_plan_status`` (its own
    implementing plan, if any) and ``nominated`` (it, or a unit under it, sent a list under the plan or an
    implementing plan of it); ``user``'s own units (or those above them) first."""
    child_plans = Plan.objects.filter(parent_plan=plan, issuing_unit=OuterRef("pk")).order_by("-pk")
    answering = Plan.objects.filter(Q(pk=plan.pk) | Q(parent_plan=plan)).values("pk")
    sent = NominationList.objects.filter(plan__in=answering, status=NominationList.Status.SUBMITTED,
                                         unit__path__startswith=OuterRef("path"))
    units = (plan.issuing_unit.children.in_force()
             .annotate(child_plan_id=Subquery(child_plans.values("pk")[:1]),
                       child_plan_status=Subquery(child_plans.values("status")[:1]),
                       implemented=Exists(child_plans.exclude(status=Plan.Status.DRAFT)),
                       nominated=Exists(sent)))
    own = {grant.unit_id for grant in grants_of(user)} | ancestor_ids_of(user) if user is not None else set()
    mine = Case(When(pk__in=own, then=Value(0)), default=Value(1), output_field=IntegerField())
    return units.annotate(mine=mine).order_by("mine", "kind", "search_key", "pk")


def summary(plan: Plan) -> dict:
    """{"total", "implemented", "nominated", "noun", "text"} over the units expected to implement ``plan``:
    four queries whatever their number."""
    units = progress_units(plan).order_by()
    counts = {"total": units.count(), "implemented": units.filter(implemented=True).count(),
              "nominated": units.filter(nominated=True).count()}
    kinds = frozenset(units.order_by().values_list("kind", flat=True).distinct())
    counts["noun"] = NOUNS.get(kinds, "đơn vị")
    counts["text"] = (f"{counts['implemented']}/{counts['total']} {counts['noun']} đã triển khai, "
                      f"{counts['nominated']} đã gửi đề nghị")
    return counts
