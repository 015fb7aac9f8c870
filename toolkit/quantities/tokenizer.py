"""Reading the pattern matches into quantities: a number with its multiplier, unit and approximation is a
token (3-5亿 lends 亿 to the 3; 五六百 is a range on its own), neighbouring tokens join into ranges, and each
becomes a ``Quantity`` with its one English; the special forms (百分之, 成, 分之, 数亿, 过亿) are read here too.
What is *not* a quantity (on purpose): bare Arabic numbers with no multiplier, unit or approximation (V8,
Top10, 前100); ordinals (第一); Chinese numerals below ten used as words (三大梯队, 一家公司, 两年) unless they
carry a currency or percent sign; 千万 as an adverb."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from toolkit.quantities.model import COUNT_ZH, CURRENCY_ZH, DURATION_ZH, JIAO_ZH, MEASURE_ZH, Quantity
from toolkit.quantities.numerals import CN_DIGITS, cn_to_decimal, num_any
from toolkit.quantities.patterns import (
    _APPROX_POST,
    _APPROX_PRE,
    _BARE_MULT_APPROX,
    _CN_PAIR,
    _FRACTION_WORDS,
    _MULTS,
    _RANGE_SEP,
    _VAGUE_MULTS,
)
from toolkit.quantities.render import render_english


@dataclass
class _Tok:
    start: int
    end: int
    value: Decimal
    factor: int  # the multiplier the number carried (1 when none): 3-5亿 lends 亿 to the 3
    high: Decimal | None  # 五六百米 is a range on its own: 500–600
    unit_word: str | None
    approx_pre: str | None
    approx_post: str | None
    currency_pre: str | None
    chinese: bool
    bare: bool


def _unit_of(word: str | None) -> tuple[str, str]:
    """(kind, unit) for a unit word."""
    if word is None:
        return "number", ""
    if word in CURRENCY_ZH:
        return "amount", CURRENCY_ZH[word]
    if word in JIAO_ZH:
        return "amount", "CNY"
    if word == "%":
        return "percent", "%"
    if word in ("个百分点", "百分点"):
        return "percent", "pp"
    if word in ("个基点", "个基本点", "基点"):
        return "percent", "bp"
    if word in COUNT_ZH:
        return "count", COUNT_ZH[word]
    if word in MEASURE_ZH:
        return "measure", MEASURE_ZH[word]
    if word in DURATION_ZH:
        return "duration", DURATION_ZH[word]
    if word == "倍":
        return "multiple", "x"
    if word == "分":
        return "score", "points"
    raise KeyError(word)


def _token(m: re.Match[str], text: str) -> _Tok | None:
    g = m.group
    start, end = m.start(), m.end()
    unit_word = g("unit")
    high = None
    if g("ar"):
        value = Decimal(g("ar").replace(",", ""))
        factor = _MULTS[g("mult")] if g("mult") else 1
        value *= factor
        chinese = False
    else:
        cn = g("cn")
        pair = _CN_PAIR.match(cn)
        if len(cn) > 1 and all(c in CN_DIGITS for c in cn):
            return None  # 唯一一个, 一一对应: words (years in digits are the date patterns' job)
        if pair and CN_DIGITS[pair[2]] != CN_DIGITS[pair[1]] + 1:
            return None  # 七二亿 is no numeral; 七八亿 (a range) is
        try:
            if pair:
                value, high = cn_to_decimal(pair[1] + pair[3]), cn_to_decimal(pair[2] + pair[3])
            else:
                value = cn_to_decimal(cn)
        except (ValueError, KeyError):
            return None
        factor = 10**8 if "亿" in g("cn") else 10**4 if "万" in g("cn") else 1
        chinese = True
    # 度 is a kilowatt-hour only after 万/亿 (1.98亿度); alone it is degrees or a word.
    if unit_word == "度" and factor == 1:
        end = m.start("unit")
        unit_word = None
    post = g("post")
    kind, _ = _unit_of(unit_word)
    if post in ("内", "之内") and kind != "duration":
        end = m.start("post")
        post = None
    if unit_word in JIAO_ZH:
        value /= 10
        high = None if high is None else high / 10
    ap_word = g("ap") or g("ap2")
    more = g("more1") or g("more2")
    approx_post = _APPROX_POST[post] if post else (_APPROX_POST[more] if more else None)
    bare = unit_word is None and factor == 1 and not ap_word and not more and not post and not g("cp")
    num_start = m.start("ar") if g("ar") else m.start("cn")
    before = text[num_start - 1] if num_start > 0 else ""
    if not ap_word and before == "第":
        return None  # ordinal
    if g("ar"):
        after = text[m.end("ar") : m.end("ar") + 1]
        if before.isascii() and before.isalpha():
            return None  # V8, Top10, G20
        if after.isascii() and after.isalpha() and factor == 1 and unit_word is None:
            return None  # 5G, 3D
        if unit_word == "年" and factor == 1 and not more and 1000 <= value <= 2999:
            return None  # a year: the date patterns read it
    else:
        cn = g("cn")
        if unit_word is None and not ap_word and (factor == 1 or cn in ("千万", "亿万")):
            return None  # 三大, 千万不要
        if unit_word is None and factor == 1:
            return None
        if kind == "score":
            return None  # 十分 is "very"
        if value < 10 and kind not in ("amount", "percent"):
            return None  # 一家, 三件套, 两年: words, not figures
    return _Tok(
        start=start,
        end=end,
        value=value,
        factor=factor,
        high=high,
        unit_word=unit_word,
        approx_pre=_APPROX_PRE[ap_word] if ap_word else None,
        approx_post=approx_post,
        currency_pre=g("cp"),
        chinese=chinese,
        bare=bare,
    )


def _merge_ranges(toks: list[_Tok], text: str) -> list[tuple[_Tok, _Tok | None]]:
    out: list[tuple[_Tok, _Tok | None]] = []
    i = 0
    while i < len(toks):
        t1 = toks[i]
        if i + 1 < len(toks):
            t2 = toks[i + 1]
            sep = text[t1.end : t2.start]
            if (
                sep
                and t1.high is None
                and t2.high is None
                and _RANGE_SEP.fullmatch(sep)
                and t1.approx_post is None
                and t2.approx_pre is None
                and t2.currency_pre is None
                and (t1.unit_word is None or _unit_of(t1.unit_word) == _unit_of(t2.unit_word))
                and not (t1.bare and t2.bare)
            ):
                lo = t1.value
                if t1.factor == 1 and t2.factor > 1 and not t1.chinese:
                    lo = lo * t2.factor
                if lo <= t2.value:
                    t1.value = lo
                    out.append((t1, t2))
                    i += 2
                    continue
        out.append((t1, None))
        i += 1
    return out


def _quantity_from(t1: _Tok, t2: _Tok | None, text: str) -> Quantity | None:
    last = t2 or t1
    if t1.bare and (t2 is None or t2.bare):
        return None
    unit_word = last.unit_word or t1.unit_word
    kind, unit = _unit_of(unit_word)
    if t1.currency_pre and kind == "number":
        kind, unit = "amount", CURRENCY_ZH[t1.currency_pre]
    approx = t1.approx_pre or last.approx_post
    if kind == "duration" and last.approx_post == "within":
        approx = "within"
    q = Quantity(
        source=text[t1.start : last.end],
        start=t1.start,
        end=last.end,
        value=float(t1.value),
        value_high=float(t2.value) if t2 is not None else (None if t1.high is None else float(t1.high)),
        unit=unit,
        kind=kind,
        approx=approx,
        english="",
    )
    q.english = render_english(q)
    if kind == "number" and text[last.end : last.end + 1] == "级":
        # 千亿级 is a class ("100-billion-level"), not a figure a translation must repeat: an order of
        # magnitude, [10¹¹, 10¹²), which "hundreds of billions" states and "trillion-scale" does not.
        q.end += 1
        q.source += "级"
        q.kind = "vague"
        if q.value_high is None:
            q.value_high = q.value * 10
        q.english = q.english.replace(" ", "-") + "-level"
    return q


def _percent_cn(m: re.Match[str]) -> Quantity | None:
    try:
        lo = num_any(m.group("n"))
        hi = num_any(m.group("n2")) if m.group("n2") else None
    except (ValueError, KeyError):
        return None
    ap = _APPROX_PRE[m.group("ap")] if m.group("ap") else None
    q = Quantity(
        m.group(0), m.start(), m.end(), float(lo), None if hi is None else float(hi), "%", "percent", ap, ""
    )
    q.english = render_english(q)
    return q


def _tenths(m: re.Match[str]) -> Quantity:
    lo = num_any(m.group("n")) * 10
    hi = num_any(m.group("n2")) * 10 if m.group("n2") else None
    ap = _APPROX_PRE[m.group("ap")] if m.group("ap") else None
    q = Quantity(
        m.group(0), m.start(), m.end(), float(lo), None if hi is None else float(hi), "%", "percent", ap, ""
    )
    q.english = render_english(q)
    return q


def _fraction(m: re.Match[str]) -> Quantity | None:
    try:
        d, n = int(cn_to_decimal(m.group("d"))), int(cn_to_decimal(m.group("n")))
    except (ValueError, KeyError):
        return None
    if d == 0 or n > d:
        return None
    ap = _APPROX_PRE[m.group("ap")] if m.group("ap") else None
    words = _FRACTION_WORDS.get((d, n), f"{n}/{d}")
    english = f"{ap} {words}" if ap else words
    return Quantity(m.group(0), m.start(), m.end(), n / d, None, "", "fraction", ap, english)


def _vague(m: re.Match[str]) -> Quantity:
    mult = m.group("m") or m.group("m_by")
    base = _MULTS.get(mult, 10)  # 十 is the one vague base that is not a multiplier
    words = _VAGUE_MULTS[mult]
    kind, unit = _unit_of(m.group("unit"))
    if kind == "amount":
        cur = {"CNY": "yuan", "USD": "US dollars", "HKD": "Hong Kong dollars", "EUR": "euros"}
        english = f"{words} of {cur.get(unit, unit)}"
    elif unit == "years" and mult == "十":
        english = "decades"
    elif kind in ("measure", "duration"):
        english = f"{words} of {unit}"
    else:
        english = words
    return Quantity(
        m.group(0), m.start(), m.end(), float(base), float(base * 10), unit, "vague", None, english
    )


def _bare_mult(m: re.Match[str]) -> Quantity:
    kind, unit = _unit_of(m.group("unit"))
    q = Quantity(
        m.group(0), m.start(), m.end(), float(_MULTS[m.group("m")]), None, unit, kind,
        _BARE_MULT_APPROX[m.group("ap")], "",
    )  # fmt: skip
    q.english = render_english(q)
    return q
