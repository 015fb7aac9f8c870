"""``zhbrief translate``: an article (or aligned lines) into English, pinned, checked and reported."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.commands.common import (
    EXIT_CODES,
    extract_option,
    glossary_options,
    load_glossary,
    model_option,
    names_option,
    progress_bar,
    strict_option,
)
from toolkit.engines import load_engine
from toolkit.errors import QualityFailed, ZhbriefError
from toolkit.ingest import fold_widths, read_article, read_text, to_simplified
from toolkit.outputs import check_targets, format_for, write_output
from toolkit.translation import Settings, translate_article, translate_lines
from toolkit.translation.render import FORMATS, render


def _read_lines(file: str) -> list[str]:
    """Input lines for --lines, normalized the way articles are (widths folded, simplified script)."""
    text, _ = read_text(file)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line; it is not an empty line of its own
    return [to_simplified(fold_widths(ln)) for ln in lines]


@click.command("translate", epilog=EXIT_CODES)
@click.argument("file", metavar="FILE", type=click.Path(allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write here (default: stdout). The suffix (.md, .txt, .html, .json) sets the format; any other "
    "suffix is refused.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format; default from the -o suffix, else md (txt with --lines).",
)
@click.option(
    "--bilingual",
    is_flag=True,
    help="Interleave each Chinese paragraph with its English (HTML: side by side).",
)
@click.option(
    "--lines", is_flag=True, help="One segment per input line, one English line per output line, aligned."
)
@strict_option("any segment still fails its checks after repair and retry")
@click.option("--no-cache", is_flag=True, help="Bypass the translation memory (neither read nor write it).")
@click.option(
    "--faithfulness",
    is_flag=True,
    help="Also check each sentence for omissions and mistranslations with the model; retry, then flag.",
)
@extract_option
@glossary_options
@names_option
@model_option
def translate_cmd(
    file: str,
    output: str | None,
    fmt: str | None,
    bilingual: bool,
    lines: bool,
    strict: bool,
    no_cache: bool,
    faithfulness: bool,
    extract: bool,
    glossary_files: tuple[str, ...],
    no_glossary: bool,
    names_files: tuple[str, ...],
    model: str | None,
) -> None:
    """Translate FILE (`-` for standard input) into English, keeping its structure.

    Glossary terms and amounts are pinned, names the glossary does not know get a pinyin rendering, no
    Chinese is allowed in the output, and every segment is checked, retried once if it fails, and
    flagged if it still does. One summary line goes to stderr; --format json has the full report.
    An output that is the input (or a link to it), or that cannot be written, is refused before any
    model work.
    """
    fmt = format_for(output, fmt, FORMATS, "txt" if lines else "md")
    if lines and fmt not in ("txt", "json"):
        raise ZhbriefError(f"--lines writes aligned text or JSON, not {fmt}; use --format txt or json")
    if lines:
        source_lines = _read_lines(file)
        article = None
    else:
        article = read_article(file, extract=extract)
    target = Path(output) if output and output != "-" else None
    check_targets([target], [file, *glossary_files, *names_files])  # a --glossary file is an input too
    glossary = load_glossary(glossary_files, no_glossary, names_files)
    engine = load_engine(model)
    settings = Settings(faithfulness=faithfulness)
    with progress_bar("segments") as step:
        progress = (lambda done, total: step("translating", done, total)) if step is not None else None
        if article is None:
            result = translate_lines(
                source_lines, engine, glossary, settings=settings, use_cache=not no_cache, progress=progress
            )
        else:
            result = translate_article(
                article, engine, glossary, settings=settings, use_cache=not no_cache, progress=progress
            )
    text = render(result, fmt, bilingual=bilingual, lines=lines)
    if target is not None:
        write_output(target, text)
    else:
        click.echo(text, nl=False)
    click.echo(f"zhbrief: {result.summary()}", err=True)
    if strict and not result.ok:
        failed = result.failed_segments()
        raise QualityFailed(
            f"--strict: {len(failed)} segment(s) failed their checks (first: {failed[0].id}: "
            f"{'; '.join(failed[0].quality.failures())}); see --format json for all"
        )
