"""The one door every write goes through: where outputs go, in which format, and the refusals that keep a
user's files safe, all made before any model work (or any reading, mining or exporting).

One suffix→format table for the commands that write English (``brief``, ``translate``, ``batch``); the
glossary writers (``export``, ``import``, ``mine -o``) and ``batch --report`` name their own suffixes. The
refusals (``check_plan`` and friends; exit 2 unless said otherwise):

- an unknown suffix (``-o out.docx``, ``--report r.txt``, ``glossary export -o g.docx``) is refused with
  the list of formats, never written as something its name does not promise;
- an output that resolves to an input of the same run (``-o a.txt`` for ``a.txt``, a symlink or a hard
  link to it, ``--report kin/k1.md`` for an article kin/k1.md, ``glossary export -o`` its own glossary,
  ``glossary mine -o`` one of its articles) is refused, ``--force`` or not;
- two writes of one run to one name (``p/a.txt q/a.txt -o out/``, ``--report kout/k1.md`` where k1's
  brief goes) are refused, naming both;
- a manifest or result cache that is a symlink is refused (they are appended to and locked, so a link
  there would make every run write outside the folder);
- an output location that cannot be written (read-only mount, a file where a folder should be) is refused
  in one line (exit 1), not found out by a traceback after minutes of model work.

Writes (``write_output``) are atomic and replace a symlink at the output path rather than following it,
so nothing outside the named file or folder is ever written; batch also refuses an output whose folder is
a link out of OUT_DIR (``check_inside``).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from toolkit.errors import UsageError, ZhbriefError
from toolkit.fsutil import atomic_write_bytes

FORMAT_OF_SUFFIX: dict[str, str] = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".txt": "txt",
}
"""Output file suffix → format, for every command."""

SUFFIX_OF_FORMAT: dict[str, str] = {"md": ".md", "html": ".html", "json": ".json", "txt": ".txt"}


def _suffixes(allowed: Iterable[str]) -> str:
    return ", ".join(s for s, f in FORMAT_OF_SUFFIX.items() if f in allowed)


def format_for(output: str | None, fmt: str | None, allowed: Sequence[str], default: str) -> str:
    """The output format: ``--format`` if given, else from the output's suffix, else ``default``.

    An output suffix the table does not know is refused (with the list) unless ``--format`` names the
    format: writing Markdown into ``out.docx`` silently is how a user loses an afternoon.
    """
    if fmt is not None:
        if fmt not in allowed:
            raise UsageError(f"--format {fmt}: this command writes {', '.join(allowed)}")
        return fmt
    if not output or output == "-":
        return default
    suffix = Path(output).suffix.lower()
    if not suffix or output.endswith(("/", os.sep)) or Path(output).is_dir():
        return default
    found = FORMAT_OF_SUFFIX.get(suffix)
    if found is None or found not in allowed:
        raise UsageError(
            f"{output}: unknown output format {suffix!r}; name the file {_suffixes(allowed)} "
            f"or give --format ({', '.join(allowed)})"
        )
    return found


def is_folder_target(output: str, n_inputs: int) -> bool:
    """Whether ``-o`` names a folder: several inputs, an existing folder, or a trailing slash."""
    return n_inputs > 1 or Path(output).is_dir() or output.endswith(("/", os.sep))


def plan_targets(inputs: Sequence[str], output: str | None, fmt: str) -> list[Path | None]:
    """The file each input's output goes to (``None``: standard output), one per input, in order.

    Several inputs write ``FOLDER/<stem><suffix>``; two with one stem are refused, naming both, as batch
    refuses them: the second would silently replace the first.
    """
    if output is None or output == "-":
        return [None] * len(inputs)
    if not is_folder_target(output, len(inputs)):
        return [Path(output)]
    out = Path(output)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{output}: several inputs need an output folder, and this is a file")
    targets: list[Path | None] = []
    seen: dict[str, str] = {}
    for src in inputs:
        name = "stdin" if src == "-" else Path(src).stem
        key = name.lower()  # case-insensitive file systems would merge A.md and a.md
        if key in seen:
            raise UsageError(
                f"{seen[key]} and {src} would both write {out / (name + SUFFIX_OF_FORMAT[fmt])}; "
                "rename one or run them separately"
            )
        seen[key] = src
        targets.append(out / f"{name}{SUFFIX_OF_FORMAT[fmt]}")
    return targets


def _identity(p: str | Path) -> tuple[int, int] | None:
    """(device, inode) of what ``p`` names (links followed), or None if nothing is there."""
    try:
        st = os.stat(p)
    except OSError:
        return None
    return st.st_dev, st.st_ino


Planned = tuple[Path, str, str]
"""A file a run will write: (path, what it is: "the md of k1.md", the option that names it: "-o")."""


def check_plan(planned: Sequence[Planned], inputs: Iterable[str | Path]) -> None:
    """Refuse, before any work, a run whose writes would destroy something: ``planned`` is every file the
    run will write, ``inputs`` every file it reads.

    - a target that is an input: the same path, a symlink to it, or a hard link (one stat per file, so a
      batch of thousands costs thousands of stats, not millions);
    - two targets of one name (case folded: a case-insensitive disk would merge them), e.g. a report named
      like an article's brief, which would replace the brief the manifest lists.
    """
    by_real: dict[str, str] = {}
    by_inode: dict[tuple[int, int], str] = {}
    for src in inputs:
        if str(src) == "-":
            continue
        by_real.setdefault(os.path.realpath(src), str(src))
        ident = _identity(src)
        if ident is not None:
            by_inode.setdefault(ident, str(src))
    seen: dict[str, str] = {}
    for path, what, flag in planned:
        hit = by_real.get(os.path.realpath(path))
        ident = _identity(path) if hit is None else None
        if hit is None and ident is not None:
            hit = by_inode.get(ident)
        if hit is not None:
            raise UsageError(
                f"{path} is the input {hit}; writing {what} there would replace the source, "
                f"so choose another {flag}"
            )
        key = os.path.abspath(path).lower()
        if key in seen:
            raise UsageError(f"{seen[key]} and {what} would both be written to {path}; choose another {flag}")
        seen[key] = what


def check_targets(targets: Sequence[Path | None], inputs: Sequence[str]) -> None:
    """Refuse, before any model work, an output that is an input or that cannot be written."""
    planned = [(t, "the output", "-o") for t in targets if t is not None]
    check_plan(planned, inputs)
    for t, _, _ in planned:
        check_writable(t)


def check_suffix(path: str | Path, suffixes: Sequence[str], flag: str, what: str) -> None:
    """Refuse (exit 2) a file name whose suffix does not say the format written there: the content would
    not be what its name promises (CSV in ``g.tsv``, which then fails to load as a glossary)."""
    suffix = Path(str(path)).suffix.lower()
    if suffix not in suffixes:
        said = f"suffix {suffix!r}" if suffix else "no suffix"
        raise UsageError(f"{flag} {path}: {said}, but {what} is written there; name it {', '.join(suffixes)}")


def check_not_linked(path: Path, what: str) -> None:
    """Refuse a file that must not be a symlink because it is appended to or locked, not replaced (the
    manifest, the cache folder): a link planted there would make every run write outside the folder."""
    if path.is_symlink():
        raise UsageError(
            f"{path} ({what}) is a symlink to {os.readlink(path)}; zhbrief writes inside the output folder "
            "only — remove the link"
        )
    if path.exists() and what == "the manifest" and not path.is_file():
        raise UsageError(f"{path} ({what}) is not a regular file; remove it or choose another output folder")


def check_writable(target: Path) -> None:
    """One line now, rather than a traceback after the model work, when ``target`` cannot be written.

    Probes by creating (and removing) a temp file in the folder the output goes to, or in its nearest
    existing ancestor when the folder is still to be made: permission bits do not tell about read-only
    mounts or immutable folders, and root passes every permission check.
    """
    if target.is_dir():
        raise ZhbriefError(f"{target}: is a folder; give a file name, or several inputs to write into it")
    folder = target.parent
    probe = folder
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise ZhbriefError(f"{target}: cannot write here: {probe} is a file, not a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".zhbrief-probe.", dir=probe)
    except OSError as e:
        raise ZhbriefError(
            f"{target}: cannot write to {probe}: {e.strerror or e}; choose a writable -o"
        ) from None
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def check_inside(target: Path, root: Path) -> None:
    """Refuse a target whose folder resolves outside ``root`` (a symlinked subfolder pointing elsewhere):
    outputs are written inside the output folder only."""
    real_root = os.path.realpath(root)
    real_parent = os.path.realpath(target.parent)
    if real_parent != real_root and not real_parent.startswith(real_root.rstrip(os.sep) + os.sep):
        raise ZhbriefError(
            f"{target}: its folder is a link to {real_parent}, outside the output folder {root}; "
            "remove the link (zhbrief writes inside the output folder only)"
        )


def write_output(target: Path, text: str | bytes) -> None:
    """Write an output atomically (temp file, then rename) at ``target`` itself: a symlink there is
    replaced by the file, never followed, so an output cannot land outside the named file or folder."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    atomic_write_bytes(target, data, follow_symlinks=False)
