"""The consistency check: a journey done through the services agrees with the rules; records changed
behind the services' back (an illegal move, a skipped level, a quota exceeded, an edited hash) are named."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from campaigns.models import AwardTier

from awards.models import Dossier, DossierEvent, NominationList
from awards.rules.consistency import all_findings
from awards.services import dossiers

from tests.awards.dossier_factories import award, make_list, people, refresh

pytestmark = pytest.mark.django_db


def test_a_journey_through_the_services_is_consistent(cast, central, reviewed_dossier, capsys):
    dossiers.forward_dossiers([refresh(reviewed_dossier)], actor=cast.dave)

    call_command("check_consistency")

    assert all_findings() == []
    assert "dữ liệu nhất quán" in capsys.readouterr().out


def test_it_names_a_move_the_table_does_not_allow(cast, submitted_dossier):
    # Straight from "submitted" to "closed": no service does this.
    Dossier.objects.filter(pk=submitted_dossier.pk).update(status=Dossier.Status.CLOSED)
    last = submitted_dossier.events.order_by("-seq").first()
    DossierEvent.objects.create(dossier=submitted_dossier, seq=last.seq + 1, round=1, actor=cast.dave,
                                action="decide", from_status="submitted", to_status="closed",
                                created_at=timezone.now(), content_sha256="0" * 64, previous_hash=last.hash,
                                hash="1" * 64)

    found = [str(finding) for finding in all_findings()]

    assert any("không có trong bảng chuyển trạng thái" in text for text in found)
    assert any("chuỗi mã băm" in text for text in found)
    with pytest.raises(CommandError, match="sai lệch"):
        call_command("check_consistency")


def test_it_names_a_packet_that_skipped_a_level(central, submitted_dossier):
    Dossier.objects.filter(pk=submitted_dossier.pk).update(receiver=central.body)

    assert any("không phải cấp kế tiếp trên tuyến" in str(finding) for finding in all_findings())


def test_it_names_a_unit_over_its_quota(cast, tree, central, plan):
    bk_tinh = award("BK_TINH")
    AwardTier.objects.create(plan=plan, award=bk_tinh, award_name=bk_tinh.name, quota=1, position=30)
    two = people(tree.ha_hoa, ["Lê Văn A", "Lê Văn B"])
    nomination_list = make_list(tree.ha_hoa, cast.alice, [(person, "BK_TINH") for person in two], plan=plan)
    # Two submitted where one is allowed: submit_list refuses this, so it is written behind its back.
    NominationList.objects.filter(pk=nomination_list.pk).update(status=NominationList.Status.SUBMITTED)

    found = [str(finding) for finding in all_findings()]

    assert any("[số lượng]" in text and "2 đề nghị" in text and "kế hoạch cho phép 1" in text for text in found)
