"""Glossary file formats, one module each behind ``GlossaryFormat``: tsv (native), csv, tbx, omegat."""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import UsageError
from toolkit.glossary.formats.base import GlossaryFormat, atomic_write, decode_glossary
from toolkit.glossary.formats.csv import CsvFormat
from toolkit.glossary.formats.omegat import OmegatFormat
from toolkit.glossary.formats.tbx import TbxFormat
from toolkit.glossary.formats.tsv import TsvDocument, TsvFormat

FORMATS: dict[str, GlossaryFormat] = {
    f.name: f for f in (TsvFormat(), CsvFormat(), TbxFormat(), OmegatFormat())
}


def get_format(name: str | None, path: str | Path | None = None) -> GlossaryFormat:
    """The format called ``name``, else the one ``path``'s suffix implies; neither is a bad option (exit 2)."""
    if name:
        try:
            return FORMATS[name.lower()]
        except KeyError:
            raise UsageError(f"unknown glossary format {name!r}; use one of {', '.join(FORMATS)}") from None
    if path is not None:
        suffix = Path(str(path)).suffix.lower()
        for f in FORMATS.values():
            if suffix in f.suffixes:
                return f
        raise UsageError(
            f"cannot tell the glossary format of {path} from its suffix; pass --format ({', '.join(FORMATS)})"
        )
    raise UsageError("say which glossary format: --format " + "|".join(FORMATS))


__all__ = [
    "FORMATS",
    "CsvFormat",
    "GlossaryFormat",
    "OmegatFormat",
    "TbxFormat",
    "TsvDocument",
    "TsvFormat",
    "atomic_write",
    "decode_glossary",
    "get_format",
]
