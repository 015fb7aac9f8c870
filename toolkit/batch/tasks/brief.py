"""The brief task: ``toolkit.brief.brief`` per article, stored as ``Brief.to_dict`` (the documented schema)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from toolkit.annotate import NameUse
from toolkit.article import Article
from toolkit.batch.tasks.base import InvalidResult, Step, Task, limited, pick, rebuild
from toolkit.brief.model import Brief, Figure, Quality, SectionBrief, SummarySentence, TermUse


def _sentence(d: Mapping[str, Any]) -> SummarySentence:
    return SummarySentence(**pick(SummarySentence, d))


def brief_from_dict(d: Mapping[str, Any]) -> Brief:
    """Inverse of ``Brief.to_dict`` (``signature`` is computed, so it is dropped). A dict that is not a
    brief raises ``InvalidResult``."""

    def build() -> Brief:
        fields = pick(Brief, d)
        fields["key_points"] = [_sentence(x) for x in d.get("key_points", [])]
        fields["sections"] = [
            SectionBrief(**{**pick(SectionBrief, s), "summary": [_sentence(x) for x in s.get("summary", [])]})
            for s in d.get("sections", [])
        ]
        fields["figures"] = [Figure(**pick(Figure, f)) for f in d.get("figures", [])]
        fields["terms"] = [TermUse(**pick(TermUse, t)) for t in d.get("terms", [])]
        fields["names_to_check"] = [NameUse(**pick(NameUse, n)) for n in d.get("names_to_check", [])]
        fields["quality"] = Quality(**pick(Quality, d["quality"]))
        return Brief(**fields)

    b = rebuild("brief", build)
    if not isinstance(b.title_en, str) or not isinstance(b.sections, list):
        raise InvalidResult("not a valid stored brief (title or sections of the wrong type)")
    return b


class BriefTask(Task):
    name = "brief"
    formats = ("md", "html", "json")

    def settings(self, sentences: int, method: str) -> dict[str, Any]:
        return {"sentences": sentences, "method": method}

    def compute(
        self, article: Article, engine: Any, glossary: Any, *, sentences: int, method: str, step: Step | None
    ) -> tuple[dict[str, Any], int]:
        # lazy: a rerun served from the cache never loads the brief stack
        from toolkit.brief import brief

        b = brief(
            article,
            glossary=glossary,
            engine=engine,
            sentences=sentences,
            method=method,
            progress=step,
        )
        d = b.to_dict()
        return d, int((d.get("tokens") or {}).get("calls") or 0)

    def from_dict(self, result: Mapping[str, Any]) -> Brief:
        return brief_from_dict(result)

    def render(self, obj: Brief, article: Article, fmt: str) -> str:
        # lazy: the renderers load only when a result is written
        from toolkit.brief.render import render

        obj.source, obj.encoding, obj.script, obj.chars = (
            article.source,
            article.encoding,
            article.script,
            article.chars,
        )
        return render(obj, article, fmt)

    def figures(self, result: Mapping[str, Any]) -> dict[str, Any]:
        q = result["quality"]
        return {
            "sections": len(result.get("sections", [])),
            "term_adherence": q.get("term_adherence"),
            "term_hits": q.get("term_hits"),
            "term_occurrences": q.get("term_occurrences"),
            "quantity_errors": len(q.get("quantity_errors", [])),
            "cjk_leaks": len(q.get("cjk_leaks", [])),
            "retries": q.get("retries"),
            "repairs": q.get("repairs"),
            "fallbacks": q.get("fallbacks"),
            "passed": q.get("passed"),
            "model_calls": (result.get("tokens") or {}).get("calls"),
            "model_seconds": (result.get("timing") or {}).get("model_seconds"),
        }

    def problems(self, result: Mapping[str, Any]) -> list[str]:
        q = result["quality"]
        out = [f"missed term {m.get('zh')} → {m.get('en')} ({m.get('id')})" for m in q.get("term_misses", [])]
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
        return limited(out)

    def terms(self, result: Mapping[str, Any]) -> list[tuple[str, str, int]]:
        return [(t["zh"], t["en"], int(t["count"])) for t in result.get("terms", [])]
