"""Audit an English text against the glossary: is every pinned term rendered as pinned?

Works on any translation (ours, DeepL's, a human's): find each pinned term in the Chinese, then look for its
English forms in the English. An occurrence counts as a hit while the English holds as many accepted forms
(``en`` or any ``alt``, case-insensitive, whole words, a plural/possessive ``s`` tolerated) as the source has
occurrences. Forbidden forms of the terms present are reported wherever they appear, except inside an
accepted form ("vendor" forbidden, "mid-size vendor" accepted).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from toolkit.errors import ZhbriefError
from toolkit.glossary.model import Entry, Glossary, TermMatch


@dataclass
class TermResult:
    entry: Entry
    occurrences: int
    hits: int
    found: list[str] = field(default_factory=list)
    """The English forms found (as written in the English)."""

    @property
    def missed(self) -> int:
        return self.occurrences - self.hits

    @property
    def zh(self) -> str:
        return self.entry.zh

    @property
    def en(self) -> str:
        return self.entry.en


@dataclass
class ForbiddenHit:
    entry: Entry
    form: str
    text: str
    start: int
    end: int

    @property
    def zh(self) -> str:
        return self.entry.zh


@dataclass
class TermReport:
    occurrences: int
    hits: int
    adherence: float
    """hits / occurrences; 1.0 when no pinned term occurs (nothing to get wrong)."""
    misses: list[TermResult]
    forbidden_found: list[ForbiddenHit]
    terms: list[TermResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.hits == self.occurrences and not self.forbidden_found

    def to_dict(self) -> dict[str, object]:
        def term(t: TermResult) -> dict[str, object]:
            return {
                "zh": t.entry.zh,
                "en": t.entry.en,
                "status": t.entry.status,
                "occurrences": t.occurrences,
                "hits": t.hits,
                "found": t.found,
            }

        return {
            "occurrences": self.occurrences,
            "hits": self.hits,
            "adherence": round(self.adherence, 4),
            "misses": [term(t) for t in self.misses],
            "forbidden_found": [
                {"zh": f.entry.zh, "form": f.form, "text": f.text, "start": f.start, "end": f.end}
                for f in self.forbidden_found
            ],
            "terms": [term(t) for t in self.terms],
        }


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


@lru_cache(maxsize=20000)
def form_pattern(form: str) -> re.Pattern[str]:
    """Regex for an English form: case-insensitive, whole words, flexible spaces/hyphens, plural-tolerant."""
    parts = []
    for ch in form.strip():
        if ch.isspace():
            if parts and parts[-1] == r"[\s\-‐‑–]+":
                continue
            parts.append(r"[\s\-‐‑–]+")
        elif ch in "-‐‑–":
            parts.append(r"[\s\-‐‑–]*")
        elif ch in "'’":
            parts.append("['’]")
        else:
            parts.append(re.escape(ch))
    body = "".join(parts)
    f = form.strip()
    pre = r"(?<![\w])" if f and _is_word_char(f[0]) else ""
    # A trailing s/es/'s keeps "mid-size vendors" a hit for "mid-size vendor" without a listed alt.
    post = (
        r"(?:s|es|['’]s)?(?![\w])"
        if f and f[-1].isalpha()
        else (r"(?![\w])" if f and _is_word_char(f[-1]) else "")
    )
    return re.compile(pre + body + post, re.IGNORECASE)


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _find_forms(
    forms: Sequence[str], english: str, taken: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Non-overlapping spans of any of ``forms`` in ``english``, longer forms first, avoiding ``taken``."""
    spans: list[tuple[int, int]] = []
    for form in sorted({f for f in forms if f.strip()}, key=len, reverse=True):
        for m in form_pattern(form).finditer(english):
            s, e = m.start(), m.end()
            if e > s and not _overlaps(s, e, spans) and not _overlaps(s, e, taken):
                spans.append((s, e))
    return sorted(spans)


def check_terms(
    source_zh: str,
    english: str,
    glossary: Glossary,
    *,
    distinct: bool = False,
    matches: Sequence[TermMatch] | None = None,
) -> TermReport:
    """Term adherence of ``english`` as a rendering of ``source_zh`` under ``glossary``.

    A translation must render every occurrence (中厂 twice → "mid-size vendor" twice). ``distinct=True`` is
    the rule for a summary, which compresses: each pinned term of the source must appear at least once, and
    counts as one occurrence however often the source repeats it, and ``dnt`` terms (English already in the
    source, like ChatGPT) are not required: a summary that leaves out an aside naming one has dropped a detail,
    not mistranslated a term. Forbidden forms are forbidden either way. ``matches``: the glossary matches
    of ``source_zh`` already found (an annotation's), so the source is not matched again.
    """
    if matches is None:
        matches = glossary.match(source_zh)
    counts: dict[str, tuple[Entry, int]] = {}
    for m in matches:
        e, n = counts.get(m.entry.key, (m.entry, 0))
        counts[m.entry.key] = (e, 1 if distinct else n + 1)
    pinned_entries = [e for e, _ in counts.values() if e.pinned]
    # Every accepted form anywhere, to tell a forbidden form inside an accepted one ("vendor" in
    # "mid-size vendor": fine) from one that merely overlaps it ("race track" around "race": forbidden).
    all_accepted = [
        (m.start(), m.end())
        for e in pinned_entries
        for f in e.accepted()
        if f.strip()
        for m in form_pattern(f).finditer(english)
    ]
    forbidden: list[ForbiddenHit] = []
    for entry, _ in counts.values():
        forms = list(entry.forbid)
        if entry.status == "forbidden" and entry.en:
            forms.append(entry.en)
        for form in forms:
            for m in form_pattern(form).finditer(english):
                if any(s <= m.start() and m.end() <= e for s, e in all_accepted):
                    continue
                forbidden.append(ForbiddenHit(entry, form, m.group(0), m.start(), m.end()))
    # Longer English forms claim their text first, so "general-purpose large model" is not also counted
    # as a rendering of 大模型 "large model" when both terms occur; text of a forbidden form counts for none.
    taken: list[tuple[int, int]] = [(f.start, f.end) for f in forbidden]
    terms: list[TermResult] = []
    pinned = sorted(
        (c for c in counts.values() if c[0].pinned and not (distinct and c[0].status == "dnt")),
        key=lambda c: max((len(f) for f in c[0].accepted()), default=0),
        reverse=True,
    )
    for entry, n in pinned:
        # An entry claims only as many spans as it has occurrences: two keys with one English form (得州 and
        # 得克萨斯州 → Texas) each need their own "Texas", and the first must not take both.
        spans = _find_forms(entry.accepted(), english, taken)[:n]
        taken += spans
        terms.append(TermResult(entry, n, min(n, len(spans)), [english[s:e] for s, e in spans]))
    forbidden.sort(key=lambda f: f.start)
    occ = sum(t.occurrences for t in terms)
    hits = sum(t.hits for t in terms)
    return TermReport(
        occurrences=occ,
        hits=hits,
        adherence=hits / occ if occ else 1.0,
        misses=[t for t in terms if t.missed],
        forbidden_found=forbidden,
        terms=terms,
    )


def check_lines(
    source_lines: Sequence[str], english_lines: Sequence[str], glossary: Glossary, *, distinct: bool = False
) -> list[TermReport]:
    """Line-aligned audit (line i of the English renders line i of the source)."""
    if len(source_lines) != len(english_lines):
        raise ZhbriefError(
            f"--lines needs line-aligned files: the source has {len(source_lines)} lines, "
            f"the translation {len(english_lines)}"
        )
    return [
        check_terms(s, t, glossary, distinct=distinct)
        for s, t in zip(source_lines, english_lines, strict=True)
    ]


def combine(reports: Sequence[TermReport]) -> TermReport:
    occ = sum(r.occurrences for r in reports)
    hits = sum(r.hits for r in reports)
    return TermReport(
        occurrences=occ,
        hits=hits,
        adherence=hits / occ if occ else 1.0,
        misses=[m for r in reports for m in r.misses],
        forbidden_found=[f for r in reports for f in r.forbidden_found],
        terms=[t for r in reports for t in r.terms],
    )


def check_texts(
    source: str, english: str, glossary: Glossary, *, lines: bool = False, distinct: bool = False
) -> tuple[TermReport, list[TermReport]]:
    """Audit a whole English text against its source: the combined report and, with ``lines`` (line i of
    ``english`` renders line i of ``source``), one report per line (empty list otherwise)."""
    if not lines:
        return check_terms(source, english, glossary, distinct=distinct), []
    reports = check_lines(
        source.rstrip("\n").split("\n"), english.rstrip("\n").split("\n"), glossary, distinct=distinct
    )
    return combine(reports), reports
