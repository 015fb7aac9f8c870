"""Did the English keep the figures? Pins for the translation stage and the check after it.

What is checked (``is_checked``): every amount (a currency), every percent and percentage-point
figure, and every other count, measure or bare number of 10,000 or more — the 万/亿 magnitudes a model
gets wrong by a factor of ten. Dates, durations, scores, multiples, fractions, vague amounts (数亿) and
counts below 10,000 are reported by ``find_quantities`` but not checked: English may write them as words
("three companies", "the first half of 2025") or fold them into the sentence.

A source figure is **ok** when the English has a number with a compatible unit (the same currency; %
for percents; percentage points for 个百分点; any non-percent for counts and bare numbers) and the same
value — exactly, or rounded the way the English writes it (49.857 billion as "49.86 billion" or "nearly
50 billion") but never more than 2% off. It is **wrong** when the English has the same figure with the
wrong currency or no currency, or the right unit a power of ten off ("$120 million" for 1200万美元).
Otherwise it is **missing**. Each English number backs at most one source figure, but one: the same figure
stated several times in the source may be stated once in the English when the English says it is shared
("GPS navigation 100%, precision sowing 100%, …" as "… are all 100%"; "100% each"; "both 5%").
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from toolkit.quantities.english import EnglishToken, parse_english_amounts
from toolkit.quantities.find import find_quantities
from toolkit.quantities.model import CURRENCIES, EnglishAmount, Quantity
from toolkit.quantities.render import render_english

CHECKED_KINDS = ("amount", "percent")
MAGNITUDE_KINDS = ("count", "measure", "number")
MIN_CHECKED_MAGNITUDE = 10_000
MAX_ROUNDING = 0.02


@dataclass
class Mismatch:
    """A source figure the English has, but wrong: ``reason`` is ``magnitude``, ``currency`` or ``unit``."""

    quantity: Quantity
    expected: str
    found: str
    found_value: float
    reason: str
    amount: EnglishAmount | None = None
    """The English number that was found (its span lets ``repair_english`` replace it)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.quantity.sentence_id,
            "source": self.quantity.source,
            "expected": self.expected,
            "found": self.found,
            "reason": self.reason,
        }


@dataclass
class FidelityReport:
    total: int
    ok: int
    missing: list[Quantity]
    wrong: list[Mismatch]
    fidelity: float
    """ok / total; 1.0 when the source has no checked figure."""
    matched: list[tuple[Quantity, EnglishAmount]] = field(default_factory=list)
    unchecked: list[Quantity] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "ok": self.ok,
            "fidelity": round(self.fidelity, 4),
            "missing": [
                {"id": q.sentence_id, "source": q.source, "expected": q.english} for q in self.missing
            ],
            "wrong": [w.as_dict() for w in self.wrong],
        }


def is_checked(q: Quantity) -> bool:
    if q.kind in CHECKED_KINDS:
        return True
    if q.kind in MAGNITUDE_KINDS:
        return max(q.value, q.value_high or 0) >= MIN_CHECKED_MAGNITUDE
    return False


def _unit_ok(q: Quantity, e: EnglishAmount) -> bool:
    if q.kind == "amount":
        return e.unit == q.unit
    if q.kind == "percent":
        return e.unit == q.unit
    return e.unit not in ("%", "pp", "bp") and (e.unit == "" or q.kind == "number")


def _close(source: float, found: float, tolerance: float) -> bool:
    diff = abs(source - found)
    if diff <= 1e-9 * max(abs(source), 1.0):
        return True
    return diff <= tolerance and diff <= MAX_ROUNDING * abs(source)


def _value_ok(q: Quantity, e: EnglishAmount) -> bool:
    if (q.value_high is None) != (e.value_high is None):
        return False
    if not _close(q.value, e.value, e.tolerance):
        return False
    return q.value_high is None or e.value_high is None or _close(q.value_high, e.value_high, e.tolerance)


def _power_of_ten_off(q: Quantity, e: EnglishAmount) -> bool:
    if q.value <= 0 or e.value <= 0:
        return False
    ratio = e.value / q.value
    k = round(math.log10(ratio))
    return k != 0 and abs(ratio / 10**k - 1) <= MAX_ROUNDING


def _wrong_reason(q: Quantity, e: EnglishAmount) -> str | None:
    if e.words:
        return None  # "one of the…" is not a figure anyone wrote for 1亿
    same_value = _close(q.value, e.value, e.tolerance)
    if same_value and q.kind == "amount" and e.unit != q.unit:
        if e.unit in CURRENCIES or e.unit in ("TWD", "SGD", "AUD", "CAD"):
            return "currency"
        if e.unit == "":
            return "unit"
    if same_value and q.kind == "percent" and e.unit in ("%", "pp", "bp") and e.unit != q.unit:
        return "unit"
    strong = e.scaled or e.unit != "" or e.value >= 1000
    if strong and _unit_ok(q, e) and _power_of_ten_off(q, e):
        return "magnitude"
    return None


_NEAR = -math.log10(1 - MAX_ROUNDING) + 1e-6
"""Two values within ``MAX_ROUNDING`` of each other, or of each other times a power of ten, have log10
fractional parts this close (the small extra is float slack)."""


class _ByMantissa:
    """The English amounts a source figure can match at all: every comparison here (``_value_ok``,
    ``_wrong_reason``, ``_free_single``) needs the English value within rounding of the source value times
    a power of ten, so amounts are looked up by the fractional part of their log10 (binary search) instead
    of all being tried for each figure, which made a long English text cost figures × amounts."""

    def __init__(self, amounts: Sequence[EnglishAmount]) -> None:
        keyed = sorted((math.log10(e.value) % 1.0, i) for i, e in enumerate(amounts) if e.value > 0)
        self._keys = [k for k, _ in keyed]
        self._index = [i for _, i in keyed]
        self._other = [i for i, e in enumerate(amounts) if not e.value > 0]
        self._n = len(amounts)
        self.ranges = [i for i, e in enumerate(amounts) if e.value_high is not None]

    def near(self, value: float) -> Sequence[int]:
        """Indices (in text order) of the amounts that may be within rounding of ``value`` × 10^k."""
        if not value > 1e-6:
            return range(self._n)  # tiny or non-positive: the absolute slack of _close applies; try all
        f = math.log10(value) % 1.0
        found: list[int] = list(self._other)
        for lo, hi in (
            (f - _NEAR, f + _NEAR),
            (f - _NEAR + 1, f + _NEAR + 1),
            (f - _NEAR - 1, f + _NEAR - 1),
        ):
            a, b = bisect_left(self._keys, lo), bisect_right(self._keys, hi)
            found += self._index[a:b]
        return sorted(set(found))


class _Unused:
    """``index.near(value)`` without the amounts already used, each value's candidates found once: a text
    that repeats one figure n times looked all n up, and stepped over the used ones, for each figure: n × n
    steps."""

    def __init__(self, index: _ByMantissa, used: list[bool]) -> None:
        self._index = index
        self._used = used
        self._lists: dict[float, Sequence[int]] = {}
        self._first: dict[float, int] = {}

    def __call__(self, value: float) -> Iterator[int]:
        found = self._lists.get(value)
        if found is None:
            found = self._lists[value] = self._index.near(value)
        k = self._first.get(value, 0)
        # Used amounts are never freed: the leading run of them is skipped once, for every later figure.
        while k < len(found) and self._used[found[k]]:
            k += 1
        self._first[value] = k
        return (found[j] for j in range(k, len(found)))


def _match_split_ranges(
    unmatched: list[Quantity],
    amounts: list[EnglishAmount],
    used: list[bool],
    matched: list[tuple[Quantity, EnglishAmount]],
    index: _ByMantissa | None = None,
) -> list[Quantity]:
    """Second chance for ranges written differently on each side: a Chinese range given as two English
    figures ("RMB 1.448 billion and RMB 2.048 billion"), and two Chinese figures the English parser
    joined into one range ("US$4 billion to US$10 billion"). English endpoints are used at most once."""
    index = index if index is not None else _ByMantissa(amounts)
    ends_used: dict[int, set[str]] = {}
    still: list[Quantity] = []
    for q in unmatched:
        if q.value_high is not None:
            lo = _free_single(q, q.value, amounts, used, index=index)
            hi = _free_single(q, q.value_high, amounts, used, exclude=lo, index=index)
            if lo is not None and hi is not None:
                used[lo] = used[hi] = True
                matched.append((q, amounts[lo]))
                continue
        else:
            hit = None
            for i in index.ranges:
                e = amounts[i]
                if used[i] or e.value_high is None or not _unit_ok(q, e):
                    continue
                for end, v in (("lo", e.value), ("hi", e.value_high)):
                    if end not in ends_used.get(i, set()) and _close(q.value, v, e.tolerance):
                        hit = (i, end)
                        break
                if hit:
                    break
            if hit:
                ends_used.setdefault(hit[0], set()).add(hit[1])
                matched.append((q, amounts[hit[0]]))
                continue
        still.append(q)
    for i, ends in ends_used.items():
        used[i] = used[i] or len(ends) == 2
    return still


_SHARED_BEFORE = re.compile(
    r"\b(?:all|each|both|every(?:one)?|respectively|apiece|uniformly|equally)\b(?:\W+\w+){0,3}?\W*$",
    re.IGNORECASE,
)
_SHARED_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:each|apiece|respectively|across the board)\b", re.IGNORECASE
)


def shared_figure(english: str, e: EnglishAmount) -> bool:
    """``e`` is written as one figure for several things: "are all 100%", "100% each", "both at 5%"."""
    before = english[max(0, e.start - 40) : e.start]
    after = english[e.end : e.end + 30]
    return bool(_SHARED_BEFORE.search(before) or _SHARED_AFTER.search(after))


def _match_repeats(
    unmatched: list[Quantity], matched: list[tuple[Quantity, EnglishAmount]], english: str
) -> list[Quantity]:
    """Source figures repeated verbatim whose one English mention says it is shared: matched to it."""
    still = []
    for q in unmatched:
        for q2, e in matched:
            if (
                q2.value == q.value
                and q2.value_high == q.value_high
                and q2.unit == q.unit
                and q2.kind == q.kind
                and shared_figure(english, e)
            ):
                matched.append((q, e))
                break
        else:
            still.append(q)
    return still


def _free_single(
    q: Quantity,
    value: float,
    amounts: list[EnglishAmount],
    used: list[bool],
    exclude: int | None = None,
    index: _ByMantissa | None = None,
) -> int | None:
    for i in index.near(value) if index is not None else range(len(amounts)):
        e = amounts[i]
        free = i != exclude and not used[i] and e.value_high is None
        if free and _unit_ok(q, e) and _close(value, e.value, e.tolerance):
            return i
    return None


def check_fidelity(
    source_zh: str | list[Quantity],
    english: str,
    style: str = "rmb",
    tokens: Sequence[EnglishToken] | None = None,
) -> FidelityReport:
    """Compare the checked figures of ``source_zh`` (text, or quantities already found) with ``english``.
    ``tokens``: ``scan_english(english)``, where the caller has it already."""
    quantities = find_quantities(source_zh) if isinstance(source_zh, str) else list(source_zh)
    checked = [q for q in quantities if is_checked(q)]
    unchecked = [q for q in quantities if not is_checked(q)]
    amounts = parse_english_amounts(english, tokens)
    used = [False] * len(amounts)
    index = _ByMantissa(amounts)
    near = _Unused(index, used)
    matched: list[tuple[Quantity, EnglishAmount]] = []
    unmatched: list[Quantity] = []
    for q in checked:
        for i in near(q.value):
            e = amounts[i]
            if not used[i] and _unit_ok(q, e) and _value_ok(q, e):
                used[i] = True
                matched.append((q, e))
                break
        else:
            unmatched.append(q)
    unmatched = _match_split_ranges(unmatched, amounts, used, matched, index)
    if unmatched and matched:
        unmatched = _match_repeats(unmatched, matched, english)
    wrong: list[Mismatch] = []
    missing: list[Quantity] = []
    for q in unmatched:
        for i in near(q.value):
            e = amounts[i]
            reason = None if used[i] else _wrong_reason(q, e)
            if reason:
                used[i] = True
                wrong.append(Mismatch(q, render_english(q, style), e.text, e.value, reason, e))
                break
        else:
            missing.append(q)
    total = len(checked)
    ok = len(matched)
    return FidelityReport(
        total=total,
        ok=ok,
        missing=missing,
        wrong=wrong,
        fidelity=ok / total if total else 1.0,
        matched=matched,
        unchecked=unchecked,
    )


def pins_for(
    text: str | Sequence[Quantity], style: str = "rmb", checked_only: bool = False
) -> list[tuple[str, str]]:
    """(Chinese, English) pairs the translation must use, in order, each source string once:
    ``[("1200万美元", "US$12 million"), ("接近100万", "nearly 1 million"), ...]``. Dates are included
    ("2025年前三季度" → "the first three quarters of 2025") unless ``checked_only``. ``text`` may be the
    quantities already found in it (an annotation's), so nothing is read twice."""
    seen: set[str] = set()
    pins: list[tuple[str, str]] = []
    for q in find_quantities(text) if isinstance(text, str) else text:
        if checked_only and not is_checked(q):
            continue
        if q.source in seen:
            continue
        seen.add(q.source)
        pins.append((q.source, q.english if style == "rmb" else render_english(q, style)))
    return pins


@dataclass(frozen=True)
class Fix:
    """One deterministic edit of an English text: replace ``[start, end)`` with ``new``; ``note`` says why."""

    start: int
    end: int
    new: str
    note: str


def apply_fixes(english: str, fixes: Sequence[Fix]) -> tuple[str, list[str]]:
    """Apply ``fixes`` from the end (so earlier offsets stay valid), skipping any that overlaps one already
    applied; returns the new text and the notes of the applied fixes in reading order."""
    taken: list[Fix] = []
    for f in sorted(fixes, key=lambda x: x.start, reverse=True):
        # The fixes taken lie right of this one, the last taken leftmost: only those starting before this
        # one's end can overlap it, so the test stays linear in the number of fixes (a text with tens of
        # thousands of them was quadratic here).
        if any(f.start < t.end for t in _starting_before(taken, f.end)):
            continue
        taken.append(f)
    # Rebuilt once, left to right (an insertion before a replacement at the same place comes first).
    ordered = sorted(taken, key=lambda f: (f.start, f.end))
    out: list[str] = []
    pos = 0
    for f in ordered:
        out += [english[pos : f.start], f.new]
        pos = f.end
    out.append(english[pos:])
    return "".join(out), [f.note for f in ordered]


def _starting_before(taken: Sequence[Fix], end: int) -> Iterator[Fix]:
    """The fixes of ``taken`` (in falling start order) that start before ``end``, last taken first."""
    for t in reversed(taken):
        if t.start >= end:
            return
        yield t


def _looks_like_year(e: EnglishAmount) -> bool:
    """A bare 4-digit 19xx/20xx figure is a year far more often than a wrong 万 amount (2万 vs "2019")."""
    return not e.unit and not e.scaled and float(e.value).is_integer() and 1900 <= e.value <= 2100


# An English unit right after a figure. The figure's span never holds it (only currencies and percents are
# read as part of a figure), so a fix that wrote the pinned unit too would say it twice: "1.75 billion
# cubic meters cubic meters", "120,000 tonnes tons".
_UNIT_AFTER = re.compile(
    r"\s*(?:square|cubic|sq\.?|metric)?\s*(?:tonnes?|tons?|met(?:er|re)s?|kilomet(?:er|re)s?|km2?|kg|"
    r"kilo(?:gram)?s?|grams?|hectares?|acres?|mu|kWh|kW|MW|GW|°C|degrees?|lit(?:er|re)s?|miles?|"
    r"years?|months?|weeks?|days?|hours?|minutes?|times|fold|points?)(?![A-Za-z])",
    re.IGNORECASE,
)
_UNIT_KINDS = ("measure", "duration", "multiple", "score")


# The words an English figure starts with before its currency or digits: "exceeding " of "exceeding $1
# billion".
_LEAD_WORDS = re.compile(r"((?:[A-Za-z]+\s+){1,3})(?=(?:US|HK|NT|[SAC])?\$|RMB\b|CNY\b|[€£¥]|\d)")


def own_bound(q: Quantity, e: EnglishAmount) -> str:
    """The words the English bounds a figure with where the source states it without an approximation
    ("exceeding " of "exceeding $1 billion" for 突破1亿美元, a bound the quantities module leaves to the
    verb), else an empty string."""
    lead = _LEAD_WORDS.match(e.text) if e.approx and not q.approx else None
    return lead.group(1) if lead else ""


def amount_fixes(report: FidelityReport, style: str = "rmb", english: str | None = None) -> list[Fix]:
    """A fix for each figure the report found wrong: its span replaced by the form it must take.

    The approximation word is kept only when the English span had one of its own, so "reached $120
    million" does not become "reached over US$12 million" with the "over" said twice. With ``english``
    (the text the report read), a measure, duration, multiple or score whose English already names a
    unit after the figure gets the figure alone ("17.5 billion cubic meters" → "1.75 billion cubic
    meters"): the writer's unit word stays.
    """
    out: list[Fix] = []
    for m in report.wrong:
        e = m.amount
        if e is None or not m.expected or _looks_like_year(e):
            continue
        q = m.quantity if e.approx else replace(m.quantity, approx=None)
        if english is not None and q.kind in _UNIT_KINDS and _UNIT_AFTER.match(english, e.end):
            q = replace(q, kind="number", unit="")
        new = m.expected if e.approx and q.kind == m.quantity.kind else render_english(q, style)
        lead = own_bound(m.quantity, e)
        if lead:
            # The English bounds the figure: the repair keeps its words and fixes the figure after them.
            new = lead + render_english(replace(m.quantity, approx=None), style)
        end = e.end + (_broken_tail(english, e, new) if english is not None else 0)
        out.append(
            Fix(
                e.start,
                end,
                new,
                f"amount {m.quantity.source}: '{english[e.start : end] if english else e.text}' → '{new}'",
            )
        )
    return out


# "RMB 49. 8 5 7 billion": a decimal the model wrote as spaced digits; the parser reads "RMB 49" and then
# three stray numbers, so a repair of the first alone left ". 8 5 7 billion" behind.
_BROKEN_TAIL = re.compile(r"\.\s+\d(?:\s+\d)*(?:\s+(?:thousand|million|billion|trillion))?\b")


def _broken_tail(english: str, e: EnglishAmount, new: str) -> int:
    """How many characters after ``e`` continue it as spaced digits, when its digits and theirs, run
    together, are the digits of the right figure (``new``); else 0."""
    m = _BROKEN_TAIL.match(english, e.end)
    if m is None:
        return 0
    said = re.sub(r"\D", "", e.text) + re.sub(r"\D", "", m.group(0))
    figure = re.search(r"\d[\d,.]*\d|\d", new)
    right = re.sub(r"\D", "", figure.group(0)) if figure else ""
    return len(m.group(0)) if said and said == right else 0


def repair_english(
    source_zh: str | list[Quantity], english: str, style: str = "rmb"
) -> tuple[str, FidelityReport]:
    """Replace every figure ``check_fidelity`` finds wrong with the form it must take.

    "$120 million" for 1200万美元 becomes "US$12 million"; a bare year-like figure ("2019") is left alone.
    Missing figures are not invented: the report (of the text *before* repair) says what is still missing.
    """
    report = check_fidelity(source_zh, english, style)
    out, _ = apply_fixes(english, amount_fixes(report, style, english))
    return out, report
