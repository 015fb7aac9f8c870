"""Names the glossary does not know, found by jieba's part-of-speech tags and pinned only with evidence.

Most of the Chinese a small model leaves in its English is names (安康市, 岚皋县, a person's name): it has
never seen them, so it copies them, or invents (奇点智源 → "Xidian AI"). A pinned English form gives it
something to copy instead. But jieba tags plenty of ordinary words as names (上市 "go public" as a place,
高喊 "shout" as a person), and a pinned guess for one is obeyed: "moved to Shang City". So a word is pinned
only when the evidence says it is a name, and the English comes from the best source that has it:

1. the glossary (its pin wins; the name is listed with source ``glossary``);
2. CC-CEDICT (``toolkit.annotate.cedict``): a word CEDICT knows only as an ordinary word is rejected; a
   proper-noun entry gives the established English (鲁迅 Lu Xun, 卢旺达 Rwanda, 西安 Xi'an);
3. the place table (``toolkit.annotate.gazetteer``): provinces, cities, countries, capitals;
4. pinyin, for a place with an administrative suffix (岚皋县 → Langao County) and for a person whose name
   starts with a common surname and nothing around it says otherwise (方晗 → Fang Han). Pinyin names are
   guesses: briefs and translations list them under "names to check".

What is rejected is kept with the reason (``Rejected``), so ``zhbrief names`` can show it. Organizations
and other proper nouns (nt, nz) are reported but not pinned: their English names are rarely pinyin (新华社 is
Xinhua News Agency); ``glossary mine`` offers every reported name as a candidate.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin

from toolkit.annotate.cedict import gloss as cedict_gloss
from toolkit.annotate.cedict import is_ordinary
from toolkit.annotate.cedict import senses as cedict_senses
from toolkit.annotate.gazetteer import lookup as place_lookup
from toolkit.cjk import NAME_SEPARATORS, has_han
from toolkit.segment import Segmenter, Token

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
# More of them, rare in Chinese given names though some are surnames (罗, 索), so read after the surname.
_TRANSLITERATION_GIVEN = set("布洛扎塞兹默耶娅娃索萨拉罗特纳卡")

NAME_TAGS = ("nr", "ns", "nt", "nz")
NAME_SOURCES = ("glossary", "cedict", "gazetteer", "pinyin")


@dataclass(frozen=True)
class Name:
    zh: str
    kind: str
    """``person``, ``place``, ``organization`` or ``other`` (from jieba's nr/ns/nt/nz and the evidence)."""
    en: str | None
    """The English pinned for it, or None when the name is only reported."""
    source: str = ""
    """Where ``en`` comes from: ``glossary``, ``cedict``, ``gazetteer`` or ``pinyin`` (empty: not pinned)."""
    note: str = ""
    """The evidence for the pin, or why the name is only reported."""

    @property
    def pinned(self) -> bool:
        """Whether the name pins its English (a glossary name is pinned by the glossary, not here)."""
        return bool(self.en) and self.source in ("cedict", "gazetteer", "pinyin")

    @property
    def guess(self) -> bool:
        """A pinyin rendering: a guess the reader should check (a "name to check")."""
        return self.pinned and self.source == "pinyin"


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


# Administrative suffixes, longest first so 自治县 wins over 县. 地区 ("area") has no English: it is
# recognized so that 亚太地区 is not read as 亚太地 + 区 "District".
_PLACE_SUFFIXES = [
    ("特别行政区", "SAR"),
    ("自治区", "Autonomous Region"),
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("地区", ""),
    ("省", "Province"),
    ("市", "City"),
    ("县", "County"),
    ("区", "District"),
    ("镇", "Town"),
    ("乡", "Township"),
    ("村", "Village"),
]
_ADMIN_CHARS = set("省市县区镇乡村州")
# Characters a Chinese given name does not use because they are grammar (localizers, particles,
# prepositions, conjunctions, pronouns): jieba's HMM glues them to a surname-like character (费后 in
# "营销费后毛利", "after marketing costs").
_GRAMMAR = set(
    "后前里内外的了着过是在与及或而但也都还就又才将被把对向从于以等之其这那此每各某该们吗呢吧啊呀说"
)
# Characters that follow a name in running text (说 says, 等 and others, 的 's …): any other single
# character right after a two-character name is more likely its third character (王礼|稳 → 王礼稳).
_FOLLOWERS = set("说等的在和与是也都还又就曾将被把对向从为及了着过称指表讲给跟同让请带到来去")
# Geographic features a person's given name does not end in (江, 山, 海 and 村 do, so they are not here).
_FEATURES = set("河湖路街桥港湾岛")
# Institutions' last characters (卫健委 "health commission", 公安局 "police bureau"), not given names'.
_INSTITUTIONS = set("委局厅署办处")
_CLAUSE_END = set("，。；！？,;!?：:\n（）()、")
# What marks the words around a name as a person's context: a title or role before it (县长, 记者, 主任,
# 总统, 教授), a list separator or an opening bracket, a reporting verb after it.
_TITLE_ENDS = set("长员者师官任理统席授委记书帅将军手家")
_TITLES = {"妻子", "丈夫", "儿子", "女儿", "父亲", "母亲", "先生", "女士", "同学", "老师", "网友", "选手"}
_BEFORE = set("、：:（(“\"'‘")
_SPEECH = {"说", "表示", "介绍", "指出", "认为", "称", "透露", "强调", "告诉", "说道", "坦言", "回忆"}
# jieba dictionary tags of characters that are far more often words than surnames (查 "check", 高 "high",
# 于 "at"): a two-character name starting with one needs a person's context.
_WORDY_TAGS = ("v", "p", "c", "d", "r", "m", "a", "vn", "ad")
_KINDS = {"nr": "person", "ns": "place", "nt": "organization", "nz": "other"}


def _place_parts(zh: str) -> tuple[str, str, str] | None:
    """(stem, suffix, English suffix) of a place with an administrative suffix, else None."""
    for suffix, english in _PLACE_SUFFIXES:
        if zh.endswith(suffix) and len(zh) > len(suffix):
            return zh[: -len(suffix)], suffix, english
    return None


def _known_place(zh: str) -> tuple[str, str, str] | None:
    """(English, source, kind) of a place the gazetteer or CEDICT names unambiguously, else None."""
    place = place_lookup(zh)
    if place is not None:
        return place.en, "gazetteer", place.kind
    senses = cedict_senses(zh)
    proper = [s for s in senses if s.english]
    if proper and len(proper) == len(senses):
        return proper[0].english or "", "cedict", proper[0].kind or ""
    return None


def place_english(zh: str) -> tuple[str, str, str] | None:
    """(English, source, evidence) for a place, or None when nothing says it is one.

    Evidence is a gazetteer or CEDICT entry for the whole word, or an administrative suffix after a stem of
    two or more characters that is not itself a phrase with a suffix (各市县). The stem's English comes
    from the gazetteer, then CEDICT, then pinyin (岚皋县 → Langao County).
    """
    parts = _place_parts(zh)
    whole = _known_place(zh)
    if whole is not None and (parts is None or not parts[2] or place_lookup(zh) is not None):
        en, source, kind = whole
        return en, source, f"{source}: {kind or 'proper noun'}"
    if parts is None:
        return None
    stem, suffix, suffix_en = parts
    if not suffix_en or len(stem) < 2 or stem[-1] in _ADMIN_CHARS:
        return None
    known = _known_place(stem)
    if known is not None:
        en, source, kind = known
        # The municipalities and SARs are their bare name in English: 北京市 is "Beijing".
        if kind in ("municipality", "sar"):
            return en, source, f"{source}: {stem} ({kind})"
        # CEDICT's English for a stem may carry the suffix already (岚皋 "Langao County in Ankang…").
        full = en if en.lower().endswith(suffix_en.lower()) else f"{en} {suffix_en}"
        return full, source, f"{source}: {stem} + {suffix}"
    return f"{pinyin_word(stem)} {suffix_en}", "pinyin", f"place suffix {suffix}"


def place_name(zh: str) -> str | None:
    """English for a place with evidence (岚皋县 → Langao County, 上海 → Shanghai), else None."""
    got = place_english(zh)
    return got[0] if got else None


@dataclass(frozen=True)
class Rejected:
    """A word jieba tagged as a name that the evidence says is not one."""

    zh: str
    kind: str
    reason: str


def _foreign_separator(tok: Token, text: str) -> bool:
    return (
        text[tok.start - 1 : tok.start] in NAME_SEPARATORS or text[tok.end : tok.end + 1] in NAME_SEPARATORS
    )


def _foreign(tokens: Sequence[Token], i: int, text: str) -> str | None:
    """Why the person at ``tokens[i]`` looks like a foreign name in transliteration, else None."""
    tok = tokens[i]
    zh = tok.text
    if any(ch in _TRANSLITERATION for ch in zh) or any(ch in _TRANSLITERATION_GIVEN for ch in zh[1:]):
        return "characters of a transliterated name"
    if _foreign_separator(tok, text):
        return "next to the · of a foreign name"
    for prev in reversed(tokens[:i]):
        if prev.text in _CLAUSE_END:
            break
        place = place_lookup(prev.text)
        if place is not None and place.foreign:
            return f"after {prev.text} ({place.en}) in the same clause"
    return None


# Single characters that stand on their own before a name (在北京, 和王斌, 赴美): any other lone character
# right before a name may belong to it, and jieba cut the name wrongly (广|东海 of 广东海警局).
_STAND_BEFORE = set(
    "在的和与从到向对是为把被及或由自经于往至将给让同跟比以据称说等了着过也都还又就才赴访来去离令请使叫派"
)
# CEDICT glosses of proper nouns that are not a person's or a place's established English: a given name
# whose spelling varies (Hannah/Hanna), a deity, a brand.
_NOT_A_NAME_GLOSS = ("(name)", "(given name)", "(goddess)", "(god)", "(deity)", "(brand)")


def _boundary_doubt(tokens: Sequence[Token], i: int) -> str | None:
    """Why jieba's boundaries around ``tokens[i]`` are doubtful (a lone character glued on), else None."""
    prev = tokens[i - 1].text if i else ""
    if len(prev) == 1 and has_han(prev) and prev not in _STAND_BEFORE:
        return f"a lone {prev} before it ({prev}|{tokens[i].text})"
    return None


def _person_context(tokens: Sequence[Token], i: int) -> bool:
    prev = tokens[i - 1].text if i else ""
    nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
    return (
        not prev
        or prev[-1] in _BEFORE
        or prev[-1] in _TITLE_ENDS
        or prev in _TITLES
        or nxt in _SPEECH
        or nxt in _TITLES
    )


def _judge_person(
    tokens: Sequence[Token], i: int, text: str, segmenter: Segmenter, longer: Collection[str]
) -> Name | Rejected:
    zh = tokens[i].text
    nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
    word = next((zh[:k] for k in range(len(zh) - 1, 1, -1) if is_ordinary(zh[:k])), None)
    if word and len(zh) > 3:
        # 马拉松式 "marathon-style": an ordinary word with a suffix; a Chinese name is rarely four characters.
        return Rejected(zh, "person", f"starts with the ordinary word {word} ({cedict_gloss(word)})")
    foreign = _foreign(tokens, i, text)
    if foreign:
        return Name(zh, "person", None, "", f"foreign name ({foreign}): pinyin would be wrong")
    if zh[-1] in _FEATURES and len(zh) >= 3:
        return Name(zh, "place", None, "", f"ends in {zh[-1]}: a place, not a person")
    if zh[-1] in _INSTITUTIONS:
        return Name(zh, "organization", None, "", f"ends in {zh[-1]}: an institution, not a person")
    en = person_name(zh)
    if en is None:
        return Name(zh, "person", None, "", "no common surname: reported, not pinned")
    surname = zh[:2] if zh[:2] in _COMPOUND_SURNAMES else zh[0]
    bad = [ch for ch in zh[len(surname) :] if ch in _GRAMMAR]
    if bad:
        return Rejected(zh, "person", f"{bad[0]} is a function word, not part of a given name")
    if len(zh) == 3 and is_ordinary(zh[:2]):
        return Rejected(zh, "person", f"starts with the ordinary word {zh[:2]} ({cedict_gloss(zh[:2])})")
    wordy = (segmenter.dict_tag(zh[0]) or "") in _WORDY_TAGS
    if len(zh) == 2 and wordy and not _person_context(tokens, i):
        return Rejected(
            zh, "person", f"{zh[0]} is more often a word than a surname, and no title or list marks a name"
        )
    cut = sorted(m for m in longer if m != zh and m.startswith(zh))
    if cut:
        return Name(zh, "person", None, "", f"cut short: {cut[0]} elsewhere in the text")
    cut_after = _cut_after(tokens, i, segmenter)
    if cut_after:
        whole = zh + nxt
        full = person_name(whole) if len(zh) == 2 and nxt not in _GRAMMAR else None
        if full and whole in longer:
            return Name(whole, "person", full, "pinyin", f"surname {surname}; jieba cut {zh}|{nxt}")
        return Name(zh, "other", None, "", cut_after)
    return Name(zh, "person", en, "pinyin", f"surname {surname}")


def _cut_after(tokens: Sequence[Token], i: int, segmenter: Segmenter) -> str | None:
    """Why the person at ``tokens[i]`` may go on past jieba's cut, else None: a lone character after it
    that is not one that follows names (说, 等, 家 …) and not a word of its own (张笑|然, 李斯|博)."""
    nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if len(nxt) != 1 or not has_han(nxt) or nxt in _FOLLOWERS:
        return None
    tag = segmenter.dict_tag(nxt) or ""
    if tag[:1] in ("v", "p", "u", "q", "m", "d", "f", "k"):
        return None
    return f"a lone {nxt} after it: part of a longer name ({tokens[i].text}{nxt}…)"


def _judge(
    tokens: Sequence[Token], i: int, text: str, segmenter: Segmenter, longer: Collection[str]
) -> Name | Rejected:
    tok = tokens[i]
    zh, kind = tok.text, _KINDS[(tok.pos or "")[:2]]
    senses = [s for s in cedict_senses(zh) if not s.surname]
    proper = [s for s in senses if s.english]
    if senses and not any(s.proper for s in senses):
        return Rejected(zh, kind, f"ordinary word (CEDICT: {cedict_gloss(zh)})")
    common = next((s for s in senses if not s.proper), None)
    if proper and common is not None:
        note = f"CEDICT has it as {proper[0].english} and as '{common.glosses[0]}': not pinned"
        return Name(zh, kind, None, "", note)
    if kind in ("organization", "other"):
        note = f"CEDICT: {proper[0].english}" if proper else "organization or other name: not pinned"
        return Name(zh, kind, None, "", note)
    doubt = _boundary_doubt(tokens, i)
    if doubt:
        return Name(zh, kind, None, "", f"boundary doubtful: {doubt}")
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and (nxt.pos or "")[:2] in ("nz", "nt") and kind == "place":
        # 罗马天主教 is the Roman Catholic church: a place naming another name is an attribute, and its
        # English is then often an adjective the pin would forbid.
        return Name(zh, kind, None, "", f"an attribute of {nxt.text}: the English may be an adjective")
    place = place_lookup(zh)
    if place is not None:
        return Name(zh, "place", place.en, "gazetteer", f"gazetteer: {place.kind}")
    if proper and _place_parts(zh) is None:
        s = proper[0]
        first = s.glosses[0]
        if any(m in first for m in _NOT_A_NAME_GLOSS) or (kind == "person" and s.kind is None):
            return Name(zh, kind, None, "", f"CEDICT: {first[:60]}: not a person's or place's English")
        if s.ambiguous:
            return Name(zh, kind, None, "", f"CEDICT names more than one place: {' / '.join(s.glosses[:2])}")
        longer_name = _cut_after(tokens, i, segmenter) or _foreign_separator(tokens[i], text)
        if (kind == "person" or s.kind == "person") and longer_name:
            return Name(zh, "person", None, "", "part of a longer name")
        return Name(zh, s.kind or kind, s.english, "cedict", f"CEDICT: {first[:60]}")
    if kind == "place" or proper:
        got = place_english(zh)
        if got is not None:
            en, source, note = got
            return Name(zh, "place", en, source, note)
        parts = _place_parts(zh)
        if parts is not None and (len(parts[0]) < 2 or parts[0][-1] in _ADMIN_CHARS):
            return Rejected(zh, "place", f"{parts[0]} + {parts[1]} is a phrase, not a place name")
        if parts is not None and parts[1] == "地区":
            return Name(zh, "place", None, "", "地区 'area': a region, usually not a proper name")
        return Name(zh, "place", None, "", "no place suffix and no gazetteer or CEDICT entry")
    return _judge_person(tokens, i, text, segmenter, longer)


def person_candidates(tokens: Iterable[Token]) -> set[str]:
    """The strings jieba tags as people in ``tokens`` (a document's ``longer`` names)."""
    return {t.text for t in tokens if (t.pos or "").startswith("nr") and len(t.text) >= 2}


def examine_names(
    text: str,
    segmenter: Segmenter,
    known: Mapping[str, str] | Iterable[str] = (),
    *,
    longer: Collection[str] = (),
    tokens: Sequence[Token] | None = None,
) -> tuple[list[Name], list[Rejected]]:
    """Names in ``text`` (first occurrence order) and the words rejected as names, with the reason.

    ``known``: source strings already pinned (the glossary's, with their English when a mapping); a name
    equal to or inside one is listed with source ``glossary`` and never pinned again. ``longer``: names
    jieba found elsewhere in the same document; a person that is the start of one was cut short (张继 of
    张继科) and is not pinned. ``tokens``: ``segmenter.pos_tokens(text)`` when the caller has them.
    """
    pinned = dict(known) if isinstance(known, Mapping) else dict.fromkeys(known, "")
    pinned = {k: v for k, v in pinned.items() if k}
    toks = list(tokens) if tokens is not None else segmenter.pos_tokens(text)
    seen: set[str] = set()
    names: list[Name] = []
    rejected: list[Rejected] = []
    for i, tok in enumerate(toks):
        tag = (tok.pos or "")[:2]
        if tag not in NAME_TAGS or tok.text in seen or len(tok.text) < 2:
            continue
        seen.add(tok.text)
        hit = next((k for k in pinned if tok.text in k or k in tok.text), None)
        if hit is not None:
            en = pinned[hit] if hit == tok.text else ""
            names.append(Name(tok.text, _KINDS[tag], en or None, "glossary", f"glossary term {hit}"))
            continue
        got = _judge(toks, i, text, segmenter, longer)
        if isinstance(got, Rejected):
            rejected.append(got)
        elif got.zh not in {n.zh for n in names}:
            names.append(got)
    return names, rejected


def find_names(
    text: str,
    segmenter: Segmenter,
    known: Mapping[str, str] | Iterable[str] = (),
    *,
    longer: Collection[str] = (),
) -> list[Name]:
    """Proper names in ``text`` (jieba nr/ns/nt/nz) that survive the evidence rule; see ``examine_names``."""
    return examine_names(text, segmenter, known, longer=longer)[0]
