"""How long the steps take on a 200-line dossier (printed with -s; the bound only catches a regression)."""

import time

import pytest
from django.db import connection
from django.urls import reverse

from awards import audit, dossiers
from awards.models import AwardType, DossierLine, NominationLine, NominationList
from tests.awards.dossier_factories import R, approve_all, official
from units.models import Person

pytestmark = pytest.mark.django_db
LINES = 200


def timed(call):
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def test_a_two_hundred_line_dossier_is_received_reviewed_and_forwarded_in_well_under_a_second_each(cast, tree,
                                                                                                   central):
    clerk = official("phuong", tree.phu_tho, R.CLERK)
    people = [Person(full_name=f"Cán bộ Số {i:03d}", gender="male", unit=tree.ha_hoa, search_key=f"can bo so {i:03d}")
              for i in range(LINES)]
    Person.objects.bulk_create(people)
    award = AwardType.objects.get(code="BK_TTG")
    nomination_list = NominationList.objects.create(unit=tree.ha_hoa, year=2026, title="Đề nghị 200 cá nhân",
                                                    created_by=cast.alice)
    NominationLine.objects.bulk_create([
        NominationLine(nomination_list=nomination_list, year=2026, person=person, award=award,
                       summary="Hoàn thành xuất sắc nhiệm vụ năm 2026, có sáng kiến được công nhận.")
        for person in Person.objects.filter(unit=tree.ha_hoa)])
    lines = list(nomination_list.lines.select_related("award", "person", "collective"))
    reverse("awards:dossier_inbox")  # a warm process: the URL patterns are imported once, not per step
    [dossier], opened = timed(lambda: dossiers.open_dossiers(nomination_list, actor=cast.alice, lines=lines))
    _, received = timed(lambda: dossiers.receive_dossier(dossier, actor=clerk))
    _, reviewed = timed(lambda: approve_all(dossier, cast.carol))
    bundle, forwarded = timed(lambda: dossiers.forward_dossiers([dossier], actor=cast.dave))
    problem, verified = timed(lambda: audit.verify_dossier(bundle))
    assert problem is None and DossierLine.objects.filter(dossier=bundle).count() == LINES
    print(f"\n[{connection.vendor}] {LINES} lines: open {opened * 1000:.0f} ms, receive {received * 1000:.0f} ms, "
          f"review {reviewed * 1000:.0f} ms, forward {forwarded * 1000:.0f} ms, verify chain {verified * 1000:.0f} ms")
    assert forwarded < 5
