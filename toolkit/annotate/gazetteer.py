"""A small shipped place table: Chinese provinces, regions, municipalities and major cities, countries,
capitals and other major foreign cities, each with its established English (toolkit/data/places/places.tsv).

It is evidence that a word jieba tags as a place is one, and the English to pin for it (西安 is "Xi'an",
陕西 "Shaanxi", 巴西利亚 "Brasilia": pinyin gets the first two wrong and cannot do the third). It is one
module so the claims check can read the same table rather than keep its own.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

FOREIGN_KINDS = frozenset({"country", "capital", "region-foreign"})
"""Kinds of place outside China: a person named right after one is probably not a Chinese name."""


@dataclass(frozen=True)
class Place:
    zh: str
    en: str
    kind: str

    @property
    def foreign(self) -> bool:
        return self.kind in FOREIGN_KINDS and self.zh != "中国"


@functools.lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """The table by Chinese name (read once per process)."""
    text = resources.files("toolkit").joinpath("data/places/places.tsv").read_text(encoding="utf-8")
    out: dict[str, Place] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("zh\t"):
            continue
        zh, en, kind = line.split("\t")[:3]
        out[zh] = Place(zh, en, kind)
    return out


def lookup(zh: str) -> Place | None:
    """The place named exactly ``zh`` (no suffix stripping: the caller knows the suffix rules)."""
    return places().get(zh)
