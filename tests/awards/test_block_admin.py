"""The blocks in the admin: listed by year, kind, status and organiser, searched by a member's name, read with their
members, covenant targets and scoring table; a sheet is read with its points and evidence files."""

from django.urls import reverse

from awards.services import block_evidence

from tests.awards.block_factories import score_all, world  # noqa: F401
from tests.awards.pdf_files import pdf_upload


def listed(client, name, **query):
    page = client.get(reverse(f"admin:awards_{name}_changelist"), query)
    assert page.status_code == 200
    return list(page.context["cl"].result_list)


def test_the_superuser_finds_a_block_by_year_status_and_member(world, login, cast):
    client = login(cast.root)
    assert listed(client, "emulationblock", year=2026) == [world.block]
    assert listed(client, "emulationblock", year=2025) == []
    assert listed(client, "emulationblock", status="scoring") == [world.block]
    assert listed(client, "emulationblock", q="Tài chính") == [world.block]


def test_the_block_is_read_with_its_members_and_table_and_nothing_is_editable(world, login, cast):
    client = login(cast.root)
    page = client.get(reverse("admin:awards_emulationblock_change", args=[world.block.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Sở Tài chính tỉnh Phú Thọ" in text and "Thực hiện nhiệm vụ" in text
    assert client.post(reverse("admin:awards_emulationblock_change", args=[world.block.pk]), {}).status_code == 403
    group = world.block.groups.first()
    assert "Chỉ tiêu kinh tế" in client.get(reverse("admin:awards_scoregroup_change", args=[group.pk])).content.decode()


def test_a_sheet_is_read_with_its_points_and_evidence_files(world, login, cast):
    block_evidence.attach_score_evidence(world.members[1], actor=world.hana, criterion=world.c1,
                                         upload=pdf_upload("hoi-thi.pdf"))
    score_all(world)
    client = login(cast.root)
    sheet = world.members[1].sheet
    assert listed(client, "scoresheet", q="Hiền Lương") == [sheet]
    text = client.get(reverse("admin:awards_scoresheet_change", args=[sheet.pk])).content.decode()
    assert "hoi-thi.pdf" in text and "Báo cáo" in text
    assert login(cast.erin).get(reverse("admin:awards_scoresheet_changelist")).status_code == 403
