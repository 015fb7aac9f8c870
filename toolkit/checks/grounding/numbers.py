"""Numbers: every number the English states must be one its source gives (read every way it may be).

Digits, number words, fractions, ordinals, percentages, money, clock times, years, ages and ranges are read
out of the English (``quantities.parse_english_amounts`` and the clock, fraction and ordinal readers here);
the source's numbers come from its quantities (1200万 = 12 million, 三分之一 = one-third) and the plain
readings here (二十四岁 = 24, 两 = 2, 下午3点 = 15:00). "one"/"a" and numbers inside names are no claims.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from toolkit.checks.grounding.claims import Unsupported
from toolkit.quantities import cn_to_decimal, parse_english_amounts
from toolkit.quantities.english import EnglishToken, masked_tokens, scan_english
from toolkit.quantities.english_dates import WEEKDAYS_EN, source_weekdays

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.quantities import Quantity

_CN_DIGITS = "零〇一二三四五六七八九十百千万亿两"
_CN_RUN = re.compile(f"[{_CN_DIGITS}]+")
_DIGIT_RUN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_SCALE_AFTER = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 10**3, "百": 10**2}
_NUM = rf"(?:\d+|[{_CN_DIGITS}]+)"
_CLOCK_ZH = re.compile(
    rf"(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜间|夜里|晚)?\s*({_NUM})\s*(?:时|点|[:：](\d\d))"
)
_MINUTE_ZH = re.compile(rf"(?:时|点)\s*({_NUM})\s*分|(?:时|点)半")
# A year the English may add: one the source names by its relation (今年 "this year"), or the year of a
# date the source gives without any year (7月26日 → "July 26, 2020", as datelines are translated).
_RELATIVE_YEAR = re.compile(r"今年|去年|明年|前年|后年|本年|上年|当年|同年|年初|年底|年末|年内|全年|年度")
_DATE_NO_YEAR = re.compile(r"(?:\d|[一二三四五六七八九十])+[月日]")
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_WORD_NUMBERS = {"两": 2, "俩": 2, "双": 2, "半": 0.5, "首": 1, "头": 1, "单": 1, "独": 1, "对": 2, "孪": 2}

_CLOCK_EN = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?\s?m\b\.?|p\.?\s?m\b\.?|o'clock\b)"
    r"|(?<![\d:.])\b([01]?\d|2[0-4]):([0-5]\d)\b(?![:\d])",
    re.IGNORECASE,
)
_FRACTION_WORDS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}  # fmt: skip
_FRACTION_EN = re.compile(
    r"\b(a|an|one|two|three|four|five|six|seven|eight|nine)[- ](" + "|".join(_FRACTION_WORDS) + r")\b",
    re.IGNORECASE,
)
_PERIOD_BEFORE = re.compile(
    r"\b(?:first|last|past|next|previous|latest|final|opening|coming)\s+$", re.IGNORECASE
)
_ORDINALS = {
    "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
# "on Sunday" is a claim; "the Sunday Times" is a name (a capitalised word follows).
_WEEKDAY_EN = re.compile(r"\b(" + "|".join(WEEKDAYS_EN) + r")s?\b(?!\s+[A-Z])")
_ORDINAL_EN = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class SourceNumbers:
    """The numbers a source sentence gives, read every way the English may state them."""

    values: frozenset[float]
    hours: frozenset[int]
    minutes: frozenset[int]
    relative_year: bool
    """The source speaks of a year it does not write (今年), or dates something without any year."""
    weekdays: frozenset[int] = frozenset()
    """The weekdays the source names (周三 → 2, Monday being 0)."""

    def has(self, value: float, tolerance: float = 0.0) -> bool:
        slack = max(tolerance, abs(value) * 1e-9)
        # Only the values near ``value`` can be within the slack: a binary search, not a pass over all of
        # them for every figure of a long English. The window is twice the slack so rounding at its edge
        # cannot leave out a value the exact test below accepts.
        ordered = self._ordered
        i = bisect_left(ordered, value - 2 * slack)
        while i < len(ordered) and ordered[i] <= value + 2 * slack:
            if abs(value - ordered[i]) <= slack:
                return True
            i += 1
        return False

    @cached_property
    def _ordered(self) -> list[float]:
        return sorted(v for v in self.values if not math.isnan(v))


def _cn_value(text: str) -> float | None:
    try:
        return float(cn_to_decimal(text))
    except (ValueError, ArithmeticError, KeyError, TypeError):
        return None


def _number(text: str) -> float | None:
    if text[0].isdigit():
        return float(text.replace(",", ""))
    return _cn_value(text)


def source_numbers(text: str, quantities: Sequence[Quantity] = ()) -> SourceNumbers:
    """Every number ``text`` gives: its quantities' values (percents as given and as fractions), each run of
    digits or Chinese numerals alone and scaled by the 万/亿/千/百 after it, the words that are numbers (两,
    半), and the clock hours (下午3点 gives 3 and 15) and minutes it states."""
    values: set[float] = set()
    for q in quantities:
        for v in (q.value, q.value_high):
            if v is not None:
                values.update((float(v), float(v) / 100 if q.unit == "%" else float(v)))
                if q.kind == "fraction":
                    values.add(float(v) * 100)
    for rx in (_DIGIT_RUN, _CN_RUN):
        for m in rx.finditer(text):
            v = _number(m.group(0))
            if v is None:
                continue
            values.add(v)
            after = text[m.end() : m.end() + 2]
            for zh, scale in _SCALE_AFTER.items():
                if after.startswith(zh):
                    values.add(v * scale)
                    break
            if rx is _CN_RUN and len(m.group(0)) > 1:
                # 十二三岁, 三四十: a run of numerals may be two numbers side by side.
                values.update(v for ch in m.group(0) if (v := _cn_value(ch)) is not None)
    values.update(float(v) for ch, v in _WORD_NUMBERS.items() if ch in text)
    if "半年" in text:
        values.add(6.0)
    if "半" in text:
        values.add(30.0)
    hours: set[int] = set()
    minutes: set[int] = {0}
    for m in _CLOCK_ZH.finditer(text):
        h = _number(m.group(2))
        if h is None or h > 24 or h != int(h):
            continue
        h_int = int(h)
        hours.update({h_int, h_int % 12, h_int + 12 if h_int < 12 else h_int})
        if m.group(3):
            minutes.add(int(m.group(3)))
    for m in _MINUTE_ZH.finditer(text):
        v = _number(m.group(1)) if m.group(1) else 30.0
        if v is not None:
            minutes.add(int(v))
    relative = bool(_RELATIVE_YEAR.search(text)) or (
        bool(_DATE_NO_YEAR.search(text)) and not _YEAR.search(text)
    )
    weekdays = source_weekdays(text)
    return SourceNumbers(frozenset(values), frozenset(hours), frozenset(minutes), relative, weekdays)


_CONVERSION = re.compile(
    r"\d[\d,.]*\s*[A-Za-z°%$]*(?:\s+[a-z]+)?\s*\(\s*(?:about|around|approximately|roughly|some|or|nearly)?\s*$"
)
NEAR = 120
"""How far before a number the conversion and lead-in patterns look ("6,000 square kilometres (about "):
searching from the start of the text for every number made the check quadratic in the English's length."""


def _glued(english: str, start: int, end: int) -> bool:
    """A number inside a name or code (COVID-19, 5G, G20, MH370, Windows 10 is not: a space separates)."""
    before = english[start - 1] if start else ""
    if before.isalpha() or (before == "-" and start > 1 and english[start - 2].isalpha()):
        return True
    rest = english[end : end + 3]
    if rest[:1].isalpha():
        return not re.match(r"(?:st|nd|rd|th|s)\b", rest, re.IGNORECASE)
    return False


def _no_number(value: float) -> str:
    # A year reads as a year ("2035", not "2,035").
    if value == int(value):
        shown = f"{value:.0f}" if 1000 <= value <= 2100 else f"{value:,.0f}"
    else:
        shown = f"{value:g}"
    return f"the source gives no {shown}"


BARRIER = "\x00"
"""What a figure already judged (a clock time, a fraction, an ordinal) is blanked with before amounts are
read: not a space, so the figures on either side do not become neighbours ("3, a quarter, RMB" is not
"3 RMB") and no range or unit is read across it; not a letter or digit, so nothing is glued to it."""


def unsupported_numbers(
    english: str, numbers: SourceNumbers, tokens: Sequence[EnglishToken] | None = None
) -> list[Unsupported]:
    """Every figure of ``english`` (clock times, weekdays, fractions, ordinals, amounts) ``numbers`` does
    not give. ``tokens``: ``scan_english(english)``, where the caller has it already."""
    out: list[Unsupported] = []
    masked = list(english)
    blanked: list[tuple[int, int]] = []

    def mask(start: int, end: int) -> None:
        masked[start:end] = BARRIER * (end - start)
        blanked.append((start, end))

    for m in _CLOCK_EN.finditer(english):
        hour = int(m.group(1) or m.group(4))
        minute = int(m.group(2) or m.group(5) or 0)
        suffix = (m.group(3) or "").lower().replace(".", "").replace(" ", "")
        if suffix == "pm" and hour < 12:
            hour += 12
        mask(m.start(), m.end())
        if not numbers.hours:
            out.append(Unsupported("number", m.group(0), "", "the source gives no clock time"))
        elif hour not in numbers.hours or minute not in numbers.minutes:
            out.append(Unsupported("number", m.group(0), "", "the source gives another time"))
    for m in _WEEKDAY_EN.finditer(english):
        # A weekday is a date claim: translators keep the source's 周三, they do not work one out of 25日.
        day = WEEKDAYS_EN.index(m.group(1))
        if day not in numbers.weekdays:
            said = [WEEKDAYS_EN[d] for d in sorted(numbers.weekdays)]
            detail = f"the source says {', '.join(said)}" if said else "the source gives no weekday"
            out.append(Unsupported("number", m.group(0), "", detail))
    for m in _FRACTION_EN.finditer(english):
        value = _SMALL[m.group(1).lower()] / _FRACTION_WORDS[m.group(2).lower()]
        mask(m.start(), m.end())
        if m.group(2).lower().startswith("quarter") and _PERIOD_BEFORE.search(english, 0, m.start()):
            # "the first three quarters" (前三季度) counts quarters of a year: three, not 3/4.
            value = float(_SMALL[m.group(1).lower()])
            if not numbers.has(value):
                out.append(Unsupported("number", m.group(0), "", _no_number(value)))
            continue
        if not (numbers.has(value, 0.005) or numbers.has(value * 100, 0.5)):
            out.append(Unsupported("number", m.group(0), "", "the source gives no such fraction"))
    for m in _ORDINAL_EN.finditer("".join(masked)):
        value = float(_ORDINALS[m.group(1).lower()])
        mask(m.start(), m.end())
        if not numbers.has(value):
            out.append(Unsupported("number", english[m.start() : m.end()], "", _no_number(value)))
    text = "".join(masked)
    scanned = scan_english(english) if tokens is None else tokens
    for a in parse_english_amounts(text, masked_tokens(text, scanned, blanked)):
        if _glued(text, a.start, a.end) or (a.words and a.value <= 1 and a.value_high is None):
            continue
        if _CONVERSION.search(text, max(0, a.start - NEAR), a.start):
            continue  # "6,000 mu (400 hectares)": the translator's conversion of a figure just given
        if text[a.end : a.end + 1] == "s" and a.value % 10 == 0 and numbers.has(a.value % 100):
            continue  # "the 1990s" for 90后, 90年代
        values = [a.value] if a.value_high is None else [a.value, a.value_high]
        bad = [v for v in values if not _grounded_value(v, a.tolerance, a.scaled, a.words, a.unit, numbers)]
        if bad and not (a.words and not a.scaled and all(v <= 1 for v in bad)):
            if not a.words and not a.scaled and a.value == 1 and a.value_high is None:
                continue
            out.append(Unsupported("number", english[a.start : a.end].strip(), "", _no_number(bad[0])))
    return out


def _grounded_value(
    value: float, tolerance: float, scaled: bool, words: bool, unit: str, numbers: SourceNumbers
) -> bool:
    if numbers.has(value, tolerance):
        return True
    if unit == "%" and numbers.has(value / 100, tolerance / 100):
        return True
    if not scaled and value == int(value) and 1000 <= value <= 2100:
        # A year: "this year" (今年) has one the source does not write.
        return numbers.relative_year
    return False


_AT_TIME = r"(?:\s*,?\s*\b(?:at|around|about|by)\s+|\s*)"
_LEAD_IN = re.compile(_AT_TIME + r"$", re.IGNORECASE)


def clock_fixes(source: str, english: str) -> list[tuple[int, int, str, str]]:
    """(start, end, replacement, note) removing each clock time the English states where the source gives
    none (清晨 "early morning" has no 4:00 AM): the one number repair that needs no model, since nothing can
    stand in for a time the source never gave."""
    numbers = source_numbers(source)
    if numbers.hours:
        return []
    out: list[tuple[int, int, str, str]] = []
    for m in _CLOCK_EN.finditer(english):
        lead = _LEAD_IN.search(english, max(0, m.start() - NEAR), m.start())
        start = lead.start() if lead else m.start()
        end, new = m.end(), ""
        if start == 0:
            # "4:00 AM, the car…": the sentence starts over, capitalised, after the time.
            end += len(re.match(r"[\s,]*", english[end:]).group(0))  # type: ignore[union-attr]
            if end < len(english):
                end, new = end + 1, english[end].upper()
        out.append((start, end, new, f"time '{m.group(0)}': the source gives no clock time → removed"))
    return out
