"""Did the English keep the dates? A report, not a gate.

The amount check (``fidelity``) leaves dates alone because English folds them into the sentence in many
ways. But a small model also *changes* them: for 当地时间25日 (the 25th) the default model wrote "on
Thursday", and for 26日 "June 26th" in a story whose month it did not know. So each year, month and day
the source gives must appear in the English in some form: 2019 as "2019", 7月 as "July" or "Jul", 25日 as
"25", "25th" or "twenty-fifth". Which words surround them is not checked. Clock times (下午5时) are not
checked: "5 p.m.", "17:00" and "five in the afternoon" are all right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from toolkit.quantities.chinese_dates import MONTHS
from toolkit.quantities.find import find_quantities
from toolkit.quantities.model import Quantity
from toolkit.quantities.numerals import cn_to_decimal

_ORDINAL_WORDS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth",
]  # fmt: skip


def _day_forms(day: int) -> list[re.Pattern[str]]:
    if day <= 20:
        word = _ORDINAL_WORDS[day - 1]
    elif day < 30:
        word = "twenty-" + _ORDINAL_WORDS[day - 21]
    else:
        word = "thirtieth" if day == 30 else "thirty-first"
    # Each form starts with its literal and checks what precedes it after (``2019(?<![\d.,]2019)`` rather
    # than ``(?<![\d.,])2019``): a pattern that opens with an assertion is tried at every offset, one that
    # opens with a literal jumps between its occurrences, 15-30 times faster on a long English.
    return [
        re.compile(rf"{day}(?<![\d.,:]{day})(?:st|nd|rd|th)?(?![\d%:])"),
        re.compile(rf"{word}(?<!\w{word})\b", re.IGNORECASE),
    ]


def date_parts(q: Quantity) -> list[tuple[str, list[re.Pattern[str]]]]:
    """What must be in the English for a source date: ``[("2019", [pattern…]), ("July", […]), ("25", […])]``,
    read off the one English rendering the pipeline pins (``q.english``: "July 24, 2020", "the 25th",
    "the first three quarters of 2025", "2024–2034")."""
    if q.kind != "date" or q.unit != "date":
        return []
    text = q.english
    parts: list[tuple[str, list[re.Pattern[str]]]] = []
    for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", text):
        parts.append((y, [re.compile(rf"{y}(?<![\d.,]{y})(?![\d%])")]))
    for i, month in enumerate(MONTHS):
        for m in re.finditer(rf"\b{month}\b(?:\s+(\d{{1,2}})\b(?!\d))?", text):
            # Capitalized only: "may" is a verb. 7/24 counts for July.
            abbr, num = month[:3], i + 1
            forms = [
                re.compile(rf"{abbr}(?<!\w{abbr})[a-z]*\b"),
                re.compile(rf"{num}/(?<![\d.]{num}/)\d{{1,2}}\b"),
            ]
            parts.append((month, forms))
            if m.group(1):
                parts.append((m.group(1), _day_forms(int(m.group(1)))))
    day = _bare_day(q)
    if day:
        parts.append((day, _day_forms(int(day))))
    return parts


def _bare_day(q: Quantity) -> str | None:
    """ "26" for 26日 alone (rendered "the 26th"), None for anything else."""
    m = re.fullmatch(r"the (\d{1,2})(?:st|nd|rd|th)", q.english)
    return m.group(1) if m else None


_ZH_MONTH = re.compile(r"(?<![\d一二三四五六七八九十])(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月")


def last_month(text_zh: str) -> int | None:
    """The month (1–12) the Chinese text states last (新华社广州7月26日电 → 7), None if it states none: what
    a later bare day (25日) of the same story means."""
    found = None
    for m in _ZH_MONTH.finditer(text_zh):
        found = int(m.group(1)) if m.group(1).isdigit() else int(cn_to_decimal(m.group(1)))
    return found


def missing_dates(
    source_zh: str, english: str, quantities: Sequence[Quantity] | None = None, month: int | None = None
) -> tuple[int, list[str]]:
    """How many source dates there are, and a label (``25日 → 'the 25th'``) for each whose year, month or
    day the English does not have, or whose bare day it gave a month the sentence does not.
    ``quantities``: those already found in ``source_zh`` (an annotation's), so it is not read again.
    ``month``: the month the document stated last before this sentence (``last_month``): a bare day given
    that month is right ("July 25th" for 25日 in a story datelined 7月26日), any other month is not."""
    total = 0
    missing: list[str] = []
    for q in find_quantities(source_zh) if quantities is None else quantities:
        parts = date_parts(q)
        if not parts:
            continue
        total += 1
        if not _kept(parts, english):
            missing.append(f"{q.source} → '{q.english}'")
        elif "月" not in source_zh and (added := _added_month(q, english)):
            if month is not None and MONTHS[month - 1] in added:
                continue
            given = f"the story's month is {MONTHS[month - 1]}" if month else "the source gives no month"
            missing.append(f"{q.source} → '{q.english}', found '{added}' ({given})")
    return total, missing


_MONTH_ALT = "|".join(MONTHS)


def _added_month(q: Quantity, english: str) -> str | None:
    """The English of a bare day (26日 → "the 26th") with a month the sentence never gives ("June 26th").
    The month may be right, from an earlier sentence, or made up (dev line 72 wrote June in a July story):
    ``repair_month`` puts the story's month there, or none."""
    d = _bare_day(q)
    if d is None:
        return None
    m = re.search(
        rf"\b(?:{_MONTH_ALT}) {d}(?:st|nd|rd|th)?\b(?![\d%:])|(?<![\d.,:]){d}(?:st|nd|rd|th)? (?:of )?(?:{_MONTH_ALT})\b",
        english,
    )
    return m.group(0) if m else None


def repair_month(
    source_zh: str, english: str, quantities: Sequence[Quantity] | None = None, month: int | None = None
) -> tuple[str, list[str]]:
    """A month the English gave a bare day (26日) that the story does not: replaced by the month the story
    stated last (``month``: "June 26th" → "July 26th" under a 7月 dateline), or, where it stated none,
    dropped ("on June 26th" → "on the 26th"). The model writes the month it guesses; the story's is certain.
    Returns the English and a note per change."""
    if "月" in source_zh or not any(m in english for m in MONTHS):
        return english, []
    notes: list[str] = []
    for q in find_quantities(source_zh) if quantities is None else quantities:
        d = _bare_day(q)
        added = _added_month(q, english) if d else None
        if not added or (month is not None and MONTHS[month - 1] in added):
            continue
        new = f"{MONTHS[month - 1]} {d}{_suffix(int(d))}" if month else f"the {d}{_suffix(int(d))}"
        at = english.find(added)
        end = at + len(added)
        if re.search(r"\bthe\s$", english[max(0, at - 4) : at], re.IGNORECASE):
            # "the 26th of June": the article stays with no month ("the 26th"), goes with one ("July 26th")
            if month:
                at -= 4
            else:
                new = new[4:]
        english = english[:at] + new + english[end:]
        notes.append(f"date {q.source}: '{added}' → '{new}'")
    return english, notes


def _suffix(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _kept(parts: list[tuple[str, list[re.Pattern[str]]]], english: str) -> bool:
    return all(any(p.search(english) for p in forms) for _, forms in parts)


WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_ZH = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")
_WEEKDAY_ZH_INDEX = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY_IN_SOURCE = re.compile(r"星期|礼拜|周[一二三四五六日天末]")
_INVENTED_WEEKDAY = re.compile(
    r"\b[Oo]n (?:" + "|".join(WEEKDAYS_EN) + r")(?: (?P<part>morning|afternoon|evening|night))?\b"
)


def source_weekdays(source_zh: str) -> frozenset[int]:
    """The weekdays a Chinese text names (周三, 星期三, 礼拜三 → 2; Monday is 0)."""
    return frozenset(_WEEKDAY_ZH_INDEX[m.group(1)] for m in _WEEKDAY_ZH.finditer(source_zh))


def repair_weekday(
    source_zh: str, english: str, quantities: Sequence[Quantity] | None = None
) -> tuple[str, list[str]]:
    """Put back a date the English replaced with a weekday the source never gives: for 当地时间25日下午 the
    default model wrote "on Thursday", for 26日晚 "on Tuesday night". Only when that is unambiguous: the
    source names no weekday, the English has one "on <weekday>", and exactly one source date with a day is
    missing. Returns the English and a note per change."""
    spans = list(_INVENTED_WEEKDAY.finditer(english))
    if len(spans) != 1 or _WEEKDAY_IN_SOURCE.search(source_zh):
        return english, []  # most English has no weekday: no need to read the source's dates
    lost = []
    for q in find_quantities(source_zh) if quantities is None else quantities:
        parts = date_parts(q)
        has_day = any(label.isdigit() and len(label) <= 2 for label, _ in parts)
        if has_day and not _kept(parts, english):
            lost.append(q)
    if len(lost) != 1:
        return english, []
    span, q = spans[0], lost[0]
    on = span.group(0)[:2]
    new = f"{on} the {span.group('part')} of {q.english}" if span.group("part") else f"{on} {q.english}"
    fixed = english[: span.start()] + new + english[span.end() :]
    return fixed, [f"date {q.source}: '{span.group(0)}' → '{new}'"]
