"""Name pins, labelled by hand: how many are real names with acceptable English (issue 20).

    python bench/bench_names.py --dev ../shared/eval/wmt21-zhen/dev.zh [--n 200] [--labels FILE] [--json OUT]

Annotates the seed article (as a document, the way ``translate`` and ``brief`` do) and the first N
development lines (as one document of lines, the way ``translate`` reads a file of lines), with the default
glossary, and collects every name pin (``Pin.kind == "name"``). Each distinct (Chinese, English) pin is
looked up in the hand-label table (bench/names-labels.tsv): ``ok`` (a real name with acceptable English),
``wrong`` (a real name with wrong English, or one cut short) or ``not-name`` (an ordinary word). A pin the
table lacks is printed as UNLABELLED: read it in its sentence and add it. Also printed: the words rejected
as names and why, and the names reported but not pinned.

The development lines are read from the path given; nothing of them is stored here but the name strings
in the label table.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.annotate import Annotation, Annotator  # noqa: E402
from toolkit.glossary import load_glossaries  # noqa: E402
from toolkit.ingest import read_article  # noqa: E402

SEED = ROOT / "corpus" / "kunlun-tiangong-overseas-music-ai.txt"
LABELS = ROOT / "bench" / "names-labels.tsv"


def read_labels(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("zh\t"):
            continue
        zh, en, label, note = [*line.split("\t"), "", ""][:4]
        out[(zh, en)] = (label, note)
    return out


def annotations(dev: Path | None, n: int) -> list[tuple[str, Annotation]]:
    annotator = Annotator(load_glossaries(None))
    out = [(f"seed:{k}", a) for k, a in annotator.article(read_article(SEED)).items()]
    if dev is not None:
        lines = [x.strip() for x in dev.read_text(encoding="utf-8").splitlines()[:n]]
        annotator.read_document(lines)
        out += [(f"dev:L{i + 1}", annotator.annotate(t, f"L{i + 1}")) for i, t in enumerate(lines) if t]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--dev", type=Path, help="development source lines (e.g. ../shared/eval/wmt21-zhen/dev.zh)"
    )
    ap.add_argument("--n", type=int, default=200, help="first N lines (default 200)")
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--json", type=Path, help="write the pins, labels and rejections here")
    args = ap.parse_args()
    labels = read_labels(args.labels)
    pins: dict[tuple[str, str], list[str]] = {}
    rejected: dict[tuple[str, str], int] = {}
    reported: Counter[str] = Counter()
    for where, ann in annotations(args.dev, args.n):
        for p in ann.pins:
            if p.kind == "name":
                pins.setdefault((p.zh, p.en), []).append(where)
        for r in ann.rejected_names:
            rejected[(r.zh, r.reason)] = rejected.get((r.zh, r.reason), 0) + 1
        reported.update(x.zh for x in ann.names if not x.pinned and x.source != "glossary")
    distinct: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    rows = []
    for (zh, en), where in pins.items():
        label, note = labels.get((zh, en), ("UNLABELLED", ""))
        distinct[label] += 1
        occurrences[label] += len(where)
        rows.append({"zh": zh, "en": en, "label": label, "note": note, "where": where})
        if label != "ok":
            print(f"{label:10} {zh} → {en}  ({', '.join(where[:3])}) {note}")
    total_d, total_o = sum(distinct.values()), sum(occurrences.values())
    print(f"\npins: {total_d} distinct, {total_o} occurrences")
    for label in ("ok", "wrong", "not-name", "UNLABELLED"):
        if distinct[label] or label != "UNLABELLED":
            share = 100 * distinct[label] / total_d if total_d else 0.0
            print(
                f"  {label:10} {distinct[label]:4} distinct ({share:5.1f}%)  {occurrences[label]:4} occurrences"
            )
    print(f"\nrejected as names ({len(rejected)}):")
    print("  " + "; ".join(f"{zh} ({reason})" for (zh, reason) in rejected))
    print(f"\nreported, not pinned: {len(reported)} distinct")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "distinct": dict(distinct),
                    "occurrences": dict(occurrences),
                    "pins": rows,
                    "rejected": [{"zh": z, "reason": r, "count": c} for (z, r), c in rejected.items()],
                },
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )
    return 1 if distinct["UNLABELLED"] else 0


if __name__ == "__main__":
    sys.exit(main())
