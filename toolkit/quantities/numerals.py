"""Chinese numerals ↔ exact values: 两千三百万 → 23000000, 23000000 → 二千三百万 or 2300万, and amounts written
the way Chinese business text writes them (1200万美元). ``Decimal`` throughout: 万 = 10^4, 亿 = 10^8,
万亿 = 10^12, all exact."""

from __future__ import annotations

from decimal import Decimal

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_CHARS = "零〇一二两三四五六七八九十百千万亿"


def cn_to_decimal(s: str) -> Decimal:
    """Exact value of a Chinese numeral: 十万, 两千三百万, 一亿二千万, 一万二千亿, 三点五, 二〇二五.

    Colloquial elisions (一万二 for 12,000) are not guessed: they read as written (10,002).
    """
    if not s:
        raise ValueError("empty numeral")
    if "点" in s:
        whole, _, frac = s.partition("点")
        if not frac or any(c not in CN_DIGITS for c in frac):
            raise ValueError(f"not a Chinese numeral: {s!r}")
        digits = "".join(str(CN_DIGITS[c]) for c in frac)
        return cn_to_decimal(whole or "零") + Decimal("0." + digits)
    if any(c not in CN_CHARS for c in s):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    if len(s) > 1 and all(c in CN_DIGITS for c in s):
        return Decimal("".join(str(CN_DIGITS[c]) for c in s))  # digit by digit, as in 二〇二五
    return Decimal(_cn_int(s))


def _cn_int(s: str) -> int:
    if not s:
        return 0
    # Split at the last 亿 and then the last 万, so 一万二千亿 (1.2 × 10^12) and 一亿二千万 both work.
    for char, factor in (("亿", 10**8), ("万", 10**4)):
        i = s.rfind(char)
        if i >= 0:
            head = s[:i]
            return (_cn_int(head) if head else 1) * factor + _cn_int(s[i + 1 :])
    total = 0
    number = 0
    for c in s:
        if c in CN_DIGITS:
            number = CN_DIGITS[c]
        else:
            total += (number or 1) * CN_SMALL[c]
            number = 0
    return total + number


def int_to_chinese(n: int) -> str:
    """The standard Chinese numeral for a non-negative integer (the inverse of ``cn_to_decimal``)."""
    if n < 0:
        raise ValueError("negative")
    if n == 0:
        return "零"
    if n >= 10**8:
        high, rest = divmod(n, 10**8)
        return int_to_chinese(high) + "亿" + _tail(rest, 10**7)
    if n >= 10**4:
        high, rest = divmod(n, 10**4)
        return _below_10k(high) + "万" + _tail(rest, 10**3)
    return _below_10k(n)


def _tail(rest: int, full: int) -> str:
    # A gap before the remainder is spoken as 零 (一亿零五百万); tens keep their 一 (一万零一十).
    if rest == 0:
        return ""
    text = int_to_chinese(rest)
    if text.startswith("十"):
        text = "一" + text
    return ("零" + text) if rest < full else text


def _below_10k(n: int) -> str:
    digits = "零一二三四五六七八九"
    out = []
    zero = False
    for power, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, power)
        if d:
            if zero and out:
                out.append("零")
            zero = False
            out.append(digits[d] + name)
        else:
            zero = True
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


def to_chinese(value: float | int | Decimal, numerals: str = "arabic") -> str:
    """Write a value the way Chinese business text does: ``arabic`` → 1200万 / 2.4亿 / 1.2万亿 / 8000;
    ``chinese`` (integers only) → 一千二百万. The property tests parse these back."""
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if numerals == "chinese":
        if d != d.to_integral_value():
            raise ValueError("Chinese numerals here are for whole numbers")
        return int_to_chinese(int(d))
    for factor, char in ((Decimal(10**12), "万亿"), (Decimal(10**8), "亿"), (Decimal(10**4), "万")):
        if abs(d) >= factor:
            m = d / factor
            return _plain_dec(m) + char
    return _plain_dec(d)


def _plain_dec(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def num_any(s: str) -> Decimal:
    """An Arabic or a Chinese numeral's exact value."""
    return Decimal(s) if s[0].isdigit() else cn_to_decimal(s)


def format_chinese_amount(value: float | int | Decimal, currency: str | None = None) -> str:
    """1.2e7, USD → 1200万美元 (the writing the parser reads back)."""
    word = {"CNY": "元", "USD": "美元", "HKD": "港元", "EUR": "欧元", "JPY": "日元", "GBP": "英镑"}
    return to_chinese(value) + (word[currency] if currency else "")
