"""Glossaries in and out of other formats: import any supported file as a native TSV, export to any format."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import ZhbriefError
from toolkit.glossary.candidate import Candidate
from toolkit.glossary.formats import GlossaryFormat, TsvDocument, get_format
from toolkit.glossary.load import read_entries
from toolkit.glossary.model import Entry, Glossary
from toolkit.outputs import check_plan, check_suffix, check_writable, write_output

TSV_SUFFIXES = (".tsv", ".tab")


def check_glossary_output(
    output: str | Path,
    inputs: Sequence[str | Path],
    *,
    force: bool,
    fmt: GlossaryFormat | None = None,
    what: str = "the glossary",
) -> None:
    """Every refusal a glossary write makes, before any reading or mining: a name whose suffix is not the
    format written (CSV in ``g.tsv`` would not load back), an output that is one of the run's inputs (even
    with --force: exporting a TSV as CSV onto itself drops status, domain and comments), an existing file
    without --force, a place that cannot be written."""
    check_suffix(output, fmt.suffixes if fmt is not None else TSV_SUFFIXES, "-o", what)
    check_plan([(Path(output), what, "-o")], inputs)
    if Path(output).exists() and not force:
        raise ZhbriefError(f"{output} exists; pass --force to overwrite it")
    check_writable(Path(output))


@dataclass(frozen=True)
class ImportResult:
    source: str
    sha256: str
    """Of the imported file's bytes."""
    entries: int
    duplicates: int
    """Terms defined again later in the file; the later entry is kept."""


def import_glossary(
    source: str | Path, output: str | Path, fmt: str | None = None, force: bool = False
) -> ImportResult:
    """Read a glossary in any supported format and write it to ``output`` as a native TSV glossary."""
    check_glossary_output(output, [source], force=force, what="the imported glossary")
    entries, digest = read_entries(source, fmt)
    seen: dict[str, Entry] = {}
    dupes = 0
    for e in entries:
        if e.key in seen:
            dupes += 1
        seen[e.key] = e
    doc = TsvDocument.new(list(seen.values()), comments=[f"imported from {source} (sha256 {digest[:12]})"])
    write_output(Path(output), doc.to_text())
    return ImportResult(str(source), digest, len(seen), dupes)


@dataclass(frozen=True)
class ExportResult:
    format: str
    text: str
    entries: int
    skipped: int
    """Unpinned entries a pins-only format (CSV) leaves out."""


def export_glossary(
    glossary: Glossary,
    output: str | Path,
    fmt: str | None = None,
    *,
    header: bool = False,
    force: bool = False,
    label: str = "",
) -> ExportResult:
    """Write ``glossary`` to ``output`` in ``fmt`` (default: from the suffix); ``"-"`` writes nothing and
    leaves the text to the caller. ``label`` (where the glossary came from) goes into TSV comments and the
    TBX source note."""
    to_stdout = str(output) == "-"
    f = get_format(fmt, None if to_stdout else output) if fmt or not to_stdout else get_format("tsv")
    opts: dict[str, object] = {"header": header}
    if f.name == "tsv":
        opts["comments"] = [label]
    elif f.name == "tbx":
        opts["source"] = "Exported by zhbrief from " + label
    if not to_stdout:
        inputs = [p for p, _ in glossary.files]
        check_glossary_output(output, inputs, force=force, fmt=f, what=f"the {f.name} export")
    text = f.dumps(glossary.entries, **opts)
    if not to_stdout:
        write_output(Path(output), text)
    skipped = sum(1 for e in glossary.entries if not e.pinned) if f.name == "csv" else 0
    return ExportResult(f.name, text, len(glossary) - skipped, skipped)


def write_review(
    candidates: Sequence[Candidate], output: str | Path, *, label: str, force: bool = False
) -> None:
    """Mined candidates as a review TSV (status candidate, context in the note) for a terminologist to fill
    in; ``label`` says what they were mined from. The caller checks ``output`` against the corpus first
    (``check_glossary_output``), before mining."""
    if Path(output).exists() and not force:
        raise ZhbriefError(f"{output} exists; pass --force to overwrite it")
    doc = TsvDocument.new(
        [c.to_entry() for c in candidates],
        comments=[
            f"candidates mined from {label}",
            "fill in en, set status to approved, then move the lines into a glossary",
        ],
    )
    write_output(Path(output), doc.to_text())
