"""Find quantity expressions in Chinese text: 1200万美元, 接近100万, 3-5亿, 百分之三十, 2025年前三季度.

Regex-based and exact: values are computed with ``Decimal`` (万 = 10^4, 亿 = 10^8, 万亿 = 10^12) and only
turned into floats at the end, where every figure this module can produce is still exact.

What is *not* a quantity here (on purpose): bare Arabic numbers with no multiplier, unit or
approximation (model names like V8, "Top10", "前100"); ordinals (第一); Chinese numerals below ten
used as words (三大梯队, 一家公司, 两年) unless they carry a currency or percent sign; 千万 as an adverb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from toolkit.quantities.model import (
    COUNT_ZH,
    CURRENCY_ZH,
    DURATION_ZH,
    JIAO_ZH,
    MEASURE_ZH,
    Quantity,
)
from toolkit.quantities.render import format_currency, format_number, render_english

if TYPE_CHECKING:
    from toolkit.article import Article

# ---------------------------------------------------------------------------------------------------
# Chinese numerals

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
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"


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
    if any(c not in _CN_CHARS for c in s):
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


# ---------------------------------------------------------------------------------------------------
# Patterns

_APPROX_PRE: dict[str, str] = {
    "不低于": "at least",
    "不少于": "at least",
    "不超过": "up to",
    "不高于": "up to",
    "上": "over",
    "接近": "nearly",
    "将近": "nearly",
    "逼近": "nearly",
    "近": "nearly",
    "大约": "about",
    "约合": "about",
    "约": "about",
    "超过": "over",
    "超出": "over",
    "超": "over",
    "逾": "over",
    "过": "over",
    "高于": "over",
    "多于": "more than",
    "不足": "under",
    "不到": "under",
    "低于": "under",
    "少于": "under",
    "至少": "at least",
    "最多": "up to",
    "最高": "up to",
}
_APPROX_POST: dict[str, str] = {
    "多": "more than",
    "余": "more than",
    "左右": "about",
    "上下": "about",
    "以上": "over",
    "以下": "under",
    "以内": "up to",
    "之内": "within",
    "内": "within",
}


def _alt(words) -> str:  # type: ignore[no-untyped-def]
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# 近 after 附/最/邻/靠 is "nearby"/"recent", not "nearly"; 过 after 通/经/超/不/越/度 is a verb; 约 after
# 节/制/预/签 is part of a word (节约 = save); 上 counts only before 百/千 (上百亩 = over 100 mu).
_AP_GUARDED = {
    "近": r"(?<![附最邻靠将接逼])近",
    "过": r"(?<![通经超不越度])过",
    "约": r"(?<![节制预签合契公大])约",
    "上": r"上(?=[百千])",
}
_AP = (
    "(?:"
    + "|".join(_AP_GUARDED.get(w, re.escape(w)) for w in sorted(_APPROX_PRE, key=len, reverse=True))
    + ")"
)
_NUM_AR = r"(?<![\d.,A-Za-z])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
# A Chinese numeral starts with a digit or 十/百/千 (never 零/万/亿: 万一, 亿万 are words) and never eats
# the 千 of 千瓦/千米/千克.
_CN_START = "一二两三四五六七八九十百千"
_NUM_CN = (
    rf"(?:(?![千][瓦米克])[{_CN_START}])(?:(?![千][瓦米克])[{_CN_CHARS}])*(?:点[零〇一二三四五六七八九]+)?"
)
_MULTS = {"万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "十亿": 10**9, "亿": 10**8, "千万": 10**7}
_MULTS.update({"百万": 10**6, "十万": 10**5, "万": 10**4, "千": 10**3, "百": 10**2})
_MULT = (
    "(?:"
    + "|".join(
        (r"千(?![瓦米克])" if m == "千" else r"百(?![分度])" if m == "百" else re.escape(m))
        for m in sorted(_MULTS, key=len, reverse=True)
    )
    + ")"
)

# Units, longest first; a few single characters need a guard against the word they start.
_UNIT_GUARDS = {
    "元": "(?!素|宇宙|旦)",
    "台": "(?!湾|阶)",
    "只": "(?!有|是|能|要|需)",
    "所": "(?!以|有|在|谓)",
    "起": "(?!来|步|点)",
    "年": "(?!级|代|化|均|度)",
    "米": "(?!饭)",
    "场": "(?!景|所|合|地)",
    "条": "(?!件|款|例)",
    "座": "(?!谈)",
    "分": "(?!钟|之|别|享|成|析|子|配|布|期|散|红|类|支|公)",
    "倍": "",
    "%": "",
}
_UNIT_WORDS = [*CURRENCY_ZH, *JIAO_ZH, "%", "个百分点", "百分点", "个基点", "个基本点", "基点"]
_UNIT_WORDS += [*COUNT_ZH, *MEASURE_ZH, *DURATION_ZH]
_UNIT_WORDS += ["倍", "分"]
_UNIT = (
    "(?:"
    + "|".join(
        re.escape(u) + _UNIT_GUARDS.get(u, "") for u in sorted(set(_UNIT_WORDS), key=len, reverse=True)
    )
    + ")"
)
_POST = r"(?:左右|上下(?![游班文级])|以上|以下|以内|之内|内|(?<=倍)多)"

_TOKEN = re.compile(
    rf"(?P<ap>{_AP})?(?P<cp>人民币|美元|港元|港币|欧元)?(?P<ap2>{_AP})?"
    rf"(?:(?P<ar>{_NUM_AR})(?P<more1>多|余(?!额))?(?P<mult>{_MULT})?|(?P<cn>{_NUM_CN}))"
    r"(?P<more2>多(?!元化|样|种|数|年来|少|个月)|余(?!额))?"
    rf"(?P<unit>{_UNIT})?(?P<post>{_POST})?"
)
# 两三万, 五六百, 七八千: two neighbouring digits before a unit character are a range.
_CN_PAIR = re.compile(r"^([一二两三四五六七八])([二两三四五六七八九])([十百千万亿].*)$")
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|~|～|至|到|－)\s*")

_YEAR = r"(?<![\d.])(?P<y>(?:19|20)\d{2})"
_TO = r"(?:-|–|—|至|到)"
_MONTH_PARTS = {"底": "end-", "末": "end-", "初": "early ", "上旬": "early ", "中旬": "mid-", "下旬": "late "}
_MONTHS = [
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

_PERCENT_CN = re.compile(
    rf"(?P<ap>{_AP})?百分之(?P<n>{_NUM_CN}|\d+(?:\.\d+)?)(?:(?:至|到|-)(?:百分之)?(?P<n2>{_NUM_CN}|\d+(?:\.\d+)?))?"
)
_TENTHS = re.compile(
    rf"(?P<ap>{_AP})?(?<![\d{_CN_CHARS}])(?P<n>[一二两三四五六七八九]|\d)成"
    r"(?:(?:至|到|-)(?P<n2>[一二三四五六七八九]|\d)成)?(?![本功为员立长熟果交都就绩型品效分不])"
)
_FRACTION = re.compile(
    rf"(?P<ap>{_AP})?(?!百分之)(?P<d>[一二三四五六七八九十]+)分之(?P<n>[一二三四五六七八九十]+)"
)
_FRACTION_WORDS = {
    (2, 1): "half",
    (3, 1): "one-third",
    (3, 2): "two-thirds",
    (4, 1): "a quarter",
    (4, 3): "three-quarters",
    (5, 1): "one-fifth",
    (10, 1): "one-tenth",
}
# 数亿 = "hundreds of millions": reported (kind "vague") but never checked as a figure.
_VAGUE_MULTS = {
    "十": "dozens",
    "百": "hundreds",
    "千": "thousands",
    "万": "tens of thousands",
    "十万": "hundreds of thousands",
    "百万": "millions",
    "千万": "tens of millions",
    "亿": "hundreds of millions",
    "十亿": "billions",
    "百亿": "tens of billions",
    "千亿": "hundreds of billions",
}
_VAGUE = re.compile(
    r"(?<![人户次总指函参分倍位个基点系常少多无变级序岁读字行页项件票])(?:数|几)"
    rf"(?P<m>{_alt(_VAGUE_MULTS)})(?P<unit>{_UNIT})?"
)
# 过亿 / 破亿 / 上万 / 近亿: an approximation applied to a bare multiplier.
_BARE_MULT = re.compile(
    r"(?P<ap>过|破|超|逾|(?<!千)上|近|约)(?P<m>万亿|亿|万)(?![一二两三四五六七八九十\d])(?P<unit>"
    + _UNIT
    + ")?"
)
_BARE_MULT_APPROX = {
    "过": "over",
    "破": "over",
    "超": "over",
    "逾": "over",
    "上": "over",
    "近": "nearly",
    "约": "about",
}

# Full-width digits and signs, and the traditional forms numbers are written with, read as their simplified
# ASCII counterparts; one character for one, so spans still index the caller's text.
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **dict(zip("％．～－萬億兩點個幣歐約過餘億", "%.~-万亿两点个币欧约过余亿", strict=True)),
    }
)


# ---------------------------------------------------------------------------------------------------
# Tokens


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
        # 千亿级 is a class ("100-billion-level"), not a figure a translation must repeat.
        q.end += 1
        q.source += "级"
        q.kind = "vague"
        q.english = q.english.replace(" ", "-") + "-level"
    return q


# ---------------------------------------------------------------------------------------------------
# Dates and the special forms


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
    month = _MONTHS[int(mo) - 1]
    if mo2:
        return f"{month}–{_MONTHS[int(mo2) - 1]}"
    if day:
        return f"{month} {int(day)}"
    if part:
        return f"{_MONTH_PARTS[part]}{month}"
    return month


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _num_any(s: str) -> Decimal:
    return Decimal(s) if s[0].isdigit() else cn_to_decimal(s)


def _percent_cn(m: re.Match[str]) -> Quantity | None:
    try:
        lo = _num_any(m.group("n"))
        hi = _num_any(m.group("n2")) if m.group("n2") else None
    except (ValueError, KeyError):
        return None
    ap = _APPROX_PRE[m.group("ap")] if m.group("ap") else None
    q = Quantity(
        m.group(0), m.start(), m.end(), float(lo), None if hi is None else float(hi), "%", "percent", ap, ""
    )
    q.english = render_english(q)
    return q


def _tenths(m: re.Match[str]) -> Quantity:
    lo = _num_any(m.group("n")) * 10
    hi = _num_any(m.group("n2")) * 10 if m.group("n2") else None
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
    base = _MULTS.get(m.group("m"), 10)  # 十 is the one vague base that is not a multiplier
    words = _VAGUE_MULTS[m.group("m")]
    kind, unit = _unit_of(m.group("unit"))
    if kind == "amount":
        cur = {"CNY": "yuan", "USD": "US dollars", "HKD": "Hong Kong dollars", "EUR": "euros"}
        english = f"{words} of {cur.get(unit, unit)}"
    elif unit == "years" and m.group("m") == "十":
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


# ---------------------------------------------------------------------------------------------------
# The entry point


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity expression in ``text``, in order, non-overlapping; spans index ``text`` itself.

    Full-width digits and ％ are read as ASCII (the spans stay those of the input).
    """
    folded = text.translate(_FOLD)
    candidates: list[Quantity] = []
    for rx in _DATES:
        candidates.extend(_date(m) for m in rx.finditer(folded))
    for rx, make in ((_PERCENT_CN, _percent_cn), (_TENTHS, _tenths), (_FRACTION, _fraction)):
        for m in rx.finditer(folded):
            q = make(m)
            if q is not None:
                candidates.append(q)
    for m in _VAGUE.finditer(folded):
        candidates.append(_vague(m))
    for m in _BARE_MULT.finditer(folded):
        candidates.append(_bare_mult(m))
    toks = [t for t in (_token(m, folded) for m in _TOKEN.finditer(folded)) if t is not None]
    for t1, t2 in _merge_ranges(toks, folded):
        q = _quantity_from(t1, t2, folded)
        if q is not None:
            candidates.append(q)
    # Longest expression wins; earlier wins a tie (a date "2025年3月" over the bare "2025").
    candidates.sort(key=lambda q: (-(q.end - q.start), q.start))
    taken = bytearray(len(folded) + 1)
    chosen: list[Quantity] = []
    for q in candidates:
        if any(taken[q.start : q.end]):
            continue
        taken[q.start : q.end] = b"\x01" * (q.end - q.start)
        q.source = text[q.start : q.end]
        chosen.append(q)
    chosen.sort(key=lambda q: q.start)
    return chosen


def format_chinese_amount(value: float | int | Decimal, currency: str | None = None) -> str:
    """1.2e7, USD → 1200万美元 (the writing the parser reads back)."""
    word = {"CNY": "元", "USD": "美元", "HKD": "港元", "EUR": "欧元", "JPY": "日元", "GBP": "英镑"}
    return to_chinese(value) + (word[currency] if currency else "")


__all__ = [
    "cn_to_decimal",
    "find_quantities",
    "format_chinese_amount",
    "format_currency",
    "format_number",
    "int_to_chinese",
    "quantities_in_article",
    "to_chinese",
]


def quantities_in_article(article: Article) -> list[Quantity]:
    """``find_quantities`` over every sentence, each quantity tagged with its sentence id (§2¶3s1)."""
    out: list[Quantity] = []
    for s in article.sentences():
        for q in find_quantities(s.text):
            q.sentence_id = s.id
            out.append(q)
    return out
