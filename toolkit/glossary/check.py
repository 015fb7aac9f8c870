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

from toolkit.errors import InputError
from toolkit.glossary.model import Entry, Glossary, TermMatch
from toolkit.spans import Containers, SpanSet


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


_GAP = r"[\s\-‐‑–]+"


def _form_parts(form: str) -> tuple[list[tuple[str, bool]], str, str]:
    """An English form as regex pieces, each marked literal or not: flexible spaces and hyphens, either
    apostrophe; with the whole-word guard before (``pre``) and the plural-tolerant end (``post``)."""
    parts: list[tuple[str, bool]] = []
    for ch in form.strip():
        if ch.isspace():
            if parts and parts[-1][0] == _GAP:
                continue
            parts.append((_GAP, False))
        elif ch in "-‐‑–":
            parts.append((r"[\s\-‐‑–]*", False))
        elif ch in "'’":
            parts.append(("['’]", False))
        else:
            parts.append((re.escape(ch), True))
    f = form.strip()
    pre = r"(?<![\w])" if f and _is_word_char(f[0]) else ""
    # A trailing s/es/'s keeps "mid-size vendors" a hit for "mid-size vendor" without a listed alt.
    post = (
        r"(?:s|es|['’]s)?(?![\w])"
        if f and f[-1].isalpha()
        else (r"(?![\w])" if f and _is_word_char(f[-1]) else "")
    )
    return parts, pre, post


@lru_cache(maxsize=20000)
def form_pattern(form: str) -> re.Pattern[str]:
    """Regex for an English form: case-insensitive, whole words, flexible spaces/hyphens, plural-tolerant."""
    parts, pre, post = _form_parts(form)
    return re.compile(pre + "".join(p for p, _ in parts) + post, re.IGNORECASE)


@lru_cache(maxsize=20000)
def _lowered_pattern(form: str) -> re.Pattern[str] | None:
    """``form_pattern`` for text already lowercased, written so that re scans for its literal head the fast
    way: the whole-word guard moves behind the head (a look-behind over it), since a pattern that starts
    with a look-behind, or matches case-insensitively, is tried at every position — 40 times slower, which
    made a 10 MB translation's term audit take minutes. None when the form has no literal head or lowering
    changes its length (the case-insensitive pattern is used then)."""
    parts, pre, post = _form_parts(form.lower())
    if len(form.lower()) != len(form) or not parts or not parts[0][1]:
        return None
    n = next((i for i, (_, literal) in enumerate(parts) if not literal), len(parts))
    head = "".join(p for p, _ in parts[:n])
    guard = rf"(?<!\w.{{{n}}})" if pre else ""
    return re.compile(head + guard + "".join(p for p, _ in parts[n:]) + post, re.DOTALL)


def form_spans(form: str, english: str, lowered: str | None = None) -> list[tuple[int, int]]:
    """Where ``form`` occurs in ``english`` (non-overlapping, in order), as ``form_pattern`` finds it;
    ``lowered`` (``english.lower()`` when that keeps its length) takes the fast path."""
    fast = _lowered_pattern(form) if lowered is not None else None
    if fast is None:
        return [m.span() for m in form_pattern(form).finditer(english)]
    return [m.span() for m in fast.finditer(lowered)]  # type: ignore[arg-type]


def lowered_text(english: str) -> str | None:
    """``english.lower()`` when it keeps every offset (it does not for a few letters, like 'İ')."""
    low = english.lower()
    return low if len(low) == len(english) else None


class _Finder:
    """The spans of each English form in one text, found once: the accepted forms are asked for twice
    (to tell forbidden forms inside them, then to count the hits)."""

    def __init__(self, english: str) -> None:
        self.english = english
        self.lowered = lowered_text(english)
        self._spans: dict[str, list[tuple[int, int]]] = {}

    def spans(self, form: str) -> list[tuple[int, int]]:
        found = self._spans.get(form)
        if found is None:
            found = self._spans[form] = form_spans(form, self.english, self.lowered)
        return found


def _find_forms(
    forms: Sequence[str], finder: _Finder, taken: SpanSet | None = None, limit: int | None = None
) -> list[tuple[int, int]]:
    """Non-overlapping spans of any of ``forms`` in the finder's text, longer forms first, avoiding
    ``taken``; the first ``limit`` of them in text order are claimed (added to ``taken``). Each overlap
    test is a binary search (``SpanSet``), so the audit stays linear in the English's length."""
    taken = taken if taken is not None else SpanSet()
    mine = SpanSet()
    spans: list[tuple[int, int]] = []
    for form in sorted({f for f in forms if f.strip()}, key=len, reverse=True):
        for s, e in finder.spans(form):
            if e > s and not mine.overlaps(s, e) and not taken.overlaps(s, e):
                spans.append((s, e))
                mine.add(s, e)
    claimed = sorted(spans)[:limit]
    for s, e in claimed:
        taken.add(s, e)
    return claimed


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
    finder = _Finder(english)
    all_accepted = Containers(
        span for e in pinned_entries for f in e.accepted() if f.strip() for span in finder.spans(f)
    )
    forbidden: list[ForbiddenHit] = []
    for entry, _ in counts.values():
        forms = list(entry.forbid)
        if entry.status == "forbidden" and entry.en:
            forms.append(entry.en)
        for form in forms:
            for s, e in finder.spans(form):
                if not all_accepted.contain(s, e):
                    forbidden.append(ForbiddenHit(entry, form, english[s:e], s, e))
    # Longer English forms claim their text first, so "general-purpose large model" is not also counted
    # as a rendering of 大模型 "large model" when both terms occur; text of a forbidden form counts for none.
    taken = SpanSet((f.start, f.end) for f in forbidden)
    terms: list[TermResult] = []
    pinned = sorted(
        (c for c in counts.values() if c[0].pinned and not (distinct and c[0].status == "dnt")),
        key=lambda c: max((len(f) for f in c[0].accepted()), default=0),
        reverse=True,
    )
    for entry, n in pinned:
        # An entry claims only as many spans as it has occurrences: two keys with one English form (得州 and
        # 得克萨斯州 → Texas) each need their own "Texas", and the first must not take both.
        spans = _find_forms(entry.accepted(), finder, taken, limit=n)
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
        raise InputError(
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
