"""The awards admin: every model it registers opens for a superuser, and only for a superuser."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Edited here when the law changes.
EDITABLE = [
    "Authority", "AwardDowngrade", "AwardExclusion", "AwardRecord", "AwardType", "CertificateSeries",
    "CertificateWording", "ConsultationRule", "Council", "DisciplinePeriod", "DocumentRequirement", "FormTemplate",
    "Holiday", "Initiative", "LegalDocument", "PositionGroupWord", "ProcessingTimeLimit", "RegulationVersion",
    "RoutingLink", "Standard",
    "StatisticalForm", "TaskRating", "VoteRule",
]
# Written only by their services, which keep the audit chain: the admin reads them.
READ_ONLY = [
    "AwardReviewFlag", "AwardRevocation", "Certificate", "CouncilSession", "Decision", "DecisionPublication", "Dossier",
    "DossierEvent", "EmulationBlock", "PublicConsultation", "ScoreGroup", "ScoreSheet", "SignedPlanCopy",
    "SigningCertificate", "YearlySheet",
]
REGISTERED = EDITABLE + READ_ONLY


def url(name, page):
    return reverse(f"admin:awards_{name.lower()}_{page}")


def test_every_awards_model_registered_before_the_split_still_is():
    registered = {model.__name__ for model in admin.site._registry if model._meta.app_label == "awards"}
    assert registered == set(REGISTERED)
    assert all(admin.site.is_registered(apps.get_model("awards", name)) for name in REGISTERED)


@pytest.mark.parametrize("name", REGISTERED)
def test_a_superuser_opens_the_list(login, cast, name):
    assert login(cast.root).get(url(name, "changelist")).status_code == 200


@pytest.mark.parametrize("name", REGISTERED)
def test_a_unit_admin_is_refused_the_list(login, cast, name):
    assert login(cast.erin).get(url(name, "changelist")).status_code == 403


@pytest.mark.parametrize("name", REGISTERED)
def test_a_superuser_adds_only_rows_no_service_writes(login, cast, name):
    assert login(cast.root).get(url(name, "add")).status_code == (200 if name in EDITABLE else 403)


def test_a_dated_rules_form_lists_its_own_fields_before_its_dates_and_basis(cast):
    from django.contrib import admin as django_admin
    from django.test import RequestFactory

    from awards.models import Authority, PositionGroupWord, VoteRule

    request = RequestFactory().get("/")
    request.user = cast.root
    for model, own in ((Authority, ["regulation", "award", "level", "office"]),
                       (VoteRule, ["regulation", "level", "award", "base", "min_ratio", "quorum_ratio",
                                   "secret_ballot"]),
                       (PositionGroupWord, ["group", "word"])):
        fields = django_admin.site._registry[model].get_fields(request)
        assert fields == own + ["valid_from", "valid_to", "legal_basis", "certainty", "note"]
