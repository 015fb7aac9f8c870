"""Where outputs go, in which format, and the checks that keep a user's files safe while they are written.

One suffix→format table for every command that writes (``brief``, ``translate``, ``batch``), and one set of
refusals made before any model loads:

- an unknown suffix (``-o out.docx``) is refused with the list of formats, never written as Markdown;
- an output that resolves to an input (``-o a.txt`` for ``a.txt``, or a symlink to it, or a hard link) is
  refused: the English would replace the Chinese source;
- two inputs that would write one output name (``p/a.txt q/a.txt -o out/``) are refused, as batch does;
- an output location that cannot be written (read-only mount, a file where a folder should be) is refused
  in one line, not found out by a traceback after minutes of model work.

Writes replace a symlink at the output path rather than following it, so nothing outside the named file or
folder is ever written (``write_output``).
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


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_targets(targets: Sequence[Path | None], inputs: Sequence[str]) -> None:
    """Refuse, before any model work, an output that is an input or that cannot be written."""
    sources = [Path(s) for s in inputs if s != "-"]
    real_sources = {os.path.realpath(s): s for s in sources}
    for t in targets:
        if t is None:
            continue
        # The resolved path catches -o a.txt and -o link-to-a.md; samefile catches a hard link too.
        hit = real_sources.get(os.path.realpath(t))
        if hit is None:
            hit = next((s for s in sources if _same_file(t, s)), None)
        if hit is not None:
            raise UsageError(
                f"{t} is the input {hit}; writing there would replace the source, so choose another -o"
            )
        check_writable(t)


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
