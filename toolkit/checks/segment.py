"""``check_segment``: one English segment against its annotated Chinese source → ``QualityReport``.

The one check path: the translator's retry decision, the brief's draft → repair → retry → fallback
decisions and the brief's quality block all call this, with one of two rules (a translation renders
everything; a summary carries each pinned term once and may leave an amount out, never state one wrongly).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from toolkit.annotate import Annotation, annotate
from toolkit.annotate.designations import added_makers, misnamed_designations
from toolkit.checks.borrowed import borrowed_words
from toolkit.checks.direction import reversed_changes, reversed_ease, reversed_falls, reversed_rises
from toolkit.checks.faithfulness import check_faithfulness
from toolkit.checks.grounding import Unsupported, find_unsupported
from toolkit.checks.modes import find_repetition, is_runaway
from toolkit.checks.omitted import omitted_places
from toolkit.checks.polarity import lost_negations
from toolkit.checks.rank import lost_ranks
from toolkit.checks.report import Finding, QualityReport
from toolkit.cjk import find_leaks, has_han
from toolkit.glossary.check import check_terms
from toolkit.quantities import check_fidelity
from toolkit.quantities.english import scan_english
from toolkit.quantities.english_dates import missing_dates
from toolkit.quantities.hedges import lost_hedges
from toolkit.quantities.vague import vague_mismatches

if TYPE_CHECKING:  # pragma: no cover - import only for type names
    from toolkit.checks.faithfulness import Scorer
    from toolkit.glossary import Glossary


def _term_miss(miss: Any) -> Finding:
    """``中厂 → 'mid-size vendor'`` for a pinned term the English lacks (or has fewer times than needed)."""
    entry = miss.entry
    label = f"{entry.zh} → '{entry.en}'"
    if miss.hits:
        # Used, but fewer times than the source has the term: say so, or a retry "fixes" nothing.
        label += f" (needed {miss.occurrences} times, used {miss.hits})"
    return Finding(label, zh=entry.zh, en=entry.en, occurrences=miss.occurrences, hits=miss.hits)


_CLAUSE_END = "，,。；;：:！!？?、（）()“”\n"


def _context(text: str, start: int, end: int) -> str:
    """The source clause a figure sits in, up to the figure ("旱田精密播种100%"): a retry told only "100% is
    missing" cannot tell which of three 100% it left out."""
    if not text or not 0 <= start < end <= len(text):
        return ""
    a = start
    while a > 0 and text[a - 1] not in _CLAUSE_END and start - a < 16:
        a -= 1
    return text[a:end]


def _amount(item: Any, text: str = "") -> Finding:
    """``1200万美元 → 'US$12 million'``, plus what was found instead for a wrong figure (a Mismatch)."""
    q = getattr(item, "quantity", item)
    expected = getattr(item, "expected", None) or q.english
    found = getattr(item, "found", None)
    label = f"{q.source} → '{expected}'"
    if found:
        label += f", found '{found}'"
    context = _context(text, q.start, q.end)
    return Finding(
        label,
        source=q.source,
        expected=expected,
        found=found,
        reason=getattr(item, "reason", None),
        context=context if context != q.source else "",
    )


def _unsupported(u: Unsupported) -> Finding:
    return Finding(u.label, kind=u.kind, english=u.english, source=u.source, detail=u.detail)


def _mistranslation(detail: str, source: str, english: str = "", **rule: Any) -> Finding:
    """A rule's ``mistranslation``; ``rule`` names the rule (``magnitude=True``) for the retry's feedback,
    and may carry a ``sense``."""
    return Finding(detail, kind="mistranslation", english=english, source=source, detail=detail, **rule)


def check_segment(
    source: str | Annotation,
    english: str,
    glossary: Glossary | None = None,
    *,
    summary: bool = False,
    finish_reason: str | None = None,
    dates: bool = False,
    scorer: Scorer | None = None,
    month: int | None = None,
    neighbours: Sequence[tuple[str, str]] = (),
) -> QualityReport:
    """Check one English segment against its Chinese source (its annotation, or plain text to annotate).

    ``summary``: a summary's rule — each pinned term at least once (see ``check_terms(distinct=True)``), an
    amount may be left out but never stated wrongly (``quantities`` counts only the amounts it states).
    ``finish_reason`` is the engine's ("length" = hit max_tokens). ``dates``: also report source dates the
    English lost or changed (a translation's rule). Every rule holds the English's numbers, places and names
    to the source (``checks.grounding``): a claim the source does not make fails the segment. Name pins of
    the annotation are checked for the report only; do-not-translate terms may stay in Chinese.
    A translation (not a summary) also fails for a country the source names and the English leaves out
    (``checks.omitted``). ``scorer``: also ask the model whether the English renders every word
    (``checks.faithfulness``): omissions and mistranslations, failures like the rest (a summary leaves
    words out by design: only its mistranslations count). ``month``: the month the document stated before this segment, the one a bare
    day (25日) may be given (``english_dates.missing_dates``). ``neighbours``: (source, English) of the
    sentences translated next to this one; a translation that says their words, not its own, is a
    mistranslation (``checks.borrowed``).
    """
    ann = source if isinstance(source, Annotation) else annotate(source, glossary)
    rep = QualityReport()
    if glossary is not None and glossary.entries:
        tr = check_terms(ann.text, english, glossary, distinct=summary, matches=ann.terms)
        rep.term_occurrences = tr.occurrences
        rep.term_hits = tr.hits
        rep.term_misses = [_term_miss(m) for m in tr.misses]
        rep.forbidden_found = [Finding(f.text, zh=f.entry.zh, form=f.form) for f in tr.forbidden_found]
    tokens = scan_english(english)  # read once for the amount and the number checks
    fr = check_fidelity(ann.quantities, english, tokens=tokens)
    rep.quantities = fr.total
    rep.quantities_ok = fr.ok
    rep.quantity_missing = [_amount(m, ann.text) for m in fr.missing]
    rep.quantity_wrong = [_amount(w) for w in fr.wrong]
    for v in vague_mismatches(ann.quantities, english, tokens):
        # A magnitude at the wrong scale (数千万 as "millions"): a wrong fact, but no figure to pin or repair.
        q, said = v.quantity, v.found.text
        detail = f"{q.source} ({q.english}) is stated as '{said}'"
        rep.mistranslations.append(_mistranslation(detail, q.source, said, sense=q.english, magnitude=True))
    for h in lost_hedges(ann.quantities, english, fr, tokens, text=ann.text):
        # 100多个国家 as "100 countries": the figure right, its bound gone (the repair writes it back where
        # it reads; after an article, "an over 20% rise", it cannot).
        q, said = h.quantity, h.amount.text
        sense = q.english if q.approx else f"{h.bound} {q.english}"  # 突破1亿美元: the verb's bound
        detail = f"{q.source} ({sense}) is stated as a bare '{said}'"
        rep.mistranslations.append(_mistranslation(detail, q.source, said, sense=sense, hedge=h.bound))
    for zh, said in reversed_falls(ann.text, english, fr):
        # 亏损14.48亿元 as "net profit … RMB 1.448 billion": every figure right, the sign wrong.
        detail = f"{zh} (a fall) is given as a rise in the English ('{said}')"
        rep.mistranslations.append(_mistranslation(detail, zh, said, direction="fall"))
    for zh, said in reversed_rises(ann.text, english, fr):
        # 同比增长6% as "a decrease of 6%".
        detail = f"{zh} (a rise) is given as a fall in the English ('{said}')"
        rep.mistranslations.append(_mistranslation(detail, zh, said, direction="rise"))
    if summary:
        rep.quantities -= len(rep.quantity_missing)
        rep.quantity_missing = []
    rep.leaks = find_leaks(english, ann.allow)
    if has_han(ann.text) and not english.strip():
        rep.empty = 1
    if is_runaway(ann.text, english, finish_reason):
        rep.runaway = 1
    loop = find_repetition(english)
    if loop:
        rep.repetitions = [loop]
    known = [p.en for p in ann.pins if p.en and p.kind in ("term", "name")]
    # A wrong amount is already a failure with the right figure attached: not a second one here.
    found = [str(w.part("found")) for w in rep.quantity_wrong if w.part("found")]
    for u in find_unsupported(ann.text, english, ann.quantities, glossary, known, tokens):
        if u.kind == "number" and any(u.english in f or f in u.english for f in found):
            continue
        (rep.unsupported_numbers if u.kind == "number" else rep.unsupported_names).append(_unsupported(u))
    for d, said in misnamed_designations(ann.text, english):
        # 卡-52M as "Su-52M": the number kept, the maker changed.
        rep.unsupported_names.append(
            _unsupported(Unsupported("name", said, d.zh, f"the source's {d.zh} is the {d.en}"))
        )
    for maker in added_makers(ann.text, english):
        # "(known as the Sukhoi) Ka-52": a maker added to a designation.
        rep.unsupported_names.append(
            _unsupported(Unsupported("name", maker, "", f"the source names no {maker} nor its designations"))
        )
    if dates:
        rep.dates, rep.date_misses = missing_dates(ann.text, english, ann.quantities, month)
    if not summary and not rep.empty:
        # A country the source names and the English leaves out: the one omission a rule can see.
        covered = [(m.start, m.end) for m in ann.terms]
        for zh, en in omitted_places(ann.text, english, covered, [n.zh for n in ann.names]):
            detail = f"{zh} ({en}) not rendered"
            rep.omissions.append(
                Finding(detail, kind="omission", english="", source=zh, detail=detail, sense=en)
            )
    if not summary and not rep.empty:
        # A negation the English lost (非申根 as "Schengen"): the sentence may say the opposite. A summary
        # may drop a negated clause whole, so only a translation is held to it.
        negations = lost_negations(ann.text, english)
        if negations:
            zh = "、".join(dict.fromkeys(negations))
            detail = f"{zh} (not) has no negation in the English: it may say the opposite"
            rep.mistranslations.append(_mistranslation(detail, zh, polarity=True))
        # A deputy made the head (副主任 as "Director"): the name and office right, the authority wrong.
        for zh in dict.fromkeys(lost_ranks(ann.text, english)):
            detail = f"{zh} (deputy) is given no rank below the head in the English"
            rep.mistranslations.append(_mistranslation(detail, zh, rank=True))
        # The direction turned round (扩大差距 as "narrowing the gap", 极易受到冲击 as "difficult … to be
        # affected"): every word right but one, and the sentence says the opposite.
        for r in reversed_changes(ann.text, english) + reversed_ease(ann.text, english):
            zh, said = r.zh, r.said
            # In each language's own order: 扩大…差距 or 差距…扩大, "narrowing … gap" or "gap … narrowed".
            if r.noun:
                first = ann.text.find(r.noun) < ann.text.find(r.zh)
                zh = f"{r.noun}…{r.zh}" if first else f"{r.zh}…{r.noun}"
                first = english.lower().find(r.rendering.lower()) < english.lower().find(r.said.lower())
                said = f"{r.rendering} … {r.said}" if first else f"{r.said} … {r.rendering}"
            detail = f"{zh} ({r.sense}) is turned the other way in the English ('{said}')"
            rep.mistranslations.append(_mistranslation(detail, zh, said, sense=r.sense, direction="reversed"))
    if not summary and not rep.empty:
        # Words of a neighbour's sentence the English says and its own source does not account for.
        pinned = [p.en for p in ann.pins if p.en]
        for nb_source, nb_english in neighbours:
            words = borrowed_words(ann.text, english, nb_source, nb_english, pinned)
            if words:
                en = ", ".join(w for w, _ in words)
                zh = "、".join(dict.fromkeys(z for _, z in words))
                detail = f"says the neighbouring sentence's {en} ({zh}), not its own source's"
                rep.mistranslations.append(_mistranslation(detail, zh, en, neighbour=True))
                break
    if scorer is not None and english.strip() and not rep.empty:
        low = english.lower()
        # What the term, name and amount checks confirm is not scored again (nor named twice).
        known = [
            p.zh for p in ann.pins if (p.en and p.en.lower() in low) or (p.kind == "dnt" and p.zh in english)
        ]
        named = {f.part("source") for f in rep.omissions}
        for f in check_faithfulness(ann.text, english, scorer, known=known).findings:
            if f.part("source") in named:
                continue
            if f.part("kind") == "omission" and not summary:
                rep.omissions.append(f)
            elif f.part("kind") == "mistranslation":
                rep.mistranslations.append(f)
    low = english.lower()
    for zh, en in ann.name_pins:
        if zh in ann.text:
            rep.name_occurrences += 1
            if en.lower() not in low:
                rep.name_misses.append(f"{zh} → '{en}'")
    return rep
