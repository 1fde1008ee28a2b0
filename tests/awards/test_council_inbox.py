"""The inbox while a council is to vote: the secretary sees the packets, the approver sees that they wait for it."""

import datetime

import pytest

from awards.rules import inbox
from awards.services import councils

from tests.awards.council_factories import open_session, reviewed_packet, tally, world  # noqa: F401
from tests.awards.dossier_factories import lines_of

pytestmark = pytest.mark.django_db


def tasks(user):
    items, _more = inbox.inbox(user)
    return {item.dossier.pk: item.task for item in items}


def test_the_secretary_is_asked_to_vote_and_the_approver_told_to_wait_until_the_council_has(world, tree):
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    assert tasks(world.sarah) == {packet.pk: inbox.VOTE_TASK}
    assert tasks(world.dave) == {packet.pk: inbox.AWAITING_VOTE_TASK}
    session = open_session(world)
    [line] = lines_of(packet)
    tally(session, {line.pk: (12, 0, 0, 0)})
    councils.close_session(session, actor=world.sarah)
    assert tasks(world.sarah) == {}
    assert tasks(world.dave) == {packet.pk: inbox.TASKS[packet.Status.REVIEWED]}


def test_without_a_council_in_force_the_secretary_has_nothing_to_vote(world, tree):
    world.council.valid_to = datetime.date(2025, 12, 31)
    world.council.save()
    packet = reviewed_packet(world, tree.ha_hoa, ["Nguyễn Văn An"])
    assert tasks(world.sarah) == {}
    assert tasks(world.dave) == {packet.pk: inbox.TASKS[packet.Status.REVIEWED]}
