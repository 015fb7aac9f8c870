"""Lint a glossary file: problems that would make pins wrong or ambiguous. Errors fail CI; warnings inform."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit.glossary.formats import TsvDocument
from toolkit.glossary.load import read_entries
from toolkit.glossary.model import STATUSES, Entry
from toolkit.script import to_simplified


@dataclass
class LintIssue:
    path: str
    line: int
    severity: str  # error | warning
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.code}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


def _stray_ws(value: str) -> bool:
    return value != value.strip() or "  " in value


def lint_document(doc: TsvDocument, path: str) -> list[LintIssue]:
    from toolkit.segment import jieba_can_hold  # lazy: jieba is slow to import; only lint needs it here

    issues = [LintIssue(path, p.line, p.severity, "columns", p.message) for p in doc.problems]
    add = issues.append
    first: dict[str, tuple[Entry, int]] = {}
    for row in doc.rows:
        e = row.entry
        if e is None:
            continue
        n = row.line
        if not e.zh:
            add(LintIssue(path, n, "error", "empty", "the zh field is empty"))
            continue
        if e.status not in STATUSES:
            add(
                LintIssue(
                    path, n, "error", "status", f"status {e.status!r} is not one of {', '.join(STATUSES)}"
                )
            )
        if not e.en and e.status in ("approved", "forbidden"):
            add(LintIssue(path, n, "error", "empty", f"{e.zh}: en is empty for an {e.status} entry"))
        for name, value in zip(doc.header, row.fields, strict=False):
            if name in ("zh", "en", "alt", "forbid", "status", "domain") and _stray_ws(value):
                add(
                    LintIssue(
                        path, n, "warning", "whitespace", f"{e.zh}: stray whitespace in {name}: {value!r}"
                    )
                )
            if (
                name in ("alt", "forbid")
                and any(_stray_ws(v) for v in value.split("|"))
                and not _stray_ws(value)
            ):
                add(
                    LintIssue(
                        path, n, "warning", "whitespace", f"{e.zh}: stray whitespace around '|' in {name}"
                    )
                )
        allowed = {a.casefold(): a for a in [e.en, *e.alt] if a}
        for f in e.forbid:
            if f.casefold() in allowed and e.status != "forbidden":
                add(
                    LintIssue(
                        path, n, "error", "en-forbidden", f"{e.zh}: {f!r} is both accepted and forbidden"
                    )
                )
        if e.en and e.en.casefold() in {a.casefold() for a in e.alt}:
            add(LintIssue(path, n, "warning", "alt", f"{e.zh}: alt repeats en {e.en!r}"))
        key = e.key
        if key in first:
            prev, pn = first[key]
            if prev.zh == e.zh and prev.en == e.en:
                add(LintIssue(path, n, "error", "duplicate", f"{e.zh} is already defined on line {pn}"))
            elif prev.zh == e.zh or prev.zh.casefold() == e.zh.casefold():
                add(
                    LintIssue(
                        path,
                        n,
                        "error",
                        "conflict",
                        f"{e.zh} pinned to {e.en!r} here and to {prev.en!r} on line {pn}",
                    )
                )
            else:
                add(
                    LintIssue(
                        path,
                        n,
                        "error",
                        "script-pair",
                        f"{e.zh} and {prev.zh} (line {pn}) are the same term in traditional and simplified "
                        f"script; keep one (simplified): matching already finds both",
                    )
                )
        else:
            first[key] = (e, n)
        simp = to_simplified(e.zh)
        if simp != e.zh:
            add(
                LintIssue(
                    path,
                    n,
                    "warning",
                    "script",
                    f"{e.zh} is not in simplified script ({simp}); matching finds both, store the simplified",
                )
            )
        if not jieba_can_hold(e.zh):
            add(
                LintIssue(
                    path,
                    n,
                    "warning",
                    "jieba",
                    f"{e.zh}: jieba cannot hold this as one word (space or punctuation); matching still "
                    "finds it, but segmentation splits it",
                )
            )
    # A pinned English form that another entry forbids: one of the two is wrong.
    forbidden_by: dict[str, Entry] = {}
    for row in doc.rows:
        if row.entry is not None:
            for f in row.entry.forbid:
                forbidden_by.setdefault(f.casefold(), row.entry)
    for row in doc.rows:
        e = row.entry
        if e is not None and e.pinned and e.en and e.en.casefold() in forbidden_by:
            other = forbidden_by[e.en.casefold()]
            if other is not e:
                add(
                    LintIssue(
                        path,
                        row.line,
                        "warning",
                        "cross-forbid",
                        f"{e.zh} pins {e.en!r}, which the entry for {other.zh} forbids",
                    )
                )
    return sorted(issues, key=lambda i: (i.line, i.severity))


@dataclass
class LintReport:
    files: list[str]
    issues: list[LintIssue]

    @property
    def errors(self) -> int:
        return sum(i.severity == "error" for i in self.issues)

    @property
    def warnings(self) -> int:
        return len(self.issues) - self.errors

    def to_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "errors": self.errors,
            "warnings": self.warnings,
            "issues": [i.to_dict() for i in self.issues],
        }


def lint_files(paths: Sequence[str | Path]) -> LintReport:
    """Lint each file in turn; the issues in file order, then line order."""
    return LintReport([str(p) for p in paths], [i for p in paths for i in lint_file(p)])


def lint_file(path: str | Path) -> list[LintIssue]:
    """Lint a TSV glossary line by line; other formats are read and linted entry by entry."""
    p = Path(path)
    if p.suffix.lower() in (".tsv", ".tab", ""):
        return lint_document(TsvDocument.read(p), str(p))
    entries, _ = read_entries(p)
    doc = TsvDocument.new(entries)
    for i, row in enumerate(r for r in doc.rows if r.entry is not None):
        row.line = i + 1
        row.fields = doc.format_row(row.entry).split("\t")  # type: ignore[arg-type]
    return lint_document(doc, str(p))
