"""Corpus runs: hundreds of articles, a content-addressed cache, a manifest, resume after any crash.

Library API (``zhbrief batch`` is a thin layer over it)::

    from toolkit.batch import BatchOptions, run_batch, build_report, write_reports
    result = run_batch(["corpus/"], "briefs/", BatchOptions(formats=("md", "json")), glossary=g, model="small")
    result.count("done"), result.count("skipped"), result.failed      # also in briefs/manifest.jsonl
    write_reports(["briefs/report.md"], build_report(result, g))

Modules (``toolkit.ingest.discover`` finds the inputs and names their outputs): ``prepare`` (the
model-free work, run ahead in worker processes), ``keys`` (cache keys), ``store`` (JSON result cache, manifest, lock), ``tasks`` (one
class per task — brief, translate — that computes a result, rebuilds it from JSON and renders it),
``runner`` (the driver: cache, outputs, manifest), ``executors`` (where cache misses are computed: this
process, or Ray actors) and ``report`` (the corpus report); the progress displays are the command's
(``toolkit.commands.progress``).
"""

from __future__ import annotations

from toolkit.batch.keys import cache_key, content_hash, occurring_terms, run_fingerprint
from toolkit.batch.report import build_report, render_markdown, report_format, write_reports
from toolkit.batch.runner import BatchOptions, BatchResult, Outcome, run_batch
from toolkit.batch.store import CACHE_DIRNAME, MANIFEST_NAME, ResultCache, read_manifest
from toolkit.batch.tasks import TASKS, BriefTask, Task, TranslateTask, brief_from_dict, translation_from_dict
from toolkit.ingest.discover import Item, discover

__all__ = [
    "CACHE_DIRNAME",
    "MANIFEST_NAME",
    "TASKS",
    "BatchOptions",
    "BatchResult",
    "BriefTask",
    "Item",
    "Outcome",
    "ResultCache",
    "Task",
    "TranslateTask",
    "brief_from_dict",
    "build_report",
    "cache_key",
    "content_hash",
    "discover",
    "occurring_terms",
    "read_manifest",
    "render_markdown",
    "report_format",
    "run_batch",
    "run_fingerprint",
    "translation_from_dict",
    "write_reports",
]
