"""Does the faithfulness check flag English with a Major accuracy error, and leave error-free English alone?

    python bench/bench_faithfulness.py ../shared/eval/mqm-ted-zhen/mqm_ted_zhen.tsv
        [--n 150] [--seed 0] [--part 0|1] [--model NAME] [--dump OUT.json] [--json OUT]
    python bench/bench_faithfulness.py --cost ../shared/eval/wmt21-zhen/dev.zh [--lines 20] [--model NAME]
    python bench/bench_faithfulness.py --refs ../shared/eval/wmt21-zhen/dev.zh ../shared/eval/wmt21-zhen/dev.en
        [--lines 60] [--model NAME] [--dump OUT.json]

The MQM file (see its PROVENANCE.md; its path is an argument, nothing of it is stored here) has one row per
marked error of a rated translation. *bad* = at least one Major Accuracy/Mistranslation, Omission or
Addition; *good* = only a No-error row. A stratified sample: the bad and the good translations are each
shuffled with ``--seed`` and cut into parts of ``--n``; ``--part 0`` is the calibration sample, ``--part 1``
a disjoint one to report on (thresholds are never tuned on it).

Each translation goes through ``zhbrief check --lines --faithfulness``'s path (``toolkit.checks.audit``,
no glossary) with the model scoring every line (``always_score``, so the ROC-AUC sees every score; the
pipelines score only lines the dictionary leaves uncovered). Reported: the share of bad flagged (any
kind, and the faithfulness kinds alone), the share of good flagged, the ROC-AUC of the combined score, the
flags per kind and per MQM error category, model calls and lines per second. ``--dump`` writes each line's
per-word signals for calibration.

``--cost SRC``: what the check adds to a translation. The first ``--lines`` lines of SRC are translated
by ``translate_lines`` (no glossary, no translation memory) with the faithfulness check off and on, in
alternating blocks of 5 lines so a drift in the machine's speed weighs on both; reported: seconds, model
calls (generation), scoring passes, retries, and segments flagged for omission or mistranslation.

``--refs SRC REF``: the other domain. Human reference translations of news lines (taken as faithful) go
through the same check; reported: the share flagged, which is what the MQM calibration's threshold costs
on news, where the pipelines run it.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.checks.audit import audit_pairs  # noqa: E402
from toolkit.checks.faithfulness import Scorer, check_faithfulness  # noqa: E402
from toolkit.fsutil import read_limited  # noqa: E402

ACCURACY = ("Accuracy/Mistranslation", "Accuracy/Omission", "Accuracy/Addition")
_TAG = re.compile(r"</?v>")


def load_mqm(path: Path) -> tuple[list[dict], list[dict]]:
    """(bad, good) translations: {key, source, target, errors: [category]}."""
    text = read_limited(path, 64 * 1024 * 1024, "an MQM file").decode("utf-8")
    items: dict[tuple[str, ...], dict] = {}
    csv.field_size_limit(1 << 20)
    for row in csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        key = (row["system"], row["doc"], row["doc_id"], row["seg_id"])
        it = items.setdefault(
            key,
            {
                "key": "|".join(key),
                "source": _TAG.sub("", row["source"]).strip(),
                "target": _TAG.sub("", row["target"]).strip(),
                "rows": [],
            },
        )
        it["rows"].append((row["category"], row["severity"]))
    bad, good = [], []
    for it in items.values():
        major = [c for c, s in it["rows"] if c in ACCURACY and s == "Major"]
        if major:
            bad.append({**it, "errors": sorted(set(major))})
        elif all(c == "No-error" for c, _ in it["rows"]):
            good.append({**it, "errors": []})
    return bad, good


def sample(items: list[dict], n: int, seed: int, part: int) -> list[dict]:
    items = sorted(items, key=lambda it: it["key"])
    random.Random(seed).shuffle(items)
    return items[part * n : (part + 1) * n]


def auc(pos: list[float], neg: list[float]) -> float:
    """ROC-AUC: the chance a bad line scores above a good one (ties count half)."""
    if not pos or not neg:
        return float("nan")
    wins = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def cost(src: Path, n: int, model: str | None) -> None:
    from toolkit.engines import load_engine
    from toolkit.translation import translate_lines
    from toolkit.translation.model import Settings

    lines = [ln for ln in read_limited(src, 64 * 1024 * 1024, "a source file").decode("utf-8").splitlines()]
    lines = [ln for ln in lines if ln.strip()][:n]
    engine = load_engine(model)
    totals = {
        on: {"seconds": 0.0, "calls": 0, "scoring": 0, "scoring_s": 0.0, "retries": 0, "flagged": 0}
        for on in (False, True)
    }
    for b, start in enumerate(range(0, len(lines), 5)):
        block = lines[start : start + 5]
        for on in (b % 2 == 0, b % 2 != 0):
            t0 = time.perf_counter()
            tr = translate_lines(block, engine, None, settings=Settings(faithfulness=on), use_cache=False)
            t = totals[on]
            t["seconds"] += time.perf_counter() - t0
            t["calls"] += tr.stats.calls
            t["scoring"] += tr.stats.faithfulness_calls
            t["scoring_s"] += tr.stats.faithfulness_seconds
            t["retries"] += tr.stats.retries
            t["flagged"] += sum(1 for s in tr.segments if s.quality.unfaithful)
    off, on = totals[False], totals[True]
    print(
        f"{len(lines)} lines, model {engine.model_id}: without the check {off['seconds']:.1f} s, "
        f"{off['calls']} calls, {off['retries']} retries; with it {on['seconds']:.1f} s "
        f"(+{on['seconds'] / off['seconds'] - 1:.0%}), {on['calls']} calls, {on['retries']} retries, "
        f"{on['scoring']} scoring passes ({on['scoring_s']:.1f} s), {on['flagged']} segments shipped flagged "
        "for omission/mistranslation"
    )


def refs(src: Path, ref: Path, n: int, model: str | None, dump: Path | None) -> None:
    from toolkit.engines import load_engine

    def lines(p: Path) -> list[str]:
        return read_limited(p, 64 * 1024 * 1024, "a text file").decode("utf-8").splitlines()

    pairs = [(s, e) for s, e in zip(lines(src), lines(ref), strict=False) if s.strip() and e.strip()][:n]
    scorer = Scorer(load_engine(model))
    t0 = time.perf_counter()
    rows = []
    for s, e in pairs:
        res = check_faithfulness(s, e, scorer, always_score=True)
        rows.append(
            {
                "source": s,
                "english": e,
                "score": res.score,
                "faith_kinds": sorted({f.part("kind") for f in res.findings}),
                "words": [[w.word, w.covered, w.gain, w.logprob] for w in res.words],
            }
        )
    flagged = sum(1 for r in rows if r["faith_kinds"])
    print(
        f"{len(rows)} human reference lines, model {scorer.engine.model_id}: {flagged} flagged "
        f"({flagged / max(1, len(rows)):.1%}); {scorer.calls} model calls, "
        f"{time.perf_counter() - t0:.0f} s"
    )
    if dump:
        dump.write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")


def main() -> None:
    if "--refs" in sys.argv:
        ap = argparse.ArgumentParser(description="the check on human reference translations of news")
        ap.add_argument("--refs", type=Path, nargs=2, required=True, metavar=("SRC", "REF"))
        ap.add_argument("--lines", type=int, default=60)
        ap.add_argument("--model", default=None)
        ap.add_argument("--dump", type=Path, help="write per-line signals as JSON")
        a = ap.parse_args()
        refs(a.refs[0], a.refs[1], a.lines, a.model, a.dump)
        return
    if "--cost" in sys.argv:
        ap = argparse.ArgumentParser(description="what the faithfulness check adds to a translation")
        ap.add_argument("--cost", type=Path, required=True, help="Chinese lines, e.g. dev.zh")
        ap.add_argument("--lines", type=int, default=20)
        ap.add_argument("--model", default=None)
        a = ap.parse_args()
        cost(a.cost, a.lines, a.model)
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mqm", type=Path, help="mqm_ted_zhen.tsv")
    ap.add_argument("--n", type=int, default=150, help="translations per class per part (default 150)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--part", type=int, default=1, help="0 = calibration sample, 1 = report (default)")
    ap.add_argument("--model", default=None, help="model alias or path (default: the default model)")
    ap.add_argument("--no-model", action="store_true", help="rule checks and dictionary only")
    ap.add_argument("--dump", type=Path, help="write per-line signals as JSON")
    ap.add_argument(
        "--english-side",
        action="store_true",
        help="also measure the other direction (the English given the source vs none; 2 more passes)",
    )
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    args = ap.parse_args()

    bad, good = load_mqm(args.mqm)
    lines = [(it, True) for it in sample(bad, args.n, args.seed, args.part)]
    lines += [(it, False) for it in sample(good, args.n, args.seed, args.part)]
    scorer = None
    if not args.no_model:
        from toolkit.engines import load_engine

        scorer = Scorer(load_engine(args.model))
    t0 = time.perf_counter()
    rows = []
    for i, (it, is_bad) in enumerate(lines):
        audited = audit_pairs([(i, it["source"], it["target"])], None)[0]
        res = check_faithfulness(it["source"], it["target"], scorer, always_score=True)
        rows.append(
            {
                "key": it["key"],
                "bad": is_bad,
                "errors": it["errors"],
                "rule_kinds": sorted({p.kind for p in audited.problems}),
                "faith_kinds": sorted({f.part("kind") for f in res.findings}),
                "score": res.score,
                "words": [[w.word, w.covered, w.gain, w.logprob] for w in res.words],
                "english_words": scorer.english_gains(it["source"], it["target"])
                if scorer and args.english_side
                else [],
            }
        )
        if (i + 1) % 25 == 0:
            print(f"  {i + 1}/{len(lines)} lines, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    seconds = time.perf_counter() - t0

    def flagged(r: dict, kinds: str = "any") -> bool:
        if kinds == "faith":
            return bool(r["faith_kinds"])
        return bool(r["faith_kinds"] or r["rule_kinds"])

    b = [r for r in rows if r["bad"]]
    g = [r for r in rows if not r["bad"]]
    per_kind = Counter(k for r in rows for k in r["faith_kinds"] + r["rule_kinds"])
    per_kind_bad = Counter(k for r in b for k in r["faith_kinds"] + r["rule_kinds"])
    by_error: dict[str, list[bool]] = defaultdict(list)
    for r in b:
        for e in r["errors"]:
            by_error[e.split("/")[1]].append(flagged(r))
    figures = {
        "sample": {"bad": len(b), "good": len(g), "seed": args.seed, "part": args.part, "n": args.n},
        "model": getattr(scorer.engine, "model_id", None) if scorer else None,
        "bad_flagged": sum(map(flagged, b)) / max(1, len(b)),
        "good_flagged": sum(map(flagged, g)) / max(1, len(g)),
        "bad_flagged_faithfulness": sum(flagged(r, "faith") for r in b) / max(1, len(b)),
        "good_flagged_faithfulness": sum(flagged(r, "faith") for r in g) / max(1, len(g)),
        "auc": auc([r["score"] for r in b], [r["score"] for r in g]),
        "flags_per_kind": {
            k: {"bad": per_kind_bad[k], "good": per_kind[k] - per_kind_bad[k]} for k in per_kind
        },
        "bad_flagged_by_error": {k: f"{sum(v)}/{len(v)}" for k, v in sorted(by_error.items())},
        "model_calls": scorer.calls if scorer else 0,
        "model_tokens": scorer.tokens if scorer else 0,
        "model_seconds": round(scorer.seconds, 1) if scorer else 0,
        "seconds": round(seconds, 1),
        "lines_per_second": round(len(rows) / seconds, 3) if seconds else None,
    }
    print(
        f"bad flagged {figures['bad_flagged']:.1%} (faithfulness kinds alone "
        f"{figures['bad_flagged_faithfulness']:.1%}), good flagged {figures['good_flagged']:.1%} "
        f"({figures['good_flagged_faithfulness']:.1%}); ROC-AUC {figures['auc']:.3f}; "
        f"{len(b)} bad + {len(g)} good (seed {args.seed}, part {args.part}); model {figures['model']}"
    )
    for k, v in sorted(figures["flags_per_kind"].items()):
        print(f"  {k}: {v['bad']} bad, {v['good']} good lines")
    print(
        "  bad flagged by MQM category: "
        + ", ".join(f"{k} {v}" for k, v in figures["bad_flagged_by_error"].items())
    )
    print(
        f"  {figures['model_calls']} model calls, {figures['model_tokens']} tokens evaluated, "
        f"{figures['seconds']} s ({figures['model_seconds']} s in the model), {figures['lines_per_second']} lines/s"
    )
    if args.dump:
        args.dump.write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
