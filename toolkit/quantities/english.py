"""Read amounts back out of English: $12 million, US$12m, 12 million dollars, RMB1.54bn, 1.54 billion
yuan, 300-500 million, 56 percent, 1.2 trillion, 12,000,000, three, a million.

Abbreviated scales: ``bn``/``tn``/``mn``/``mln`` are read everywhere ("12bn"); ``m``/``b``/``k`` only
right after a currency-marked number ("US$12m", "RMB5b"), since "13m" alone is usually metres.
``$`` is US dollars and ``¥`` is yuan (Chinese-news context); HK$, NT$, S$ … stay distinct.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from toolkit.quantities.model import EnglishAmount

_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_U = "|".join(sorted(_UNITS_WORDS, key=len, reverse=True))
_T = "|".join(_TENS_WORDS)
_SMALL_WORDS = rf"(?:(?:{_T})(?:[- ](?:{_U}))?|(?:{_U}))"
_WORDS = (
    rf"(?:{_SMALL_WORDS}(?:\s+hundred(?:\s+(?:and\s+)?{_SMALL_WORDS})?)?"
    r"|a\s+dozen|half(?:\s+a)?(?=\s+(?:million|billion|trillion)\b)"
    r"|a(?=\s+(?:hundred|thousand|million|billion|trillion)\b))"
)
_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_ABBR = {"tn": 10**12, "bn": 10**9, "bln": 10**9, "mn": 10**6, "mln": 10**6}
_ABBR_CUR = {"m": 10**6, "b": 10**9, "k": 10**3}

_APPROX_EN = {
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "over": "over", "above": "over", "exceeding": "over", "in excess of": "over",
    "more than": "more than", "upwards of": "more than", "under": "under", "less than": "under",
    "below": "under", "fewer than": "under", "at least": "at least", "up to": "up to", "as many as": "up to",
    "within": "within",
}  # fmt: skip
_PRE_CUR = {
    "us$": "USD", "u.s.$": "USD", "usd": "USD", "$": "USD", "hk$": "HKD", "hkd": "HKD", "rmb": "CNY",
    "cny": "CNY", "cn¥": "CNY", "¥": "CNY", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "jpy": "JPY", "nt$": "TWD", "s$": "SGD", "a$": "AUD", "c$": "CAD",
}  # fmt: skip
_POST_UNIT = [
    (r"%|percent\b|per\s+cent\b", "%"),
    (r"percentage\s+points?\b|pp\b|pct\s+pts?\b", "pp"),
    (r"basis\s+points?\b|bps?\b", "bp"),
    (r"(?:hong\s+kong|hk)\s+dollars?\b", "HKD"),
    (r"(?:(?:us|u\.s\.|american)\s+)?dollars?\b|usd\b", "USD"),
    (r"yuan\b|renminbi\b|rmb\b|cny\b", "CNY"),
    (r"euros?\b|eur\b", "EUR"),
    (r"yen\b|jpy\b", "JPY"),
    (r"pounds?\s+sterling\b|pounds?\b|gbp\b", "GBP"),
]

_PRE_ALT = "|".join(re.escape(k) for k in sorted(_PRE_CUR, key=len, reverse=True))
_APPROX_ALT = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(_APPROX_EN, key=len, reverse=True))
_POST_ALT = "|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_POST_UNIT))
# The first line lets a figure start only where a word starts or at a digit or currency sign: the rest of
# the pattern is tried at every offset the line lets through, and most offsets of English are inside a word
# (scanning a long English took twice as long without it). A currency code glued to the letters before it
# ("xRMB5") so reads as the bare number.
_TOKEN = re.compile(
    r"(?:(?<![^\W\d_])|(?=[\d$¥€£]))"
    rf"(?:\b(?P<ap>{_APPROX_ALT})\s+)?"
    rf"(?:(?P<pre>{_PRE_ALT})\s?)?"
    r"(?P<num>(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])|\b" + _WORDS + r"\b)"
    r"(?:(?:\s*|-)(?P<sw>(?:hundred\s+)?(?:thousand|million|billion|trillion)|hundred)\b"
    r"|\s?(?P<ab>tn|bn|bln|mn|mln)\b|(?P<abc>[mbk])\b)?"
    rf"(?:\s*(?:{_POST_ALT}))?",
    re.IGNORECASE,
)
_POST_CODE = {f"u{i}": code for i, (_, code) in enumerate(_POST_UNIT)}
_LIST = re.compile(r"\s*(?:,|and|or|,\s*and)\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_LOOK_BACK = 64
"""How far before a figure "between"/"from" is looked for: searching from the start of the text for each
figure made reading a long English text quadratic."""
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_SEP = re.compile(r"\s*(?:-|–|—|to)\s*", re.IGNORECASE)


def _words_value(s: str) -> Decimal | int:
    s = s.lower().replace("-", " ")
    if s.startswith("half"):
        return Decimal("0.5")
    if s == "a" or s.startswith("a "):
        return 12 if "dozen" in s else 1
    total = 0
    current = 0
    for w in s.split():
        if w == "and":
            continue
        if w in _UNITS_WORDS:
            current += _UNITS_WORDS[w]
        elif w in _TENS_WORDS:
            current += _TENS_WORDS[w]
        elif w == "hundred":
            current = (current or 1) * 100
    return total + current


@dataclass(frozen=True)
class EnglishToken:
    """One figure as the scanner read it, before ranges and lists are joined (``scan_english``)."""

    start: int
    end: int
    value: Decimal
    scale: int
    unit: str
    approx: str | None
    tolerance: Decimal
    words: bool
    pre: bool


def _etoken(m: re.Match[str]) -> EnglishToken | None:
    g = m.group
    raw = g("num")
    words = not raw[0].isdigit()
    pre = _PRE_CUR[g("pre").lower()] if g("pre") else ""
    post = _POST_CODE.get(m.lastgroup or "", "")  # a unit's group, when one matched, is the last one
    unit = post if post in ("%", "pp", "bp") else (pre or post)
    end = m.end()
    scale = 1
    if g("sw"):
        sw = g("sw").lower().split()
        scale = _SCALE_WORDS.get(sw[-1], 100)
        if len(sw) == 2:
            scale *= 100
    elif g("ab"):
        scale = _ABBR[g("ab").lower()]
    elif g("abc"):
        if not pre:
            return _etoken_without_abbr(m)
        scale = _ABBR_CUR[g("abc").lower()]
    if words:
        value = Decimal(_words_value(raw))
        ulp = Decimal(scale)
    else:
        digits = raw.replace(",", "")
        value = Decimal(digits)
        decimals = len(digits.partition(".")[2])
        ulp = Decimal(scale) * (Decimal(10) ** -decimals)
    return EnglishToken(
        start=m.start(),
        end=end,
        value=value * scale,
        scale=scale,
        unit=unit,
        approx=_APPROX_EN[re.sub(r"\s+", " ", g("ap").lower())] if g("ap") else None,
        tolerance=ulp / 2,
        words=words,
        pre=bool(pre),
    )


def _etoken_without_abbr(m: re.Match[str]) -> EnglishToken | None:
    # "13m" with no currency: a length, not a million. Read the number alone.
    text = m.string[: m.start("abc")]
    m2 = _TOKEN.match(text, m.start())
    return _etoken(m2) if m2 else None


def scan_english(text: str) -> list[EnglishToken]:
    """Every figure of ``text`` as read by the scanner (the costly part of reading amounts: one regex
    tried at every offset). A caller that reads the same English twice scans it once and passes the
    tokens to ``parse_english_amounts``."""
    return [t for t in (_etoken(m) for m in _TOKEN.finditer(text)) if t is not None]


def parse_english_amounts(text: str, tokens: Sequence[EnglishToken] | None = None) -> list[EnglishAmount]:
    """Every number in ``text`` with its value, unit (ISO currency, ``%``, ``pp`` or ``""``) and
    approximation word; "300-500 million" and "30–31%" come back as one range.

    ``tokens``: ``scan_english`` of ``text`` already made, or of a text that differs from it only by
    blanked spans (``masked_tokens``), so the scan is not repeated."""
    toks = scan_english(text) if tokens is None else list(tokens)
    out: list[EnglishAmount] = []
    i = 0
    while i < len(toks):
        t1 = toks[i]
        t2 = toks[i + 1] if i + 1 < len(toks) else None
        sep = text[t1.end : t2.start] if t2 is not None else ""
        near = max(0, t1.start - _LOOK_BACK)
        between = _BETWEEN.search(text, near, t1.start) is not None
        is_range = bool(_SEP.fullmatch(sep)) or (between and _AND.fullmatch(sep) is not None)
        # "rose from 43.4% to 57.7%" is a change between two figures, not a range.
        if is_range and sep.strip().lower() == "to" and _FROM.search(text, near, t1.start):
            is_range = False
        if t2 is not None and is_range and t2.approx is None:
            lo = t1.value
            if t1.scale == 1 and t2.scale > 1:
                lo = t1.value * t2.scale
            unit = t1.unit or t2.unit
            if lo <= t2.value and (not t1.unit or not t2.unit or t1.unit == t2.unit):
                out.append(
                    EnglishAmount(
                        text=text[t1.start : t2.end],
                        start=t1.start,
                        end=t2.end,
                        value=float(lo),
                        value_high=float(t2.value),
                        unit=unit,
                        approx=t1.approx,
                        tolerance=float(max(t1.tolerance * (t2.scale if t1.scale == 1 else 1), t2.tolerance)),
                        scaled=t2.scale > 1,
                        words=t1.words and t2.words,
                    )
                )
                i += 2
                continue
        out.append(
            EnglishAmount(
                text=text[t1.start : t1.end],
                start=t1.start,
                end=t1.end,
                value=float(t1.value),
                value_high=None,
                unit=t1.unit,
                approx=t1.approx,
                tolerance=float(t1.tolerance),
                scaled=t1.scale > 1,
                words=t1.words,
            )
        )
        i += 1
    # "60 million and 200 million yuan": the currency written once covers the list.
    for a, b in zip(reversed(out[:-1]), reversed(out[1:]), strict=True):
        if (
            a.unit == ""
            and b.unit
            and b.unit not in ("%", "pp", "bp")
            and _LIST.fullmatch(text[a.end : b.start])
        ):
            a.unit = b.unit
    return out


def masked_tokens(
    masked: str, tokens: Sequence[EnglishToken], spans: Sequence[tuple[int, int]]
) -> list[EnglishToken]:
    """``scan_english(masked)`` where ``masked`` is a text whose ``spans`` were blanked with a barrier (a
    character neither space nor word, such as NUL) and ``tokens`` is ``scan_english`` of the text itself.

    Only the neighbourhood of each span is scanned again: the scan restarts after the last token whose
    reading cannot have reached the span (punctuation, not a possible unit or scale word, follows it) and
    stops at the first token after the span that the first scan also found, from where both scans read
    the same characters. Blanking a few clock times in a long English so costs a few short scans, not a
    second scan of the whole text."""
    if not spans:
        return list(tokens)
    regions: list[list[int]] = []
    for a, b in sorted(spans):
        if regions and a <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], b)
        else:
            regions.append([a, b])
    index = {t.start: k for k, t in enumerate(tokens)}
    out: list[EnglishToken] = []
    ti = 0  # the first original token not yet taken
    pos = 0  # the scans agree up to here
    ri = 0
    while ri < len(regions):
        a, b = regions[ri]
        if b <= pos:
            ri += 1
            continue
        last_safe = None
        j = ti
        while j < len(tokens) and tokens[j].end <= a:
            if _settled(masked, tokens[j].end, a):
                last_safe = j
            j += 1
        restart = pos
        if last_safe is not None:
            out += tokens[ti : last_safe + 1]
            restart = tokens[last_safe].end
        reach = b
        synced = None
        for m in _TOKEN.finditer(masked, restart):
            while ri < len(regions) and regions[ri][0] < m.end():
                reach = max(reach, regions[ri][1])
                ri += 1
            t = _etoken(m)
            if t is None:
                continue
            k = index.get(t.start)
            if t.start >= reach and k is not None and tokens[k] == t:
                synced = k
                break
            out.append(t)
        if synced is None:
            return out
        ti, pos = synced, tokens[synced].start
    return out + list(tokens[ti:])


_SETTLED = re.compile(r"\s*[^\s\w%$-]")


def _settled(text: str, end: int, limit: int) -> bool:
    """No optional part of a figure ending at ``end`` (a scale word, a unit, an abbreviation) can have
    read as far as ``limit``: a punctuation mark follows the figure before it."""
    m = _SETTLED.match(text, end)
    return m is not None and m.end() <= limit
