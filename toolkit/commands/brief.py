"""``zhbrief brief``: the main job — an English brief of each article."""

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
    summary_options,
)
from toolkit.engines import load_engine
from toolkit.errors import QualityFailed, ZhbriefError
from toolkit.ingest import read_article
from toolkit.outputs import check_targets, format_for, is_folder_target, plan_targets, write_output

FORMATS = ("md", "html", "json")


@click.command("brief", epilog=EXIT_CODES)
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Output file (one input) or folder (several). Default: stdout. The suffix (.md, .html, .json) "
    "sets the format; any other suffix is refused.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format. Default: from -o's suffix, else md.",
)
@summary_options
@strict_option("any quality check fails (missed term, wrong amount, Chinese left)")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Bypass the translation memory that fallback translations are read from and written to.",
)
@click.option(
    "--faithfulness",
    is_flag=True,
    help="Also check each summary sentence for mistranslations with the model (its cited sources as the "
    "Chinese); retry, then flag.",
)
@extract_option
@glossary_options
@names_option
@model_option
def brief_cmd(
    files,
    output,
    fmt,
    sentences,
    method,
    strict,
    no_cache,
    faithfulness,
    extract,
    glossary_files,
    no_glossary,
    names_files,
    model,
) -> None:
    """Write an English brief of each FILE: key points, a summary per section with the source sentence ids
    each summary sentence rests on, key figures, terms, and a quality report computed by the checks.

    Several FILEs with -o write FOLDER/<name>.<format>; two inputs with one name are refused. An output
    that is an input (or a link to one) is refused, and so is one that cannot be written — before any
    model work.

    \b
    Examples:
      zhbrief brief corpus/kunlun-tiangong-overseas-music-ai.txt
      zhbrief brief article.txt -o brief.html
      zhbrief brief a.txt b.txt -o briefs/ --format json --strict
    """
    # lazy: the brief stack loads only for this command
    from toolkit.brief import brief
    from toolkit.brief.render import render

    if len(files) > 1 and output and Path(output).suffix and not is_folder_target(output, 1):
        raise ZhbriefError(f"{output}: several inputs need an output folder, not a file")
    single_file = output if output and not is_folder_target(output, len(files)) else None
    fmt = format_for(single_file, fmt, FORMATS, "md")
    if output is None and fmt != "md" and len(files) > 1:
        raise ZhbriefError("several inputs with --format html/json need -o FOLDER")

    # Read every input and check every output first: a bad file or an unwritable folder fails in one
    # line before minutes of model work, not after.
    articles = [read_article(f, extract=extract) for f in files]
    targets = plan_targets(files, output, fmt)
    check_targets(targets, [*files, *glossary_files, *names_files])  # a --glossary file is an input too
    glossary = load_glossary(glossary_files, no_glossary, names_files)
    engine = load_engine(model)
    failed = False
    for f, article, target in zip(files, articles, targets, strict=True):
        with progress_bar("sections") as step:
            result = brief(
                article,
                glossary=glossary,
                engine=engine,
                sentences=sentences,
                method=method,
                progress=step,
                use_cache=not no_cache,
                faithfulness=faithfulness,
            )
        text = render(result, article, fmt)
        if target is None:
            click.echo(text, nl=False)
        else:
            write_output(target, text)
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
        raise QualityFailed("--strict: quality checks failed (see the Quality section)")
