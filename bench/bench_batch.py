"""Batch throughput, warm-cache rerun time, and the batch machinery's overhead over a plain ``brief`` loop.

    python bench/bench_batch.py [--dev ../shared/eval/wmt21-zhen/dev.zh] [--n 20] [--model default]
                                [--sentences 2] [--jobs 1] [--no-loop] [--keep DIR]
                                [--executor ray [--workers N]]

Cuts ``--n`` articles from the WMT21 dev set (a line ending in -新华网 or -中新网 is a headline and starts an
article; the lines up to the next headline are its body) into a temp folder, then:

1. **cold batch**: ``run_batch`` over the folder with the model loaded beforehand (load time printed apart)
   → articles per hour;
2. **warm rerun**: the same ``zhbrief batch`` command again as a fresh process (interpreter start, imports,
   reading and keying every article, comparing every output; no model load), ``--warm-runs`` times →
   median, target under 2 s for 20;
3. **overhead**: the same articles briefed by a plain loop (read → ``brief`` → render → write), against the
   cold batch (target under 5%); and, immune to model-speed noise, the batch's own time outside ``brief``
   as a share of the time inside it.

Each of the two model runs gets its own fresh translation memory, so neither profits from the other.

With ``--executor ray`` it compares the executors instead, on the same articles, each run loading the model
itself (the Ray run also starts a local Ray runtime and its actor): a local batch, then a Ray batch (one
actor with every core), the outputs compared byte for byte but for the date and seconds, the Ray run's wall
time against the local one's (target overhead ≤ 10%) and each run's time outside the model; then the warm
rerun with ``--executor ray`` (it must start no Ray at all). ``--workers 2`` adds a third run with two
1-CPU actors: a simulation of two nodes on one machine (docs/benchmarks.md says what it does and does not show).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DEV = ROOT.parent / "shared" / "eval" / "wmt21-zhen" / "dev.zh"
HEADLINE = re.compile(r"-(新华网|中新网)\s*$")


class Counting:
    """The engine, with the tokens it was asked for added up (everything else passes through)."""

    def __init__(self, engine):  # type: ignore[no-untyped-def]
        self.engine = engine
        self.reset()

    def reset(self) -> None:
        self.prompt_tokens = self.completion_tokens = 0

    def generate(self, messages, **kw):  # type: ignore[no-untyped-def]
        g = self.engine.generate(messages, **kw)
        self.prompt_tokens += g.prompt_tokens
        self.completion_tokens += g.completion_tokens
        return g

    def __getattr__(self, name):  # type: ignore[no-untyped-def]
        return getattr(self.engine, name)


def cut_articles(dev: Path, n: int, folder: Path) -> list[Path]:
    """Split the dev set at its headlines; write the first ``n`` articles (headline first, then body)."""
    articles: list[list[str]] = []
    for line in dev.read_text("utf-8").splitlines():
        if HEADLINE.search(line):
            articles.append([HEADLINE.sub("", line).strip()])
        elif articles and line.strip():
            articles[-1].append(line.strip())
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, lines in enumerate(a for a in articles if len(a) > 1):
        if i >= n:
            break
        p = folder / f"{i + 1:02d}.txt"
        p.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        paths.append(p)
    return paths


def fresh_cache(path: Path) -> Path:
    from toolkit.engines.registry import models_dir

    real = models_dir()
    path.mkdir(parents=True, exist_ok=True)
    (path / "models").symlink_to(real, target_is_directory=True)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--model", default="default")
    ap.add_argument("--sentences", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--no-loop", action="store_true", help="skip the plain-loop comparison (halves the time)")
    ap.add_argument("--warm-runs", type=int, default=5, help="fresh-process warm reruns (median reported)")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp folder)")
    ap.add_argument(
        "--executor", choices=["local", "ray"], default="local", help="ray: compare the executors"
    )
    ap.add_argument("--workers", type=int, default=0, help="with --executor ray: also a run with N actors")
    args = ap.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="zhbrief-bench-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    paths = cut_articles(args.dev, args.n, work / "in")
    from toolkit.ingest import read_article

    chars = sum(read_article(p).chars for p in paths)
    print(
        f"articles: {len(paths)} from {args.dev} ({chars:,} characters), model {args.model}, "
        f"--sentences {args.sentences}, --jobs {args.jobs}, work {work}"
    )

    if args.executor == "ray":
        compare_executors(args, work)
        return
    os.environ["ZHBRIEF_CACHE_DIR"] = str(fresh_cache(work / "cache-batch"))
    from toolkit.batch import BatchOptions, run_batch
    from toolkit.commands.progress import LogProgress
    from toolkit.engines import load_engine
    from toolkit.glossary import load_glossaries

    t = time.perf_counter()
    engine = Counting(load_engine(args.model))
    print(f"model load: {time.perf_counter() - t:.1f} s ({engine.model_id})")
    # The weights are memory-mapped: the first forward pass pages them all in (seconds, once per process).
    # Paid before either timed run, so neither the batch (timed first) nor the loop carries it.
    t = time.perf_counter()
    engine.generate([{"role": "user", "content": "Say OK."}], max_tokens=2)
    print(f"warm-up generation: {time.perf_counter() - t:.1f} s")
    engine.reset()
    glossary = load_glossaries(None)
    out = work / "out"
    opts = BatchOptions(formats=("md", "json"), sentences=args.sentences, jobs=args.jobs)

    t = time.perf_counter()
    res = run_batch([work / "in"], out, opts, glossary=glossary, engine=engine, progress=LogProgress())
    cold = time.perf_counter() - t
    inside = sum(o.result_seconds or 0 for o in res.outcomes if o.status == "done")
    ok = res.count("done")
    print(f"cold batch: {res.summary()}")
    print(
        f"  {cold:.1f} s → {3600 * ok / cold:.1f} articles/hour; {res.model_calls} model calls, "
        f"{engine.prompt_tokens} prompt + {engine.completion_tokens} generated tokens"
    )
    batch_tokens = engine.completion_tokens
    engine.reset()
    print(
        f"  machinery outside brief(): {cold - inside:.2f} s = {100 * (cold - inside) / inside:.2f}% of "
        f"the {inside:.1f} s inside it (target < 5%)"
    )

    cmd = [
        sys.executable,
        "-m",
        "toolkit",
        "batch",
        str(work / "in"),
        "-o",
        str(out),
        "--model",
        args.model,
        "-n",
        str(args.sentences),
        "-f",
        "md",
        "-f",
        "json",
        "--jobs",
        str(args.jobs),
    ]
    # A timing is a median of several runs: one fresh process is at the mercy of whatever else runs.
    warms = []
    for _ in range(args.warm_runs):
        t = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        warms.append(time.perf_counter() - t)
    warm = statistics.median(warms)
    last = proc.stderr.strip().splitlines()[-1:] if proc.stderr.strip() else ["?"]
    runs = " ".join(f"{w:.2f}" for w in warms)
    print(
        f"warm rerun (fresh process, {len(paths)} articles): median of {len(warms)} = {warm:.2f} s "
        f"({runs}; target < 2 s) — {last[0]}"
    )

    if not args.no_loop:
        from toolkit.brief import brief
        from toolkit.brief.render import render
        from toolkit.fsutil import atomic_write_text

        os.environ["ZHBRIEF_CACHE_DIR"] = str(fresh_cache(work / "cache-loop"))
        loop_out = work / "loop"
        loop_out.mkdir(exist_ok=True)
        t = time.perf_counter()
        for p in paths:
            article = read_article(p)
            b = brief(article, glossary=glossary, engine=engine, sentences=args.sentences)
            for fmt in ("md", "json"):
                atomic_write_text(loop_out / f"{p.stem}.{fmt}", render(b, article, fmt))
        loop = time.perf_counter() - t
        print(
            f"plain brief loop: {loop:.1f} s, {engine.prompt_tokens} prompt + {engine.completion_tokens} "
            f"generated tokens → batch overhead {100 * (cold - loop) / loop:+.2f}% (target < 5%; the two runs "
            f"generated {batch_tokens} vs {engine.completion_tokens} tokens)"
        )


_MD_TIME = re.compile(r"· \d{4}-\d{2}-\d{2} · \d+\.\d s")


def comparable(path: Path) -> object:
    """An output with only its wall-clock figures masked (the date and seconds a brief records)."""
    if path.suffix == ".json":
        import json

        d = json.loads(path.read_text("utf-8"))
        for k in ("seconds", "date", "timing"):
            d.pop(k, None)
        return d
    return _MD_TIME.sub("· DATE · N s", path.read_text("utf-8"))


def differing(a: Path, b: Path) -> list[str]:
    names = sorted({p.name for d in (a, b) for p in d.iterdir() if p.suffix in (".md", ".json")})
    return [
        n
        for n in names
        if not (a / n).exists() or not (b / n).exists() or comparable(a / n) != comparable(b / n)
    ]


def timed_run(args, work: Path, name: str, **opts):  # type: ignore[no-untyped-def]
    """One batch in this process with its own fresh translation memory; the model loads inside the run."""
    from toolkit.batch import BatchOptions, run_batch
    from toolkit.commands.progress import LogProgress
    from toolkit.glossary import load_glossaries

    os.environ["ZHBRIEF_CACHE_DIR"] = str(fresh_cache(work / f"cache-{name}"))
    options = BatchOptions(formats=("md", "json"), sentences=args.sentences, jobs=args.jobs, **opts)
    # The glossaries the command line loads, so the warm rerun (a `zhbrief batch` process) has the same keys.
    glossary = load_glossaries(None)
    t = time.perf_counter()
    res = run_batch(
        [work / "in"], work / name, options, glossary=glossary, model=args.model, progress=LogProgress()
    )
    wall = time.perf_counter() - t
    inside = sum(o.result_seconds or 0 for o in res.outcomes if o.status == "done")
    ok = res.count("done")
    print(f"{name}: {res.summary()}")
    print(
        f"  {wall:.1f} s wall → {3600 * ok / wall:.1f} articles/hour; {res.model_calls} model calls; "
        f"outside the model: {wall - inside:.1f} s ({100 * (wall - inside) / wall:.1f}% of the wall time; "
        "model load, and for Ray its runtime and actor start)"
    )
    return res, wall, wall - inside


def compare_executors(args, work: Path) -> None:  # type: ignore[no-untyped-def]
    local, local_wall, local_outside = timed_run(args, work, "local")
    ray_res, ray_wall, ray_outside = timed_run(args, work, "ray", executor="ray")
    diff = differing(work / "local", work / "ray")
    print(
        f"outputs: {len(list((work / 'ray').glob('*.json')))} articles, {len(diff)} differ but for date and "
        f"seconds{': ' + ', '.join(diff[:5]) if diff else ''}"
    )
    print(
        f"Ray overhead: {ray_wall:.1f} s vs local {local_wall:.1f} s → {100 * (ray_wall - local_wall) / local_wall:+.1f}% "
        f"(target ≤ 10%); model calls {ray_res.model_calls} vs {local.model_calls}; time outside the model "
        f"{ray_outside:.1f} s vs {local_outside:.1f} s → Ray's own cost ≈ {ray_outside - local_outside:.1f} s "
        "per run (runtime and actor start), immune to model-speed drift"
    )
    cmd = [
        sys.executable, "-m", "toolkit", "batch", str(work / "in"), "-o", str(work / "ray"),
        "--model", args.model, "-n", str(args.sentences), "-f", "md", "-f", "json",
        "--jobs", str(args.jobs), "--executor", "ray",
    ]  # fmt: skip
    warms = []
    for _ in range(args.warm_runs):
        t = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        warms.append(time.perf_counter() - t)
    last = proc.stderr.strip().splitlines()[-1:] if proc.stderr.strip() else ["?"]
    print(
        f"warm rerun --executor ray (fresh process, {ray_res.total} articles): median of {len(warms)} = "
        f"{statistics.median(warms):.2f} s ({' '.join(f'{w:.2f}' for w in warms)}; target < 2 s) — {last[0]}"
    )
    if args.workers > 1:
        _, wall, _ = timed_run(
            args, work, f"ray-{args.workers}-workers", executor="ray", workers=args.workers
        )
        diff = differing(work / "local", work / f"ray-{args.workers}-workers")
        print(
            f"{args.workers} actors of {max(1, (os.cpu_count() or 1) // args.workers)} CPU: {wall:.1f} s vs one "
            f"actor of all CPUs {ray_wall:.1f} s ({ray_wall / wall:.2f}× its throughput); {len(diff)} outputs "
            "differ from the local run's but for date and seconds"
        )


if __name__ == "__main__":
    main()
