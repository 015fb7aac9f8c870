"""One article, one English for each name and title: the document memory of renderings.

The glossary and the name rules pin what they know before the first sentence; everything else a model
renders afresh in every sentence, and a film title came out as "The Expedition" in the headline and an
invented romanisation three sentences later. This memory closes that gap for the things a reader must
recognise as the same thing:

- every title in 《》 (a book, film, song, programme, newspaper), however often it occurs;
- every person, place or organisation jieba names that no rule pins (no glossary term, no CC-CEDICT
  proper noun, no place table, no pinyin rule) in at least two sentences of the document.

Each gets one English, decided once, from its first sentence, before any chunk is translated, and pinned
(a ``name`` pin) in every sentence that has it: translation chunks, the brief's summaries and headings,
and fallbacks alike. The decision is a short greedy request whose answer is cached with the translation
memory, so the same article gets the same English in a translation, its brief and a batch rerun. An answer
that romanises characters the name does not have ("Xiang" for 南赵) is refused (``checks.grounding``'s
syllable reading), and so is a place or organisation English with a word its characters do not account
for (中美关系 "US-China Economic Dialogue"); the name then stays unpinned. Each rendering is listed once under "Names to check" with
its first sentence id; a glossary entry (``zhbrief glossary add``, or a ``--names`` file for one run) wins
over it everywhere, since a name inside a glossary term is never a candidate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace

from toolkit.annotate import Annotation, NameUse, Pin, cedict
from toolkit.checks.grounding.syllables import misread_syllables, unexplained_words
from toolkit.cjk import has_han

__all__ = [
    "TITLE",
    "Candidate",
    "Rendering",
    "RenderingMemory",
    "clean_answer",
    "rendering_messages",
]

TITLE = re.compile(r"《([^《》\n]{1,40})》")
NAME_KINDS = ("person", "place", "organization")
"""Kinds of unpinned name the memory decides; ``other`` (jieba's nz) is mostly ordinary words it mis-tags."""
GROUNDED_KINDS = ("place", "organization")
"""Kinds whose English must be accounted for word by word by their characters (``unexplained_words``): a
place or an organisation is named by its readings and the senses of its words. Not a title (translated
freely) and not a person (a foreign name is transliterated)."""
MIN_OCCURRENCES = 2
MAX_WORDS = 10
MAX_NAME_WORDS = 6
RENDERING_PROMPT_VERSION = "r1"
"""Part of each decision's cache key: change the request's wording → bump it."""


@dataclass(frozen=True)
class Candidate:
    """A name or title that needs one English for the document: where it first stands and in what."""

    zh: str
    kind: str
    """``title`` (《》) or the name's kind (person, place, organization)."""
    first_id: str
    sentence: str


@dataclass
class Rendering:
    """The English decided for one name or title, for the whole document."""

    zh: str
    en: str
    kind: str
    first_id: str
    ids: list[str] = field(default_factory=list)

    @property
    def is_title(self) -> bool:
        return self.kind == "title"

    def use(self) -> NameUse:
        """Its line under "Names to check": the English, and where it first stands."""
        what = "title in 《》" if self.is_title else f"{self.kind} no rule names"
        return NameUse(
            self.zh, self.kind, self.en, "document", f"{what}; first rendered at {self.first_id}", self.ids
        )

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _covered(zh: str, ann: Annotation) -> bool:
    """A pin already names it: a glossary term for the title or its words (《远征》 with 远征 in the
    glossary), any pin for a name (or one containing it). A place pinned inside a title (中国 of
    《中国日报》) does not name the title."""
    if zh.startswith("《"):
        inner = zh.strip("《》")
        return any(p.zh in (zh, inner) or zh in p.zh for p in ann.pins if p.kind in ("term", "dnt"))
    return any(zh in p.zh for p in ann.pins if p.kind != "amount")


def candidates(anns: Sequence[Annotation]) -> list[Candidate]:
    """The titles and recurring unpinned names of a document, in order of first occurrence. A name counts
    where jieba names it (美的 of 完美的 is no occurrence of the brand), and one pinned anywhere in the
    document (中国 by the place table) is no candidate anywhere."""
    pinned = {n.zh for a in anns for n in a.names if n.en or n.source}
    seen: dict[str, int] = {}
    for a in anns:
        for zh in dict.fromkeys(n.zh for n in a.names):
            seen[zh] = seen.get(zh, 0) + 1
    out: dict[str, Candidate] = {}
    for a in anns:
        for m in TITLE.finditer(a.text):
            if m.group(0) not in out and not _covered(m.group(0), a):
                out[m.group(0)] = Candidate(m.group(0), "title", a.id, a.text)
        for n in a.names:
            if n.zh in out or n.zh in pinned or n.kind not in NAME_KINDS or len(n.zh) < 2:
                continue
            if seen[n.zh] >= MIN_OCCURRENCES and not _covered(n.zh, a):
                out[n.zh] = Candidate(n.zh, n.kind, a.id, a.text)
    return list(out.values())


def rendering_messages(c: Candidate) -> list[dict[str, str]]:
    """The one short request that decides a candidate's English (greedy; its answer is cached). The
    sentence comes first, as context, and the question last: asked the other way round, the small model
    translated the sentence."""
    what = "title" if c.kind == "title" else f"name of this {c.kind}"
    body = (
        f"Context: {c.sentence[:160]}\n"
        f"What is the English {what} for {c.zh}, as an English news article would write it (the established "
        f"English if there is one)? Answer with the English {what} only, nothing else."
    )
    return [
        {"role": "system", "content": "You are a professional translator of Chinese news into English."},
        {"role": "user", "content": body},
    ]


_QUOTED = re.compile(r"[\"“*《「]([^\"”*》」]{1,80})[\"”*》」]")


def clean_answer(c: Candidate, answer: str) -> str | None:
    """The model's answer as a rendering, or None where it is not one: empty, Chinese, a sentence rather
    than a name, or a romanisation of syllables the characters do not have. A quoted title inside a longer
    answer ('Movie: "The Faraway" is released') is the title."""
    line = next((ln for ln in answer.strip().splitlines() if ln.strip()), "")
    line = re.sub(
        r"^(?:(?:The )?English(?: title| name)?(?: is)?|Answer)\s*:?\s*", "", line.strip(), flags=re.I
    )
    quoted = _QUOTED.search(line)
    if quoted and quoted.group(0) != line.strip():
        line = quoted.group(1)
    en = line.strip().strip("\"'“”‘’*_《》「」.").strip()
    limit = MAX_WORDS if c.kind == "title" else MAX_NAME_WORDS
    if not en or has_han(en) or len(en.split()) > limit or not re.search(r"[A-Za-z]", en):
        return None
    if misread_syllables(en, c.zh):
        return None
    if c.kind in GROUNDED_KINDS and unexplained_words(en, c.zh):
        return None
    return en


def established_title(inner: str) -> str | None:
    """The English CC-CEDICT gives a title as its one meaning, a proper noun (卫报 "The Guardian", 人民日报
    "People's Daily", 红楼梦 "A Dream of Red Mansions"), else None: a newspaper or a classic has an English
    name a reader knows, which a small model asked in context may miss or translate word by word. A title
    CC-CEDICT gives no single proper meaning (远征 "expedition", 世界报 "various newspapers") is asked."""
    senses = cedict.senses(inner)
    if len(senses) != 1 or senses[0].ambiguous:
        return None
    return senses[0].english


class RenderingMemory:
    """The renderings of one document: decided once, pinned in every sentence that has them."""

    def __init__(self, renderings: Iterable[Rendering] = ()) -> None:
        self.items: dict[str, Rendering] = {r.zh: r for r in renderings}

    def __len__(self) -> int:
        return len(self.items)

    def decide(self, anns: Sequence[Annotation], ask: Callable[[Candidate], str | None]) -> None:
        """Decide each new candidate of ``anns`` with ``ask`` (a model request: the answer, or None), and
        note every sentence id each rendering stands in."""
        for c in candidates(anns):
            if c.zh in self.items:
                continue
            inner = c.zh.strip("《》")
            if c.kind == "title" and not has_han(inner):
                # 《Walk My Walk》 is its own English: marked as a title, nothing to ask.
                self.items[c.zh] = Rendering(c.zh, inner, c.kind, c.first_id)
                continue
            established = established_title(inner) if c.kind == "title" else None
            if established:
                self.items[c.zh] = Rendering(c.zh, established, c.kind, c.first_id)
                continue
            en = ask(c)
            en = clean_answer(c, en) if en else None
            if en:
                self.items[c.zh] = Rendering(c.zh, en, c.kind, c.first_id)
        for a in anns:
            for r in self.items.values():
                if r.zh in a.text and a.id and a.id not in r.ids:
                    r.ids.append(a.id)

    def pins(self, text: str) -> list[Pin]:
        """The memory's pins for a text (longest first, so 《野草》 goes before a name inside it)."""
        hits = [r for r in self.items.values() if r.zh in text]
        return [Pin(r.zh, r.en, "name") for r in sorted(hits, key=lambda r: -len(r.zh))]

    def apply(self, ann: Annotation) -> Annotation:
        """``ann`` with the memory's pins added after its own (a glossary or rule pin of the same text wins)."""
        have = {p.zh for p in ann.pins}
        extra = [p for p in self.pins(ann.text) if p.zh not in have]
        return replace(ann, pins=[*ann.pins, *extra]) if extra else ann

    def titles(self) -> list[Rendering]:
        return [r for r in self.items.values() if r.is_title]

    def uses(self) -> list[NameUse]:
        return [r.use() for r in self.items.values()]

    def to_list(self) -> list[dict[str, object]]:
        return [r.to_dict() for r in self.items.values()]
