"""``zhbrief brief``: the main job — an English brief of each article."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from toolkit.commands.common import glossary_options, model_option, summary_options
from toolkit.errors import ZhbriefError
from toolkit.fsutil import atomic_write_text

SUFFIX = {"md": ".md", "html": ".html", "json": ".json"}


def _progress_factory(enabled: bool):
    """A rich progress bar on a terminal (sections done, ETA); nothing at all when stderr is not one."""
    if not enabled:
        return None, None
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    prog = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} sections"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        transient=True,
        console=__import__("rich.console", fromlist=["Console"]).Console(stderr=True),
    )
    return prog, prog.add_task("reading", total=1)


@click.command("brief")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "-o", "--output", type=click.Path(), help="Output file (one input) or folder (several). Default: stdout."
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "json"]),
    default=None,
    help="Output format. Default: from -o's suffix, else md.",
)
@summary_options
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 3 if any quality check fails (missed term, wrong amount, Chinese left).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Bypass the translation memory that fallback translations are read from and written to.",
)
@glossary_options
@model_option
def brief_cmd(
    files, output, fmt, sentences, method, strict, no_cache, glossary_files, no_glossary, model
) -> None:
    """Write an English brief of each FILE: key points, a summary per section with the source sentence ids
    each summary sentence rests on, key figures, terms, and a quality report computed by the checks.

    \b
    Examples:
      zhbrief brief corpus/kunlun-tiangong-overseas-music-ai.txt
      zhbrief brief article.txt -o brief.html
      zhbrief brief a.txt b.txt -o briefs/ --format json --strict
    """
    from toolkit.brief import brief
    from toolkit.brief.render import render
    from toolkit.engines import load_engine
    from toolkit.glossary import resolve_glossary
    from toolkit.ingest import read_article

    if len(files) > 1 and output and Path(output).suffix and not Path(output).is_dir():
        raise ZhbriefError(f"{output}: several inputs need an output folder, not a file")
    if fmt is None:
        fmt = SUFFIX_TO_FMT.get(Path(output).suffix.lower(), "md") if output and len(files) == 1 else "md"
    if output is None and fmt != "md" and len(files) > 1:
        raise ZhbriefError("several inputs with --format html/json need -o FOLDER")

    # Read every input first: a bad file fails before minutes of model work, not after.
    articles = [read_article(f) for f in files]
    glossary = resolve_glossary(glossary_files, no_glossary)
    engine = load_engine(model)
    failed = False
    for f, article in zip(files, articles, strict=True):
        prog, task = _progress_factory(sys.stderr.isatty())

        def progress(label: str, done: int, total: int, prog=prog, task=task) -> None:
            if prog is not None:
                prog.update(task, description=label, completed=done, total=total)

        if prog is not None:
            prog.start()
        try:
            result = brief(
                article,
                glossary=glossary if glossary is not None else False,
                engine=engine,
                sentences=sentences,
                method=method,
                progress=progress,
                use_cache=not no_cache,
            )
        finally:
            if prog is not None:
                prog.stop()
        text = render(result, article, fmt)
        target = _target(output, f, fmt, len(files))
        if target is None:
            click.echo(text, nl=False)
        else:
            atomic_write_text(target, text)
        q = result.quality
        click.echo(
            f"{f}: {len(result.sections)} section{'' if len(result.sections) == 1 else 's'}, term adherence {100 * q.term_adherence:.1f}% "
            f"({q.term_hits}/{q.term_occurrences}), quantity errors {len(q.quantity_errors)}, "
            f"Chinese left {len(q.cjk_leaks)}, retries {q.retries}, fallbacks {q.fallbacks}, "
            f"{result.seconds:.1f} s" + (f" → {target}" if target else ""),
            err=True,
        )
        failed |= not q.passed
    if strict and failed:
        raise StrictFailure("quality checks failed (see the Quality section); --strict makes that an error")


SUFFIX_TO_FMT = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}


class StrictFailure(ZhbriefError):
    exit_code = 3


def _target(output: str | None, src: str, fmt: str, n_inputs: int) -> Path | None:
    if output is None:
        return None
    out = Path(output)
    if n_inputs == 1 and not (out.is_dir() or output.endswith(("/", "\\"))):
        return out
    name = "stdin" if src == "-" else Path(src).stem
    return out / f"{name}{SUFFIX[fmt]}"
