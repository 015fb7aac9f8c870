"""What a batch keeps on disk: the content-addressed result cache, the manifest, and the run lock.

Layout under OUT_DIR::

    manifest.jsonl               one JSON line per article per run (append-only)
    .zhbrief-cache/results/ab/abcdef….json     a result by cache key (Brief or Translation JSON)
    .zhbrief-cache/results/ab/abcdef….pickle   translations only: the object the renderers take
    .zhbrief-cache/lock          held (flock) while a batch runs, so two runs cannot interleave

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
import json
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from toolkit.errors import ZhbriefError
from toolkit.fsutil import atomic_write_bytes

CACHE_DIRNAME = ".zhbrief-cache"
MANIFEST_NAME = "manifest.jsonl"


class ResultCache:
    """Results by cache key. A missing, unreadable or corrupt entry is a miss, never an error."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, key: str, suffix: str) -> Path:
        return self.root / key[:2] / f"{key}{suffix}"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            data = json.loads(self._path(key, ".json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) and data.get("key") == key else None

    def get_object(self, key: str) -> Any | None:
        """The pickled object stored with a result (we wrote it; the key carries the tool version)."""
        try:
            return pickle.loads(self._path(key, ".pickle").read_bytes())
        except Exception:  # any unpickling failure (a changed class, a truncated file) is just a miss
            return None

    def put(self, key: str, record: dict[str, Any], obj: Any = None) -> None:
        if obj is not None:
            atomic_write_bytes(
                self._path(key, ".pickle"), pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
            )
        # The JSON goes last: its presence is what makes the entry a hit. Key order is kept as given:
        # renderers print nested dicts (settings, tokens) in their order, so sorting would change bytes.
        data = json.dumps({**record, "key": key}, ensure_ascii=False)
        atomic_write_bytes(self._path(key, ".json"), data.encode("utf-8"))

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
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
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
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(fd, b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)


def read_manifest(path: str | Path) -> list[dict[str, Any]]:
    """Every whole line of the manifest, in order; torn or foreign lines are skipped."""
    out: list[dict[str, Any]] = []
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return out
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


def latest_by_input(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for rec in records:
        out[rec["input"]] = rec
    return out


@contextlib.contextmanager
def run_lock(cache_root: str | Path) -> Iterator[None]:
    """Hold an exclusive lock for the run; the kernel drops it if the process dies (kill -9 included)."""
    root = Path(cache_root)
    root.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no flock; one batch per folder is then up to the user
        yield
        return
    fd = os.open(root / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ZhbriefError(
                f"another zhbrief batch is writing to {root.parent}; wait for it or choose another -o folder"
            ) from None
        yield
    finally:
        os.close(fd)
