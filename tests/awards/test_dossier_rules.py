"""Numbered forms, dossier documents and vote rules loaded by 0007_dossier_rules match domain.md §2.1–§2.3.

Expectations are written out again from domain.md, not imported from the migration.
"""

import datetime

import pytest

from awards.models import AwardType, DocumentKind, DocumentRequirement, FormTemplate, VoteRule
from awards.rules import regulations as dossier_rules

pytestmark = pytest.mark.django_db

D = datetime.date
IN_2023, IN_2024, IN_2026 = D(2023, 6, 1), D(2024, 6, 1), D(2026, 3, 1)
P = FormTemplate.Purpose


def award(code):
    return AwardType.objects.get(code=code)


def report_form(code, subject, on, thematic=False):
    report = next(r for r in dossier_rules.required_documents(award(code), subject, on)
                  if r.kind == DocumentKind.ACHIEVEMENT_REPORT)
    return dossier_rules.form_for(report, on, thematic=thematic)


@pytest.mark.parametrize("on, code, subject, thematic, number, decree", [
    # D98 (1/2024–6/2025): Mẫu 02 collective, Mẫu 03 individual, Mẫu 08 campaign reports.
    (IN_2024, "BK_TINH", "collective", False, "02", "98/2023"),
    (IN_2024, "CSTDCS", "individual", False, "03", "98/2023"),
    (IN_2024, "BK_TINH", "individual", True, "08", "98/2023"),
    (IN_2024, "BK_TINH", "collective", True, "08", "98/2023"),
    # D91 (2017–2023): Mẫu 01 collective, 02 individual, 03 long service, 07 campaign.
    (IN_2023, "TTLDXS", "collective", False, "01", "91/2017"),
    (IN_2023, "LDTT", "individual", False, "02", "91/2017"),
    (IN_2023, "KNC", "individual", False, "03", "91/2017"),
    (IN_2023, "GIAY_KHEN", "individual", True, "07", "91/2017"),
    # Heroes have their own forms whatever the campaign.
    (IN_2023, "AH_LD", "collective", True, "04", "91/2017"),
    (IN_2023, "AH_LD", "individual", False, "05", "91/2017"),
    # After 1/7/2025 the D152 form, with the number still to be checked.
    (IN_2026, "CSTDCS", "individual", False, "03", "152/2025"),
])
def test_the_achievement_report_is_written_on_the_form_of_its_regulation(on, code, subject, thematic, number,
                                                                          decree):
    form = report_form(code, subject, on, thematic)
    assert form.number == number
    assert decree in form.decree
    assert form.citation == f"Mẫu số {number} ban hành kèm theo {form.decree}"


def test_forms_the_domain_does_not_confirm_are_marked_for_checking():
    assert FormTemplate.objects.get(regulation__code="L22_D98", purpose=P.REPORT_THEMATIC).certainty == "V"
    assert FormTemplate.objects.get(regulation__code="L22_D98", purpose=P.REPORT_AD_HOC).certainty == "U"
    assert set(FormTemplate.objects.filter(regulation__code="L22_D152").values_list("certainty", flat=True)) == {"U"}


def kinds(code, subject, on=IN_2026):
    return [r.kind for r in dossier_rules.required_documents(award(code), subject, on)]


def test_a_title_dossier_holds_proposal_report_minutes_and_for_emulation_soldiers_the_initiative():
    K = DocumentKind
    assert kinds("LDTT", "individual") == [K.PROPOSAL, K.ACHIEVEMENT_REPORT, K.MINUTES]
    for code in ("CSTDCS", "CSTD_BT", "CSTD_TQ"):
        assert kinds(code, "individual") == [K.PROPOSAL, K.ACHIEVEMENT_REPORT, K.MINUTES, K.INITIATIVE_PROOF]


def test_a_commendation_dossier_has_one_report_for_the_subject_kind_proposed():
    collective = dossier_rules.required_documents(award("BK_TINH"), "collective", IN_2026)
    reports = [r for r in collective if r.kind == DocumentKind.ACHIEVEMENT_REPORT]
    assert [r.subject for r in reports] == ["collective"]
    assert [r.per_line for r in collective] == [False, True, False]


def test_every_award_needs_a_proposal_a_report_and_minutes():
    for item in AwardType.objects.all():
        present = set(DocumentRequirement.objects.filter(award=item).values_list("kind", flat=True))
        assert {DocumentKind.PROPOSAL, DocumentKind.ACHIEVEMENT_REPORT, DocumentKind.MINUTES} <= present, item.code


def test_a_requirement_ended_by_an_admin_is_no_longer_asked_for():
    row = DocumentRequirement.objects.get(award__code="CSTDCS", kind=DocumentKind.INITIATIVE_PROOF)
    row.valid_to = D(2025, 12, 31)
    row.save()
    assert DocumentKind.INITIATIVE_PROOF not in kinds("CSTDCS", "individual", IN_2026)
    assert DocumentKind.INITIATIVE_PROOF in kinds("CSTDCS", "individual", IN_2024)


@pytest.mark.parametrize("code, level, ratio", [
    ("CSTD_BT", "province", "0.900"),
    ("BK_TTG", "province", "0.800"),
    ("CSTDCS", "commune", "0.700"),
    ("HC_LAO_DONG", "province", "0.800"),
    ("AH_LD", "government", "0.900"),
    ("GIAY_KHEN", "commune", "0.500"),  # the default row
])
def test_vote_thresholds_count_all_members_with_a_two_thirds_quorum(code, level, ratio):
    rule = dossier_rules.vote_rule(award(code), level, IN_2026)
    assert str(rule.min_ratio) == ratio
    assert rule.base == VoteRule.Base.ALL_MEMBERS
    assert str(rule.quorum_ratio) == "0.667"
    assert rule.secret_ballot
    assert rule.certainty == "U"  # national thresholds are not confirmed


def test_a_province_rule_for_one_level_beats_the_national_default():
    regulation = dossier_rules.regulation_on(IN_2026)
    VoteRule.objects.create(regulation=regulation, award=award("CSTD_BT"), level="province", min_ratio="0.850")
    assert str(dossier_rules.vote_rule(award("CSTD_BT"), "province", IN_2026).min_ratio) == "0.850"
    assert str(dossier_rules.vote_rule(award("CSTD_BT"), "ministry", IN_2026).min_ratio) == "0.900"


def test_rules_follow_the_regulations_in_force_on_the_dossier_date():
    assert dossier_rules.regulation_on(IN_2023).code == "L03_D91"
    assert dossier_rules.vote_rule(award("BK_TTG"), "province", IN_2023).regulation.code == "L03_D91"
