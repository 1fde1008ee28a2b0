"""The national dataset: built once per database, at a scale, from a seed, and recorded so a second run reuses it.

At scale 1: the real tree with four departments (two offices each) under every province and three offices
under every commune; 1,000,000 people; five years of ratings and awards (about 3,000,000 records with their
decisions, and the award tally the statistics page sums); 300,000 proposals in 20,000 packets over every level
and state, with about 200,000 chained events; 2,000 plans with their reports. Every count is multiplied by the
scale. The same seed gives the same rows on SQLite and PostgreSQL.

The rows are kept (they are the point): build it in a database of its own. ``build`` refuses a database
holding people it did not write, and one built with other parameters.
"""

import random
import time

from django.db import transaction

from units.models import Person

from awards.benchmarks import rows
from awards.benchmarks.dossier_rows import build_dossiers
from awards.benchmarks.people_rows import build_people
from awards.benchmarks.plan_rows import build_plans
from awards.benchmarks.tree_rows import build_tree
from awards.models import AwardRecord, AwardTally
from awards.services.award_tallies import rebuild_tallies

NAME = "national"
FULL = {"people": 1_000_000, "dossiers": 20_000, "lines": 300_000, "events": 200_000, "plans": 2_000}
# A database with more people than this that the benchmark did not build is someone's data: leave it alone.
FOREIGN_PEOPLE = 1_000


class DatasetRefused(Exception):
    pass


def parameters(scale: float, seed: int) -> dict:
    counts = {key: max(1, round(value * scale)) for key, value in FULL.items()}
    return {"scale": scale, "seed": seed, **counts}


def build(scale: float, seed: int = 2026, *, write=lambda line: None) -> tuple[dict, dict]:
    """The dataset at ``scale``: (parameters, report of counts and seconds); built now or found built before."""
    wanted = parameters(scale, seed)
    found = rows.read_marker(NAME)
    if found is not None:
        built, report = found
        if built != wanted:
            raise DatasetRefused(f"Cơ sở dữ liệu đã có bộ dữ liệu đo với tham số khác ({built}); "
                                 "hãy dùng một cơ sở dữ liệu mới.")
        write("Dùng lại bộ dữ liệu đã dựng: " + ", ".join(f"{k} {v}" for k, v in report["counts"].items()))
        if not AwardTally.objects.exists() and AwardRecord.objects.exists():
            # Built before the statistics read the award tally: count it once now.
            started = time.perf_counter()
            written = rebuild_tallies()
            rows.analyze()
            rows.vacuum()
            write(f"  Đếm số khen thưởng đã cộng: {written} dòng, {time.perf_counter() - started:.1f} s")
        return built, {**report, "reused": True}
    if Person.objects.count() > FOREIGN_PEOPLE:
        raise DatasetRefused("Cơ sở dữ liệu đã có dữ liệu không do lệnh đo tạo ra; hãy dùng một cơ sở dữ liệu mới.")
    seconds, counts = {}, {}

    def step(name, call):
        started = time.perf_counter()
        result = call()
        seconds[name] = round(time.perf_counter() - started, 2)
        write(f"  {name:<28} {seconds[name]:8.1f} s")
        return result

    write(f"Dựng bộ dữ liệu đo toàn quốc (quy mô {scale}):")
    with transaction.atomic():  # all or nothing: a failed build leaves nothing a second run would trip on
        report = _build(wanted, seed, step, seconds, counts)
    step("vacuum", rows.vacuum)
    return wanted, report


def _build(wanted, seed, step, seconds, counts):
    tree = step("units_and_accounts", lambda: build_tree(random.Random(f"{seed}-tree")))
    people = step("people_records_ratings",
                  lambda: build_people(tree, wanted["people"], random.Random(f"{seed}-people")))
    pools = people.pop("pools")
    counts.update(people)
    counts.update(step("dossiers_and_events", lambda: build_dossiers(
        tree, pools, dossiers=wanted["dossiers"], lines=wanted["lines"], events=wanted["events"],
        rng=random.Random(f"{seed}-dossiers"))))
    counts.update(step("plans_and_reports", lambda: build_plans(tree, wanted["plans"],
                                                                random.Random(f"{seed}-plans"))))
    # The rows above were written directly, past the tally's receivers: the statistics' tally is counted whole.
    counts["award_tallies"] = step("award_tallies", rebuild_tallies)
    step("sequences_and_statistics", _finish)
    report = {"counts": counts, "seconds": seconds, "total_seconds": round(sum(seconds.values()), 2)}
    rows.write_marker(NAME, wanted, report)
    return {**report, "reused": False}


def _finish():
    from units.models import Posting, Unit

    from campaigns.models import AwardTier, Milestone, Plan, PlanSection

    from awards.models import (
        Decision,
        Dossier,
        DossierEvent,
        DossierLine,
        NominationLine,
        NominationList,
        PlanReport,
        TaskRating,
    )

    rows.move_sequences(Unit, Person, Posting, AwardRecord, TaskRating, Decision, NominationList, NominationLine,
                        Dossier, DossierLine, DossierEvent, Plan, PlanSection, AwardTier, Milestone, PlanReport)
    rows.analyze()
