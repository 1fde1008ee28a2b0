"""Every file of a nomination list survives what is stored in it: control characters, bidi overrides,
formula-looking names, markup and over-long text print as readable text, and no cell is a formula.

Alice's list of Xã Hạ Hòa holds a person, the commune itself and a household, each with text stored
past the door (``tests.hostile_text``); the commune's own name is spoiled too. Alice downloads her
list's files; carol, the province's reviewer, downloads them as the province's roll-up would.
"""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from units.models import Person, Posting
from units.text import fold

from awards.documents.nominee_workbook import SHEET
from awards.models import AwardType, NominationLine, NominationList, NomineeImport
from awards.services import nominations
from awards.services.nominee_imports import import_nominee_rows

from tests.awards.nominee_files import filled, upload
from tests.conftest import make_person
from tests.hostile_text import (
    HOUSEHOLD,
    LIST_TITLE,
    NAME,
    POSITION,
    SUMMARY,
    UNIT_NAME,
    Hostile,
    assert_docx_readable,
    assert_pdf_readable,
    assert_workbook_safe,
    pdf_text,
    squash,
)

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def store(obj, **fields):
    """Write ``fields`` straight into the row, as an old row or a script may hold them, and reload."""
    type(obj).objects.filter(pk=obj.pk).update(**fields)
    obj.refresh_from_db()
    return obj


def award(code):
    return AwardType.objects.get(code=code)


@pytest.fixture
def hung(tree):
    """Nguyễn Văn Hùng of the commune's office, whose stored name starts like a formula and rings a bell."""
    person = make_person("Nguyễn Văn Hùng", tree.van_phong, cccd="025080001234")
    Posting.objects.filter(person=person).update(position=POSITION.stored)
    return store(person, full_name=NAME.stored, search_key=fold(NAME.stored), position=POSITION.stored)


@pytest.fixture
def spoiled(cast, tree, plan, hung):
    """Alice's list of a spoiled Xã Hạ Hòa under the province's plan: Hùng, the commune and a household,
    each with a spoiled summary."""
    store(tree.ha_hoa, name=UNIT_NAME.stored)
    nomination_list = NominationList.objects.create(unit=tree.ha_hoa, plan=plan, year=2026, title="Đề nghị",
                                                    created_by=cast.alice)
    for subject, code in ((dict(person=hung), "LDTT"), (dict(collective=tree.ha_hoa), "TTLDTT"),
                          (dict(household="Hộ ông Ba"), "GD_VH")):
        NominationLine.objects.create(nomination_list=nomination_list, plan=plan, year=2026, award=award(code),
                                      summary="", **subject)
    NominationLine.objects.filter(nomination_list=nomination_list).update(summary=SUMMARY.stored)
    NominationLine.objects.filter(household="Hộ ông Ba").update(household=HOUSEHOLD.stored)
    return store(nomination_list, title=LIST_TITLE.stored)


def url(name, obj):
    return reverse(f"awards:{name}", args=[obj.pk])


def get(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return b"".join(response.streaming_content) if response.streaming else response.content


# The list's workbooks

@pytest.mark.parametrize("who", ["alice", "carol"])
@pytest.mark.parametrize("name, printed", [
    ("nominee_template", (LIST_TITLE, UNIT_NAME)),
    ("nominee_export", (NAME, SUMMARY, HOUSEHOLD)),
    ("standard_list_export", (NAME, POSITION, UNIT_NAME, SUMMARY, HOUSEHOLD, LIST_TITLE)),
])
def test_the_lists_workbooks_open_with_readable_text_and_no_formula(login, cast, spoiled, who, name, printed):
    assert_workbook_safe(get(login(getattr(cast, who)), url(name, spoiled)), *printed)


def test_a_formula_looking_name_is_a_text_cell_kept_text_when_edited(login, cast, spoiled):
    cells = assert_workbook_safe(get(login(cast.alice), url("standard_list_export", spoiled)))
    [name] = [cell for cell in cells if cell.value == NAME.printed]
    [title] = [cell for cell in cells if cell.value == LIST_TITLE.printed]
    for cell in (name, title):
        assert cell.data_type == "s" and cell.quotePrefix


def test_a_summary_as_long_as_may_be_stored_prints_whole_in_every_file(login, cast, spoiled):
    # About 19,000 characters, under the 20,000 a summary may hold: some eight pages of print.
    sentence = Hostile("Hoàn thành\x07 xuất sắc\u202e nhiệm vụ được giao. ", "Hoàn thành xuất sắc nhiệm vụ được giao. ")
    long = Hostile("=" + sentence.stored * 450, "=" + sentence.printed * 450)
    line = spoiled.lines.get(person__isnull=False)
    NominationLine.objects.filter(pk=line.pk).update(summary=long.stored)
    client = login(cast.alice)
    cells = assert_workbook_safe(get(client, url("nominee_export", spoiled)))
    assert [cell for cell in cells if cell.value == long.printed]
    assert_docx_readable(get(client, url("report_docx", line)), long)
    pdf = get(client, url("report_pdf", line))
    assert_pdf_readable(pdf, sentence)
    # Every sentence is printed but those a page break cuts, where the next page's number stands.
    pages = len(PdfReader(BytesIO(pdf)).pages)
    assert pages >= 5 and 450 - pages <= squash(pdf_text(pdf)).count(squash(sentence.printed)) <= 450


# The list's Word and PDF documents

@pytest.mark.parametrize("who", ["alice", "carol"])
def test_the_proposal_prints_in_word_and_pdf(login, cast, spoiled, who):
    # The commune grants those awards itself and its Tờ trình asks only for what goes up: ask the province's.
    NominationLine.objects.filter(nomination_list=spoiled).update(award=award("BK_TINH"))
    client = login(getattr(cast, who))
    printed = (NAME, SUMMARY, HOUSEHOLD, UNIT_NAME)
    assert_docx_readable(get(client, url("proposal_docx", spoiled)), *printed)
    assert_pdf_readable(get(client, url("proposal_pdf", spoiled)), *printed)


SUBJECTS = {
    "person": ({"person__isnull": False}, (NAME, POSITION, SUMMARY)),
    "collective": ({"collective__isnull": False}, (UNIT_NAME, SUMMARY)),
    "household": ({"person__isnull": True, "collective__isnull": True}, (HOUSEHOLD, SUMMARY)),
}


@pytest.mark.parametrize("subject", SUBJECTS)
def test_each_report_prints_in_word_and_pdf(login, cast, spoiled, subject):
    which, printed = SUBJECTS[subject]
    line = spoiled.lines.get(**which)
    client = login(cast.alice)
    assert_docx_readable(get(client, url("report_docx", line)), *printed)
    assert_pdf_readable(get(client, url("report_pdf", line)), *printed)


# Templates fed from the catalogue and the unit tree

AWARD_NAME = Hostile("=1+2\x07 Lao động tiên tiến\u202e", "=1+2 Lao động tiên tiến")


@pytest.mark.parametrize("name", ["history_template", "nominee_template"])
def test_the_templates_list_a_spoiled_catalogue_and_tree_as_text(login, cast, tree, spoiled, name):
    store(award("LDTT"), name=AWARD_NAME.stored)
    address = reverse(f"awards:{name}", args=[spoiled.pk] if name == "nominee_template" else [])
    assert_workbook_safe(get(login(cast.alice), address), UNIT_NAME, AWARD_NAME)


# Round trip: an exported list loaded back reads the same text

def test_an_exported_list_loads_back_with_the_same_formula_looking_text(login, cast, tree, plan, hung, annual_list):
    store(hung, full_name="=1+2 Nguyễn Văn Hùng", search_key=fold("=1+2 Nguyễn Văn Hùng"))
    # Under the province's plan: the annual review may propose the same people again.
    source = nominations.create_list(actor=cast.alice, unit=tree.ha_hoa, plan=plan, year=2026, title="Nguồn")
    nominations.add_line(source, actor=cast.alice, person=hung, award=award("LDTT"),
                         summary='=HYPERLINK("http://evil.example","Bấm")')
    nominations.add_line(source, actor=cast.alice, household="-Hộ ông Ba, thôn 3", award=award("GD_VH"),
                         summary="@SUM(1+1) hoàn thành")
    data = get(login(cast.alice), url("nominee_export", source))
    assert_workbook_safe(data)

    result = import_nominee_rows(annual_list, data, actor=cast.alice)
    assert result.errors == [] and (result.created, result.present) == (2, 0)
    def texts(nomination_list):
        return sorted((line.person_id or 0, line.household, line.summary) for line in nomination_list.lines.all())

    assert texts(annual_list) == texts(source)
    again = import_nominee_rows(annual_list, data, actor=cast.alice)
    assert (again.created, again.present) == (0, 2)


def test_a_spoiled_list_loads_back_as_printed_and_the_person_is_still_recognised(cast, tree, spoiled, annual_list):
    from awards.documents.nominee_workbook import export_nominee_list

    result = import_nominee_rows(annual_list, export_nominee_list(spoiled), actor=cast.alice)
    assert result.errors == [] and result.created == 3
    line = annual_list.lines.get(person__isnull=False)
    assert line.person == Person.objects.get(cccd="025080001234") and line.summary == SUMMARY.printed


def test_the_marked_copy_of_a_refused_file_keeps_formula_looking_text_as_text(login, cast, tree, hung, annual_list):
    def typed_as_text(sheet):
        for cell in (sheet["H2"], sheet["E3"]):
            cell.data_type = "s"  # as Excel saves text a clerk typed with a leading apostrophe

    data = filled(annual_list, ["025080001234", None, None, None, None, "LDTT", None, '=HYPERLINK("http://x","Bấm")'],
                  [None, None, None, None, "=1+2 Hộ ông Ba", "KHONG_CO", None, None], edit=typed_as_text)
    client = login(cast.alice)
    client.post(reverse("awards:nominee_import", args=[annual_list.pk]), upload(data))
    job = NomineeImport.objects.get()
    assert job.status == "failed"
    marked = get(client, reverse("awards:nominee_import_annotated", args=[job.pk]))
    assert_workbook_safe(marked, Hostile("", '=HYPERLINK("http://x","Bấm")'), Hostile("", "=1+2 Hộ ông Ba"))
    sheet = load_workbook(BytesIO(marked))[SHEET]
    assert sheet["H2"].value == '=HYPERLINK("http://x","Bấm")' and sheet["E3"].value == "=1+2 Hộ ông Ba"

