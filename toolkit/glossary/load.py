"""Which glossary applies: the shipped ones plus ./glossary/*.tsv, or the files given, or none."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from toolkit.errors import ZhbriefError
from toolkit.glossary.formats import TsvDocument, decode_glossary, get_format
from toolkit.glossary.formats.base import read_bytes
from toolkit.glossary.model import Entry, Glossary, Override, sha256_bytes

LOCAL_DIR = "glossary"


def shipped_glossary_paths() -> list[Path]:
    """The glossaries packaged with the tool (toolkit/data/glossaries/*.tsv), in name order."""
    root = resources.files("toolkit") / "data" / "glossaries"
    try:
        names = sorted(p.name for p in root.iterdir() if p.name.endswith(".tsv"))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [Path(str(root / n)) for n in names]


def local_glossary_paths(cwd: str | Path | None = None) -> list[Path]:
    """./glossary/*.tsv in the current (or given) folder, if that folder exists."""
    d = Path(cwd or ".") / LOCAL_DIR
    if not d.is_dir():
        return []
    return sorted(p for p in d.glob("*.tsv") if p.is_file())


def read_entries(path: str | Path, fmt: str | None = None) -> tuple[list[Entry], str]:
    """A glossary file's entries (any supported format) and the sha256 of its bytes."""
    located, digest = read_located(path, fmt)
    return [e for _, e in located], digest


def read_located(path: str | Path, fmt: str | None = None) -> tuple[list[tuple[str, Entry]], str]:
    """Like ``read_entries``, each entry with where it came from (``file:line`` for TSV, ``file entry N``
    otherwise), so a problem found after parsing can still name its row."""
    data = read_bytes(path)
    f = get_format(fmt, path) if fmt or Path(str(path)).suffix.lower() != "" else get_format("tsv")
    if f.name == "tsv":
        doc = TsvDocument.parse(decode_glossary(data, str(path)), str(path))
        errors = [p for p in doc.problems if p.severity == "error"]
        if errors:
            p = errors[0]
            raise ZhbriefError(f"{path}:{p.line}: {p.message}; run `zhbrief glossary lint --glossary {path}`")
        located = [(f"{path}:{r.line}", r.entry) for r in doc.rows if r.entry is not None]
    else:
        entries = f.loads(decode_glossary(data, str(path)), str(path))
        located = [(f"{path} entry {i}", e) for i, e in enumerate(entries, start=1)]
    return located, sha256_bytes(data)


def _refuse_empty_pin(where: str, e: Entry, path: Path) -> None:
    # Refused, not warned: an approved entry with no English pins the term to nothing, so prompts would
    # pin an empty string and the term checks would have no form to look for. Edits read the file
    # directly, so `glossary set` still works to repair it.
    if e.status == "approved" and not e.en and e.zh:
        raise ZhbriefError(
            f"{where}: {e.zh} is approved but its en is empty, so it pins nothing; give it one with "
            f"`zhbrief glossary set {e.zh} --en … --glossary {path}` or make it a candidate"
        )


def load_glossaries(paths: Sequence[str | Path] | None = None, use_default: bool = True) -> Glossary:
    """Merge glossary files in order; a term defined again by a later file replaces the earlier entry.

    ``paths=None`` with ``use_default`` loads the shipped glossaries plus ./glossary/*.tsv (a local file
    byte-identical to a shipped one is read once). ``[]`` with ``use_default=False`` is the empty glossary.

    Refuses (ZhbriefError) a row whose fields a tab has shifted and an approved row with an empty ``en``.
    A row with an empty ``zh`` matches nothing, so it is left out with a warning in ``Glossary.warnings``.
    Nothing is printed: callers show ``Glossary.notices()``.
    """
    files: list[Path] = [Path(str(p)) for p in paths or ()]
    if paths is None and use_default:
        files = shipped_glossary_paths() + local_glossary_paths()
    merged: dict[str, tuple[Entry, str]] = {}
    overrides: list[Override] = []
    warnings: list[str] = []
    used: list[tuple[str, str]] = []
    seen_hashes: set[str] = set()
    for path in files:
        located, digest = read_located(path)
        if paths is None and digest in seen_hashes:
            continue
        seen_hashes.add(digest)
        used.append((str(path), digest))
        for where, e in located:
            key = e.key
            if not key:
                # Warned, not refused: the row changes no output, but it is likely a term deleted by mistake.
                warnings.append(f"{where}: the zh field is empty; row ignored (en {e.en!r})")
                continue
            _refuse_empty_pin(where, e, path)
            old = merged.get(key)
            if old is not None and old[0] != e:
                overrides.append(Override(key, old[0], old[1], e, str(path)))
            merged[key] = (e, str(path))
    return Glossary(
        [e for e, _ in merged.values()],
        used,
        overrides,
        origins={k: f for k, (_, f) in merged.items()},
        warnings=warnings,
    )


def resolve_glossary(glossary_files: Sequence[str] | None = None, no_glossary: bool = False) -> Glossary:
    """The glossary the CLI options ``--glossary FILE…`` / ``--no-glossary`` ask for.

    Overrides between files and load warnings are returned in ``Glossary.notices()``, never printed.
    """
    if no_glossary and glossary_files:
        raise ZhbriefError("--glossary and --no-glossary contradict each other; give one of them")
    if no_glossary:
        return Glossary()
    if glossary_files:
        return load_glossaries(list(glossary_files), use_default=False)
    return load_glossaries(None)
