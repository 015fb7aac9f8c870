"""The pattern tables that find quantities in Chinese text: approximation words (近, 超过, 左右), numbers
(Arabic and Chinese), multipliers (万, 亿), units with the guards that keep them from eating words (元 not
元素), and the special forms (百分之三十, 三成, 三分之一, 数亿, 过亿). Dates are ``chinese_dates``."""

from __future__ import annotations

import re

from toolkit.quantities.model import COUNT_ZH, CURRENCY_ZH, DURATION_ZH, JIAO_ZH, MEASURE_ZH
from toolkit.quantities.numerals import CN_CHARS

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
    rf"(?:(?![千][瓦米克])[{_CN_START}])(?:(?![千][瓦米克])[{CN_CHARS}])*(?:点[零〇一二三四五六七八九]+)?"
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

_PERCENT_CN = re.compile(
    rf"(?P<ap>{_AP})?百分之(?P<n>{_NUM_CN}|\d+(?:\.\d+)?)(?:(?:至|到|-)(?:百分之)?(?P<n2>{_NUM_CN}|\d+(?:\.\d+)?))?"
)
_TENTHS = re.compile(
    rf"(?P<ap>{_AP})?(?<![\d{CN_CHARS}])(?P<n>[一二两三四五六七八九]|\d)成"
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
    rf"(?:以(?P<m_by>{_alt(_VAGUE_MULTS)})计|(?P<m>{_alt(_VAGUE_MULTS)})(?P<unit>{_UNIT})?)"
)  # 数以万计 = "tens of thousands", like 数万
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
