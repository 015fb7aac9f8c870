"""Deterministic fixes for what the pins make certain, applied before any second model call.

A wrong amount is replaced by its pinned rendering (``quantities.amount_fixes``), a bound the English dropped
written back before its figure ("more than 100 countries" for 100多个国家, ``quantities.hedges``), a forbidden
form by the pinned term, "the company" by the one company name the English left out, a country named where the
source says 全球 by "worldwide" or "global" (``checks.grounding.scope_fixes``), a clock time the source never
gives removed (``clock_fixes``), an invented weekday replaced by the source's date (``repair_weekday``); a
correct amount is written in its pinned form (``normalize_amounts``, a style change), and a name written in
another of its glossary forms in its pinned one (``normalize_terms``). Translations and summaries use the
same functions.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from toolkit.annotate import Annotation
from toolkit.checks.grounding import clock_fixes, scope_fixes
from toolkit.glossary.check import check_terms, form_spans, lowered_text
from toolkit.quantities import Fix, amount_fixes, apply_fixes, check_fidelity, render_english
from toolkit.quantities.english_dates import repair_weekday
from toolkit.quantities.fidelity import own_bound
from toolkit.quantities.hedges import bound_of, hedge_fixes, lost_hedges
from toolkit.spans import Containers

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.glossary import Entry, Glossary
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


# Words a proper name may hold in lower case ("Ministry of Foreign Affairs", "Cathédrale Saint-Pierre-et-
# Saint-Paul").
_NAME_LINKS = frozenset(
    ["of", "and", "the", "for", "de", "du", "des", "la", "le", "et", "on", "in", "at", "to"]
)


def _proper_name(form: str) -> bool:
    """A form written as a proper name of two or more words: each word capitalised, except the linking
    words, and not an acronym ("VNA", which a reader reads as a short form after the full one)."""
    words = form.split()
    if len(words) < 2 or form.isupper():
        return False
    return all(w[:1].isupper() or w.lower() in _NAME_LINKS for w in words) and words[0][:1].isupper()


def _squashed(text: str) -> str:
    return re.sub(r"[\s\-‐‑–]+", "", text).replace("’", "'").lower()


def _swappable(en: str, alt: str) -> bool:
    """``alt`` may be rewritten as ``en``: both are names of two or more words (a one-word form may be an
    adjective, "Chinese" for 中国 "China", or a short form, "Meishan" of "Meishan City"), and neither holds
    the other (Xinhua / Xinhua News Agency: the short form after the long one is news style, not a second
    name)."""
    if not (_proper_name(en) and _proper_name(alt)):
        return False
    a, b = _squashed(en), _squashed(alt)
    return a not in b and b not in a


def _suffix(matched: str, form: str) -> str | None:
    """What ``form_spans`` let follow the form ("'s", "s", "es"), or None if ``matched`` is not the form."""
    want = _squashed(form)
    for suf in ("", "'s", "’s", "es", "s"):
        if (not suf or matched.endswith(suf)) and _squashed(matched[: len(matched) - len(suf)]) == want:
            return suf
    return None


def _stutters(entry: Entry, form: str, english: str) -> list[Fix]:
    """The pinned form followed by its own last word again: 头部巨头 written "tech giant giants" (the pin,
    then the model's own word for 巨头). The repeated word goes, its plural ending stays: "tech giants"."""
    words = form.split()
    if len(words) < 2 or not words[-1].isalpha():
        return []
    pattern = re.compile(
        rf"(?<![\w-])({re.escape(form)})\s+{re.escape(words[-1])}(es|s)?(?![\w-])", re.IGNORECASE
    )
    return [
        Fix(m.start(), m.end(), m.group(1) + (m.group(2) or ""), f"term {entry.zh}: '{m.group(0)}' said once")
        for m in pattern.finditer(english)
    ]


def normalize_terms(source: Annotation, english: str, glossary: Glossary | None) -> tuple[str, list[str]]:
    """Write a name the English gives in another of its glossary forms in the pinned one ("Friendship
    Farm" → "Youyi Farm" for 友谊农场, whose glossary accepts both): the check accepts every listed form, but
    one article should name one thing one way, and the pinned form is the one the prompt asked for. A term
    whose last word the English says twice ("tech giant giants") says it once (``_stutters``).

    Only names of two or more capitalised words on both sides (``_swappable``): a one-word form may be an
    adjective or a short form, and a common noun's other form may be another word class ("set fire" for
    纵火 "arson"). Only terms of this source, approved, with a pinned English. Returns the new English and a
    note per change."""
    if glossary is None or not glossary.entries or not source.terms:
        return english, []
    entries = {m.entry.key: m.entry for m in source.terms if m.entry.status == "approved" and m.entry.en}
    english, notes = apply_fixes(
        english, [f for e in entries.values() for form in e.accepted() for f in _stutters(e, form, english)]
    )
    lowered = lowered_text(english)
    swaps = [(k, e, alt) for k, e in entries.items() for alt in e.alt if _swappable(e.en, alt)]
    if not swaps:
        return english, notes
    # Another term's form around one ("Foreign Ministry spokesperson" of 外交部发言人) is that term's. Every
    # form's spans are found once, so a long sentence dense with terms stays linear in its terms.
    spans = [
        (k, span)
        for k, e in entries.items()
        for f in dict.fromkeys(e.accepted())
        if f.strip()
        for span in form_spans(f, english, lowered)
    ]
    fixes: list[Fix] = []
    theirs: dict[str, Containers] = {}
    for key, entry, alt in swaps:
        if key not in theirs:
            theirs[key] = Containers(span for k, span in spans if k != key)
        for s, e in form_spans(alt, english, lowered):
            suffix = _suffix(english[s:e], alt)
            if suffix is None or theirs[key].contain(s, e):
                continue
            target = entry.en + suffix
            fixes.append(Fix(s, e, target, f"term {entry.zh}: '{english[s:e]}' → '{target}'"))
    english, named = apply_fixes(english, fixes)
    return english, notes + named
