"""A decision with a long list: every line printed once, in order, the list's header on each of its pages, pages
numbered on from the decision's own, in the Decree 30 layout; and the list's layout read back on the page."""

import io
import re

import pytest
from pypdf import PdfReader

from units.models import Person
from units.text import fold

from awards.documents import list_pages
from awards.documents.decision import LIST_COLUMNS, render_decision_pdf
from awards.documents.document import Table
from awards.models import AwardType, DossierLine, NominationLine, NominationList
from awards.rules.workflow import Action as A
from awards.services import decisions, dossiers

from tests import decree30
from tests.awards.decision_factories import draft

pytestmark = pytest.mark.django_db

HEADER = "STT Họ và tên / Tên tập thể Chức vụ, đơn vị Thành tích"
SUMMARY = "Hoàn thành xuất sắc nhiệm vụ năm 2026, có sáng kiến được Hội đồng sáng kiến cấp tỉnh công nhận."


def long_decision(cast, tree, clerk, names, *, summaries=None):
    """A draft decision of Tỉnh Phú Thọ over one line per name (people of Xã Hạ Hòa, Bằng khen of the province)."""
    people = Person.objects.bulk_create([Person(full_name=name, search_key=fold(name), gender="male",
                                                unit=tree.ha_hoa, position="Chuyên viên") for name in names])
    listed = NominationList.objects.create(unit=tree.ha_hoa, year=2026, created_by=cast.alice, title="Đề nghị dài")
    award = AwardType.objects.get(code="BK_TINH")
    summaries = summaries or [SUMMARY] * len(names)
    NominationLine.objects.bulk_create([
        NominationLine(nomination_list=listed, year=2026, person=person, award=award, summary=summary)
        for person, summary in zip(people, summaries)])
    [packet] = dossiers.open_dossiers(listed, actor=cast.alice, lines=list(listed.lines.select_related(
        "award", "person", "collective")))
    dossiers.receive_dossier(packet, actor=clerk)
    verdicts = {pk: (A.APPROVE, "") for pk in DossierLine.objects.filter(dossier=packet).values_list("pk", flat=True)}
    dossiers.approve_dossier(packet, actor=cast.carol, verdicts=verdicts)
    dossiers.settle_dossier(packet, actor=cast.dave)
    return draft(tree.phu_tho, clerk, decisions.ready_lines(tree.phu_tho), number=7,
                 recipients="- Như Điều 3;\n- Lưu: VT, NV.")


def page_texts(data):
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


NAMES = [f"Người Nhận Số {i:04d}" for i in range(1, 161)]
BUILT = {}  # the long decision's PDF, made once for the tests that read it (the bytes outlive the database)


@pytest.fixture
def many(request):
    if not BUILT:
        cast, tree = request.getfixturevalue("cast"), request.getfixturevalue("tree")
        request.getfixturevalue("central")
        BUILT["pdf"] = render_decision_pdf(long_decision(cast, tree, request.getfixturevalue("province_clerk"), NAMES))
    return NAMES, BUILT["pdf"]


def test_every_line_of_a_long_list_is_printed_once_in_order_with_its_number(many):
    names, pdf = many
    pages = page_texts(pdf)
    listed = " ".join(pages[1:])
    found = re.findall(r"(\d+) (Người Nhận Số \d{4})", listed)
    assert found == [(str(i), name) for i, name in enumerate(names, 1)]
    assert "II." not in listed and "I. BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH (160 cá nhân)" in listed
    assert listed.count(SUMMARY) == 160 and listed.count("Chuyên viên, Ủy ban nhân dân xã Hạ Hòa") == 160


def test_the_list_pages_repeat_its_header_and_number_on_from_the_decision(many):
    _names, pdf = many
    pages = page_texts(pdf)
    assert "QUYẾT ĐỊNH:" in pages[0] and "DANH SÁCH" not in pages[0]
    assert pages[1].startswith("2 DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG (Kèm theo Quyết định số")
    assert len(pages) > 10
    for number, text in enumerate(pages[1:], 2):
        assert text.startswith(f"{number} ") and text.count(HEADER) == 1, text[:200]
    # The rules the list's pages keep (its 12 pt cells outnumber the 14 pt body; short decisions check the body).
    found = decree30.check(pdf, issuer="ỦY BAN NHÂN DÂN", kind="QUYẾT ĐỊNH", signature="CHỦ TỊCH", number="Số:",
                           recipients="Nơi nhận:")
    assert [str(v) for v in found if v.rule.split("-")[0] in ("size", "margin", "page", "fonts")] == []


def test_a_row_stays_on_one_page_and_the_cells_sit_in_their_columns(many):
    _names, pdf = many
    pages = decree30.read_pages(pdf)[1:]
    seen = []
    for page in pages:
        for number, name in enumerate(NAMES, 1):
            glyphs = page.find(name)
            if glyphs is None:
                continue
            seen.append(name)
            # The name from the second column's edge (30 mm margin, 12 mm STT column, 3 pt padding), its number
            # centred in the first column on the same line, the achievement beside it in the fourth.
            assert 42 < glyphs[0].left < 44.5
            digits = [g for g in page.inked
                      if g.char.isdigit() and g.right < 42 and abs(g.bottom - glyphs[0].bottom) < 1]
            assert "".join(g.char for g in digits) == str(number)
    assert seen == NAMES


def test_a_summary_longer_than_a_page_runs_on_without_losing_a_word(cast, tree, central, province_clerk):
    long_text = " ".join(f"việc{i:03d}" for i in range(900))
    pdf = render_decision_pdf(long_decision(cast, tree, province_clerk, ["Người Viết Dài", "Người Sau"],
                                            summaries=[long_text, SUMMARY]))
    listed = " ".join(page_texts(pdf)[1:])
    assert re.findall(r"việc\d{3}", listed) == [f"việc{i:03d}" for i in range(900)]
    assert listed.index("Người Viết Dài") < listed.index("Người Sau")


def test_a_character_the_font_lacks_prints_the_whole_document_by_weasyprint(cast, tree, central, province_clerk):
    pdf = render_decision_pdf(long_decision(cast, tree, province_clerk, ["Nguyễn Văn An", "Lý 李 Văn Bình"]))
    pages = decree30.read_pages(pdf)
    assert len(pages) == 2
    assert pages[1].find("DANH SÁCH") and pages[1].find("Nguyễn Văn An") and pages[1].find("Văn Bình")
    assert list_pages.render_list_pages("T", "N", [list_pages.ListGroup("I.", Table(LIST_COLUMNS, (
        ("1", "Lý 李 Văn Bình", "", ""),)))]) is None


def test_words_break_at_spaces_and_at_line_breaks_and_an_overlong_word_inside():
    list_pages.printable_by_font([""])
    measure = list_pages._Measure(list_pages.FACES[False, False], 12)
    assert list_pages.wrap("Chuyên viên\nPhòng Nội vụ", measure, 500) == ["Chuyên viên", "Phòng Nội vụ"]
    assert list_pages.wrap("một hai ba bốn", measure, measure("một hai") + 1) == ["một hai", "ba bốn"]
    pieces = list_pages.wrap("x" * 200, measure, 100)
    assert "".join(pieces) == "x" * 200 and all(measure(piece) <= 100 for piece in pieces)
    assert list_pages.wrap("", measure, 100) == [""]
    symbol = "số\u00a0\u00a0\u00a0/QĐ-UBND"  # a no-break space holds, spaces collapse
    assert list_pages.wrap(f"{symbol}  ngày", measure, measure(symbol) + 5) == [symbol, "ngày"]


def test_the_note_keeps_a_drafts_blanks_as_typed():
    measure = list_pages._Measure(list_pages.FACES[False, True], 14)
    note = "(Kèm theo Quyết định số\u00a0\u00a0\u00a0\u00a0/QĐ-UBND ngày    tháng    năm 2026)"
    assert list_pages.wrap(note, measure, 1000, keep_spaces=True) == [note]
    narrow = list_pages.wrap(note, measure, measure(note[:40]), keep_spaces=True)
    assert "".join(narrow).replace(" ", "") == note.replace(" ", "") and not narrow[1].startswith(" ")


def test_decomposed_vietnamese_and_control_characters_print_as_read():
    decomposed = "Nguye\u0302\u0303n Va\u0306n A\u200en"
    pdf = list_pages.render_list_pages("DANH SÁCH", "", [list_pages.ListGroup("I. BẰNG KHEN", Table(LIST_COLUMNS, (
        ("1", decomposed, "", ""),)))])
    assert "Nguyễn Văn An" in page_texts(pdf)[0]
