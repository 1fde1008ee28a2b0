"""Nominee workbooks as a clerk fills them, for the import tests."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from units.models import Person

from awards.documents.nominee_workbook import SHEET, build_nominee_template
from awards.models import AwardType


def award(code):
    return AwardType.objects.get(code=code)


def filled(nomination_list, *rows, merge=(), edit=None):
    """The list's template with ``rows`` typed in (and ``merge`` ranges merged), as a clerk would."""
    book = load_workbook(BytesIO(build_nominee_template(nomination_list)))
    sheet = book[SHEET]
    for row in rows:
        sheet.append(list(row))
    for cells in merge:
        sheet.merge_cells(cells)
    if edit:
        edit(sheet)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def upload(data, name="ds.xlsx"):
    return {"file": SimpleUploadedFile(name, data)}


def many_people(unit, count, *, first=1):
    """``count`` people of ``unit`` with CCCDs 0250900000nn…, written in one query."""
    people = [Person(full_name=f"Nguyễn Thị Mẫu {i}", search_key=f"nguyen thi mau {i}", gender="female", unit=unit,
                     cccd=f"0250{i:08d}") for i in range(first, first + count)]
    return Person.objects.bulk_create(people)


def rows_for(people, award_code="LDTT"):
    return [[p.cccd, p.full_name, None, None, None, award_code, None, f"Hoàn thành tốt nhiệm vụ năm {p.pk}"]
            for p in people]
