"""Answers for the faults a page cannot help: the database connection lost mid-step, a full disk.

Each step of the portal is one transaction and each stored file is removed again when its
transaction rolls back (units.storage.files_removed_on_rollback), so when either fault strikes
nothing is half written. What the user needs is to be told so, in Vietnamese, with the status a
proxy or a monitor understands (503: try again; 507: storage full), instead of the generic error
page. The page is rendered without the request's context processors: they read the database,
which may be the very thing that is gone.
"""

import errno
import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

log = logging.getLogger("thidua.faults")

DISK_FULL = {errno.ENOSPC, errno.EDQUOT}

DATABASE_LOST = (
    "Mất kết nối tới cơ sở dữ liệu giữa chừng",
    "Thao tác vừa rồi chưa được ghi: dữ liệu vẫn như trước khi bạn bấm. Xin thử lại sau ít phút; "
    "nếu lỗi còn lặp lại, hãy báo cho quản trị hệ thống.",
)
STORAGE_FULL = (
    "Máy chủ đã hết chỗ lưu tệp",
    "Tệp chưa được lưu và dữ liệu vẫn như trước khi bạn gửi. Hãy báo cho quản trị hệ thống để giải phóng "
    "dung lượng, rồi gửi lại.",
)


def fault_response(title: str, explanation: str, status: int) -> HttpResponse:
    page = loader.get_template("fault.html").render({"title": title, "explanation": explanation, "status": status})
    response = HttpResponse(page, status=status)
    response["Cache-Control"] = "no-store"
    if status == 503:
        response["Retry-After"] = "60"
    return response


class FaultPageMiddleware:
    """Turns a lost database connection into 503 and a full disk into 507, each with its explanation."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            log.exception("database connection lost during %s %s", request.method, request.path)
            return fault_response(*DATABASE_LOST, 503)
        if isinstance(exception, OSError) and exception.errno in DISK_FULL:
            log.exception("storage full during %s %s", request.method, request.path)
            return fault_response(*STORAGE_FULL, 507)
        return None
