"""Every file the portal hands out leaves through ``download``: one place writes the Content-Disposition
header, and keeps every cache from storing the file."""

import mimetypes
import unicodedata
from urllib.parse import quote

from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

from units.private_caching import forbid_storing


def download(content_or_file, filename: str, *, content_type: str | None = None,
             inline: bool = False) -> HttpResponse:
    """``content_or_file`` (bytes, or an open binary file) sent under ``filename``: saved, or shown if ``inline``.

    Bytes already in memory go out in one ``HttpResponse``; a file is streamed in blocks by
    ``FileResponse``, which closes it when the response is done.
    """
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    if isinstance(content_or_file, bytes | bytearray | memoryview):
        response = HttpResponse(content_or_file, content_type=content_type)
    else:
        response = FileResponse(content_or_file, as_attachment=not inline, filename=filename,
                                content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    # Files hold ID numbers and birth dates: never stored, even if one is some day handed to a visitor
    # who is not signed in (the middleware covers only signed-in users).
    return forbid_storing(response)


def download_stored(field_file, filename: str, *, content_type: str | None = None) -> HttpResponse:
    """The file a row keeps in ``field_file`` (a FileField's value), streamed as a download under ``filename``.

    Never inline: an uploaded file is not rendered in the portal's origin, nor sniffed into another type.
    A row without a file, or whose file is no longer in storage, answers 404.
    """
    if not field_file:
        raise Http404("Không có tệp.")
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404("Tệp không còn trên máy chủ.") from None
    response = download(handle, filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """The header for ``filename``: Django's for a plain ASCII name, else an ASCII fallback and the exact name.

    For a name outside ASCII Django writes ``filename*`` alone; a client that does not read
    RFC 5987 then saves the file under the URL's last segment ("12"), so the marks-stripped
    name goes beside it as ``filename`` (RFC 6266, section 4.3: readers prefer ``filename*``).
    """
    fallback = ascii_filename(filename)
    if fallback == filename:
        return content_disposition_header(not inline, filename)
    disposition = "inline" if inline else "attachment"
    exact = quote(unicodedata.normalize("NFC", filename), safe="")  # a name pasted from Word may be decomposed
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{exact}"


def ascii_filename(filename: str) -> str:
    """``filename`` without its marks, every other character outside ``A-Za-z0-9 ._-()`` as "_".

    "Tờ trình đề nghị.pdf" → "To trinh de nghi.pdf".
    """
    decomposed = unicodedata.normalize("NFD", filename.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in " ._-()") else "_"
                   for ch in decomposed if unicodedata.category(ch) != "Mn")
