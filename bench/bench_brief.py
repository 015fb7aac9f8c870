"""How long the seed article's brief takes, and what selection-first saves.

    python bench/bench_brief.py [ARTICLE] [--model default] [--runs 3] [--direct-runs 1] [--sentences 2]
                                [--save brief.md]

Loads the engine once (load time is reported on its own, as a long-running process pays it once), then
briefs the article ``--runs`` times with the default selection-first method and prints the median wall time,
the split between prompt processing and generation (from llama.cpp's own counters), tokens, and the quality
figures of the last run (unsupported claims too: how many the first drafts made, how many shipped). Every run is cold: the translation memory that fallbacks use is bypassed. Then it briefs the same article ``--direct-runs`` times summarizing each whole
section directly (in pieces that fit the context) and prints the speedup of selection over that.
Target on a 2-core machine with the default model: median ≤ 90 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.brief import brief  # noqa: E402
from toolkit.engines import load_engine  # noqa: E402
from toolkit.glossary import load_glossaries  # noqa: E402
from toolkit.ingest import read_article  # noqa: E402


class Timed:
    """Wraps an engine to add up prompt-processing and generation seconds across a brief."""

    def __init__(self, engine):
        self.engine = engine
        self.reset()

    def reset(self) -> None:
        self.prompt_s = self.gen_s = 0.0
        self.prompt_tokens = self.evaluated = self.completion_tokens = self.calls = 0

    def generate(self, messages, **kw):
        # llama.cpp's own counters split each call into prompt evaluation and token generation, and say how
        # many prompt tokens were evaluated at all (the rest came from the reused prefix).
        import llama_cpp

        ctx = self.engine._llm.ctx
        llama_cpp.llama_perf_context_reset(ctx)
        g = self.engine.generate(messages, **kw)
        perf = llama_cpp.llama_perf_context(ctx)
        self.calls += 1
        self.prompt_tokens += g.prompt_tokens
        self.completion_tokens += g.completion_tokens
        self.prompt_s += perf.t_p_eval_ms / 1000
        self.gen_s += perf.t_eval_ms / 1000
        self.evaluated += perf.n_p_eval
        return g

    def __getattr__(self, name):
        return getattr(self.engine, name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "article", nargs="?", default=str(ROOT / "corpus" / "kunlun-tiangong-overseas-music-ai.txt")
    )
    ap.add_argument("--model", default="default")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--direct-runs", type=int, default=1)
    ap.add_argument("--sentences", type=int, default=2)
    ap.add_argument(
        "--save",
        metavar="FILE.md",
        help="write the last selection-first brief as Markdown, to read and quote",
    )
    args = ap.parse_args()

    t = time.perf_counter()
    engine = Timed(load_engine(args.model))
    load_s = time.perf_counter() - t
    article = read_article(args.article)
    glossary = load_glossaries(None)
    print(f"article: {args.article} ({article.chars:,} chars, {len(article.sections)} sections)")
    print(f"model: {engine.model_id} ({engine.engine_name}), load {load_s:.1f} s")

    def run(method: str, n: int) -> tuple[list[float], object]:
        times, last = [], None
        for i in range(n):
            engine.reset()
            t = time.perf_counter()
            # Cold every run: fallback translations must not come out of an earlier run's memory.
            last = brief(
                article,
                glossary=glossary,
                engine=engine,
                sentences=args.sentences,
                method=method,
                use_cache=False,
            )
            dt = time.perf_counter() - t
            times.append(dt)
            print(
                f"  {method} run {i + 1}: {dt:.1f} s — {engine.calls} calls, prompt {engine.prompt_tokens} tok "
                f"({engine.evaluated} evaluated after prefix reuse) {engine.prompt_s:.1f} s, "
                f"generation {engine.completion_tokens} tok {engine.gen_s:.1f} s",
                flush=True,
            )
        return times, last

    sel_times, b = run("select", args.runs)
    med = statistics.median(sel_times)
    q = b.quality
    print(f"select: median of {args.runs} = {med:.1f} s (target ≤ 90 s)")
    print(
        f"  quality (last run): term adherence {q.term_adherence:.1%} ({q.term_hits}/{q.term_occurrences}), "
        f"quantity errors {len(q.quantity_errors)} of {q.quantity_checked} checked, Chinese left "
        f"{len(q.cjk_leaks)}, retries {q.retries}, repairs {q.repairs}, fallbacks {q.fallbacks}, passed {q.passed}"
    )
    print(
        f"  unsupported claims (last run): {q.unsupported_in_drafts} in the first drafts, "
        f"{len(q.unsupported)} shipped"
        + "".join(f"\n    {u['id']} {u['kind']} {u['english']!r}: {u['detail']}" for u in q.unsupported)
    )
    if args.save:
        from toolkit.brief.render import render

        Path(args.save).write_text(render(b, article, "md"), encoding="utf-8")
        print(f"  last brief written to {args.save}")
    if args.direct_runs:
        dir_times, _ = run("direct", args.direct_runs)
        dmed = statistics.median(dir_times)
        print(
            f"direct: median of {args.direct_runs} = {dmed:.1f} s → selection-first is {dmed / med:.2f}× faster"
        )


if __name__ == "__main__":
    main()
