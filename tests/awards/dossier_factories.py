"""Lists, people and officials for the dossier tests, and the steps that bring a dossier to a status."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection, migrations
from django.utils import timezone

from units.models import Membership, User

from awards.models import AwardType, Dossier, DossierLine, NominationLine, NominationList
from awards.rules.workflow import Action as A
from awards.services import dossiers, nominations

from tests.awards.pdf_files import attach_missing
from tests.conftest import make_person

R = Membership.Role
S, L = Dossier.Status, DossierLine.Status
PASSWORD = "mat-khau-thu-nghiem-1"


def official(username, unit, role):
    """An account holding ``role`` at ``unit`` with no end date, whatever era the test plays in."""
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=username.title())
    Membership.objects.create(user=user, unit=unit, role=role)
    return user


def award(code):
    return AwardType.objects.get(code=code)


def make_list(unit, actor, entries, *, year=2026, plan=None, title="Đề nghị khen thưởng năm 2026"):
    """A draft list of ``unit`` with one line per (subject, award code); subjects are people or units."""
    nomination_list = NominationList.objects.create(unit=unit, plan=plan, year=year, title=title, created_by=actor)
    for subject, code in entries:
        is_person = not hasattr(subject, "kind")
        NominationLine.objects.create(
            nomination_list=nomination_list, plan=plan, year=year, person=subject if is_person else None,
            collective=None if is_person else subject, award=award(code),
            summary=f"Thành tích của {subject} năm {year}.")
    return nomination_list


def submit(nomination_list, actor):
    """Complete the list's documents, submit it, and return its dossiers (the upward one first)."""
    attach_missing(nomination_list, actor=actor)
    nominations.submit_list(nomination_list, actor=actor)
    return list(Dossier.objects.filter(nomination_list=nomination_list).order_by("pk"))


def people(unit, names):
    return [make_person(name, unit) for name in names]


def lines_of(dossier):
    return list(DossierLine.objects.filter(dossier=dossier).select_related("nomination_line__award").order_by("pk"))


def line_for(dossier, code):
    return next(line for line in lines_of(dossier) if line.nomination_line.award.code == code)


def approve_all(dossier, reviewer, **kwargs):
    verdicts = {line.pk: (A.APPROVE, "") for line in lines_of(dossier) if line.status == L.ACCEPTED}
    return dossiers.approve_dossier(dossier, actor=reviewer, verdicts=verdicts, **kwargs)


def refresh(dossier):
    return Dossier.objects.get(pk=dossier.pk)


@pytest.fixture
def on_day(monkeypatch):
    """Play the test on another day: the clock services read (timezone.now) is set to noon of that day."""

    def set_day(day: datetime.date):
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return set_day


RULE_MIGRATIONS = ("0002_catalogue", "0007_dossier_rules", "0011_dossiers", "0014_certificates", "0015_consultations",
                   "0016_councils", "0022_catalogue_search_keys", "0023_certificate_standards",
                   "0026_legal_documents", "0028_legal_document_unit_kinds", "0035_statistical_forms",
                   "0037_statutory_forms_2025", "0039_position_group_words")


def load_rule_rows():
    """Load the rule rows of the data migrations again (catalogue, authorities, dossier rules, time limits).

    A transactional test runs on tables its predecessors flushed, so the rows a data migration
    wrote are gone; routing needs them. Loaded only when missing.
    """
    if AwardType.objects.exists():
        return
    editor = SimpleNamespace(connection=connection)
    for name in RULE_MIGRATIONS:
        module = importlib.import_module(f"awards.migrations.{name}")
        for operation in module.Migration.operations:
            if isinstance(operation, migrations.RunPython):
                operation.code(apps, editor)
