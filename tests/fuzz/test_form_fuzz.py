"""Every form of the portal, fed what a careless user or an attacker types (see texts.py).

Each example is one POST (rolled back after it) by a user who may use the form, and the page it leads to.
Nothing may answer 500; a script payload never comes back unescaped; a refusal is a Vietnamese message on
the form or in the page's notices.
"""

import datetime

import pytest
from django.urls import reverse
from hypothesis import given, strategies as st

from tests.fuzz.texts import FUZZ, HOSTILE, date, exchange, hostile, name, number, text

pytestmark = pytest.mark.django_db
# Valid values beside the hostile text of the explicit examples, so the form accepts it and stores it.
TODAY = datetime.date.today().isoformat()
NEXT_MONTH = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()


def no_problems(found):
    assert found == [], "\n".join(found)


def list_files(office):
    """The Excel and Word files that print the draft list's lines (the PDFs print the same text, slower)."""
    return [reverse("awards:nominee_export", args=[office.draft_list.pk]),
            reverse("awards:standard_list_export", args=[office.draft_list.pk]),
            reverse("awards:proposal_docx", args=[office.draft_list.pk]),
            reverse("awards:report_docx", args=[office.draft_line.pk])]


@FUZZ
@given(full_name=name, position=text, cccd=st.one_of(text, number), born=date)
@hostile("full_name", "position", cccd="", born="")
def test_adding_a_person_never_breaks_and_shows_what_was_typed_escaped(office, as_user, full_name, position, cccd,
                                                                      born):
    data = {"full_name": full_name, "position": position, "cccd": cccd, "date_of_birth": born, "gender": "male",
            "unit": office.tree.ha_hoa.pk}
    found, _ = exchange(as_user(office.alice), "post", reverse("units:person_create"), data, shown=full_name)
    no_problems(found)


@FUZZ
@given(full_name=name, position=text, born=date)
@hostile("full_name", "position", born="")
def test_editing_a_person_never_breaks(office, as_user, full_name, position, born):
    data = {"full_name": full_name, "position": position, "cccd": "", "date_of_birth": born, "gender": "female",
            "unit": office.tree.ha_hoa.pk}
    found, _ = exchange(as_user(office.alice), "post", reverse("units:person_edit", args=[office.an.pk]), data,
                        shown=full_name, also=list_files(office))
    no_problems(found)


@FUZZ
@given(unit_name=text, short=text, code=text, since=date)
@hostile("unit_name", "short", "code", since="")
def test_adding_a_unit_never_breaks(office, as_user, unit_name, short, code, since):
    data = {"name": unit_name, "short_name": short, "kind": "village", "code": code, "valid_from": since}
    found, _ = exchange(as_user(office.erin), "post", reverse("units:unit_create", args=[office.tree.ha_hoa.pk]),
                        data, shown=unit_name)
    no_problems(found)


@FUZZ
@given(title=text)
@hostile("title")
def test_starting_a_plan_never_breaks(office, as_user, title):
    data = {"issuing_unit": office.tree.ha_hoa.pk, "title": title, "kind": ""}
    found, _ = exchange(as_user(office.alice), "post", reverse("campaigns:plan_create"), data, shown=title)
    no_problems(found)


@FUZZ
@given(title=text, year=number)
@hostile("title", year="2026")
def test_starting_a_nomination_list_never_breaks(office, as_user, title, year):
    data = {"unit": office.tree.ha_hoa.pk, "year": year, "title": title, "plan": ""}
    found, _ = exchange(as_user(office.alice), "post", reverse("awards:nomination_lists"), data, shown=title)
    no_problems(found)


@FUZZ
@given(summary=text, award_class=text)
@hostile("summary", award_class="")
def test_correcting_a_draft_line_never_breaks(office, as_user, summary, award_class):
    data = {"summary": summary, "award_class": award_class}
    found, _ = exchange(as_user(office.alice), "post", reverse("awards:nomination_line_edit",
                                                               args=[office.draft_line.pk]), data, shown=summary,
                        also=list_files(office))
    no_problems(found)


@FUZZ
@given(query=text, summary=text, household=text, award_class=text)
@hostile("summary", "household", query="Nguyễn Văn An", award_class="")
def test_adding_a_line_never_breaks(office, as_user, query, summary, household, award_class):
    from awards.models import AwardType

    data = {"person_query": query, "person": "", "household": household, "summary": summary,
            "award": AwardType.objects.get(code="BK_TINH").pk, "award_class": award_class}
    found, _ = exchange(as_user(office.alice), "post", reverse("awards:nomination_list_detail",
                                                               args=[office.draft_list.pk]), data)
    no_problems(found)


@FUZZ
@given(comment=text, missing=text, reason=text)
@hostile("comment", "missing", "reason")
def test_the_province_clerks_answers_to_a_packet_never_break(office, as_user, comment, missing, reason):
    client, pk = as_user(office.phuong), office.packet.pk
    found = []
    for url, data in ((reverse("awards:dossier_receive", args=[pk]), {"tiep-nhan-comment": comment}),
                      (reverse("awards:dossier_refuse", args=[pk]), {"missing": missing}),
                      (reverse("awards:dossier_return", args=[pk]), {"reason": reason})):
        found += exchange(client, "post", url, data)[0]
    no_problems(found)


@FUZZ
@given(reason=text, on=date, note=text)
@hostile("reason", "note", on=TODAY)
def test_revoking_reissuing_and_resolving_never_break(granted, as_user, reason, on, note):
    client = as_user(granted.dave)
    found = exchange(client, "post", reverse("awards:award_revoke", args=[granted.record.pk]),
                     {"reason": reason, "revoked_on": on})[0]
    found += exchange(as_user(granted.phuong), "post", reverse("awards:certificate_reissue",
                                                               args=[granted.certificate.pk]), {"reason": reason})[0]
    found += exchange(client, "post", reverse("awards:review_flag_resolve", args=[granted.flag.pk]), {"note": note})[0]
    no_problems(found)


@FUZZ
@given(number_typed=text, body=text)
@hostile("number_typed", "body")
def test_printing_a_decisions_papers_by_its_number_never_breaks(granted, as_user, number_typed, body):
    found, _ = exchange(as_user(granted.phuong), "post", reverse("awards:decision_certificates_pdf"),
                        {"decision_number": number_typed, "issuing_body": body})
    no_problems(found)


@FUZZ
@given(reason=text, deadline=date)
@hostile("reason", deadline=NEXT_MONTH)
def test_extending_a_deadline_never_breaks(office, as_user, reason, deadline):
    data = {"unit": "", "new_deadline": deadline, "reason": reason}
    found, _ = exchange(as_user(office.dave), "post", reverse("awards:deadline_extensions",
                                                              args=[office.province_plan.pk]), data, shown=reason)
    no_problems(found)


@FUZZ
@given(target=text, initiative=text)
@hostile("target", "initiative")
def test_registering_under_a_plan_never_breaks(office, as_user, target, initiative):
    data = {"unit": office.tree.ha_hoa.pk, "person": office.an.pk, "award_tier": "", "target": target,
            "initiative_title": initiative}
    found, _ = exchange(as_user(office.alice), "post", reverse("campaigns:plan_registrations",
                                                               args=[office.province_plan.pk]), data, shown=target,
                        also=[reverse("campaigns:plan_registrations_xlsx", args=[office.province_plan.pk])])
    no_problems(found)


@FUZZ
@given(query=text, page=number, year=number, status=text)
@hostile("query", "status", page="", year="")
def test_the_search_boxes_and_list_filters_never_break(office, as_user, query, page, year, status):
    client, found = as_user(office.carol), []
    for url, params in ((reverse("units:person_list"), {"q": query, "trang": page}),
                        (reverse("units:unit_list"), {"q": query, "lich_su": status}),
                        (reverse("campaigns:plan_list"), {"q": query, "trang_thai": status, "trang": page}),
                        (reverse("awards:dossier_list"), {"trang_thai": status, "danh_sach": page}),
                        (reverse("awards:certificate_list"), {"nam": year}),
                        (reverse("awards:nomination_lists"), {"ke_hoach": page})):
        found += exchange(client, "get", url, params)[0]
    no_problems(found)


@FUZZ
@given(answer=text, sender=name, contact=text, comment=text, address=st.ip_addresses(v=4).map(str))
@hostile("answer", "sender", "contact", "comment", address="10.0.0.1")
def test_public_comments_and_their_answers_never_break(hearing, as_user, answer, sender, contact, comment, address):
    consultation, pk = hearing.consultation, hearing.comment.pk
    found = exchange(as_user(hearing.phuong), "post", reverse("awards:consultation_answer", args=[pk]),
                     {f"c{pk}-answer": answer}, shown=answer)[0]
    found += exchange(as_user(None), "post", reverse("public:consultation_public_detail", args=[consultation.pk]),
                      {"name": sender, "contact": contact, "candidate": "", "text": comment, "website": ""},
                      REMOTE_ADDR=address)[0]
    no_problems(found)


@FUZZ
@given(place=text, started=st.one_of(text, st.sampled_from(["08:00", "25:61", "7h30", "00:00:00.000001"])),
       votes=st.lists(number, min_size=4, max_size=4), held_on=date)
@hostile("place", started="", held_on=TODAY, votes=["7", "0", "0", "0"])
def test_the_council_secretarys_forms_never_break(hearing, as_user, place, started, votes, held_on):
    client, session = as_user(hearing.sarah), hearing.session
    data = {"place": place, "started_at": started, "chair": "", "version": session.version}
    for ballot in session.ballots.all():
        for field, vote in zip(("votes_for", "votes_against", "written_for", "written_against"), votes, strict=True):
            data[f"{field}_{ballot.pk}"] = vote
    found = exchange(client, "post", reverse("awards:council_session_save", args=[session.pk]), data,
                     also=[reverse("awards:council_minutes_docx", args=[session.pk])])[0]
    found += exchange(client, "post", reverse("awards:council_session_new"),
                      {"unit": hearing.tree.phu_tho.pk, "held_on": held_on, "started_at": started, "place": place})[0]
    no_problems(found)


@FUZZ
@given(fields=st.fixed_dictionaries({key: text for key in (
    "symbol", "place", "title", "authority", "legal_bases", "bonus_article", "execution_article", "sign_prefix",
    "sign_on_behalf", "signer_title", "signer_name", "recipients")}), number_typed=number, signed_on=date)
@hostile(number_typed="", signed_on=TODAY, fields={"title": HOSTILE, "signer_name": HOSTILE, "legal_bases": HOSTILE})
def test_drafting_a_decision_never_breaks(settled, as_user, fields, number_typed, signed_on):
    from django.utils import timezone

    from awards.services import decisions

    unit = settled.tree.phu_tho
    lines = list(decisions.ready_lines(unit))
    defaults = decisions.draft_defaults(unit, lines, on=timezone.localdate())
    data = {key: "" if value is None else value for key, value in defaults.items()}
    data.update({key: value for key, value in fields.items() if key in data})
    data.update({"number": number_typed, "signed_on": signed_on, "lines": [line.pk for line in lines]})
    found, _ = exchange(as_user(settled.phuong), "post", reverse("awards:decision_create", args=[unit.pk]), data,
                        shown=fields["title"], also_after=["quyet-dinh.docx"])
    no_problems(found)


@FUZZ
@given(username=text, password=text)
@hostile("username", "password")
def test_the_login_form_never_breaks(office, as_user, username, password):
    found, _ = exchange(as_user(None), "post", reverse("login"), {"username": username, "password": password})
    no_problems(found)


@FUZZ
@given(comment=text, reason=text, verdict=st.one_of(st.sampled_from(["approve", "reject", "return", ""]), text))
@hostile("comment", "reason", verdict="return")
def test_the_reviewers_verdicts_never_break(received, as_user, comment, reason, verdict):
    office = received
    line = office.packet.lines.get()
    data = {"comment": comment, f"ket_qua_{line.pk}": verdict, f"ly_do_{line.pk}": reason}
    found, _ = exchange(as_user(office.carol), "post", reverse("awards:dossier_review", args=[office.packet.pk]), data)
    no_problems(found)


@FUZZ
@given(number_typed=number, issued=date)
@hostile("number_typed", issued=TODAY)
def test_issuing_a_plan_never_breaks(office, as_user, number_typed, issued):
    found, _ = exchange(as_user(office.bob), "post", reverse("campaigns:plan_issue", args=[office.draft_plan.pk]),
                        {"number": number_typed, "issue_date": issued})
    no_problems(found)
