"""Ingest + segmentation throughput, in Chinese characters per second (target ≥ 200,000/s).

    python bench/bench_ingest.py [FILE ...] [--repeat 7]

Defaults to the seed article. Each run reads the file from disk, decodes, normalizes, sectionizes, splits
sentences and segments every sentence with the package's own jieba tokenizer; the one-off tokenizer start-up
(dictionary load) is done before timing, as it is once per process. Prints the median of the runs and, for
reference, jieba alone on the same text.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.cjk import has_han  # noqa: E402
from toolkit.ingest import read_article  # noqa: E402
from toolkit.segment import Segmenter  # noqa: E402


def cjk_chars(text: str) -> int:
    return sum(1 for ch in text if has_han(ch))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "files", nargs="*", default=[str(ROOT / "corpus" / "kunlun-tiangong-overseas-music-ai.txt")]
    )
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    seg = Segmenter()
    read_article(args.files[0])  # warm caches (OpenCC, tokenizer) the way a long-running process has them
    chars = sum(cjk_chars(read_article(f).text) for f in args.files)

    runs, jieba_runs = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        for f in args.files:
            a = read_article(f)
            for s in a.sentences():
                seg.cut(s.text)
        runs.append(time.perf_counter() - t)
        texts = [read_article(f).text for f in args.files]
        t = time.perf_counter()
        for text in texts:
            seg.cut(text)
        jieba_runs.append(time.perf_counter() - t)

    med, jmed = statistics.median(runs), statistics.median(jieba_runs)
    print(f"files: {len(args.files)}, Chinese characters: {chars:,}, runs: {args.repeat}")
    print(f"ingest+segment: median {med * 1000:.1f} ms → {chars / med:,.0f} chars/s (target ≥ 200,000)")
    print(f"jieba alone:    median {jmed * 1000:.1f} ms → {chars / jmed:,.0f} chars/s")


if __name__ == "__main__":
    main()
