"""Deterministic fixes for what the pins make certain, applied before any second model call.

A wrong amount is replaced by its pinned rendering (``quantities.amount_fixes``), a bound the English dropped
written back before its figure ("more than 100 countries" for 100多个国家, ``quantities.hedges``), a forbidden
form by the pinned term, "the company" by the one company name the English left out, a country named where the
source says 全球 by "worldwide" or "global" (``checks.grounding.scope_fixes``), a clock time the source never
gives removed (``clock_fixes``), an invented weekday replaced by the source's date (``repair_weekday``); a
correct amount is written in its pinned form (``normalize_amounts``, a style change). Translations and
summaries use the same functions.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from toolkit.annotate import Annotation
from toolkit.checks.grounding import clock_fixes, scope_fixes
from toolkit.glossary.check import check_terms
from toolkit.quantities import Fix, amount_fixes, apply_fixes, check_fidelity, render_english
from toolkit.quantities.english_dates import repair_weekday
from toolkit.quantities.fidelity import own_bound
from toolkit.quantities.hedges import bound_of, hedge_fixes, lost_hedges

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.glossary import Glossary
    from toolkit.glossary.check import TermReport

# "the company" standing where the source names the company. The 1.5B model often replaces a company
# name with it when the name already came up in an earlier sentence (on the seed, two of ten summary
# sentences did, and each cost a fallback translation).
# Not "the company-wide plan", and not "the company Opera" (a name follows: it is not the missing one).
COMPANY_REFERENT = re.compile(r"\b(?:the|The) (?:company|firm)\b(?![-‐‑]|\s+[A-Z])")


def repair(
    source: Annotation, english: str, glossary: Glossary | None, *, weekday: bool = True
) -> tuple[str, list[str]]:
    """Deterministic fixes for what pins make certain: a wrong amount is replaced by the pinned rendering,
    a dropped bound (多, 近, 约, 超) written back before its figure, a forbidden form by the pinned term, "the
    company" by the one company name the English left out, and (``weekday``) an invented weekday by the
    source's date. ``weekday=False`` where the caller already ran ``repair_weekday`` on this English (the
    brief does, on every draft before checking it), so it runs once. Returns the new English and a note per
    change."""
    report = check_fidelity(source.quantities, english)
    fixes = amount_fixes(report, english=english)
    fixes += hedge_fixes(lost_hedges(source.quantities, english, report, text=source.text), english)
    fixes += [Fix(*f) for f in scope_fixes(source.text, english)]
    fixes += [Fix(*f) for f in clock_fixes(source.text, english)]
    if glossary is not None and glossary.entries:
        terms = check_terms(source.text, english, glossary, matches=source.terms)
        for f in terms.forbidden_found:
            if f.entry.status == "approved" and f.entry.en:
                en = f.entry.en
                if f.text.lower() == f.form.lower() + "s" and not en.endswith("s"):
                    en += "s"  # "general tracks" → "general segments", not "general segment"
                fixes.append(Fix(f.start, f.end, en, f"term {f.entry.zh}: '{f.text}' → '{en}'"))
        fixes += name_the_company(terms, english)
    english, notes = apply_fixes(english, fixes)
    if not weekday:
        return english, notes
    # A weekday the source never gives ("on Thursday" for 25日) is an unsupported claim with a certain fix.
    english, weekday_notes = repair_weekday(source.text, english, source.quantities)
    return english, notes + weekday_notes


def name_the_company(terms: TermReport, english: str) -> list[Fix]:
    """The first "the company" named after the company the English left out, when that is unambiguous: exactly
    one approved ``company`` entry of the source is wholly missing from the English (no form of it at all),
    so the company the English refers to without a name can only be that one."""
    missing = {
        m.entry.zh: m.entry
        for m in terms.misses
        if m.hits == 0 and m.entry.domain == "company" and m.entry.status == "approved" and m.entry.en
    }
    ref = COMPANY_REFERENT.search(english)
    if len(missing) != 1 or ref is None:
        return []
    entry = next(iter(missing.values()))
    return [Fix(ref.start(), ref.end(), entry.en, f"term {entry.zh}: '{ref.group()}' → '{entry.en}'")]


def normalize_amounts(source: Annotation, english: str) -> tuple[str, list[str]]:
    """Write every money amount the English got right in its pinned form ("$12 million" → "US$12
    million", "1 million yuan" → "RMB 1 million"), so the same source amount always reads the same way.
    Amounts written in words are left as written. A bound the English puts on the figure goes where the
    source has none ("over $2.45 billion" for 估值飙升至24.5亿美元), and stays, in the English's words, where
    a verb of the source bounds it ("exceeding US$100 million" for 突破1亿美元). Returns the new English and
    a note per change."""
    fixes: list[Fix] = []
    for q, e in check_fidelity(source.quantities, english).matched:
        if q.kind != "amount" or e.words:
            continue
        target = q.english if e.approx else render_english(replace(q, approx=None))
        lead = own_bound(q, e)
        if lead and bound_of(q, source.text):
            target = lead + render_english(replace(q, approx=None))
        if target and e.text != target:
            fixes.append(Fix(e.start, e.end, target, f"amount {q.source}: '{e.text}' → '{target}'"))
    return apply_fixes(english, fixes)
