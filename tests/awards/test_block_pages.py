"""The block pages as their people use them: the list of a year, the block page, a member's sheet, the head's
cross-check, the confirmation before sending and closing, the ranking; their query counts are pinned."""

import datetime
from decimal import Decimal as D

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import ScoreEntry
from awards.services import blocks

from tests.awards.block_factories import score_all, world  # noqa: F401
from tests.conftest import make_unit


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_block_list_costs_the_same_for_one_block_or_six(world, login, cast, tree, django_assert_num_queries):
    client = login(cast.dave)
    url = reverse("awards:block_list") + "?nam=2026"
    one = queries(client, url)
    from units.models import Unit

    for i in range(5):
        unit = make_unit(f"Sở số {i}", Unit.Kind.DEPARTMENT, tree.phu_tho)
        blocks.create_block(tree.phu_tho, actor=cast.dave, year=2026, name=f"Khối {i}", units=[unit])
    response = client.get(url)
    assert response.content.decode().count("Khối ") >= 6
    with django_assert_num_queries(one):
        client.get(url)


def test_the_ranking_costs_the_same_for_four_members_or_eight(world, login, cast, tree, django_assert_num_queries):
    score_all(world)
    client = login(cast.alice)  # Hạ Hòa heads the block
    url = reverse("awards:block_ranking", args=[world.block.pk])
    four = queries(client, url)
    from units.models import Unit

    for i in range(4):
        blocks.add_block_member(world.block, actor=cast.dave,
                                unit=make_unit(f"Ban số {i}", Unit.Kind.DEPARTMENT, tree.phu_tho))
    assert len(client.get(url).context["standings"]) == 8
    with django_assert_num_queries(four):
        client.get(url)


def test_the_ranking_page_names_the_rule_that_broke_each_tie(world, login, cast):
    score_all(world)
    page = login(cast.alice).get(reverse("awards:block_ranking", args=[world.block.pk])).content.decode()
    assert "xếp sau theo quy tắc: nhiều điểm hơn ở nhóm tiêu chí thứ nhất" in page
    assert "xếp sau theo quy tắc: ít điểm trừ hơn" in page
    assert "Đồng hạng" in page


def test_a_member_sees_the_ranking_only_once_the_scoring_is_closed(world, login, cast):
    score_all(world)
    client = login(world.hana)
    url = reverse("awards:block_ranking", args=[world.block.pk])
    assert "công khai với các thành viên sau khi" in client.get(url).content.decode()
    blocks.close_block_scoring(world.block, actor=cast.alice)
    assert "Đồng hạng" in client.get(url).content.decode()


def test_a_member_fills_its_sheet_and_a_bad_number_keeps_everything_typed(world, login):
    client = login(world.hana)
    member = world.members[1]
    url = reverse("awards:block_sheet", args=[member.pk])
    form = {f"points_{world.c1.pk}": "25", f"evidence_{world.c1.pk}": "Báo cáo tổng kết",
            f"points_{world.c2.pk}": "7,5"}
    refused = client.post(url, form)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Báo cáo tổng kết" in page and "20" in page and not ScoreEntry.objects.exists()
    form[f"points_{world.c1.pk}"] = "18"
    client.post(url, form)
    assert sorted(ScoreEntry.objects.values_list("self_points", flat=True)) == [D("7.5"), D("18")]


def test_a_neighbour_cannot_read_a_members_draft_sheet(world, login):
    score_all(world, send=False)
    page = login(world.hana).get(reverse("awards:block_sheet", args=[world.members[0].pk])).content.decode()
    assert "chỉ đơn vị đó xem được" in page and "Báo cáo" not in page


def test_sending_is_confirmed_first_and_lists_the_criteria_left(world, login):
    client = login(world.hana)
    member = world.members[1]
    blocks.save_self_score(member, actor=world.hana, criterion=world.c1, points=D(10))
    page = client.get(reverse("awards:block_sheet_send", args=[member.pk])).content.decode()
    assert "Chỉ tiêu xã hội" in page and "1/5" in page
    client.post(reverse("awards:block_sheet_send", args=[member.pk]))
    member.sheet.refresh_from_db()
    assert not member.sheet.is_sent


def test_the_head_adjusts_a_line_with_a_reason_and_a_stale_page_is_told(world, login, cast):
    score_all(world)
    client = login(cast.alice)
    member = world.members[1]
    entry = ScoreEntry.objects.get(sheet__member=member, criterion=world.c3)
    url = reverse("awards:block_cross_check", args=[member.pk])
    prefix = f"e{entry.pk}"
    client.post(url, {"entry": entry.pk, f"{prefix}-points": "40", f"{prefix}-reason": "Thiếu minh chứng",
                      f"{prefix}-seen_points": "45"})
    entry.refresh_from_db()
    assert (entry.checked_points, entry.check_reason) == (D(40), "Thiếu minh chứng")
    stale = client.post(url, {"entry": entry.pk, f"{prefix}-points": "30", f"{prefix}-reason": "Khác",
                              f"{prefix}-seen_points": "45"})
    assert "vừa được đổi thành 40" in stale.content.decode()


def test_closing_is_confirmed_and_refused_while_a_sheet_is_missing(world, login, cast):
    score_all(world, send=False)
    page = login(cast.alice).get(reverse("awards:block_close", args=[world.block.pk])).content.decode()
    assert "Chưa gửi bảng tự chấm" in page and "Xã Hạ Hòa" in page


def test_the_block_page_proposes_next_years_head_and_the_organiser_opens_it(world, login, cast):
    client = login(cast.dave)
    page = client.get(reverse("awards:block_detail", args=[world.block.pk])).content.decode()
    assert "Trưởng khối năm sau theo thứ tự luân phiên: Xã Hiền Lương" in page
    response = client.post(reverse("awards:block_next_year", args=[world.block.pk]), follow=True)
    assert "Khối các xã, sở năm 2027" in response.content.decode()


def test_the_head_records_the_meeting_and_the_provinces_clerk_makes_the_list_in_one_click(world, login, cast):
    from tests.awards.dossier_factories import R, official

    score_all(world)
    blocks.close_block_scoring(world.block, actor=cast.alice)
    ids = [m.pk for m in world.members]
    form = {"held_on": "20/12/2026", "place": "Hội trường", "chair": "Nguyễn Văn Chủ", "secretary": "Lê Thị Thư"}
    for pk in ids:
        form[f"present_{pk}"] = "on"
    form[f"lead_{ids[0]}"], form[f"lead_{ids[1]}"] = "flag", "merit"
    client = login(cast.alice)
    url = reverse("awards:block_meeting", args=[world.block.pk])
    refused = client.post(url, form)
    assert "không quá 20% số thành viên" in refused.content.decode()
    form[f"lead_{ids[1]}"] = ""
    client.post(url, form)
    world.block.refresh_from_db()
    assert world.block.meeting_on.day == 20
    pdf = client.get(reverse("awards:block_minutes_pdf", args=[world.block.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    clerk = login(official("phuong", world.block.organiser, R.CLERK))
    confirm = clerk.get(reverse("awards:block_nominate", args=[world.block.pk])).content.decode()
    assert "Xã Hạ Hòa: Cờ thi đua của bộ, ban, ngành, tỉnh" in confirm
    done = clerk.post(reverse("awards:block_nominate", args=[world.block.pk]), follow=True)
    assert done.status_code == 200 and "Xã Hạ Hòa" in done.content.decode()


def test_the_organiser_sets_the_tie_break_order_and_the_quota_on_the_block_page(world, login, cast):
    client = login(cast.dave)
    url = reverse("awards:block_rules", args=[world.block.pk])
    client.post(url, {"first": "vote", "second": "vote", "flag_places": "1", "leading_share": "20"})
    world.block.refresh_from_db()
    assert world.block.tie_break == "group1,deductions,vote"  # refused: a rule twice
    client.post(url, {"first": "deductions", "second": "group1", "flag_places": "2", "leading_share": "30"})
    world.block.refresh_from_db()
    assert (world.block.tie_break, world.block.flag_places, world.block.leading_share) == ("deductions,group1", 2, 30)
    page = client.get(reverse("awards:block_detail", args=[world.block.pk])).content.decode()
    assert "1) ít điểm trừ hơn; 2) nhiều điểm hơn ở nhóm tiêu chí thứ nhất" in page
    assert login(world.hana).post(url, {"first": "vote", "flag_places": "1", "leading_share": "90"}).status_code == 403


def test_a_new_years_block_starts_its_table_from_last_years(world, login, cast, tree):
    client = login(cast.dave)
    fresh = blocks.create_block(tree.phu_tho, actor=cast.dave, year=2027, name="Khối các xã, sở")
    page = client.get(reverse("awards:block_detail", args=[fresh.pk])).content.decode()
    assert "Sao chép bảng điểm năm 2026" in page
    client.post(reverse("awards:block_copy_table", args=[fresh.pk]))
    assert [g.name for g in fresh.groups.all()] == ["Thực hiện nhiệm vụ", "Tổ chức phong trào", "Điểm thưởng",
                                                    "Điểm trừ"]
    assert sum(g.criteria.count() for g in fresh.groups.all()) == 5


def test_the_covenant_prints_from_the_blocks_targets(world, login, cast):
    import io

    from pypdf import PdfReader

    blocks.add_covenant_target(world.block, actor=cast.dave, text="Hoàn thành 100% chỉ tiêu thu ngân sách")
    blocks.sign_covenant(world.block, actor=cast.dave, signed_on=datetime.date(2026, 1, 15))
    response = login(world.hana).get(reverse("awards:block_covenant_pdf", args=[world.block.pk]))
    text = " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())
    assert "GIAO ƯỚC THI ĐUA" in text and "Hoàn thành 100% chỉ tiêu thu ngân sách" in text
    assert "ngày 15 tháng 01 năm 2026" in text and "4. Sở Tài chính tỉnh Phú Thọ" in text


def test_the_signed_covenant_is_checked_kept_private_and_served_only_to_those_who_see_the_block(world, login, cast,
                                                                                                settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from units.models import User

    from awards.documents.block_minutes import render_covenant_pdf

    url = reverse("awards:block_covenant", args=[world.block.pk])
    client = login(cast.dave)
    fake = SimpleUploadedFile("giao-uoc.pdf", b"%PDF-1.4 not really a pdf", content_type="application/pdf")
    client.post(url, {"signed_on": "15/01/2026", "file": fake})
    world.block.refresh_from_db()
    assert not world.block.covenant_file and world.block.covenant_signed_on is None

    signed = render_covenant_pdf(world.block)
    client.post(url, {"signed_on": "15/01/2026", "file": SimpleUploadedFile("giao-uoc.pdf", signed)})
    world.block.refresh_from_db()
    assert world.block.covenant_file.name.startswith("giao-uoc/") and world.block.covenant_signed_on
    stored = settings.PRIVATE_MEDIA_ROOT / world.block.covenant_file.name
    assert stored.read_bytes() == signed
    download = reverse("awards:block_covenant_file", args=[world.block.pk])
    assert download in login(world.hana).get(reverse("awards:block_detail", args=[world.block.pk])).content.decode()
    response = login(world.hana).get(download)
    assert b"".join(response.streaming_content) == signed and "no-store" in response["Cache-Control"]
    stranger = User.objects.create_user("nguoi-ngoai", password="x-Khong-Doan-Duoc-9")
    assert login(stranger).get(download).status_code == 404
