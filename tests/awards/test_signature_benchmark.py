"""How long signing and checking take on a 4-page and a 30-page plan.

Printed with -s; the bound only catches a regression.
"""

import time

import pytest

from awards import signatures
from tests.awards.signature_factories import PASSPHRASE, issued_plan, make_ca, make_signer, pdf_pages, register

pytestmark = pytest.mark.django_db


def timed(call, repeat=3):
    """The best of ``repeat`` runs: the first pays for imports and caches."""
    best, result = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return result, best


@pytest.mark.parametrize("items, pages", [(38, 4), (350, 30)], ids=["4-pages", "30-pages"])
def test_signing_and_checking_a_plan_take_well_under_a_second(cast, tree, items, pages):
    certificate = register(make_signer(make_ca()), unit=tree.ha_hoa, actor=cast.bob)
    plan = issued_plan(tree.ha_hoa, actor=cast.bob, items=items)
    with plan.issued_pdf.open("rb") as handle:
        pdf = handle.read()
    assert abs(pdf_pages(pdf) - pages) <= 1, pdf_pages(pdf)
    signed, sign_time = timed(lambda: signatures.sign_pdf(pdf, certificate=certificate, passphrase=PASSPHRASE,
                                                          reason="Ký ban hành", location="Hạ Hòa"))
    report, verify_time = timed(lambda: signatures.verify_pdf(signed))
    assert report.all_ok
    print(f"\n{pages} pages, {len(pdf) // 1024} KB: sign {sign_time * 1000:.0f} ms, verify {verify_time * 1000:.0f} ms")
    assert sign_time < 2 and verify_time < 2
