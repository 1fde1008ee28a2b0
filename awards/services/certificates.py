"""The only code that writes certificates: issuing papers for award records and reissuing a lost one.

Who may issue is one rule, ``awards.rules.certificates.certifiable_records(user)``.

Serials come from a ``CertificateSeries`` row per issuing body and year, read under a row lock and
advanced by a whole batch at once, so two people printing at the same moment never share a number and
a decision of 200 names costs a handful of queries, not 200.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from awards.models import Certificate, CertificateSeries
from awards.rules.certificates import certifiable_records

# "Chủ tịch UBND tỉnh Phú Thọ" → "Phú Thọ": only the first guess of a new register's place; the admin
# corrects it on the register row.
_PLACE = re.compile(r"\b(?:tỉnh|thành phố|xã|phường|đặc khu|thị trấn)\s+(.+)$", re.IGNORECASE)


def _series(issuing_body: str, year: int) -> CertificateSeries:
    """The register of ``issuing_body`` for ``year``, created on first use, locked until the commit."""
    series, created = CertificateSeries.objects.get_or_create(issuing_body=issuing_body, year=year,
                                                              defaults={"prefix": "", "place": _place(issuing_body)})
    if created:
        # The row's own id keeps a new register's serials apart from every other register's.
        CertificateSeries.objects.filter(pk=series.pk).update(prefix=f"{year}.{series.pk:03d}.")
    return CertificateSeries.objects.select_for_update().get(pk=series.pk)


def _place(issuing_body):
    """"Phú Thọ" from "Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ" — or from the same authority line written in
    capitals, as a decision's header has it (every word of a place name is capitalised)."""
    match = _PLACE.search(issuing_body.strip())
    if not match:
        return ""
    place = match.group(1).strip()
    return place.title() if place.isupper() else place


def _numbered(records, *, actor, now, copy_numbers=None, reasons=None, replaces=None) -> list[Certificate]:
    """Unsaved certificates for ``records``, numbered from their registers (one lock per register)."""
    groups = {}
    for record in records:
        groups.setdefault(record.issuing_body.strip(), []).append(record)
    made = []
    for body in sorted(groups):  # a fixed order: two batches never wait on each other's registers
        series = _series(body, now.year)
        first = series.last_number + 1
        series.last_number += len(groups[body])
        CertificateSeries.objects.filter(pk=series.pk).update(last_number=series.last_number)
        for offset, record in enumerate(groups[body]):
            made.append(Certificate(
                record=record, series=series, number=first + offset, serial=series.serial(first + offset),
                copy_number=(copy_numbers or {}).get(record.pk, 0), reissue_reason=(reasons or {}).get(record.pk, ""),
                replaces=(replaces or {}).get(record.pk), issued_on=timezone.localdate(now), issued_at=now,
                issued_by=actor,
            ))
    return made


def issue_certificates(records, *, actor) -> list[Certificate]:
    """The valid paper of each of ``records``, issuing the ones that have none yet.

    All or nothing: a record the actor may not issue refuses the whole batch. Annulled awards get no
    paper and are left out of the answer; records that already have a valid paper keep it (never a
    second original). The answer follows the order of ``records``.
    """
    pks = list(dict.fromkeys(r.pk for r in records))
    if not pks:
        return []
    with transaction.atomic():
        # of=("self",): the scope filter joins people and units, whose rows need no lock.
        locked = {r.pk: r for r in certifiable_records(actor).select_for_update(of=("self",))
                  .select_related("award").filter(pk__in=pks)}
        if len(locked) != len(pks):
            raise PermissionDenied("Có khen thưởng không thuộc phạm vi bạn được cấp giấy khen.")
        live = {c.record_id: c for c in Certificate.objects.live().filter(record_id__in=pks)}
        wanted = [locked[pk] for pk in pks if pk not in live and locked[pk].revoked_on is None]
        # Every field is made here, none typed: full_clean() would only re-read each foreign key,
        # one query per paper; the constraints guard the rest.
        fresh = _numbered(wanted, actor=actor, now=timezone.now())
        Certificate.objects.bulk_create(fresh)
        live.update({c.record_id: c for c in fresh})
    return [live[pk] for pk in pks if pk in live]


def reissue_certificate(certificate, *, actor, reason: str) -> Certificate:
    """A new copy of a lost or damaged paper: the same award record, the next copy number, a new serial
    and token; the old copy is marked replaced and its public page says so."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Nhập lý do cấp lại."})
    with transaction.atomic():
        record = (certifiable_records(actor).select_for_update(of=("self",)).select_related("award")
                  .filter(pk=certificate.record_id).first())
        if record is None:
            raise PermissionDenied("Khen thưởng này không thuộc phạm vi bạn được cấp giấy khen.")
        if record.revoked_on is not None:
            raise ValidationError("Khen thưởng đã bị hủy bỏ; không cấp lại giấy.")
        # Under the record's lock the valid copy cannot change: whoever came first is seen here.
        old = Certificate.objects.live().filter(record=record).first()
        if old is None or old.pk != certificate.pk:
            raise ValidationError("Bản này đã được cấp lại; hãy tải lại trang để thấy bản mới nhất.")
        now = timezone.now()
        Certificate.objects.filter(pk=old.pk).update(replaced_at=now)
        last_copy = record.certificates.order_by("-copy_number").values_list("copy_number", flat=True).first()
        [new] = _numbered([record], actor=actor, now=now, copy_numbers={record.pk: last_copy + 1},
                          reasons={record.pk: reason}, replaces={record.pk: old})
        new.save()
    return new
