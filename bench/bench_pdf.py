"""How much of a PDF zhbrief keeps is the main text: Han-character precision and recall against hand-marked
main text, per file, with the furniture removed and the read time.

    python bench/bench_pdf.py FOLDER [FOLDER ...] [--gold GOLD_DIR] [--runs 5]

Each ``NAME.pdf`` in a folder needs its main text as ``NAME.gold.txt``: beside it, or in ``--gold`` (gold
files are kept outside the repository, like the PDFs they mark, which we may not redistribute). A PDF
without a gold file is read and listed without scores: a scanned one is shown with the one line it is
refused with, which is what a file without a text layer must get.

Precision is the share of the Han characters zhbrief kept (title, headings, paragraphs, list items, table
rows, in the source's script) that occur in the main text; recall the share of the main text's Han
characters that were kept; both over character multisets, so reading order does not move them (the tests
check order). "furniture" counts what was removed and reported (``inspect`` lists each). Time is the
median of ``--runs`` reads (layout, furniture, structure, split).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit.article import Article
from toolkit.cjk import HAN
from toolkit.errors import ZhbriefError
from toolkit.ingest import read_article

TARGET = 0.95


def kept_text(article: Article) -> str:
    """What zhbrief keeps of a PDF, in the source's script: the title (unless the first sentence stands
    in for one, and so is in the body already), headings and paragraphs."""
    body = {s.heading_original for s in article.sections}
    # A PDF's title may stand in the body too (a heading further down the first page): counted once.
    parts = (
        [article.title_original]
        if article.title_from != "first-sentence" and article.title_original not in body
        else []
    )
    for s in article.sections:
        if s.heading_original is not None:
            parts.append(s.heading_original)
        parts.extend(p.original for p in s.paragraphs)
    return "\n".join(parts)


def han(text: str) -> Counter[str]:
    return Counter(HAN.findall(text))


def scores(kept: str, gold: str) -> tuple[float, float]:
    k, g = han(kept), han(gold)
    common = sum((k & g).values())
    return common / max(1, sum(k.values())), common / max(1, sum(g.values()))


def gold_path(pdf: Path, gold_dir: Path | None) -> Path | None:
    for folder in ([gold_dir] if gold_dir else []) + [pdf.parent]:
        p = folder / f"{pdf.stem}.gold.txt"
        if p.exists():
            return p
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--gold", type=Path, help="folder of NAME.gold.txt files (default: beside each PDF)")
    ap.add_argument("--runs", type=int, default=3, help="reads per file; the median time is shown")
    args = ap.parse_args(argv)
    pdfs = sorted(p for f in args.folders for p in (f.glob("*.pdf") if f.is_dir() else [f]))
    if not pdfs:
        print("no PDFs found", file=sys.stderr)
        return 2
    print("| file | Han kept | Han gold | precision | recall | furniture | read (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    failed = 0
    for pdf in pdfs:
        times: list[float] = []
        try:
            for _ in range(max(1, args.runs)):
                t = time.perf_counter()
                article = read_article(pdf)
                times.append(time.perf_counter() - t)
        except ZhbriefError as e:
            print(f"| {pdf.name} | | | refused: {e} | | | |")
            continue
        kept = kept_text(article)
        gp = gold_path(pdf, args.gold)
        furniture = len(article.removed)
        t = statistics.median(times)
        if gp is None:
            print(f"| {pdf.name} | {sum(han(kept).values())} | (no gold) | | | {furniture} | {t:.2f} |")
            continue
        gold = gp.read_text("utf-8")
        p, r = scores(kept, gold)
        mark = "" if p >= TARGET and r >= TARGET else " ✗"
        failed += bool(mark)
        print(
            f"| {pdf.name} | {sum(han(kept).values())} | {sum(han(gold).values())} | "
            f"{p:.3f} | {r:.3f}{mark} | {furniture} | {t:.2f} |"
        )
    print(f"\ntarget: precision and recall ≥ {TARGET} on every text-layer file; {failed} below")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
