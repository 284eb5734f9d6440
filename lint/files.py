"""Reading and writing transcript files without changing a byte we did not mean to.

Text is decoded exactly: a UTF-8 BOM stays in the text as U+FEFF, line endings are
not translated, and writing encodes the same way, so an unfixed file round-trips
byte for byte. UTF-16 and UTF-32 files with a BOM are read and written back so.

Only regular files are read (a FIFO or a device is an error, never a hang), and never
more than the size limit. A file is replaced only if it is still the file that was
read (its ``Stamp``): edits made while the tool ran are never overwritten, and a file
deleted meanwhile is not created again. Replacing goes through the link to its target,
keeps the mode, owner, group and extended attributes, and refuses read-only files.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import re
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from lint.patterns import lazy_re
from lint.records import record

BINARY_SNIFF = 8192
READ_CHUNK = 1024 * 1024
# A temporary file of ours is `.NAME.transcript-lint-XXXXXXXX.tmp` beside NAME. One
# can only outlive its run if the process was killed mid-write; the next --fix run
# removes those older than STALE_AFTER seconds (younger ones may be another run's).
TEMPORARY_MARK = ".transcript-lint-"
STALE_AFTER = 60.0
_TEMPORARY = lazy_re(r"\..+" + re.escape(TEMPORARY_MARK) + r"[^./]+\.tmp")
# UTF-32 first: its little-endian BOM starts with UTF-16's.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
CHANGED = "changed since it was read; not fixed"
# A UTF-8 file may hold up to this many bytes that are not UTF-8: stray bytes, kept
# as they are and reported by EN007 (whose fix reads each as Windows-1252). More, and
# the file is in another encoding.
MAX_STRAY_BYTES = 16
ENCODE_ERRORS = "surrogateescape"
# Controls that do not occur in text: a "UTF-16" reading that has them is not one.
_CONTROL = lazy_re("[\x00-\x08\x0e-\x1f]")
# A byte that cannot start (or continue) a UTF-8 sequence where it stands.
_STRAY = lazy_re(rb"(?<![\xc2-\xf4])[\x80-\xbf]|[\xc0\xc1\xf5-\xff]|[\xc2-\xf4](?![\x80-\xbf])")


class InputError(Exception):
    """A file that cannot be checked; the message says why in one line."""


class NotWritten(OSError):
    """A file that was left as it is; the message says why in one line."""


class Changed(NotWritten):
    """A file that changed since it was read: left as it is, reported, and not an
    error (the user's edit wins)."""

    def __init__(self) -> None:
        super().__init__(CHANGED)


@record(frozen=True)
class Stamp:
    """What a file was when it was read, to tell whether it changed since."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    digest: bytes

    def same_metadata(self, info: os.stat_result) -> bool:
        return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns) == (
            self.device,
            self.inode,
            self.size,
            self.mtime_ns,
        )


def _digest(data: bytes) -> bytes:
    try:  # hashlib's own BLAKE2, without the load of OpenSSL that importing hashlib costs
        from _blake2 import blake2b
    except ImportError:  # an interpreter built without it
        from hashlib import blake2b
    return blake2b(data, digest_size=16).digest()


def decode(data: bytes) -> tuple[str, str]:
    """The exact text of file contents and the encoding to write it back with."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                if encoding == "utf-32-le":  # or UTF-16 LE whose first character is NUL
                    continue
                name = encoding[:6].upper()
                raise InputError(f"not valid {name} despite its byte-order mark") from None
    head = data[:BINARY_SNIFF]
    if head.count(0) > len(head) * 3 // 10:  # scraped text can hold runs of NULs
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError("binary file (not text)")
        return data.decode(utf16), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if 0 in head:
            raise InputError("binary file (not text)") from None
        stray = sum(1 for _ in _STRAY.finditer(data))
        if stray > MAX_STRAY_BYTES:
            raise InputError(_stray_bytes(data, exc.start, stray)) from None
    # A few stray bytes in UTF-8: each is kept as a surrogate (U+DC80..U+DCFF), which
    # EN007 reports and ``ENCODE_ERRORS`` writes back as the same byte.
    return data.decode("utf-8", ENCODE_ERRORS), "utf-8"


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for text in UTF-16 without a byte-order mark: the
    high bytes of Latin text are NUL, every other byte. None when it is not that."""
    head = data[:BINARY_SNIFF]
    if len(data) % 2 or not head:
        return None
    pairs = len(head) // 2
    for encoding, high in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        low = head[0::2] if encoding == "utf-16-le" else head[1::2]
        if high.count(0) >= pairs * 7 // 10 and low.count(0) == 0:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            if not _CONTROL.search(text):
                return encoding
    return None


def _stray_bytes(data: bytes, start: int, stray: int) -> str:
    """The message for a file with too many bytes that are not UTF-8: where the
    first is, what it would be as Windows-1252, and how many there are."""
    line = data.count(b"\n", 0, start) + 1
    column = len(data[data.rfind(b"\n", 0, start) + 1 : start].decode("utf-8", "replace")) + 1
    try:
        reading = f", '{data[start : start + 1].decode('cp1252')}' in Windows-1252"
    except UnicodeDecodeError:
        reading = ""
    others = f" and {stray - 1} more" if stray > 1 else ""
    return (
        f"not valid UTF-8: byte 0x{data[start]:02x} at line {line}, column {column}"
        f"{reading}{others}: too many to be stray bytes in UTF-8; convert the file to UTF-8"
    )


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return exc.strerror or str(exc)


def _over_limit(size: int, max_size_mb: int) -> InputError:
    return InputError(
        f"file is {size / 1024 / 1024:.1f} MB, over the {max_size_mb} MB limit (max-file-size-mb)"
    )


def read_bytes(path: Path, max_size_mb: int) -> tuple[bytes, Stamp]:
    """The bytes of a regular file, never more than ``max_size_mb``, and its stamp.

    Opened without blocking, so a FIFO is reported instead of waited on; the limit
    holds while reading too, for a file that grows or lies about its size.
    """
    limit = max_size_mb * 1024 * 1024
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError("no such file or directory") from None
    except OSError as exc:
        raise InputError(f"cannot read: {_reason(exc)}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"not a regular file ({_kind(info.st_mode)}); not checked")
        if info.st_size > limit:
            raise _over_limit(info.st_size, max_size_mb)
        chunks: list[bytes] = []
        got = 0
        while chunk := os.read(fd, min(READ_CHUNK, limit + 1 - got) or 1):
            chunks.append(chunk)
            got += len(chunk)
            if got > limit:
                raise _over_limit(got, max_size_mb)
    except OSError as exc:
        raise InputError(f"cannot read: {_reason(exc)}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    stamp = Stamp(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, _digest(data))
    return data, stamp


def read_stamped(path: Path, max_size_mb: int) -> tuple[str, str, Stamp]:
    """A file as exact text, its encoding, and what it was when read."""
    data, stamp = read_bytes(path, max_size_mb)
    text, encoding = decode(data)
    return text, encoding, stamp


def read(path: Path, max_size_mb: int) -> tuple[str, str]:
    """Read a file as exact text; raise InputError for anything that is not text."""
    text, encoding, _ = read_stamped(path, max_size_mb)
    return text, encoding


def check_reads_back(fixed: str, encoding: str) -> None:
    """NotWritten unless the fixed text, written in ``encoding``, reads back as itself:
    a fix that takes away the byte-order mark of a UTF-16 or UTF-32 file, makes a
    UTF-16 file start with what reads as UTF-32's, or joins two stray bytes into a
    UTF-8 character would otherwise write a file that is misread."""
    try:
        same = decode(fixed.encode(encoding, ENCODE_ERRORS)) == (fixed, encoding)
    except InputError:
        same = False
    if not same:
        if encoding != "utf-8" and not fixed.startswith("\ufeff"):
            why = f"remove the byte-order mark this {encoding[:6].upper()} file needs"
        else:
            why = f"make the file read back as other than {encoding.upper()} text"
        raise NotWritten(f"the fixes would {why}; not fixed")


def _unchanged(path: Path, stamp: Stamp, contents: bool = True) -> os.stat_result:
    """The file's status if it is still what ``stamp`` says (its metadata, and its
    contents too when ``contents``); else Changed."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise Changed() from None
    if not stamp.same_metadata(info):
        raise Changed()
    if not contents:
        return info
    try:
        data, _ = read_bytes(path, stamp.size // (1024 * 1024) + 1)
    except InputError:
        raise Changed() from None
    if _digest(data) != stamp.digest:
        raise Changed()
    return info


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(
    path: Path, text: str, encoding: str, stamp: Stamp | None = None, errors: str = "strict"
) -> None:
    """Replace a file's contents with ``text``, or write a new file.

    With ``stamp``, the file must still be the one that was read: if it changed or
    went away, NotWritten is raised and nothing is written. A symbolic link is kept
    and its target written. A read-only file is refused (NotWritten). The new
    contents go to a temporary file in the same folder, flushed, given the file's
    mode, owner, group and extended attributes, and renamed over the file; a file
    with more than one hard link, or whose owner or attributes cannot be given to a
    new file, is written in place from a flushed temporary copy instead. If anything
    fails, the original is left as it was and the temporary file is removed.
    ``errors`` is how to encode what the encoding cannot (the tool's own JSON files
    escape the file names that are not UTF-8).
    """
    data = text.encode(encoding, errors)
    target = Path(os.path.realpath(path))
    if stamp is not None:
        info: os.stat_result | None = _unchanged(target, stamp, contents=False)
    else:
        try:
            info = os.stat(target)
        except FileNotFoundError:
            info = None
    if info is not None and not info.st_mode & stat.S_IWUSR:
        raise NotWritten(f"read-only file (mode {stat.S_IMODE(info.st_mode):o}); not fixed")
    temporary = _temporary_copy(target, data)
    try:
        in_place = info is not None and (
            info.st_nlink > 1 or not _give_metadata(temporary, target, info)
        )
        if stamp is not None:
            _unchanged(target, stamp)  # once more, as late as can be
        if in_place:
            _copy_back(target, data)
            os.unlink(temporary)
        else:
            if info is None:
                os.chmod(temporary, _new_file_mode())
            os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[BinaryIO]:
    """A binary file that becomes ``target`` when the block ends without error:
    written beside it under a name stale-file cleanup knows, flushed to disk, then
    renamed over it; removed if the block fails."""
    import tempfile

    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}{TEMPORARY_MARK}", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def replacing_text(target: Path, errors: str = "strict") -> Iterator[TextIO]:
    """A UTF-8 text file (newlines as written) that becomes ``target`` when the
    block ends without error, as ``replacing`` does; until then ``target`` is as it
    was. A link is followed and the file it names replaced, with its mode kept (a
    new file gets the umask's). A target that cannot be replaced is written to
    directly: one that is not a regular file (a FIFO, ``/dev/stdout``), one with
    other hard links (they would part from it), one in a folder this user cannot
    write."""
    import io

    target = Path(os.path.realpath(target))
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    in_place = info is not None and (
        not stat.S_ISREG(info.st_mode) or info.st_nlink > 1 or not os.access(target.parent, os.W_OK)
    )
    if in_place:
        with target.open("w", encoding="utf-8", errors=errors, newline="") as direct:
            yield direct
        return
    with replacing(target) as out:
        os.chmod(out.fileno(), stat.S_IMODE(info.st_mode) if info else _new_file_mode())
        text = io.TextIOWrapper(out, encoding="utf-8", errors=errors, newline="")
        yield text
        text.flush()
        text.detach()  # ``replacing`` closes the file once it is on disk


def _temporary_copy(target: Path, data: bytes) -> str:
    """A flushed temporary file holding ``data`` beside ``target``."""
    import tempfile  # 5 ms to import, for runs that write

    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}{TEMPORARY_MARK}", suffix=".tmp"
        )
    except PermissionError:
        raise NotWritten(
            f"cannot write: the folder {target.parent} is read-only for this user; not fixed"
        ) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return temporary


def _give_metadata(temporary: str, target: Path, info: os.stat_result) -> bool:
    """Give the temporary file the original's mode, owner, group and extended
    attributes; False when the OS does not let us (the file is then written in place)."""
    mode = stat.S_IMODE(info.st_mode)
    try:
        os.chmod(temporary, mode)
        mine = os.stat(temporary)
        if (mine.st_uid, mine.st_gid) != (info.st_uid, info.st_gid):
            os.chown(temporary, info.st_uid, info.st_gid)
            os.chmod(temporary, mode)  # chown clears the setuid and setgid bits
        if hasattr(os, "listxattr"):  # Linux
            for name in os.listxattr(target):
                os.setxattr(temporary, name, os.getxattr(target, name))
    except OSError:
        return False
    return True


def _copy_back(target: Path, data: bytes) -> None:
    """Write ``data`` into ``target`` itself (the same inode), after its flushed copy
    was made: a run killed while copying back leaves that copy beside the file."""
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)


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
