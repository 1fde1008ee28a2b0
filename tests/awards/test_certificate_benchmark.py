"""A whole decision of 200 papers issued and printed in one PDF (printed with -s; bounds catch regressions)."""

import resource
import time

import pytest

from awards import certificates
from awards.certificate_documents import render_certificates_pdf
from awards.models import AwardRecord, AwardType
from tests.awards.certificate_factories import PROVINCE_CHAIR, pdf_pages_text
from units.models import Person

pytestmark = pytest.mark.django_db
PAPERS = 200


def test_two_hundred_papers_print_in_one_pdf_in_seconds(cast, tree):
    Person.objects.bulk_create([Person(full_name=f"Cán bộ Số {i:03d}", gender="male", unit=tree.ha_hoa,
                                       position="Chuyên viên", search_key=f"can bo so {i:03d}")
                                for i in range(PAPERS)])
    award = AwardType.objects.get(code="BK_TINH")
    AwardRecord.objects.bulk_create([
        AwardRecord(person=person, award=award, year=2025, decision_number="300/QĐ-UBND",
                    decision_date="2026-02-05", issuing_body=PROVINCE_CHAIR)
        for person in Person.objects.filter(unit=tree.ha_hoa)])
    records = list(certificates.decision_records(cast.alice, decision_number="300/QĐ-UBND",
                                                 issuing_body=PROVINCE_CHAIR))
    render_certificates_pdf(certificates.issue_certificates(records[:1], actor=cast.alice))  # a warm process

    start = time.perf_counter()
    papers = certificates.issue_certificates(records, actor=cast.alice)
    issued = time.perf_counter() - start
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    data = render_certificates_pdf(papers)
    rendered = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux; tracemalloc would triple the time
    print(f"\n{PAPERS} papers: issued in {issued:.2f} s, printed in {rendered:.1f} s, {len(data) / 1e6:.1f} MB PDF, "
          f"process peak {peak / 1024:.0f} MB (+{(peak - before) / 1024:.0f} MB while printing)")
    pages = pdf_pages_text(data)
    assert len(pages) == PAPERS and "Cán bộ Số 199" in pages[-1]
    assert issued < 2 and rendered < 60
