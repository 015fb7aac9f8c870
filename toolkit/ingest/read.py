"""Bounded reads: at most the limit + 1 bytes from any source — a file, a FIFO, a device, standard input — so
no input can make zhbrief read forever; what cannot be read is one ``InputError``."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from toolkit.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
"""Articles are small; anything bigger is almost certainly not an article and would take minutes to brief."""


def _too_large(what: str, limit: int) -> InputError:
    return InputError(f"{what}: more than {limit:,} bytes is too large for an article (limit {limit:,})")


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_input_path(path: str | Path, limit: int = MAX_BYTES) -> os.stat_result:
    """Why ``path`` cannot be read as an article, as one InputError; else its stat (symlinks followed).

    Batch calls this on every file a folder holds, so a dangling link, a link loop or a FIFO is recorded as
    failed with its reason instead of being skipped (or, for a FIFO, blocking the run forever).
    """
    p = Path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        if os.path.islink(p):
            raise InputError(
                f"{p}: dangling symlink (it points to {os.readlink(p)}, which does not exist)"
            ) from None
        raise InputError(f"{p}: no such file") from None
    except PermissionError:
        raise InputError(f"{p}: permission denied") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise InputError(f"{p}: symlink loop (the link points back to itself)") from None
        raise InputError(f"{p}: cannot read: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{p}: is a directory; give an article file (batch takes folders)")
    if stat.S_ISREG(st.st_mode) and st.st_size > limit:
        raise InputError(f"{p}: {st.st_size:,} bytes is too large for an article (limit {limit:,})")
    return st


def read_bytes(path: str | Path, limit: int = MAX_BYTES, *, regular_only: bool = False) -> bytes:
    """Read an input path (``-`` = standard input) with one clear error for each way it can fail.

    Whatever the source (file, FIFO, device, standard input), at most ``limit`` + 1 bytes are read and
    more is refused, so ``/dev/zero`` or an endless pipe ends at once instead of filling memory. A FIFO or
    device named on the command line is read that bounded way (``<(cmd)`` is a pipe); ``regular_only``
    (batch, reading folders nobody looked into) refuses them instead.
    """
    if str(path) == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise _too_large("standard input", limit)
        if not data.strip():
            raise InputError("standard input is empty")
        return data
    p = Path(path)
    st = check_input_path(p, limit)
    if regular_only and not stat.S_ISREG(st.st_mode):
        raise InputError(f"{p}: is {_file_kind(st.st_mode)}, not a regular file; batch reads files only")
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
        raise InputError(f"{p}: is {_file_kind(st.st_mode)}, not an article file")
    try:
        with open(p, "rb") as f:
            data = f.read(limit + 1)
    except PermissionError as e:
        raise InputError(f"{p}: permission denied") from e
    except OSError as e:
        raise InputError(f"{p}: cannot read: {e.strerror or e}") from e
    if len(data) > limit:
        raise _too_large(str(p), limit)
    if not data.strip():
        raise InputError(f"{p}: file is empty")
    return data
