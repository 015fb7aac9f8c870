"""Glossary matching cost against jieba segmentation, on the seed article (target: matching < segmentation).

    python bench/bench_glossary.py [FILE] [--entries 10000] [--repeat 7]

Builds a glossary of N entries: the shipped ai-industry glossary plus real words drawn from jieba's own
dictionary (2-6 characters, so they hit the text the way real terms do, first characters included), and a
share of Latin terms. Times, as medians of the runs:

- match: ``Glossary.match`` over the whole article text (OpenCC folding included);
- segment: the same glossary's ``Segmenter.tokens`` over the same text (jieba with the terms as user words);
- segmenter build: making that Segmenter (once per glossary, not per article);
- check: ``check_terms`` of the text against an English rendering (a copy of the pinned forms).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.dictionary import base_tokenizer  # noqa: E402
from toolkit.glossary import Entry, Glossary, check_terms, load_glossaries  # noqa: E402
from toolkit.ingest import read_article  # noqa: E402


def big_glossary(n: int, seed: int = 0) -> Glossary:
    base = load_glossaries([ROOT / "glossary" / "ai-industry.tsv"], use_default=False).entries
    rnd = random.Random(seed)
    words = sorted(w for w, f in base_tokenizer().FREQ.items() if f > 0 and 2 <= len(w) <= 6)
    keys = {e.key for e in base}
    entries = list(base)
    for w in rnd.sample(words, min(len(words), n * 2)):
        if len(entries) >= n:
            break
        if w not in keys:
            keys.add(w)
            entries.append(Entry(w, f"term {len(entries)}"))
    for i in range(n // 20):  # Latin terms too (product names with digits and spaces)
        entries[-(i + 1)] = Entry(f"Product{i} V{i % 9}", f"Product{i} V{i % 9}", status="dnt")
    return Glossary(entries[:n])


def median_s(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", default=str(ROOT / "corpus" / "kunlun-tiangong-overseas-music-ai.txt"))
    ap.add_argument("--entries", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    article = read_article(args.file)
    text = "\n".join(s.text for s in article.sentences())
    g = big_glossary(args.entries)
    t0 = time.perf_counter()
    seg = g.segmenter()
    build = time.perf_counter() - t0
    g.match("预热")  # builds the matcher index once, as a long-running process has it
    seg.tokens("预热")
    n_matches = len(g.match(text))
    english = " ".join(m.entry.en for m in g.match(text))

    match_s = median_s(lambda: g.match(text), args.repeat)
    segment_s = median_s(lambda: seg.tokens(text), args.repeat)
    check_s = median_s(lambda: check_terms(text, english, g), max(3, args.repeat // 2))
    index_s = median_s(lambda: Glossary(g.entries).match("预热"), 3)

    print(f"article: {args.file} ({len(text):,} chars); glossary: {len(g):,} entries; {n_matches} matches")
    print(f"match   median {match_s * 1000:8.2f} ms  ({len(text) / match_s / 1e6:.2f} M chars/s)")
    print(f"segment median {segment_s * 1000:8.2f} ms  (jieba, glossary terms as user words)")
    print(f"ratio   match / segment = {match_s / segment_s:.2f}")
    print(f"once per glossary: matcher index {index_s * 1000:.1f} ms, segmenter {build * 1000:.1f} ms")
    print(f"check_terms median {check_s * 1000:.2f} ms")
    ok = match_s < segment_s
    print("OK: matching costs less than segmentation" if ok else "FAIL: matching is slower than segmentation")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
