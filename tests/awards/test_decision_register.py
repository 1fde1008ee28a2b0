"""The decision register: filters, searching without diacritics, paging, and a fixed query count."""

import pytest
from django.urls import reverse

from awards.models import Decision
from awards.services import decisions

from tests.awards.decision_factories import draft
from tests.awards.dossier_factories import approve_all, make_list, people, refresh, submit

pytestmark = pytest.mark.django_db


def settle(cast, tree, names):
    from awards.services import dossiers

    [packet] = submit(make_list(tree.ha_hoa, cast.alice, [(p, "BK_TINH") for p in people(tree.ha_hoa, names)]),
                      cast.alice)
    dossiers.receive_dossier(packet, actor=cast.phuong)
    approve_all(packet, cast.carol)
    dossiers.settle_dossier(packet, actor=cast.dave)
    return refresh(packet)


@pytest.fixture
def world(cast, tree, central, province_clerk):
    cast.phuong = province_clerk
    settle(cast, tree, ["Đặng Thị Hường", "Lê Văn Tám"])
    cast.decision = draft(tree.phu_tho, cast.phuong, decisions.ready_lines(tree.phu_tho),
                          title="Về việc tặng Bằng khen phong trào Đoàn kết xây dựng", number=17)
    return cast


def register(client, **params):
    return client.get(reverse("awards:decision_list"), params).content.decode()


def test_it_lists_a_decision_with_its_list_counts_authority_and_documents(client, login, world, tree):
    html = register(login(world.dave))
    assert world.decision.get_absolute_url() in html
    assert "2 cá nhân, 0 tập thể" in html and "Trần Duy Đông" in html and tree.phu_tho.name in html
    assert reverse("awards:decision_pdf", args=[world.decision.pk]) in html
    assert reverse("awards:decision_docx", args=[world.decision.pk]) in html
    assert "Thường xuyên" in html


@pytest.mark.parametrize("query", ["huong", "DANG THI", "doan ket xay dung", "17/qd", "Đoàn kết"])
def test_it_finds_a_decision_by_recipient_title_or_number_without_diacritics(client, login, world, query):
    assert world.decision.get_absolute_url() in register(login(world.dave), q=query)


def test_a_search_matching_nothing_says_so(client, login, world):
    html = register(login(world.dave), q="khong co ai ten nay")
    assert world.decision.get_absolute_url() not in html and "Không có quyết định nào khớp bộ lọc." in html


def test_it_filters_by_year_status_and_issuing_unit(client, login, world, tree):
    client = login(world.dave)
    url = world.decision.get_absolute_url()
    assert url in register(client, nam=2026, trang_thai="draft", don_vi=tree.phu_tho.pk)
    assert url not in register(client, nam=2025)
    assert url not in register(client, trang_thai="issued")
    assert url not in register(client, don_vi=tree.ha_hoa.pk)


def test_an_unknown_status_is_ignored_and_a_bad_year_refused(client, login, world):
    client = login(world.dave)
    assert world.decision.get_absolute_url() in register(client, trang_thai="bogus")
    assert client.get(reverse("awards:decision_list"), {"nam": "abc"}).status_code == 400


def test_an_outsider_sees_none_of_the_province_decisions_nor_its_units_in_the_filter(client, login, world, tree):
    html = register(login(world.olga))
    assert world.decision.get_absolute_url() not in html and f'value="{tree.phu_tho.pk}"' not in html


def test_it_pages_the_register_at_a_fixed_query_count(client, login, world, tree, django_assert_num_queries):
    client = login(world.dave)
    register(client)
    with django_assert_num_queries(14):
        register(client)
    Decision.objects.bulk_create([
        Decision(issuing_unit=tree.phu_tho, place="Phú Thọ", title=f"Về việc khen thưởng số {i}",
                 authority="CHỦ TỊCH", created_by=world.phuong) for i in range(60)])
    with django_assert_num_queries(14):
        first = register(client)
    with django_assert_num_queries(14):
        second = register(client, trang=2)
    assert "Các quyết định (61)" in first and "Trang 1 / 2" in first and "Trang 2 / 2" in second
    assert first.count("/quyet-dinh.docx") == 50 and second.count("/quyet-dinh.docx") == 11


def test_the_migration_fills_the_keys_of_the_decisions_already_written(world):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("awards.migrations.0030_decision_search_keys")
    expected = Decision.objects.get(pk=world.decision.pk).search_key
    Decision.objects.update(search_key="")
    migration.fill_keys(apps, None)
    assert Decision.objects.get(pk=world.decision.pk).search_key == expected == \
        "17/qd-ubnd ve viec tang bang khen phong trao doan ket xay dung"
