"""The three importers fed files built from hostile text: nominee workbooks, award history workbooks, plans.

The files are real (openpyxl, python-docx, plain text) and go through the upload pages as a clerk sends
them. Characters XML forbids cannot be in an .xlsx or .docx at all, so those files drop them; the plain
text plan carries every character as typed. Nothing may answer 500; every refusal is Vietnamese (on the
page, in the import's error list); a script typed in a cell never comes back unescaped.
"""

import io
import re

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given, strategies as st
from openpyxl import load_workbook

from units.models import Unit

from awards.documents.history_workbook import build_history_template
from awards.models import AwardType, NomineeImport

from tests.awards.nominee_files import filled
from tests.fuzz.texts import FUZZ, HOSTILE, VIETNAMESE_LETTER, date, exchange, hostile, name, number, text, two_words

pytestmark = pytest.mark.django_db
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
codes = st.one_of(st.sampled_from(["BK_TINH", "LDTT", "CSTDCS", "HC_LAO_DONG", "bk_tinh", " BK_TINH "]), text)


def cell(value):
    # What an .xlsx can hold at all: XML forbids the C0 controls (but tab, newline), U+FFFE and U+FFFF.
    return XML_FORBIDDEN.sub("", value) if isinstance(value, str) else value


def no_problems(found):
    assert found == [], "\n".join(found)


def xlsx(name="ds.xlsx", data=b""):
    return SimpleUploadedFile(name, data,
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@FUZZ
@given(rows=st.lists(st.tuples(st.one_of(text, number), name, date, text, text, codes, text, text), min_size=1,
                     max_size=4))
@hostile(rows=[(HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE, "BK_TINH", HOSTILE, HOSTILE),
               ("", "Nguyễn Văn Ánh", "01/01/1990", "", "", "LDTT", "", "=HYPERLINK(\"http://x\")")])
def test_a_nominee_workbook_of_hostile_cells_never_breaks_and_is_refused_in_vietnamese(office, as_user, rows):
    data = filled(office.draft_list, *[[cell(v) for v in row] for row in rows])
    url = reverse("awards:nominee_import", args=[office.draft_list.pk])
    found, _ = exchange(as_user(office.alice), "post", url, {"file": xlsx(data=data)},
                        page=reverse("awards:nomination_list_detail", args=[office.draft_list.pk]))
    latest = NomineeImport.objects.filter(nomination_list=office.draft_list).first()
    if latest is not None:  # rolled back with the request, unless written outside it
        found += [f"import error not in Vietnamese: {m!r}" for _row, m in latest.errors
                  if not VIETNAMESE_LETTER.search(m)]
    no_problems(found)


def history_workbook(records, ratings):
    book = load_workbook(io.BytesIO(build_history_template(awards=AwardType.objects.all(),
                                                           units=Unit.objects.exclude(code=""))))
    for row in records:
        book["Khen thưởng"].append([cell(v) for v in row])
    for row in ratings:
        book["Xếp loại"].append([cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@FUZZ
@given(records=st.lists(st.tuples(st.one_of(text, number), name, date, text, text, codes, text, number, text, text,
                                  date, text), max_size=3),
       ratings=st.lists(st.tuples(st.one_of(text, number), name, text, number, text), max_size=3))
@hostile(records=[(HOSTILE,) * 5 + ("LDTT",) + (HOSTILE,) * 6], ratings=[(HOSTILE,) * 5])
def test_a_history_workbook_of_hostile_cells_never_breaks_and_is_refused_in_vietnamese(office, as_user, records,
                                                                                      ratings):
    data = history_workbook(records, ratings)
    found, response = exchange(as_user(office.alice), "post", reverse("awards:history_import"),
                               {"file": xlsx("lich-su.xlsx", data)})
    result = response.context.get("result") if response.context is not None else None
    if result is not None:
        found += [f"history import error not in Vietnamese: {issue}" for issue in result.errors
                  if not VIETNAMESE_LETTER.search(issue.message)]
    no_problems(found)


def plan_docx(paragraphs) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(XML_FORBIDDEN.sub("", paragraph))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


HEADINGS = ["ỦY BAN NHÂN DÂN", "XÃ HẠ HÒA", "KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG THI ĐUA",
            "III. HÌNH THỨC KHEN THƯỞNG", "1. Giấy khen", "Nơi nhận:", "CHỦ TỊCH"]
headings = st.sampled_from(HEADINGS)
paragraphs = st.lists(st.one_of(headings, text, st.builds(two_words, headings, text)), min_size=0, max_size=12)


@FUZZ
@given(paragraphs=paragraphs, as_text=st.booleans())
@hostile(paragraphs=[*HEADINGS[:4], HOSTILE, HEADINGS[6], HOSTILE], as_text=True)
def test_a_plan_file_of_hostile_text_never_breaks_and_is_refused_in_vietnamese(office, as_user, paragraphs, as_text):
    if as_text:
        upload = SimpleUploadedFile("ke-hoach.txt", "\n\n".join(paragraphs).encode("utf-8", "surrogatepass"),
                                    content_type="text/plain")
    else:
        upload = SimpleUploadedFile("ke-hoach.docx", plan_docx(paragraphs), content_type="application/octet-stream")
    found, _ = exchange(as_user(office.alice), "post", reverse("campaigns:plan_import"),
                        {"issuing_unit": office.tree.ha_hoa.pk, "file": upload})
    no_problems(found)
