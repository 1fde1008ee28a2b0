"""Pages read at national size: the packet page writes its review cells itself and finds related packets by their
lines, the home page counts people unit by unit, the inbox finds closed packets from their ready lines — each
saying and doing what it did before, in a number of queries that does not grow with the data."""

import re

import pytest
from django.urls import reverse

from units.models import Person, Unit

from awards.models import Dossier, DossierLine
from awards.rules.inbox import inbox
from awards.services import dossiers

from tests.awards.dossier_factories import R, approve_all, make_list, official, people, refresh, submit

pytestmark = pytest.mark.django_db
S, L = Dossier.Status, DossierLine.Status
HOME = reverse("units:dashboard")


@pytest.fixture
def world(cast, central, province_clerk, submitted_dossier):
    cast.phuong, cast.dossier = province_clerk, submitted_dossier
    return cast


def packet(tree, n, start, code="BK_TINH"):
    entries = [(person, code) for person in people(tree.hien_luong, [f"Cán bộ Số {start + i}" for i in range(n)])]
    clerk = official(f"hl-clerk-{start}", tree.hien_luong, R.CLERK)
    [dossier] = submit(make_list(tree.hien_luong, clerk, entries, title=f"Danh sách {start}"), clerk)
    return dossier


def page(dossier):
    return reverse("awards:dossier_detail", args=[dossier.pk])


def review_cells(html, line):
    """(value, id, checked) of each radio of ``line``'s review cell."""
    return re.findall(rf'<input type="radio" name="ket_qua_{line.pk}" value="(\w*)" class="form-check-input" '
                      rf'id="(id_ket_qua_{line.pk}_\d)"[^>]*?( checked)?>', html)


def test_the_reviewers_page_runs_a_fixed_number_of_queries_whatever_the_packets_size(login, world, tree,
                                                                                     django_assert_num_queries):
    small, big = packet(tree, 2, 0), packet(tree, 12, 100)
    for dossier in (small, big):
        dossiers.receive_dossier(dossier, actor=world.phuong)
    client = login(world.carol)
    client.get(page(small))
    with django_assert_num_queries(15):
        client.get(page(small))
    with django_assert_num_queries(15):
        html = client.get(page(big)).content.decode()
    assert html.count('class="form-check-input"') == 12 * 3


def test_each_lines_review_cell_has_the_choices_labels_and_ids_the_form_reads(login, world, tree):
    dossier = packet(tree, 3, 0)
    dossiers.receive_dossier(dossier, actor=world.phuong)
    html = login(world.carol).get(page(dossier)).content.decode()
    for line in dossier.lines.select_related("nomination_line__person"):
        cells = review_cells(html, line)
        assert [(value, checked) for value, _id, checked in cells] == [("approve", ""), ("reject", ""), ("return", "")]
        for _value, radio_id, _checked in cells:
            assert f'<label class="form-check-label" for="{radio_id}">' in html
        name = line.nomination_line.person.full_name
        assert re.search(rf'<label class="form-label small mb-0" for="id_ly_do_{line.pk}">Lý do<span '
                         rf'class="visually-hidden"> \(khi không đạt hoặc trả lại\) đối với {name}</span></label>',
                         html)
        assert f'name="ly_do_{line.pk}" id="id_ly_do_{line.pk}"' in html


def test_a_refused_review_keeps_each_choice_and_marks_what_is_wrong(login, world, tree):
    dossier = packet(tree, 2, 0)
    dossiers.receive_dossier(dossier, actor=world.phuong)
    first, second = dossier.lines.order_by("pk")
    response = login(world.carol).post(reverse("awards:dossier_review", args=[dossier.pk]), {
        "version": refresh(dossier).version, f"ket_qua_{first.pk}": "reject", f"ly_do_{first.pk}": ""})
    html = response.content.decode()
    assert [checked for _v, _id, checked in review_cells(html, first)] == ["", " checked", ""]
    assert re.search(rf'name="ly_do_{first.pk}" id="id_ly_do_{first.pk}" rows="2" aria-invalid="true">', html)
    assert "Ghi lý do để đơn vị gửi biết cần làm gì." in html
    # The line left without a verdict is marked on its radios, read out as invalid.
    assert all('aria-invalid="true"' in radio for radio in re.findall(
        rf'<input type="radio" name="ket_qua_{second.pk}"[^>]*>', html))


def test_an_approved_line_offers_to_keep_its_result_checked_first(login, world, tree):
    dossier = packet(tree, 1, 0)
    dossiers.receive_dossier(dossier, actor=world.phuong)
    [line] = dossier.lines.all()
    DossierLine.objects.filter(pk=line.pk).update(status=L.APPROVED)
    html = login(world.carol).get(page(dossier)).content.decode()
    assert [(value, checked) for value, _id, checked in review_cells(html, line)] == [("", " checked"),
                                                                                      ("return", "")]


def test_the_page_links_the_packets_below_and_above_only(login, world, tree):
    below = world.dossier
    dossiers.receive_dossier(below, actor=world.phuong)
    approve_all(below, world.carol)
    bundle = dossiers.forward_dossiers([refresh(below)], actor=world.dave)
    other = packet(tree, 1, 0)
    html = login(world.dave).get(page(below)).content.decode()
    related = html.split('id="lien-quan"', 1)[1].split("</ul>", 1)[0]
    assert f"Hồ sơ số {bundle.pk}:" in related and f"Hồ sơ số {other.pk}:" not in related
    related = login(world.dave).get(page(bundle)).content.decode().split('id="lien-quan"', 1)[1].split("</ul>")[0]
    assert f"Hồ sơ số {below.pk}:" in related and f"Hồ sơ số {bundle.pk}:" not in related


def test_the_home_page_counts_the_people_of_the_scope_and_its_history(login, world, tree):
    people(tree.ha_hoa_district, ["Người Huyện Cũ"])  # a unit before the reform: in the province's history
    people(tree.nha_trang, ["Người Tỉnh Khác"])
    response = login(world.phuong).get(HOME)
    expected = Person.objects.visible_to(world.phuong).count()
    assert response.context["person_count"] == expected
    assert Person.objects.filter(full_name="Người Huyện Cũ").filter(
        pk__in=Person.objects.visible_to(world.phuong)).exists()
    assert not Person.objects.visible_to(world.phuong).filter(full_name="Người Tỉnh Khác").exists()
    assert Person.objects.count_in_units(Unit.objects.subtree_of(tree.khanh_hoa)) == 1


@pytest.mark.parametrize("closed", [1, 3])
def test_the_approvers_home_and_inbox_run_a_fixed_number_of_queries(login, world, tree, closed,
                                                                    django_assert_num_queries):
    for start in range(closed):
        dossier = packet(tree, 2, 100 * start)
        dossiers.receive_dossier(dossier, actor=world.phuong)
        approve_all(dossier, world.carol)
        dossiers.settle_dossier(refresh(dossier), actor=world.dave)
    client = login(world.dave)
    client.get(HOME)
    with django_assert_num_queries(16):
        html = client.get(HOME).content.decode()
    assert re.search(rf'>Hồ sơ chờ chuyển lên cấp trên hoặc quyết định</a>\s*<span class="badge[^"]*">{closed}</span>',
                     html)
    with django_assert_num_queries(10):
        client.get(reverse("awards:dossier_inbox"))


def test_a_closed_packet_waits_for_the_decision_only_while_lines_are_ready_at_its_receiver(world, tree):
    dossier = packet(tree, 2, 0)
    dossiers.receive_dossier(dossier, actor=world.phuong)
    approve_all(dossier, world.carol)
    dossier = dossiers.settle_dossier(refresh(dossier), actor=world.dave)
    assert refresh(dossier).status == S.CLOSED
    assert dossier.pk in [item.dossier.pk for item in inbox(world.dave)[0]]
    first, second = dossier.lines.order_by("pk")
    # A ready line decided by another unit does not make this level wait.
    DossierLine.objects.filter(pk=first.pk).update(status=L.DECIDED)
    DossierLine.objects.filter(pk=second.pk).update(deciding_unit=tree.khanh_hoa)
    assert dossier.pk not in [item.dossier.pk for item in inbox(type(world.dave).objects.get(pk=world.dave.pk))[0]]
    DossierLine.objects.filter(pk=second.pk).update(deciding_unit=dossier.receiver)
    assert dossier.pk in [item.dossier.pk for item in inbox(type(world.dave).objects.get(pk=world.dave.pk))[0]]
