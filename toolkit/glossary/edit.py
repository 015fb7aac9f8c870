"""Edits to a TSV glossary: atomic (temp file + rename), locked against concurrent edits, and touching
only the line they change, so comments, order and unknown columns survive."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from filelock import FileLock, Timeout

from toolkit.errors import InputError, ZhbriefError
from toolkit.glossary.formats import TsvDocument, atomic_write
from toolkit.glossary.match import fold
from toolkit.glossary.model import STATUSES, Entry

T = TypeVar("T")
LOCK_TIMEOUT_S = 10.0


def _lock_path(path: Path) -> Path:
    # Lock files live in the temp folder, not beside the glossary, so they never end up in a repository.
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:16]
    d = Path(tempfile.gettempdir()) / "zhbrief-locks"
    d.mkdir(exist_ok=True)
    return d / f"{digest}.lock"


@contextmanager
def locked(path: str | Path) -> Iterator[None]:
    p = Path(path)
    try:
        with FileLock(str(_lock_path(p)), timeout=LOCK_TIMEOUT_S):
            yield
    except Timeout:
        raise ZhbriefError(f"{p} is being edited by another process; try again in a moment") from None


def _edit(path: str | Path, change: Callable[[TsvDocument], T], create: bool = False) -> T:
    p = Path(path)
    if p.suffix.lower() not in (".tsv", ".tab", ""):
        raise ZhbriefError(f"{p}: edits work on TSV glossaries; import it first (`zhbrief glossary import`)")
    with locked(p):
        if p.exists():
            doc = TsvDocument.read(p)
            errors = [x for x in doc.problems if x.severity == "error"]
            if errors:
                raise ZhbriefError(f"{p}:{errors[0].line}: {errors[0].message}; fix it before editing")
        elif create:
            doc = TsvDocument.new()
        else:
            raise ZhbriefError(f"glossary file not found: {p}")
        result = change(doc)
        atomic_write(p, doc.to_text().encode("utf-8"))  # to_text keeps the BOM and line endings
        return result


def validate(entry: Entry) -> None:
    if not entry.zh.strip():
        raise ZhbriefError("the Chinese term is empty")
    if entry.status not in STATUSES:
        raise ZhbriefError(f"status {entry.status!r} is not one of {', '.join(STATUSES)}")
    if not entry.en.strip() and entry.status in ("approved", "forbidden"):
        raise ZhbriefError(f"{entry.zh}: an {entry.status} entry needs an English form (--en)")
    allowed = {a.casefold() for a in [entry.en, *entry.alt] if a}
    clash = [f for f in entry.forbid if f.casefold() in allowed]
    if clash and entry.status != "forbidden":
        raise ZhbriefError(f"{entry.zh}: {clash[0]!r} cannot be both accepted and forbidden")
    for value in [entry.zh, entry.en, entry.domain, entry.note, *entry.alt, *entry.forbid]:
        if "\t" in value or "\n" in value:
            raise ZhbriefError(f"{entry.zh}: fields cannot contain tabs or line breaks")
        if "|" in value and value in (*entry.alt, *entry.forbid):
            raise ZhbriefError(f"{entry.zh}: '|' separates alternatives; give each with its own option")


def add_entry(path: str | Path, entry: Entry) -> Entry:
    """Append ``entry``; refuse a term already present in any script (中厂 vs 中廠) or case."""
    entry = replace(entry, zh=entry.zh.strip(), en=entry.en.strip())
    validate(entry)

    def change(doc: TsvDocument) -> Entry:
        i = doc.index_of(entry.key)
        if i is not None:
            old = doc.rows[i].entry
            assert old is not None
            same = "the same term" if old.zh == entry.zh else f"the same term as {old.zh}"
            raise ZhbriefError(
                f"{entry.zh} is already in {path} ({same}, pinned to {old.en!r}, line {doc.rows[i].line}); "
                f"use `zhbrief glossary set` to change it"
            )
        for r in doc.rows:
            e = r.entry
            if e is not None and entry.en and entry.en.casefold() in {f.casefold() for f in e.forbid}:
                raise ZhbriefError(
                    f"{entry.en!r} is a forbidden rendering in the entry for {e.zh} (line {r.line}); "
                    "pin a different English form or edit that entry first"
                )
        doc.append(entry)
        return entry

    return _edit(path, change, create=True)


def _merged(current: Sequence[str], replacement: Sequence[str] | None, added: Sequence[str]) -> list[str]:
    out = list(replacement) if replacement else list(current)
    out += [a for a in added if a not in out]
    return out


def set_entry(
    path: str | Path,
    term: str,
    *,
    add_alt: Sequence[str] = (),
    add_forbid: Sequence[str] = (),
    **changes: object,
) -> tuple[Entry, Entry]:
    """Change fields of the entry for ``term``; returns (old, new). ``None`` values are left alone.

    ``alt``/``forbid`` replace the lists (an empty list keeps them); ``add_alt``/``add_forbid`` append
    forms not already there. The merge reads the entry under the edit lock, so a concurrent edit is not lost.
    """

    def change(doc: TsvDocument) -> tuple[Entry, Entry]:
        i = doc.index_of(fold(term))
        if i is None:
            raise InputError(f"{term} is not in {path}; use `zhbrief glossary add` to add it")
        old = doc.rows[i].entry
        assert old is not None
        fields = {k: v for k, v in changes.items() if v is not None}
        fields["alt"] = _merged(old.alt, changes.get("alt"), add_alt)  # type: ignore[arg-type]
        fields["forbid"] = _merged(old.forbid, changes.get("forbid"), add_forbid)  # type: ignore[arg-type]
        new = replace(old, **fields)  # type: ignore[arg-type]
        validate(new)
        if new.key != old.key and doc.index_of(new.key) is not None:
            raise ZhbriefError(f"{new.zh} is already in {path}; remove one of the two first")
        doc.replace(i, new)
        return old, new

    return _edit(path, change)


def remove_entry(path: str | Path, term: str) -> Entry:
    def change(doc: TsvDocument) -> Entry:
        i = doc.index_of(fold(term))
        if i is None:
            raise InputError(f"{term} is not in {path}; `zhbrief glossary list` shows its terms")
        return doc.remove(i)

    return _edit(path, change)
