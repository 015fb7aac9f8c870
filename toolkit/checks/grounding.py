"""Grounding: each claim-bearing word of the English — a number, a place, a name — found in its source.

A translation or summary may word things freely, but it may not state what its source sentence does not: a
clock time for 清晨 ("early morning"), a speed the source never gives, "the US" where the source says 全球.
``find_unsupported`` reads the English for such claims and returns the ones its source does not support:

- *numbers*: digits, number words, fractions, ordinals, percentages, money, clock times, years, ages and
  ranges must equal a number of the source, read by the quantities module (1200万 = 12 million, 三分之一 =
  one-third, 二十四岁 = 24) or by the plain readings here (两 = 2, 下午3点 = 15:00); "one"/"a" and numbers
  inside names (COVID-19, 5G) are not claims;
- *places*: an English place the gazetteer knows ("Germany", "American", "Ankang") needs one of its Chinese
  forms in the source (德国/德/德方); "global"/"worldwide" need 全球/全世界/国际/世界 or a word like them;
  "X County" needs X to be a 县 in the source (安康 is a city: "An Kang County" is unsupported);
- *people and organisations*: a romanised Chinese personal name (a pinyin surname and given name) must read
  as the pinyin of some run of the source; a glossary entry's proper English needs that entry's Chinese.

What cannot be judged — a capitalised word in no table, a name that is not pinyin — is never flagged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from toolkit.annotate import gazetteer
from toolkit.quantities import cn_to_decimal, parse_english_amounts

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.glossary import Glossary
    from toolkit.quantities import Quantity
    from toolkit.segment import Segmenter


@dataclass(frozen=True)
class Unsupported:
    """One claim of the English its source does not support."""

    kind: str
    """``number`` or ``name`` (places, people and organisations are names)."""
    english: str
    """The words of the English that make the claim ("at 4:00 AM" → "4:00 AM")."""
    source: str
    """What the source says instead, where that is known (全球), else an empty string."""
    detail: str
    """Why, in words a retry prompt and a reader understand ("the source gives no clock time")."""

    @property
    def label(self) -> str:
        return f"'{self.english}': {self.detail}"


# ---------------------------------------------------------------------------------------------- numbers

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
_ORDINALS = {
    "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_ORDINAL_EN = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class SourceNumbers:
    """The numbers a source sentence gives, read every way the English may state them."""

    values: frozenset[float]
    hours: frozenset[int]
    minutes: frozenset[int]
    relative_year: bool
    """The source speaks of a year it does not write (今年), or dates something without any year."""

    def has(self, value: float, tolerance: float = 0.0) -> bool:
        slack = max(tolerance, abs(value) * 1e-9)
        return any(abs(value - v) <= slack for v in self.values)


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
    return SourceNumbers(frozenset(values), frozenset(hours), frozenset(minutes), relative)


_CONVERSION = re.compile(
    r"\d[\d,.]*\s*[A-Za-z°%$]*(?:\s+[a-z]+)?\s*\(\s*(?:about|around|approximately|roughly|some|or|nearly)?\s*$"
)


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
    shown = f"{value:,.0f}" if value == int(value) else f"{value:g}"
    return f"the source gives no {shown}"


def unsupported_numbers(english: str, numbers: SourceNumbers) -> list[Unsupported]:
    out: list[Unsupported] = []
    masked = list(english)

    def mask(start: int, end: int) -> None:
        masked[start:end] = " " * (end - start)

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
    for m in _FRACTION_EN.finditer(english):
        value = _SMALL[m.group(1).lower()] / _FRACTION_WORDS[m.group(2).lower()]
        mask(m.start(), m.end())
        if not (numbers.has(value, 0.005) or numbers.has(value * 100, 0.5)):
            out.append(Unsupported("number", m.group(0), "", "the source gives no such fraction"))
    for m in _ORDINAL_EN.finditer("".join(masked)):
        value = float(_ORDINALS[m.group(1).lower()])
        mask(m.start(), m.end())
        if not numbers.has(value):
            out.append(Unsupported("number", english[m.start() : m.end()], "", _no_number(value)))
    text = "".join(masked)
    for a in parse_english_amounts(text):
        if _glued(text, a.start, a.end) or (a.words and a.value <= 1 and a.value_high is None):
            continue
        if _CONVERSION.search(text, 0, a.start):
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


# ----------------------------------------------------------------------------------------------- places

_SCOPE_EN = re.compile(
    r"\b(global(?:ly)?|worldwide|world-wide|internationally|international)\b", re.IGNORECASE
)
_SCOPE_ZH = re.compile(
    r"全球|全世界|世界|国际|环球|寰球|各国|多国|跨国|海外|境外|国外|外国|万国|全人类|五大洲|各地|联合国|外资|外企|出口|进口"
)
_SCOPE_SOURCE = re.compile(r"全球|全世界|世界|国际")
_ADMIN_EN = {"County": "县", "District": "区", "Township": "乡镇", "Town": "镇乡", "Village": "村"}
_ADMIN_ZH = "省市县区乡镇村州"
_ADMIN_RX = re.compile(
    r"\b((?:[A-Z][a-z]+)(?:[ -][A-Z]?[a-z]+)?)\s+(County|District|Township|Town|Village)\b"
)
_CHINA_KINDS = frozenset({"province", "region", "municipality", "sar", "city"})


@functools.lru_cache(maxsize=1)
def _place_rx() -> re.Pattern[str]:
    forms = sorted(gazetteer.english_index(), key=len, reverse=True)
    return re.compile(
        r"(?<![\w.$])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w$])(?!\s+dollars?\b)"
    )


@functools.lru_cache(maxsize=1)
def _abbreviations() -> str:
    return "".join(sorted({z for p in gazetteer.places().values() for z in p.zh_forms if len(z) == 1}))


_ABBR_AFTER = "方军籍企股媒政总国商侨资"
_ABBR_BEFORE = "访赴在对来驻留旅抵返离回中"


@functools.lru_cache(maxsize=256)
def _tokens(source: str) -> dict[int, str]:
    """jieba's words of ``source`` by start offset."""
    return {t.start: t.text for t in _segmenter().tokens(source)}


@functools.lru_cache(maxsize=1)
def _segmenter() -> Segmenter:
    # jieba's own dictionary, no glossary words: only whether 美 stands alone (美方) or inside a word (美元).
    from toolkit.segment import Segmenter

    return Segmenter()


def _names_place(source: str, zh: str) -> bool:
    """``zh`` stands in ``source`` as a name of the place. A one-character abbreviation (美, 沪) counts only
    as a word of its own (jieba's), beside another (中美, 京津冀) or beside a word that makes it one (美方,
    访美): 美 of 美元 or 美丽 is not the US."""
    if len(zh) > 1:
        return zh in source
    if zh not in source:
        return False
    abbr = _abbreviations()
    tokens = _tokens(source)
    for m in re.finditer(re.escape(zh), source):
        before = source[m.start() - 1] if m.start() else ""
        after = source[m.end()] if m.end() < len(source) else ""
        if before.isdigit() or (before and before in _CN_DIGITS + "月"):
            continue  # 26日 is a day, not Japan
        token = next((t for at, t in tokens.items() if at <= m.start() < at + len(t)), "")
        if token == zh or (len(token) > 1 and all(c in abbr for c in token)):
            return True
        if (before and before in abbr + _ABBR_BEFORE) or (after and after in abbr + _ABBR_AFTER):
            return True
    return False


_PREV_WORD = re.compile(r"([A-Z][\w'’]+)\s$")
_NOT_NAME_HEAD = frozenset(
    "The A An In On At For From To And Of By As With After Before Both Its Their New".split()  # noqa: SIM905
)


def _inside_name(english: str, start: int) -> bool:
    """The place word follows a capitalised word inside a sentence: part of a longer name (the East China
    Sea, Deutsche Welle Chinese), which names no place. A sentence's first word ("Although Germany") is
    capitalised for another reason."""
    m = _PREV_WORD.search(english, max(0, start - 40), start)
    if m is None or m.group(1) in _NOT_NAME_HEAD or m.group(1) in gazetteer.english_index():
        return False
    before = english[: m.start()].rstrip()
    return bool(before) and before[-1] not in ".!?:;\"“(‘'-—–"


def _grounded_place(form: str, places: Sequence[gazetteer.Place], source: str, grounded: set[str]) -> bool:
    if any(_names_place(source, z) for p in places for z in p.zh_forms):
        return True
    if any(p.zh == "中国" for p in places) and _in_china(source):
        return True
    # A province the source names a city of (九江 is in Jiangxi); a longer form of a grounded place
    # ("Xinjiang Uygur" for 新疆); a name the source spells in pinyin's sounds (安山 "Anshan", not 鞍山).
    ens = {e for p in places for e in p.en_forms}
    if any(p.within in ens and _names_place(source, p.zh) for p in gazetteer.places().values() if p.within):
        return True
    first = form.split(" ")[0]
    index = gazetteer.english_index()
    if first != form and first in index and _grounded_place(first, index[first], source, grounded):
        return True
    key = re.sub(r"[^a-z]", "", form.lower())
    return len(key) >= 4 and is_pinyin(key) and bool(pinyin_spans(source, key))


def _in_china(source: str) -> bool:
    """The source names a place in China (a province, region or city): "China" and "Chinese" add nothing."""
    return any(
        p.kind in _CHINA_KINDS and not p.foreign and any(_names_place(source, z) for z in p.zh_forms)
        for p in gazetteer.places().values()
        if len(p.zh) >= 2
    )


def unsupported_places(english: str, source: str, known_english: Iterable[str] = ()) -> list[Unsupported]:
    """Places the English names that the source does not; ``known_english``: English the glossary or the
    name pins give for this source (a term's English may name a place: 硅谷 "Silicon Valley")."""
    out: list[Unsupported] = []
    known = " ".join(known_english)
    scope = _SCOPE_SOURCE.search(source)
    seen: set[str] = set()
    grounded: set[str] = set()
    index = gazetteer.english_index()
    for m in _place_rx().finditer(english):
        form = m.group(0)
        if form in seen or form in known or _inside_name(english, m.start()):
            continue
        seen.add(form)
        places = index[form]
        if _grounded_place(form, places, source, grounded):
            grounded.add(form)
            continue
        p = places[0]
        detail = (
            f"the source says {scope.group(0)} (global), not {p.en}"
            if scope
            else f"the source does not name {p.en} ({p.zh})"
        )
        out.append(Unsupported("name", form, scope.group(0) if scope else "", detail))
    for m in _SCOPE_EN.finditer(english):
        if not _SCOPE_ZH.search(source):
            out.append(
                Unsupported("name", m.group(0), "", "the source gives no global or international scope")
            )
            break
    out += _admin_places(english, source)
    return out


def _admin_places(english: str, source: str) -> list[Unsupported]:
    """ "X County" where the source's X is no 县 (安康 is a city), or where no run of the source reads X."""
    out: list[Unsupported] = []
    for m in _ADMIN_RX.finditer(english):
        name, unit = m.group(1), m.group(2)
        key = re.sub(r"[^a-z]", "", name.lower())
        if not is_pinyin(key):
            continue
        spans = pinyin_spans(source, key)
        suffix = _ADMIN_EN[unit]
        if not spans:
            out.append(Unsupported("name", m.group(0), "", f"no place of the source reads {name}"))
            continue
        # Wrong where the source gives another unit (屯堡乡 is no county) or knows the place as a city or
        # province (安康); a bare name with no unit may be one the translator knows (朝阳 District).
        ends = [source[end : end + 1] for _, end in spans]
        if any(e in suffix for e in ends):
            continue
        zh = source[spans[0][0] : spans[0][1]]
        known = gazetteer.lookup(zh)
        if any(e and e in _ADMIN_ZH for e in ends) or (known is not None and known.kind != "county"):
            out.append(
                Unsupported(
                    "name", m.group(0), zh, f"the source's {zh} is not a {unit.lower()} ({suffix[0]})"
                )
            )
    return out


# ------------------------------------------------------------------------------------- people (pinyin)

_SURNAMES = frozenset(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie
    song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lv lu ding
    ren yao shen zhong cui tan fan liao shi jin jia xia fu fang zou xiong bai meng qin qiu hou yin xue yan
    duan lei long tao mao hao gu gong shao wan qian dai mo kong xiang chang niu zhan qi geng ou""".split()  # noqa: SIM905
)
_PERSON_EN = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]+(?:-?[a-z]+)?)\b")


@functools.lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    from pypinyin import Style, pinyin

    chars = "".join(chr(c) for c in range(0x4E00, 0x9FA6))
    return frozenset(s for group in pinyin(chars, style=Style.NORMAL, heteronym=True) for s in group)


def is_pinyin(word: str) -> bool:
    """``word`` (lower case, no spaces) splits into pinyin syllables ("langao", "ankang")."""
    sy = _syllables()
    ok = [True] + [False] * len(word)
    for i in range(1, len(word) + 1):
        ok[i] = any(ok[j] and word[j:i] in sy for j in range(max(0, i - 6), i))
    return bool(word) and ok[-1]


@functools.lru_cache(maxsize=4096)
def _readings(ch: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    readings = set(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])
    # ü is written u in names (吕 Lu, 女 Nu); pypinyin writes v.
    return frozenset(readings | {r.replace("v", "u") for r in readings})


def pinyin_spans(source: str, key: str) -> list[tuple[int, int]]:
    """(start, end) of each run of ``source`` whose pinyin, syllables joined, is ``key``."""
    out: list[tuple[int, int]] = []
    for start in range(len(source)):
        ends = _match_from(source, start, key)
        out += [(start, e) for e in ends]
    return out


def _match_from(source: str, i: int, key: str) -> list[int]:
    if not key:
        return [i]
    if i >= len(source):
        return []
    out: list[int] = []
    for r in _readings(source[i]):
        if r and r != source[i] and key.startswith(r):
            out += _match_from(source, i + 1, key[len(r) :])
    return out


def unsupported_people(english: str, source: str, known_english: Iterable[str] = ()) -> list[Unsupported]:
    """Romanised Chinese names (a pinyin surname and a pinyin given name) no run of the source reads as."""
    out: list[Unsupported] = []
    known = " ".join(known_english)
    places = gazetteer.english_index()
    for m in _PERSON_EN.finditer(english):
        surname, given = m.group(1), m.group(2)
        key_given = re.sub(r"[^a-z]", "", given.lower())
        if surname.lower() not in _SURNAMES or not is_pinyin(key_given) or len(key_given) < 2:
            continue
        if m.group(0) in known or m.group(0) in places or given in places or surname in places:
            continue
        if not pinyin_spans(source, surname.lower() + key_given):
            out.append(Unsupported("name", m.group(0), "", f"no name of the source reads {m.group(0)}"))
    return out


def unsupported_terms(english: str, source: str, glossary: Glossary | None) -> list[Unsupported]:
    """A glossary entry's proper English (an organisation, a product) stated where its Chinese is absent."""
    if glossary is None:
        return []
    out: list[Unsupported] = []
    by_en: dict[str, list[str]] = {}
    for e in glossary.entries:
        if e.status == "approved" and e.en and e.en[:1].isupper() and len(e.en) >= 3:
            by_en.setdefault(e.en, []).append(e.zh)
    for en, zhs in by_en.items():
        if any(z in source for z in zhs):
            continue
        if re.search(rf"(?<![\w]){re.escape(en)}(?![\w])", english):
            out.append(Unsupported("name", en, zhs[0], f"the source does not name {zhs[0]} ({en})"))
    return out


def find_unsupported(
    source: str,
    english: str,
    quantities: Sequence[Quantity] = (),
    glossary: Glossary | None = None,
    known_english: Iterable[str] = (),
) -> list[Unsupported]:
    """Every claim of ``english`` that ``source`` does not support: numbers, then places, people, terms."""
    known = list(known_english)
    if glossary is not None:
        known += [e.en for e in glossary.entries if e.en and e.zh in source]
    out = unsupported_numbers(english, source_numbers(source, quantities))
    out += unsupported_places(english, source, known)
    out += unsupported_people(english, source, known)
    out += unsupported_terms(english, source, glossary)
    return out


def scope_fixes(source: str, english: str) -> list[tuple[int, int, str, str]]:
    """(start, end, replacement, note) for each place the English names where the source speaks of the
    whole world (全球): "in the US" → "worldwide", "the US market" / "American" → "global". Deterministic,
    since the source says which scope it means; any other unsupported place needs the model again."""
    scope = _SCOPE_SOURCE.search(source)
    if scope is None:
        return []
    out: list[tuple[int, int, str, str]] = []
    for u in unsupported_places(english, source):
        if u.kind != "name" or u.source != scope.group(0) or u.english not in gazetteer.english_index():
            continue
        form = re.escape(u.english)
        # "The AI music market in the US" → "The global AI music market": the noun phrase the place followed.
        m = re.search(
            rf"\b([Tt]he) ((?:[\w-]+ ){{0,4}}[\w-]+) (?:in|across|throughout) (?:the )?{form}(?![\w$])",
            english,
        )
        if m is not None and "," not in m.group(2):
            new = f"{m.group(1)} global {m.group(2)}"
            out.append(
                (m.start(), m.end(), new, f"place {u.english}: the source says {scope.group(0)} → 'global'")
            )
            continue
        m = re.search(rf"\b(?:in|across|throughout) (?:the )?{form}(?![\w$])", english)
        new = "worldwide"
        if m is None:
            m = re.search(rf"(?:\b[Tt]he )?(?<![\w.$]){form}(?:['’]s)?(?= \w)", english)
            new = "the global" if m is not None and m.group(0)[:4].lower() == "the " else "global"
            if m is not None and (m.start() == 0 or english[: m.start()].rstrip()[-1:] in ".!?"):
                new = new[0].upper() + new[1:]
        if m is not None:
            out.append(
                (m.start(), m.end(), new, f"place {u.english}: the source says {scope.group(0)} → '{new}'")
            )
    return out
