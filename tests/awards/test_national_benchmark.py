"""``manage.py benchmark --national``: the dataset is built as the portal would hold it, once, and the report has
the shape runs are compared by, with query counts that do not grow with the data."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction

from units.models import Person
from units.text import fold

from awards.benchmarks import dataset, measure, pages
from awards.models import AwardRecord, AwardTally, Decision, Dossier, DossierEvent, DossierLine, TaskRating
from awards.rules import award_tallies, hash_chain

pytestmark = pytest.mark.django_db

TIMED = ["dossier_list", "dossier_200_lines", "person_search", "eligibility_200"]


class _Rollback(Exception):
    pass


def _built_and_timed(scale, tmp_path=None):
    """Build at ``scale``, time the TIMED pages three times each and roll it all back; returns the results."""
    try:
        with transaction.atomic():
            parameters, build = dataset.build(scale, seed=7)
            results = measure.measure(pages.pages(only=TIMED), repeat=3)
            if tmp_path is not None:
                measure.write_json(tmp_path / "run.json", parameters=parameters, build=build, results=results)
                _check_dataset(parameters)
                _check_reuse(scale)
            raise _Rollback(results)
    except _Rollback as done:
        return done.args[0]


def _check_dataset(parameters):
    people = Person.objects.all()  # the tree alone was there before: every person is the benchmark's
    assert people.count() == parameters["people"]
    for person in people[:50]:
        assert person.search_key == fold(person.full_name)  # folded as Person.save folds it
    assert AwardRecord.objects.filter(decision__isnull=False).count() == AwardRecord.objects.count() > 0
    assert Decision.objects.filter(status="issued", published=True).exists()
    assert TaskRating.objects.count() == parameters["people"] * 5
    assert set(Dossier.objects.values_list("status", flat=True)) >= {"received", "closed"}
    assert DossierLine.objects.filter(previous__isnull=False).exists()  # bundles forwarded to the centre
    assert DossierEvent.objects.exists()
    assert all(found is None for _dossier, found in hash_chain.verify_all())
    # The records were written directly: the statistics' award tally was counted after them.
    assert AwardTally.objects.exists() and list(award_tallies.all_differences()) == []


def test_the_dataset_is_built_once_and_the_report_keeps_its_shape(tree, tmp_path):
    small = _built_and_timed(0.0002, tmp_path)
    data = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
    assert set(data) == {"database", "parameters", "build", "pages"}
    assert data["parameters"]["people"] == 200 and data["build"]["reused"] is False
    assert set(data["build"]["seconds"]) >= {"people_records_ratings", "dossiers_and_events"}
    assert [page["name"] for page in data["pages"]] == TIMED
    for page in data["pages"]:
        assert {"median_ms", "p95_ms", "queries", "floor_median_ms", "floor_p95_ms", "ratio", "target_p95_ms",
                "p95_ok", "ratio_ok"} <= set(page)
        assert page["queries"] > 0 and page["repeat"] == 3
    larger = _built_and_timed(0.0006)
    # The same page over three times the rows asks the database as many times: no query per row.
    assert {r["name"]: r["queries"] for r in small} == {r["name"]: r["queries"] for r in larger}


def _check_reuse(scale):
    """A second run finds the dataset built and reuses it; one with other parameters is refused."""
    people = Person.objects.count()
    _parameters, report = dataset.build(scale, seed=7)
    assert report["reused"] is True and Person.objects.count() == people
    # A dataset built before the statistics read the tally gets it counted when reused.
    AwardTally.objects.all().delete()
    dataset.build(scale, seed=7)
    assert AwardTally.objects.exists() and list(award_tallies.all_differences()) == []
    with pytest.raises(dataset.DatasetRefused):
        dataset.build(scale * 2, seed=7)


def test_the_command_prints_the_table_and_writes_the_json(tree, tmp_path):
    out = io.StringIO()
    call_command("benchmark", "--national", "--scale", "0.0002", "--repeat", "2", "--pages", "person_picker",
                 "--json", str(tmp_path / "out.json"), stdout=out)
    assert "person_picker" in out.getvalue() and "p95 ≤ 50 ms" in out.getvalue()
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["pages"][0]["name"] == "person_picker"


def test_the_dossier_floor_fetches_the_lines_the_dossier_page_shows():
    from awards.benchmarks import pages
    from awards.views import dossiers

    assert pages.LINES_PER_PAGE == dossiers.LINES_PER_PAGE
