"""One article, one English per name: the consistency measure of ``bench_translate`` (and of the seed check).

Over articles (a list of lines is split at its headlines), every name, title in 《》 and glossary term that
occurs in at least two lines of one article is looked up in each of those lines' English: its rendering
there is the first of its known English forms the line carries (the glossary's forms, the pins of any line
that has it, the document memory's rendering), or "(other)" where the line carries none of them, since a
paraphrase or a romanisation of its own is a rendering too. A place's short forms and adjective (the place
table's "US", "U.S.", "American" for 美国) are its main English, not other renderings; a run of place
abbreviations (中美) is rendered wherever the line names each of its places, in any form. The measure is
the number of distinct renderings per such item, averaged; 1.0 is one English throughout. An item with no known English form at all is
counted apart as "unmeasured" (nothing to look for). Over only the lines that carry one of its forms, the
same average says whether anything was named two ways, apart from the lines that leave it out.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from toolkit.annotate import gazetteer
from toolkit.checks.omitted import has_form as _has_form

END = "。！？!?…”」』\"')）"
TITLE = re.compile(r"《[^《》\n]{1,40}》")


@functools.lru_cache(maxsize=1)
def _one_character_forms() -> dict[str, gazetteer.Place]:
    return {f: p for p in gazetteer.places().values() for f in p.zh_forms if len(f) == 1}


def _abbreviated_places(zh: str) -> list[gazetteer.Place]:
    """The places a run of one-character abbreviations names (中美: China and the US), [] for anything else."""
    if len(zh) < 2:
        return []
    short = _one_character_forms()
    parts = [short.get(ch) for ch in zh]
    if any(p is None for p in parts) or len({p.zh for p in parts if p}) != len(parts):
        return []
    return [p for p in parts if p]


def rendering(
    english: str, forms: Iterable[str], zh: str, same: Mapping[str, str] | None = None
) -> str | None:
    """Which of ``zh``'s known English ``forms`` ``english`` carries (the longest first), None if none. A
    place's short forms and adjective ("US", "American" for 美国) are the same name, not another rendering
    of it: they count as its main English; so do the forms ``same`` maps (lower case) to another."""
    pair = _abbreviated_places(zh)
    if pair and all(any(_has_form(english, f) for f in p.en_forms) for p in pair):
        # 中美 names two places: "China-US", "Sino-American" and "the Chinese and American" all name them.
        return " + ".join(p.en for p in pair)
    place = gazetteer.lookup(zh)
    canonical = {f.lower(): place.en for f in place.en_forms} if place is not None else {}
    canonical.update(same or {})
    candidates = set(forms) | set(place.en_forms if place is not None else ()) | set(same or ())
    found = next((f for f in sorted(candidates, key=len, reverse=True) if f and _has_form(english, f)), None)
    return canonical.get(found.lower(), found) if found else None


def split_articles(lines: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of each article: a new one starts at a headline, a short line with no sentence-final
    punctuation after a line that ends a sentence (a headline's own sub-lines stay with it)."""
    starts = [0]
    prev_ended = False
    for i, line in enumerate(lines):
        t = line.strip()
        if not t:
            continue
        headline = len(t) <= 60 and t[-1] not in END
        if headline and prev_ended and i:
            starts.append(i)
        prev_ended = t[-1] in END
    return list(zip(starts, [*starts[1:], len(lines)], strict=True))


@dataclass
class Item:
    zh: str
    forms: set[str] = field(default_factory=set)
    lines: list[int] = field(default_factory=list)
    renderings: list[str] = field(default_factory=list)


def _items(segments: Sequence) -> dict[str, Item]:  # type: ignore[type-arg]
    items: dict[str, Item] = {}
    for k, seg in enumerate(segments):
        ann = getattr(seg, "annotation", None)
        if ann is None:
            continue
        found: dict[str, set[str]] = {}
        for n in ann.names:
            found.setdefault(n.zh, set()).update([n.en] if n.en else [])
        for m in ann.terms:
            if m.entry.en:
                found.setdefault(m.text, set()).update([m.entry.en, *m.entry.alt])
        for t in TITLE.findall(ann.text):
            found.setdefault(t, set())
        for p in seg.pins:
            if p.kind in ("term", "name") and p.en:
                found.setdefault(p.zh, set()).add(p.en)
        for zh, forms in found.items():
            it = items.setdefault(zh, Item(zh))
            it.forms |= {f for f in forms if f}
            if k not in it.lines:
                it.lines.append(k)
    return items


def measure(segments: Sequence, starts_ends: Sequence[tuple[int, int]]) -> dict:  # type: ignore[type-arg]
    """The consistency figures over ``segments`` (translated segments with annotations and pins), split into
    articles at ``starts_ends``."""
    measured: list[Item] = []
    unmeasured: list[str] = []
    for a, b in starts_ends:
        arts = segments[a:b]
        for it in _items(arts).values():
            if len(it.lines) < 2:
                continue
            if not it.forms:
                unmeasured.append(it.zh)
                continue
            for k in it.lines:
                it.renderings.append(rendering(arts[k].english, it.forms, it.zh) or "(other)")
            it.lines = [a + k for k in it.lines]
            measured.append(it)
    distinct = [len(set(it.renderings)) for it in measured]
    # The same, over the lines that name the item at all: a line that leaves it out is an omission (the
    # checks flag it), not a second name; this says whether anything was named two ways.
    named = [len({r for r in it.renderings if r != "(other)"}) or 1 for it in measured]
    return {
        "articles": len(starts_ends),
        "items": len(measured),
        "mean_distinct": round(sum(distinct) / len(distinct), 3) if distinct else 1.0,
        "consistent": sum(1 for d in distinct if d == 1),
        "mean_distinct_named": round(sum(named) / len(named), 3) if named else 1.0,
        "named_two_ways": [it.zh for it, d in zip(measured, named, strict=True) if d > 1],
        "unmeasured": unmeasured,
        "exceptions": [
            {"zh": it.zh, "lines": [i + 1 for i in it.lines], "renderings": it.renderings}
            for it in measured
            if len(set(it.renderings)) > 1
        ],
    }
