"""Two secretaries closing one session at the same moment, on real connections: one wins, the other is told."""

import time

import pytest

from awards.models import CouncilSession, DocumentKind, DossierAttachment, DossierEvent
from awards.rules import hash_chain as audit
from awards.rules.workflow import Action as A
from awards.services import councils, journal, minutes_filing

from tests.awards import concurrency
from tests.awards.council_factories import make_council, open_session, reviewed_packet, tally
from tests.awards.dossier_factories import R, lines_of, official

pytestmark = pytest.mark.django_db(transaction=True)


def race(*calls):
    return concurrency.race(*calls, told={councils.SessionClosed: "closed"})


def test_two_secretaries_closing_at_once_apply_the_results_exactly_once(cast, tree, central, on_postgresql,
                                                                        province_clerk, monkeypatch):
    cast.tree, cast.phuong = tree, province_clerk
    cast.sarah, second = official("sarah", tree.phu_tho, R.SECRETARY), official("thu-ky-2", tree.phu_tho, R.SECRETARY)
    cast.council = make_council(tree.phu_tho)
    packet = reviewed_packet(cast, tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    session = open_session(cast)
    an, binh = lines_of(packet)
    tally(session, {an.pk: (12, 0, 0, 0), binh.pk: (2, 10, 0, 0)})
    real_record = journal.record_event

    def slow_record(*args, **kwargs):
        time.sleep(0.2)  # hold the locks a moment, so the second surely arrives while the first writes
        return real_record(*args, **kwargs)

    monkeypatch.setattr(journal, "record_event", slow_record)
    outcomes = race(lambda: councils.close_session(session, actor=cast.sarah).pk,
                    lambda: councils.close_session(session, actor=second).pk)
    assert [kind for kind, _ in outcomes] == ["closed", "done"]
    assert "Phiên họp đã được" in outcomes[0][1] and "kết quả đã được ghi nhận" in outcomes[0][1]
    assert CouncilSession.objects.get(pk=session.pk).status == "closed"
    assert DossierEvent.objects.filter(dossier=packet, action=A.VOTE).count() == 1
    # The minutes follow as one job after the commit (awards.services.minutes_filing): filed once, whoever closed.
    closed = CouncilSession.objects.get(pk=session.pk)
    assert len(minutes_filing.file_minutes(closed)) == 1 and minutes_filing.file_minutes(closed) == []
    assert DossierAttachment.objects.filter(dossier=packet, kind=DocumentKind.MINUTES).count() == 1
    assert [line.council_result for line in lines_of(packet)] == ["passed", "failed"]
    assert all(problem is None for _d, problem in audit.verify_all())
