"""The glossary: pinned term translations that segmentation respects and every output is checked against.

Library API (the CLI in ``toolkit/commands/glossary.py`` is a thin layer over it)::

    g = load_glossaries()                      # shipped glossaries + ./glossary/*.tsv
    g = resolve_glossary(["my.tsv"], False)    # what --glossary/--no-glossary ask for
    g.match(text)                              # [TermMatch(entry, start, end, text)], longest first
    g.segmenter()                              # a Segmenter with the terms as jieba user words
    check_terms(source_zh, english, g)         # TermReport(occurrences, hits, adherence, ...)
"""

from __future__ import annotations

from toolkit.glossary.check import ForbiddenHit, TermReport, TermResult, check_lines, check_terms, combine
from toolkit.glossary.edit import add_entry, remove_entry, set_entry
from toolkit.glossary.formats import FORMATS, TsvDocument, get_format
from toolkit.glossary.lint import LintIssue, lint_file
from toolkit.glossary.load import (
    load_glossaries,
    local_glossary_paths,
    read_entries,
    resolve_glossary,
    shipped_glossary_paths,
)
from toolkit.glossary.match import MarkedToken, fold
from toolkit.glossary.mine import Candidate, mine
from toolkit.glossary.model import PINNED, STATUSES, Entry, Glossary, Override, TermMatch, mark_terms

__all__ = [
    "FORMATS",
    "PINNED",
    "STATUSES",
    "Candidate",
    "Entry",
    "ForbiddenHit",
    "Glossary",
    "LintIssue",
    "MarkedToken",
    "Override",
    "TermMatch",
    "TermReport",
    "TermResult",
    "TsvDocument",
    "add_entry",
    "check_lines",
    "check_terms",
    "combine",
    "fold",
    "get_format",
    "lint_file",
    "load_glossaries",
    "local_glossary_paths",
    "mark_terms",
    "mine",
    "read_entries",
    "remove_entry",
    "resolve_glossary",
    "set_entry",
    "shipped_glossary_paths",
]
