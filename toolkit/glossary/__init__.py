"""The glossary: pinned term translations that segmentation respects and every output is checked against.

Library API (the CLI in ``toolkit/commands/glossary.py`` is a thin layer over it)::

    g = load_glossaries()                      # shipped glossaries + ./glossary/*.tsv
    g = resolve_glossary(["my.tsv"], False)    # what --glossary/--no-glossary ask for
    g.match(text)                              # [TermMatch(entry, start, end, text)], longest first
    g.segmenter()                              # a Segmenter with the terms as jieba user words
    check_terms(source_zh, english, g)         # TermReport(occurrences, hits, adherence, ...)
    g.notices()                                # overrides and rows left out: the caller shows them

Mining a corpus for the terms a glossary lacks reads articles and names, so it lives above them, in
``toolkit.mining``; the glossary imports neither ``ingest`` nor ``annotate``.
"""

from __future__ import annotations

from toolkit.glossary.candidate import Candidate
from toolkit.glossary.check import (
    ForbiddenHit,
    TermReport,
    TermResult,
    check_lines,
    check_terms,
    check_texts,
    combine,
)
from toolkit.glossary.convert import (
    ExportResult,
    ImportResult,
    check_glossary_output,
    export_glossary,
    import_glossary,
    write_review,
)
from toolkit.glossary.edit import add_entry, remove_entry, set_entry
from toolkit.glossary.formats import FORMATS, TsvDocument, get_format
from toolkit.glossary.lint import LintIssue, LintReport, lint_file, lint_files
from toolkit.glossary.load import (
    load_glossaries,
    local_glossary_paths,
    read_entries,
    read_located,
    resolve_glossary,
    shipped_glossary_paths,
)
from toolkit.glossary.match import MarkedToken, fold
from toolkit.glossary.model import PINNED, STATUSES, Entry, Glossary, Override, TermMatch, mark_terms

__all__ = [
    "FORMATS",
    "PINNED",
    "STATUSES",
    "Candidate",
    "Entry",
    "ExportResult",
    "ForbiddenHit",
    "Glossary",
    "ImportResult",
    "LintIssue",
    "LintReport",
    "MarkedToken",
    "Override",
    "TermMatch",
    "TermReport",
    "TermResult",
    "TsvDocument",
    "add_entry",
    "check_glossary_output",
    "check_lines",
    "check_terms",
    "check_texts",
    "combine",
    "export_glossary",
    "fold",
    "get_format",
    "import_glossary",
    "lint_file",
    "lint_files",
    "load_glossaries",
    "local_glossary_paths",
    "mark_terms",
    "read_entries",
    "read_located",
    "remove_entry",
    "resolve_glossary",
    "set_entry",
    "shipped_glossary_paths",
    "write_review",
]
