"""Every URL of the portal, as every member of the cast, on objects of their own unit, another unit of their
province and another province.

The table ``ROUTES`` names every URL of the portal and how to reach its object; a test compares it with
the URL configuration, so a new URL fails the suite until someone says here how it is scoped. For each
route and each role:

- anonymous: the login page (or, for the public pages, the page itself, never an error);
- an object outside the user's scope: 404 for GET and for an empty POST, never 200 with data, never 500;
- an object inside it: anything but 404 and 500 (403 when the role may not act is fine);
- any page or file answered: no name of a person from a place outside the user's scope appears in it
  (files are opened: xlsx with openpyxl, docx with python-docx, pdf with pypdf).

The world is built once for the class (``setUpTestData``); each request runs in a savepoint rolled back
after it, so an empty POST that changes something changes it for that request only.
"""

import io
import shutil
import tempfile
from dataclasses import dataclass

import pytest
from django.contrib.admin.sites import site as admin_site
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.scope_world import COMMUNES, NAMES, PROVINCES, ROLES, SEES, build_world

ANONYMOUS = "anonymous"
EXPORT_TYPES = ("spreadsheetml", "wordprocessingml", "application/pdf", "text/csv")
COMMUNE_PLACES = COMMUNES
PROVINCE_PLACES = PROVINCES


@dataclass(frozen=True)
class Route:
    """How one URL is reached: the kind of object in its path (None: no object) and how it may be called."""

    kind: str | None = None
    get: bool = True
    post: bool = False
    public: bool = False
    # The path's other arguments, e.g. a plan action's verb.
    extra: tuple = ()
    # Places the object is built in (communes or provinces).
    places: tuple = COMMUNE_PLACES
    # Who may reach an in-scope object, when narrower than "sees the place" (a job is its owner's alone;
    # acting at a unit needs a role held there).
    audience: dict | None = None
    # Attribute of the object to put in the URL (a certificate check goes by token).
    attr: str = "pk"
    # A printed document (WeasyPrint, a second or so each): in scope, it is printed once per place, for the
    # first role that sees it (out of scope every role is still refused).
    costly: bool = False
    # An empty form (or query) names none of the rows the view looks up in the user's scope: in scope it is 404 too.
    needs_form: bool = False


JOB_OWNERS = {"ha_hoa": {"alice"}, "hien_luong": set(), "nha_trang": {"olga"}}
CONSULTATION_STAFF = {"phu_tho": {"carol"}, "khanh_hoa": set()}
# A commune clerk's account is managed by the unit admins above it (erin, of Phú Thọ), by nobody else of the cast.
ACCOUNT_ADMINS = {"ha_hoa": {"erin"}, "hien_luong": {"erin"}, "nha_trang": set()}
# A block's sent sheet is read by the member's clerk and approver and by the organiser's unit admin and approver.
BLOCK_SHEET_READERS = {"ha_hoa": {"alice", "bob", "dave", "erin"}, "hien_luong": {"dave", "erin"},
                       "nha_trang": {"olga"}}

ROUTES = {
    # Accounts.
    "login": Route(public=True, post=True),
    "logout": Route(get=False, post=True, public=True),
    "password_change": Route(post=True),
    "password_change_done": Route(),
    # "Quên mật khẩu": open to anyone; the confirmation page with a link that is not valid.
    "password_reset": Route(public=True, post=True),
    "password_reset_done": Route(public=True),
    "password_reset_confirm": Route(public=True, post=True, extra=("MQ", "set-password")),
    "password_reset_complete": Route(public=True),
    # units
    "units:dashboard": Route(),
    "units:unit_list": Route(),
    "units:unit_detail": Route("unit"),
    "units:unit_create": Route("unit", post=True),
    "units:person_list": Route(),
    "units:person_create": Route(post=True),
    "units:person_picker": Route(),
    "units:person_detail": Route("person"),
    "units:person_edit": Route("person", post=True),
    "units:job_detail": Route("job", audience=JOB_OWNERS),
    "units:job_status": Route("job", audience=JOB_OWNERS),
    "units:job_download": Route("job", audience=JOB_OWNERS),
    # The second login step and the account's own security page: about the signed-in user alone.
    "units:two_factor_verify": Route(post=True),
    "units:two_factor_enrol": Route(post=True),
    "units:account_security": Route(),
    "units:recovery_codes_regenerate": Route(get=False, post=True),
    # Accounts managed by unit admins (units.grants): others are refused (403) or answered 404.
    "units:account_list": Route(),
    "units:account_create": Route(post=True),
    "units:account_detail": Route("account", audience=ACCOUNT_ADMINS),
    "units:account_deactivate": Route("account", get=False, post=True, audience=ACCOUNT_ADMINS),
    "units:account_reactivate": Route("account", get=False, post=True, audience=ACCOUNT_ADMINS),
    "units:account_role_grant": Route("account", post=True, audience=ACCOUNT_ADMINS),
    "units:account_password_reset": Route("account", post=True, audience=ACCOUNT_ADMINS),
    "units:membership_end": Route("membership", post=True, audience=ACCOUNT_ADMINS),
    # campaigns
    "campaigns:plan_list": Route(),
    "campaigns:plan_create": Route(post=True),
    "campaigns:plan_import": Route(post=True),
    "campaigns:plan_detail": Route("plan"),
    "campaigns:plan_edit": Route("plan", post=True),
    "campaigns:plan_implement": Route("plan", post=True, needs_form=True),
    "campaigns:plan_issue": Route("plan", post=True),
    "campaigns:plan_action": Route("plan", post=True, extra=("start",)),
    "campaigns:plan_revisions": Route("plan"),
    "campaigns:plan_registrations": Route("plan", post=True),
    "campaigns:plan_registrations_xlsx": Route("plan"),
    "campaigns:registration_withdraw": Route("registration", get=False, post=True),
    "campaigns:plan_pdf": Route("plan", costly=True),
    "campaigns:plan_docx": Route("plan", costly=True),
    "campaigns:render_job": Route("job", audience=JOB_OWNERS),
    # awards: the catalogue, the authorities and the standards: rules, the same for everyone signed in
    "awards:catalogue_awards": Route(),
    "awards:catalogue_authorities": Route(),
    "awards:catalogue_standards": Route(),
    # awards: nominations and their files
    "awards:history_import": Route(post=True),
    "awards:history_template": Route(),
    "awards:record_units": Route(),
    "awards:unit_ratings": Route("unit", post=True),
    "awards:unit_ratings_xlsx": Route("unit"),
    "awards:unit_records": Route("unit", post=True),
    "awards:yearly_sheet": Route("unit", post=True),
    "awards:yearly_sheet_send": Route("unit", get=False, post=True),
    "awards:yearly_sheet_pdf": Route("unit", costly=True),
    "awards:yearly_rollup": Route("unit"),
    "awards:yearly_rollup_xlsx": Route("unit"),
    "awards:yearly_entry_remove": Route("yearly_entry", get=False, post=True),
    "awards:yearly_entry_link": Route("yearly_entry", get=False, post=True),
    # The sheet is found by the year in ``ky`` (this year when absent): none that year answers 404.
    "awards:yearly_sheet_withdraw": Route("unit", post=True, needs_form=True),
    "awards:yearly_sheet_return": Route("unit", post=True, needs_form=True),
    "awards:yearly_sheet_acknowledge": Route("unit", get=False, post=True, needs_form=True),
    # awards: emulation blocks (khối, cụm thi đua)
    "awards:block_list": Route(post=True),
    "awards:block_detail": Route("block"),
    "awards:block_leaders": Route("block", get=False, post=True),
    "awards:block_rules": Route("block", get=False, post=True),
    "awards:block_target_add": Route("block", get=False, post=True),
    "awards:block_covenant": Route("block", get=False, post=True),
    "awards:block_covenant_pdf": Route("block", costly=True),
    # The world's blocks have no signed covenant: 404 in scope too (served in test_block_pages).
    "awards:block_covenant_file": Route("block", needs_form=True),
    "awards:block_group_add": Route("block", get=False, post=True),
    "awards:block_copy_table": Route("block", get=False, post=True),
    "awards:block_criterion_add": Route("block", get=False, post=True),
    "awards:block_next_year": Route("block", post=True),
    "awards:block_close": Route("block", post=True),
    "awards:block_ranking": Route("block", post=True),
    "awards:block_meeting": Route("block", post=True),
    "awards:block_minutes_pdf": Route("block", costly=True),
    "awards:block_minutes_docx": Route("block", costly=True),
    "awards:block_nominate": Route("block", post=True),
    "awards:block_sheet": Route("block_member", post=True),
    "awards:block_sheet_send": Route("block_member", post=True),
    "awards:block_cross_check": Route("block_member", post=True),
    "awards:block_evidence_add": Route("block_member", get=False, post=True),
    # A sent sheet's evidence: its own unit's people and the organiser's (who cross-check for the head) read it.
    "awards:block_evidence_file": Route("block_evidence", audience=BLOCK_SHEET_READERS),
    "awards:block_evidence_remove": Route("block_evidence", get=False, post=True, audience=BLOCK_SHEET_READERS),
    "awards:block_member_remove": Route("block_member", post=True),
    "awards:block_member_move": Route("block_member", get=False, post=True),
    "awards:person_records": Route("person", post=True),
    "awards:person_award_book": Route("person"),
    "awards:person_award_book_pdf": Route("person", costly=True),
    "awards:unit_award_book": Route("unit"),
    # The statutory statistical forms of a unit (the first form and last year by default) and a figure's records.
    "awards:statutory_form": Route("unit"),
    "awards:statutory_form_records": Route("unit"),
    "awards:statutory_form_xlsx": Route("unit"),
    "awards:unit_award_book_pdf": Route("unit", costly=True),
    "awards:initiative_remove": Route("initiative", get=False, post=True),
    "awards:discipline_remove": Route("discipline", get=False, post=True),
    "awards:nomination_lists": Route(post=True),
    "awards:nomination_list_detail": Route("list", post=True),
    "awards:nomination_list_submit": Route("list", post=True),
    "awards:nominee_template": Route("list"),
    "awards:nominee_export": Route("list", post=True),
    "awards:nominee_import": Route("list", get=False, post=True),
    "awards:standard_list_export": Route("list", post=True),
    "awards:nominee_import_status": Route("nominee_import"),
    "awards:nominee_import_annotated": Route("nominee_import"),
    "awards:nomination_line_override": Route("line", get=False, post=True),
    "awards:nomination_lines_override": Route("list", get=False, post=True),
    "awards:nomination_attachment_upload": Route("list", get=False, post=True),
    "awards:nomination_line_attachment_upload": Route("line", get=False, post=True),
    "awards:nomination_attachment_download": Route("nomination_attachment"),
    "awards:nomination_attachment_delete": Route("nomination_attachment", post=True),
    "awards:proposal_pdf": Route("list", costly=True),
    "awards:proposal_docx": Route("list", costly=True),
    "awards:report_pdf": Route("line", costly=True),
    "awards:report_docx": Route("line", costly=True),
    "awards:deadline_extensions": Route("plan", post=True),
    "awards:plan_progress": Route("plan"),
    "awards:plan_report_status": Route("plan"),
    "awards:plan_report_start": Route("plan", get=False, post=True, needs_form=True),
    "awards:plan_report_docx": Route("plan"),
    "awards:plan_report_pdf": Route("plan", costly=True),
    "awards:plan_report": Route("plan_report", post=True),
    "awards:plan_report_send": Route("plan_report", get=False, post=True),
    "awards:plan_report_return": Route("plan_report", post=True, needs_form=True),
    "awards:plan_report_attach": Route("plan_report", get=False, post=True),
    "awards:plan_report_file": Route("plan_report_attachment"),
    "awards:plan_report_file_remove": Route("plan_report_attachment", get=False, post=True),
    "awards:statistics": Route(),
    "awards:statistics_xlsx": Route(extra=("nhan-nhieu-lan",)),
    "awards:nomination_line_edit": Route("line", get=False, post=True),
    "awards:nomination_line_remove": Route("line", get=False, post=True),
    # awards: dossiers
    "awards:dossier_inbox": Route(),
    "awards:dossier_list": Route(),
    "awards:notifications_read": Route(get=False, post=True),
    "awards:dossier_detail": Route("dossier"),
    "awards:dossier_receive": Route("dossier", get=False, post=True),
    "awards:dossier_refuse": Route("dossier", get=False, post=True),
    "awards:dossier_review": Route("dossier", get=False, post=True),
    "awards:dossier_review_draft": Route("dossier", get=False, post=True),
    "awards:dossier_return": Route("dossier", get=False, post=True),
    "awards:dossier_resubmit": Route("dossier", post=True),
    "awards:dossier_forward": Route("dossier", post=True),
    "awards:dossier_settle": Route("dossier", get=False, post=True),
    "awards:dossier_proposal_pdf": Route("bundle", places=PROVINCE_PLACES, costly=True),
    "awards:dossier_document_upload": Route("dossier", get=False, post=True),
    "awards:dossier_proposal_reference": Route("dossier", get=False, post=True),
    "awards:dossier_line_edit": Route("dossier_line", get=False, post=True),
    "awards:dossier_line_upload": Route("dossier_line", get=False, post=True),
    "awards:dossier_attachment_download": Route("dossier_attachment"),
    # awards: digital signatures
    "awards:signature_check": Route(post=True),
    "awards:signature_certificates": Route(),
    "awards:signature_certificate_upload": Route(post=True),
    "awards:signature_certificate_detail": Route("signing_certificate"),
    "awards:signature_certificate_deactivate": Route("signing_certificate", get=False, post=True),
    "awards:signature_plan_sign": Route("plan", post=True),
    "awards:signature_plan_copy_download": Route("signed_plan_copy"),
    # awards: decisions, revocations, review flags
    "awards:decision_list": Route(),
    "awards:decision_create": Route("unit", post=True),
    "awards:decision_detail": Route("decision", places=PROVINCE_PLACES),
    "awards:decision_edit": Route("decision", post=True, places=PROVINCE_PLACES),
    "awards:decision_issue": Route("decision", post=True, places=PROVINCE_PLACES),
    "awards:decision_publication": Route("decision", get=False, post=True, places=PROVINCE_PLACES),
    "awards:decision_pdf": Route("decision", places=PROVINCE_PLACES, costly=True),
    "awards:decision_docx": Route("decision", places=PROVINCE_PLACES, costly=True),
    "awards:decision_sign": Route("decision", post=True, places=PROVINCE_PLACES),
    "awards:decision_signed_upload": Route("decision", get=False, post=True, places=PROVINCE_PLACES),
    "awards:decision_signed_pdf": Route("decision", places=PROVINCE_PLACES),
    "awards:decision_certificates": Route("decision", get=False, post=True, places=PROVINCE_PLACES, costly=True),
    "awards:certificate_print": Route("pack_job", audience=JOB_OWNERS),
    "awards:award_revoke": Route("record", post=True),
    "awards:review_flag_list": Route(),
    "awards:review_flag_resolve": Route("flag", get=False, post=True),
    # awards: certificates
    "awards:certificate_list": Route(),
    "awards:certificate_register_xlsx": Route(),
    "awards:decision_certificates_pdf": Route(get=False, post=True),
    "awards:certificate_pdf": Route("certificate", costly=True),
    "awards:certificate_reissue": Route("certificate", get=False, post=True),
    "awards:record_certificates": Route("record"),
    "awards:certificate_issue": Route("record", get=False, post=True),
    # awards: consultations (staff)
    "awards:consultation_list": Route(),
    "awards:consultation_open": Route("unit_of_province", get=False, post=True, places=PROVINCE_PLACES,
                                      audience=CONSULTATION_STAFF),
    "awards:consultation_detail": Route("consultation", places=PROVINCE_PLACES),
    "awards:consultation_close": Route("consultation", get=False, post=True, places=PROVINCE_PLACES),
    "awards:consultation_answer": Route("comment", get=False, post=True, places=PROVINCE_PLACES),
    # awards: councils
    "awards:council_index": Route(),
    "awards:council_session_new": Route(get=False, post=True),
    "awards:council_session_detail": Route("session", places=PROVINCE_PLACES),
    "awards:council_session_save": Route("session", get=False, post=True, places=PROVINCE_PLACES),
    "awards:council_session_close": Route("session", post=True, places=PROVINCE_PLACES),
    "awards:council_session_status": Route("session", places=PROVINCE_PLACES),
    "awards:council_minutes_retry": Route("session", get=False, post=True, places=PROVINCE_PLACES),
    "awards:council_minutes_pdf": Route("session", places=PROVINCE_PLACES, costly=True),
    "awards:council_minutes_docx": Route("session", places=PROVINCE_PLACES, costly=True),
    # Public pages: anyone, no account.
    "certificate_check": Route("certificate", public=True, attr="token"),
    "public:consultation_public_list": Route(public=True),
    "public:consultation_public_detail": Route("consultation", public=True, post=True, places=PROVINCE_PLACES),
    "public:consultation_public_thanks": Route("consultation", public=True, places=PROVINCE_PLACES),
    "public:decision_public_list": Route(public=True),
    "public:decision_public_detail": Route("decision", public=True, attr="public_id", places=PROVINCE_PLACES),
}
# The admin's URLs are checked as a group (test_the_admin_...): every name under this namespace.
ADMIN_NAMESPACE = "admin"


def url_names(patterns=None, namespace=""):
    """Every named URL of the portal, namespaced, read from the resolver (admin and public pages included)."""
    names = {}
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names.update(url_names(entry.url_patterns, inner))
        elif isinstance(entry, URLPattern) and entry.name:
            names[f"{namespace}{entry.name}"] = entry
    return names


def file_text(response) -> str:
    """The text of an exported file as its reader would see it."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response["Content-Type"]
    if "spreadsheetml" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                         for value in row if value is not None)
    if "wordprocessingml" in kind:
        from docx import Document

        document = Document(io.BytesIO(data))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if "pdf" in kind:
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8", "replace")


def shown_text(response) -> str:
    if any(kind in response.get("Content-Type", "") for kind in EXPORT_TYPES):
        return file_text(response)
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def foreign_names(role):
    """Names of people of the places ``role`` may not see."""
    return [name for place in COMMUNES if place not in SEES[role] for name in NAMES[place]]


ADMIN_OPEN = {f"{ADMIN_NAMESPACE}:login", f"{ADMIN_NAMESPACE}:logout"}
ADMIN_GUESSES = {"app_label": "units", "object_id": "1", "content_type_id": "1", "id": "1"}


def admin_urls():
    """Every admin URL, its path arguments filled with a plausible value (the login check comes first)."""
    urls = {}
    for name, pattern in url_names().items():
        if name.startswith(f"{ADMIN_NAMESPACE}:"):
            groups = pattern.pattern.regex.groupindex
            urls[name] = reverse(name, kwargs={group: ADMIN_GUESSES[group] for group in groups})
    return urls


class AdminScopeChecks:
    """The admin as a group: only staff get past its login; a unit admin of Phú Thọ never opens Khánh Hòa's rows."""

    def test_every_admin_url_sends_anonymous_and_non_staff_users_to_the_admin_login(self):
        # The portal's own login guards every page first (LoginRequiredMiddleware); a signed-in user without
        # staff rights meets the admin's login.
        logins = (reverse(f"{ADMIN_NAMESPACE}:login"), reverse("login"))
        failures = []
        for role in (ANONYMOUS, "alice", "carol", "olga"):
            client = self.client_for(role)
            for name, url in admin_urls().items():
                response = self.request(client, "get", url)
                if name in ADMIN_OPEN:
                    # The admin's login page itself (it tells a signed-in non-staff user they lack the rights).
                    ok = response.status_code < 500
                else:
                    ok = response.status_code == 302 and response["Location"].startswith(logins)
                if not ok:
                    failures.append(f"GET {url} ({name}) as {role}: {response.status_code}")
        self.assertEqual(failures, [])

    def test_the_unit_admin_of_one_province_cannot_open_another_provinces_units_people_memberships_or_users(self):
        from units.models import Membership

        w = self.world
        olga_membership = Membership.objects.get(user=w.olga)
        foreign = {
            "units_unit_change": (w.units["nha_trang"].pk, "Nha Trang"),
            "units_person_change": (w.objects["person"]["nha_trang"].pk, NAMES["nha_trang"][0]),
            "units_membership_change": (olga_membership.pk, "Olga"),
            "units_user_change": (w.olga.pk, "olga"),
            "auth_user_password_change": (w.olga.pk, "olga"),
        }
        client = self.client_for("erin")
        index = reverse(f"{ADMIN_NAMESPACE}:index")
        failures = []
        for name, (pk, shown) in foreign.items():
            for method in ("get", "post"):
                url = reverse(f"{ADMIN_NAMESPACE}:{name}", args=[pk])
                response = self.request(client, method, url)
                # Django's admin answers a row outside get_queryset with a redirect to its index ("does not exist").
                refused = response.status_code in (403, 404) or (
                    response.status_code == 302 and response["Location"] == index)
                if not refused or shown in response.content.decode():
                    failures.append(f"{method.upper()} {url} as erin: {response.status_code}")
        self.assertEqual(failures, [])
        own = self.request(client, "get", reverse(f"{ADMIN_NAMESPACE}:units_unit_change",
                                                  args=[w.units["ha_hoa"].pk]))
        self.assertEqual(own.status_code, 200)


class ExportScopeChecks:
    """Exports that gather rows from several units: each reader's file holds the rows of their own scope only."""

    def names_in(self, response):
        self.assertEqual(response.status_code, 200)
        text = file_text(response)
        return {place for place in COMMUNES if any(name in text for name in NAMES[place])}

    def test_a_decisions_papers_printed_by_its_number_hold_only_the_readers_people(self):
        # Every commune's first person holds an award of decision 12/QĐ-UBND entered from the archive.
        form = {"decision_number": "12/QĐ-UBND", "issuing_body": "Chủ tịch UBND tỉnh"}
        for role, places in (("alice", {"ha_hoa"}), ("dave", {"ha_hoa", "hien_luong"})):
            client = self.client_for(role)
            with transaction.atomic():
                response = client.post(reverse("awards:decision_certificates_pdf"), form)
                found = self.names_in(response)
                transaction.set_rollback(True)
            self.assertEqual(found, places, role)

    def test_the_registrations_of_a_province_plan_exported_by_a_commune_hold_only_that_communes(self):
        url = reverse("campaigns:plan_registrations_xlsx", args=[self.world.province_plan.pk])
        for role, places in (("alice", {"ha_hoa"}), ("carol", {"ha_hoa", "hien_luong"})):
            self.assertEqual(self.names_in(self.request(self.client_for(role), "get", url)), places, role)

    def test_the_history_template_lists_only_the_readers_units(self):
        for role, absent in (("alice", ("Hiền Lương", "Nha Trang", "Khánh Hòa")), ("erin", ("Nha Trang",))):
            response = self.request(self.client_for(role), "get", reverse("awards:history_template"))
            self.assertEqual(response.status_code, 200)
            text = file_text(response)
            self.assertEqual([unit for unit in absent if unit in text], [], role)


@pytest.fixture
def media_in_a_temporary_folder():
    """The class keeps its world's files in its own folder for all its tests (see setUpClass), not one per test."""


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class URLScopeTests(AdminScopeChecks, ExportScopeChecks, TestCase):
    @classmethod
    def setUpClass(cls):
        # Files the world writes (frozen PDFs, signed copies, attachments) go to a folder of this class.
        cls.media = tempfile.mkdtemp(prefix="url-scope-")
        cls._media_settings = override_settings(MEDIA_ROOT=f"{cls.media}/media",
                                                PRIVATE_MEDIA_ROOT=f"{cls.media}/private",
                                                JOB_SCRATCH_ROOT=f"{cls.media}/jobs")
        cls._media_settings.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._media_settings.disable()
        shutil.rmtree(cls.media, ignore_errors=True)

    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        objects = cls.world.objects
        objects["unit_of_province"] = {place: cls.world.units[place] for place in PROVINCES}

    def client_for(self, role):
        client = Client(raise_request_exception=False)
        if role != ANONYMOUS:
            client.force_login(getattr(self.world, role), backend="django.contrib.auth.backends.ModelBackend")
        return client

    def request(self, client, method, url):
        # Each request in a savepoint rolled back after it: an empty POST that changes a row changes it only here.
        with transaction.atomic():
            response = getattr(client, method)(url)
            if response.streaming:
                response.content_bytes = b"".join(response.streaming_content)
                response.streaming_content = [response.content_bytes]
            transaction.set_rollback(True)
        return response

    def url(self, name, route, place=None):
        if route.kind is None:
            return reverse(name, args=route.extra)
        obj = self.world.objects[route.kind][place]
        return reverse(name, args=[getattr(obj, route.attr), *route.extra])

    def expected_in_scope(self, route, role, place):
        if route.audience is not None:
            return role in route.audience.get(place, set())
        return place in SEES[role]

    def check(self, name):
        route = ROUTES[name]
        failures = []
        methods = [m for m, on in (("get", route.get), ("post", route.post)) if on]
        places = route.places if route.kind else [None]
        printed = set()
        for role in (ANONYMOUS, *ROLES):
            client = self.client_for(role)
            for place in places:
                url = self.url(name, route, place)
                if route.costly and role != ANONYMOUS and self.expected_in_scope(route, role, place):
                    if place in printed:
                        continue
                    printed.add(place)
                for method in methods:
                    response = self.request(client, method, url)
                    failures += self.judge(route, role, place, method, url, response)
        self.maxDiff = None
        self.assertEqual(failures, [], f"{name}: {len(failures)} wrong answers")

    def judge(self, route, role, place, method, url, response):
        status = response.status_code
        where = f"{method.upper()} {url} as {role}" + (f" on {place}'s object" if place else "")
        if status >= 500:
            error = getattr(response, "exc_info", None)
            return [f"{where}: {status} {error[1]!r}" if error else f"{where}: {status}"]
        if role == ANONYMOUS:
            if route.public:
                return []
            to_login = status == 302 and response["Location"].startswith(reverse("login"))
            return [] if to_login else [f"{where}: {status}, not the login page"]
        problems = []
        if place is not None and not route.public:
            if self.expected_in_scope(route, role, place):
                if status == 404 and not route.needs_form:
                    problems.append(f"{where}: 404 on an object in scope")
            elif status != 404:
                problems.append(f"{where}: {status} on an object out of scope (expected 404)")
        if status == 200 and not route.public:
            text = shown_text(response)
            leaked = [n for n in foreign_names(role) if n in text]
            if leaked:
                problems.append(f"{where}: shows {leaked}, outside the user's scope")
        return problems


def _make_test(name):
    def test(self):
        self.check(name)

    test.__name__ = f"test_{name.replace(':', '_')}_answers_each_role_in_and_out_of_scope"
    test.__doc__ = f"{name}: anonymous, each role, own unit / other unit / other province."
    return test


for _name in ROUTES:
    setattr(URLScopeTests, _make_test(_name).__name__, _make_test(_name))


class URLTableTests(TestCase):
    def test_the_table_names_every_url_of_the_portal_and_nothing_else(self):
        found = {name for name in url_names() if not name.startswith(f"{ADMIN_NAMESPACE}:")}
        self.assertEqual(set(ROUTES) - found, set(), "the table names URLs the portal no longer has")
        self.assertEqual(found - set(ROUTES), set(), "URLs without a row in ROUTES: say how each is scoped")

    def test_every_admin_url_is_under_the_admin_namespace_and_the_group_check(self):
        admin_names = {name for name in url_names() if name.startswith(f"{ADMIN_NAMESPACE}:")}
        self.assertTrue(admin_names)
        self.assertEqual(admin_site.name, ADMIN_NAMESPACE)
