"""Which article files the inputs name (files, and folders walked), and where each one's outputs go when
there are outputs (mirroring the input names under OUT_DIR): batch and the glossary's corpus tools share it."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from toolkit.errors import InputError, UsageError

DEFAULT_GLOBS = ("**/*.txt", "**/*.md", "**/*.markdown", "**/*.html", "**/*.htm", "**/*.pdf")
"""What a folder contributes when no --glob is given: the formats ``zhbrief`` reads."""


@dataclass(frozen=True)
class Item:
    """One input article: its path as the user will recognise it, and its name relative to OUT_DIR."""

    path: Path
    rel: PurePosixPath
    """The input's name under OUT_DIR, with its input suffix (``a/b.txt``); outputs swap the suffix."""

    def output(self, out_dir: Path, suffix: str) -> Path:
        return out_dir / self.rel.with_suffix(suffix)


def _hidden(rel: PurePosixPath) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def discover(
    inputs: Sequence[str | Path],
    globs: Sequence[str] = (),
    out_dir: str | Path | None = None,
    *,
    outputs: bool = True,
) -> list[Item]:
    """Files named or found under the folders in ``inputs``, sorted within each folder, in input order.

    A folder's files keep their path relative to that folder; a file named directly keeps its bare name.
    Hidden files and folders are skipped, and so is OUT_DIR when it lies inside an input folder (so a
    second run does not brief the first run's briefs). Two inputs that would write to the same place are an
    error up front, not a silent overwrite at minute forty; ``outputs=False`` drops that rule for callers
    that write nothing per article (``glossary mine``/``coverage`` read a.txt and a.html alike).
    """
    patterns = tuple(globs) or DEFAULT_GLOBS
    out = os.path.realpath(out_dir) if out_dir is not None else None
    items: list[Item] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            found: set[Path] = set()
            for pat in patterns:
                # Everything the pattern names except folders: a dangling symlink, a symlink loop or a FIFO
                # becomes an item too, and fails with its reason when read (batch -h promises that an
                # unreadable file is recorded as failed, not skipped without a word).
                found.update(f for f in p.glob(pat) if not os.path.isdir(f))
            for f in sorted(found):
                rel = PurePosixPath(f.relative_to(p).as_posix())
                if _hidden(rel):
                    continue
                real = os.path.realpath(f)  # never raises, even on a symlink loop
                if out is not None and real.startswith(out.rstrip(os.sep) + os.sep):
                    continue
                items.append(Item(f, rel))
        elif p.exists() or p.is_symlink():
            items.append(Item(p, PurePosixPath(p.name)))
        else:
            raise InputError(f"{raw}: no such file or folder")
    seen: dict[str, Path] = {}
    for it in items if outputs else ():
        key = str(it.rel.with_suffix("")).lower()
        if key in seen and os.path.realpath(seen[key]) != os.path.realpath(it.path):
            raise UsageError(
                f"{seen[key]} and {it.path} would both write {it.rel.with_suffix('')}.* under the output "
                "folder; rename one or run them as separate batches"
            )
        seen[key] = it.path
    # The same file named twice (a folder and a file inside it) is briefed once.
    unique: dict[str, Item] = {}
    for it in items:
        unique.setdefault(os.path.realpath(it.path), it)
    return list(unique.values())
