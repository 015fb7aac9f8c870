"""Engine speed and memory: llama.cpp vs transformers, on the packaged models, same sentences.

Usage::

    python bench/bench_engines.py ../shared/eval/wmt21-zhen/dev.zh            # 20 sentences, all four runs
    python bench/bench_engines.py DEV.zh --n 5 --models small                 # a quick look
    python bench/bench_engines.py DEV.zh --engines llama.cpp --json out.json  # also write the figures

Each (engine, model) pair runs in its own subprocess, so the peak resident memory printed is that pair's
alone (the whole process: Python, libraries, weights, KV cache). For each of the first N sentences the
worker asks for an English translation (greedy, Chinese tokens forbidden, at most --max-tokens tokens):
first with max_tokens=1, which times the prompt, then in full, from a cold cache both times. It reports:

- load s: ``load_engine`` wall time (the models are assembled beforehand, so this is loading only);
- prompt tok/s: prompt tokens / time of the 1-token call;
- gen tok/s: (completion tokens - 1) / (full time - 1-token time);
- peak RSS: ru_maxrss of the worker.

Figures are medians over the sentences; the last lines give llama.cpp / transformers ratios per model.
transformers runs a GGUF dequantized: bfloat16 on CPUs with native bf16 (AVX512-BF16/AMX), else float32,
so it needs about 4x (8x) the file size in memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROMPT = "Translate the following Chinese sentence into fluent English. Output only the translation."


def read_sentences(path: Path, n: int) -> list[str]:
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines[:n]


def _cold(engine) -> None:
    """Forget the KV cache so every call pays for its whole prompt (llama.cpp would reuse the prefix)."""
    llm = getattr(engine, "_llm", None)
    if llm is not None:
        llm.reset()


def worker(engine_name: str, model: str, sentences: list[str], max_tokens: int) -> dict:
    from toolkit.engines import load_engine
    from toolkit.engines.registry import MODELS, ensure_model

    if model in MODELS:
        ensure_model(model)  # assembling is not loading
    t0 = time.perf_counter()
    engine = load_engine(model, engine=engine_name)
    load_s = time.perf_counter() - t0
    engine.cjk_mask()  # the one-off vocabulary scan is not generation speed either
    prompt_tps, gen_tps, completions = [], [], []
    for s in sentences:
        msgs = [{"role": "system", "content": PROMPT}, {"role": "user", "content": s}]
        _cold(engine)
        first = engine.generate(msgs, max_tokens=1, english_only=True)
        _cold(engine)
        full = engine.generate(msgs, max_tokens=max_tokens, english_only=True)
        prompt_tps.append(first.prompt_tokens / first.seconds)
        if full.completion_tokens > 1 and full.seconds > first.seconds:
            gen_tps.append((full.completion_tokens - 1) / (full.seconds - first.seconds))
        completions.append(full.text)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "engine": engine_name,
        "model": model,
        "sha256": engine.sha256,
        "sentences": len(sentences),
        "load_s": load_s,
        "prompt_tok_s": statistics.median(prompt_tps),
        "gen_tok_s": statistics.median(gen_tps) if gen_tps else 0.0,
        "peak_rss_mb": peak_kb / 1024,
        "threads": getattr(engine, "threads", None),
        "dtype": engine.describe().get("dtype", "gguf"),
        "first_output": completions[0] if completions else "",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dev_zh", type=Path, help="one Chinese sentence per line (e.g. wmt21-zhen/dev.zh)")
    ap.add_argument("--n", type=int, default=20, help="sentences to use, from the top (default 20)")
    ap.add_argument("--models", default="small,default", help="comma-separated aliases or paths")
    ap.add_argument("--engines", default="llama.cpp,transformers", help="comma-separated engines")
    ap.add_argument("--max-tokens", type=int, default=96)
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--worker", nargs=2, metavar=("ENGINE", "MODEL"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    sentences = read_sentences(args.dev_zh, args.n)
    if not sentences:
        ap.error(f"no sentences in {args.dev_zh}")
    if args.worker:
        print(json.dumps(worker(args.worker[0], args.worker[1], sentences, args.max_tokens)))
        return 0

    results = []
    for model in args.models.split(","):
        for engine in args.engines.split(","):
            cmd = [
                sys.executable,
                __file__,
                str(args.dev_zh),
                "--n",
                str(args.n),
                "--max-tokens",
                str(args.max_tokens),
            ]
            proc = subprocess.run([*cmd, "--worker", engine, model], capture_output=True, text=True)
            if proc.returncode != 0:
                tail = (proc.stderr.strip().splitlines() or ["?"])[-1]
                print(f"{engine:<13} {model:<8} FAILED: {tail}", file=sys.stderr)
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            results.append(r)
            print(
                f"{r['engine']:<13} {r['model']:<8} load {r['load_s']:6.1f} s  prompt {r['prompt_tok_s']:7.1f} tok/s  "
                f"gen {r['gen_tok_s']:6.1f} tok/s  peak RSS {r['peak_rss_mb']:7.0f} MB  ({r['sentences']} sentences, "
                f"medians, {r['dtype']})",
                flush=True,
            )
    by = {(r["engine"], r["model"]): r for r in results}
    for model in args.models.split(","):
        a, b = by.get(("llama.cpp", model)), by.get(("transformers", model))
        if a and b and b["gen_tok_s"] and b["prompt_tok_s"]:
            print(
                f"ratio llama.cpp/transformers {model:<8} gen {a['gen_tok_s'] / b['gen_tok_s']:.1f}x  "
                f"prompt {a['prompt_tok_s'] / b['prompt_tok_s']:.1f}x  "
                f"memory {a['peak_rss_mb'] / b['peak_rss_mb']:.2f}x"
            )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    return 0 if results else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
