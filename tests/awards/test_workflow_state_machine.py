"""Random people taking random steps on dossiers, councils and decisions: the rules hold after every one.

A Hypothesis state machine starts from two communes' submitted packets (each with a line the province
grants and one it sends on to the centre, under a province with a council) and lets any of the cast —
the commune's clerk and chair, the province's clerk, reviewer, approver and council secretary, the
centre's officials, an outsider of another province — try any step on any packet. After every step:

- a step the workflow does not offer that person is refused, and a refused step changes nothing;
- a step taken writes exactly one event on each packet it moved (and one on a packet it created);
- every packet and line is in a status the tables know;
- the records agree with the rules (awards.rules.consistency): each history a chain of legal moves,
  no level skipped, no quota exceeded, every hash chain verifying.

Each example runs in a savepoint rolled back at its end, so all start from the same packets.
"""

import datetime
from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from awards.models import CouncilSession, Dossier, DossierLine
from awards.rules import workflow
from awards.rules.consistency import all_findings
from awards.rules.workflow import Action as A
from awards.services import councils, decisions, dossiers

from tests.awards.council_factories import make_council
from tests.awards.decision_factories import decision_fields
from tests.awards.dossier_factories import R, make_list, official, people, submit

pytestmark = pytest.mark.django_db

S, L = Dossier.Status, DossierLine.Status
CAST = ["alice", "bob", "phuong", "carol", "dave", "sarah", "tw_clerk", "tw_reviewer", "tw_approver", "olga"]
PACKET_ACTIONS = [A.RECEIVE, A.REFUSE, A.APPROVE, A.REJECT, A.RETURN, A.EDIT, A.RESUBMIT, A.FORWARD, A.SETTLE,
                  A.DECIDE]
TODAY = datetime.date.today()


def snapshot():
    """What a step may change: each packet's status, version and events, each line's status."""
    packets = {pk: rest for pk, *rest in Dossier.objects.values_list("pk", "status", "version", "event_count")}
    lines = dict(DossierLine.objects.values_list("pk", "status"))
    sessions = dict(CouncilSession.objects.values_list("pk", "closed_at"))
    return packets, lines, sessions


def take(action, packet, user):
    """Call the service behind ``action`` as the page would, with what the page would send."""
    lines = list(DossierLine.objects.filter(dossier=packet).order_by("pk"))
    if action in (A.APPROVE, A.REJECT):
        # APPROVE passes every accepted line; REJECT fails the first and passes the others.
        open_lines = [line for line in lines if line.status == L.ACCEPTED]
        verdicts = {line.pk: (A.APPROVE, "") for line in open_lines}
        if action == A.REJECT and open_lines:
            verdicts[open_lines[0].pk] = (A.REJECT, "Chưa đủ tiêu chuẩn")
        return dossiers.approve_dossier(packet, actor=user, verdicts=verdicts)
    if action == A.RECEIVE:
        return dossiers.receive_dossier(packet, actor=user)
    if action == A.REFUSE:
        return dossiers.refuse_dossier(packet, actor=user, missing="Thiếu biên bản họp xét")
    if action == A.RETURN:
        return dossiers.return_dossier(packet, actor=user, reason="Bổ sung số liệu thành tích")
    if action == A.EDIT:
        returned = next((line for line in lines if line.status == L.RETURNED), None)
        if returned is None:
            raise ValidationError("Không có đề nghị nào bị trả lại.")
        return dossiers.edit_returned_line(returned, actor=user, summary="Đã bổ sung số liệu thành tích.")
    if action == A.RESUBMIT:
        return dossiers.resubmit_dossier(packet, actor=user)
    if action == A.FORWARD:
        return dossiers.forward_dossiers([packet], actor=user)
    if action == A.SETTLE:
        return dossiers.settle_dossier(packet, actor=user)
    if action == A.DECIDE:
        return decide(packet.receiver, user, [line for line in lines if line.status == L.READY
                                              and line.deciding_unit_id == packet.receiver_id])
    raise AssertionError(action)


def decide(unit, user, ready):
    """A decision of ``unit`` over ``ready`` lines, drafted and issued by ``user``."""
    if not ready:
        raise ValidationError("Không có đề nghị nào chờ quyết định.")
    draft = decisions.create_decision(unit, actor=user, fields=decision_fields(unit, ready, on=TODAY),
                                      line_ids=[line.pk for line in ready])
    return decisions.issue_decision(draft, actor=user)


class Workflow(RuleBasedStateMachine):
    """The cast stepping through the workflow; ``world`` is set by the test before the machine runs."""

    world = None
    tally = Counter()  # steps taken, by kind, over every example: the test checks the walk went far

    def __init__(self):
        super().__init__()
        # Every example starts from the packets the test made, and leaves nothing behind.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.refused = self.taken = 0

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def attempt(self, call, *, kind: str, allowed: bool | None = None, label=""):
        before = snapshot()
        try:
            with transaction.atomic():
                call()
        except PermissionDenied as refusal:
            assert not allowed, f"{label}: offered to this user, refused as not permitted: {refusal}"
            assert snapshot() == before, f"{label}: refused but changed something"
            self.refused += 1
            return
        except ValidationError:
            assert snapshot() == before, f"{label}: refused but changed something"
            self.refused += 1
            return
        assert allowed is not False, f"{label}: taken though the workflow does not offer it to this user"
        self.taken += 1
        self.tally[kind] += 1
        self.check_one_event_per_moved_packet(before[0], label)

    def check_one_event_per_moved_packet(self, before, label):
        after = {pk: rest for pk, *rest in Dossier.objects.values_list("pk", "status", "version", "event_count")}
        for pk, (status, version, events) in after.items():
            if pk not in before:
                assert events == 1, f"{label}: the new packet {pk} has {events} events"
                continue
            old_status, old_version, old_events = before[pk]
            if (status, version) != (old_status, old_version):
                assert events == old_events + 1, f"{label}: packet {pk} moved with {events - old_events} events"
            else:
                assert events == old_events, f"{label}: packet {pk} gained an event without changing"

    @rule(who=st.sampled_from(CAST), action=st.sampled_from(PACKET_ACTIONS), pick=st.integers(0, 50))
    def anyone_tries_anything(self, who, action, pick):
        """Mostly refused: whoever it is not offered to must be turned away, with nothing changed."""
        packets = list(Dossier.objects.order_by("pk"))
        packet = packets[pick % len(packets)]
        user = getattr(self.world, who)
        verb = A.APPROVE if action == A.REJECT else action
        self.attempt(lambda: take(action, packet, user), kind=action,
                     allowed=verb in workflow.allowed_actions(packet, user),
                     label=f"{who} {action} packet {packet.pk} ({packet.status})")

    @rule(picks=st.lists(st.integers(0, 1000), min_size=1, max_size=4), reject=st.booleans())
    def someone_takes_offered_steps(self, picks, reject):
        """What the page offers someone: taken, or refused for a reason in words (never "not permitted")."""
        for pick in picks:
            offers = [(who, packet, action) for packet in Dossier.objects.order_by("pk") for who in CAST
                      for action in workflow.allowed_actions(packet, getattr(self.world, who))]
            if not offers:
                return
            who, packet, action = offers[pick % len(offers)]
            if action == A.APPROVE and reject and pick % 3 == 0:
                action = A.REJECT
            user = getattr(self.world, who)
            self.attempt(lambda: take(action, packet, user), kind=action, allowed=True,  # noqa: B023 (called at once)
                         label=f"{who} {action} packet {packet.pk} ({packet.status}), as offered")

    @rule(who=st.sampled_from(["sarah", "sarah", "sarah", "dave", "alice"]), passes=st.booleans())
    def council_votes(self, who, passes):
        user = getattr(self.world, who)
        members = councils.roster(self.world.council, TODAY)

        def vote():
            session = councils.open_session(actor=user, unit=self.world.tree.phu_tho, held_on=TODAY,
                                            place="Hội trường UBND tỉnh")
            ballots = {ballot.pk: ((12, 0, 0, 0, None) if passes else (2, 10, 0, 0, None))
                       for ballot in session.ballots.all()}
            councils.save_session(session, actor=user, chair_id=members[0].pk,
                                  attendee_ids=[member.pk for member in members], tallies=ballots)
            councils.close_session(session, actor=user)

        self.attempt(vote, kind="vote", allowed=None if who == "sarah" else False, label=f"{who} holds a council vote")

    @rule(level=st.sampled_from(["ha_hoa", "phu_tho", "central"]), stranger=st.sampled_from([None, None, "phuong",
                                                                                             "olga", "bob"]))
    def decision_issued(self, level, stranger):
        """The level's approver issues a decision on what waits there (or someone who may not tries to)."""
        approver = {"ha_hoa": "bob", "phu_tho": "dave", "central": "tw_approver"}[level]
        who = stranger or approver
        user = getattr(self.world, who)
        unit = self.world.central.body if level == "central" else getattr(self.world.tree, level)
        ready = list(decisions.ready_lines(unit))
        self.attempt(lambda: decide(unit, user, ready), kind="decide", allowed=None,
                     label=f"{who} issues a decision at {level}")

    @invariant()
    def statuses_are_ones_the_tables_know(self):
        assert set(Dossier.objects.values_list("status", flat=True)) <= set(S.values)
        assert set(DossierLine.objects.values_list("status", flat=True)) <= set(L.values)

    @invariant()
    def records_agree_with_the_rules(self):
        findings = all_findings()
        assert findings == [], "\n".join(str(finding) for finding in findings)


@pytest.fixture
def world(cast, tree, central, province_clerk):
    cast.tree, cast.central, cast.phuong = tree, central, province_clerk
    cast.sarah = official("sarah", tree.phu_tho, R.SECRETARY)
    cast.tw_clerk = official("tw-clerk", central.body, R.CLERK)
    cast.tw_reviewer = official("tw-reviewer", central.body, R.REVIEWER)
    cast.tw_approver = official("tw-approver", central.body, R.APPROVER)
    cast.council = make_council(tree.phu_tho)
    hien_luong_clerk = official("hana", tree.hien_luong, R.CLERK)
    for unit, clerk, names in [(tree.ha_hoa, cast.alice, ["Nguyễn Văn An", "Trần Thị Bình"]),
                               (tree.hien_luong, hien_luong_clerk, ["Lê Văn Cường", "Phạm Thị Dung"])]:
        first, second = people(unit, names)
        submit(make_list(unit, clerk, [(first, "BK_TINH"), (second, "BK_TTG")]), clerk)
    return cast


def test_random_steps_by_random_people_keep_every_rule(world):
    Workflow.world, Workflow.tally = world, Counter()
    run_state_machine_as_test(Workflow, settings=settings(
        max_examples=8, stateful_step_count=40, deadline=None, database=None, derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]))
    print("steps taken:", dict(Workflow.tally))
    assert {A.RECEIVE, A.APPROVE, A.RETURN, A.RESUBMIT, A.FORWARD, "vote"} <= set(Workflow.tally)
    assert Workflow.tally["decide"] + Workflow.tally[A.DECIDE] > 0
