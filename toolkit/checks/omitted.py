"""Places the source names and the English leaves out: the one omission a rule can see without a model.

A country the source names by its full name (jieba's word 巴西, 中国; not an abbreviation such as 美 of
中美, which may stand for the country or its side) must be named in the English in one of its forms (the
place tables' "Brazil", "Brazilian", "US", "American") or at the start of a longer word (the regular adjective
"Venezuelan", a site "chinanews.com"). Dev line 174 rendered 巴西总统博索纳罗 as
"Bolsonaro" and 中国驻休斯敦总领馆 as "the Consulate General in Houston": both read as whole sentences, and
only this says a country went missing.

Countries only: a province or a city is often left implicit in good English (a county seat named with its
county), a country rarely. On the 1,000 human translations of the development news lines the rule flags 11
lines, eight of them real omissions of the translator's (docs/check.md). A country inside a glossary term or
a longer name of the source is the term's or the name's business, not this one's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from toolkit.annotate import gazetteer
from toolkit.checks.grounding.places import source_words

__all__ = ["has_form", "omitted_places"]

_FOREIGN_NAME = re.compile(r"[\u3400-\u9fff]+(?:·[\u3400-\u9fff]+)+")


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
    holders = [(m.start(), m.end()) for m in _FOREIGN_NAME.finditer(source)]
    holders += [(m.start(), m.end()) for n in set(longer) if n for m in re.finditer(re.escape(n), source)]
    for start, word in source_words(source).items():
        place = gazetteer.lookup(word)
        if place is None or place.kind != "country" or word != place.zh:
            continue
        end = start + len(word)
        if any(a < end and start < b for a, b in covered) or any(
            a <= start and end <= b and b - a > len(word) for a, b in holders
        ):
            continue
        if (word, place.en) in out or _named(english, place.en_forms):
            continue
        out.append((word, place.en))
    return out
