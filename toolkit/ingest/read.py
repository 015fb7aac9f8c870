"""Bounded reads of articles and of the other texts a command audits: at most the limit + 1 bytes from any
source — a file, a FIFO, a device, standard input — so no input can make zhbrief read forever; what cannot
be read is one ``InputError``. The reading itself is ``toolkit.fsutil.read_limited``, the one reader every
command's files go through."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from toolkit.errors import InputError
from toolkit.fsutil import open_error, read_limited, too_large

MAX_BYTES = 20 * 1024 * 1024
"""Articles are small; anything bigger is almost certainly not an article and would take minutes to brief."""


def check_input_path(path: str | Path, limit: int = MAX_BYTES) -> os.stat_result:
    """Why ``path`` cannot be read as an article, as one InputError; else its stat (symlinks followed)."""
    p = Path(path)
    try:
        st = os.stat(p)
    except OSError as e:
        raise open_error(p, e) from None
    if os.path.isdir(p):
        raise InputError(f"{p}: is a directory; give an article file (batch takes folders)")
    if st.st_size > limit and os.path.isfile(p):
        raise InputError(f"{p}: {st.st_size:,} bytes is too large for an article (limit {limit:,})")
    return st


def read_stdin(limit: int = MAX_BYTES, kind: str = "an article") -> bytes:
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise too_large("standard input", limit, kind)
    if not data.strip():
        raise InputError("standard input is empty")
    return data


def read_bytes(
    path: str | Path, limit: int = MAX_BYTES, *, regular_only: bool = False, kind: str = "an article"
) -> bytes:
    """Read an input path (``-`` = standard input) with one clear error for each way it can fail.

    Whatever the source (file, FIFO, device, standard input), at most ``limit`` + 1 bytes are read and
    more is refused, so ``/dev/zero`` or an endless pipe ends at once instead of filling memory, and a FIFO
    with no writer ends after a timeout instead of hanging. ``regular_only`` (batch, reading folders nobody
    looked into) refuses FIFOs and devices instead of reading them.
    """
    if str(path) == "-":
        return read_stdin(limit, kind)
    p = Path(path)
    if os.path.isdir(p):
        raise InputError(f"{p}: is a directory; give {kind} file (batch takes folders)")
    data = read_limited(p, limit, kind, streams=not regular_only)
    if not data.strip():
        raise InputError(f"{p}: file is empty")
    return data


def decode_utf(data: bytes, source: str, kind: str = "a translation") -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM, line endings made LF: the English side of an audit.
    Anything else (a PNG, a Word file) is bad input, said as such."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise InputError(
                f"{source}: not UTF-8 text (byte {e.start}); {kind} must be plain UTF-8 or UTF-16 text"
            ) from None
    if "\0" in text:
        raise InputError(f"{source}: binary data, not text; {kind} must be plain UTF-8 or UTF-16 text")
    return text.replace("\r\n", "\n").replace("\r", "\n")
