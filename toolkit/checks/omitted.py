"""Places the source names and the English leaves out: the one omission a rule can see without a model.

A country the source names by its full name (jieba's word 巴西, 中国; not an abbreviation such as 美 of
中美, which may stand for the country or its side) must be named in the English in one of its forms (the
place tables' "Brazil", "Brazilian", "US", "American") or at the start of a longer word (the regular adjective
"Venezuelan", a site "chinanews.com"). Dev line 231 rendered 西班牙的新冠确诊病例 as "the number of new
confirmed COVID-19 cases" and our own draft of 中国驻休斯敦总领馆 read "the Consulate General in Houston":
both read as whole sentences, and only this says a country went missing.

A country that qualifies a person's name (美国总统特朗普 as "President Trump") or a work's (英国《卫报》 as "The
Guardian") is carried by the name, as news English writes it.

Countries only: a province or a city is often left implicit in good English (a county seat named with its
county), a country rarely. On the 1,000 human translations of the development news lines the rule flags 11
lines, eight of them real omissions of the translator's (docs/check.md). A country inside a glossary term or
a longer name of the source is the term's or the name's business, not this one's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from toolkit.annotate import gazetteer
from toolkit.checks.grounding.places import source_tagged, source_words
from toolkit.segment import Token

__all__ = ["has_form", "omitted_places"]

# A given name before the dot is at most five characters (埃马纽埃尔): the Han run before it may hold a title
# and the country it qualifies (法国总统埃马纽埃尔·马克龙), which are not the name's.
_FOREIGN_NAME = re.compile(r"[\u3400-\u9fff]{1,5}(?:·[\u3400-\u9fff]+)+")
_GIVEN_NAME = re.compile(r"[\u3400-\u9fff]{1,6}·")


# Common nouns a country may stand before on its way to a name: titles (总统, 国务卿, 司法部长), 国家 主席.
_TITLE_WORDS = 3


def _after(source: str, end: int) -> list[Token]:
    """jieba's tagged words from ``end`` on, as far as they run on without a gap (a tagging that cut the
    country into a longer word starts later: nothing follows it)."""
    out: list[Token] = []
    for t in source_tagged(source):
        if t.start < end:
            continue
        if t.start != (out[-1].end if out else end):
            break
        out.append(t)
    return out


def _carried(source: str, end: int, english: str) -> bool:
    """The country ending at ``end`` is carried by what it qualifies, as news English writes it:

    - a person's name, directly or through up to three common nouns, the titles (美国总统特朗普 "President
      Trump", 中国国家主席习近平 "President Xi Jinping"), or a work's in 《》 (英国《卫报》 "The Guardian");
    - a place the place tables know, named in the English (美国得克萨斯州 "Texas", 日本东京 "Tokyo");
    - a time zone (美国东部时间 "Eastern Time").

    Not an organisation's name: jieba tags 卫生部 an organisation as it does 丰田公司, and "the Ministry of
    Health" for 巴西卫生部 has lost Brazil. Nor a region the tables do not know (中国西北地区)."""
    after = _after(source, end)
    if not after:
        return False
    first = after[0]
    place = gazetteer.lookup(first.text)
    if place is not None and place.kind != "country" and _named(english, place.en_forms):
        return True
    for i, t in enumerate(after[:3]):
        if t.text == "时间" and all((w.pos or "")[:1] in ("f", "n") for w in after[:i]):
            return True
    for t in after[: _TITLE_WORDS + 1]:
        tag = t.pos or ""
        if tag.startswith("nr") or t.text == "《":
            return True
        # jieba cuts a transliterated given name into odd pieces (兹 比格 涅夫·齐奥布罗): any word that is no
        # particle, preposition, conjunction, adverb or verb and starts a name written with ·.
        if _GIVEN_NAME.match(source, t.start) and not tag.startswith(("u", "p", "c", "d", "v")):
            return True
        if tag != "n":
            return False
    return False


def _flags(form: str) -> int:
    # An all-capitals short form ("US") as written, not the "us" of "because"; anything else in any case.
    return 0 if form.isupper() and len(form) <= 4 else re.IGNORECASE


def has_form(english: str, form: str) -> bool:
    """``form`` in ``english`` as words of its own, a plural too ("migrant workers" has "migrant worker")."""
    return (
        re.search(rf"(?<![A-Za-z]){re.escape(form)}(?:e?s)?(?![A-Za-z])", english, _flags(form)) is not None
    )


def _named(english: str, forms: Sequence[str]) -> bool:
    # Or a one-word name at the start of a longer word: its regular adjective ("Venezuelan", "Ethiopian") or
    # a site named after it ("chinanews.com").
    return any(
        has_form(english, f)
        or (
            " " not in f
            and len(f) >= 4
            and re.search(rf"(?<![A-Za-z]){re.escape(f)}[a-z]", english, _flags(f))
        )
        for f in forms
    )


def omitted_places(
    source: str, english: str, covered: Sequence[tuple[int, int]] = (), longer: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """(Chinese, English) of each country ``source`` names that ``english`` does not name in any form.

    ``covered``: source spans other checks answer for (glossary terms); ``longer``: names of the source
    (organisations, places) a country may stand inside (中国新闻网): a country inside either is skipped.
    """
    if not english.strip():
        return []
    out: list[tuple[str, str]] = []
    # 埃马纽埃尔·马克龙: jieba finds 纽埃 (Niue) inside a transliterated name. Only the occurrence inside a
    # longer name is excused: 巴西利亚 (Brasilia) does not excuse the 巴西 of 巴西总统.
    # A transliterated name holds a country only inside it, never at its start (中国的张·三 names China).
    foreign = [(m.start(), m.end()) for m in _FOREIGN_NAME.finditer(source)]
    holders = [(m.start(), m.end()) for n in set(longer) if n for m in re.finditer(re.escape(n), source)]
    for start, word in source_words(source).items():
        place = gazetteer.lookup(word)
        if place is None or place.kind != "country" or word != place.zh:
            continue
        end = start + len(word)
        if (
            any(a < end and start < b for a, b in covered)
            or any(a <= start and end <= b and b - a > len(word) for a, b in holders)
            or any(a < start and end <= b for a, b in foreign)
        ):
            continue
        if (word, place.en) in out or _named(english, place.en_forms) or _carried(source, end, english):
            continue
        out.append((word, place.en))
    return out
