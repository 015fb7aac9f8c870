"""English that says what the next sentence says: content moved between the lines of one translation.

A chunk is translated as numbered lines, and the model sometimes moves a clause to the wrong line or writes
a line's neighbour twice. Read on dev lines 201–240, line 205's English was line 204's list of industries
again (its own 农产品 and 食品加工 nowhere), and line 228's ended with line 229's "to ensure the safety and
order of the river water replenishment". Each reads as a fluent sentence; no term, figure or name is wrong.

What gives it away without a model: content words of the English that the sentence's own Chinese does not
account for (no CC-CEDICT sense of its words or characters), while the neighbour's Chinese does and the
neighbour's English says them too. Three such words make the finding, a ``mistranslation`` that names the
neighbour's Chinese words. On the 1,000 human dev translations it flags 2 lines, and both carry their
neighbour's content: line 420's reference is line 419's word for word, and line 498's renders 打造战斗堡垒
as "play a key role in grassroots governance", line 497's words (docs/check.md).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from toolkit.checks.faithfulness import content_words, gloss_words, stem
from toolkit.cjk import has_han

__all__ = ["MIN_BORROWED", "borrowed_words"]

MIN_BORROWED = 3
"""Distinct borrowed words that make a finding: two are what two sentences of one story often share."""

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
# Words a story repeats from sentence to sentence whatever each says (reporting, time, the dateline).
_STOP = frozenset(
    re.split(
        r"\s+",
        """the a an of in on and to for with by from at as is are was were be been being that this these those
    which who it its their his her he she they them has have had will would can could should may also into
    than more most such other all any not no or but over under about after before up out said says say saying
    according reported report reports news xinhua chinanews com net year years day days time new one two three
    first last month there here then when where what while said just very""",
    )
)


@functools.lru_cache(maxsize=512)
def _explained(source: str) -> dict[str, str]:
    """The stems a source accounts for, each with the Chinese word (or character) whose sense gives it."""
    out: dict[str, str] = {}
    for word, _, _ in content_words(source):
        # The word and every shorter word inside it (女配角 holds 配角 "supporting role", which CC-CEDICT
        # has and 女配角 not): generous to the sentence, so only what it cannot have said counts as borrowed.
        n = len(word)
        parts = sorted((word[a:b] for a in range(n) for b in range(a + 2, n + 1)), key=len, reverse=True)
        for part in parts:
            if has_han(part):
                for g in gloss_words(part):
                    out.setdefault(stem(g), part)
    # Then every character, those of words read as particles or pronouns too (该省 holds 省 "province"),
    # and the source's own Latin words (MAU, Suno).
    for ch in dict.fromkeys(source):
        if has_han(ch):
            for g in gloss_words(ch):
                out.setdefault(stem(g), ch)
    for w in _EN_WORD.findall(source):
        out.setdefault(stem(w), w)
    return out


def _content_stems(english: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for w in _EN_WORD.findall(english):
        if len(w) > 2 and w.lower() not in _STOP:
            out.setdefault(stem(w), w)
    return out


def borrowed_words(
    source: str, english: str, nb_source: str, nb_english: str, pinned: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """(English word, the neighbour's Chinese word) for each content word of ``english`` that ``source``
    does not account for and the neighbour accounts for and says (``nb_source``, ``nb_english``), when there
    are at least ``MIN_BORROWED`` of them; else []. ``pinned``: English the source's pins give it (a
    glossary's 月活 "monthly active users", which CC-CEDICT does not know), accounted for too."""
    if not (source.strip() and english.strip() and nb_source.strip() and nb_english.strip()):
        return []
    own, theirs = _explained(source), _explained(nb_source)
    own = {**own, **{stem(w): w for en in pinned for w in _EN_WORD.findall(en)}}
    said = _content_stems(nb_english)
    out = [
        (w, theirs[s])
        for s, w in _content_stems(english).items()
        if s not in own and s in theirs and s in said
    ]
    return out if len(out) >= MIN_BORROWED else []
