"""Timing the printing of one decision's papers on synthetic data (``manage.py certificate_benchmark``).

A throwaway province and commune, ``count`` people, one issued decision (signed "KT. CHỦ TỊCH /
PHÓ CHỦ TỊCH") granting each of them the province's Bằng khen, their papers numbered by the one
service that issues papers; then every paper printed into one PDF, by the drawn renderer or (for
comparison) by the WeasyPrint layout of the same pages. The caller rolls it all back, so it can be
pointed at any migrated database.
"""

import datetime
import time

from units.models import Membership, Person, Unit, User
from units.text import fold

from awards.documents.certificate import render_certificates_pdf, render_certificates_pdf_weasyprint
from awards.models import AwardRecord, AwardType, Decision
from awards.services.award_tallies import recount_for_records
from awards.services.certificates import issue_certificates

ENGINES = {"drawn": render_certificates_pdf, "html": render_certificates_pdf_weasyprint}
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ")
POSITIONS = ("Chủ tịch Hội Nông dân xã", "Phó Chủ tịch Ủy ban nhân dân xã", "Công chức Văn phòng - Thống kê",
             "Giáo viên Trường Trung học cơ sở Hạ Hòa")


def make_papers(count: int) -> list:
    """``count`` issued papers of one decision, ready to print (in the caller's transaction)."""
    province = Unit(name="Tỉnh Đo Tốc Độ", short_name="Đo Tốc Độ", kind=Unit.Kind.PROVINCE)
    province.save()
    commune = Unit(name="Xã Đo Tốc Độ", short_name="Đo Tốc Độ", kind=Unit.Kind.COMMUNE, parent=province)
    commune.save()
    clerk = User.objects.create_user(username="do-toc-do-giay-khen", full_name="Cán bộ đo giấy khen")
    Membership.objects.create(user=clerk, unit=province, role=Membership.Role.CLERK)
    signed_on = datetime.date(2026, 2, 5)
    decision = Decision.objects.create(
        issuing_unit=province, status=Decision.Status.ISSUED, number=125, place="Đo Tốc Độ", signed_on=signed_on,
        title="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", authority="Chủ tịch Ủy ban nhân dân tỉnh",
        sign_prefix="KT.", sign_on_behalf="Chủ tịch", signer_title="Phó Chủ tịch", signer_name="Trần Duy Đông",
        created_by=clerk)
    names = [f"{FAMILY[i % len(FAMILY)]} Văn Đo {i:04d}" for i in range(count)]
    people = Person.objects.bulk_create([
        Person(full_name=name, search_key=fold(name), gender="female" if i % 3 == 0 else "male", unit=commune,
               position=POSITIONS[i % len(POSITIONS)]) for i, name in enumerate(names)])
    award = AwardType.objects.get(code="BK_TINH")
    records = AwardRecord.objects.bulk_create([
        AwardRecord(person=person, award=award, year=2025, decision_number="125/QĐ-UBND", decision_date=signed_on,
                    issuing_body="Chủ tịch Ủy ban nhân dân tỉnh Đo Tốc Độ", decision=decision,
                    source=AwardRecord.Source.PORTAL) for person in people])
    recount_for_records(records)  # written in bulk, past the tally's receivers
    return issue_certificates(records, actor=clerk)


def measure_certificates(count: int, write, *, engine: str = "drawn", output=None) -> dict:
    """Number ``count`` papers, then print them all with ``engine`` ("drawn" or "html"); returns the seconds
    of each step, and writes the PDF to ``output`` (a path) when given."""
    started = time.perf_counter()
    papers = make_papers(count)
    made = time.perf_counter()
    data = ENGINES[engine](papers)
    printed = time.perf_counter()
    if output:
        with open(output, "wb") as out:
            out.write(data)
    results = {"papers": made - started, "print": printed - made}
    write(f"{count} giấy khen ({engine}): cấp số {results['papers']:.2f} s, in {results['print']:.2f} s "
          f"({results['print'] / count * 1000:.1f} ms/giấy), tệp {len(data) / 1024:.0f} KB")
    return results
