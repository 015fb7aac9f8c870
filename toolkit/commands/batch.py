"""``zhbrief batch``: a folder of articles into briefs (or translations), cached, resumable, reported."""

from __future__ import annotations

import sys

import click

from toolkit.commands.common import (
    EXIT_CODES,
    glossary_options,
    load_glossary,
    model_option,
    names_option,
    strict_option,
    summary_options,
)
from toolkit.errors import QualityFailed, ZhbriefError


class BatchFailed(ZhbriefError):
    """Some articles failed; the others are done and recorded."""

    exit_code = 1


@click.command("batch", epilog=EXIT_CODES)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(), metavar="IN...")
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False),
    metavar="OUT_DIR",
    help="Output folder; outputs mirror the input names under it.",
)
@click.option(
    "--task",
    type=click.Choice(["brief", "translate"]),
    default="brief",
    show_default=True,
    help="Brief each article, or translate it whole.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["md", "html", "json", "txt"]),
    help="Output format; repeat for several (default md). txt is for --task translate.",
)
@click.option(
    "--glob",
    "globs",
    multiple=True,
    metavar="PATTERN",
    help="Which files of a folder to read (repeatable; default **/*.txt, *.md, *.html).",
)
@summary_options
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(0, 64),
    default=1,
    show_default=True,
    help="Worker processes that read and prepare upcoming articles while the model works "
    "(0: read in the main process). The model itself always runs in one process.",
)
@click.option("--force", is_flag=True, help="Redo every article, ignoring cached results.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first article that fails.")
@strict_option("every article was written but one failed a quality check (a failed article exits 1)")
@click.option(
    "--max-chars",
    type=click.IntRange(1),
    default=30_000,
    show_default=True,
    help="Longer articles fail as too long instead of holding the model for an hour.",
)
@click.option(
    "--report",
    "reports",
    multiple=True,
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Write a corpus report: FILE.md and/or FILE.json (repeat for both).",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help='Where the model work runs: this process, or Ray actors (pip install "zhbrief[ray]"). '
    "Reading, the cache and every write stay in this process either way.",
)
@click.option(
    "--ray-address",
    metavar="ADDR",
    default=None,
    help="--executor ray: join this cluster (auto, ray://HOST:PORT); default: start a local Ray runtime.",
)
@click.option(
    "--workers",
    type=int,
    default=None,
    metavar="N",
    help="--executor ray: N model actors sharing the cluster's CPUs (default: one per node, all its CPUs).",
)
@click.option(
    "--no-extract",
    is_flag=True,
    help="HTML: read each page whole (menus, related links, comments) instead of its main text.",
)
@glossary_options
@names_option
@model_option
def batch_cmd(
    inputs,
    out_dir,
    task,
    formats,
    globs,
    sentences,
    method,
    jobs,
    force,
    fail_fast,
    strict,
    max_chars,
    reports,
    executor,
    ray_address,
    workers,
    no_extract,
    glossary_files,
    no_glossary,
    names_files,
    model,
) -> None:
    """Brief (or translate) every article in IN (folders and files) into OUT_DIR.

    Results are cached by content: rerunning skips finished articles with no model work, so after a crash
    (Ctrl+C, kill -9, power) just run the same command again. Only what changed is redone: an edited
    article, a changed setting or model, or a glossary entry the article contains. A new --format is
    rendered from the cache. OUT_DIR/manifest.jsonl has one line per article and run.

    A file that cannot be read (undecodable, empty, too long, a dangling symlink, a symlink loop, a FIFO)
    is recorded as failed with its reason and the batch goes on; the exit status is 1 if any article
    failed. Outputs are written inside OUT_DIR only: a symlink there is replaced, never written through.
    The cache holds JSON only; an entry that cannot be read back is redone and reported.

    \b
    Examples:
      zhbrief batch corpus/ -o briefs/
      zhbrief batch corpus/ -o briefs/ -f md -f json --report briefs/report.md
      zhbrief batch news/ -o en/ --task translate --glob '*.txt' --model small
      zhbrief batch corpus/ -o briefs/ --executor ray --ray-address auto
    """
    # lazy: the batch stack (process pools, the result store, the executors) loads only for batch
    from toolkit.batch import BatchOptions, build_report, report_format, run_batch, write_reports
    from toolkit.commands.progress import LogProgress, RichProgress

    for r in reports:
        report_format(r)  # a bad report name fails now, not after the corpus
    opts = BatchOptions(
        task=task,
        formats=tuple(dict.fromkeys(formats)) or ("md",),
        globs=tuple(globs),
        sentences=sentences,
        method=method,
        jobs=jobs,
        force=force,
        fail_fast=fail_fast,
        max_chars=max_chars,
        executor=executor,
        ray_address=ray_address,
        workers=workers,
        extract=not no_extract,
    )
    opts.validate()
    glossary = load_glossary(glossary_files, no_glossary, names_files)
    progress = RichProgress() if sys.stderr.isatty() else LogProgress()
    result = run_batch(
        inputs, out_dir, opts, glossary=glossary, model=model, progress=progress, reports=reports
    )
    if reports:
        written = write_reports(reports, build_report(result, glossary))
        click.echo(f"zhbrief: report: {', '.join(map(str, written))}", err=True)
    click.echo(f"zhbrief: {result.summary()}; manifest {result.manifest}", err=True)
    if result.failed:
        first = result.failed[0]
        raise BatchFailed(
            f"{len(result.failed)} article(s) failed (first: {first.error}); the rest are done — "
            f"see {result.manifest}"
        )
    if strict and result.quality_failed:
        first = result.quality_failed[0]
        raise QualityFailed(
            f"--strict: {len(result.quality_failed)} article(s) failed a quality check (first: {first.input}); "
            f"see {result.manifest}"
        )
