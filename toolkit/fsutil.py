"""Every file a command reads or writes passes here: one bounded reader, and atomic writes.

Reading (``read_limited``): at most ``limit`` + 1 bytes from any source, so no input can make zhbrief
read forever or fill memory (``/dev/zero`` as a glossary ends at once). A regular file is read straight;
a FIFO, a pipe or a character device is read in chunks with a timeout, so a FIFO nobody writes to ends in
one line instead of hanging; anything else (a socket, a block device) is refused. Every failure is one
``InputError`` (exit 2) that names the file.

Writing (``atomic_write_bytes``): temp file, fsync, rename, so nothing the user had is lost or left
half-written. Which paths may be written at all is ``toolkit.outputs``' job.
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import stat
import tempfile
import time
from pathlib import Path

from toolkit.errors import InputError

STREAM_IDLE_S = 10.0
"""How long a FIFO or pipe may stay silent (no writer yet, or a writer that sends nothing) before the read
gives up; ``$ZHBRIEF_READ_TIMEOUT`` overrides it (tests use a short one)."""
STREAM_TOTAL_S = 120.0
"""How long a stream may trickle in altogether: a writer sending a byte every few seconds must end too."""
_CHUNK = 1 << 16


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words, for error messages."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _idle_timeout() -> float:
    try:
        return float(os.environ.get("ZHBRIEF_READ_TIMEOUT", STREAM_IDLE_S))
    except ValueError:
        return STREAM_IDLE_S


def too_large(what: str, limit: int, kind: str) -> InputError:
    return InputError(f"{what}: more than {limit:,} bytes is too large for {kind} (limit {limit:,})")


def open_error(p: Path, e: OSError) -> InputError:
    """One line for each way opening ``p`` can fail (a dangling link and a link loop named as such)."""
    if isinstance(e, FileNotFoundError):
        if os.path.islink(p):
            return InputError(f"{p}: dangling symlink (it points to {os.readlink(p)}, which does not exist)")
        return InputError(f"{p}: no such file")
    if isinstance(e, PermissionError):
        return InputError(f"{p}: permission denied")
    if e.errno == errno.ELOOP:
        return InputError(f"{p}: symlink loop (the link points back to itself)")
    if e.errno == errno.EISDIR:
        return InputError(f"{p}: is a directory")
    return InputError(f"{p}: cannot read: {e.strerror or e}")


def _read_stream(fd: int, p: Path, limit: int, kind: str) -> bytes:
    """A FIFO, pipe or device, chunk by chunk: at most ``limit`` + 1 bytes, and never waiting on silence
    longer than the idle timeout (a FIFO with no writer has nothing to say, ever)."""
    idle = _idle_timeout()
    deadline = time.monotonic() + STREAM_TOTAL_S
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        # Before a writer opens a FIFO, poll reports nothing (and read would say end-of-file), so only a
        # poll event tells that data or the writer's close has come.
        if not poller.poll(int(idle * 1000)):
            raise InputError(
                f"{p}: nothing came in {idle:g} s ({file_kind(os.fstat(fd).st_mode)} with no writer?)"
            )
        try:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
        except BlockingIOError:
            continue
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if time.monotonic() > deadline:
            raise InputError(f"{p}: still reading after {STREAM_TOTAL_S:g} s; save it to a file first")
    data = b"".join(chunks)
    if len(data) > limit:
        raise too_large(str(p), limit, kind)
    return data


def read_limited(path: str | Path, limit: int, kind: str, *, streams: bool = True) -> bytes:
    """The bytes of ``path``, at most ``limit``; ``kind`` ("an article", "a glossary") words the errors.

    Regular files are read whole up to the limit; FIFOs, pipes (``<(cmd)``) and character devices are read
    as streams (bounded, with a timeout) when ``streams``, else refused, as batch refuses what a folder
    holds. A directory, socket or block device is refused. The file is opened without blocking and checked
    on the open descriptor, so a FIFO swapped in after a check cannot hang the read.
    """
    p = Path(path)
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise open_error(p, e) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISREG(st.st_mode):
            if st.st_size > limit:
                raise InputError(f"{p}: {st.st_size:,} bytes is too large for {kind} (limit {limit:,})")
            os.set_blocking(fd, True)
            with os.fdopen(os.dup(fd), "rb") as f:
                data = f.read(limit + 1)
            if len(data) > limit:  # grew while we read
                raise too_large(str(p), limit, kind)
            return data
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{p}: is a directory; give {kind} file")
        if not streams:
            raise InputError(f"{p}: is {file_kind(st.st_mode)}, not a regular file; only files are read here")
        if not (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
            raise InputError(f"{p}: is {file_kind(st.st_mode)}, not {kind} file")
        return _read_stream(fd, p, limit, kind)
    except OSError as e:
        raise open_error(p, e) from None
    finally:
        os.close(fd)


def atomic_write_bytes(path: str | Path, data: bytes, *, follow_symlinks: bool = True) -> None:
    """Write to a temp file in the same folder, fsync, then rename over the target: a reader (or a crash)
    sees either the old file or the whole new one, never a half-written one.

    ``follow_symlinks`` (for files the user edits in place, like a linked glossary) writes through a
    symlink to its target, since replacing the link would silently fork the file. Outputs pass False: the
    rename then replaces the link itself, so nothing outside the named file or folder is written.
    """
    path = Path(os.path.realpath(path)) if follow_symlinks else Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp creates 0600; the file should get the mode a plain open() would (or keep the old file's).
        os.chmod(tmp, _mode_for(path) if follow_symlinks or not path.is_symlink() else _default_mode())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return _default_mode()


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
