"""People and organisations: a romanised Chinese name must read as the pinyin of some run of the source; a
glossary entry's proper English needs that entry's Chinese. Names that are not pinyin are not judged."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING

from toolkit.annotate import gazetteer
from toolkit.checks.grounding.claims import Unsupported
from toolkit.checks.grounding.pinyin import is_pinyin, pinyin_spans

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.glossary import Glossary

SURNAMES = frozenset(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie
    song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lv lu ding
    ren yao shen zhong cui tan fan liao shi jin jia xia fu fang zou xiong bai meng qin qiu hou yin xue yan
    duan lei long tao mao hao gu gong shao wan qian dai mo kong xiang chang niu zhan qi geng ou""".split()  # noqa: SIM905
)
_PERSON_EN = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]+(?:-?[a-z]+)?)\b")


def unsupported_people(english: str, source: str, known_english: Iterable[str] = ()) -> list[Unsupported]:
    """Romanised Chinese names (a pinyin surname and a pinyin given name) no run of the source reads as."""
    out: list[Unsupported] = []
    known = " ".join(known_english)
    places = gazetteer.english_index()
    seen: set[str] = set()
    for m in _PERSON_EN.finditer(english):
        if m.group(0) in seen:
            continue  # one verdict per name: reading the source for every mention made long English slow
        seen.add(m.group(0))
        surname, given = m.group(1), m.group(2)
        key_given = re.sub(r"[^a-z]", "", given.lower())
        if surname.lower() not in SURNAMES or not is_pinyin(key_given) or len(key_given) < 2:
            continue
        if m.group(0) in known or m.group(0) in places or given in places or surname in places:
            continue
        if not pinyin_spans(source, surname.lower() + key_given):
            out.append(Unsupported("name", m.group(0), "", f"no name of the source reads {m.group(0)}"))
    return out


NAME_DOMAINS = frozenset({"company", "organization", "organisation", "org", "media", "person", "product"})
"""Glossary domains whose entries are names: an entry of another domain ("Consulate General", "Rural
Revitalization") is a term, capitalised or not, and a term may be said of anything."""


def unsupported_terms(
    english: str, source: str, glossary: Glossary | None, known_english: Iterable[str] = ()
) -> list[Unsupported]:
    """A glossary name (a company, a medium, a person, a product) stated where its Chinese is absent; not
    where it stands inside the English of a name the source has ("Xinhua" of "Xinhua Net" for 新华网), and
    not a place (the place check judges those)."""
    if glossary is None:
        return []
    known = [k for k in known_english if k]
    places = gazetteer.english_index()
    out: list[Unsupported] = []
    by_en: dict[str, list[str]] = {}
    for e in glossary.entries:
        # A dnt name is its own English (Mureka): the seed's §3¶8s3 gave 昆仑天工's results to "Mureka", a
        # product of the sentences around it, and shipped ok.
        en = e.en or (e.zh if e.status == "dnt" else "")
        if e.status in ("approved", "dnt") and en and e.domain in NAME_DOMAINS and en not in places:
            by_en.setdefault(en, []).append(e.zh)
    folded = source.casefold()
    # Where each known name stands, found once: finding them again for every mention was quadratic.
    # The matches of one form do not overlap and share a length, so only the last one starting at or
    # before a mention can hold it.
    starts: dict[str, list[int]] = {}

    def inside(form: str, start: int, end: int) -> bool:
        if form not in starts:
            starts[form] = [k.start() for k in re.finditer(re.escape(form), english)]
        i = bisect_right(starts[form], start) - 1
        return i >= 0 and end <= starts[form][i] + len(form)

    for en, zhs in by_en.items():
        if any(z in source or (z.isascii() and z.casefold() in folded) for z in zhs):
            continue
        for m in re.finditer(rf"(?<![\w]){re.escape(en)}(?![\w])", english):
            if not any(inside(form, m.start(), m.end()) for form in known if form != en):
                what = en if zhs[0] == en else f"{zhs[0]} ({en})"
                out.append(Unsupported("name", en, zhs[0], f"the source does not name {what}"))
                break
    return out
