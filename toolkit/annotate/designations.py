"""Designations: 卡-52M is the Ka-52M, 歼-20 the J-20, 东风-41 the DF-41, 波音737 the Boeing 737.

A designation's Chinese prefix stands for a fixed English one (a design bureau, a letter of the Chinese
military's system, a missile family, an airliner maker: ``data/designations.tsv``). Neither pinyin nor a
dictionary gives it, and the model guessed: one article's 卡-52M came out as "Ka-52M", "Su-52", "card-52"
and "K-52M", and 运-20 as "J-20". So each designation is pinned (a ``name`` pin, like a place from the
tables), and English that writes its number with another prefix is a claim the source does not make.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from toolkit.annotate import cedict

__all__ = ["Designation", "added_makers", "find_designations", "misnamed_designations"]


@dataclass(frozen=True)
class Designation:
    """One designation of the source: ``zh`` as written (卡-52M), its English (Ka-52M), the number part."""

    zh: str
    en: str
    number: str
    prefix: str
    start: int
    end: int
    zh_prefix: str = ""
    """The Chinese prefix of the table (卡), which the maker check reads."""


@functools.lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, ...], ...]:
    text = resources.files("toolkit").joinpath("data/designations.tsv").read_text(encoding="utf-8")
    return tuple(
        tuple(line.split("\t"))
        for line in text.splitlines()
        if line.strip() and not line.startswith("#") and not line.startswith("zh\t")
    )


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, str]]:
    return {zh: (en, sep) for zh, en, sep, *_ in _rows()}


@functools.lru_cache(maxsize=1)
def _makers() -> tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...]:
    """(the maker's English names as a pattern, the designation prefix, its Chinese names)."""
    out = []
    for zh, _, _, _, *rest in _rows():
        names = [n for n in (rest[0].split("|") if rest else []) if n.strip()]
        if names:
            rx = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")
            out.append((rx, zh, tuple(n for n in rest[1].split("|") if n)))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    table = _table()
    # A one-character prefix (卡, 米, 歼) needs its hyphen: 西安2020 is no Antonov. A longer one may stand
    # right before the number (东风41, 波音737, 空客A320).
    long = "|".join(re.escape(z) for z in sorted((z for z in table if len(z) > 1), key=len, reverse=True))
    short = "".join(re.escape(z) for z in table if len(z) == 1)
    number = r"(?P<num>[A-Z]?\d{1,4}(?:[A-Z]{1,3}\d?)?)(?![\dA-Za-z%])"
    return re.compile(rf"(?:(?P<long>{long})[-－—‐]?|(?P<short>[{short}])[-－—‐]){number}")


def find_designations(text: str) -> list[Designation]:
    """The designations ``text`` writes, left to right."""
    return list(_found(text))


@functools.lru_cache(maxsize=256)
def _found(text: str) -> tuple[Designation, ...]:
    # Cached: the annotator and both checks of a segment read the same source.
    out: list[Designation] = []
    table = _table()
    for m in _pattern().finditer(text):
        prefix = m.group("long") or m.group("short")
        if m.group("short") and m.start() and cedict.senses(text[m.start() - 1] + prefix):
            continue  # 苏 of 江苏-2 ends a word (a place): no Sukhoi
        if m.group("num").isdigit() and text[m.end() : m.end() + 1] in ("年", "月", "日", "号"):
            continue  # a date or a number (东风2020年), not a designation; 卡-52M年底 is one
        en, sep = table[prefix]
        number = m.group("num")
        # A model's suffix word is spaced in English (波音737MAX → "Boeing 737 MAX"); a letter is not (52M).
        written = re.sub(r"(\d)([A-Z]{3,})$", r"\1 \2", number)
        out.append(Designation(m.group(0), f"{en}{sep}{written}", number, en, m.start(), m.end(), prefix))
    return tuple(out)


_NUMBER_EN = r"[A-Z]?\d{1,4}(?:[A-Z]{1,3}\d?)?(?: [A-Z]{3,})?"
# One pass over the English for every designation it writes: a prefix glued or hyphenated to a number
# (Su-52M, card-52M, KA52M), or a capitalised word and a space before it (Airbus 737 MAX).
_DESIGNATION_EN = re.compile(
    rf"(?<![A-Za-z0-9-])(?:(?P<p>[A-Za-z]{{1,8}})[-‐–]?(?P<n>{_NUMBER_EN})"
    rf"|(?P<w>[A-Z][a-z]+) (?P<n2>{_NUMBER_EN}))(?![A-Za-z0-9])"
)


def misnamed_designations(source: str, english: str) -> list[tuple[Designation, str]]:
    """Each source designation whose number the English writes after another prefix ("Su-52M" or "card-52M"
    for 卡-52M), with what the English wrote. A number written with no prefix, or not at all, is not this
    check's to judge. Linear in both texts: the English is read once, whatever the number of designations."""
    designations = {d.number: d for d in _found(source)}
    if not designations:
        return []
    makers = {en for en, _ in _table().values()}
    written: dict[str, list[tuple[str, str]]] = {}
    for m in _DESIGNATION_EN.finditer(english):
        said = m.group("p") or m.group("w")
        # "the 737" or "Boeing's 737": a word before a space counts only as another maker's name.
        if m.group("w") and said not in makers:
            continue
        number = (m.group("n") or m.group("n2")).replace(" ", "")
        written.setdefault(number, []).append((said, m.group(0)))
    out: list[tuple[Designation, str]] = []
    for number, d in designations.items():
        if d.en in english:
            continue
        other = next(
            (text for said, text in written.get(number, ()) if said.lower() != d.prefix.lower()), None
        )
        if other is not None:
            out.append((d, other))
    return out


def added_makers(source: str, english: str) -> list[str]:
    """Makers the English names ("the Sukhoi") that the source names neither by name (苏霍伊), nor by one of
    their designations (苏-27), nor by the number the English writes after the name (737MAX as "Boeing 737
    MAX"): a maker a model added to a designation it did not know."""
    prefixes = {d.zh_prefix for d in _found(source)}
    numbers = set(re.findall(r"[A-Z]?\d+", source))
    out: list[str] = []
    for rx, zh, names_zh in _makers():
        if zh in prefixes or any(n in source for n in names_zh):
            continue
        for m in rx.finditer(english):
            after = re.match(r"[\s-]*([A-Z]?\d+)", english[m.end() : m.end() + 12])
            if after is None or after.group(1) not in numbers:
                out.append(m.group(0))
                break
    return out
