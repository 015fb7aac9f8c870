"""Places: a place the English names needs one of its Chinese forms in the source (the shipped tables,
``annotate.gazetteer``); "global"/"worldwide" need a word of that scope; "X County" needs X to be one.
``scope_fixes`` is the one deterministic repair: the source says 全球 and the English names a country.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from toolkit.annotate import cedict, gazetteer
from toolkit.checks.grounding.claims import Unsupported
from toolkit.checks.grounding.numbers import _CN_DIGITS
from toolkit.checks.grounding.pinyin import _source_readings, is_pinyin, pinyin_spans
from toolkit.segment import Segmenter, Token

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
    """The hand-kept one-character forms (美, 沪, 鄂): one beside another names both (中美, 京津冀). CC-CEDICT's
    longer list (以 Israel, 西 Spain) is too common a set of characters for that."""
    return "".join(
        sorted({z for p in gazetteer.places().values() for z in (p.zh, *p.also_zh) if len(z) == 1})
    )


_ABBR_AFTER = "方军籍企股媒政总国商侨资城"
_ABBR_BEFORE = "访赴在对来驻留旅抵返离回中"
_ABBR_TRAVEL = "访赴来驻留旅抵返离回"  # not 在, 对, 中: 在新, 对新冠, 中新网 name no Singapore


@functools.lru_cache(maxsize=256)
def source_words(source: str) -> dict[int, str]:
    """jieba's words of ``source`` by start offset (cached: the place and omission checks read the same
    source)."""
    return {t.start: t.text for t in _segmenter().tokens(source)}


@functools.lru_cache(maxsize=256)
def source_tagged(source: str) -> tuple[Token, ...]:
    """jieba's words of ``source`` with their part-of-speech tags, from the same segmenter (cached: the
    omission check reads what a country qualifies)."""
    return tuple(_segmenter().pos_tokens(source))


@functools.lru_cache(maxsize=1)
def _segmenter() -> Segmenter:
    # jieba's own dictionary, no glossary words: only whether 美 stands alone (美方) or inside a word (美元).
    return Segmenter()


def _names_place(source: str, zh: str, strict: bool = False) -> bool:
    """``zh`` stands in ``source`` as a name of the place. A one-character abbreviation (美, 沪) counts only
    as a word of its own (jieba's), beside another (中美, 京津冀), beside a word that makes it one (美方,
    访美, 京城) or glued by jieba to a neighbour into no dictionary word (援鄂): 美 of 美元 or 美丽 is not the
    US. ``strict``: CC-CEDICT's abbreviations, many of them common characters (新 Singapore, 以 Israel, 马
    Malaysia), count only after a verb of travel (来厦, 访叙), before a word that makes them one (叙政府) or
    glued to a word CC-CEDICT knows (伊外长, 俄专家)."""
    if len(zh) > 1:
        return zh in source
    if zh not in source:
        return False
    abbr = _abbreviations()
    tokens = source_words(source)
    for m in re.finditer(re.escape(zh), source):
        before = source[m.start() - 1] if m.start() else ""
        after = source[m.end()] if m.end() < len(source) else ""
        if before.isdigit() or (before and before in _CN_DIGITS + "月"):
            continue  # 26日 is a day, not Japan
        token = next((t for at, t in tokens.items() if at <= m.start() < at + len(t)), "")
        near, verbs = ("", _ABBR_TRAVEL) if strict else (abbr, _ABBR_BEFORE)
        if not strict and (token == zh or (len(token) > 1 and all(c in abbr for c in token))):
            return True
        if (before and before in near + verbs) or (after and after in near + _ABBR_AFTER):
            return True
        if _glued(token, zh, strict):
            return True
    return False


def _glued(token: str, zh: str, strict: bool = False) -> bool:
    """jieba glued the abbreviation to a neighbour into a word CC-CEDICT does not know: its HMM's new words
    (援鄂, 来厦, 向菲), a noun of its own dictionary (中铁), or the abbreviation onto a word CC-CEDICT knows
    (俄 + 海军, 伊 + 外长). The abbreviation stands at the token's edge and no CC-CEDICT word inside the
    token holds it. Not 美丽, 道德, 日期 (words), 美元汇率 (holds 美元), 首日, 意在 (jieba's time word, verb)."""
    if len(token) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", token):
        return False
    at = 0 if token.startswith(zh) else len(token) - 1 if token.endswith(zh) else -1
    if at < 0:
        return False
    if any(
        cedict.senses(token[i:j]) for i in range(at + 1) for j in range(max(i + 2, at + 1), len(token) + 1)
    ):
        return False
    rest = token[1:] if at == 0 else token[:-1]
    if len(rest) >= 2 and cedict.senses(rest):
        return True
    if strict:  # CC-CEDICT's common characters: jieba's new person names hold them (连新明)
        return False
    # A new word of jieba's HMM (援鄂), or a noun or abbreviation of its dictionary (中铁, 中建), not a verb or
    # a time word (意在, 首日).
    seg = _segmenter()
    return seg.tokenizer.FREQ.get(token) is None or seg.dict_tag(token) in _NOMINAL


_NOMINAL = frozenset({"n", "ns", "nt", "nz", "j"})


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


def _grounded_place(
    form: str, places: Sequence[gazetteer.Place], source: str, grounded: set[str], english: str = ""
) -> bool:
    if any(_names_place(source, z, z in p.cedict_zh) for p in places for z in p.zh_forms):
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
    if first != form and first in index and _grounded_place(first, index[first], source, grounded, english):
        return True
    key = re.sub(r"[^a-z]", "", form.lower())
    if len(key) >= 4 and is_pinyin(key) and bool(pinyin_spans(source, key)):
        return True
    # A word of the source CC-CEDICT glosses with the place: 两湖 "Hubei … and Hunan … provinces", 抗日
    # "anti-Japanese", 新京报 "Beijing news".
    return any(gazetteer.glossed(source, e, english) for e in dict.fromkeys((form, *(p.en for p in places))))


def _company_of_a_source_place(source: str, english: str, end: int) -> bool:
    """The source names its company after a place: a place of the source is followed, in the same phrase, by
    a word CC-CEDICT glosses with the English's company word (美国航空公司: 航空公司 "airline"; 中国建设银行:
    银行 "bank"). Then the English company's place must be that one: "Hubei Airlines" for 美国航空公司 is
    wrong."""
    words = re.match(r"(?:\s+[A-Z][\w&'.-]*){1,3}", english[end:])
    kinds = {re.sub(r"(?:['’]s?|[.,])$", "", w).lower() for w in (words.group(0).split() if words else ())}
    kinds = {k[:-1] if k.endswith("s") else k for k in kinds if k}
    if not kinds:
        return False
    for p in gazetteer.places().values():
        for z in (p.zh, *p.also_zh):
            for m in re.finditer(re.escape(z), source) if len(z) >= 2 else ():
                tail = re.split(r"[^\u4e00-\u9fff]", source[m.end() : m.end() + 8])[0]
                for i in range(len(tail)):
                    for j in range(i + 2, len(tail) + 1):
                        heads = [g.lower() for s in cedict.senses(tail[i:j]) for g in s.glosses]
                        if any(re.search(rf"\b{re.escape(k)}", h) for k in kinds for h in heads):
                            return True
    return False


def _in_company(english: str, end: int) -> bool:
    """The place word begins a company's name: the capitalised words after it end in a company word
    (Greenland Holdings, China Construction Bank, Korean Air; CC-CEDICT's, ``gazetteer.company_words``).
    Not judged as a place, unless the source names a place of its sort (a foreign one, a Chinese one): then
    "German Airlines" for 美国航空公司 is a wrong place like any other."""
    words = re.match(r"(?:\s+[A-Z][\w&'.-]*){1,3}", english[end:])
    if words is None:
        return False
    return any(
        re.sub(r"(?:['’]s?|[.,])$", "", w) in gazetteer.company_words() for w in words.group(0).split()
    )


_COMPOUND = re.compile(r"[A-Z][a-z']+(?:(?:\s?[-–—]\s?| and )[A-Z][a-z']+)+")


def _compounds(english: str, source: str) -> list[tuple[int, int]]:
    """Spans of the English's compound names ("Zhengzhou–Wanzhou", "Beijing-Tianjin-Hebei", "Shanghai and
    Shenzhen") that the source writes as Chinese compounds do (郑万高铁, 京广, 京津冀, 沪深): one character per place, in order, each the first
    character of the place's Chinese name or its one-character abbreviation; for a place no table knows, a
    character that reads as the first syllable of its pinyin (万 of Wanzhou)."""
    out: list[tuple[int, int]] = []
    # Each distinct compound is looked for once, and by a pattern of character classes rather than by
    # trying every offset of the source against every occurrence: a long translation repeats its compounds,
    # and the audit must stay linear in the translation's size (bench/bench_scale.py).
    found: dict[str, bool] = {}
    classes: dict[str, str] = {}
    for m in _COMPOUND.finditer(english):
        text = m.group(0)
        if text not in found:
            found[text] = _compound_in(text, source, classes)
        if found[text]:
            out.append((m.start(), m.end()))
    return out


def _compound_in(compound: str, source: str, classes: dict[str, str]) -> bool:
    """One source character per part of ``compound``, next to each other and in order; ``classes`` keeps
    each part's character class (the source characters that can stand for it) across compounds."""
    pattern = []
    for part in re.split(r"\s?[-–—]\s?| and ", compound):
        if part not in classes:
            matching = "".join(re.escape(c) for c in sorted(_standing_for(part, source)))
            classes[part] = f"[{matching}]" if matching else ""
        if not classes[part]:
            return False
        pattern.append(classes[part])
    return re.search("".join(pattern), source) is not None


def _initials(en: str) -> str:
    places = gazetteer.english_index().get(en, ())
    return "".join({z[0] for p in places for z in p.zh_forms})


def _standing_for(en: str, source: str) -> set[str]:
    """The characters of ``source`` that can stand for the place ``en`` in a compound: the first character
    of a known place's Chinese names, or else a character reading as the first syllable of its pinyin.
    Found through the source's index of readings, not by trying each character of the source: a long
    English has many capitalised "X and Y" pairs."""
    if en in gazetteer.english_index():
        return set(_initials(en)) & set(source)
    key = re.sub(r"[^a-z]", "", en.lower())
    _, where = _source_readings(source)
    return {
        source[i]
        for n in range(1, min(6, len(key)) + 1)
        if key[:n] in where and (n == len(key) or is_pinyin(key[n:]))
        for i in where[key[:n]]
    }


def _names_kind(source: str, foreign: bool) -> bool:
    """The source names some place outside China (``foreign``) or in it (two characters or more)."""
    return any(
        p.foreign == foreign and any(_names_place(source, z) for z in (p.zh, *p.also_zh) if len(z) >= 2)
        for p in gazetteer.places().values()
    )


def _in_china(source: str) -> bool:
    """The source names a place in China (a province, region or city): "China" and "Chinese" add nothing."""
    return any(
        p.kind in _CHINA_KINDS
        and not p.foreign
        and any(_names_place(source, z, z in p.cedict_zh) for z in p.zh_forms)
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
    compounds: list[tuple[int, int]] | None = None
    for m in _place_rx().finditer(english):
        form = m.group(0)
        if form in seen or form in known or _inside_name(english, m.start()):
            continue
        if (
            _in_company(english, m.end())
            and not _names_kind(source, index[form][0].foreign)
            and not _company_of_a_source_place(source, english, m.end())
        ):
            continue
        if compounds is None:
            compounds = _compounds(english, source)
        if any(a <= m.start() and m.end() <= b for a, b in compounds):
            continue
        seen.add(form)
        places = index[form]
        if _grounded_place(form, places, source, grounded, english):
            grounded.add(form)
            continue
        # "Paris" is indexed under France too (a capital stands for its country): name the place itself.
        p = next((q for q in places if q.en == form), places[0])
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
    seen: set[str] = set()
    for m in _ADMIN_RX.finditer(english):
        if m.group(0) in seen:
            continue  # one verdict per name: judging every mention again made a long English quadratic
        seen.add(m.group(0))
        name, unit = m.group(1), m.group(2)
        key = re.sub(r"[^a-z]", "", name.lower())
        if not is_pinyin(key):
            continue
        spans = pinyin_spans(source, key)
        suffix = _ADMIN_EN[unit]
        if not spans and any(
            gazetteer.glossed(source, part, english) for part in (name, *re.split(r"[ -]", name))
        ):
            continue  # CC-CEDICT's romanisation of a word of the source (花莲 Hualien, 迈阿密 Miami-Dade)
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
