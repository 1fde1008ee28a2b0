"""ZIP files built for tests: a decompression bomb in the shape of an Office file."""

import io
import zipfile

MB = 1024 * 1024


def bomb(entry: str, megabytes: int, *, extra=()) -> bytes:
    """A real ZIP whose ``entry`` holds ``megabytes`` of one repeated byte: a few hundred kilobytes packed."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in extra:
            archive.writestr(name, text)
        with archive.open(entry, "w", force_zip64=True) as part:
            block = b"<c>0</c>" * (MB // 8)
            for _ in range(megabytes):
                part.write(block)
    return out.getvalue()
