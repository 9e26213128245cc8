"""Documents (xlsx, docx, pdf) whose bytes depend on their content only.

The libraries that write them stamp every zip entry with the time of writing;
:func:`restamp` writes the archive again with one fixed timestamp (the commit's date)
and fixed permissions on every entry, in the order written, so the same report at the
same revision gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

NO_COMMIT_TIME = datetime(2000, 1, 1)
"""Document dates when the store has no commit to take a date from."""


def document_time(commit_time: datetime | None, aware: bool = False) -> datetime:
    """The date a document carries: the commit's, to the second; without its time zone
    unless ``aware`` (a PDF's date keeps the commit's offset, UTC without a commit)."""
    when = (commit_time or NO_COMMIT_TIME.replace(tzinfo=UTC)).replace(microsecond=0)
    return when if aware else when.replace(tzinfo=None)


def restamp(data: bytes, when: datetime) -> bytes:
    """The zip archive ``data`` again, every entry dated ``when``."""
    stamp = _zip_time(when)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry))
    return out.getvalue()


def _zip_time(when: datetime) -> tuple[int, int, int, int, int, int]:
    when = max(when, datetime(1980, 1, 1))  # the zip format starts in 1980
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)
