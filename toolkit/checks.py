"""Checks on English output against its Chinese source → ``QualityReport``.

One report type for every stage that writes English (translation, brief summaries): term adherence from
the glossary's ``check_terms``, quantity fidelity from ``quantities.check_fidelity``, Chinese left in the
English (a leak), and the failure modes of small models — empty output, runaway output that never stops,
and repetition loops. A report covers one segment or, summed with ``+``, a whole document; ``failures()``
words what went wrong so a retry prompt can name it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - import only for type names
    from toolkit.glossary import Glossary

# Han ideographs (CJK unified + extension A + compatibility). Chinese punctuation alone is not a leak.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
_SAME_CHAR_RUN = re.compile(r"([^\s\d.,])\1{9,}")

# Output longer than this many characters per source character (plus slack) never stopped on its own:
# English runs about 3-4 characters per Chinese character in news text.
RUNAWAY_CHARS_PER_SOURCE_CHAR = 8
RUNAWAY_SLACK = 200


def find_leaks(english: str, allow: Iterable[str] = ()) -> list[str]:
    """The runs of Chinese characters in ``english``, minus the do-not-translate terms in ``allow``."""
    text = english
    for term in sorted({a for a in allow if a}, key=len, reverse=True):
        text = text.replace(term, " ")
    return _HAN.findall(text)


def find_repetition(text: str, min_repeats: int = 4, max_ngram: int = 8) -> str | None:
    """The n-gram a repetition loop is stuck on, or None.

    A loop is the same word n-gram (n ≤ ``max_ngram``) repeated back to back: at least ``min_repeats``
    times for a single word ("the the the the"), at least 3 times for longer n-grams that cover 12 words or
    more. Ordinary prose repeats words but almost never three identical phrases in a row; a model stuck in
    a loop does exactly that until ``max_tokens``. A character repeated ten times or more ("!!!!!!!!!!")
    counts too; digits are exempt (numbers such as 100000000 are legal).
    """
    m = _SAME_CHAR_RUN.search(text)
    if m:
        return m.group(0)[:20]
    words = [w.lower() for w in _WORD.findall(text)]
    n_words = len(words)
    for n in range(1, max_ngram + 1):
        need = min_repeats if n == 1 else max(3, -(-12 // n))
        if n_words < n * need:
            continue
        i = 0
        while i + n * need <= n_words:
            gram = words[i : i + n]
            reps = 1
            j = i + n
            while j + n <= n_words and words[j : j + n] == gram:
                reps += 1
                j += n
            if reps >= need:
                return " ".join(gram)
            i += 1
    return None


def is_runaway(source: str, english: str, finish_reason: str | None = None) -> bool:
    """Output that hit the token limit, or is far longer than any translation of ``source`` could be."""
    if finish_reason == "length":
        return True
    return len(english) > RUNAWAY_CHARS_PER_SOURCE_CHAR * len(source) + RUNAWAY_SLACK


@dataclass
class QualityReport:
    """Checks of English output against its source; ``+`` sums reports into a document total."""

    segments: int = 1
    term_occurrences: int = 0
    term_hits: int = 0
    term_misses: list[str] = field(default_factory=list)
    """``中厂 → mid-size vendor`` for each pinned term whose English form is missing."""
    forbidden_found: list[str] = field(default_factory=list)
    quantities: int = 0
    quantities_ok: int = 0
    quantity_missing: list[str] = field(default_factory=list)
    """``1200万美元 → US$12 million`` for each amount absent from the English."""
    quantity_wrong: list[str] = field(default_factory=list)
    """``1200万美元 → US$12 million, found $120 million`` for each amount with a wrong value or unit."""
    leaks: list[str] = field(default_factory=list)
    empty: int = 0
    runaway: int = 0
    repetitions: list[str] = field(default_factory=list)
    name_occurrences: int = 0
    name_misses: list[str] = field(default_factory=list)
    """Pinyin name pins not followed. Reported (for review), but not a failure: a model may have a better
    established English name than the pinyin."""
    dates: int = 0
    date_misses: list[str] = field(default_factory=list)
    """``25日 → 'the 25th'`` for each source date whose year, month or day the English lacks (a translation
    only; a summary may drop a date). Reported, not a failure: see ``quantities.dates``."""

    @property
    def term_adherence(self) -> float:
        return self.term_hits / self.term_occurrences if self.term_occurrences else 1.0

    @property
    def fidelity(self) -> float:
        return self.quantities_ok / self.quantities if self.quantities else 1.0

    @property
    def failed(self) -> int:
        """How many of the kinds of check failed (0 = the segment passed)."""
        return sum(
            bool(x)
            for x in (
                self.term_misses,
                self.forbidden_found,
                self.quantity_missing,
                self.quantity_wrong,
                self.leaks,
                self.empty,
                self.runaway,
                self.repetitions,
            )
        )

    @property
    def problems(self) -> int:
        """How many single failures there are: two of three pinned terms missing is worse than one."""
        return (
            self.term_occurrences
            - self.term_hits
            + len(self.forbidden_found)
            + len(self.quantity_missing)
            + len(self.quantity_wrong)
            + len(self.leaks)
            + self.empty
            + self.runaway
            + len(self.repetitions)
        )

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def failures(self) -> list[str]:
        """The failures in words, for a retry prompt and for people reading the report."""
        out: list[str] = []
        out += [f"the term {m} was not used" for m in self.term_misses]
        out += [f"the forbidden form '{f}' was used" for f in self.forbidden_found]
        out += [f"the amount {m} is missing" for m in self.quantity_missing]
        out += [f"the amount {w}" for w in self.quantity_wrong]
        if self.leaks:
            out.append("Chinese characters were left in the English: " + " ".join(self.leaks[:5]))
        if self.empty:
            out.append("the translation was empty")
        if self.runaway:
            out.append("the translation did not stop (far too long)")
        out += [f"the translation repeated '{r}' over and over" for r in self.repetitions]
        return out

    def __add__(self, other: QualityReport) -> QualityReport:
        if not isinstance(other, QualityReport):
            return NotImplemented
        merged: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            a, b = getattr(self, name), getattr(other, name)
            merged[name] = a + b
        return QualityReport(**merged)

    @classmethod
    def total(cls, reports: Iterable[QualityReport]) -> QualityReport:
        out = cls(segments=0)
        for r in reports:
            out = out + r
        return out

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["term_adherence"] = round(self.term_adherence, 4)
        d["quantity_fidelity"] = round(self.fidelity, 4)
        d["ok"] = self.ok
        d["failures"] = self.failures()
        return d

    def summary(self) -> str:
        """One line for stderr."""
        return (
            f"terms {self.term_hits}/{self.term_occurrences} ({self.term_adherence:.0%}), "
            f"amounts {self.quantities_ok}/{self.quantities} ({self.fidelity:.0%}), "
            f"leaks {len(self.leaks)}, empty {self.empty}, runaway {self.runaway}, "
            f"loops {len(self.repetitions)}"
            + (f", dates {self.dates - len(self.date_misses)}/{self.dates}" if self.dates else "")
        )


def _term_label(miss: Any) -> str:
    """``中厂 → mid-size vendor`` from whatever check_terms reports a miss as (a match or an entry)."""
    entry = getattr(miss, "entry", miss)
    zh = getattr(entry, "zh", None)
    en = getattr(entry, "en", None)
    if zh is None or en is None:
        return str(miss)
    label = f"{zh} → '{en}'"
    occ, hits = getattr(miss, "occurrences", 1), getattr(miss, "hits", 0)
    if hits:
        # Used, but fewer times than the source has the term: say so, or a retry "fixes" nothing.
        label += f" (needed {occ} times, used {hits})"
    return label


def _quantity_label(item: Any) -> str:
    """``1200万美元 → 'US$12 million'``, plus what was found instead for a wrong figure (a Mismatch)."""
    q = getattr(item, "quantity", item)
    expected = getattr(item, "expected", None) or getattr(q, "english", None)
    src = getattr(q, "source", None)
    label = f"{src} → '{expected}'" if src is not None and expected else str(q)
    found = getattr(item, "found", None)
    if found:
        label += f", found '{found}'"
    return label


def check_segment(
    source: str,
    english: str,
    glossary: Glossary | None = None,
    *,
    allow: Sequence[str] = (),
    names: Sequence[tuple[str, str]] = (),
    finish_reason: str | None = None,
    distinct_terms: bool = False,
    dates: bool = False,
) -> QualityReport:
    """Check one English segment against its Chinese source.

    ``allow`` are do-not-translate terms that may stay in Chinese; ``names`` are (zh, en) pinyin name pins,
    checked only for the report. ``finish_reason`` is the engine's ("length" = hit max_tokens).
    ``distinct_terms``: a summary's rule, each pinned term at least once (see ``check_terms``).
    ``dates``: also report source dates the English lost or changed (a translation's rule).
    """
    from toolkit.quantities import check_fidelity

    rep = QualityReport()
    if glossary is not None and getattr(glossary, "entries", None):
        from toolkit.glossary import check_terms

        tr = check_terms(source, english, glossary, distinct=distinct_terms)
        rep.term_occurrences = tr.occurrences
        rep.term_hits = tr.hits
        rep.term_misses = [_term_label(m) for m in tr.misses]
        rep.forbidden_found = [str(getattr(f, "text", f)) for f in tr.forbidden_found]
    fr = check_fidelity(source, english)
    rep.quantities = fr.total
    rep.quantities_ok = fr.ok
    rep.quantity_missing = [_quantity_label(m) for m in fr.missing]
    rep.quantity_wrong = [_quantity_label(w) for w in fr.wrong]
    rep.leaks = find_leaks(english, allow)
    if _HAN.search(source) and not english.strip():
        rep.empty = 1
    if is_runaway(source, english, finish_reason):
        rep.runaway = 1
    loop = find_repetition(english)
    if loop:
        rep.repetitions = [loop]
    if dates:
        from toolkit.quantities.dates import missing_dates

        rep.dates, rep.date_misses = missing_dates(source, english)
    low = english.lower()
    for zh, en in names:
        if zh in source:
            rep.name_occurrences += 1
            if en.lower() not in low:
                rep.name_misses.append(f"{zh} → '{en}'")
    return rep
