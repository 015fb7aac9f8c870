"""How much of a saved web page zhbrief keeps is the article: Han-character precision and recall against
the hand-marked main text, per page, with the extraction time and the title found.

    python bench/bench_html.py FOLDER [FOLDER ...] [--runs 5]

Each page ``NAME.html`` (or ``.htm``) in a folder needs its marked main text beside it, in one of three
forms:

- ``NAME.gold.txt``: the main text itself (the form of CleanEval-style corpora and newspaper's tests), or
- ``NAME.gold.json``: ``{"main": [CSS selectors], "exclude": [CSS selectors], "title": "...", "source":
  "...", "site": "...", "licence": "..."}``: the elements a person marked as the article in the page
  itself; their text is the main text (annotated-HTML corpora), or
- ``NAME.gold.json`` with ``"with": [...]`` and ``"without": [...]``: trafilatura's evaluation form, a
  few snippets that must be kept and a few that must be dropped. Such a page has no full main text, so its
  P column is the share of "without" snippets dropped and its R column the share of "with" snippets kept
  (whitespace ignored); it is marked ``*``.

Precision is the share of Han characters zhbrief kept (title excluded, headings included) that occur in
the main text; recall the share of the main text's Han characters that were kept; both over character
multisets, so order and layout do not matter. The whole-page reading (``--no-extract``) is shown beside
it for comparison. Time is the median of ``--runs`` reads of the file (decode, extract, structure, split).
No page is fetched: the corpus is whatever folders you name (docs/benchmarks.md lists the one we measured).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit.article import Article
from toolkit.cjk import HAN
from toolkit.ingest import read_article
from toolkit.ingest.decode import decode

TARGET = 0.9


def gold_of(page: Path) -> tuple[str, dict]:
    """(main text, annotation record) of a page from its sidecar."""
    txt = page.with_suffix(".gold.txt")
    meta_path = page.with_suffix(".gold.json")
    meta = json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
    if txt.exists():
        return txt.read_text("utf-8"), meta
    if "with" in meta or "without" in meta:
        return "", meta
    if not meta.get("main"):
        raise SystemExit(f"{page}: no {txt.name} and no 'main' selectors in {meta_path.name}")
    from bs4 import BeautifulSoup

    html, _ = decode(page.read_bytes())
    soup = BeautifulSoup(html, "html.parser")
    for sel in meta.get("exclude", []):
        for el in soup.select(sel):
            el.decompose()
    parts = [el.get_text(" ", strip=True) for sel in meta["main"] for el in soup.select(sel)]
    return "\n".join(parts), meta


def kept_text(a: Article) -> str:
    out: list[str] = []
    for s in a.sections:
        if s.heading_original is not None:
            out.append(s.heading_original)
        out.extend(p.original for p in s.paragraphs)
    return "\n".join(out)


def _squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def pr(kept: str, gold: str) -> tuple[float, float]:
    k, g = Counter(HAN.findall(kept)), Counter(HAN.findall(gold))
    both = sum((k & g).values())
    return (both / sum(k.values()) if k else 0.0), (both / sum(g.values()) if g else 0.0)


def snippets(kept: str, meta: dict) -> tuple[float, float]:
    """(share of "without" snippets absent, share of "with" snippets present) in what was kept."""
    text = _squeeze(kept)
    without, with_ = meta.get("without", []), meta.get("with", [])
    dropped = sum(_squeeze(s) not in text for s in without)
    found = sum(_squeeze(s) in text for s in with_)
    return (dropped / len(without) if without else 1.0), (found / len(with_) if with_ else 1.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    pages = sorted(p for f in args.folders for p in f.iterdir() if p.suffix in (".html", ".htm"))
    if not pages:
        raise SystemExit("no .html pages in " + ", ".join(map(str, args.folders)))
    print(
        f"{'page':<22} {'P':>5} {'R':>5}  {'whole P':>7}  {'ms':>6}  {'read':<11} {'title ok':<8} title / site"
    )
    failures = 0
    for page in pages:
        gold, meta = gold_of(page)
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            a = read_article(page)
            times.append(time.perf_counter() - t0)
        by_snippet = "with" in meta or "without" in meta
        whole = kept_text(read_article(page, extract=False))
        if by_snippet:
            (p, r), (wp, _) = snippets(kept_text(a), meta), snippets(whole, meta)
        else:
            (p, r), (wp, _) = pr(kept_text(a), gold), pr(whole, gold)
        page_meta = a.page
        title = page_meta.title if page_meta and page_meta.title else a.title_original
        want = meta.get("title")
        # Spacing is not a title difference (a <title> may carry a stray ideographic space).
        title_ok = "-" if not want else ("yes" if _squeeze(title) == _squeeze(want) else "NO")
        read = "extracted" if page_meta and page_meta.extraction == "trafilatura" else "whole page"
        ok = p >= TARGET and r >= TARGET and title_ok != "NO"
        failures += not ok
        site = page_meta.site if page_meta else None
        print(
            f"{page.stem + ('*' if by_snippet else ''):<22} {p:5.2f} {r:5.2f}  {wp:7.2f}  {1000 * statistics.median(times):6.1f}  "
            f"{read:<11} {title_ok:<8} {title} / {site or '-'}" + ("" if ok else "   ← below target")
        )
    print(f"{len(pages) - failures} of {len(pages)} pages meet precision ≥ {TARGET} and recall ≥ {TARGET}")
    print(
        "* snippet gold (trafilatura's with/without): P = share of 'without' dropped, R = share of 'with' kept"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
