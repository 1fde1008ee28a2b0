"""Where a packet is and who holds it, in words (awards.rules.workflow.where_text), on its page and in the lists;
and the route its page draws: only the levels this packet goes through."""

import pytest
from django.urls import reverse

from awards.rules.workflow import Action as A
from awards.services import dossiers

from tests.awards.dossier_factories import approve_all, lines_of, make_list, people, refresh, submit

pytestmark = pytest.mark.django_db


def page(client, dossier):
    return client.get(reverse("awards:dossier_detail", args=[dossier.pk])).content.decode()


def whereabouts(html):
    start = html.index('id="dang-o"')
    return html[start:html.index("</p>", start)]


def test_the_packet_page_and_list_say_who_holds_it_at_each_step(login, cast, tree, central, province_clerk):
    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    [packet] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH")]), cast.alice)
    alice = login(cast.alice)
    assert "Đang ở UBND tỉnh Phú Thọ — chờ cán bộ TĐKT tiếp nhận" in whereabouts(page(alice, packet))

    dossiers.receive_dossier(packet, actor=province_clerk)
    assert "Đang ở UBND tỉnh Phú Thọ — chờ chuyên viên thẩm định" in whereabouts(page(alice, packet))
    listed = alice.get(reverse("awards:dossier_list")).content.decode()
    assert "Đang ở UBND tỉnh Phú Thọ — chờ chuyên viên thẩm định" in listed

    [line] = lines_of(packet)
    dossiers.return_dossier(packet, actor=cast.carol, verdicts={line.pk: (A.RETURN, "Thiếu báo cáo thành tích.")})
    assert "Đã trả lại UBND xã Hạ Hòa — chờ bổ sung, gửi lại" in whereabouts(page(alice, packet))
    assert "Đã trả lại UBND xã Hạ Hòa — chờ bổ sung, gửi lại" in alice.get(
        reverse("awards:dossier_list")).content.decode()
    assert "Đã trả lại UBND xã Hạ Hòa" in login(cast.alice).get(reverse("awards:dossier_inbox")).content.decode()


def test_a_settled_packet_waits_for_the_decision_then_is_done(login, cast, tree, central, province_clerk):
    from tests.awards.decision_factories import decide

    [an] = people(tree.ha_hoa, ["Nguyễn Văn An"])
    [packet] = submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH")]), cast.alice)
    dossiers.receive_dossier(packet, actor=province_clerk)
    approve_all(packet, cast.carol)
    dossiers.settle_dossier(packet, actor=cast.dave)
    dave = login(cast.dave)
    assert "Đang ở UBND tỉnh Phú Thọ — chờ lãnh đạo ban hành quyết định khen thưởng" in whereabouts(
        page(dave, packet))

    decide(refresh(packet), cast.dave)
    assert "Đã xử lý xong tại UBND tỉnh Phú Thọ" in whereabouts(page(dave, packet))
    assert "Đã xử lý xong tại UBND tỉnh Phú Thọ" in dave.get(reverse("awards:dossier_list")).content.decode()


def test_the_route_lists_only_the_levels_this_packet_goes_through(login, cast, tree, central):
    an, binh = people(tree.ha_hoa, ["Nguyễn Văn An", "Trần Thị Bình"])
    upward, local = submit(make_list(tree.ha_hoa, cast.alice, [(an, "BK_TINH"), (binh, "GIAY_KHEN")]), cast.alice)
    alice = login(cast.alice)

    route = page(alice, upward)
    route = route[route.index('id="tuyen"'):route.index("</ol>", route.index('id="tuyen"'))]
    assert "Xã Hạ Hòa" in route and "Tỉnh Phú Thọ" in route
    assert central.body.name not in route and central.state.name not in route  # stored on it, never reached

    route = page(alice, local)
    route = route[route.index('id="tuyen"'):route.index("</ol>", route.index('id="tuyen"'))]
    assert "Xã Hạ Hòa" in route and "Tỉnh Phú Thọ" not in route
    assert "Đang ở UBND xã Hạ Hòa — chờ lãnh đạo ban hành quyết định khen thưởng" in whereabouts(page(alice, local))
