"""bench/bench_html.py reads trafilatura's with/without gold: snippets kept and dropped, spacing aside."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "bench_html", Path(__file__).resolve().parents[2] / "bench" / "bench_html.py"
)
assert _spec is not None and _spec.loader is not None
bench_html = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_html)


def test_snippet_gold_counts_with_kept_and_without_dropped_ignoring_spacing():
    meta = {
        "with": ["一个约定，信守15年", "引起强烈反响。", "不在正文里的一句"],
        "without": ["ICP证010042号", "相关新闻"],
    }
    kept = "一个约定， 信守15年，感人至深。\n演出引起强烈反响。\n相关新闻"
    dropped, found = bench_html.snippets(kept, meta)
    assert (dropped, found) == (0.5, 2 / 3)


def test_a_gold_json_with_snippets_needs_no_main_text(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>正文</p></body></html>", encoding="utf-8")
    page.with_suffix(".gold.json").write_text(json.dumps({"with": ["正文"], "without": []}), encoding="utf-8")
    text, meta = bench_html.gold_of(page)
    assert text == "" and meta["with"] == ["正文"]
