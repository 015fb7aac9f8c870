"""The interface every glossary file format implements, and the file helpers they share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path

from toolkit.errors import InputError
from toolkit.fsutil import atomic_write_bytes, read_limited
from toolkit.glossary.model import Entry

MAX_GLOSSARY_BYTES = 16 * 1024 * 1024
"""Far above any real glossary (100,000 TSV entries are about 5 MB; TBX is larger, not three times larger);
anything bigger is not a glossary, and reading it would only fill memory."""


def decode_glossary(data: bytes, source: str) -> str:
    """Glossary bytes to text: UTF-8 with or without BOM, or UTF-16 with a BOM; CRLF/CR become LF."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise InputError(
                f"{source}: not UTF-8 (byte {e.start}); save the glossary as UTF-8 and try again"
            ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_bytes(path: str | Path) -> bytes:
    """A glossary file's bytes through the one bounded reader: a FIFO, ``/dev/zero`` or a 25 MB file ends
    in one line (exit 2), never fills memory or hangs."""
    p = Path(path)
    if not p.exists() and not p.is_symlink():
        raise InputError(f"glossary file not found: {p}")
    if p.is_dir():
        raise InputError(f"{p} is a directory; give a glossary file (TSV, CSV, TBX or OmegaT)")
    return read_limited(p, MAX_GLOSSARY_BYTES, "a glossary")


def atomic_write(path: str | Path, data: bytes) -> None:
    """Temp file + rename, through symlinks (the shipped glossary is one): see toolkit.fsutil."""
    atomic_write_bytes(path, data)


def clean_field(value: str) -> str:
    """Tabs and line breaks cannot live inside a TSV/OmegaT field; they become spaces."""
    return " ".join(value.replace("\t", " ").replace("\r", " ").replace("\n", " ").split(" ")).strip()


class GlossaryFormat(ABC):
    name: str
    suffixes: tuple[str, ...]
    lossless: bool
    """Whether every Entry field survives a write/read round trip."""

    @abstractmethod
    def loads(self, text: str, source: str = "-") -> list[Entry]: ...

    @abstractmethod
    def dumps(self, entries: Sequence[Entry], **options: object) -> str: ...

    def read(self, path: str | Path) -> list[Entry]:
        return self.loads(decode_glossary(read_bytes(path), str(path)), str(path))

    def write(self, entries: Sequence[Entry], path: str | Path, **options: object) -> None:
        atomic_write(path, self.dumps(entries, **options).encode("utf-8"))
