"""Audit any English (ours, a vendor's, a human's) against its Chinese source: the one check path
(``check_segment``, the translation rule) over each pair, its findings as typed problems.

``audit_lines`` pairs line N of each text; ``audit_article`` reads the source as an article and pairs its
sentences with the English's by id: sentence for sentence where the counts agree, else paragraph for
paragraph (``§1¶2``), else the whole text as one segment (``all``) — a claim is then grounded anywhere in
the source, which can only miss problems, never invent them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from toolkit.annotate import Annotator
from toolkit.checks.report import QualityReport
from toolkit.checks.segment import check_segment
from toolkit.errors import InputError
from toolkit.ingest import parse_text
from toolkit.quantities.english_dates import last_month

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.checks.faithfulness import Scorer
    from toolkit.glossary import Glossary

KINDS = ("term", "forbidden", "amount", "date", "number", "name", "omission", "mistranslation", "chinese")
"""The kinds of problem, in report order: pinned term missing, forbidden form used, amount lost or wrong,
date lost or changed, number the source does not give, name (place, person, organisation) it does not
name, a source word the English leaves out or renders as something else (``--faithfulness`` only), Chinese
left in the English."""


@dataclass(frozen=True)
class Problem:
    kind: str
    english: str
    source: str
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "english": self.english, "source": self.source, "detail": self.detail}


@dataclass
class Audited:
    """One audited pair: ``key`` is the 1-based line number (``audit_lines``) or the sentence id."""

    key: int | str
    source: str
    english: str
    report: QualityReport
    problems: list[Problem] = field(default_factory=list)


def problems_of(report: QualityReport) -> list[Problem]:
    """A report's findings as problems of the seven kinds."""
    out: list[Problem] = []
    for m in report.term_misses:
        out.append(Problem("term", m.part("en", ""), m.part("zh", ""), str(m)))
    for f in report.forbidden_found:
        out.append(Problem("forbidden", str(f), f.part("zh", ""), f"a forbidden form of {f.part('zh', '')}"))
    for q in report.quantity_missing:
        out.append(Problem("amount", "", q.part("source", ""), f"missing: {q}"))
    for q in report.quantity_wrong:
        out.append(Problem("amount", q.part("found") or "", q.part("source", ""), str(q)))
    for d in report.date_misses:
        out.append(Problem("date", "", str(d).split(" → ")[0], f"lost or changed: {d}"))
    for u in report.unsupported_numbers:
        out.append(Problem("number", u.part("english", ""), u.part("source", ""), u.part("detail", "")))
    for u in report.unsupported_names:
        out.append(Problem("name", u.part("english", ""), u.part("source", ""), u.part("detail", "")))
    for f in report.unfaithful:
        # What the English said instead, where a check knows it ("millions" for 数千万).
        said = f.part("english", "") or ""
        out.append(Problem(f.part("kind", "omission"), said, f.part("source", ""), f.part("detail", str(f))))
    for leak in report.leaks:
        out.append(Problem("chinese", leak, "", "Chinese left in the English"))
    return out


def audit_pairs(
    pairs: Sequence[tuple[int | str, str, str]], glossary: Glossary | None, scorer: Scorer | None = None
) -> list[Audited]:
    """Check each (key, source, english) with the translation rule; with ``scorer``, faithfulness too. The
    pairs before and after each are its neighbours: English that says their words instead of its own is
    a mistranslation (``checks.borrowed``)."""
    annotator = Annotator(glossary, names=False, tokens=False)
    out: list[Audited] = []
    pairs = list(pairs)
    month = None
    for i, (key, zh, en) in enumerate(pairs):
        near = [(p[1], p[2]) for p in pairs[max(i - 1, 0) : i] + pairs[i + 1 : i + 2]]
        # A bare day (25日) means the month the story stated last (its dateline's 7月26日电), as in our own
        # translations: "July 25th" for it is right there, "June 25th" is not. Read line by line, 13 of the
        # 1,000 human dev translations were flagged for the story's month.
        report = (
            check_segment(
                annotator.annotate(zh), en, glossary, dates=True, scorer=scorer, neighbours=near, month=month
            )
            if zh.strip()
            else None
        )
        month = last_month(zh) or month
        if report is None:
            report = QualityReport(segments=0)
        out.append(Audited(key, zh, en, report, problems_of(report)))
    return out


def split_lines(source: str, english: str) -> list[tuple[int | str, str, str]]:
    """Line N of ``english`` with line N of ``source``; different line counts are an input error (raised
    before any model loads)."""
    src, eng = source.rstrip("\n").split("\n"), english.rstrip("\n").split("\n")
    if len(src) != len(eng):
        raise InputError(
            f"--lines needs line-aligned files: the source has {len(src)} lines, the translation {len(eng)}"
        )
    return [(i, s, e) for i, (s, e) in enumerate(zip(src, eng, strict=True), start=1)]


def audit_lines(
    source: str, english: str, glossary: Glossary | None, scorer: Scorer | None = None
) -> list[Audited]:
    """Line N of ``english`` against line N of ``source``; different line counts are an input error."""
    return audit_pairs(split_lines(source, english), glossary, scorer)


_EN_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])")


def _english_paragraphs(english: str) -> list[str]:
    return [
        p.strip() for p in re.split(r"\n\s*\n|\n", english) if p.strip() and not p.lstrip().startswith("#")
    ]


def article_pairs(source: str, english: str) -> list[tuple[int | str, str, str]]:
    """The source read as an article; its sentences paired with the English's by id (see the module)."""
    article = parse_text(source)
    paragraphs = [p for sec in article.sections for p in sec.paragraphs]
    en_paras = _english_paragraphs(english)
    en_sents = [s for p in en_paras for s in _EN_SENTENCE.split(p) if s.strip()]
    sents = list(article.sentences())
    if len(en_sents) == len(sents):
        pairs = [(s.id, s.text, e) for s, e in zip(sents, en_sents, strict=True)]
    elif len(en_paras) == len(paragraphs):
        pairs = [(p.id, p.text, e) for p, e in zip(paragraphs, en_paras, strict=True)]
    else:
        pairs = [("all", "\n".join(s.text for s in sents), english)]
    return pairs


def audit_article(
    source: str, english: str, glossary: Glossary | None, scorer: Scorer | None = None
) -> list[Audited]:
    """The source read as an article; its sentences paired with the English's by id (see the module)."""
    return audit_pairs(article_pairs(source, english), glossary, scorer)


def summary(audits: Sequence[Audited]) -> dict[str, Any]:
    """Counts for ``--json``: segments, segments with problems, problems by kind (every kind listed)."""
    kinds = Counter(p.kind for a in audits for p in a.problems)
    return {
        "segments": len(audits),
        "with_problems": sum(1 for a in audits if a.problems),
        "problems": sum(kinds.values()),
        "by_kind": {k: kinds.get(k, 0) for k in KINDS},
    }


def to_json(audits: Sequence[Audited], lines: bool) -> dict[str, Any]:
    """``{"lines": [{"line": N, "problems": […]}], "summary": …}``, or ``"id"`` keys without ``lines``."""
    key = "line" if lines else "id"
    return {
        "lines": [{key: a.key, "problems": [p.to_dict() for p in a.problems]} for a in audits],
        "summary": summary(audits),
    }
