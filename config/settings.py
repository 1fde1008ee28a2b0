"""Settings for the Thi đua portal.

One file for every environment: production differs only by environment variables
(DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, REDIS_URL, email). The defaults are safe for a
developer's machine: DEBUG on, an SQLite file beside the code.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import bootstrap
import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or (
    "dev-only-insecure-key" if DEBUG else None
)
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "units",
    "campaigns",
    "awards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, as is the no-store rule further down: static files go out before either,
    # cacheable and without a policy.
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "units.params.RefuseNulInQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Says whether the session passed the second step (request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    "units.private_caching.NoStoreForSignedInMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Sends a logged-in user who owes the second step to it (units.two_factor).
    "units.two_factor_middleware.TwoFactorMiddleware",
    # Then sends one whose password is a temporary one given by an admin to change it (units.password_middleware).
    "units.password_middleware.TemporaryPasswordMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "units.session_limits.SessionLimitsMiddleware",
    # After a request that may have written, the summaries kept per user (the to-do badge, the deadlines) are
    # counted afresh.
    "units.write_marks.WriteMarkMiddleware",
    # Every 403 and 429 into the accountability log; outside Axes, so that its lockouts pass through it.
    "units.middleware.SecurityEventMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A lost database connection or a full disk: a page that says nothing was saved (503, 507).
    "units.fault_pages.FaultPageMiddleware",
    # Last, so that it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "units.context_processors.navigation",
                "awards.context_processors.award_links",
            ],
        },
    },
]

# SQLite by default. IMMEDIATE transactions take the write lock when a transaction starts,
# so concurrent writers queue (up to `timeout` seconds) instead of failing or losing
# updates; WAL lets readers run beside the writer.
SQLITE_PATH = os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            # Django's SQLite backend, creating the database file with mode 0600 (config.sqlite3).
            "ENGINE": "config.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
            # A file, not memory: the task worker the job tests start is another process and must
            # see the same database (pytest-django adds _gw0, _gw1 … per xdist worker).
            "TEST": {"NAME": os.environ.get("SQLITE_TEST_PATH") or str(BASE_DIR / "var" / "test.sqlite3")},
        }
    }

# A read replica of the primary (PostgreSQL streaming replication), optional: the statistics pages, statutory
# forms and yearly roll-ups (REPLICA_READ_VIEWS, by URL name) read from it, everything else from the primary
# (units.replica). Tests mirror it onto the primary's test database.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=60,
                                                 conn_health_checks=True)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    MIDDLEWARE.append("units.replica.ReplicaReadsMiddleware")
# PostgreSQL's JIT compiles a query whose estimated cost passes jit_above_cost: over millions of award records the
# dashboard's queries pass it and spend about a second compiling to save milliseconds. The portal's queries are
# short: no JIT.
for _database in DATABASES.values():
    if "postgresql" in _database["ENGINE"]:
        _database.setdefault("OPTIONS", {})["options"] = "-c jit=off"
DATABASE_ROUTERS = ["units.replica.ReplicaRouter"]
REPLICA_READ_VIEWS = ["awards:statistics", "awards:statistics_xlsx", "awards:statutory_form",
                      "awards:statutory_form_records", "awards:statutory_form_xlsx", "awards:yearly_rollup",
                      "awards:yearly_rollup_xlsx"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The default cache holds the counters of the rate limits (login failures, certificate checks, public
# comments: units.rate_limits), so every web worker and every server must read the same one: Redis
# with REDIS_URL, else a table in the portal's database (made by `migrate`), never a process's memory.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]},
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache",
                          "OPTIONS": {"MAX_ENTRIES": 100_000}}}

# The menu's to-do badge and the home page's coming deadlines (awards.rules.todo) are counted once in this many
# seconds per user and kept in the default cache; any write through the portal, or a job's end, has them counted
# again on the next page (units.write_marks), so only writes made outside the portal wait this long to show.
# 0: counted on every page.
TODO_CACHE_SECONDS = int(os.environ.get("TODO_CACHE_SECONDS", 60))

# Sessions: rows in the database without Redis. With REDIS_URL they are read from Redis and written through to
# the database ("cached_db", surviving a Redis restart), or kept in Redis alone (SESSION_STORE=cache: no
# session write reaches the database; Redis must then never evict keys, `maxmemory-policy noeviction`).
# units.session_limits pushes a session's expiry forward at most once a minute, so writes stay rare.
SESSION_STORE = os.environ.get("SESSION_STORE", "cached_db" if os.environ.get("REDIS_URL") else "database")
if SESSION_STORE in ("cache", "cached_db"):
    SESSION_ENGINE = f"django.contrib.sessions.backends.{SESSION_STORE}"
    SESSION_CACHE_ALIAS = "sessions"
    CACHES["sessions"] = {**CACHES["default"], "KEY_PREFIX": "sessions"}
elif SESSION_STORE != "database":
    raise RuntimeError("SESSION_STORE must be 'database', 'cached_db' or 'cache'.")

# Reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For is believed: the
# client's address is the rightmost hop that is not one of them (units.client_address). Empty: the
# header is ignored and REMOTE_ADDR is the client.
TRUSTED_PROXIES = [str(ipaddress.ip_network(proxy, strict=False)) for proxy in env_list("TRUSTED_PROXIES")]

AUTH_USER_MODEL = "units.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2id at 19 MiB, two passes, one lane: about 25 ms of CPU a login here, where Django's default
# PBKDF2 (1,000,000 rounds) costs about 270 ms (units.hashers). Hashes made by the others still
# verify and are rewritten with the first hasher at the user's next login.
PASSWORD_HASHERS = [
    "units.hashers.TunedArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "units:dashboard"
LOGOUT_REDIRECT_URL = "login"

# Brute-force protection: five failures for one user name from one address lock that
# pair out for fifteen minutes; a success resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Failures and lockouts are rows in the database, which every worker and server reads.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "units.client_address.client_address"
# Flood protection, checked before any password is hashed (units.login_limits): an address with this
# many failed logins in a quarter of an hour, whatever the user names, is answered 429 until the
# quarter ends.
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", 30))

# Two-step login (units.two_factor): the membership roles whose holders must give a code from an
# authenticator app after their password (superusers must too; anyone else may choose to).
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES", "approver,secretary,unit_admin")
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Cổng Thi đua")
# django-otp's throttling of wrong codes: after n successive failures on a device the next try waits
# 2^(n-1) seconds (1, 2, 4 … : six digits cannot be guessed in a day). A factor of 0 would turn it off.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Bootstrap comes from a PyPI package and is served by the portal: no CDN, so the portal
# works on intranets cut off from the internet.
STATICFILES_DIRS = [BASE_DIR / "static", ("vendor/bootstrap", next(iter(bootstrap.__path__)))]
STORAGES = {
    "default": {"BACKEND": "units.storage.WholeFileStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
        # Public by nature (CSS, scripts, fonts): collected readable by all, whatever FILE_UPLOAD_PERMISSIONS
        # (0600, for stored files) says, so a proxy may serve STATIC_ROOT itself.
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Dossier attachments (proposals, achievement reports, minutes) and the marked workbooks of
# refused imports carry personal data: they live in a folder of their own that no URL maps
# to, and only a view that checks who asks hands them out. awards.storage.PrivateStorage
# reads this root and refuses to build a URL.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
STORAGES["private"] = {"BACKEND": "awards.storage.PrivateStorage"}
for _public in (MEDIA_ROOT, STATIC_ROOT):
    if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(Path(_public).resolve()):
        raise RuntimeError(f"PRIVATE_MEDIA_ROOT must not lie inside {_public}: files there could be served publicly.")
# Where stored files live: "filesystem" (the default: MEDIA_ROOT and PRIVATE_MEDIA_ROOT on this machine's
# disk, shared by every server only if that disk is) or "s3", an S3-compatible bucket every app server and
# job worker reaches (units.object_storage): S3_BUCKET, S3_ENDPOINT_URL (empty for AWS itself), S3_REGION,
# and the credentials through boto3's own chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the
# machine's role). Public and private files go under two prefixes of one bucket, or the private ones into
# S3_PRIVATE_BUCKET; private files still leave only through the permission-checked views.
STORAGE_BACKEND = os.environ.get("STORAGE_BACKEND", "filesystem")
if STORAGE_BACKEND == "s3":
    if not os.environ.get("S3_BUCKET"):
        raise RuntimeError("STORAGE_BACKEND=s3 needs S3_BUCKET.")
    _bucket = {"bucket_name": os.environ["S3_BUCKET"], "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
               "region_name": os.environ.get("S3_REGION") or None}
    STORAGES["default"] = {"BACKEND": "units.object_storage.ObjectStorage",
                           "OPTIONS": {**_bucket, "location": os.environ.get("S3_PUBLIC_PREFIX", "media")}}
    STORAGES["private"] = {"BACKEND": "units.object_storage.PrivateObjectStorage",
                           "OPTIONS": {**_bucket, "location": os.environ.get("S3_PRIVATE_PREFIX", "private"),
                                       "bucket_name": os.environ.get("S3_PRIVATE_BUCKET") or os.environ["S3_BUCKET"]}}
elif STORAGE_BACKEND != "filesystem":
    raise RuntimeError("STORAGE_BACKEND must be 'filesystem' or 's3'.")
# The largest PDF accepted as one dossier document (a scanned report runs to a few MB).
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))
# The largest request body whose files are kept at all (units.uploads): the largest file any form takes
# (a nominee workbook, 40 MB) plus 1 MB for the form's other fields and the multipart framing. The files
# of a bigger body are counted and dropped as they stream in, never written to disk, and the form
# answers with its own size message. Set the proxy's limit (nginx `client_max_body_size`) to the same.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", 41 * 1024 * 1024))
FILE_UPLOAD_HANDLERS = [
    "units.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# A file up to this size is held in memory, a bigger one goes to a temporary file (mode 0600) while it
# is checked; the non-file fields of one request may hold this much (long summaries, a plan's parts),
# in at most DATA_UPLOAD_MAX_NUMBER_FIELDS fields (a plan's formsets run to a few hundred) and
# DATA_UPLOAD_MAX_NUMBER_FILES files. Past them Django answers 400.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
# Stored files hold personal data and signing keys: readable by the portal's own account only. Nothing
# under MEDIA_ROOT or PRIVATE_MEDIA_ROOT is served by the web server directly (every file goes through
# a view), so no other account needs to read them. awards.storage.PrivateStorage keeps 0600/0700
# whatever these say.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Uploaded Office files (nominee lists, award history, plans) are refused, before anything unpacks them,
# when their ZIP directory declares more than these (units.archives): entries, total unpacked size,
# and a part that unpacks to more than OFFICE_MAX_RATIO times its packed size.
OFFICE_MAX_ENTRIES = int(os.environ.get("OFFICE_MAX_ENTRIES", 1000))
OFFICE_MAX_UNPACKED_BYTES = int(os.environ.get("OFFICE_MAX_UNPACKED_BYTES", 256 * 1024 * 1024))
DOCX_MAX_UNPACKED_BYTES = int(os.environ.get("DOCX_MAX_UNPACKED_BYTES", 32 * 1024 * 1024))
OFFICE_MAX_RATIO = int(os.environ.get("OFFICE_MAX_RATIO", 100))

# Long work (printing long plans and packs of certificates, loading long nominee lists) runs as a
# units.Job on Django's tasks framework, never in the web process. TASKS_BACKEND "database" (the
# default) keeps the queue in the portal's own database and needs nothing but Python: run
# `manage.py jobs_worker` beside the web server (`make run` does). "rq" queues in Redis at REDIS_URL
# for several worker machines (`manage.py jobs_worker` then runs an RQ worker).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
# The queue jobs go to and workers take them from: two portals (or test runs) can share one Redis.
JOBS_QUEUE = os.environ.get("JOBS_QUEUE", "default")
_TASK_QUEUES = sorted({"default", JOBS_QUEUE})
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": _TASK_QUEUES}}
elif TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": _TASK_QUEUES}}
else:
    raise RuntimeError("TASKS_BACKEND must be 'database' or 'rq'.")
# Read by django-rq whenever an RQ queue is used (TASKS_BACKEND=rq).
RQ_QUEUES = {name: {"URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
                    "DEFAULT_TIMEOUT": int(os.environ.get("JOB_TIMEOUT_SECONDS", 3600))} for name in _TASK_QUEUES}
# A running job's worker writes a heartbeat every JOB_HEARTBEAT_SECONDS; a job silent for
# JOB_STALE_SECONDS is taken for dead (its worker was killed or its machine stopped) and failed.
JOB_STALE_SECONDS = int(os.environ.get("JOB_STALE_SECONDS", 60))
JOB_HEARTBEAT_SECONDS = float(os.environ.get("JOB_HEARTBEAT_SECONDS", 5))
# Where a running job keeps its scratch files (parts of a pack, a marked workbook being written);
# the folder of a job is removed when it ends or is found dead.
JOB_SCRATCH_ROOT = Path(os.environ.get("JOB_SCRATCH_ROOT", BASE_DIR / "var" / "jobs"))
# Heartbeats and progress also go to this cache, which every process on the machine (or, with
# REDIS_URL, every machine) reads: a long import holds one transaction, and on SQLite the write
# lock, so the job's row cannot always be written while it runs.
CACHES["jobs"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"],
     "KEY_PREFIX": "jobs"}
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
          "LOCATION": os.environ.get("JOB_CACHE_DIR", str(BASE_DIR / "var" / "jobs-cache"))}
)

# Plans longer than this many characters (roughly fifteen pages, over a second of layout) print as
# a job, with progress shown; shorter ones are served at once.
PLAN_INLINE_RENDER_MAX_CHARS = int(os.environ.get("PLAN_INLINE_RENDER_MAX_CHARS", 60_000))
# Nominee workbooks with more data rows than this are loaded as a job.
NOMINEE_IMPORT_INLINE_MAX_ROWS = int(os.environ.get("NOMINEE_IMPORT_INLINE_MAX_ROWS", 2_000))

# The address the public reaches the portal at: a certificate's QR code carries an absolute link to
# its check page, printed once and read for years, so it never depends on the request that printed it.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
# Unknown certificate tokens one address may try in ten minutes before the check page answers 429.
CERTIFICATE_CHECK_MISSES = int(os.environ.get("CERTIFICATE_CHECK_MISSES", 30))
# The public register of decisions (/cong-khai/quyet-dinh/): how long a page's rows are kept in the default
# cache (a decision issued or a record revoked shows within this many seconds; nothing is invalidated), and
# how many pages one address may have built from the database in ten minutes before it is answered 429
# (answers from the cache are not counted).
PUBLIC_DECISIONS_CACHE_SECONDS = int(os.environ.get("PUBLIC_DECISIONS_CACHE_SECONDS", 60))
PUBLIC_DECISION_LOOKUPS = int(os.environ.get("PUBLIC_DECISION_LOOKUPS", 120))
# A decision with more papers than this prints them as a job, with progress shown.
CERTIFICATE_INLINE_MAX = int(os.environ.get("CERTIFICATE_INLINE_MAX", 40))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "thidua@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Whether the portal really sends mail (units.password_reset): on, "Quên mật khẩu" emails Django's reset
# link and unit admins may send it from an account's page; off (the default: the console backend sends
# nothing anyone reads), the page names the unit admins to ask instead.
EMAIL_CONFIGURED = env_bool("EMAIL_CONFIGURED", False)
# Whom the "Quên mật khẩu" page names when it knows no unit admin to ask (an unknown name, a unit without one).
PASSWORD_HELP_CONTACT = os.environ.get(
    "PASSWORD_HELP_CONTACT", "Quản trị đơn vị nơi bạn công tác, hoặc Ban Thi đua – Khen thưởng của tỉnh, thành phố")
# "Quên mật khẩu" requests one address may send in a quarter of an hour (each one is a look-up or a mail).
PASSWORD_RESET_ADDRESS_LIMIT = int(os.environ.get("PASSWORD_RESET_ADDRESS_LIMIT", 10))

# A session ends after SESSION_IDLE_MINUTES without a request, and SESSION_MAX_HOURS after its login
# whatever the activity (units.session_limits, which pushes the expiry forward at most once a minute).
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", 30))
SESSION_MAX_HOURS = float(os.environ.get("SESSION_MAX_HOURS", 8))
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# Browsers run only the portal's own script and style files: no inline <script>, <style>, style=""
# or on…= handler anywhere (templates put behaviour in static/js, looks in static/css), so text a
# user typed can never run as script even if a template forgot to escape it. Bootstrap's icons are
# data: images. Nothing may frame the portal, and forms post only to it. Print templates
# (templates/pdf/) keep their <style>: WeasyPrint reads them, no browser does.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    # Cookies travel over HTTPS only. SECURE_COOKIES=false is for a load test on loopback (make loadtest), never
    # for a portal people use.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A year: browsers then refuse plain HTTP to the portal even on a first visit after a long break.
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO" if not DEBUG else "WARNING")},
    # The accountability log (logins, refusals, grants, resets, exports) as key=value lines, always
    # written whatever LOG_LEVEL says; the same events are rows that unit admins read in the admin.
    # WeasyPrint and fontTools narrate every page they lay out at INFO: only their warnings are news.
    "loggers": {"thidua.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
                "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
