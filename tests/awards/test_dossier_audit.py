"""The audit chain: every step is an event chained by hashes; edits behind the services' back are found."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from awards.models import Dossier, DossierEvent, DossierLine, NominationLine
from awards.rules import hash_chain as audit

from tests.awards.dossier_factories import lines_of

pytestmark = pytest.mark.django_db


def verify(*ids):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit_chain", *map(str, ids), stdout=out, stderr=err)
    except CommandError as failure:
        return False, out.getvalue() + err.getvalue() + str(failure)
    return True, out.getvalue()


def test_every_step_appends_an_event_chained_to_the_one_before(reviewed_dossier):
    events = list(DossierEvent.objects.filter(dossier=reviewed_dossier).order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].previous_hash == audit.GENESIS
    assert all(later.previous_hash == earlier.hash for earlier, later in zip(events, events[1:]))
    assert (reviewed_dossier.event_count, reviewed_dossier.last_event_hash) == (3, events[-1].hash)
    assert events[-1].content_sha256 == audit.content_hash(reviewed_dossier)
    assert verify() == (True, "Đã kiểm tra 1 hồ sơ: chuỗi diễn biến toàn vẹn.\n")


def test_an_event_row_edited_in_the_database_breaks_the_chain_at_that_event(reviewed_dossier):
    DossierEvent.objects.filter(dossier=reviewed_dossier, seq=2).update(comment="Thiếu thành phần.")
    problem = audit.verify_dossier(reviewed_dossier)
    assert (problem.seq, problem.reason) == (2, "nội dung sự kiện đã bị sửa")
    ok, output = verify()
    assert not ok and f"Hồ sơ số {reviewed_dossier.pk}: hỏng tại sự kiện thứ 2" in output and "1/1 hồ sơ" in output


def test_a_rehashed_forgery_still_breaks_the_link_to_the_next_event(reviewed_dossier):
    event = DossierEvent.objects.get(dossier=reviewed_dossier, seq=2)
    event.actor_id = reviewed_dossier.submitted_by_id
    DossierEvent.objects.filter(pk=event.pk).update(actor=event.actor_id, hash=audit.event_hash(event))
    assert audit.verify_dossier(reviewed_dossier).seq == 3


def test_a_line_edited_behind_the_services_back_is_found(reviewed_dossier):
    line = lines_of(reviewed_dossier)[1]
    DossierLine.objects.filter(pk=line.pk).update(status=DossierLine.Status.REJECTED, reason="Sửa tay")
    assert audit.verify_dossier(reviewed_dossier).reason.startswith("nội dung hồ sơ khác")
    DossierLine.objects.filter(pk=line.pk).update(status=line.status, reason="")
    assert audit.verify_dossier(reviewed_dossier) is None
    NominationLine.objects.filter(pk=line.nomination_line_id).update(summary="Thành tích sửa sau khi gửi")
    assert audit.verify_dossier(reviewed_dossier) is not None


def test_removing_the_last_event_is_found(reviewed_dossier):
    last = DossierEvent.objects.get(dossier=reviewed_dossier, seq=3)
    DossierEvent.objects.filter(pk=last.pk).delete()  # a queryset delete skips the model's refusal
    assert audit.verify_dossier(reviewed_dossier).reason == "sự kiện cuối cùng đã bị xóa hoặc thay"


def test_events_cannot_be_changed_or_deleted_through_the_model(reviewed_dossier):
    event = DossierEvent.objects.filter(dossier=reviewed_dossier).first()
    event.comment = "Sửa"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()


def test_the_command_checks_only_the_dossiers_named_and_reports_each_broken_one(cast, tree, reviewed_dossier):
    other = Dossier.objects.exclude(pk=reviewed_dossier.pk)
    assert not other.exists()
    DossierEvent.objects.filter(dossier=reviewed_dossier, seq=1).update(comment="x")
    assert verify(reviewed_dossier.pk)[0] is False
    assert verify(reviewed_dossier.pk + 1000) == (True, "Đã kiểm tra 0 hồ sơ: chuỗi diễn biến toàn vẹn.\n")
