"""What a retry is told and whether it is kept: nudges toward pinned terms, and the ranking of attempts.

A greedy retry of nearly the same request tends to write the same sentence again, so a retry for a pinned
term the first attempt left out also nudges the decoder toward the sentence's pinned terms (soft lexically
constrained decoding, ``engines.base.Nudge``). Whether a retry ships is ``compose.choice.prefer_retry``
(strictly better and nothing lost; the brief's rule too); one that answered the feedback never does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from toolkit.checks import QualityReport
from toolkit.checks.report import part_of
from toolkit.compose.choice import severity
from toolkit.engines.base import Nudge
from toolkit.glossary.check import check_terms, form_pattern

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.glossary import Glossary
    from toolkit.glossary.model import TermMatch

NUDGE_LEAD = 0.15
"""A nudge starts this share of the sentence before the term's place in the source (word order differs)."""


def nudges_for(
    source: str,
    english: str,
    glossary: Glossary | None,
    count_tokens: Callable[[str], int],
    matches: Sequence[TermMatch] | None = None,
) -> list[Nudge]:
    """A nudge for each occurrence of each pinned term of a segment that missed one.

    A term the first attempt wrote is nudged too, from a little after where it wrote it: a retry told
    only about the missing term rewrites the sentence and may drop one it had (dev line 9 gained
    "migrant workers" and lost "rural revitalization"), and a reminder placed any earlier pulled a term
    ahead of the words before it (dev line 28 lost "Source:" before "Beijing Youth Daily"). A missing
    one starts a little before the point of the English that matches its place in the source (the
    English about as long as the first attempt), so it is not pulled to the head of the sentence.
    ``source`` is what the model saw (a byline or outlet rendered by rule is not part of it); ``matches``
    its glossary matches where the annotation has them."""
    if glossary is None or not english:
        return []
    report = check_terms(source, english, glossary, matches=matches)
    if not report.misses:
        return []
    length = count_tokens(english)
    out = []
    for t in report.terms:
        if not t.entry.en:
            continue
        written = sorted(
            m.start() for f in t.entry.accepted() if f.strip() for m in form_pattern(f).finditer(english)
        )[: t.hits]
        late = int(NUDGE_LEAD * length)  # a reminder, not a pull ahead of the words before it
        out += [Nudge(t.entry.en, count_tokens(english[:at].rstrip()) + late) for at in written]
        places = [m.start() for m in re.finditer(re.escape(t.zh), source)][t.hits : t.occurrences]
        for at in places:
            share = max(0.0, at / max(1, len(source)) - NUDGE_LEAD)
            out.append(Nudge(t.entry.en, int(share * length)))
    return out


def amount_nudges(
    source: str, english: str, missing: Sequence[str], count_tokens: Callable[[str], int]
) -> list[Nudge]:
    """A nudge for each amount the first attempt lost (``QualityReport.quantity_missing``), toward its pinned
    English, from a little before the point that matches its place in the source: told in words, the model
    wrote "fully equipped" for three 100% again (dev line 57); a nudge tips the close call to the figure."""
    if not english:
        return []
    length = count_tokens(english)
    out = []
    for m in missing:
        expected = part_of(m, "expected")
        context = part_of(m, "context") or part_of(m, "source")
        if not expected:
            continue
        at = source.find(context) if context else -1
        at = at + len(context) if at >= 0 else 0
        share = max(0.0, at / max(1, len(source)) - NUDGE_LEAD)
        out.append(Nudge(expected, int(share * length)))
    return out


def rank(q: QualityReport) -> tuple[int, int, int]:
    """Lower is better: ``compose.choice.severity`` (weighted failing kinds, kinds, single findings)."""
    return severity(q)


def echoes_feedback(english: str, failures: Sequence[str]) -> bool:
    """The answer repeats the retry's feedback instead of translating (a small model may echo "the
    translation did not stop...")."""
    low = english.lower()
    if "fix this" in low or "previous answer" in low or "previous translation" in low:
        return True
    return any(len(f) >= 12 and f.lower()[:40] in low for f in failures)
