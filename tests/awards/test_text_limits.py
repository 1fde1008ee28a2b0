"""Every text has a limit: a form says it, an import refuses the row over it, and the database refuses
whatever bypasses both — so a million-character achievement summary never reaches the PDFs.

The database tests run on SQLite by default; with DATABASE_URL set to PostgreSQL they check its own
constraints (`DATABASE_URL=postgres://… pytest tests/awards/test_text_limits.py`).
"""

import random
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import Workbook

from units.models import Person

from campaigns.models import PlanSection
from campaigns.plan_import import PlanImportError, import_plan_file

from awards.documents.history_workbook import AWARD_COLUMNS, AWARDS_SHEET
from awards.documents.nominee_workbook import NAME, SUMMARY
from awards.forms.dossiers import LineEditForm
from awards.forms.nominations import NominationLineForm
from awards.models import AwardRecord, AwardType, NominationLine, TaskRating
from awards.services import nominations
from awards.services.history_imports import import_history
from awards.services.nominee_imports import RowError, import_nominee_rows

from tests.awards.nominee_files import filled
from tests.campaigns.plan_texts import yearly_plan
from tests.conftest import make_plan

pytestmark = pytest.mark.django_db
RLO = "\u202e"
CCCD = "025080001234"
WORDS = "thi đua khen thưởng hoàn thành xuất sắc nhiệm vụ dẫn đầu phong trào sáng kiến cải tiến tận tụy".split()


def prose(length):
    """Words in no pattern, so that a long text stays long once zipped (as a real one would)."""
    text = " ".join(random.Random(length).choices(WORDS, k=length // 4))
    return (text * 2)[:length]


@pytest.fixture
def an(an):
    TaskRating.objects.create(person=an, year=2026, rating=TaskRating.Rating.GOOD)
    return an


@pytest.fixture
def draft(cast, tree):
    return nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, year=2026, title="Tổng kết năm 2026")


def ldtt():
    return AwardType.objects.get(code="LDTT")


# --- Forms ----------------------------------------------------------------------------------------

def test_the_line_form_refuses_a_million_character_summary_saying_the_limit(tree, an):
    form = NominationLineForm({"person": an.pk, "award": ldtt().pk, "summary": prose(1_000_000)},
                              people=Person.objects.all(), collectives=tree.ha_hoa.children.all(),
                              awards=AwardType.objects.all())
    assert not form.is_valid()
    assert form.errors["summary"] == ["Tối đa 20.000 ký tự (nội dung đang có 1.000.000 ký tự)."]


def test_the_summary_correction_form_refuses_it_too():
    form = LineEditForm({"summary": prose(20_001)})
    assert form.errors["summary"] == ["Tối đa 20.000 ký tự (nội dung đang có 20.001 ký tự)."]
    assert LineEditForm({"summary": prose(20_000)}).is_valid()


def test_a_summary_typed_on_the_page_is_stored_normalised(login, cast, draft, an):
    response = login(cast.alice).post(reverse("awards:nomination_list_detail", args=[draft.pk]), {
        "person": an.pk, "award": ldtt().pk, "summary": "Tận tụy\x07,\r\ndẫn đầu\x1b[31m phong trào."})
    assert response.status_code == 302
    assert draft.lines.get().summary == "Tận tụy,\ndẫn đầu[31m phong trào."


def test_an_override_reason_with_a_bidi_override_is_refused(login, cast, draft, an):
    line = nominations.add_line(draft, actor=cast.alice, person=an, award=AwardType.objects.get(code="CSTDCS"))
    assert line.eligible is False
    page = login(cast.bob).post(reverse("awards:nomination_line_override", args=[line.pk]),
                                {"reason": f"Đột xuất{RLO}"}, follow=True).content.decode()
    assert "chứa ký tự điều khiển hướng chữ (bidi) không được phép" in page
    assert NominationLine.objects.get(pk=line.pk).override_reason == ""


# --- Imports --------------------------------------------------------------------------------------

def nominee_row(summary, name="Nguyễn Văn An", cccd=CCCD):
    return [cccd, name, None, None, None, "LDTT", None, summary]


def crafted(data, placeholder, text):
    """The workbook with ``placeholder`` replaced by ``text`` in its XML. Excel stops a cell at 32,767
    characters, and so does openpyxl when writing, but nothing stops a file made by other means."""
    out = BytesIO()
    with ZipFile(BytesIO(data)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item).replace(placeholder.encode(), text.encode()))
    return out.getvalue()


def test_the_nominee_import_refuses_the_row_of_a_million_character_summary_and_only_it(cast, draft, an, tree):
    other = Person.objects.create(full_name="Trần Thị Bình", gender="female", unit=tree.ha_hoa, cccd="025080009999")
    TaskRating.objects.create(person=other, year=2026, rating=TaskRating.Rating.GOOD)
    data = crafted(filled(draft, nominee_row("Tận tụy."), nominee_row("TOM-TAT-DAI", "Trần Thị Bình", "025080009999")),
                   "TOM-TAT-DAI", prose(1_000_000))
    result = import_nominee_rows(draft, data, actor=cast.alice)
    assert result.errors == [RowError(3, "Tóm tắt thành tích dài 1.000.000 ký tự, vượt quá giới hạn 20.000 ký tự.",
                                      (SUMMARY,))]
    assert result.rows == 2 and not draft.lines.exists()  # the import's rule: all rows or none


def test_the_nominee_import_refuses_a_row_with_a_bidi_override_naming_its_cell(cast, draft, an):
    result = import_nominee_rows(draft, filled(draft, nominee_row("Tận tụy.", name=f"Nguyễn Văn An{RLO}")),
                                 actor=cast.alice)
    assert result.errors == [RowError(2, "Cột “Họ và tên” chứa ký tự điều khiển hướng chữ (bidi) không được phép.",
                                      (NAME,))]


def test_the_nominee_import_stores_summaries_as_a_form_would(cast, draft, an):
    # An .xlsx holds no C0 control but tab and line ends (XML 1.0 admits no other); DEL and C1 it can hold.
    result = import_nominee_rows(draft, filled(draft, nominee_row("Tận tụy\x7f,\r\ndẫn đầu\x9b phong trào.")),
                                 actor=cast.alice)
    assert result.errors == [] and result.created == 1
    assert draft.lines.get().summary == "Tận tụy,\ndẫn đầu phong trào."


def history_file(*records):
    book = Workbook()
    sheet = book.active
    sheet.title = AWARDS_SHEET
    sheet.append([name for name, _width in AWARD_COLUMNS])
    for record in records:
        sheet.append(record)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def history_row(body):
    return [CCCD, "Nguyễn Văn An", None, None, None, "LDTT", None, 2023, None, "12/QĐ-UBND", "15/01/2024", body]


def test_the_history_import_refuses_a_row_with_a_bidi_override_and_keeps_nothing(cast, an):
    result = import_history(history_file(history_row("UBND xã Hạ Hòa"), history_row(f"UBND xã{RLO} Hạ Hòa")),
                            actor=cast.alice)
    assert [str(error) for error in result.errors] == [
        "Khen thưởng, dòng 3: Cột “Cơ quan quyết định” chứa ký tự điều khiển hướng chữ (bidi) không được phép."]
    assert not AwardRecord.objects.exists()


def test_the_history_import_stores_cells_without_control_characters(cast, an):
    result = import_history(history_file(history_row("UBND xã\x7f Hạ\x9b Hòa")), actor=cast.alice)
    assert result.errors == []
    assert AwardRecord.objects.get().issuing_body == "UBND xã Hạ Hòa"


def test_the_plan_import_cuts_a_section_past_its_limit_and_says_so(cast, tree):
    # One overlong part must not cost the whole plan: the draft is made, the part cut to its limit and flagged.
    plan, report = import_plan_file(data=yearly_plan(purpose=prose(50_001)), filename="kh.txt", unit=tree.ha_hoa,
                                    actor=cast.alice)
    longest = max(PlanSection.objects.filter(plan=plan), key=lambda section: len(section.body))
    assert len(longest.body) == 50_000 and longest.body.endswith("…")
    assert any("quá mức 50000 kí tự" in note and "cần kiểm tra" in note for note in report.notes)


def test_the_plan_import_refuses_a_bidi_override(cast, tree):
    with pytest.raises(PlanImportError, match="bidi"):
        import_plan_file(data=yearly_plan(purpose=f"Đẩy mạnh{RLO} phong trào."), filename="kh.txt",
                         unit=tree.ha_hoa, actor=cast.alice)


# --- The database ---------------------------------------------------------------------------------

def test_the_database_refuses_a_million_character_summary_saved_directly(cast, draft, an):
    line = nominations.add_line(draft, actor=cast.alice, person=an, award=ldtt(), summary="Tận tụy.")
    line.summary = prose(1_000_000)
    with pytest.raises(IntegrityError), transaction.atomic():
        line.save(update_fields=["summary"])
    assert NominationLine.objects.get(pk=line.pk).summary == "Tận tụy."


def test_the_database_refuses_a_plan_section_past_its_limit(tree):
    plan = make_plan(tree.ha_hoa)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanSection.objects.create(plan=plan, position=30, level=1, number="III.", body=prose(50_001))
    PlanSection.objects.create(plan=plan, position=30, level=1, number="III.", body=prose(50_000))
