"""Quantities to idiomatic English: US$12 million · RMB 1.54 billion · 300–500 million · 30–31%.

The rounding rule (one rule everywhere, so pins, renderings and checks agree):

- Below one million a number is written in full with thousands separators and every decimal it had
  (150,000 · 8,000 · 7.41 · 59.5).
- From one million up the scale is million, billion or trillion, chosen by the largest figure of the
  expression (a range shares one scale: 300–500 million). The figure on that scale keeps at most three
  decimals, rounded half up, trailing zeros stripped: 498.57亿 → 49.857 billion, 15.4亿 → 1.54 billion.
  A figure that would round to 1,000 moves up a scale.
- Whole numbers that three decimals cannot hold exactly stay in full (2394513例 → 2,394,513;
  1234.5678万 → 12,345,678), so for every figure Chinese text writes the rendering is exact; only
  fractional values of a million or more (rare) are rounded.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from toolkit.quantities.model import Quantity

SCALES: tuple[tuple[int, str], ...] = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))
STYLES = ("rmb", "yuan")
_MILLI = Decimal("0.001")


def to_decimal(v: float | int | Decimal | str) -> Decimal:
    """The exact decimal a value stands for: floats go through their shortest repr (1.54e9, not
    1539999999.99…), which is exact for every value this module produces."""
    if isinstance(v, Decimal):
        return v
    if isinstance(v, float):
        return Decimal(repr(v))
    return Decimal(v)


def plain(d: Decimal | float | int) -> str:
    """A decimal in full, thousands separated, no exponent, no trailing zeros: 12000000 → 12,000,000."""
    d = to_decimal(d)
    s = format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    sign = ""
    if s.startswith("-"):
        sign, s = "-", s[1:]
    whole, _, frac = s.partition(".")
    whole = f"{int(whole):,}"
    return sign + whole + ("." + frac if frac else "")


def _scaled(d: Decimal, scale: int) -> Decimal:
    return (d / scale).quantize(_MILLI, rounding=ROUND_HALF_UP)


def _exact_on(scale: int, lo: Decimal, hi: Decimal | None) -> bool:
    """Whole numbers go on a scale only when three decimals hold them exactly (a count of 2,394,513
    stays in full); other numbers always do (the rule above)."""
    for d in (lo, hi):
        if d is not None and d == d.to_integral_value() and _scaled(d, scale) * scale != d:
            return False
    return True


def format_number(value: float | Decimal, value_high: float | Decimal | None = None) -> str:
    """``1.2e7`` → ``12 million``; ``(3e8, 5e8)`` → ``300–500 million``; ``150000`` → ``150,000``."""
    lo = to_decimal(value)
    hi = None if value_high is None else to_decimal(value_high)
    top = max(abs(lo), abs(hi)) if hi is not None else abs(lo)
    for i, (scale, name) in enumerate(SCALES):
        if top >= scale and _exact_on(scale, lo, hi):
            m_top = _scaled(top, scale)
            if m_top >= 1000 and i > 0 and _exact_on(SCALES[i - 1][0], lo, hi):
                scale, name = SCALES[i - 1]
            m_lo = plain(_scaled(lo, scale))
            if hi is None:
                return f"{m_lo} {name}"
            return f"{m_lo}–{plain(_scaled(hi, scale))} {name}"
    if hi is None:
        return plain(lo)
    return f"{plain(lo)}–{plain(hi)}"


def format_currency(number: str, currency: str, style: str = "rmb") -> str:
    """Attach a currency to an already formatted number: RMB 1.54 billion / 1.54 billion yuan."""
    if currency == "CNY":
        return f"{number} yuan" if style == "yuan" else f"RMB {number}"
    prefix = {"USD": "US$", "HKD": "HK$", "EUR": "€", "GBP": "£"}.get(currency)
    if prefix:
        return f"{prefix}{number}"
    if currency == "JPY":
        return f"{number} yen"
    return f"{currency} {number}"


def render_english(q: Quantity, style: str = "rmb") -> str:
    """The English a quantity must take in a translation.

    ``style`` only changes Chinese yuan: ``rmb`` → "RMB 1.54 billion", ``yuan`` → "1.54 billion yuan".
    Counts are rendered as the number alone; the noun belongs to the sentence around it.
    """
    if style not in STYLES:
        raise ValueError(f"style must be one of {', '.join(STYLES)}, not {style!r}")
    if q.kind in ("date", "vague", "fraction"):
        return q.english  # worded once at parse time; no number formatting to redo
    if q.kind == "percent":
        if q.unit in ("pp", "bp"):
            noun = "percentage point" if q.unit == "pp" else "basis point"
            body = f"{_plain_range(q)} {noun}" + ("" if _is_one(q) else "s")
        else:
            body = f"{_plain_range(q)}%"
    else:
        num = format_number(q.value, q.value_high)
        if q.kind == "amount":
            body = format_currency(num, q.unit, style)
        elif q.kind in ("measure", "duration"):
            unit = q.unit[:-1] if _is_one(q) and q.unit.endswith("s") else q.unit
            body = f"{num}{unit}" if unit == "°C" else f"{num} {unit}"
        elif q.kind == "multiple":
            body = f"{num} time" + ("" if _is_one(q) else "s")
        elif q.kind == "score":
            body = f"{num} point" + ("" if _is_one(q) else "s")
        else:
            body = num
    return f"{q.approx} {body}" if q.approx else body


def _plain_range(q: Quantity) -> str:
    if q.value_high is None:
        return plain(q.value)
    return f"{plain(q.value)}–{plain(q.value_high)}"


def _is_one(q: Quantity) -> bool:
    return q.value_high is None and q.value == 1
