"""The plain data the quantity stages share: a Chinese quantity, an English amount, and unit tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# ISO codes for the currencies Chinese business text uses; the English side maps back to the same codes.
CURRENCY_ZH: dict[str, str] = {
    "元人民币": "CNY",
    "人民币": "CNY",
    "元": "CNY",
    "块钱": "CNY",
    "美元": "USD",
    "美金": "USD",
    "港元": "HKD",
    "港币": "HKD",
    "欧元": "EUR",
    "日元": "JPY",
    "英镑": "GBP",
}
# 毛/角 are tenths of a yuan ("不足1毛钱" = under RMB 0.1): same currency, value scaled on parse.
JIAO_ZH = ("毛钱", "毛", "角钱")
CURRENCIES = frozenset(CURRENCY_ZH.values())

# Measure words → the count unit recorded on the quantity. The English rendering of a count is the
# number alone ("more than 8,000"): the noun belongs to the sentence (8000多家客户 → 8,000 customers).
COUNT_ZH: dict[str, str] = {
    "人次": "person-times",
    "家": "companies",
    "个": "items",
    "人": "people",
    "名": "people",
    "位": "people",
    "次": "times",
    "例": "cases",
    "件": "items",
    "项": "items",
    "款": "products",
    "户": "households",
    "辆": "vehicles",
    "艘": "vessels",
    "架": "aircraft",
    "台": "units",
    "只": "items",
    "条": "items",
    "座": "sites",
    "所": "institutions",
    "场": "events",
    "起": "cases",
    "批": "batches",
}
# Physical measures keep their unit in English ("1.75 billion cubic meters").
MEASURE_ZH: dict[str, str] = {
    "平方公里": "square kilometers",
    "平方千米": "square kilometers",
    "平方米": "square meters",
    "立方米": "cubic meters",
    "公顷": "hectares",
    "亩": "mu",
    "吨": "tonnes",
    "千瓦时": "kWh",
    "千瓦": "kW",
    "兆瓦": "MW",
    "度": "kWh",
    "公里": "km",
    "千米": "km",
    "米": "meters",
    "公斤": "kg",
    "℃": "°C",
    "千克": "kg",
}
DURATION_ZH: dict[str, str] = {
    "个月": "months",
    "年": "years",
    "天": "days",
    "小时": "hours",
    "分钟": "minutes",
}

KINDS = ("amount", "percent", "count", "measure", "number", "duration", "multiple", "score", "fraction")
"""Kinds ``find_quantities`` produces, besides ``date`` and ``vague`` (数亿 = "hundreds of millions")."""

APPROX = ("nearly", "about", "over", "more than", "under", "at least", "up to", "within")


@dataclass
class Quantity:
    """One quantity expression found in Chinese text.

    ``kind`` is what the number measures (amount, percent, count, measure, number, duration, multiple,
    score, fraction, date, vague); a range is the same kind with ``value_high`` set (see ``is_range``).
    ``unit`` is an ISO currency code for amounts (CNY, USD, HKD, EUR, JPY, GBP), ``%`` or ``pp`` for
    percents, an English count noun (companies, people, times, items…), a measure unit, ``date`` for
    dates and ``""`` for bare numbers. ``value`` is exact for every figure the rendering rule can show
    (万 = 10^4, 亿 = 10^8, 万亿 = 10^12); percents are in percent (59.5% → 59.5, 七成 → 70); for dates
    it is the year (or the month, day or hour when no year is given) and ``english`` carries the date.
    ``approx`` is one of ``APPROX`` or None. ``start``/``end`` index the text that was searched;
    ``sentence_id`` is set by ``quantities_in_article``.
    """

    source: str
    start: int
    end: int
    value: float
    value_high: float | None
    unit: str
    kind: str
    approx: str | None
    english: str
    sentence_id: str | None = None

    @property
    def is_range(self) -> bool:
        return self.value_high is not None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: ``id`` (sentence id, or null outside an article), ``source``, ``value``, ``unit``,
        ``english`` and the rest. Whole values are written as integers so 1200万 reads 12000000."""
        return {
            "id": self.sentence_id,
            "source": self.source,
            "value": _json_number(self.value),
            "value_high": None if self.value_high is None else _json_number(self.value_high),
            "unit": self.unit,
            "kind": self.kind,
            "approx": self.approx,
            "english": self.english,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class EnglishAmount:
    """One number found in English text, with what the fidelity check needs to compare it.

    ``tolerance`` is half a unit of the last digit as written ("US$12.5 million" → 50,000), so a
    figure rounded the way the writer chose still counts as the same number.
    """

    text: str
    start: int
    end: int
    value: float
    value_high: float | None
    unit: str
    """ISO currency code, ``%``, ``pp``, or ``""``."""
    approx: str | None
    tolerance: float
    scaled: bool
    """Written with a scale word (million, bn, …)."""
    words: bool
    """Written in words ("three", "a million"): weak evidence, never reported as a wrong figure."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": _json_number(self.value),
            "value_high": None if self.value_high is None else _json_number(self.value_high),
            "unit": self.unit,
            "approx": self.approx,
        }


def _json_number(v: float) -> int | float:
    return int(v) if float(v).is_integer() and abs(v) < 2**53 else v
