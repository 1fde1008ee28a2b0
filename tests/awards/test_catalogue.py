"""The catalogue and the authority table loaded by awards/migrations/0002_catalogue match domain.md.

The expectations are written out here again, from domain.md §0, §1.1, §1.2 and §4, rather than
imported from the migration: a test that reads its answers from the code under test proves nothing.
"""

import datetime

import pytest
from django.apps import apps
from django.core.management import call_command

from units.models import Unit

from awards.models import Authority, AuthorityLevel, AwardType, DatedRule, RegulationVersion

from tests.conftest import make_unit

pytestmark = pytest.mark.django_db

D = datetime.date
K, L, G = Unit.Kind, AuthorityLevel, AwardType.Group
IN_2023, IN_2024, LAST_DAY, REFORM, IN_2026 = D(2023, 6, 1), D(2024, 6, 1), D(2025, 6, 30), D(2025, 7, 1), D(2026, 3, 1)
THREE = ["Nhất", "Nhì", "Ba"]

# code → (group, subjects: I individual / C collective / H household, classes)
CATALOGUE = {
    # §1.1 titles
    "LDTT": (G.TITLE, "I", []), "CSTT": (G.TITLE, "I", []), "CSTDCS": (G.TITLE, "I", []),
    "CSTD_BT": (G.TITLE, "I", []), "CSTD_TQ": (G.TITLE, "I", []),
    "TTLDTT": (G.TITLE, "C", []), "DVTT": (G.TITLE, "C", []), "TTLDXS": (G.TITLE, "C", []),
    "DVQT": (G.TITLE, "C", []), "CO_BT": (G.TITLE, "C", []), "CO_CP": (G.TITLE, "C", []),
    "XA_TB": (G.TITLE, "C", []), "THON_VH": (G.TITLE, "C", []), "GD_VH": (G.TITLE, "H", []),
    # §1.2 orders
    "HC_SAO_VANG": (G.ORDER, "IC", []), "HC_HO_CHI_MINH": (G.ORDER, "IC", []),
    "HC_DOC_LAP": (G.ORDER, "IC", THREE), "HC_QUAN_CONG": (G.ORDER, "IC", THREE),
    "HC_LAO_DONG": (G.ORDER, "IC", THREE), "HC_BAO_VE_TQ": (G.ORDER, "IC", THREE),
    "HC_CHIEN_CONG": (G.ORDER, "IC", THREE), "HC_DAI_DOAN_KET": (G.ORDER, "I", []),
    "HC_DUNG_CAM": (G.ORDER, "I", []), "HC_HUU_NGHI": (G.ORDER, "IC", []),
    # §1.2 medals
    "HCH_QUAN_KY": (G.MEDAL, "I", []), "HCH_VI_AN_NINH": (G.MEDAL, "I", []),
    "HCH_CHIEN_SI_VE_VANG": (G.MEDAL, "I", THREE), "HCH_HUU_NGHI": (G.MEDAL, "I", []),
    "HCH_TNXP": (G.MEDAL, "I", []),
    # §1.2 state honours
    "BM_VNAH": (G.HONOUR, "I", []), "AH_LLVTND": (G.HONOUR, "IC", []), "AH_LD": (G.HONOUR, "IC", []),
    "NGND": (G.HONOUR, "I", []), "NGUT": (G.HONOUR, "I", []), "TTND": (G.HONOUR, "I", []),
    "TTUT": (G.HONOUR, "I", []), "NSND": (G.HONOUR, "I", []), "NSUT": (G.HONOUR, "I", []),
    "NNND": (G.HONOUR, "I", []), "NNUT": (G.HONOUR, "I", []),
    # §1.2 prizes, commemorative medal, certificates
    "GT_HCM": (G.PRIZE, "IC", []), "GT_NN": (G.PRIZE, "IC", []),
    "KNC": (G.COMMEMORATIVE, "I", []),
    "BK_TTG": (G.CERTIFICATE, "ICH", []), "BK_BO": (G.CERTIFICATE, "ICH", []),
    "BK_TINH": (G.CERTIFICATE, "ICH", []), "GIAY_KHEN": (G.CERTIFICATE, "ICH", []),
}

NAMES = {
    "LDTT": "Lao động tiên tiến",
    "CSTDCS": "Chiến sĩ thi đua cơ sở",
    "CSTD_BT": "Chiến sĩ thi đua bộ, ban, ngành, tỉnh",
    "CSTD_TQ": "Chiến sĩ thi đua toàn quốc",
    "TTLDXS": "Tập thể lao động xuất sắc",
    "CO_CP": "Cờ thi đua của Chính phủ",
    "THON_VH": "Thôn, tổ dân phố văn hóa",
    "GD_VH": "Gia đình văn hóa",
    "HC_LAO_DONG": "Huân chương Lao động",
    "HC_DAI_DOAN_KET": "Huân chương Đại đoàn kết dân tộc",
    "HCH_QUAN_KY": "Huy chương Quân kỳ quyết thắng",
    "BM_VNAH": "Bà mẹ Việt Nam anh hùng",
    "NGUT": "Nhà giáo ưu tú",
    "GT_HCM": "Giải thưởng Hồ Chí Minh",
    "BK_TTG": "Bằng khen của Thủ tướng Chính phủ",
    "BK_TINH": "Bằng khen của Chủ tịch UBND tỉnh",
    "GIAY_KHEN": "Giấy khen",
}

# Status marks of the title rows of §1.1.
TITLE_CERTAINTY = {"LDTT": "V", "CSTDCS": "V", "CSTD_BT": "K", "CSTD_TQ": "V", "TTLDTT": "K", "TTLDXS": "V",
                   "CO_BT": "K", "CO_CP": "V", "XA_TB": "V", "THON_VH": "V", "GD_VH": "V"}

# Every U of the domain that is an authority: §4 (district powers → commune chair after 1/7/2025)
# and §1.2 (Kỷ niệm chương given by provinces).
UNCERTAIN_AUTHORITIES = {
    ("L22_D152", "LDTT", L.COMMUNE), ("L22_D152", "CSTDCS", L.COMMUNE), ("L22_D152", "TTLDTT", L.COMMUNE),
    ("L22_D152", "THON_VH", L.COMMUNE), ("L22_D152", "GIAY_KHEN", L.COMMUNE),
    ("L22_D98", "KNC", L.PROVINCE), ("L22_D152", "KNC", L.PROVINCE),
}

# Armed-forces titles are decided under MoD/MoPS rules (L22 Art. 80.5): no civil authority row.
ARMED_FORCES_TITLES = {"CSTT", "DVTT", "DVQT"}


def codes(queryset):
    return set(queryset.values_list("award__code", flat=True))


def granting(kind, on):
    unit = make_unit(f"Đơn vị thử {kind}", kind)
    return codes(Authority.objects.granting_at(unit, on))


def at_level(level, on):
    return codes(Authority.objects.in_force(on).filter(level=level))


# --- Regulation versions ----------------------------------------------------------------------

def test_regulation_versions_and_their_dates():
    versions = {r.code: (r.valid_from, r.valid_to) for r in RegulationVersion.objects.all()}
    assert versions == {
        "L03_D91": (D(2017, 10, 1), D(2023, 12, 31)),
        "L22_D98": (D(2024, 1, 1), D(2025, 6, 30)),
        "L22_D152": (D(2025, 7, 1), None),
    }
    assert "91/2017/NĐ-CP" in RegulationVersion.objects.get(code="L03_D91").name
    assert "06/2022/QH15" in RegulationVersion.objects.get(code="L22_D98").name
    assert "152/2025/NĐ-CP" in RegulationVersion.objects.get(code="L22_D152").name


@pytest.mark.parametrize("on, code", [(IN_2023, "L03_D91"), (D(2024, 1, 1), "L22_D98"), (LAST_DAY, "L22_D98"),
                                      (REFORM, "L22_D152"), (D(2030, 1, 1), "L22_D152")])
def test_exactly_one_version_is_in_force_on_a_day(on, code):
    assert list(RegulationVersion.objects.in_force(on).values_list("code", flat=True)) == [code]


# --- The catalogue ----------------------------------------------------------------------------

def test_the_catalogue_holds_exactly_the_codes_of_the_domain():
    assert set(AwardType.objects.values_list("code", flat=True)) == set(CATALOGUE)


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_group_subjects_and_classes(code):
    group, subjects, classes = CATALOGUE[code]
    award = AwardType.objects.get(code=code)
    assert award.group == group
    assert (award.for_individuals, award.for_collectives, award.for_households) == (
        "I" in subjects, "C" in subjects, "H" in subjects)
    assert award.class_list == classes
    assert award.name and award.legal_basis and award.certainty in "VKU"


def test_examples_named_in_the_brief():
    assert AwardType.objects.get(code="HC_LAO_DONG").class_list == ["Nhất", "Nhì", "Ba"]
    bk_ttg = AwardType.objects.get(code="BK_TTG")
    assert bk_ttg.for_individuals and bk_ttg.for_collectives and bk_ttg.for_households
    cstdcs = AwardType.objects.get(code="CSTDCS")
    assert cstdcs.for_individuals and not cstdcs.for_collectives and not cstdcs.for_households


@pytest.mark.parametrize("code, name", sorted(NAMES.items()))
def test_names_as_officials_write_them(code, name):
    assert AwardType.objects.get(code=code).name == name


def test_titles_carry_the_status_marks_of_the_domain():
    assert dict(AwardType.objects.filter(code__in=TITLE_CERTAINTY).values_list("code", "certainty")) == \
        TITLE_CERTAINTY


def test_kinds_and_chains():
    kinds = dict(AwardType.objects.values_list("code", "kind"))
    # Campaign and ad-hoc awards are kinds of grant, not types of the catalogue.
    assert not {AwardType.Kind.THEMATIC, AwardType.Kind.AD_HOC} & set(kinds.values())
    assert kinds["KNC"] == AwardType.Kind.LONG_SERVICE
    assert kinds["HCH_QUAN_KY"] == kinds["HCH_VI_AN_NINH"] == AwardType.Kind.SENIORITY
    assert kinds["HC_HUU_NGHI"] == kinds["HCH_HUU_NGHI"] == AwardType.Kind.FOREIGN
    assert {kinds[c] for c in ("LDTT", "CSTDCS", "BK_TTG", "GIAY_KHEN", "HC_LAO_DONG")} == {AwardType.Kind.REGULAR}
    assert not AwardType.objects.filter(counts_toward_chains=False).exists()


def test_standards_and_articles_where_the_domain_gives_them():
    basis = dict(AwardType.objects.values_list("code", "legal_basis"))
    for code, article in [("CSTD_TQ", "Điều 21"), ("CSTD_BT", "Điều 22"), ("CSTDCS", "Điều 23"), ("LDTT", "Điều 24"),
                          ("CO_CP", "Điều 25"), ("CO_BT", "Điều 26"), ("TTLDXS", "Điều 27"), ("TTLDTT", "Điều 28"),
                          ("HC_LAO_DONG", "Điều 44"), ("BK_TTG", "Điều 73"), ("GIAY_KHEN", "Điều 75")]:
        assert article in basis[code], code
    assert "86/2023" in basis["GD_VH"]
    assert "3 lần liên tục" in AwardType.objects.get(code="CSTD_BT").standard
    assert "2 lần liên tục" in AwardType.objects.get(code="CSTD_TQ").standard
    assert "70%" in AwardType.objects.get(code="TTLDXS").standard


def test_display_order():
    awards = list(AwardType.objects.all())  # ordered by position
    order = [G.TITLE, G.ORDER, G.MEDAL, G.HONOUR, G.PRIZE, G.CERTIFICATE, G.COMMEMORATIVE]
    ranks = [order.index(a.group) for a in awards]
    assert ranks == sorted(ranks)
    assert len({a.position for a in awards}) == len(awards)
    titles = [a for a in awards if a.group == G.TITLE]
    individual = [a.for_individuals for a in titles]
    assert individual == sorted(individual, reverse=True), "individual titles come before collective ones"
    assert [a.code for a in awards[:1]] == ["LDTT"]


# --- Authorities ------------------------------------------------------------------------------

@pytest.mark.parametrize("on", [IN_2024, IN_2026])
def test_a_commune_chair_grants_giay_khen_gd_vh_and_ldtt(on):
    assert {"GIAY_KHEN", "GD_VH", "LDTT"} <= granting(K.COMMUNE, on)
    assert {"BK_TINH", "BK_TTG", "CSTD_BT", "XA_TB"}.isdisjoint(granting(K.COMMUNE, on))


def test_the_commune_takes_the_district_powers_only_after_the_reform():
    # Before 1/7/2025 the commune chair had no CSTĐCS, TTLĐTT, thôn văn hóa (L22 Art. 80.2 is the district's).
    assert {"CSTDCS", "TTLDTT", "THON_VH"}.isdisjoint(granting(K.COMMUNE, LAST_DAY))
    assert {"CSTDCS", "TTLDTT", "THON_VH"} <= granting(K.COMMUNE, REFORM)
    # Wards and special zones speak for the commune level too.
    assert {"GIAY_KHEN", "LDTT", "GD_VH"} <= granting(K.WARD, IN_2026) == granting(K.SPECIAL_ZONE, IN_2026)


def test_a_district_grants_until_30_june_2025_and_nothing_after():
    assert {"GIAY_KHEN", "LDTT", "CSTDCS", "TTLDTT", "THON_VH"} == granting(K.DISTRICT, LAST_DAY)
    assert granting(K.DISTRICT, IN_2024) == granting(K.DISTRICT, LAST_DAY)
    assert granting(K.DISTRICT, REFORM) == set()
    assert granting(K.DISTRICT, IN_2026) == set()
    assert not Authority.objects.filter(level=L.DISTRICT, valid_to__isnull=True).exists()
    assert not Authority.objects.filter(level=L.DISTRICT, valid_to__gt=LAST_DAY).exists()


@pytest.mark.parametrize("on", [IN_2024, IN_2026])
def test_a_province_chair(on):
    granted = granting(K.PROVINCE, on)
    assert {"BK_TINH", "CSTD_BT", "TTLDXS", "CO_BT", "XA_TB", "CSTDCS"} <= granted
    assert {"BK_TTG", "CSTD_TQ", "CO_CP", "HC_LAO_DONG", "BK_BO"}.isdisjoint(granted)
    assert granting(K.CITY, on) == granted


@pytest.mark.parametrize("on", [IN_2024, IN_2026])
def test_a_minister(on):
    granted = granting(K.MINISTRY, on)
    assert {"BK_BO", "CSTD_BT", "TTLDXS", "CO_BT", "KNC"} <= granted
    assert {"BK_TINH", "BK_TTG", "XA_TB"}.isdisjoint(granted)


@pytest.mark.parametrize("on", [IN_2024, IN_2026])
def test_the_government_and_the_prime_minister(on):
    assert granting(K.CENTRAL, on) == {"BK_TTG", "CSTD_TQ", "CO_CP"}
    assert at_level(L.GOVERNMENT, on) == {"BK_TTG", "CSTD_TQ", "CO_CP"}
    assert Authority.objects.in_force(on).get(award__code="CO_CP").office == "Chính phủ"
    assert Authority.objects.in_force(on).get(award__code="BK_TTG").office == "Thủ tướng Chính phủ"


@pytest.mark.parametrize("on", [IN_2024, IN_2026])
def test_the_president_grants_orders_medals_honours_and_prizes(on):
    state = set(AwardType.objects.filter(group__in=[G.ORDER, G.MEDAL, G.HONOUR, G.PRIZE])
                .values_list("code", flat=True))
    assert "HC_LAO_DONG" in at_level(L.STATE, on)
    assert at_level(L.STATE, on) == state
    assert set(Authority.objects.in_force(on).filter(level=L.STATE).values_list("office", flat=True)) == {
        "Chủ tịch nước"}


@pytest.mark.parametrize("on", [IN_2024, IN_2026])
def test_heads_of_units_sở_and_enterprises(on):
    for kind in (K.OFFICE, K.SCHOOL, K.DEPARTMENT, K.ENTERPRISE):
        assert granting(kind, on) == {"GIAY_KHEN", "LDTT", "CSTDCS", "TTLDTT"}, kind
    department = Authority.objects.in_force(on).get(level=L.DEPARTMENT, award__code="GIAY_KHEN")
    assert department.office == "Giám đốc Sở, thủ trưởng cơ quan thuộc UBND tỉnh"


def test_2022_and_2023_plans_resolve_under_the_old_law():
    assert {"GIAY_KHEN", "LDTT", "CSTDCS"} <= granting(K.DISTRICT, IN_2023)
    assert "GIAY_KHEN" in granting(K.COMMUNE, IN_2023)
    assert {"BK_TINH", "CSTD_BT", "CSTDCS"} <= granting(K.PROVINCE, IN_2023)
    assert {"BK_TTG", "CSTD_TQ"} <= granting(K.CENTRAL, IN_2023)
    old = Authority.objects.filter(regulation__code="L03_D91")
    assert set(old.values_list("certainty", flat=True)) == {"K"}
    assert set(Authority.objects.in_force(D(2022, 3, 1)).values_list("regulation__code", flat=True)) == {"L03_D91"}


def test_rows_take_their_dates_from_their_regulation_version():
    for authority in Authority.objects.select_related("regulation"):
        assert (authority.valid_from, authority.valid_to) == (
            authority.regulation.valid_from, authority.regulation.valid_to), authority
    assert not Authority.objects.filter(regulation__code="L22_D152", level=L.DISTRICT).exists()


def test_both_current_versions_cover_every_civil_award():
    civil = set(CATALOGUE) - ARMED_FORCES_TITLES
    for version in ("L22_D98", "L22_D152"):
        assert codes(Authority.objects.filter(regulation__code=version)) == civil, version
    # One office per award and level in a version, except the U rows that stand beside a V one.
    rows = list(Authority.objects.filter(regulation__code__startswith="L22").values_list(
        "regulation__code", "award__code", "level", "certainty"))
    certain = [r[:3] for r in rows if r[3] != "U"]
    assert len(certain) == len(set(certain))


def test_every_uncertain_rule_of_the_domain_is_stored_as_u():
    uncertain = Authority.objects.filter(certainty="U")
    assert set(uncertain.values_list("regulation__code", "award__code", "level")) == UNCERTAIN_AUTHORITIES
    for authority in uncertain.filter(regulation__code="L22_D152", level=L.COMMUNE):
        assert "152/2025/NĐ-CP" in authority.note and "Quy chế" in authority.note
        assert authority.valid_from == REFORM and authority.valid_to is None
    # The commune's own powers under Art. 80.3 stay certain on both sides of the reform.
    for on in (IN_2024, IN_2026):
        own = Authority.objects.in_force(on).filter(level=L.COMMUNE, certainty="V")
        assert codes(own) == {"GIAY_KHEN", "LDTT", "GD_VH"}


# --- The reverse migration --------------------------------------------------------------------

def catalogue_counts():
    return RegulationVersion.objects.count(), AwardType.objects.count(), Authority.objects.count()


@pytest.mark.django_db
def test_the_reverse_migration_removes_the_rows_and_the_forward_one_restores_them():
    # The migration's own functions, run against the current models inside the test's
    # transaction (rolled back afterwards): migrating the schema back and forth would leave
    # PostgreSQL's test database in a state its flush cannot clear.
    import importlib
    from types import SimpleNamespace

    from django.apps import apps

    migration = importlib.import_module("awards.migrations.0002_catalogue")
    loaded = catalogue_counts()
    assert loaded == (3, len(CATALOGUE), loaded[2]) and loaded[2] > 100
    from awards.models import FormTemplate, Standard, VoteRule

    for later in (Standard, VoteRule, FormTemplate):  # later rules hang on the catalogue; they go first,
        later.objects.all().delete()                   # as in a reverse migrate
    editor = SimpleNamespace(connection=SimpleNamespace(alias="default"))  # all the functions read of it
    migration.unload(apps, editor)
    assert catalogue_counts() == (0, 0, 0)
    migration.load(apps, editor)
    assert catalogue_counts() == loaded


RULE_MODELS = ["Authority", "DocumentRequirement", "VoteRule", "Standard", "AwardExclusion", "RoutingLink",
               "ProcessingTimeLimit", "ConsultationRule", "AwardDowngrade"]


@pytest.mark.parametrize("name", RULE_MODELS)
def test_each_rule_table_is_a_dated_rule_read_in_force_the_same_way(name):
    model = apps.get_model("awards", name)
    assert issubclass(model, DatedRule)
    labels = {field.name: str(field.verbose_name) for field in model._meta.fields}
    assert (labels["valid_from"], labels["valid_to"], labels["legal_basis"], labels["certainty"]) == (
        "hiệu lực từ", "hiệu lực đến", "căn cứ", "mức chắc chắn")
    # The shared queryset answers as it did per table: D152 is in force in 2026, D98 ended in 2025.
    on = datetime.date(2026, 1, 1)
    assert model.objects.in_force(on).count() == sum(row.is_valid_on(on) for row in model.objects.all())
    assert [r.code for r in RegulationVersion.objects.in_force(on)] == ["L22_D152"]


def test_the_shared_base_leaves_every_table_as_its_migrations_made_it():
    call_command("makemigrations", "awards", "campaigns", "units", check=True, dry_run=True, verbosity=0)
