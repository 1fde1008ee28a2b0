"""A nomination line offers only the awards it may propose: the plan's tiers, or in the annual review what the
list's unit decides and what the level it sends to decides, by the kind of subject; anything else is refused."""

import pytest
from django.urls import reverse

from campaigns.models import AwardTier

from awards.models import AwardType
from awards.services import nominations

from tests.conftest import make_person

pytestmark = pytest.mark.django_db


def award(code):
    return AwardType.objects.get(code=code)


def url(nomination_list):
    return reverse("awards:nomination_list_detail", args=[nomination_list.pk])


def offered(client, nomination_list):
    """The award field's options as {group label: [award names]}."""
    field = client.get(url(nomination_list)).context["form"]["award"].field
    return {label: [name for _pk, name in options] for label, options in field.choices if label}


def test_a_communes_annual_list_offers_the_communes_and_the_provinces_awards_only(login, cast, annual_list):
    groups = offered(login(cast.alice), annual_list)
    individual = groups["Cá nhân"]
    assert "Lao động tiên tiến" in individual  # the commune chair grants it
    assert award("BK_TINH").name in individual  # the province does, on the commune's proposal
    assert award("HC_SAO_VANG").name not in sum(groups.values(), [])
    assert award("BK_TTG").name not in sum(groups.values(), [])
    # Awards for collectives only are not offered for individuals, and the other way round.
    assert award("XA_TB").name in groups["Tập thể"] and award("XA_TB").name not in individual
    assert award("GD_VH").name in groups["Hộ gia đình"] and award("GD_VH").name not in individual


def test_a_list_under_a_plan_offers_the_plans_tiers(login, cast, tree, plan):
    AwardTier.objects.create(plan=plan, award_name="Bằng khen của Chủ tịch UBND tỉnh", award=award("BK_TINH"),
                             position=1)
    AwardTier.objects.create(plan=plan, award_name="Tập thể lao động xuất sắc", award=award("TTLDXS"),
                             position=2, for_individuals=False)
    plan_list = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026,
                                        title="Theo kế hoạch")
    groups = offered(login(cast.alice), plan_list)
    assert set(sum(groups.values(), [])) == {award("BK_TINH").name, award("TTLDXS").name}
    assert groups["Cá nhân"] == [award("BK_TINH").name]
    assert set(groups["Tập thể"]) == {award("BK_TINH").name, award("TTLDXS").name}


def test_a_forged_award_outside_the_list_is_refused_in_vietnamese(login, cast, tree, annual_list):
    an = make_person("Nguyễn Văn An", tree.ha_hoa)
    response = login(cast.alice).post(url(annual_list), {"person": an.pk, "award": award("HC_SAO_VANG").pk,
                                                         "summary": "Gõ dở"})
    html = response.content.decode()
    assert response.status_code == 200 and not annual_list.lines.exists()
    assert "Hình thức, danh hiệu này không thuộc các hình thức được đề nghị trong danh sách này" in html
    assert "Gõ dở" in html
