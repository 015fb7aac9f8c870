"""The two tasks a batch runs, behind one shape: compute a result, store it, render it again from the store.

A brief is stored as its JSON (``Brief.to_dict``, the documented schema) and rebuilt with
``brief_from_dict``; a translation is stored as its JSON plus a pickle of the ``Translation`` object that
``toolkit.translation.render`` takes. Either way a stored result renders any format with no model work.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from toolkit.article import Article
from toolkit.brief.model import Brief, Figure, Quality, SectionBrief, SummarySentence, TermUse

TASKS = ("brief", "translate")
FORMATS = {"brief": ("md", "html", "json"), "translate": ("md", "txt", "html", "json")}
SUFFIX = {"md": ".md", "txt": ".txt", "html": ".html", "json": ".json"}


def _pick(cls: type, d: Mapping[str, Any]) -> dict[str, Any]:
    """The keys of ``d`` that are fields of ``cls`` (the schema only ever adds keys; old code ignores new
    ones, new code fills defaults for old ones)."""
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in d.items() if k in names}


def _sentence(d: Mapping[str, Any]) -> SummarySentence:
    return SummarySentence(**_pick(SummarySentence, d))


def brief_from_dict(d: Mapping[str, Any]) -> Brief:
    """Inverse of ``Brief.to_dict`` (``signature`` is computed, so it is dropped)."""
    fields = _pick(Brief, d)
    fields["key_points"] = [_sentence(x) for x in d.get("key_points", [])]
    fields["sections"] = [
        SectionBrief(**{**_pick(SectionBrief, s), "summary": [_sentence(x) for x in s.get("summary", [])]})
        for s in d.get("sections", [])
    ]
    fields["figures"] = [Figure(**_pick(Figure, f)) for f in d.get("figures", [])]
    fields["terms"] = [TermUse(**_pick(TermUse, t)) for t in d.get("terms", [])]
    fields["quality"] = Quality(**_pick(Quality, d["quality"]))
    return Brief(**fields)


def summary_figures(task: str, result: Mapping[str, Any]) -> dict[str, Any]:
    """The per-article quality figures the manifest and the report carry, from a stored result."""
    if task == "brief":
        q = result["quality"]
        return {
            "sections": len(result.get("sections", [])),
            "term_adherence": q.get("term_adherence"),
            "term_hits": q.get("term_hits"),
            "term_occurrences": q.get("term_occurrences"),
            "quantity_errors": len(q.get("quantity_errors", [])),
            "cjk_leaks": len(q.get("cjk_leaks", [])),
            "retries": q.get("retries"),
            "fallbacks": q.get("fallbacks"),
            "passed": q.get("passed"),
            "model_calls": (result.get("tokens") or {}).get("calls"),
            "model_seconds": (result.get("timing") or {}).get("model_seconds"),
        }
    q = result.get("quality", {})
    st = result.get("stats", {})
    occ, hits = q.get("term_occurrences", 0), q.get("term_hits", 0)
    flagged = sum(1 for s in result.get("segments", []) if not s.get("ok", True))
    return {
        "sections": len((result.get("structure") or {}).get("sections", [])),
        "term_adherence": round(hits / occ, 4) if occ else 1.0,
        "term_hits": hits,
        "term_occurrences": occ,
        "quantity_errors": len(q.get("quantity_wrong", [])),
        "cjk_leaks": len(q.get("leaks", [])),
        "retries": st.get("retries"),
        "fallbacks": st.get("repairs"),
        "passed": bool(result.get("ok")),
        "flagged": flagged,
        "model_calls": st.get("calls"),
        "model_seconds": st.get("engine_seconds"),
    }


def problems(task: str, result: Mapping[str, Any], limit: int = 12) -> list[str]:
    """One line per thing a reviewer should look at (missed term, wrong amount, Chinese left, flagged)."""
    out: list[str] = []
    if task == "brief":
        q = result["quality"]
        out += [
            f"missed term {m.get('zh')} → {m.get('en')} ({m.get('id')})" for m in q.get("term_misses", [])
        ]
        out += [
            f"forbidden {f.get('form')!r} for {f.get('zh')} ({f.get('id')})"
            for f in q.get("forbidden_found", [])
        ]
        out += [
            f"amount {e.get('source')}: expected {e.get('expected')}, found {e.get('found')} ({e.get('id')})"
            for e in q.get("quantity_errors", [])
        ]
        out += [f"Chinese left: {x.get('text')} ({x.get('where')})" for x in q.get("cjk_leaks", [])]
        out += [
            f"flagged summary sentence ({', '.join(s.get('sources', []))})"
            for sec in result.get("sections", [])
            for s in sec.get("summary", [])
            if s.get("status") == "flagged"
        ]
    else:
        for seg in result.get("segments", []):
            if not seg.get("ok", True):
                out.append(f"{seg.get('id')}: {'; '.join(seg.get('failures') or ['failed its checks'])}")
    return out[:limit] + ([f"… and {len(out) - limit} more"] if len(out) > limit else [])


def terms_used(task: str, result: Mapping[str, Any]) -> list[tuple[str, str, int]]:
    """(zh, en, count) of the glossary terms the article contains, for corpus coverage."""
    if task == "brief":
        return [(t["zh"], t["en"], int(t["count"])) for t in result.get("terms", [])]
    counts: dict[tuple[str, str], int] = {}
    for seg in result.get("segments", []):
        for p in seg.get("pins", []):
            if p.get("kind", "term") in ("term", "dnt") and p.get("zh") and p.get("en"):
                k = (p["zh"], p["en"])
                counts[k] = counts.get(k, 0) + 1
    return [(zh, en, n) for (zh, en), n in counts.items()]


def render_result(task: str, result: Mapping[str, Any], obj: Any, article: Article, fmt: str) -> str:
    """Render a stored result for ``article`` (read afresh, so its path, encoding and original script are
    this run's even when the result was cached from an identical article elsewhere)."""
    if task == "brief":
        from toolkit.brief.render import render

        b = brief_from_dict(result)
        b.source, b.encoding, b.script, b.chars = (
            article.source,
            article.encoding,
            article.script,
            article.chars,
        )
        return render(b, article, fmt)
    from toolkit.translation.render import render as render_translation

    obj.article = article
    return render_translation(obj, fmt)
