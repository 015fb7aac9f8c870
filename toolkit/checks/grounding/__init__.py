"""Grounding: each claim-bearing word of the English — a number, a place, a name — found in its source.

A translation or summary may word things freely, but it may not state what its source sentence does not: a
clock time for 清晨 ("early morning"), a speed the source never gives, "the US" where the source says 全球.
``find_unsupported`` reads the English for such claims and returns the ones its source does not support:

- *numbers*: digits, number words, fractions, ordinals, percentages, money, clock times, years, ages and
  ranges must equal a number of the source, read by the quantities module (1200万 = 12 million, 三分之一 =
  one-third, 二十四岁 = 24) or by the plain readings here (两 = 2, 下午3点 = 15:00); "one"/"a" and numbers
  inside names (COVID-19, 5G) are not claims;
- *places*: an English place the gazetteer knows ("Germany", "American", "Ankang") needs one of its Chinese
  forms in the source (德国/德/德方); "global"/"worldwide" need 全球/全世界/国际/世界 or a word like them;
  "X County" needs X to be a 县 in the source (安康 is a city: "An Kang County" is unsupported);
- *people and organisations*: a romanised Chinese personal name (a pinyin surname and given name) must read
  as the pinyin of some run of the source; a glossary entry's proper English needs that entry's Chinese;
- *syllables*: any other capitalised romanised word ("Xiang" for 南赵) must read as some run of the source.

What cannot be judged — a capitalised word in no table, a name that is not pinyin — is never flagged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from toolkit.checks.grounding.claims import Unsupported
from toolkit.checks.grounding.names import unsupported_people, unsupported_terms
from toolkit.checks.grounding.numbers import (
    SourceNumbers,
    clock_fixes,
    source_numbers,
    unsupported_numbers,
)
from toolkit.checks.grounding.pinyin import is_pinyin, pinyin_spans
from toolkit.checks.grounding.places import scope_fixes, unsupported_places
from toolkit.checks.grounding.syllables import unsupported_syllables

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.glossary import Glossary
    from toolkit.quantities import Quantity
    from toolkit.quantities.english import EnglishToken

__all__ = [
    "SourceNumbers",
    "Unsupported",
    "clock_fixes",
    "find_unsupported",
    "is_pinyin",
    "pinyin_spans",
    "scope_fixes",
    "source_numbers",
    "unsupported_numbers",
    "unsupported_people",
    "unsupported_places",
    "unsupported_syllables",
    "unsupported_terms",
]


def find_unsupported(
    source: str,
    english: str,
    quantities: Sequence[Quantity] = (),
    glossary: Glossary | None = None,
    known_english: Iterable[str] = (),
    tokens: Sequence[EnglishToken] | None = None,
) -> list[Unsupported]:
    """Every claim of ``english`` that ``source`` does not support: numbers, then places, people, terms.
    ``tokens``: ``quantities.english.scan_english(english)``, where the caller has it already."""
    known = list(known_english)
    if glossary is not None:
        known += [f for e in glossary.entries if e.en and e.zh in source for f in (e.en, *e.alt)]
    out = unsupported_numbers(english, source_numbers(source, quantities), tokens)
    out += unsupported_places(english, source, known)
    out += unsupported_people(english, source, known)
    out += unsupported_terms(english, source, glossary, known)
    # A lone romanised word the other checks already flagged as part of a name ("Didi" of "Didi Township").
    out += [
        u
        for u in unsupported_syllables(english, source, known)
        if not any(u.english in o.english for o in out)
    ]
    # One claim once, however many checks see it.
    seen: set[tuple[str, str]] = set()
    return [u for u in out if (u.kind, u.english) not in seen and not seen.add((u.kind, u.english))]
