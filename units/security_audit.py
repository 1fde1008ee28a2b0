"""The security audit a province's reviewer asks for, as one table (``manage.py audit_security``).

Every check runs the portal as production runs it: a child process with DEBUG off, a real secret key
and HTTPS, so that what is read is what a deployment gets, not the developer's defaults. The checks:
Django's deployment check at warning level, bandit over the portal's code, the headers of real
responses (a public page and a signed-in page), and the settings that the security work relies on.
"""

import json
import os
import secrets
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

CODE = ["units", "campaigns", "awards", "config"]
YEAR = 365 * 24 * 60 * 60


@dataclass
class Check:
    name: str
    passed: bool | None  # None: could not be run here (the detail says why)
    detail: str


def production_environment(**extra) -> dict:
    """The environment of a production process: DEBUG off, a real key, HTTPS, HSTS preload decided."""
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50),
           "ALLOWED_HOSTS": "thidua.example.gov.vn,testserver", "SECURE_HSTS_PRELOAD": "true",
           "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.update(extra)
    return env


def _run(command, **kwargs):
    return subprocess.run(command, cwd=settings.BASE_DIR, capture_output=True, text=True, check=False,  # nosec B603
                          **kwargs)


def deploy_check() -> Check:
    result = _run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                  env=production_environment())
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    return Check("Django check --deploy (mức WARNING)", result.returncode == 0,
                 lines[-1] if lines else "không có cảnh báo")


def bandit_check() -> Check:
    bandit = Path(sys.executable).with_name("bandit")
    if not bandit.exists():
        return Check("bandit (mức trung bình trở lên)", None, "bandit chưa được cài (requirements-test.txt)")
    result = _run([str(bandit), "-q", "-r", *CODE, "-x", "*/migrations/*", "-ll", "-f", "json"])
    try:
        report = json.loads(result.stdout)
    except ValueError:
        return Check("bandit (mức trung bình trở lên)", False, (result.stderr or result.stdout)[:200])
    found = report["results"]
    lines = report["metrics"]["_totals"]["loc"]
    detail = (f"0 vấn đề trong {lines} dòng mã" if not found else
              "; ".join(f"{r['test_id']} {r['filename']}:{r['line_number']}" for r in found[:5]))
    return Check("bandit (mức trung bình trở lên)", not found, detail)


def probe() -> dict:
    """Run inside the production child: the responses' headers and the settings the checks read."""
    from django.db import DatabaseError
    from django.test import Client, override_settings

    from units.models import User

    # Static files are not collected here; their storage does not change a header.
    plain = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=plain):
        client = Client(HTTP_HOST="thidua.example.gov.vn")
        public = client.get("/dang-nhap/", secure=True)
        signed_in = {}
        try:
            user = User.objects.filter(is_active=True, is_superuser=False).first()
        except DatabaseError:  # a checkout without a database yet
            user = None
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            signed_in = dict(client.get("/", secure=True).headers)
    cookies = {name: dict(morsel) for name, morsel in public.cookies.items()}
    return {
        "public": dict(public.headers), "public_cookies": cookies,
        "signed_in": signed_in,
        "settings": {
            "PASSWORD_HASHERS": settings.PASSWORD_HASHERS[:1],
            "SESSION_COOKIE_AGE": settings.SESSION_COOKIE_AGE,
            "SESSION_IDLE_SECONDS": getattr(settings, "SESSION_IDLE_MINUTES", 0) * 60,
            "SESSION_MAX_SECONDS": int(getattr(settings, "SESSION_MAX_HOURS", 0) * 3600),
            "TRUSTED_PROXIES": list(getattr(settings, "TRUSTED_PROXIES", [])),
            "LOGIN_ATTEMPTS_PER_ADDRESS": getattr(settings, "LOGIN_ADDRESS_FAILURE_LIMIT", None),
            "CACHE_BACKEND": settings.CACHES["default"]["BACKEND"],
            "UPLOAD_MAX_BYTES": getattr(settings, "UPLOAD_MAX_BYTES", None),
            "FILE_UPLOAD_PERMISSIONS": settings.FILE_UPLOAD_PERMISSIONS,
            "OFFICE_MAX_UNPACKED_BYTES": settings.OFFICE_MAX_UNPACKED_BYTES,
            "TWO_FACTOR_REQUIRED_ROLES": list(getattr(settings, "TWO_FACTOR_REQUIRED_ROLES", [])),
        },
    }


def _header(headers: dict, name: str) -> str:
    return next((value for key, value in headers.items() if key.lower() == name.lower()), "")


def header_checks(found: dict) -> list[Check]:
    public, signed_in = found["public"], found["signed_in"]
    csp = _header(public, "Content-Security-Policy")
    hsts = _header(public, "Strict-Transport-Security")
    try:
        max_age = int(hsts.split("max-age=")[1].split(";")[0]) if "max-age=" in hsts else 0
    except ValueError:
        max_age = 0
    cookie = found["public_cookies"].get("csrftoken", {})
    checks = [
        Check("Content-Security-Policy, không 'unsafe-inline'", bool(csp) and "unsafe-inline" not in csp,
              csp[:90] or "không có"),
        Check("HSTS ít nhất một năm", max_age >= YEAR, hsts or "không có"),
        Check("X-Content-Type-Options: nosniff", _header(public, "X-Content-Type-Options") == "nosniff",
              _header(public, "X-Content-Type-Options") or "không có"),
        Check("X-Frame-Options: DENY", _header(public, "X-Frame-Options") == "DENY",
              _header(public, "X-Frame-Options") or "không có"),
        Check("Referrer-Policy", bool(_header(public, "Referrer-Policy")),
              _header(public, "Referrer-Policy") or "không có"),
        Check("Cookie chỉ gửi qua HTTPS", bool(cookie.get("secure")), "csrftoken Secure" if cookie.get("secure")
              else "csrftoken không có Secure"),
    ]
    if signed_in:
        no_store = _header(signed_in, "Cache-Control")
        checks.append(Check("Trang đã đăng nhập: Cache-Control no-store", "no-store" in no_store,
                            no_store or "không có"))
    else:
        checks.append(Check("Trang đã đăng nhập: Cache-Control no-store", None,
                            "cơ sở dữ liệu chưa có tài khoản nào để thử"))
    return checks


def settings_checks(values: dict) -> list[Check]:
    hasher = values["PASSWORD_HASHERS"][0].rsplit(".", 1)[-1]
    per_address = values["LOGIN_ATTEMPTS_PER_ADDRESS"]
    idle = values["SESSION_IDLE_SECONDS"]
    roles = values["TWO_FACTOR_REQUIRED_ROLES"]
    return [
        Check("Hàm băm mật khẩu", hasher != "MD5PasswordHasher", hasher),
        Check("Giới hạn đăng nhập theo địa chỉ (trước khi băm)", bool(per_address), f"{per_address} lần"),
        Check("Bộ đếm dùng chung giữa các tiến trình", "LocMemCache" not in values["CACHE_BACKEND"],
              values["CACHE_BACKEND"].rsplit(".", 1)[-1]),
        Check("Phiên: hết hạn khi không dùng", bool(idle),
              f"{idle} giây; tối đa {values['SESSION_MAX_SECONDS']} giây từ lúc đăng nhập"),
        Check("Giới hạn kích thước thân yêu cầu", bool(values["UPLOAD_MAX_BYTES"]),
              f"{(values['UPLOAD_MAX_BYTES'] or 0) // (1024 * 1024)} MB"),
        Check("Tệp lưu chỉ chủ sở hữu đọc được", values["FILE_UPLOAD_PERMISSIONS"] == 0o600,
              oct(values["FILE_UPLOAD_PERMISSIONS"] or 0)),
        Check("Tệp Office: giới hạn dung lượng giải nén", values["OFFICE_MAX_UNPACKED_BYTES"] > 0,
              f"{values['OFFICE_MAX_UNPACKED_BYTES'] // (1024 * 1024)} MB"),
        Check("Xác thực hai bước bắt buộc cho", bool(roles), ", ".join(roles) or "không vai trò nào"),
    ]


def run_audit() -> list[Check]:
    checks = [deploy_check(), bandit_check()]
    result = _run([sys.executable, "manage.py", "audit_security", "--probe"], env=production_environment())
    try:
        found = json.loads(result.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        checks.append(Check("Phản hồi của cổng ở chế độ vận hành", False, (result.stderr or result.stdout)[-300:]))
        return checks
    return checks + header_checks(found) + settings_checks(found["settings"])
