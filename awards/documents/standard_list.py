"""The list as it is sent upwards and printed: "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", ready for A4 landscape.

Unlike the template-columns export (made to be edited and loaded back), this is the document
the unit signs: a title block, one numbered row per proposal (who, position, unit, summary of
achievements, award proposed), a total and the signature block. It is written in openpyxl's
write-only mode while the lines are read from one server-side cursor, so a 100,000-line list
takes about as little memory as a ten-line one, with the same number of queries.
"""

import datetime

from django.db.models import OuterRef, Q, Subquery
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from units.models import Posting
from units.printable import sheet_cell
from units.sheet_rows import PlainRows, prepare

from awards.models.history import award_label

TITLE = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
COLUMNS = [("STT", 6), ("Họ và tên (tên tập thể, hộ gia đình)", 28), ("Chức vụ", 24), ("Đơn vị", 30),
           ("Tóm tắt thành tích", 62), ("Hình thức đề nghị", 28)]
FONT_NAME = "Times New Roman"
HEADER_ROW = 8  # repeated at the top of every printed page
PAPERSIZE_A4 = "9"
PROGRESS_EVERY = 1_000

_thin = Side(style="thin")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
TEXT = Font(name=FONT_NAME, size=12)
BOLD = Font(name=FONT_NAME, size=12, bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="top", wrap_text=True)


def _cell(sheet, value=None, *, font=TEXT, alignment=WRAP, border=None, fill=None):
    cell = sheet_cell(sheet, value)
    cell.font, cell.alignment = font, alignment
    if border:
        cell.border = border
    if fill:
        cell.fill = fill
    return cell


def _current_posting(field, today):
    """The nominee's current posting's ``field``: the latest begun and not ended by ``today``."""
    postings = (Posting.objects.filter(person=OuterRef("person_id"), start_date__lte=today)
                .filter(Q(end_date__isnull=True) | Q(end_date__gte=today)).order_by("-start_date", "-pk"))
    return Subquery(postings.values(field)[:1])


ROW_FIELDS = ("person_id", "person__full_name", "posting_position", "person__position", "posting_unit",
              "person__unit__name", "collective_id", "collective__name", "collective__parent__name", "household",
              "summary", "award__name", "award_class")


def standard_list_rows(nomination_list, today=None):
    """The list's lines in order as plain values, each with its nominee's current post: one query.

    "Chức vụ" and "Đơn vị" come from the posting in force today (a person may have moved
    since being entered), falling back to what the person's record says. Plain tuples, not
    model instances: building four instances a row was a third of the export's time.
    """
    today = today or datetime.date.today()
    return (nomination_list.lines.annotate(posting_position=_current_posting("position", today),
                                           posting_unit=_current_posting("unit__name", today))
            .order_by("pk").values_list(*ROW_FIELDS))


def _row_values(number, row):
    """The cells of a line: its number, then text, "" left as an empty cell."""
    (person, full_name, posting_position, position, posting_unit, person_unit, collective, collective_name,
     parent_name, household, summary, award_name, award_class) = row
    if person:
        name, position, unit = full_name, posting_position or position, posting_unit or person_unit
    elif collective:
        name, position, unit = collective_name, "", parent_name or ""
    else:
        name, position, unit = household, "", ""
    return [number, name or None, position or None, unit or None, summary or None,
            award_label(award_name, award_class) or None]


def write_standard_list(nomination_list, target, *, today=None, progress=None) -> int:
    """Write the printable list of ``nomination_list`` to ``target`` (a path or binary file); returns its rows.

    ``progress(rows_written)``, when given, is called every PROGRESS_EVERY rows (a job's progress bar).
    """
    unit, plan = nomination_list.unit, nomination_list.plan
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    prepare(sheet)
    for index, (_name, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    _page_setup(sheet)
    last = get_column_letter(len(COLUMNS))
    heading = Font(name=FONT_NAME, size=13, bold=True)
    reference = (f"(Kèm theo Kế hoạch số {plan.reference_label} của {plan.issuing_unit.name}; "
                 f"năm thành tích {nomination_list.year})" if plan else f"(Năm thành tích {nomination_list.year})")
    title_block = [  # (cells by column, merged ranges) of rows 1 to HEADER_ROW - 1
        ({1: (unit.name.upper(), heading), 4: ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", heading)},
         ["A1:C1", f"D1:{last}1"]),
        ({4: ("Độc lập - Tự do - Hạnh phúc", heading)}, [f"D2:{last}2"]),
        ({}, []),
        ({1: (TITLE, Font(name=FONT_NAME, size=14, bold=True))}, [f"A4:{last}4"]),
        ({1: (nomination_list.title, heading)}, [f"A5:{last}5"]),
        ({1: (reference, Font(name=FONT_NAME, size=13, italic=True))}, [f"A6:{last}6"]),
        ({}, []),
    ]
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for cells, merges in title_block:
        sheet.append([_cell(sheet, cells[c][0], font=cells[c][1], alignment=centre) if c in cells else None
                      for c in range(1, max(cells, default=0) + 1)])
        for merge in merges:
            sheet.merged_cells.add(merge)
    header_fill = PatternFill("solid", fgColor="F2F2F2")
    sheet.append([_cell(sheet, name, font=BOLD, alignment=centre, border=BORDER, fill=header_fill)
                  for name, _width in COLUMNS])
    # One styled cell per column gives each column's look; the rows are written in it as ready XML
    # (units.sheet_rows: 600,000 cells one by one through openpyxl were most of the export's time).
    rows = PlainRows(sheet, [_cell(sheet, border=BORDER, alignment=CENTRE if index == 0 else WRAP)
                             for index in range(len(COLUMNS))])
    count = 0
    for count, row in enumerate(standard_list_rows(nomination_list, today).iterator(chunk_size=2_000), start=1):
        rows.append(_row_values(count, row))
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    sheet.append([])
    sheet.append([_cell(sheet, f"Tổng số: {count:,} đề nghị.".replace(",", "."), font=BOLD, alignment=WRAP)])
    sheet.append([])
    place = f"{unit.short_name or unit.name}, ngày …… tháng …… năm ……"
    sheet.append([None, None, None, None, _cell(sheet, place, font=Font(name=FONT_NAME, size=13, italic=True),
                                                alignment=centre)])
    sheet.append([None, _cell(sheet, "NGƯỜI LẬP DANH SÁCH", font=BOLD, alignment=centre), None, None,
                  _cell(sheet, "THỦ TRƯỞNG ĐƠN VỊ", font=BOLD, alignment=centre)])
    book.save(target)
    return count


def _page_setup(sheet):
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", PAPERSIZE_A4
    # Fit every column on the page width; as many pages long as the list needs.
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins  # inches: Decree 30's 3 cm at the binding edge, 1.5 cm right, 2 cm top and bottom
    margins.left, margins.right, margins.top, margins.bottom = 1.18, 0.59, 0.79, 0.79
    # Decree 30: the page number in Arabic figures, upright, size 13-14, centred in the top margin, and not
    # shown on the first page.
    sheet.HeaderFooter.differentFirst = True
    sheet.oddHeader.center.text = "&P"
    sheet.oddHeader.center.font = f"{FONT_NAME},Regular"
    sheet.oddHeader.center.size = 13
