"""Writing files so that nothing the user had is lost or left half-written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


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
