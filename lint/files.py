"""Reading and writing transcript files without changing a byte we did not mean to.

Text is decoded exactly: a UTF-8 BOM stays in the text as U+FEFF, line endings are
not translated, and writing encodes the same way, so an unfixed file round-trips
byte for byte. UTF-16 files with a BOM are read and written back as UTF-16.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import stat
import time
from pathlib import Path

BINARY_SNIFF = 8192
# A temporary file of ours is `.NAME.transcript-lint-XXXXXXXX.tmp` beside NAME. One
# can only outlive its run if the process was killed mid-write; the next --fix run
# removes those older than STALE_AFTER seconds (younger ones may be another run's).
TEMPORARY_MARK = ".transcript-lint-"
STALE_AFTER = 60.0
_TEMPORARY = re.compile(r"\..+" + re.escape(TEMPORARY_MARK) + r"[^./]+\.tmp")
UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class InputError(Exception):
    """A file that cannot be checked; the message says why in one line."""


def decode(data: bytes) -> tuple[str, str]:
    """The exact text of file contents and the encoding to write it back with."""
    for bom, encoding in UTF16_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError("not valid UTF-16 despite its byte-order mark") from None
    head = data[:BINARY_SNIFF]
    if head.count(0) > len(head) * 3 // 10:  # scraped text can hold runs of NULs
        raise InputError("binary file (not text)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if 0 in head:
            raise InputError("binary file (not text)") from None
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} on line {line}); "
            "convert the file to UTF-8"
        ) from None


def read(path: Path, max_size_mb: int) -> tuple[str, str]:
    """Read a file as exact text; raise InputError for anything that is not text."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("no such file or directory") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory")
    if info.st_size > max_size_mb * 1024 * 1024:
        raise InputError(
            f"file is {info.st_size / 1024 / 1024:.1f} MB, over the {max_size_mb} MB limit "
            "(max-file-size-mb)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    return decode(data)


def write_atomically(path: Path, text: str, encoding: str) -> None:
    """Replace a file's contents: a temporary file in the same folder, flushed, renamed.

    The file's permission bits are kept (a new file gets the usual ones). If anything
    fails, the original is left as it was and the temporary file is removed.
    """
    data = text.encode(encoding)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:  # a new file: the permissions a plain open() would give
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    import tempfile  # 5 ms to import, for runs that write

    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}{TEMPORARY_MARK}", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def remove_stale_temporaries(folder: Path, older_than: float = STALE_AFTER) -> list[Path]:
    """Delete the temporary files a killed run left in ``folder``; return them."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _TEMPORARY.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime > older_than:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed
