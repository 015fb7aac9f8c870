"""Translation memory: an SQLite cache of finished segment translations in the user cache directory.

The key is everything the translation depends on by design: the segment's source text, the pins that
apply to it, the model (id and sha256), the settings and the prompt version. Translating the same article
twice costs nothing the second time, and an edited article redoes only the segments that changed.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from toolkit.errors import ZhbriefError
from toolkit.paths import cache_dir


def segment_key(
    source: str,
    pins: Sequence[Mapping[str, Any]],
    model_id: str,
    model_sha: str,
    settings: Mapping[str, Any],
    prompt_version: str,
) -> str:
    blob = json.dumps(
        {
            "source": source,
            "pins": sorted(json.dumps(p, sort_keys=True, ensure_ascii=False) for p in pins),
            "model": model_id,
            "sha": model_sha,
            "settings": dict(settings),
            "prompt": prompt_version,
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class TranslationMemory:
    """Maps segment keys to finished results (English plus its quality data), one SQLite file."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else cache_dir() / "translation-memory.sqlite3"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Several zhbrief processes (batch workers) may share the file: wait on locks, don't fail.
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS segments (key TEXT PRIMARY KEY, source TEXT NOT NULL, "
                "english TEXT NOT NULL, data TEXT NOT NULL, model TEXT NOT NULL, created REAL NOT NULL)"
            )
            self.db.commit()
        except (OSError, sqlite3.Error) as e:
            raise ZhbriefError(
                f"cannot open the translation memory {self.path}: {e}; "
                "set ZHBRIEF_CACHE_DIR to a writable folder or use --no-cache"
            ) from e

    def get(self, key: str) -> tuple[str, dict[str, Any]] | None:
        row = self.db.execute("SELECT english, data FROM segments WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        return row[0], json.loads(row[1])

    def put(self, key: str, source: str, english: str, data: Mapping[str, Any], model: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO segments VALUES (?, ?, ?, ?, ?, ?)",
            (key, source, english, json.dumps(dict(data), ensure_ascii=False), model, time.time()),
        )
        self.db.commit()

    def __len__(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM segments").fetchone()[0])

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
