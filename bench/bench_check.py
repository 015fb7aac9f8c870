"""Does the grounding check catch changed numbers and swapped places, and leave human translations alone?

    python bench/bench_check.py --zh ../shared/eval/wmt21-zhen/dev.zh --en ../shared/eval/wmt21-zhen/dev.en
        [--n N] [--show] [--json OUT]

A labelled set built from human reference translations (line N of --en translates line N of --zh):

- *changed numbers*: each line whose English states a number (in digits) that its source gives has that
  number changed — ×10 on even lines, the last digit on odd ones — where the new number is not one the
  source gives too;
- *swapped places*: each line whose English names a place the source names has that place swapped for one
  of the same sort (country, Chinese province, city, adjective) that the source does not name;
- *reversed changes*: each line whose source has a change verb (扩大, 降低 …; ``toolkit.checks.direction``)
  and whose English has a change word of the same direction from the table below ("increase", "higher") has
  the first such word turned into its opposite ("decrease", "lower"), wherever it stands in the sentence;
- *untouched*: every line as the human wrote it.

Each line is audited by ``toolkit.checks.audit`` (``zhbrief check --lines``: no glossary, so only the
grounding and the glossary-free checks speak). Reported: the share of changed lines whose change is flagged
(a ``number`` or ``amount`` problem naming the new figure; a ``name`` problem naming the new place; a
``mistranslation`` naming the reversed word), and the share of untouched lines flagged with a ``number`` or
``name`` problem, or a reversed direction (false alarms: every one is listed
with --show, to be read). Nothing of the development files is stored; the paths are arguments.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.annotate import gazetteer  # noqa: E402
from toolkit.checks.audit import audit_pairs  # noqa: E402
from toolkit.checks.direction import CHANGE_DOWN, CHANGE_UP  # noqa: E402
from toolkit.checks.grounding.numbers import _glued, source_numbers  # noqa: E402
from toolkit.checks.grounding.places import _place_rx  # noqa: E402
from toolkit.quantities import find_quantities, parse_english_amounts  # noqa: E402

# Replacements by sort, in a fixed order: the first the source does not name is used.
SWAPS = {
    "country": [
        "Germany",
        "France",
        "Japan",
        "India",
        "Brazil",
        "Canada",
        "Italy",
        "Mexico",
        "Egypt",
        "Spain",
    ],
    "adjective": ["German", "French", "Japanese", "Indian", "Brazilian", "Canadian", "Italian", "Mexican"],
    "province": ["Yunnan", "Gansu", "Hainan", "Jilin", "Guizhou", "Qinghai", "Shandong", "Zhejiang", "Hubei"],
    "city": ["Chengdu", "Wuhan", "Xi'an", "Kunming", "Harbin", "Nanjing", "Lanzhou", "Xiamen", "Dalian"],
    "world-city": ["Paris", "Tokyo", "Berlin", "Moscow", "Cairo", "Madrid", "Sydney", "Toronto"],
}
_ADJECTIVE = re.compile(r"(?:an|ese|ish|ch|i|ic)s?$")


# English change words and their opposites, inflection for inflection (rise/rose/risen: fall/fell/fallen).
_OPPOSITES = [
    ("increase", "decrease"), ("increased", "decreased"), ("increases", "decreases"),
    ("increasing", "decreasing"), ("rise", "fall"), ("rose", "fell"), ("risen", "fallen"),
    ("rises", "falls"), ("rising", "falling"), ("expand", "shrink"), ("expanded", "shrank"),
    ("expands", "shrinks"), ("expanding", "shrinking"), ("widen", "narrow"), ("widened", "narrowed"),
    ("widening", "narrowing"), ("raise", "lower"), ("raised", "lowered"), ("raising", "lowering"),
    ("strengthen", "weaken"), ("strengthened", "weakened"), ("strengthening", "weakening"),
    ("boost", "cut"), ("boosted", "cut"), ("boosting", "cutting"), ("higher", "lower"),
    ("greater", "smaller"), ("larger", "smaller"), ("accelerate", "slow"), ("accelerated", "slowed"),
    ("accelerating", "slowing"), ("extend", "shorten"), ("extended", "shortened"),
    ("enhance", "reduce"), ("enhanced", "reduced"), ("enhancing", "reducing"), ("improve", "worsen"),
    ("improved", "worsened"), ("improving", "worsening"), ("intensify", "ease"),
    ("intensified", "eased"), ("grow", "shrink"), ("grew", "shrank"), ("growing", "shrinking"),
]  # fmt: skip
_UP_TO_DOWN = dict(_OPPOSITES)
_DOWN_TO_UP = {b: a for a, b in _OPPOSITES}


def reverse_change(zh: str, en: str) -> tuple[str, str] | None:
    """(changed English, new word) for the first English change word whose direction a change verb of the
    source has (增加 … "increase" → "decrease"), or None."""
    table = {**(_UP_TO_DOWN if any(w in zh for w in CHANGE_UP) else {}),
             **(_DOWN_TO_UP if any(w in zh for w in CHANGE_DOWN) else {})}  # fmt: skip
    if not table:
        return None
    for m in re.finditer(r"[A-Za-z]+", en):
        new = table.get(m.group().lower())
        if new:
            new = new.capitalize() if m.group()[0].isupper() else new
            return en[: m.start()] + new + en[m.end() :], new
    return None


def _sort_of(form: str) -> str:
    p = gazetteer.english_index()[form][0]
    if p.kind in ("country", "region-foreign"):
        return "adjective" if form not in (p.en,) and _ADJECTIVE.search(form) else "country"
    if p.kind in ("province", "region", "municipality", "sar"):
        return "province"
    if p.kind == "capital":
        return "world-city"
    return "city"


def _names_in_source(form: str, zh: str) -> bool:
    return any(z in zh for p in gazetteer.english_index().get(form, ()) for z in p.zh_forms if len(z) > 1)


def change_number(zh: str, en: str, i: int) -> tuple[str, str] | None:
    """(changed English, new figure) for the first figure in digits the source gives, or None."""
    nums = source_numbers(zh, find_quantities(zh))
    for a in parse_english_amounts(en):
        m = re.search(r"\d[\d,]*(?:\.\d+)?", a.text)
        if m is None or a.words or _glued(en, a.start, a.end) or not nums.has(a.value, a.tolerance):
            continue
        digits = m.group(0)
        if i % 2 == 0:
            new = digits + "0" if "." not in digits else digits.replace(".", "", 1)
            if "," in digits:
                new = f"{int(digits.replace(',', '')) * 10:,}"
        else:
            new = digits[:-1] + str((int(digits[-1]) + 1) % 10)
        value = float(new.replace(",", ""))
        if nums.has(value) or nums.has(value * (a.value / float(digits.replace(",", "")) or 1)):
            continue
        start = a.start + m.start()
        return en[:start] + new + en[start + len(digits) :], new
    return None


def swap_place(zh: str, en: str) -> tuple[str, str] | None:
    """(changed English, new place) for the first place the English and the source both name, or None."""
    for m in _place_rx().finditer(en):
        form = m.group(0)
        if not _names_in_source(form, zh):
            continue
        for new in SWAPS[_sort_of(form)]:
            if new != form and not _names_in_source(new, zh) and new not in en:
                return en[: m.start()] + new + en[m.end() :], new
    return None


def _turned(p) -> bool:
    return p.kind == "mistranslation" and (
        "turned the other way" in p.detail or " is given as a " in p.detail
    )


def _alarm(p) -> str:
    """The kind of false alarm an untouched line's problem is ('' for none counted)."""
    if p.kind in ("number", "name"):
        return p.kind
    return "direction" if _turned(p) else ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--zh", type=Path, required=True, help="source lines (e.g. ../shared/eval/wmt21-zhen/dev.zh)"
    )
    ap.add_argument("--en", type=Path, required=True, help="their human translations, line for line")
    ap.add_argument("--n", type=int, default=0, help="only the first N lines (default: all)")
    ap.add_argument("--show", action="store_true", help="print every false alarm and every miss")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    args = ap.parse_args()
    zh_lines = args.zh.read_text(encoding="utf-8").splitlines()
    en_lines = args.en.read_text(encoding="utf-8").splitlines()
    if len(zh_lines) != len(en_lines):
        print(f"bench_check: {len(zh_lines)} source lines but {len(en_lines)} translations", file=sys.stderr)
        return 2
    pairs = [(i + 1, z, e) for i, (z, e) in enumerate(zip(zh_lines, en_lines, strict=True)) if z.strip()]
    if args.n:
        pairs = pairs[: args.n]

    untouched = audit_pairs(pairs, None)
    alarms = [a for a in untouched if any(_alarm(p) for p in a.problems)]
    by_kind = Counter(_alarm(p) for a in alarms for p in a.problems if _alarm(p))

    changed = [(k, z, *c) for k, z, e in pairs if (c := change_number(z, e, k))]
    audited = audit_pairs([(k, z, e) for k, z, e, _ in changed], None)
    num_hits = [
        any(p.kind in ("number", "amount") and (new in p.english or new in p.detail) for p in a.problems)
        for a, (_, _, _, new) in zip(audited, changed, strict=True)
    ]
    swapped = [(k, z, *c) for k, z, e in pairs if (c := swap_place(z, e))]
    audited_p = audit_pairs([(k, z, e) for k, z, e, _ in swapped], None)
    place_hits = [
        any(p.kind == "name" and p.english == new for p in a.problems)
        for a, (_, _, _, new) in zip(audited_p, swapped, strict=True)
    ]

    reversed_ = [(k, z, *c) for k, z, e in pairs if (c := reverse_change(z, e))]
    audited_r = audit_pairs([(k, z, e) for k, z, e, _ in reversed_], None)
    turn_hits = [
        any(_turned(p) and new.lower() in p.english.lower() for p in a.problems)
        for a, (_, _, _, new) in zip(audited_r, reversed_, strict=True)
    ]

    def share(hits: int, n: int) -> str:
        return f"{hits}/{n} = {hits / n:.1%}" if n else "0/0"

    figures = {
        "lines": len(pairs),
        "changed_numbers": {"lines": len(changed), "flagged": sum(num_hits)},
        "swapped_places": {"lines": len(swapped), "flagged": sum(place_hits)},
        "reversed_changes": {"lines": len(reversed_), "flagged": sum(turn_hits)},
        "untouched": {"lines": len(untouched), "flagged": len(alarms), "by_kind": dict(by_kind)},
    }
    print(f"lines: {len(pairs)} (human reference translations, untouched and changed)")
    print(f"changed numbers flagged:  {share(sum(num_hits), len(changed))}")
    print(f"swapped places flagged:   {share(sum(place_hits), len(swapped))}")
    print(f"reversed changes flagged: {share(sum(turn_hits), len(reversed_))}")
    print(
        f"untouched lines flagged:  {share(len(alarms), len(untouched))} "
        f"(number {by_kind.get('number', 0)}, name {by_kind.get('name', 0)}, "
        f"direction {by_kind.get('direction', 0)} problems)"
    )
    if args.show:
        print("\nfalse alarms on untouched lines:")
        for a in alarms:
            for p in a.problems:
                if _alarm(p):
                    print(f"  L{a.key} {p.kind} {p.english!r}: {p.detail}")
        print("\nchanged numbers not flagged:")
        for hit, (k, _, e, new) in zip(num_hits, changed, strict=True):
            if not hit:
                print(f"  L{k} {new!r}: {e[:160]}")
        print("\nswapped places not flagged:")
        for hit, (k, _, e, new) in zip(place_hits, swapped, strict=True):
            if not hit:
                print(f"  L{k} {new!r}: {e[:160]}")
        print("\nreversed changes not flagged:")
        for hit, (k, _, e, new) in zip(turn_hits, reversed_, strict=True):
            if not hit:
                print(f"  L{k} {new!r}: {e[:160]}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
