"""The number and date of the sender's Tờ trình: typed on the page that sends, written in the same step as the
sending, corrected afterwards by the sender only, and every change a step in the packet's history."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from awards.models import Dossier, DossierEvent, NominationList
from awards.rules import consistency, hash_chain
from awards.rules.workflow import Action as A
from awards.services import dossiers, journal
from awards.services.list_sending import send_list
from awards.services.proposal_references import ProposalReference, record_proposal_reference

from tests.awards.dossier_factories import approve_all, line_for, refresh
from tests.awards.pdf_files import attach_missing, pdf_upload

pytestmark = pytest.mark.django_db
D = datetime.date
S = Dossier.Status
TTR = ProposalReference("12/TTr-UBND", D(2026, 2, 20))


def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


def reference_events(dossier):
    return list(DossierEvent.objects.filter(dossier=dossier, action=A.REFERENCE).order_by("seq"))


def sound(dossier):
    """The packet's history follows the table of moves and its hash chain holds."""
    dossier = refresh(dossier)
    events = list(dossier.events.order_by("seq"))
    return consistency.history_findings(dossier, events) == [] and hash_chain.verify_dossier(dossier) is None


@pytest.fixture
def ready_list(cast, commune_list):
    attach_missing(commune_list, actor=cast.alice)
    return commune_list


@pytest.fixture
def sent(cast, ready_list):
    """The commune list sent with Tờ trình số 12/TTr-UBND ngày 20/02/2026: its packet waits for the province."""
    send_list(ready_list, actor=cast.alice, reference=ProposalReference(" 12/TTr-UBND ", D(2026, 2, 20)))
    return Dossier.objects.get(nomination_list=ready_list)


def returned(cast, clerk, dossier):
    dossiers.receive_dossier(dossier, actor=clerk)
    bk_ttg = line_for(dossier, "BK_TTG")
    return dossiers.return_dossier(refresh(dossier), actor=cast.carol,
                                   verdicts={bk_ttg.pk: (A.RETURN, "Thiếu số liệu.")})


def reviewed(cast, clerk, dossier):
    dossiers.receive_dossier(dossier, actor=clerk)
    approve_all(refresh(dossier), cast.carol)
    return refresh(dossier)


# The services

def test_it_writes_the_tờ_trình_with_the_sending_and_records_who_wrote_it(cast, sent):
    assert sent.status == S.SUBMITTED
    assert (sent.proposal_number, sent.proposal_date) == ("12/TTr-UBND", D(2026, 2, 20))
    [event] = reference_events(sent)
    assert event.actor == cast.alice and event.seq == 2  # right after the sending itself
    assert event.comment == "Ghi Tờ trình số 12/TTr-UBND, ngày 20/02/2026."
    assert event.details == {"proposal_reference": {"from": {"number": "", "date": ""},
                                                    "to": {"number": "12/TTr-UBND", "date": "2026-02-20"}}}
    assert sound(sent)


def test_it_refuses_a_tờ_trình_dated_tomorrow_and_sends_nothing(cast, ready_list):
    with pytest.raises(ValidationError, match="không thể sau ngày hôm nay"):
        send_list(ready_list, actor=cast.alice, reference=ProposalReference("1/TTr-UBND", tomorrow()))
    assert NominationList.objects.get(pk=ready_list.pk).status == NominationList.Status.DRAFT
    assert not Dossier.objects.filter(nomination_list=ready_list).exists()


def test_a_reference_the_packet_refuses_rolls_the_sending_back(cast, ready_list):
    # The list is sent first, then the number is written: its refusal must undo the sending too.
    with pytest.raises(ValidationError):
        send_list(ready_list, actor=cast.alice, reference=ProposalReference("1/" + "9" * 60, D(2026, 2, 20)))
    assert NominationList.objects.get(pk=ready_list.pk).status == NominationList.Status.DRAFT
    assert not Dossier.objects.filter(nomination_list=ready_list).exists()


def test_a_sending_that_fails_leaves_no_reference_written(cast, commune_list):
    # Documents missing: the list is refused, and the number typed with it is not kept anywhere.
    with pytest.raises(ValidationError):
        send_list(commune_list, actor=cast.alice, reference=TTR)
    assert not Dossier.objects.filter(nomination_list=commune_list).exists()
    assert not DossierEvent.objects.filter(action=A.REFERENCE).exists()


def test_a_blank_number_is_allowed_and_the_packet_keeps_only_the_date(cast, ready_list):
    send_list(ready_list, actor=cast.alice, reference=ProposalReference("", D(2026, 2, 20)))
    packet = Dossier.objects.get(nomination_list=ready_list)
    assert (packet.proposal_number, packet.proposal_date) == ("", D(2026, 2, 20))
    assert reference_events(packet)[0].comment == "Ghi Tờ trình chưa có số, ngày 20/02/2026."


def test_sending_a_returned_packet_again_writes_the_new_tờ_trình_old_to_new(cast, province_clerk, sent):
    packet = returned(cast, province_clerk, sent)
    dossiers.resubmit_dossier(packet, actor=cast.alice, reference=ProposalReference("15/TTr-UBND", D(2026, 3, 2)))
    packet = refresh(packet)
    assert packet.status == S.SUBMITTED and packet.proposal_number == "15/TTr-UBND"
    event = reference_events(packet)[-1]
    assert event.comment == "Sửa Tờ trình: số 12/TTr-UBND, ngày 20/02/2026 → số 15/TTr-UBND, ngày 02/3/2026."
    assert event.round == 2 and sound(packet)


def test_sending_again_without_a_reference_keeps_the_one_stored(cast, province_clerk, sent):
    packet = returned(cast, province_clerk, sent)
    dossiers.resubmit_dossier(packet, actor=cast.alice)
    packet = refresh(packet)
    assert packet.status == S.SUBMITTED and packet.proposal_number == "12/TTr-UBND"
    assert len(reference_events(packet)) == 1


def test_a_resubmission_that_fails_after_writing_leaves_the_packet_and_its_number_as_they_were(
        cast, province_clerk, sent, monkeypatch):
    packet = returned(cast, province_clerk, sent)
    events = packet.events.count()

    def broken(**kwargs):
        raise RuntimeError("máy chủ thông báo không trả lời")

    monkeypatch.setattr(journal, "notify", broken)  # called after the reference is written
    with pytest.raises(RuntimeError):
        dossiers.resubmit_dossier(packet, actor=cast.alice, reference=ProposalReference("15/TTr-UBND", None))
    packet = refresh(packet)
    assert packet.status == S.RETURNED and packet.proposal_number == "12/TTr-UBND"
    assert packet.events.count() == events


def test_a_resubmission_refuses_tomorrow_before_sending(cast, province_clerk, sent):
    packet = returned(cast, province_clerk, sent)
    with pytest.raises(ValidationError, match="không thể sau ngày hôm nay"):
        dossiers.resubmit_dossier(packet, actor=cast.alice, reference=ProposalReference("15/TTr-UBND", tomorrow()))
    assert refresh(packet).status == S.RETURNED


def test_forwarding_writes_the_levels_tờ_trình_on_the_bundle_only(cast, tree, province_clerk, sent):
    bundle = dossiers.forward_dossiers([reviewed(cast, province_clerk, sent)], actor=cast.dave,
                                       reference=ProposalReference("40/TTr-UBND", D(2026, 4, 1)))
    bundle = refresh(bundle)
    assert (bundle.sender, bundle.proposal_number, bundle.proposal_date) == (tree.phu_tho, "40/TTr-UBND", D(2026, 4, 1))
    assert reference_events(bundle)[0].actor == cast.dave and sound(bundle)
    assert refresh(sent).proposal_number == "12/TTr-UBND"  # the commune's own stays on its packet


def test_a_forward_that_fails_after_writing_leaves_no_bundle(cast, province_clerk, sent, monkeypatch):
    packet = reviewed(cast, province_clerk, sent)

    def broken(**kwargs):
        raise RuntimeError("máy chủ thông báo không trả lời")

    monkeypatch.setattr(journal, "notify", broken)
    with pytest.raises(RuntimeError):
        dossiers.forward_dossiers([packet], actor=cast.dave, reference=ProposalReference("40/TTr-UBND", None))
    assert not Dossier.objects.filter(proposal_number="40/TTr-UBND").exists()
    assert refresh(packet).status == S.REVIEWED


def test_the_sender_corrects_the_number_afterwards_and_the_history_says_old_to_new(cast, sent):
    before = refresh(sent).version
    record_proposal_reference(sent, actor=cast.bob, number="12/TTr-UBND ", date=D(2026, 2, 20))
    assert refresh(sent).version == before and len(reference_events(sent)) == 1  # nothing changed, nothing written

    record_proposal_reference(sent, actor=cast.bob, number="13/TTr-UBND", date=D(2026, 2, 21))
    packet = refresh(sent)
    assert packet.proposal_number == "13/TTr-UBND" and packet.version == before + 1
    event = reference_events(packet)[-1]
    assert event.actor == cast.bob and event.from_status == event.to_status == S.SUBMITTED
    assert event.comment == "Sửa Tờ trình: số 12/TTr-UBND, ngày 20/02/2026 → số 13/TTr-UBND, ngày 21/02/2026."
    assert sound(packet)


@pytest.mark.parametrize("who", ["phuong", "carol", "dave"])
def test_the_receiver_cannot_change_the_senders_number(cast, province_clerk, sent, who):
    cast.phuong = province_clerk
    with pytest.raises(PermissionDenied, match="Chỉ cán bộ TĐKT hoặc lãnh đạo của Xã Hạ Hòa"):
        record_proposal_reference(sent, actor=getattr(cast, who), number="99/TTr-UBND", date=None)
    assert refresh(sent).proposal_number == "12/TTr-UBND" and len(reference_events(sent)) == 1


# The pages

def submit_url(nomination_list):
    return reverse("awards:nomination_list_submit", args=[nomination_list.pk])


def test_the_send_page_asks_for_the_number_and_date_today_and_says_a_blank_number_prints_dots(
        login, cast, ready_list):
    html = login(cast.alice).get(submit_url(ready_list)).content.decode()
    assert 'name="proposal_number"' in html
    assert re.search(rf'name="proposal_date" value="{timezone.localdate():%Y-%m-%d}"', html)
    assert "Chưa có số thì để trống" in html and "dòng chấm" in html


def test_the_send_page_keeps_what_was_typed_when_the_date_is_tomorrow(login, cast, ready_list):
    response = login(cast.alice).post(submit_url(ready_list), {"proposal_number": "12/TTr-UBND",
                                                               "proposal_date": f"{tomorrow():%Y-%m-%d}"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "không thể sau ngày hôm nay" in html and "Chưa gửi danh sách" in html
    assert 'value="12/TTr-UBND"' in html and f'value="{tomorrow():%Y-%m-%d}"' in html
    assert NominationList.objects.get(pk=ready_list.pk).status == NominationList.Status.DRAFT


def test_the_send_page_sends_the_list_with_its_number(login, cast, ready_list):
    response = login(cast.alice).post(submit_url(ready_list), {"proposal_number": "  12/TTr-UBND",
                                                               "proposal_date": "2026-02-20"}, follow=True)
    assert "Đã gửi danh sách đề nghị khen thưởng" in response.content.decode()
    packet = Dossier.objects.get(nomination_list=ready_list)
    assert (packet.proposal_number, packet.proposal_date) == ("12/TTr-UBND", D(2026, 2, 20))


def test_the_resend_page_is_prefilled_and_keeps_the_comment_on_a_refused_date(login, cast, province_clerk, sent):
    packet = returned(cast, province_clerk, sent)
    client = login(cast.alice)
    target = reverse("awards:dossier_resubmit", args=[packet.pk])
    html = client.get(target).content.decode()
    assert 'name="gui-lai-proposal_number"' in html and 'value="12/TTr-UBND"' in html
    assert 'name="gui-lai-proposal_date" value="2026-02-20"' in html

    response = client.post(target, {"version": packet.version, "gui-lai-proposal_number": "15/TTr-UBND",
                                    "gui-lai-proposal_date": f"{tomorrow():%Y-%m-%d}",
                                    "gui-lai-comment": "Đã bổ sung số liệu"})
    html = response.content.decode()
    assert response.status_code == 200 and "không thể sau ngày hôm nay" in html and "Chưa gửi lại hồ sơ" in html
    assert 'value="15/TTr-UBND"' in html and "Đã bổ sung số liệu" in html
    assert refresh(packet).status == S.RETURNED

    response = client.post(target, {"version": packet.version, "gui-lai-proposal_number": "15/TTr-UBND",
                                    "gui-lai-proposal_date": "2026-03-02", "gui-lai-comment": ""})
    assert response.status_code == 302
    assert (refresh(packet).status, refresh(packet).proposal_number) == (S.SUBMITTED, "15/TTr-UBND")


def test_the_forward_page_writes_the_levels_number_on_the_bundle(login, cast, province_clerk, sent):
    packet = reviewed(cast, province_clerk, sent)
    client = login(cast.dave)
    target = reverse("awards:dossier_forward", args=[packet.pk])
    html = client.get(target).content.decode()
    assert "Số Tờ trình của cấp này" in html and f'value="{timezone.localdate():%Y-%m-%d}"' in html
    response = client.post(target, {"dossiers": [packet.pk], f"version-{packet.pk}": packet.version,
                                     "proposal_number": "40/TTr-UBND", "proposal_date": f"{tomorrow():%Y-%m-%d}",
                                     "proposal": pdf_upload("To trinh.pdf")})
    assert response.status_code == 200 and "không thể sau ngày hôm nay" in response.content.decode()
    assert 'value="40/TTr-UBND"' in response.content.decode() and refresh(packet).status == S.REVIEWED
    response = client.post(target, {"dossiers": [packet.pk], f"version-{packet.pk}": packet.version,
                                     "proposal_number": "40/TTr-UBND", "proposal_date": "2026-04-01"})
    bundle = Dossier.objects.get(sender=packet.receiver)
    assert response.status_code == 302 and bundle.proposal_number == "40/TTr-UBND"


def test_the_packets_history_shows_who_wrote_the_number_and_what_it_was(login, cast, sent):
    record_proposal_reference(sent, actor=cast.bob, number="13/TTr-UBND", date=D(2026, 2, 21))
    html = login(cast.carol).get(sent.get_absolute_url()).content.decode()
    assert html.count("Ghi số, ngày Tờ trình") == 2
    assert "Sửa Tờ trình: số 12/TTr-UBND, ngày 20/02/2026 → số 13/TTr-UBND, ngày 21/02/2026." in html


def test_the_receiver_is_not_offered_the_form_and_its_post_changes_nothing(login, cast, province_clerk, sent):
    assert 'id="so-to-trinh"' in login(cast.alice).get(sent.get_absolute_url()).content.decode()
    client = login(province_clerk)
    html = client.get(sent.get_absolute_url()).content.decode()
    assert 'id="so-to-trinh"' not in html
    assert "Tờ trình của Xã Hạ Hòa: số 12/TTr-UBND, ngày 20/02/2026." in html  # read, not written
    response = client.post(reverse("awards:dossier_proposal_reference", args=[sent.pk]),
                           {"proposal_number": "99/TTr-UBND", "proposal_date": "2026-02-20"}, follow=True)
    assert "Chỉ cán bộ TĐKT hoặc lãnh đạo của Xã Hạ Hòa" in response.content.decode()
    assert refresh(sent).proposal_number == "12/TTr-UBND"


def test_sending_without_a_number_is_allowed_and_says_how_to_add_it_later(login, cast, ready_list):
    response = login(cast.alice).post(submit_url(ready_list), {"proposal_number": " ", "proposal_date": "2026-02-20"},
                                      follow=True)
    assert "Tờ trình chưa có số: quyết định khen thưởng sẽ để dòng chấm" in response.content.decode()
    packet = Dossier.objects.get(nomination_list=ready_list)
    assert (packet.status, packet.proposal_number, packet.proposal_date) == (S.SUBMITTED, "", D(2026, 2, 20))
