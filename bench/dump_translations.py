"""Dump what the translation pipeline produces, to show a change of code changed no output.

    python bench/dump_translations.py --src ../shared/eval/wmt21-zhen/dev.zh -o after.json
    python bench/dump_translations.py --root ../old-checkout --src ../shared/eval/wmt21-zhen/dev.zh -o before.json
    python bench/dump_translations.py --compare before.json after.json
    python bench/dump_translations.py --score after.json --src ../shared/eval/wmt21-zhen/dev.zh \
        --ref ../shared/eval/wmt21-zhen/dev.en [--paired before.json]

``--score`` reads a dump (this script's, or ``bench_translate --dump``'s, even one cut short) and prints
BLEU, chrF, quantity fidelity and dates kept for the shipped English, the first drafts and, where the dump
has them, the retries (each retried line's retry in place of what shipped). ``--paired BASELINE`` also
says whether the shipped English scores differently from another dump's by more than chance: the p-value of
a paired randomization test of each metric's difference (``paired_p``), and the same against the dump's
own first drafts. Two versions that write other
English on a few of 200 lines are rarely told apart; read a tenth of a point with that in mind.

Translates the first ``--n`` lines with ``translate_lines`` the way ``bench_translate`` does (blocks of
``--block`` lines, the benchmark glossary, the default model, no translation memory) using the code of the
checkout at ``--root`` (default: this one), and writes each line's English, pass/fail, failures, repairs and
whether it was retried. ``--compare`` prints how many lines differ and each difference. Greedy decoding on
one machine is deterministic, so two checkouts with the same behaviour write the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def dump(root: Path, src: Path, glossary: Path, n: int, block: int, model: str, out: Path) -> None:
    sys.path.insert(0, str(root))
    try:
        from toolkit.translation import translate_lines
    except ImportError:  # checkouts from before translation/ was the stage's one home
        from toolkit.translate import translate_lines  # type: ignore[no-redef]
    from toolkit.engines import load_engine
    from toolkit.glossary import load_glossaries

    lines = src.read_text(encoding="utf-8").splitlines()[:n]
    g = load_glossaries([str(glossary)], use_default=False)
    engine = load_engine(model)
    rows = []
    for i in range(0, len(lines), block):
        t = translate_lines(lines[i : i + block], engine, g, use_cache=False)
        rows += [
            {
                "en": s.english,
                "draft": getattr(s, "draft", None),
                "ok": s.quality.ok,
                "failures": [str(f) for f in s.quality.failures()],
                "repairs": s.repairs,
                "retried": s.retried,
            }
            for s in t.segments
        ]
        out.write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{len(rows)} lines → {out}")


def compare(a: Path, b: Path) -> int:
    before = json.loads(a.read_text(encoding="utf-8"))
    after = json.loads(b.read_text(encoding="utf-8"))
    n = min(len(before), len(after))
    diff = [i for i in range(n) if before[i] != after[i]]
    for i in diff:
        print(f"line {i + 1}:\n  before {before[i]}\n  after  {after[i]}")
    print(
        f"{n} lines compared, {len(diff)} differ" + ("" if len(before) == len(after) else " (lengths differ)")
    )
    return 1 if diff or len(before) != len(after) else 0


def score_dump(path: Path, src: Path, ref: Path, glossary: Path) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_translate import score  # the benchmark's own figures

    from toolkit.glossary import load_glossaries

    rows = json.loads(path.read_text(encoding="utf-8"))
    n = len(rows)
    srcs = src.read_text(encoding="utf-8").splitlines()[:n]
    refs = ref.read_text(encoding="utf-8").splitlines()[:n]
    g = load_glossaries([str(glossary)], use_default=False)
    systems = {
        "shipped": [r["en"] for r in rows],
        "drafts": [r["draft"] if r.get("draft") is not None else r["en"] for r in rows],
    }
    if any(r.get("retry") is not None for r in rows):
        systems["retries"] = [r["retry"] if r.get("retry") is not None else r["en"] for r in rows]
        systems["old rule (est.)"] = old_rule(rows, srcs, g)
        systems["new rule (est.)"] = old_rule(rows, srcs, g, new=True)
    cols = ["bleu", "chrf", "quantity_fidelity", "quantities", "dates_kept", "dates", "unsupported"]
    print(f"{n} lines of {path}")
    print(" | ".join(["system", *cols]))
    for name, hyps in systems.items():
        row = score(name, hyps, refs, srcs, g, 0.0, 0)
        print(" | ".join([name, *(str(row[c]) for c in cols)]))
    if all("pins" in r for r in rows):
        cons = dump_consistency(rows, srcs, g)
        print(
            f"consistency: {cons['items']} items in 2+ lines of one of {cons['articles']} articles, distinct "
            f"renderings per item {cons['mean_distinct']} ({cons['consistent']} with one); unmeasured "
            f"{len(cons['unmeasured'])}"
        )
        for e in cons["exceptions"]:
            print(f"  {e['zh']} lines {e['lines']}: {e['renderings']}")
    retried = sum(1 for r in rows if r.get("retried"))
    kept = sum(1 for r in rows if r.get("retry_kept"))
    print(f"retried {retried}, retry shipped {kept}")


def paired_p(
    metric, base: list[str], this: list[str], refs: list[str], trials: int = 10000, seed: int = 12345
) -> tuple[float, float, float, int]:  # type: ignore[no-untyped-def]
    """(baseline score, this score, two-sided p-value, lines that differ) of a paired randomization test.

    Under the null hypothesis each line's two English are exchangeable: the p-value is the share of the
    ways to swap them whose score difference is at least the observed one. Lines with the same English
    swap to nothing, so only the lines that differ are swapped: all 2^k ways when k ≤ 14 (an exact test),
    else ``trials`` random ones (approximate randomization). An arrangement counts when its difference is
    at least the observed one: sacrebleu's ``PairedTest`` counts only strictly larger ones, and reports
    p = 0.0001 for two systems that differ on two lines, where the observed difference is the largest.
    """
    import itertools

    import numpy as np

    a = np.asarray(metric._extract_corpus_statistics(base, [refs]), dtype=float)
    b = np.asarray(metric._extract_corpus_statistics(this, [refs]), dtype=float)

    def score(stats) -> float:  # type: ignore[no-untyped-def]
        return float(metric._compute_score_from_stats(list(stats)).score)

    s0, s1 = score(a.sum(0)), score(b.sum(0))
    diff = [i for i, (x, y) in enumerate(zip(base, this, strict=True)) if x != y]
    if not diff:
        return s0, s1, 1.0, 0
    same = a.sum(0) - a[diff].sum(0)
    da, db = a[diff], b[diff]
    k = len(diff)
    if k <= 14:
        masks = np.array(list(itertools.product((False, True), repeat=k)))
    else:
        masks = np.random.default_rng(seed).integers(2, size=(trials, k)).astype(bool)
    keep = masks[:, :, None]
    x = same + np.where(keep, da, db).sum(1)
    y = same + np.where(keep, db, da).sum(1)
    observed = abs(s1 - s0)
    d = np.abs([score(u) - score(v) for u, v in zip(y, x, strict=True)])
    hits = int((d >= observed - 1e-9).sum())
    p = hits / len(masks) if k <= 14 else (hits + 1) / (len(masks) + 1)
    return s0, s1, p, k


def paired(baseline: Path, path: Path, ref: Path) -> None:
    """Whether the shipped English of ``path`` scores differently from ``baseline``'s by more than chance."""
    from sacrebleu.metrics import BLEU, CHRF

    rows = json.loads(path.read_text(encoding="utf-8"))
    this = [r["en"] for r in rows]
    against = {str(baseline): [r["en"] for r in json.loads(baseline.read_text(encoding="utf-8"))]}
    if any(r.get("draft") is not None for r in rows):  # and the dump's own first drafts
        against["its drafts"] = [r["draft"] if r.get("draft") is not None else r["en"] for r in rows]
    for label, base in against.items():
        n = min(len(base), len(this))
        refs = ref.read_text(encoding="utf-8").splitlines()[:n]
        for name, metric in (("BLEU", BLEU()), ("chrF", CHRF())):
            s0, s1, p, k = paired_p(metric, base[:n], this[:n], refs)
            print(
                f"paired with {label} ({n} lines, {k} with other English): {name} {s0:.2f} → {s1:.2f} "
                f"({s1 - s0:+.2f}), p = {p:.3f}"
            )


def old_rule(rows: list[dict], srcs: list[str], glossary, new: bool = False) -> list[str]:  # type: ignore[no-untyped-def,type-arg]
    """What the rule before issue 28 would have shipped from the same drafts and retries: the retry unless
    it had more failing kinds (then more single failures) than the draft, as checked now; ``new``: the
    current rule (``compose.choice.prefer_retry``) on the same pairs. Repairs after the choice are not
    replayed, so this is an estimate."""
    from toolkit.annotate import Annotator
    from toolkit.checks import check_segment
    from toolkit.compose.choice import prefer_retry

    annotator = Annotator(glossary, tokens=False)
    out = []
    for s, r in zip(srcs, rows, strict=True):
        if r.get("retry") is None or r.get("draft") is None:
            out.append(r["en"])
            continue
        ann = annotator.annotate(s.strip())
        d = check_segment(ann, r["draft"], glossary, dates=True)
        t = check_segment(ann, r["retry"], glossary, dates=True)
        if new:
            out.append(r["retry"] if prefer_retry(ann, r["draft"], d, r["retry"], t) else r["draft"])
        else:
            out.append(r["retry"] if (t.failed, t.problems) <= (d.failed, d.problems) else r["draft"])
    return out


def dump_consistency(rows: list[dict], srcs: list[str], glossary) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """``consistency.measure`` over a dump: the lines annotated again (no model), the pins the dump kept."""
    from types import SimpleNamespace

    import consistency

    from toolkit.annotate import Annotator, Pin

    annotator = Annotator(glossary, tokens=False)
    annotator.read_document(srcs)
    segs = [
        SimpleNamespace(
            annotation=annotator.annotate(s.strip(), f"L{i + 1}") if s.strip() else None,
            pins=[Pin(zh, en, kind) for zh, en, kind in r["pins"]],
            english=r["en"],
        )
        for i, (s, r) in enumerate(zip(srcs, rows, strict=True))
    ]
    return consistency.measure(segs, consistency.split_articles(srcs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=ROOT, help="the checkout whose code translates")
    ap.add_argument("--src", type=Path)
    ap.add_argument("--glossary", type=Path, default=ROOT / "bench" / "dev-terms.tsv")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--block", type=int, default=20)
    ap.add_argument("--model", default="default")
    ap.add_argument("-o", "--out", type=Path)
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    ap.add_argument("--score", type=Path, metavar="DUMP", help="score a dump against --ref")
    ap.add_argument("--ref", type=Path, help="reference lines for --score")
    ap.add_argument(
        "--paired",
        type=Path,
        metavar="BASELINE",
        help="with --score: whether the shipped English differs from BASELINE's (another dump) by more than chance",
    )
    args = ap.parse_args()
    if args.compare:
        sys.exit(compare(*args.compare))
    if args.score:
        if args.src is None or args.ref is None:
            ap.error("--score needs --src and --ref")
        score_dump(args.score, args.src, args.ref, args.glossary)
        if args.paired:
            paired(args.paired, args.score, args.ref)
        return
    if args.src is None or args.out is None:
        ap.error("give --src and -o (or --compare BEFORE AFTER)")
    dump(args.root.resolve(), args.src, args.glossary, args.n, args.block, args.model, args.out)


if __name__ == "__main__":
    main()
