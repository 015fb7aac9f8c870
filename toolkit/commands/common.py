"""Options and helpers shared by several commands, so every command spells them the same way."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import click

from toolkit.glossary import Glossary, resolve_glossary
from toolkit.glossary.load import local_glossary_paths, shipped_glossary_paths
from toolkit.ingest import read_text
from toolkit.ingest.read import decode_utf, read_bytes

EXIT_CODES = """\b
Exit status:
  0  done (and, with --strict, every check passed)
  1  an error (a model that cannot load, an output that cannot be written; batch: an article failed)
  2  bad input (missing, empty, binary, not Chinese, too large) or a bad option
  3  --strict: the work was written but a quality check failed"""
"""The epilog of every command that writes English: one exit code per kind of outcome, the same for all."""

StepCallback = Callable[[str, int, int], None]


@contextlib.contextmanager
def progress_bar(unit: str, enabled: bool | None = None) -> Iterator[StepCallback | None]:
    """A rich progress bar on stderr while the block runs, fed by ``step(label, done, total)``; ``None``
    (no bar, no output) when stderr is not a terminal, so logs and pipes stay clean."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    prog = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} " + unit),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        transient=True,
        console=Console(stderr=True),
    )
    task = prog.add_task("reading", total=1)

    def step(label: str, done: int, total: int) -> None:
        prog.update(task, description=label, completed=done, total=total)

    with prog:
        yield step


def strict_option(what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--strict``: exit 3 (``QualityFailed``) when the output was written but its checks failed."""
    return click.option("--strict", is_flag=True, help=f"Exit 3 if {what}.")


def dump_json(obj: object) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


def extract_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--no-extract``: read HTML articles whole instead of their main text. The command gets ``extract``
    (true unless the flag is given) and passes it to every read it makes."""
    return click.option(
        "--no-extract",
        "extract",
        is_flag=True,
        flag_value=False,
        default=True,
        help="HTML: read the whole page (menus, related links, comments) instead of its main text.",
    )(f)


def glossary_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--glossary FILE`` (repeatable) and ``--no-glossary``, resolved by ``toolkit.glossary``."""
    f = click.option(
        "--no-glossary",
        is_flag=True,
        help="Use no glossary at all: no term pins, no term checks.",
    )(f)
    f = click.option(
        "--glossary",
        "glossary_files",
        multiple=True,
        type=click.Path(dir_okay=False),
        metavar="FILE",
        help="Glossary file (TSV, CSV, TBX); repeat for several, later files win on conflicts. "
        "Replaces the default: the shipped glossaries plus ./glossary/*.tsv if that folder exists.",
    )(f)
    return f


def model_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--model",
        "-m",
        envvar="ZHBRIEF_MODEL",
        default=None,
        metavar="MODEL",
        help="Model alias (default, small), a GGUF file, or a Hugging Face directory or id. "
        "Default: $ZHBRIEF_MODEL, else 'default'.",
    )(f)


def summary_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--sentences`` and ``--method``: how a brief summarizes, spelled the same in ``brief`` and ``batch``."""
    f = click.option(
        "--method",
        type=click.Choice(["select", "direct"]),
        default="select",
        show_default=True,
        help="select: summarize the salient sentences (fast, exact provenance); direct: whole sections.",
    )(f)
    f = click.option(
        "--sentences",
        "-n",
        type=click.IntRange(1, 8),
        default=2,
        show_default=True,
        help="Summary sentences per section.",
    )(f)
    return f


def names_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--names FILE``: this run's fixes of names and titles, layered over the glossary."""
    return click.option(
        "--names",
        "names_files",
        multiple=True,
        type=click.Path(dir_okay=False),
        metavar="FILE",
        help="This run's English for names and titles (a glossary file: zh, en), over the glossary: "
        "fix a rendering once and every occurrence follows, without editing the glossary.",
    )(f)


def load_glossary(
    glossary_files: Sequence[str] | None, no_glossary: bool, names_files: Sequence[str] = ()
) -> Glossary:
    """The glossary ``--glossary``/``--no-glossary`` ask for, plus what the library leaves to commands:
    telling the user, one stderr line each, which file overrides which and which rows were left out.
    ``names_files`` (``--names``) are read after it and win on conflicts."""
    if names_files:
        if no_glossary:
            glossary_files = ()
        elif not glossary_files:
            glossary_files = [str(p) for p in (*shipped_glossary_paths(), *local_glossary_paths())]
        g = resolve_glossary([*glossary_files, *names_files], False)
        for line in g.notices():
            click.echo(f"zhbrief: glossary: {line}", err=True)
        return g
    g = resolve_glossary(glossary_files, no_glossary)
    for line in g.notices():
        click.echo(f"zhbrief: glossary: {line}", err=True)
    return g


def read_source(path: str) -> str:
    """The Chinese side of an audit (``check``, ``glossary check``), read as articles are: bounded, decoded,
    refused when it is not Chinese."""
    return read_text(path)[0]


def read_english(path: str) -> str:
    """The English side of an audit: bounded like an article, and refused (exit 2) when it is not text."""
    return decode_utf(read_bytes(path, kind="a translation"), path)
