"""Vague magnitudes: 数千万 is "tens of millions", and English that says "millions" for it is ten times off.

``fidelity`` checks figures, not 数亿-style magnitudes (kind ``vague``): English writes those as words
("hundreds of millions", "several million", "dozens"), and a translation that leaves one out may fold it
into the sentence. What a rule can still see is a magnitude stated at the wrong scale: the source's vague
range (数千万 = [10⁷, 10⁸)) met by no magnitude of the English, while the English states one that no source
quantity explains ("millions" = [10⁶, 10⁷)). That is a mistranslation an analyst reads as a fact.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from toolkit.quantities.english import EnglishToken, parse_english_amounts
from toolkit.quantities.model import CURRENCIES, Quantity

_SCALE = {
    "dozen": 10, "score": 10, "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9,
    "trillion": 10**12,
}  # fmt: skip
# "dozens"/"scores" of anything are tens of it (a dozen is 12, but 几十 = "dozens" in news English).
_TIMES = {"tens": 10, "dozens": 10, "scores": 10, "hundreds": 100}
_BIG = r"(?P<big>thousand|million|billion|trillion)s?"
_FEW = r"(?:several|a\s+few|few|multiple|many|some)"
_EN_VAGUE = re.compile(
    # hundreds of millions, tens of thousands (A)
    rf"\b(?P<times>tens|dozens|scores|hundreds)\s+of\s+(?P<big_a>thousands|millions|billions|trillions)\b"
    # several hundred thousand, a few million, several dozen (B)
    rf"|\b{_FEW}\s+(?P<few>dozen|hundred|thousand|million|billion|trillion)"
    r"(?:\s+(?P<few2>thousand|million|billion))?\b"
    # millions, thousands, hundreds, dozens (C)
    r"|\b(?P<bare>dozens|scores|hundreds|thousands|millions|billions|trillions)\b"
    # a multi-million deal
    r"|\bmulti-(?P<multi>million|billion)\b"
    # a trillion-scale model, a hundred-million-level user base (D): a class, as 千亿级 is
    r"|\b(?:(?P<lvl_times>ten|hundred)[-\s])?(?P<lvl>thousand|million|billion|trillion)[-\s]"
    r"(?:scale|level|class|grade)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EnglishMagnitude:
    """A magnitude the English states in words: ``[low, high)`` ("tens of millions" = [10⁷, 10⁸))."""

    text: str
    start: int
    end: int
    low: float
    high: float


@dataclass(frozen=True)
class VagueMismatch:
    """A source magnitude (数千万) the English states at another scale (``found``: "millions")."""

    quantity: Quantity
    found: EnglishMagnitude


def english_magnitudes(english: str) -> list[EnglishMagnitude]:
    """The magnitudes the English states in words, left to right (numbers are ``parse_english_amounts``)."""
    out: list[EnglishMagnitude] = []
    for m in _EN_VAGUE.finditer(english):
        if m.group("times"):
            low = _TIMES[m.group("times").lower()] * _SCALE[m.group("big_a").lower()[:-1]]
        elif m.group("few"):
            low = _SCALE[m.group("few").lower()]
            if m.group("few2"):
                low *= _SCALE[m.group("few2").lower()]
        elif m.group("bare"):
            word = m.group("bare").lower()
            low = _TIMES[word] if word in ("dozens", "scores") else _SCALE[word[:-1]]
        elif m.group("multi"):
            low = _SCALE[m.group("multi").lower()]
        else:
            times = m.group("lvl_times")
            low = _SCALE[m.group("lvl").lower()] * (
                {"ten": 10, "hundred": 100}[times.lower()] if times else 1
            )
        out.append(EnglishMagnitude(m.group(0), m.start(), m.end(), float(low), float(low * 10)))
    return out


def _range(q: Quantity) -> tuple[float, float]:
    return q.value, q.value if q.value_high is None else q.value_high


def _meets(q: Quantity, low: float, high: float) -> bool:
    """Does the English range [low, high) meet the source quantity (a vague range, or a figure)?"""
    a, b = _range(q)
    if q.kind == "vague":
        return low < b and high > a
    return low <= b and a < high


_MONEY_AFTER = re.compile(
    r"\s+of\s+(?:(?:us|u\.s\.|hong\s+kong|hk|american)\s+)?(?:dollars|yuan|renminbi|rmb|euros|pounds|yen)\b",
    re.IGNORECASE,
)


def _is_money(english: str, w: EnglishMagnitude) -> bool:
    """The magnitude counts money: "millions of dollars", "$ millions", "tens of millions of yuan"."""
    return bool(_MONEY_AFTER.match(english, w.end)) or english[max(0, w.start - 2) : w.start].strip() in (
        "$",
        "¥",
        "€",
        "£",
    )


def vague_mismatches(
    quantities: Sequence[Quantity], english: str, tokens: Sequence[EnglishToken] | None = None
) -> list[VagueMismatch]:
    """Each source magnitude (kind ``vague``, 数千万) that no magnitude or figure of the English meets, paired
    with a magnitude the English states that no source quantity explains.

    Silent when the English states no magnitude in words, or only ones the source explains: leaving a
    magnitude out, or writing it as a figure, is for other checks; only a stated wrong scale is a finding.
    Linear in the number of quantities: English magnitudes come in a few scales, each judged once.
    """
    vague = [q for q in quantities if q.kind == "vague" and q.unit != "%"]
    if not vague:
        return []
    words = english_magnitudes(english)
    if not words:
        return []
    sources = [q for q in quantities if q.unit != "%"]
    money = [q for q in sources if q.unit in CURRENCIES]
    scales = {(w.low, w.high) for w in words}
    explained = {r for r in scales if any(_meets(q, *r) for q in sources)}
    explained_money = {r for r in scales if any(_meets(q, *r) for q in money)}
    # "millions of dollars" is money: a count of the same scale (740万次 plays) does not explain it. The
    # seed's 单首歌就赚了数万美元 ("tens of thousands of dollars") shipped as "millions of dollars", passed off
    # by the 7.4 million plays of the same sentence.
    stray = [
        w for w in words if (w.low, w.high) not in (explained_money if _is_money(english, w) else explained)
    ]
    points = sorted(
        v
        for a in parse_english_amounts(english, tokens)
        if a.unit != "%"
        for v in (a.value, a.value if a.value_high is None else a.value_high)
    )
    out: list[VagueMismatch] = []
    for q in vague:
        if not stray:
            break
        lo, hi = _range(q)
        if any(_meets(q, *r) for r in scales):
            continue
        if bisect_left(points, lo) < bisect_right(points, hi):
            continue  # a figure inside the range: a rendering, held to the source by the amount checks
        out.append(VagueMismatch(q, stray.pop(0)))
    return out
