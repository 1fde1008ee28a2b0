"""What the national benchmark times: each page as a user of its role opens it, and each page's floor.

A page is a GET through Django's test client (in process: middleware, views, templates, the database) or,
for the eligibility engine, the call the nomination pages make. Its floor is the same rows fetched by one
hand-written SQL query and written out as a bare HTML table — what the page cannot go below on this
database — so the report shows how far above its floor each page is. The users and rows are found in
the dataset (awards.benchmarks.dataset) by their names and sizes, never by fixed ids.
"""

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count
from django.urls import reverse

from units.models import Membership, Person, User

from awards.models import AwardType, Dossier
from awards.rules import eligibility

R = Membership.Role
PAGE_TARGET_MS = 100
PICKER_TARGET_MS = 50
FLOOR_RATIO = 4
# The lines a dossier page shows (awards.views.dossiers.LINES_PER_PAGE, which the benchmark may not import:
# a test holds the two equal).
LINES_PER_PAGE = 25


@dataclass
class Page:
    name: str
    floor: tuple[str, list]  # one SQL query and its parameters
    url: str = ""
    user: User | None = None  # None: an anonymous visitor
    call: Callable | None = None  # timed instead of a request (the eligibility engine)
    target_ms: int = PAGE_TARGET_MS
    note: str = ""
    extra: dict = field(default_factory=dict)


def bare_table(rows) -> str:
    """The floor's output: the rows as an HTML table, nothing else."""
    return "<table>" + "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(value))}</td>" for value in row) + "</tr>" for row in rows
    ) + "</table>"


def run_floor(sql, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return bare_table(cursor.fetchall())


def _user(username):
    return User.objects.get(username=username)


def _member(unit, role):
    return User.objects.filter(memberships__unit=unit, memberships__role=role,
                               username__startswith="nat.").order_by("pk").first()


def _prefix(unit):
    return unit.path + "%"


def _waiting(units, sender_side=False):
    marks = ", ".join(["%s"] * len(units))
    side = "sender_id" if sender_side else "receiver_id"
    # Only placeholders are formatted in; the values go as parameters.
    return (f"SELECT d.id, d.title, d.status, d.status_changed_at, s.name FROM awards_dossier d "  # nosec B608
            f"JOIN units_unit s ON s.id = d.sender_id WHERE d.{side} IN ({marks}) AND d.status IN (%s, %s, %s, %s) "
            f"ORDER BY d.status_changed_at, d.id LIMIT 50",
            [unit.pk for unit in units] + ([Dossier.Status.REFUSED, Dossier.Status.RETURNED, "", ""] if sender_side
                                           else [Dossier.Status.SUBMITTED, Dossier.Status.RECEIVED,
                                                 Dossier.Status.REVIEWED, ""]))


def _counts(units):
    marks = ", ".join(["%s"] * len(units))
    return (f"SELECT status, COUNT(*) FROM awards_dossier "  # nosec B608: placeholders only, values as parameters
            f"WHERE receiver_id IN ({marks}) OR sender_id IN ({marks}) GROUP BY status",
            [unit.pk for unit in units] * 2)


def pages(*, only=None) -> list[Page]:
    """The pages of the report, in its order (``only``: their names, to time a few)."""
    main = Membership.objects.get(user__username="nat.tinh.thuky").unit
    commune = Membership.objects.get(user__username="nat.xa.canbo").unit
    central = Membership.objects.get(user__username="nat.tw.canbo").unit
    clerk, reviewer, approver = _member(main, R.CLERK), _member(main, R.REVIEWER), _member(main, R.APPROVER)
    roles = [("tinh_canbo", clerk, main, False), ("tinh_thamdinh", reviewer, main, False),
             ("tinh_lanhdao", approver, main, False), ("tinh_thuky", _user("nat.tinh.thuky"), main, False),
             ("tinh_quantri", _user("nat.tinh.quantri"), main, False),
             ("xa_canbo", _user("nat.xa.canbo"), commune, True), ("xa_chutich", _user("nat.xa.chutich"), commune, True),
             ("tw_canbo", _user("nat.tw.canbo"), central, False), ("tw_thamdinh", _user("nat.tw.thamdinh"), central,
                                                                  False)]
    found = []
    for label, user, unit, sender_side in roles:
        found.append(Page(f"home_{label}", _counts([unit]), reverse("units:dashboard"), user))
        found.append(Page(f"inbox_{label}", _waiting([unit], sender_side), reverse("awards:dossier_inbox"), user))
    visible = ("SELECT d.id, d.title, d.status, d.status_changed_at, s.name, r.name FROM awards_dossier d "
               "JOIN units_unit s ON s.id = d.sender_id JOIN units_unit r ON r.id = d.receiver_id "
               "WHERE (s.path LIKE %s OR r.path LIKE %s){status} ORDER BY d.status_changed_at DESC, d.id DESC LIMIT 50")
    found.append(Page("dossier_list", (visible.format(status=""), [_prefix(main)] * 2),
                      reverse("awards:dossier_list"), reviewer))
    found.append(Page("dossier_list_received", (visible.format(status=" AND d.status = %s"),
                                                [_prefix(main)] * 2 + [Dossier.Status.RECEIVED]),
                      reverse("awards:dossier_list") + "?trang_thai=received", reviewer))
    big = (Dossier.objects.filter(receiver=main).annotate(n=Count("lines")).order_by("-n", "pk").first())
    found.append(Page("dossier_200_lines", (
        "SELECT dl.id, p.full_name, p.date_of_birth, a.name, dl.status, nl.eligible FROM awards_dossierline dl "
        "JOIN awards_nominationline nl ON nl.id = dl.nomination_line_id JOIN units_person p ON p.id = nl.person_id "
        "JOIN awards_awardtype a ON a.id = nl.award_id WHERE dl.dossier_id = %s ORDER BY dl.id LIMIT %s",
        [big.pk, LINES_PER_PAGE]),
        # The page shows the dossier's first page of lines (and counts over all of them).
        reverse("awards:dossier_detail", args=[big.pk]), reviewer,
        note=f"{big.n} đề nghị, {LINES_PER_PAGE} một trang"))
    found.append(Page("plan_list", (
        "SELECT p.id, p.title, p.issue_year, p.status, u.name FROM campaigns_plan p "
        "JOIN units_unit u ON u.id = p.issuing_unit_id WHERE u.path LIKE %s ORDER BY p.issue_year DESC, p.id DESC "
        "LIMIT 50", [_prefix(main)]), reverse("campaigns:plan_list"), clerk))
    from campaigns.models import Plan

    plan = Plan.objects.filter(issuing_unit=main, parent_plan__isnull=True).order_by("pk").first()
    found.append(Page("plan_page", (
        "SELECT s.number, s.heading, s.body, (SELECT COUNT(*) FROM campaigns_plan c WHERE c.parent_plan_id = %s) "
        "FROM campaigns_plansection s WHERE s.plan_id = %s ORDER BY s.position, s.id", [plan.pk, plan.pk]),
        reverse("campaigns:plan_detail", args=[plan.pk]), clerk))
    person_columns = ("SELECT p.id, p.full_name, p.date_of_birth, p.position, u.name FROM units_person p "
                      "JOIN units_unit u ON u.id = p.unit_id ")
    found.append(Page("person_search", (
        person_columns + "WHERE p.search_key LIKE %s AND u.path LIKE %s ORDER BY p.search_key, p.id LIMIT 50",
        ["%nguyen van hung%", _prefix(main)]), reverse("units:person_list") + "?q=nguyen+van+hung", clerk,
        target_ms=PICKER_TARGET_MS))
    found.append(Page("person_picker", (
        person_columns + "WHERE ' ' || COALESCE(p.search_key, '') LIKE %s AND u.path LIKE %s "
        "ORDER BY p.search_key, p.id LIMIT 21",
        ["% le% minh%", _prefix(main)]), reverse("units:person_picker") + "?q=le+minh", clerk,
        target_ms=PICKER_TARGET_MS))
    person = (Person.objects.filter(unit__path__startswith=main.path).annotate(n=Count("award_records"))
              .order_by("-n", "pk").first())
    found.append(Page("award_book", (
        "SELECT r.year, a.name, r.award_class, r.decision_number, r.decision_date, r.issuing_body "
        "FROM awards_awardrecord r JOIN awards_awardtype a ON a.id = r.award_id WHERE r.person_id = %s "
        "ORDER BY r.year DESC, r.decision_date DESC, r.id", [person.pk]),
        reverse("awards:person_award_book", args=[person.pk]), clerk))
    history = ("SELECT 'r', person_id, year, CAST(award_id AS varchar(20)), revoked_on FROM awards_awardrecord "
               "WHERE person_id IN ({m}) UNION ALL SELECT 't', person_id, year, rating, NULL FROM awards_taskrating "
               "WHERE person_id IN ({m})")
    award = AwardType.objects.get(code="BK_TINH")
    found.append(Page("eligibility_one", (history.format(m="%s"), [person.pk] * 2),
                      call=lambda: eligibility.check(Person.objects.get(pk=person.pk), award, 2025)))
    subjects = list(Person.objects.filter(nomination_lines__dossier_lines__dossier=big).order_by("pk")[:200])
    marks = ", ".join(["%s"] * len(subjects))
    found.append(Page("eligibility_200", (history.format(m=marks), [p.pk for p in subjects] * 2),
                      call=lambda: _judge_all(subjects, award), note=f"{len(subjects)} đề nghị"))
    counted = ("SELECT r.year, a.name, COUNT(*) FROM awards_awardrecord r JOIN units_person p ON p.id = r.person_id "
               "JOIN units_unit u ON u.id = p.unit_id JOIN awards_awardtype a ON a.id = r.award_id "
               "WHERE u.path LIKE %s AND r.year BETWEEN %s AND %s GROUP BY r.year, a.name ORDER BY r.year, a.name")
    found.append(Page("statistics", (counted, [_prefix(main), 2021, 2025]),
                      reverse("awards:statistics") + "?tu_nam=2021&den_nam=2025", approver))
    found.append(Page("statutory_form", (counted, [_prefix(main), 2025, 2025]),
                      reverse("awards:statutory_form", args=[main.pk]) + "?nam=2025", approver))
    found.append(Page("public_decisions", (
        "SELECT public_id, number, symbol, signed_on, title FROM awards_decision WHERE status = %s AND published = %s "
        "AND search_key LIKE %s ORDER BY signed_on DESC, id DESC LIMIT 20", ["issued", True, "%lao dong tien tien%"]),
        reverse("public:decision_public_list") + "?q=lao+dong+tien+tien", None))
    if only:
        found = [page for page in found if page.name in only]
    return found


def _judge_all(subjects, award):
    judge = eligibility.Judge(subjects)
    return [judge.check(subject, award, 2025) for subject in subjects]


