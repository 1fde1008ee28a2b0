"""Over-size request bodies are refused while they stream in, before a byte of them reaches the disk.

Django's own handlers write any file past FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file, however
large, and only then does a form or service see its size: a 300 MB body filled the temporary folder
before the 20 MB check refused it. ``SizeLimitedUploadHandler`` comes first in
FILE_UPLOAD_HANDLERS. A body whose Content-Length passes UPLOAD_MAX_BYTES has each of its files
counted and dropped as it arrives, never handed to the handlers that keep data; the form or view
then finds a ``RefusedUpload`` in its place: an empty file that still tells the size that was sent,
so each upload's own size check refuses it with its own Vietnamese message and limit, on the page
the user came from. The proxy in front (nginx ``client_max_body_size``) should cut such bodies even
earlier; this is the guard for when it is missing or set too high.
"""

import io
import logging

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopFutureHandlers

log = logging.getLogger(__name__)


def megabytes(size: int) -> str:
    """A size as a Vietnamese reader writes it: "20 MB", "1,5 MB"."""
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".").replace(".", ",") + " MB"


def refusal_message(name: str, size: int, limit: int) -> str:
    """What the user reads when a file is over ``limit``."""
    return (f"Tệp “{name}” nặng {megabytes(size)}, vượt mức tối đa {megabytes(limit)} cho một lần tải lên. "
            "Hãy giảm dung lượng (quét với độ phân giải thấp hơn, tách thành nhiều tệp) rồi tải lên lại.")


class RefusedUpload(InMemoryUploadedFile):
    """A file of an over-size body, left in ``request.FILES`` with its size but without its content."""

    refused = True

    def __init__(self, *, field_name, name, content_type, size, charset, content_type_extra, limit):
        super().__init__(io.BytesIO(b""), field_name, name, content_type, size, charset, content_type_extra)
        self.limit = limit
        self.message = refusal_message(name, size, limit)


class SizeLimitedUploadHandler(FileUploadHandler):
    """Counts every file of a multipart body; keeps none of an over-size body, and stops any file past the limit."""

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = settings.UPLOAD_MAX_BYTES
        self.body_too_large = False
        self.refusing = False
        self.received = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # The form's small fields (the CSRF token first of all) are still read, so the page can answer
        # with a message rather than a CSRF failure; only the files are dropped.
        self.body_too_large = content_length > self.limit
        if self.body_too_large:
            log.warning("Refusing the files of a %s-byte body to %s (UPLOAD_MAX_BYTES is %s)",
                        content_length, META.get("PATH_INFO", ""), self.limit)

    def new_file(self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self.received = 0
        self.refusing = self.body_too_large or (content_length is not None and content_length > self.limit)
        if self.refusing:
            # The handlers after this one (memory, temporary file) never hear of the file.
            raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.refusing:
            return None  # counted, then dropped
        if self.received > self.limit:
            # Only a body that lied about its size gets here (the declared length bounds what is read):
            # what the other handlers kept so far is closed and removed.
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        if not self.refusing:
            return None
        return RefusedUpload(field_name=self.field_name, name=self.file_name, content_type=self.content_type,
                             size=self.received, charset=self.charset, content_type_extra=self.content_type_extra,
                             limit=self.limit)
