"""Names from the right syllables: a romanised word the English writes must read as characters its source has.

The person check (``names``) judges a surname and a given name together; a lone romanised word slipped
through: 南赵 (a kingdom of a historical drama) came out as "South Xiang", and 《远征》 as "Di Yi", neither
of them syllables of the characters. Here every capitalised word that spells pinyin syllables and is not an
English word (CC-CEDICT's glosses decide: "Long", "Fan" and "Change" are English, "Xiang" is not) must be
the reading of some run of the source ("Nan Zhao", "Nanzhao" for 南赵; 吕 reads Lu). A place the place
tables know, a form the glossary or a pin gives, and a person's name the person check judges are left to
those checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from toolkit.annotate import cedict, gazetteer
from toolkit.checks.grounding.claims import Unsupported
from toolkit.checks.grounding.names import SURNAMES
from toolkit.checks.grounding.pinyin import is_pinyin, pinyin_spans, pinyin_syllables
from toolkit.checks.grounding.places import source_tagged
from toolkit.cjk import has_han

__all__ = ["misread_syllables", "romanised_words", "unsupported_syllables"]

_WORD = re.compile(r"(?<![\w'’-])([A-Z][a-z]{1,12})(?![\w'’-])")
_SURNAME_GIVEN = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]+(?:-?[a-z]+)?)\b")


_CALENDAR = frozenset(
    """january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday""".split()  # noqa: SIM905
)
MAX_SYLLABLES = 2
"""A romanised Chinese name writes a character, or a two-character given name, as one word; a longer word
spelt in pinyin syllables is mostly a foreign name ("Batasang", "Catalonia")."""


def _syllables_needed(word: str) -> int | None:
    """The fewest pinyin syllables ``word`` splits into with no vowel-initial syllable after the first
    (pinyin marks those with an apostrophe: "Rio" is not ri'o), or None if it does not split."""
    sy = pinyin_syllables()
    best: list[int | None] = [0] + [None] * len(word)
    for i in range(1, len(word) + 1):
        for j in range(max(0, i - 6), i):
            prev, piece = best[j], word[j:i]
            if prev is None or piece not in sy or (j and piece[0] in "aeo"):
                continue
            if best[i] is None or prev + 1 < best[i]:  # type: ignore[operator]
                best[i] = prev + 1
    return best[-1]


def romanised_words(english: str) -> list[re.Match[str]]:
    """Capitalised words that spell one or two pinyin syllables and are not English words ("Xiang", "Zhao",
    "Nanzhao"; not "June", "Long" or "Rio")."""
    out = []
    for m in _WORD.finditer(english):
        low = m.group(1).lower()
        if low in _CALENDAR or not is_pinyin(low):
            continue
        n = _syllables_needed(low)
        if n is not None and n <= MAX_SYLLABLES and low not in cedict.english_words():
            out.append(m)
    return out


def _reads(source: str, word: str) -> bool:
    return bool(pinyin_spans(source, word.lower()))


_NAME_TAGS = ("nr", "ns", "nt", "nz", "j")


def _abbreviated(source: str, word: str) -> bool:
    """A two-syllable place the source abbreviates to its first character (郑万高铁: 万 for "Wanzhou"), as
    the place check reads compound names: the first syllable reads as a character that jieba keeps as a
    word of its own or inside a short name or abbreviation (郑万, 沪昆). A character of an ordinary word does
    not abbreviate anything: 席 of 一席之地 let the seed's invented "Xidian" (for 奇点智源) through."""
    low = word.lower()
    sy = pinyin_syllables()
    heads = [i for i in range(1, len(low)) if low[:i] in sy and low[i:] in sy and low[i] not in "aeo"]
    if not heads:
        return False
    standing = _name_characters(source)
    return any(source[a] in standing for i in heads for a, _ in pinyin_spans(source, low[:i]))


def _name_characters(source: str) -> set[str]:
    """Characters of ``source`` that jieba segments as a word alone or inside a name or an abbreviation of
    at most three characters."""
    return {
        ch
        for t in source_tagged(source)
        if len(t.text) == 1 or (len(t.text) <= 3 and (t.pos or "").startswith(_NAME_TAGS))
        for ch in t.text
    }


def misread_syllables(english: str, zh: str) -> list[str]:
    """The romanised words of ``english`` (one name's English) that no run of ``zh`` reads as."""
    return [m.group(1) for m in romanised_words(english) if not _reads(zh, m.group(1))]


def unsupported_syllables(english: str, source: str, known_english: Iterable[str] = ()) -> list[Unsupported]:
    """Romanised words of ``english`` that no run of ``source`` reads as, outside the forms other checks
    judge (places, glossary and pinned forms, surname-and-given-name pairs)."""
    words = romanised_words(english)
    if not words:
        return []
    known = [k for k in known_english if k]
    places = gazetteer.english_index()
    taken = [
        (k.start(), k.end())
        for form in known
        for k in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", english)
    ]
    # A surname and a given name are the person check's to judge, as one name.
    taken += [
        (p.start(), p.end()) for p in _SURNAME_GIVEN.finditer(english) if p.group(1).lower() in SURNAMES
    ]
    out: list[Unsupported] = []
    for m in words:
        word = m.group(1)
        if any(a <= m.start() and m.end() <= b for a, b in taken) or _in_place(english, m, places):
            continue
        if not _reads(source, word) and not _abbreviated(source, word):
            out.append(Unsupported("name", word, "", f"no character of the source reads '{word}'"))
    return out


def _in_place(english: str, m: re.Match[str], places: object) -> bool:
    """The word is a place the tables know, alone or with the word before or after it ("Hong Kong")."""
    before = re.search(r"([A-Z][\w'’-]*) $", english[: m.start()])
    after = re.match(r" ([A-Z][\w'’-]*)", english[m.end() :])
    forms = [m.group(1)]
    if before:
        forms.append(f"{before.group(1)} {m.group(1)}")
    if after:
        forms.append(f"{m.group(1)} {after.group(1)}")
    return any(f in places for f in forms)  # type: ignore[operator]


_LINK_WORDS = frozenset(["of", "the", "and", "for", "in", "on", "at", "to", "de", "la", "le", "du", "des"])
MAX_GLOSSED_RUN = 4


def unexplained_words(english: str, zh: str) -> list[str]:
    """The words of ``english`` (one name's English: "Jiangkou River" for 蒋口河) that nothing of ``zh``
    accounts for: not a reading of a run of its characters (pinyin), not a word of a CC-CEDICT sense of
    such a run (河 "river"), not a form of a place it names (中美 "US", "China"). The document memory refuses
    a place or organisation rendering with one: the small model answered 中美关系 with "US-China Economic
    Dialogue" and 联圩 (a joined dike) with "Jidouhu River Dam"."""
    from toolkit.checks.faithfulness import gloss_words, stem  # lazy: the faithfulness module is larger

    glossed: set[str] | None = None
    placed: set[str] | None = None
    out = []
    for w in re.findall(r"[A-Za-z]+", english):
        low = w.lower()
        if low in _LINK_WORDS or len(low) < 2 or pinyin_spans(zh, low):
            continue
        if glossed is None:
            runs = {
                zh[i:j] for i in range(len(zh)) for j in range(i + 1, min(len(zh), i + MAX_GLOSSED_RUN) + 1)
            }
            glossed = {stem(g) for run in runs if has_han(run) for g in gloss_words(run)}
        if stem(low) in glossed:
            continue
        if placed is None:
            placed = {
                x.lower()
                for p in gazetteer.places().values()
                if any(f and f in zh for f in p.zh_forms)
                for e in p.en_forms
                for x in re.findall(r"[A-Za-z]+", e)
            }
        if low not in placed:
            out.append(w)
    return out
