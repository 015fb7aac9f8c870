"""Bounds: 100多个国家 is "more than 100 countries", and English that says "100 countries" states a floor as
the figure.

``fidelity`` matches a figure by its value and unit, so "covers 100 countries" passes for 100多个国家 and
"generated 110 million kWh" for 超1.1亿度. Both are wrong in the way an analyst minds: a floor or a ceiling
read as the exact number. The seed's whole translation wrote 100多个国家 as "100 countries"; of the 1,000
human dev translations, 8 drop a bound (超1.1亿度 as "110 million kWh", 21万余人次 as "210,000", 近5个月 as
"5 months").

A bound counts as kept when the English says one anywhere near the figure, in any words: "over",
"exceeded", "topped", "some", "approximately", "-plus", "or so", "short of". Held: the source's nearly /
over / more than / under / at least (近, 超, 多, 余, 逾, 不足, 至少), and a verb that bounds the figure after it
(突破 over, 跌破 under: the seed's 年经常性收入突破1亿美元 shipped as "annual recurring revenue US$100
million"). Not held: about (约, 左右), which a
rounded figure carries well enough and human translators drop often (6 more dev lines: 约14% as "14%");
以内 ("up to 3 days"), read as "within 3 days" or "in 3 days" alike; 高达 ("as high as"), emphasis, which
the quantities module gives no bound at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from toolkit.quantities.english import EnglishToken, parse_english_amounts
from toolkit.quantities.fidelity import FidelityReport, Fix, _unit_ok, _value_ok, check_fidelity
from toolkit.quantities.find import find_quantities
from toolkit.quantities.model import EnglishAmount, Quantity

__all__ = ["HEDGED", "LostHedge", "bound_of", "hedge_fixes", "lost_hedges"]

HEDGED = frozenset({"nearly", "over", "more than", "under", "at least"})

# Any word English uses to bound or blur a figure, before or after it. Broad on purpose: a hedge the
# English words its own way is kept, and one found that belongs to another figure costs only a miss.
_HEDGE = re.compile(
    r"\b(?:exceed\w*|surpass\w*|top(?:s|ped|ping)?|pass(?:ed|es|ing)?|over|above|beyond|more|plus|almost|"
    r"nearly|close|approach\w*|about|around|approx\w*|roughly|some|estimated|or\s+so|under|less|below|"
    r"fewer|short|shy|up\s+to|least|within|as\s+(?:many|much|high|long|large|few|little)\s+as|upwards|"
    r"excess|break\w*|broke(?:n)?|odd|several|dozens|hundreds|thousands|millions|billions|higher|greater|"
    r"lower|smaller|than|maximum|minimum|well|just|nigh|circa|ca\.)(?![\w-])|\+|-plus\b",
    re.IGNORECASE,
)
_BEFORE = 40
_AFTER = 25
# Where the figure's own clause starts or ends: a hedge beyond belongs to something else.
_CLAUSE_END = re.compile(r"[;!?]|\.(?:\s|$)")
_ARTICLE = re.compile(r"\b(?:a|an|the)\s+$", re.IGNORECASE)


# A verb before the figure that bounds it, which the quantities module leaves to the sentence: 突破1亿美元
# "broke through US$100 million" is over it, 跌破1美元 "fell below US$1" under it.
_BOUND_VERBS = {"突破": "over", "跌破": "under"}


@dataclass(frozen=True)
class LostHedge:
    """A source figure with a bound (``bound``: ``quantity.approx`` or its verb's) the English states bare
    (``amount``)."""

    quantity: Quantity
    amount: EnglishAmount
    bound: str


def bound_of(q: Quantity, text: str) -> str | None:
    """The bound the source puts on ``q`` ("more than" of 100多, "over" of 突破1亿美元), or None."""
    if q.approx:
        return q.approx
    if text and text[q.start : q.end] == q.source:
        head = text[max(0, q.start - 2) : q.start]
        return _BOUND_VERBS.get(head)
    return None


def _hedged(english: str, e: EnglishAmount) -> bool:
    before = english[max(0, e.start - _BEFORE) : e.start]
    ends = list(_CLAUSE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    after = english[e.end : e.end + _AFTER]
    stop = re.search(r"[,;:!?]|\.(?:\s|$)", after)
    if stop:
        after = after[: stop.start()]
    return bool(_HEDGE.search(before) or _HEDGE.search(after) or _HEDGE.search(e.text))


def lost_hedges(
    quantities: Sequence[Quantity] | str,
    english: str,
    report: FidelityReport | None = None,
    tokens: Sequence[EnglishToken] | None = None,
    text: str = "",
) -> list[LostHedge]:
    """Figures of ``quantities`` (or of a Chinese text) with a bound the English drops: the English has the
    figure and no hedge near it. A figure the amount check matched is read where it matched; a small one it
    does not check (100多个国家) where the English states that value once and the source has it once.
    ``report``: the fidelity report of this English, where the caller has it already; ``text``: the Chinese
    the quantities were found in (a verb before a figure bounds it: 突破1亿美元), when they are given."""
    if isinstance(quantities, str):
        text, qs = quantities, find_quantities(quantities)
    else:
        qs = list(quantities)
    fr = report if report is not None else check_fidelity(qs, english, tokens=tokens)
    pairs = list(fr.matched)
    small = [q for q in fr.unchecked if bound_of(q, text) in HEDGED and not q.is_range]
    if small:
        used = {(e.start, e.end) for _, e in fr.matched} | {
            (w.amount.start, w.amount.end) for w in fr.wrong if w.amount is not None
        }
        amounts = [e for e in parse_english_amounts(english, tokens) if (e.start, e.end) not in used]
        for q in small:
            same = [e for e in amounts if _unit_ok(q, e) and _value_ok(q, e)]
            twins = [p for p in qs if p is not q and abs(p.value - q.value) < 1e-9]
            if len(same) == 1 and not twins:
                pairs.append((q, same[0]))
    out = []
    for q, e in pairs:
        bound = bound_of(q, text)
        if bound in HEDGED and not e.approx and not q.is_range and not _hedged(english, e):
            out.append(LostHedge(q, e, bound))
    return out


def hedge_fixes(lost: Sequence[LostHedge], english: str) -> list[Fix]:
    """The bound written before each bare figure ("100 countries" → "more than 100 countries"), except
    after an article, where inserting one may not read ("an over 20% rise"): those stay findings."""
    return [
        Fix(
            h.amount.start,
            h.amount.end,
            f"{h.bound} {english[h.amount.start : h.amount.end]}",
            f"amount {h.quantity.source}: '{h.amount.text}' → '{h.bound} {h.amount.text}'",
        )
        for h in lost
        if not _ARTICLE.search(english[: h.amount.start])
    ]
