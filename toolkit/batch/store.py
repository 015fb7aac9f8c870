"""What a batch keeps on disk: the content-addressed result cache, the manifest, and the run lock.

Layout under OUT_DIR::

    manifest.jsonl               one JSON line per article per run (append-only)
    .zhbrief-cache/results/ab/abcdef….json     a result by cache key (Brief or Translation JSON)
    .zhbrief-cache/lock          held (filelock) while a batch runs, so two runs cannot interleave

Entries are JSON and only JSON: results are rebuilt with the task's ``from_dict``, never unpickled, because
an output folder is data that people copy and share, and a pickle in it would run code as whoever reruns
the batch. (Older versions stored ``.pickle`` files next to translations; they are ignored, never read.)

The cache lives in OUT_DIR rather than the user cache directory so the results travel and vanish with the
outputs they explain: deleting OUT_DIR starts afresh, copying it keeps the warm cache.

Crash safety, in the order a finished article is recorded: result into the cache (temp file + rename) →
each output (temp file + rename) → the manifest line (one ``os.write`` of the whole line on an ``O_APPEND``
descriptor, then ``fsync``). A kill at any point leaves at worst a finished result without its line; the
rerun finds it in the cache and renders the same bytes. A single ``write`` to a regular file is not split
by a signal, so a line is either whole or absent; the reader still skips a torn last line (power loss) and
the writer starts a fresh line after one.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from toolkit.errors import InputError, ZhbriefError
from toolkit.fsutil import read_limited
from toolkit.outputs import write_output

CACHE_DIRNAME = ".zhbrief-cache"
MANIFEST_NAME = "manifest.jsonl"


MAX_ENTRY_BYTES = 64 * 1024 * 1024
"""A stored result is a few hundred KB at most; a bigger file in the cache is not one of ours."""
MAX_MANIFEST_BYTES = 512 * 1024 * 1024
"""A manifest line is about 1 KB: half a million article runs before the bound is met."""


class ResultCache:
    """Results by cache key, as JSON. A missing entry is a miss; an unreadable or invalid one is a miss too,
    and ``lookup`` says why, so the run can redo it and report it."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, key: str, suffix: str = ".json") -> Path:
        return self.root / key[:2] / f"{key}{suffix}"

    def lookup(self, key: str, task: str | None = None) -> tuple[dict[str, Any] | None, str | None]:
        """(entry, None) on a hit; (None, None) when there is no entry; (None, why) when there is one
        that cannot be used (unreadable, not JSON, not a result of this key or task)."""
        path = self._path(key)
        try:
            # Not through a link, and without blocking: a FIFO planted in the cache must not hang the run.
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            return None, None
        except OSError as e:
            if e.errno == errno.ELOOP:
                return None, "the entry is a symlink"
            return None, f"unreadable: {e.strerror or e}"
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                os.close(fd)
                return None, "the entry is not a regular file"
            os.set_blocking(fd, True)
            with os.fdopen(fd, "rb") as f:
                raw = f.read(MAX_ENTRY_BYTES + 1)
        except OSError as e:
            return None, f"unreadable: {e.strerror or e}"
        if len(raw) > MAX_ENTRY_BYTES:
            return None, "the entry is too large to be a result"
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            return None, f"not valid JSON: {e}"
        if not isinstance(data, dict) or data.get("key") != key:
            return None, "not a result stored under this key"
        if task is not None and data.get("task") != task:
            return None, f"a result of task {data.get('task')!r}, not {task!r}"
        if not isinstance(data.get("result"), dict):
            return None, "it holds no result"
        return data, None

    def get(self, key: str) -> dict[str, Any] | None:
        return self.lookup(key)[0]

    def put(self, key: str, record: dict[str, Any]) -> None:
        # Key order is kept as given: renderers print nested dicts (settings, tokens) in their order, so
        # sorting would change bytes. A symlink planted at the entry's path is replaced, not followed.
        data = json.dumps({**record, "key": key}, ensure_ascii=False)
        write_output(self._path(key), data.encode("utf-8"))

    def sweep_temp(self) -> int:
        """Remove temp files a killed run left (only ever called under the run lock)."""
        n = 0
        if self.root.is_dir():
            for f in self.root.glob("*/.*.tmp"):
                with contextlib.suppress(OSError):
                    f.unlink()
                    n += 1
        return n


def append_line(path: str | Path, record: dict[str, Any]) -> None:
    """Append one JSON line atomically: one ``write`` of the whole line on an O_APPEND fd, then fsync."""
    line = (json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    fd = _open_append(path)
    try:
        written = os.write(fd, line)
        if written != len(line):  # only on a full disk; the reader will skip the torn line
            raise ZhbriefError(f"{path}: could not append to the manifest (disk full?)")
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_line_start(path: str | Path) -> None:
    """If the manifest ends in a torn line, end it, so the next append starts a line of its own."""
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            if f.tell() == 0:
                return
            f.seek(-1, os.SEEK_END)
            last = f.read(1)
    except FileNotFoundError:
        return
    if last != b"\n":
        fd = _open_append(path)
        try:
            os.write(fd, b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)


def _open_append(path: str | Path) -> int:
    """The manifest for appending, never through a symlink: a link planted there would make every run
    append to a file outside the output folder."""
    try:
        return os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise ZhbriefError(
                f"{path} is a symlink; zhbrief writes inside the output folder only — remove the link"
            ) from None
        raise


def read_manifest(path: str | Path) -> list[dict[str, Any]]:
    """Every whole line of the manifest, in order; torn or foreign lines are skipped."""
    out: list[dict[str, Any]] = []
    if not os.path.lexists(path):
        return out
    try:
        data = read_limited(Path(path), MAX_MANIFEST_BYTES, "a manifest", streams=False)
    except InputError as e:
        raise ZhbriefError(str(e)) from None
    for raw in data.split(b"\n"):
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw)
        except ValueError:
            continue
        if isinstance(rec, dict) and "input" in rec and "status" in rec:
            out.append(rec)
    return out


@contextlib.contextmanager
def run_lock(cache_root: str | Path) -> Iterator[None]:
    """Hold an exclusive lock for the run (``filelock``: flock where there is one, so the kernel drops it
    if the process dies, kill -9 included)."""
    from filelock import FileLock, Timeout

    root = Path(cache_root)
    root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(root / "lock"), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise ZhbriefError(
            f"another zhbrief batch is writing to {root.parent}; wait for it or choose another -o folder"
        ) from None
    try:
        yield
    finally:
        lock.release()
