"""Names the glossary does not know, found by jieba's part-of-speech tags and rendered in Hanyu Pinyin.

Most of the Chinese a small model leaves in its English is names (安康市, 岚皋县, a person's name): it has
never seen them, so it copies them. A pinyin rendering pinned in the prompt gives it something to copy
instead. Only names whose pinyin rendering is the established English form are pinned:

- places with an administrative suffix (岚皋县 → Langao County, 安康市 → Ankang City, 陕西省 → Shaanxi
  Province); a bare place name (美国, 北京) is left to the model, which knows the famous ones far better
  than pinyin does (美国 is "the United States", not "Meiguo");
- people whose name starts with a common Chinese surname, surname first (方晗 → Fang Han); names with
  the characters of transliterated foreign names (马斯克 = Musk) are left alone.

Organizations and other proper nouns (nt, nz) are reported but not pinned: their English names are rarely
pinyin (新华社 is Xinhua News Agency). Everything found is reported so ``glossary mine`` can offer it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin

from toolkit.segment import Segmenter

# Common surnames (the top hundred or so cover the great majority of people in Chinese news).
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童"
    "凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项"
    "连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲"
    "虞敖巩明佘池查麻苑迟邝商"
)
_COMPOUND_SURNAMES = {
    "欧阳": "Ouyang",
    "司马": "Sima",
    "上官": "Shangguan",
    "诸葛": "Zhuge",
    "东方": "Dongfang",
    "皇甫": "Huangfu",
    "令狐": "Linghu",
    "司徒": "Situ",
    "慕容": "Murong",
    "尉迟": "Yuchi",
    "长孙": "Zhangsun",
    "夏侯": "Xiahou",
}
# Surnames read differently from the same character in ordinary words.
_SURNAME_READING = {
    "单": "Shan",
    "曾": "Zeng",
    "区": "Ou",
    "仇": "Qiu",
    "解": "Xie",
    "朴": "Piao",
    "查": "Zha",
    "乐": "Yue",
    "盖": "Ge",
    "缪": "Miao",
    "翟": "Zhai",
    "覃": "Qin",
    "华": "Hua",
    "任": "Ren",
    "万": "Wan",
    "柏": "Bai",
    "尉": "Wei",
    "燕": "Yan",
    "宁": "Ning",
}
# Characters typical of transliterated foreign names and rare in Chinese given names.
_TRANSLITERATION = set("斯克尔普娜丝姆夫茨基奇亚蒂莉伊梅森诺")

# Administrative suffixes, longest first so 自治县 wins over 县.
_PLACE_SUFFIXES = [
    ("特别行政区", "SAR"),
    ("自治区", "Autonomous Region"),
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("省", "Province"),
    ("市", "City"),
    ("县", "County"),
    ("区", "District"),
    ("镇", "Town"),
    ("乡", "Township"),
    ("村", "Village"),
]
# Place stems whose English name is not their plain pinyin, and the four municipalities (北京市 is
# "Beijing", never "Beijing City").
_PLACE_STEMS = {
    "陕西": "Shaanxi",
    "内蒙古": "Inner Mongolia",
    "西藏": "Tibet",
    "香港": "Hong Kong",
    "澳门": "Macao",
    "广西壮族": "Guangxi Zhuang",
    "宁夏回族": "Ningxia Hui",
    "新疆维吾尔": "Xinjiang Uygur",
}
_MUNICIPALITIES = {"北京": "Beijing", "上海": "Shanghai", "天津": "Tianjin", "重庆": "Chongqing"}
# jieba tags some ordinary phrases ``ns``: 大省 "populous province" (人口大省), 各市县 "every city and county".
# A one-character stem that is an adjective or a determiner, or a stem that ends in another administrative
# suffix, names no place (pinned, 大省 became "Da Province" in dev line 10).
_GENERIC_STEMS = set("大小强弱穷富各全本该每此这那某外邻诸两几多")
_ADMIN_CHARS = set("省市县区镇乡村州")

NAME_TAGS = ("nr", "ns", "nt", "nz")


@dataclass(frozen=True)
class Name:
    zh: str
    kind: str
    """``person``, ``place``, ``organization`` or ``other`` (from jieba's nr/ns/nt/nz)."""
    en: str | None
    """The pinned pinyin rendering, or None when the name is only reported."""


def pinyin_word(text: str) -> str:
    """Hanyu Pinyin of a word, syllables joined, apostrophe before a/o/e syllables (西安 → Xi'an)."""
    # v_to_u: 吕 is Lü, not "lv" (ü after j/q/x/y is written u anyway).
    sylls = [s for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore", v_to_u=True) if s]
    out = ""
    for i, s in enumerate(sylls):
        if i and s[0] in "aoe":
            out += "'"
        out += s
    return out[:1].upper() + out[1:]


def person_name(zh: str) -> str | None:
    """Pinyin for a Chinese person's name, surname first (方晗 → Fang Han), or None if it is not one."""
    if not 2 <= len(zh) <= 4 or any(ch in _TRANSLITERATION for ch in zh):
        return None
    if zh[0] in zh[1:]:
        # The surname again in the given name: jieba's HMM cutting a phrase, 支农惠农 → 农惠农 "Nong Huinong".
        return None
    if zh[:2] in _COMPOUND_SURNAMES and len(zh) >= 3:
        surname, given = _COMPOUND_SURNAMES[zh[:2]], zh[2:]
    elif zh[0] in _SURNAMES and len(zh) <= 3:
        surname, given = _SURNAME_READING.get(zh[0]) or pinyin_word(zh[0]), zh[1:]
    else:
        return None
    return f"{surname} {pinyin_word(given)}"


def _place_parts(zh: str) -> tuple[str, str, str] | None:
    """(stem, suffix, English suffix) of a place with an administrative suffix, else None."""
    for suffix, english in _PLACE_SUFFIXES:
        if zh.endswith(suffix) and len(zh) > len(suffix):
            return zh[: -len(suffix)], suffix, english
    return None


def _generic_place(zh: str) -> bool:
    """An ordinary phrase jieba tags as a place (大省, 各市县): not a name at all, not even to report."""
    parts = _place_parts(zh)
    if parts is None:
        return False
    stem = parts[0]
    return (len(stem) == 1 and stem in _GENERIC_STEMS) or stem[-1] in _ADMIN_CHARS


def place_name(zh: str) -> str | None:
    """English for a place with an administrative suffix (岚皋县 → Langao County), else None."""
    parts = _place_parts(zh)
    if parts is None or _generic_place(zh):
        return None
    stem, suffix, english = parts
    if suffix == "市" and stem in _MUNICIPALITIES:
        return _MUNICIPALITIES[stem]
    return f"{_PLACE_STEMS.get(stem) or pinyin_word(stem)} {english}"


def _word_not_name(word: str, segmenter: Segmenter) -> bool:
    """jieba's dictionary tags thousands of ordinary two-character words ``nr`` because one reading of them
    is a name (高喊 "shout", 冷笑 "sneer", 周转 "turnover"). When the second character is a verb on its own,
    the word is almost always the ordinary word: pinning 高喊 as "Gao Han" made the seed's summary fail a
    pin it should never have had. Names the dictionary does not hold (most people in the news) are found by
    jieba's HMM and are not affected."""
    return (
        len(word) == 2
        and segmenter.dict_tag(word) == "nr"
        and (segmenter.dict_tag(word[1]) or "").startswith("v")
    )


_KINDS = {"nr": "person", "ns": "place", "nt": "organization", "nz": "other"}


def find_names(text: str, segmenter: Segmenter, known: Iterable[str] = ()) -> list[Name]:
    """Proper names in ``text`` (jieba nr/ns/nt/nz), first occurrence order, without the ``known`` ones.

    ``known`` are source strings the glossary already pins; a name inside one of them is skipped, since
    the glossary's form wins.
    """
    known = [k for k in known if k]
    seen: set[str] = set()
    out: list[Name] = []
    for tok in segmenter.pos_tokens(text):
        tag = (tok.pos or "")[:2]
        if tag not in NAME_TAGS or tok.text in seen or len(tok.text) < 2:
            continue
        if any(tok.text in k or k in tok.text for k in known):
            continue
        seen.add(tok.text)
        if tag == "nr" and _word_not_name(tok.text, segmenter):
            continue
        en = None
        if tag == "nr":
            en = person_name(tok.text)
        elif tag == "ns":
            en = place_name(tok.text)
            if en is None and _generic_place(tok.text):
                continue
        out.append(Name(tok.text, _KINDS[tag], en))
    return out
