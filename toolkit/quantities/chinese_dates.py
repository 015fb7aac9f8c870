"""Chinese dates → ``Quantity`` with their one English: 2025年3月 → March 2025, 2024年前三季度 → the first three
quarters of 2024, 25日 → the 25th, 14时40分 → 14:40. Whether an English text kept them is
``english_dates``."""

from __future__ import annotations

import re

from toolkit.quantities.model import Quantity
from toolkit.quantities.numerals import cn_to_decimal

_YEAR = r"(?<![\d.])(?P<y>(?:19|20)\d{2})"
_TO = r"(?:-|–|—|至|到)"
_MONTH_PARTS = {"底": "end-", "末": "end-", "初": "early ", "上旬": "early ", "中旬": "mid-", "下旬": "late "}
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
]  # fmt: skip
_QUARTER_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DATES = [
    re.compile(p)
    for p in (
        rf"{_YEAR}年?(?:至|到|-|—|–)(?P<y2>(?:19|20)\d{{2}})年",
        rf"{_YEAR}年(?P<mo>1[0-2]|0?[1-9])(?:{_TO}(?P<mo2>1[0-2]|0?[1-9]))?月"
        r"(?:(?P<d>[12]\d|3[01]|0?[1-9])[日号]|(?P<mp>底|末|初|上旬|中旬|下旬))?",
        rf"{_YEAR}财年",
        rf"{_YEAR}年(?P<part>底|末|初|中(?=[，,。;；、才起以前后的时至到期旬]|\s|$))",
        rf"{_YEAR}年?(?P<half>上半年|下半年|前三季度|前两季度|前二季度|全年)",
        rf"{_YEAR}年?(?:第?(?P<q>[一二三四])季度|Q(?P<qa>[1-4])(?![\dA-Za-z]))",
        rf"{_YEAR}年前(?P<nm>\d{{1,2}}|[一二三四五六七八九十]{{1,2}})个月",
        rf"{_YEAR}年(?!代|级)",
        rf"(?<![\d.])(?P<mo0>1[0-2]|[1-9])(?:{_TO}(?P<mo02>1[0-2]|[1-9]))?月"
        r"(?:(?P<d0>[12]\d|3[01]|[1-9])[日号]|(?P<mp0>底|末|初|上旬|中旬|下旬))?",
        r"(?<![\d.月])(?P<d1>[12]\d|3[01]|[1-9])日(?!元|币|年化|均|内|活|期|产|常|报)",
        r"(?<![A-Za-z\d])Q(?P<q0>[1-4])(?![\dA-Za-z])",
        r"(?<![\d.])(?P<h>[01]?\d|2[0-4])时(?:(?P<mi>[0-5]\d)分)?",
    )
]
_HALVES = {
    "上半年": "the first half of {y}",
    "下半年": "the second half of {y}",
    "前三季度": "the first three quarters of {y}",
    "前两季度": "the first two quarters of {y}",
    "前二季度": "the first two quarters of {y}",
    "全年": "full-year {y}",
}
_PARTS = {"底": "end-{y}", "末": "end-{y}", "初": "early {y}", "中": "mid-{y}"}


def _date(m: re.Match[str]) -> Quantity:
    keys = ("y", "y2", "mo", "mo2", "d", "mp", "part", "half", "q", "qa", "nm", "mo0", "mo02", "d0", "mp0")
    g: dict[str, str | None] = dict.fromkeys((*keys, "d1", "q0", "h", "mi"))
    g.update(m.groupdict())
    y = g["y"]
    value: float
    high: float | None = None
    if g["y2"]:
        english, value, high = f"{y}–{g['y2']}", float(y), float(g["y2"])
    elif g["mo"]:
        english, value = f"{_month_phrase(g['mo'], g['mo2'], g['d'], g['mp'])} {y}", float(y)
        if g["d"]:
            english = english.replace(f" {y}", f", {y}")
    elif m.group(0).endswith("财年"):
        english, value = f"fiscal {y}", float(y)
    elif g["part"]:
        english, value = _PARTS[g["part"]].format(y=y), float(y)
    elif g["half"]:
        english, value = _HALVES[g["half"]].format(y=y), float(y)
    elif g["q"] or g["qa"]:
        english, value = f"Q{_QUARTER_CN[g['q'] or g['qa']]} {y}", float(y)
    elif g["nm"]:
        n = int(g["nm"]) if g["nm"].isdigit() else int(cn_to_decimal(g["nm"]))
        english, value = f"the first {n} months of {y}", float(y)
    elif y:
        english, value = y, float(y)
    elif g["mo0"]:
        english, value = _month_phrase(g["mo0"], g["mo02"], g["d0"], g["mp0"]), float(g["mo0"])
    elif g["d1"]:
        english, value = f"the {_ordinal(int(g['d1']))}", float(g["d1"])
    elif g["q0"]:
        english, value = f"Q{g['q0']}", float(g["q0"])
    else:  # a clock time, 14时40分 → 14:40
        english, value = f"{int(g['h'] or 0)}:{g['mi'] or '00'}", float(g["h"] or 0)
        return Quantity(m.group(0), m.start(), m.end(), value, None, "time", "date", None, english)
    return Quantity(m.group(0), m.start(), m.end(), value, high, "date", "date", None, english)


def _month_phrase(mo: str, mo2: str | None, day: str | None, part: str | None) -> str:
    month = MONTHS[int(mo) - 1]
    if mo2:
        return f"{month}–{MONTHS[int(mo2) - 1]}"
    if day:
        return f"{month} {int(day)}"
    if part:
        return f"{_MONTH_PARTS[part]}{month}"
    return month


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
