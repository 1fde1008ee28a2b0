"""Several people printing papers at the same moment, on real connections: every serial is used once."""


import pytest

from awards.models import Certificate, CertificateSeries
from awards.services import certificates

from tests.awards import concurrency
from tests.awards.certificate_factories import make_record, recipients
from tests.awards.dossier_factories import R, official

pytestmark = pytest.mark.django_db(transaction=True)


race = concurrency.race


def test_four_clerks_printing_at_once_never_share_a_serial(cast, tree, on_postgresql):
    clerks = [cast.alice, cast.bob] + [official(f"van-thu-{i}", tree.ha_hoa, R.CLERK) for i in range(2)]
    batches = [[make_record(p) for p in recipients(tree.ha_hoa, 25, prefix=f"Người {i}")] for i in range(4)]
    outcomes = race(*[lambda c=c, b=b: len(certificates.issue_certificates(b, actor=c))
                      for c, b in zip(clerks, batches)])
    assert outcomes == [("done", 25)] * 4
    serials = list(Certificate.objects.values_list("serial", flat=True))
    assert len(serials) == 100 and len(set(serials)) == 100
    series = CertificateSeries.objects.get()
    assert series.last_number == 100
    assert sorted(Certificate.objects.values_list("number", flat=True)) == list(range(1, 101))


def test_two_clerks_printing_the_same_decision_at_once_make_one_paper_each(cast, tree, on_postgresql):
    records = [make_record(p) for p in recipients(tree.ha_hoa, 10)]
    outcomes = race(lambda: [c.pk for c in certificates.issue_certificates(records, actor=cast.alice)],
                    lambda: [c.pk for c in certificates.issue_certificates(records, actor=cast.bob)])
    assert [kind for kind, _ in outcomes] == ["done", "done"] and outcomes[0][1] == outcomes[1][1]
    assert Certificate.objects.count() == 10 and CertificateSeries.objects.get().last_number == 10


def test_two_reissues_of_one_lost_paper_at_once_make_one_copy(cast, tree, on_postgresql):
    [paper] = certificates.issue_certificates([make_record(recipients(tree.ha_hoa, 1)[0])], actor=cast.alice)
    outcomes = race(lambda: certificates.reissue_certificate(paper, actor=cast.alice, reason="Mất.").copy_number,
                    lambda: certificates.reissue_certificate(paper, actor=cast.bob, reason="Mất.").copy_number)
    assert outcomes[0] == ("done", 1) and outcomes[1][0] == "refused" and "đã được cấp lại" in outcomes[1][1]
    assert Certificate.objects.count() == 2 and Certificate.objects.live().get().copy_number == 1
