"""The fixed cast of the tests, on a small piece of the real unit tree.

Tree (names and codes as in the official lists):
  Tỉnh Phú Thọ (since 01/07/2025)
    Sở Nội vụ tỉnh Phú Thọ
    Xã Hạ Hòa (08053)
      Văn phòng HĐND và UBND xã Hạ Hòa
    Xã Hiền Lương (08110)
  Tỉnh Phú Thọ (until 30/06/2025)
    Huyện Hạ Hoà (231, until 30/06/2025)
  Tỉnh Khánh Hòa (since 01/07/2025)
    Phường Nha Trang (22366)

Cast:
  alice — clerk (cán bộ TĐKT) of Xã Hạ Hòa
  bob   — chair (approver) of Xã Hạ Hòa
  carol — reviewer of Tỉnh Phú Thọ
  dave  — approver of Tỉnh Phú Thọ
  erin  — unit admin of Tỉnh Phú Thọ (staff)
  olga  — clerk of Phường Nha Trang, an outsider to Phú Thọ
  root  — superuser
"""

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from units.models import Membership, Person, Posting, Unit, UnitSuccession, User

# Real plans kept beside the repository (../shared/seeds): the importer and printer must hold
# and print each of them faithfully. A fresh clone may not have the folder: the tests that read
# it are marked `needs_shared` and skipped there, saying why; CI has it and runs them all.
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
REFORM = datetime.date(2025, 7, 1)
BEFORE_REFORM = datetime.date(2025, 6, 30)
PASSWORD = "mat-khau-thu-nghiem-1"


def make_unit(name, kind, parent=None, code="", valid_from=None, valid_to=None):
    unit = Unit(name=name, short_name=name.split(" ", 1)[-1], kind=kind, parent=parent, code=code,
                valid_from=valid_from, valid_to=valid_to)
    unit.save()
    return unit


def make_person(full_name, unit, *, gender="male", date_of_birth=None, cccd=None, position="Chuyên viên"):
    person = Person(full_name=full_name, unit=unit, gender=gender, date_of_birth=date_of_birth, cccd=cccd,
                    position=position)
    person.save()
    Posting.objects.create(person=person, unit=unit, position=position, start_date=REFORM)
    return person


def pytest_configure(config):
    # The SQLite test database is a file (the job workers the tests start are other processes); its
    # folder (var/, not in the repository) must exist before pytest-django creates it in a new clone.
    from django.conf import settings

    test_name = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and test_name:
        Path(test_name).parent.mkdir(parents=True, exist_ok=True)


def pytest_collection_modifyitems(config, items):
    # Marked at collection, so the skip comes before any fixture opens a seed file.
    if SEEDS.is_dir():
        return
    absent = pytest.mark.skip(reason="needs the real plans in ../shared/seeds beside the repository, "
                                     "which this checkout does not have")
    for item in items:
        if item.get_closest_marker("needs_shared"):
            item.add_marker(absent)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing costs a fifth of a second per account; the cast is made for every test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def todo_counted_on_every_page(settings):
    # Tests write rows straight to the database between two pages, which no write through the portal does: the
    # to-do counts are counted afresh each time. Keeping them under the write mark is tested on its own
    # (tests/awards/test_todo_cache.py).
    settings.TODO_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path):
    # Issued PDFs, print jobs, dossier attachments and marked import workbooks write files; keep
    # them out of the working tree.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    # Jobs' scratch files and their live progress too: each test sees only its own jobs.
    settings.JOB_SCRATCH_ROOT = tmp_path / "jobs"
    settings.CACHES = {**settings.CACHES, "jobs": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path / "jobs-cache")}}


@pytest.fixture
def tree(db):
    return build_tree()


def build_tree():
    """The unit tree above, written to the database (the ``tree`` fixture; also for class-level test data)."""
    K = Unit.Kind
    phu_tho = make_unit("Tỉnh Phú Thọ", K.PROVINCE, code="25", valid_from=REFORM)
    old_phu_tho = make_unit("Tỉnh Phú Thọ", K.PROVINCE, code="25", valid_to=BEFORE_REFORM)
    ha_hoa_district = make_unit("Huyện Hạ Hoà", K.DISTRICT, old_phu_tho, code="231", valid_to=BEFORE_REFORM)
    ha_hoa = make_unit("Xã Hạ Hòa", K.COMMUNE, phu_tho, code="08053", valid_from=REFORM)
    hien_luong = make_unit("Xã Hiền Lương", K.COMMUNE, phu_tho, code="08110", valid_from=REFORM)
    so_noi_vu = make_unit("Sở Nội vụ tỉnh Phú Thọ", K.DEPARTMENT, phu_tho)
    van_phong = make_unit("Văn phòng HĐND và UBND xã Hạ Hòa", K.OFFICE, ha_hoa)
    khanh_hoa = make_unit("Tỉnh Khánh Hòa", K.PROVINCE, code="56", valid_from=REFORM)
    nha_trang = make_unit("Phường Nha Trang", K.WARD, khanh_hoa, code="22366", valid_from=REFORM)
    UnitSuccession.objects.create(predecessor=old_phu_tho, successor=phu_tho, kind="merge", effective_date=REFORM,
                                  legal_basis="NQ 202/2025/QH15")
    UnitSuccession.objects.create(predecessor=ha_hoa_district, successor=phu_tho, kind="abolish",
                                  effective_date=REFORM)
    return SimpleNamespace(**{k: v for k, v in locals().items() if isinstance(v, Unit)})


@pytest.fixture
def central(tree):
    """The level above the provinces: the central emulation body and the State President, with their links."""
    from awards.services.routing import ensure_central_levels

    body, state = ensure_central_levels()
    return SimpleNamespace(body=body, state=state)


def make_user(username, unit=None, role=None, **flags):
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=username.title(), **flags)
    if unit is not None:
        Membership.objects.create(user=user, unit=unit, role=role, valid_from=REFORM)
    return user


@pytest.fixture
def cast(tree):
    return build_cast(tree)


def build_cast(tree):
    """The cast above, on ``tree`` (the ``cast`` fixture; also for class-level test data)."""
    R = Membership.Role
    return SimpleNamespace(
        alice=make_user("alice", tree.ha_hoa, R.CLERK),
        bob=make_user("bob", tree.ha_hoa, R.APPROVER),
        carol=make_user("carol", tree.phu_tho, R.REVIEWER),
        dave=make_user("dave", tree.phu_tho, R.APPROVER),
        erin=make_user("erin", tree.phu_tho, R.UNIT_ADMIN, is_staff=True),
        olga=make_user("olga", tree.nha_trang, R.CLERK),
        root=make_user("root", is_superuser=True, is_staff=True),
    )


def verified_device(user):
    """The user's confirmed authenticator, made if they have none (what enrolment would have made)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from units.two_factor import AUTHENTICATOR_NAME, authenticator_of

    return authenticator_of(user) or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=True)


def current_code(device):
    """The code the user's authenticator app shows now, computed from the device's key."""
    from django_otp.oath import totp

    # A person who logs in twice in one 30-second step waits for the next code; a test rewinds the
    # device's memory of the last code it accepted instead of waiting.
    type(device).objects.filter(pk=device.pk).update(last_t=-1)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def pass_second_step(browser, user):
    """After a password login in ``browser`` (a test client): type the code of the user's authenticator,
    for the users who owe the second step (units.two_factor); nothing for the others."""
    from django.urls import reverse

    from units.two_factor import requires_two_factor

    if requires_two_factor(type(user).objects.get(pk=user.pk)):
        response = browser.post(reverse("units:two_factor_verify"), {"code": current_code(verified_device(user))})
        assert response.status_code == 302, "the second step refused the code"
    return browser


@pytest.fixture(autouse=True)
def force_login_passes_the_second_step(monkeypatch):
    """``client.force_login`` stands for the whole login, so it passes the second step too.

    Approvers, secretaries, unit admins and superusers must give a TOTP code after their password
    (units.two_factor). Tests that are about something else log in with ``force_login``: for the users
    who owe the second step, the session is also marked verified with their (confirmed) authenticator,
    as the verification page does. Tests of the second step itself log in with the password instead.
    """
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from units.two_factor import requires_two_factor

    force_login = Client.force_login

    def force_login_and_verify(self, user, backend=None):
        force_login(self, user, backend)
        # A fresh copy: the check reads memberships and caches them on the object it is given.
        if requires_two_factor(type(user).objects.get(pk=user.pk)):
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login_and_verify)


@pytest.fixture
def login(client):
    """Log the test client in as one of the cast and return it."""

    def as_user(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return as_user


def make_plan(unit, *, title="Phát động phong trào thi đua năm 2026", status="draft", **fields):
    """A plan with two numbered sections and one award tier, written straight to the database."""
    from campaigns.models import AwardTier, Plan, PlanSection

    values = {"issuer_name": f"ỦY BAN NHÂN DÂN\n{unit.name.upper()}", "place": unit.short_name, "issue_year": 2026,
              "issue_month": 3, "symbol": "KH-UBND", "signer_title": "CHỦ TỊCH", "signer_name": "Hà Đức Thắng",
              "recipients": "- Như trên;\n- Lưu: VT.", **fields}
    plan = Plan.objects.create(issuing_unit=unit, title=title, status=status, **values)
    PlanSection.objects.create(plan=plan, position=10, level=1, number="I.", heading="MỤC ĐÍCH, YÊU CẦU",
                               kind="purpose", body="Tạo khí thế thi đua sôi nổi.")
    awards = PlanSection.objects.create(plan=plan, position=20, level=1, number="II.",
                                        heading="HÌNH THỨC KHEN THƯỞNG", kind="awards",
                                        body="Giấy khen của Chủ tịch UBND xã cho tập thể, cá nhân tiêu biểu.")
    AwardTier.objects.create(plan=plan, award_name="Giấy khen của Chủ tịch UBND xã", authority="Chủ tịch UBND xã",
                             quota=2, section=awards)
    return plan
