"""How often do the place and name checks flag a good human translation?

    python bench/bench_places.py ../shared/eval/mqm-ted-zhen/mqm_ted_zhen.tsv [--show] [--json OUT]

The MQM set (see its PROVENANCE.md) holds, besides MT output, translations by two human translators
(systems ``ref`` and ``refB``); a row with category ``No-error`` is a translation its professional rater
found no error in. Each such pair is audited like ``zhbrief check --lines --no-glossary`` and counted as
flagged when it gets a ``name`` problem (a place, person or organisation the source does not name): every
one is a false alarm or a rater's miss, listed with --show to be read. ``number`` problems are counted
beside it. Nothing of the set is stored; the path is an argument.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.checks.audit import audit_pairs  # noqa: E402

HUMAN = ("ref", "refB")


def good_human_pairs(path: Path) -> list[tuple[str, str, str]]:
    """(key, source, target) of each human translation rated ``No-error``, once each."""
    seen: set[str] = set()
    out: list[tuple[str, str, str]] = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["system"] not in HUMAN or row["category"] != "No-error":
                continue
            key = f"{row['system']}:{row['doc']}:{row['seg_id']}"
            if key in seen:
                continue
            seen.add(key)
            strip = lambda s: re.sub(r"</?v>", "", s)  # noqa: E731
            out.append((key, strip(row["source"]), strip(row["target"])))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mqm", type=Path, help="mqm_ted_zhen.tsv (e.g. ../shared/eval/mqm-ted-zhen/)")
    ap.add_argument("--show", action="store_true", help="print every flag, to be read")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    args = ap.parse_args()
    pairs = good_human_pairs(args.mqm)
    audited = audit_pairs(pairs, None)
    named = [a for a in audited if any(p.kind == "name" for p in a.problems)]
    numbered = [a for a in audited if any(p.kind == "number" for p in a.problems)]
    by_kind = Counter(p.kind for a in audited for p in a.problems if p.kind in ("number", "name"))
    n = len(audited)
    print(f"good human translations (ref/refB, No-error): {n}")
    print(f"flagged with a name problem:   {len(named)}/{n} = {len(named) / max(n, 1):.1%}")
    print(f"flagged with a number problem: {len(numbered)}/{n} = {len(numbered) / max(n, 1):.1%}")
    if args.show:
        for a in named:
            for p in a.problems:
                if p.kind == "name":
                    print(f"  {a.key} {p.english!r}: {p.detail}\n    {a.source}\n    {a.english}")
    if args.json:
        figures = {"lines": n, "name_flagged": len(named), "number_flagged": len(numbered), **by_kind}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
