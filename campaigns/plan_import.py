"""Importing a plan file (.txt, .docx or .pdf) as a draft Plan with all its parts, in one transaction.

``campaigns.importing`` reads the text (pure); this module decodes the file, fills what the
text cannot say from the issuing unit (the issuer lines lost with a header table, say), and
writes the plan and its rows. A failure anywhere leaves nothing behind.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery

from units import dates
from units.archives import check_office_archive
from units.models import ADMINISTRATIVE_KINDS, Unit, UnitSuccession
from units.scoping import acting_in, units_with_role

from campaigns import revisions
from campaigns.importing import ImportReport, ParsedPlan, guess_issue_year, parse_plan_text
from campaigns.importing_dates import format_span
from campaigns.importing_docx import ZIP_MAGIC, is_docx, read_docx
from campaigns.importing_pdf import PdfNotReadable, read_pdf
from campaigns.importing_rules import match_award
from campaigns.models import AwardTier, DossierRequirement, Milestone, Plan, PlanReference, PlanSection
from campaigns.services import default_header

__all__ = ["MAX_FILE_BYTES", "ImportReport", "PlanDateOutsideUnit", "PlanImportError", "find_issuing_unit",
           "import_plan_file", "importable_units", "last_day", "parse_plan_file", "plan_as_dict", "read_plan_text",
           "unit_lookup_date"]

MAX_FILE_BYTES = 5 * 1024 * 1024  # a plan is a few pages: the upload form and the command both stop here
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


class PlanImportError(Exception):
    """The file cannot become a plan; the message says why, in Vietnamese."""


class PlanDateOutsideUnit(PlanImportError):
    """The plan is dated outside the life of the ended unit chosen to issue it."""


def importable_units(user, roles, on=None):
    """The units ``user`` may import a plan under: those where they draft today, and the ended ones
    that came before them (a province merged in 2025, a district abolished on 1/7/2025, the communes a
    new commune replaced) or where they still hold the role, so an old plan is filed under the unit
    that issued it. Each row carries ``ending_date`` (the first succession that ended it) for
    ``last_day``; nothing outside the user's own drafting units and their lineage is offered."""
    on = on or datetime.date.today()
    ending = (UnitSuccession.objects.filter(predecessor=OuterRef("pk"), kind__in=UnitSuccession.ENDING)
              .order_by("effective_date").values("effective_date")[:1])
    started = Q(valid_from__isnull=True) | Q(valid_from__lte=on)
    acting = Unit.objects.acting(on).filter(acting_in(user, roles))
    own = acting_in(user, roles)
    # Only units that have ended: a split can leave the old unit acting, and there the user does not draft.
    ended = Unit.objects.filter(started).exclude(pk__in=Unit.objects.acting(on).values("pk"))
    if own:  # not every unit (a superuser's empty filter)
        lineage = [pk for pk, _path in Unit.objects.predecessors_of(units_with_role(user, roles))]
        ended = ended.filter(own | Q(pk__in=lineage))
    return (Unit.objects.filter(Q(pk__in=acting.values("pk")) | Q(pk__in=ended.values("pk")))
            .annotate(ending_date=Subquery(ending)).order_by("path"))


def last_day(unit, on=None) -> datetime.date | None:
    """The last day ``unit`` acted, when it has ended by ``on`` (today): its own end date, or the day
    before a merger, renaming, move or abolition took effect; None for a unit still acting."""
    on = on or datetime.date.today()
    if hasattr(unit, "ending_date"):
        ending = unit.ending_date
    else:
        ending = (UnitSuccession.objects.filter(predecessor=unit, kind__in=UnitSuccession.ENDING)
                  .order_by("effective_date").values_list("effective_date", flat=True).first())
    days = [day for day in (unit.valid_to, ending and ending - datetime.timedelta(days=1)) if day]
    last = min(days) if days else None
    return last if last and last < on else None


def _check_lifetime(parsed, unit):
    """An ended unit issues only the plans dated in its lifetime."""
    last = last_day(unit)
    if last is None:
        return
    guessed, why = (parsed.issue_year, "") if parsed.issue_year else guess_issue_year(parsed)
    if guessed is None:
        raise PlanDateOutsideUnit(
            f"Kế hoạch không ghi ngày tháng nào, nên không biết nó có thuộc thời gian {unit.name} còn hoạt động "
            f"(đến hết ngày {dates.in_figures(last)}) hay không. Hãy ghi ngày ban hành vào tệp, hoặc chọn đơn vị "
            "đang hoạt động.")
    day = unit_lookup_date(parsed)
    if parsed.issue_year and parsed.issue_month and parsed.issue_day:
        dated = f"ngày {dates.in_figures(day)}"
    else:
        dated = f"năm {day.year}" + (f" (theo {why} của văn bản, vì văn bản không ghi ngày ban hành)" if why else "")
    if day > last:
        raise PlanDateOutsideUnit(
            f"Kế hoạch ban hành {dated}, sau khi {unit.name} đã kết thúc (hoạt động đến hết ngày "
            f"{dates.in_figures(last)}): không nhập được dưới đơn vị này. Hãy chọn đơn vị đang hoạt động đã "
            "ban hành kế hoạch, hoặc kiểm tra lại ngày tháng ghi trên kế hoạch.")
    if unit.valid_from and day < unit.valid_from:
        raise PlanDateOutsideUnit(
            f"Kế hoạch ban hành {dated}, trước khi {unit.name} được thành lập (từ ngày "
            f"{dates.in_figures(unit.valid_from)}): hãy chọn đơn vị đã ban hành kế hoạch lúc đó.")


def read_plan_text(data: bytes) -> str:
    """The file's text: a .docx by its content (a ZIP with word/document.xml), a PDF by its text layer,
    else UTF-8 or UTF-16 text."""
    if not data or not data.strip():
        raise PlanImportError("Tệp trống, không có nội dung để nhập.")
    if len(data) > MAX_FILE_BYTES:
        raise PlanImportError(f"Tệp lớn hơn {MAX_FILE_BYTES // (1024 * 1024)} MB: một kế hoạch không dài đến thế.")
    if data.startswith(ZIP_MAGIC):
        if not is_docx(data):
            raise PlanImportError("Tệp nén này không phải tài liệu Word (.docx).")
        try:  # judged by its ZIP directory before anything unpacks it: a small file may hide gigabytes
            check_office_archive(data, what="Tài liệu Word", max_unpacked=settings.DOCX_MAX_UNPACKED_BYTES)
        except ValidationError as refusal:
            raise PlanImportError(" ".join(refusal.messages)) from None
        try:
            return read_docx(data)
        except Exception as error:  # a damaged package: python-docx raises many kinds
            raise PlanImportError(f"Không đọc được tài liệu Word (.docx): {error}") from error
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise PlanImportError("Tệp Word cũ (.doc) chưa đọc được; hãy mở bằng Word và lưu lại dưới dạng .docx.")
    if data[:1024].lstrip().startswith(b"%PDF"):
        try:
            return read_pdf(data)
        except PdfNotReadable as refusal:
            raise PlanImportError(str(refusal)) from None
        except Exception as error:  # a damaged file: pypdf raises many kinds
            raise PlanImportError(f"Không đọc được tệp PDF: {error}") from error
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise PlanImportError("Tệp không phải văn bản .txt (UTF-8 hoặc UTF-16) cũng không phải tài liệu Word "
                              ".docx; hãy lưu lại kế hoạch dưới một trong hai dạng đó.") from None
    if any(ord(char) < 32 and char not in "\t\n\r\f\v" for char in text):
        raise PlanImportError("Tệp có ký tự điều khiển: đây không phải văn bản .txt hay tài liệu Word .docx.")
    return text


def find_issuing_unit(code: str, *, on: datetime.date) -> Unit:
    """The unit with official ``code`` in force on ``on``: codes repeat across eras (a new commune
    often keeps an old code), so the date decides; administrative units win over others.

    A unit without an official code (a central body, an office, a school) is reached by its
    import key or its id ("id:42", or "42" when no unit has that code): these name one row, so
    the unit is taken whatever its dates — an ended unit's old plan is imported under it.
    """
    code = code.strip()
    if code.lower().startswith("id:") or not Unit.objects.filter(code=code).exists():
        unit = _unit_by_key(code)
        if unit is not None:
            return unit
    candidates = list(Unit.objects.filter(code=code.strip()).in_force(on).order_by("path"))
    if len(candidates) > 1:
        administrative = [u for u in candidates if u.kind in ADMINISTRATIVE_KINDS]
        candidates = administrative or candidates
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        others = Unit.objects.filter(code=code.strip()).order_by("valid_from")
        if not others.exists():
            raise PlanImportError(f"Không có đơn vị nào mang mã “{code}”.")
        listed = "; ".join(f"{u.name} ({_validity(u)})" for u in others)
        raise PlanImportError(f"Không có đơn vị mã “{code}” còn hiệu lực ngày {on:%d/%m/%Y}. "
                              f"Các đơn vị mang mã này: {listed}.")
    listed = "; ".join(f"{u.name} — {u.get_kind_display()} (id {u.pk})" for u in candidates)
    raise PlanImportError(f"Mã “{code}” ứng với nhiều đơn vị cùng hiệu lực ngày {on:%d/%m/%Y}: {listed}. "
                          "Hãy chọn đơn vị trên trang nhập kế hoạch.")


def _unit_by_key(key):
    """The unit whose import key is ``key``, or whose id ``key`` is ("42", "id:42"); else None."""
    number = key[3:].strip() if key.lower().startswith("id:") else key
    if not key.lower().startswith("id:"):
        unit = Unit.objects.filter(import_key=key).first()
        if unit is not None:
            return unit
    if number.isdigit():
        unit = Unit.objects.filter(pk=int(number)).first()
        if unit is not None:
            return unit
    if key.lower().startswith("id:"):
        raise PlanImportError(f"Không có đơn vị nào có id “{number}”.")
    return None


def _validity(unit):
    start = f"{unit.valid_from:%d/%m/%Y}" if unit.valid_from else "…"
    end = f"{unit.valid_to:%d/%m/%Y}" if unit.valid_to else "nay"
    return f"{start} – {end}"


def unit_lookup_date(parsed: ParsedPlan) -> datetime.date:
    """The day the issuing unit must be in force: the issue date, else 1 January of the issue year."""
    if parsed.issue_year and parsed.issue_month and parsed.issue_day:
        try:
            return datetime.date(parsed.issue_year, parsed.issue_month, parsed.issue_day)
        except ValueError:
            pass
    return datetime.date(parsed.issue_year or guess_issue_year(parsed)[0] or datetime.date.today().year, 1, 1)


def parse_plan_file(data: bytes) -> ParsedPlan:
    parsed = parse_plan_text(read_plan_text(data))
    if not (parsed.doc_type or parsed.symbol or parsed.place or parsed.sections):
        raise PlanImportError("Không nhận ra kế hoạch trong tệp: không thấy số, ký hiệu, địa danh, ngày tháng, "
                              "tên loại văn bản hay mục nào (I., 1. …).")
    return parsed


def import_plan_file(*, data: bytes, filename: str, unit: Unit, actor=None,
                     within_lifetime: bool = False) -> tuple[Plan, ImportReport]:
    """Create a draft Plan of ``unit`` from a .txt, .docx or .pdf file, with its sections and rules.

    With ``within_lifetime``, a unit that has ended takes only a plan dated while it acted."""
    parsed = parse_plan_file(data)
    if within_lifetime:
        _check_lifetime(parsed, unit)
    report = parsed.report
    if data[:1024].lstrip().startswith(b"%PDF"):
        report.notes.append("Đọc từ lớp chữ của tệp PDF: đoạn văn được dựng lại theo vị trí dòng chữ trên trang "
                            "(cần soát lại cách chia đoạn, chữ in đậm).")
    _fill_from_unit(parsed, unit, filename)
    with transaction.atomic():
        plan = Plan(
            issuing_unit=unit, status=Plan.Status.DRAFT, number=None, source_file=filename[:255], created_by=actor,
            # A plan read from a file keeps the numbers it was written with until the drafter asks otherwise.
            number_sections=False,
            **{name: getattr(parsed, name) for name in (
                "superior_body", "issuer_name", "symbol", "place", "issue_year", "issue_month", "issue_day",
                "doc_type", "title", "preamble", "theme", "closing", "period_start", "period_end", "period_from_issue",
                "dossier_deadline", "dossier_place", "kind", "sign_prefix", "sign_on_behalf", "signer_title",
                "signer_name")},
            recipients="\n".join(parsed.recipients),
        )
        _fit(plan, report)
        _clean(plan)
        plan.save()
        sections = [PlanSection(plan=plan, position=(i + 1) * 10, level=s.level, number=s.number,
                                heading=s.heading, body=s.body, kind=s.kind) for i, s in enumerate(parsed.sections)]
        rows = [
            *sections,
            *(PlanReference(plan=plan, position=i + 1, kind=r.kind, doc_type=r.doc_type, doc_number=r.doc_number,
                            doc_date=r.doc_date, issuer=r.issuer, text=r.text)
              for i, r in enumerate(parsed.references)),
            *(DossierRequirement(plan=plan, position=i + 1, name=r.name, form_reference=r.form_reference,
                                 copies=r.copies) for i, r in enumerate(parsed.dossier_requirements)),
            *(Milestone(plan=plan, kind=m.kind, date=m.date, label=m.label) for m in parsed.milestones),
        ]
        for row in rows:
            _fit(row, report)
            _clean(row, exclude=["plan"])
        for model in (PlanSection, PlanReference, DossierRequirement, Milestone):
            model.objects.bulk_create([row for row in rows if type(row) is model])
        # Sections first: each tier points at the section that prints its standard.
        # The catalogue is awards' model, reached through the tier's relation: campaigns does not import awards.
        catalogue = list(AwardTier._meta.get_field("award").related_model.objects.all())
        tiers = [AwardTier(plan=plan, position=i + 1, award_name=t.award_name, authority=t.authority,
                           award=match_award(t.award_name, catalogue),
                           for_collectives=t.for_collectives, for_individuals=t.for_individuals,
                           for_households=t.for_households, quota=t.quota, quota_note=t.quota_note,
                           section=sections[t.section]) for i, t in enumerate(parsed.award_tiers)]
        for tier in tiers:
            _fit(tier, report)
            _clean(tier, exclude=["plan", "section"])
        AwardTier.objects.bulk_create(tiers)
        plan.import_report = report.as_dict()
        plan.save(update_fields=["import_report"])
        revisions.record_revision(plan, actor=actor, note=f"Nhập từ tệp {filename}"[:255])
    return plan, report


def _fill_from_unit(parsed, unit, filename):
    """What the file does not say, taken from the unit and marked as guessed in the report."""
    report, header = parsed.report, default_header(unit)
    if not parsed.issuer_name:
        parsed.issuer_name = header["issuer_name"]
        guessed = parsed.issuer_name.replace("\n", " / ") + " (đoán theo đơn vị)"
        report.recognised = {"Cơ quan ban hành": guessed, **report.recognised}
        report.notes.append(f"Tệp không có tên cơ quan ban hành — đã lấy theo đơn vị: "
                            f"{parsed.issuer_name.replace(chr(10), ' / ')} (cần kiểm tra).")
    if not parsed.symbol:
        parsed.symbol = header["symbol"]
        report.notes.append(f"Tệp không có ký hiệu — đã dùng “{parsed.symbol}” (cần kiểm tra).")
    if not parsed.place:
        parsed.place = header["place"]
        report.notes.append(f"Tệp không có địa danh — đã dùng “{parsed.place}” (cần kiểm tra).")
    if not parsed.issue_year:
        year, why = guess_issue_year(parsed)
        parsed.issue_year = year or datetime.date.today().year
        source = f"theo {why} của văn bản" if year else "năm hiện tại: văn bản không ghi ngày nào"
        report.notes.append(f"Tệp không có năm ban hành — đã dùng năm {parsed.issue_year} ({source}; cần kiểm tra).")
    if parsed.number is not None:
        # A draft carries no number: it is given when the plan is issued (services.issue_plan).
        report.notes.append(f"Tệp ghi số {parsed.number:02d}/{parsed.symbol}; bản dự thảo để trống số, "
                            "số sẽ được cấp khi ban hành.")
    if not parsed.kind:
        parsed.kind = Plan.Kind.THEMATIC
        report.notes.append(f"Tệp không nói rõ loại phong trào thi đua — đã để “{Plan.Kind.THEMATIC.label}” "
                            "(cần kiểm tra): khen thưởng theo kế hoạch này không được tính làm căn cứ đề nghị "
                            "khen thưởng cao hơn.")
    if not parsed.doc_type:
        parsed.doc_type = "KẾ HOẠCH"
    if not parsed.title:
        parsed.title = f"Kế hoạch nhập từ tệp {filename}"
        report.notes.append("Tệp không có trích yếu — đã đặt tạm theo tên tệp (cần sửa).")
    if parsed.period_from_issue and parsed.period_start is None:
        try:
            parsed.period_start = datetime.date(parsed.issue_year, parsed.issue_month or 0, parsed.issue_day or 0)
        except ValueError:
            report.notes.append("Thời gian thi đua bắt đầu từ ngày ban hành: sẽ điền khi kế hoạch có ngày ban hành.")
        else:
            report.recognised["Thời gian thi đua"] = format_span(parsed.period_start, parsed.period_end)


def _fit(instance, report):
    """Cut a text longer than its field to fit, and say so: one overlong field (a header that
    swallowed a web page's lines, say) must not cost the whole plan. On the plan itself the whole
    text is also kept at the head of the preamble, so no paragraph is lost."""
    for model_field in instance._meta.concrete_fields:
        value, limit = getattr(instance, model_field.attname), model_field.max_length
        if not isinstance(value, str) or not limit or len(value) <= limit:
            continue
        setattr(instance, model_field.attname, value[:limit - 1].rstrip() + "…")
        label = f"{model_field.verbose_name} ({instance._meta.verbose_name})"
        if isinstance(instance, Plan) and model_field.name != "preamble":
            instance.preamble = "\n\n".join(filter(None, [value, instance.preamble]))
            kept = "toàn văn đã đưa vào đầu phần mở đầu"
        else:
            kept = f"toàn văn: «{value}»"
        report.notes.append(f"{label[:1].upper()}{label[1:]} dài {len(value)} kí tự, quá mức {limit} kí tự — "
                            f"đã cắt bớt trong bản dự thảo, {kept} (cần kiểm tra).")


def _clean(instance, exclude=()):
    """Model validation with the messages in Vietnamese, raised as an import error (rolls back)."""
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        messages = "; ".join(f"{_label(instance, name)}: {' '.join(errs)}"
                             for name, errs in error.message_dict.items())
        raise PlanImportError(f"Không lưu được {instance._meta.verbose_name}: {messages}") from error


def _label(instance, name):
    try:
        return str(instance._meta.get_field(name).verbose_name)
    except Exception:
        return name


def plan_as_dict(plan: Plan, report: ImportReport | None = None) -> dict:
    """The plan's structured fields as JSON-ready data (dates as ISO strings)."""
    iso = lambda value: value.isoformat() if value else None  # noqa: E731
    sections = list(plan.sections.all())
    positions = {s.pk: s.position for s in sections}
    data = {
        "id": plan.pk, "status": plan.status, "source_file": plan.source_file,
        "issuing_unit": {"id": plan.issuing_unit_id, "code": plan.issuing_unit.code, "name": plan.issuing_unit.name},
        **{name: getattr(plan, name) for name in (
            "superior_body", "issuer_name", "number", "symbol", "place", "issue_year", "issue_month", "issue_day",
            "doc_type", "title", "preamble", "theme", "closing", "dossier_place", "kind")},
        "period": {"start": iso(plan.period_start), "end": iso(plan.period_end)},
        "dossier_deadline": iso(plan.dossier_deadline),
        "references": [{"kind": r.kind, "doc_type": r.doc_type, "doc_number": r.doc_number,
                        "doc_date": iso(r.doc_date), "issuer": r.issuer, "text": r.text}
                       for r in plan.references.all()],
        "sections": [{"position": s.position, "level": s.level, "number": s.number, "heading": s.heading,
                      "kind": s.kind, "body": s.body} for s in sections],
        "award_tiers": [{"award_name": t.award_name, "authority": t.authority, "for_collectives": t.for_collectives,
                         "for_individuals": t.for_individuals, "for_households": t.for_households,
                         "quota": t.quota, "quota_note": t.quota_note,
                         "section_position": positions.get(t.section_id)} for t in plan.award_tiers.all()],
        "dossier_requirements": [{"name": r.name, "form_reference": r.form_reference, "copies": r.copies}
                                 for r in plan.dossier_requirements.all()],
        "milestones": [{"kind": m.kind, "date": iso(m.date), "label": m.label} for m in plan.milestones.all()],
        "recipients": [line for line in plan.recipients.splitlines() if line.strip()],
        "signature": {"prefix": plan.sign_prefix, "on_behalf": plan.sign_on_behalf, "title": plan.signer_title,
                      "name": plan.signer_name},
    }
    if report is not None:
        data["report"] = report.as_dict()
    return data
