"""One article, one English per name, across its translation and its brief.

    zhbrief translate ../shared/seed/ARTICLE.txt -o tr.json
    zhbrief brief ../shared/seed/ARTICLE.txt -o brief.json
    python bench/bench_consistency.py tr.json brief.json

Every company, product, person, place and term the translation pins (glossary terms, name rules and the
document memory's renderings, ``pins`` of each segment) and every title in 《》 is looked up in each
translated segment whose source has it, and in each brief sentence (key points, section summaries,
headings) whose cited sources have it (not where it stands only inside a longer pinned term: 天工 of
天工超级智能体 "Skywork Super Agents"). Its rendering there is the first of its pinned English forms the
English carries (``consistency._has_form``: words of their own, a plural too, a place's short forms and
adjective as the place, a glossary term's accepted forms as the term). A translated segment carrying none of them counts as "(other)": it named the thing
some other way or not at all. A brief sentence carrying none is not counted, since a summary may leave a
name out. Printed: per item, its distinct renderings, and the exceptions; target: one rendering each.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import consistency  # noqa: E402

from toolkit.fsutil import read_limited  # noqa: E402
from toolkit.glossary import load_glossaries  # noqa: E402


def _load(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(read_limited(path, 64 * 1024 * 1024, "a JSON output").decode("utf-8"))


ACCEPTED: dict[str, dict[str, str]] = {}
"""Per glossary term, its accepted forms (lower case) → its main English (``--glossary``)."""


def _rendering(english: str, forms: list[str], zh: str) -> str | None:
    return consistency.rendering(english, forms, zh, ACCEPTED.get(zh))


def _inside_longer(zh: str, seg: dict) -> bool:  # type: ignore[type-arg]
    """Every occurrence of ``zh`` in the segment is inside a longer pinned term (天工 of 天工超级智能体, pinned
    "Skywork Super Agents"): the longer term's English stands for it there."""
    source = seg.get("source", "")
    longer = [p["zh"] for p in seg.get("pins", []) if zh in p.get("zh", "") and p["zh"] != zh]
    spans = [(m, m + len(lz)) for lz in longer for m in range(len(source)) if source.startswith(lz, m)]
    at = [i for i in range(len(source)) if source.startswith(zh, i)]
    return bool(at) and all(any(a <= i and i + len(zh) <= b for a, b in spans) for i in at)


def measure(translation: dict, brief: dict | None) -> dict:  # type: ignore[type-arg]
    segments = translation.get("segments", [])
    forms: dict[str, set[str]] = defaultdict(set)
    for seg in segments:
        for p in seg.get("pins", []):
            if p.get("kind") in ("term", "name") and p.get("en"):
                forms[p["zh"]].add(p["en"])
    for r in translation.get("renderings", []):
        forms[r["zh"]].add(r["en"])
    for seg in segments:
        for t in consistency.TITLE.findall(seg.get("source", "")):
            forms.setdefault(t, set())
    source_of = {seg["id"]: seg.get("source", "") for seg in segments if seg.get("id")}
    where: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for zh, fs in forms.items():
        if not fs:
            continue
        flist = sorted(fs)
        for seg in segments:
            if zh in seg.get("source", "") and not _inside_longer(zh, seg):
                where[zh].append(
                    (f"translation {seg['id']}", _rendering(seg.get("english", ""), flist, zh) or "(other)")
                )
        if brief is None:
            continue
        sentences = [("key point", s) for s in brief.get("key_points", [])]
        for sec in brief.get("sections", []):
            sentences += [(f"summary {sec['id']}", s) for s in sec.get("summary", [])]
            if sec.get("heading_zh") and zh in sec["heading_zh"] and sec.get("heading_en"):
                r = _rendering(sec["heading_en"], flist, zh)
                if r:
                    where[zh].append((f"heading {sec['id']}", r))
        for label, s in sentences:
            if any(zh in source_of.get(i, "") for i in s.get("sources", [])):
                r = _rendering(s.get("text", ""), flist, zh)
                if r:
                    where[zh].append((f"brief {label}", r))
    items = {zh: w for zh, w in where.items() if len(w) >= 2}
    distinct = {zh: sorted({r for _, r in w}) for zh, w in items.items()}
    # Over the places that name it: a place that leaves it out is an omission, not a second name.
    named = {zh: [r for r in d if r != "(other)"] for zh, d in distinct.items()}
    return {
        "items": len(items),
        "consistent": sum(1 for d in distinct.values() if len(d) == 1),
        "mean_distinct": round(sum(len(d) for d in distinct.values()) / len(distinct), 3)
        if distinct
        else 1.0,
        "mean_distinct_named": round(sum(max(1, len(d)) for d in named.values()) / len(named), 3)
        if named
        else 1.0,
        "named_two_ways": [zh for zh, d in named.items() if len(d) > 1],
        "exceptions": {zh: items[zh] for zh, d in distinct.items() if len(d) > 1},
        "untitled": [zh for zh, fs in forms.items() if not fs],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("translation", type=Path, help="zhbrief translate ... -o tr.json")
    ap.add_argument("brief", type=Path, nargs="?", help="zhbrief brief ... -o brief.json")
    ap.add_argument(
        "--glossary",
        action="append",
        default=None,
        help="the glossary the run used (default: the shipped ones): a term's accepted forms count as it",
    )
    a = ap.parse_args()
    for e in load_glossaries(a.glossary).entries:
        if e.en:
            ACCEPTED[e.zh] = {f.lower(): e.en for f in e.accepted()}
    m = measure(_load(a.translation), _load(a.brief) if a.brief else None)
    print(
        f"{m['items']} names/titles/terms in 2+ places; {m['consistent']} with one rendering; "
        f"distinct renderings per item {m['mean_distinct']}; over the places that name it "
        f"{m['mean_distinct_named']} (named two ways: {len(m['named_two_ways'])})"
    )
    for zh, w in m["exceptions"].items():
        print(f"  {zh}: " + "; ".join(f"{where} '{r}'" for where, r in w))
    if m["untitled"]:
        print("  titles with no rendering decided: " + ", ".join(m["untitled"]))


if __name__ == "__main__":
    main()
