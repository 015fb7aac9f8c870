"""The translate task: ``toolkit.translation.translate_article`` per article, stored as ``Translation.to_dict``
and rebuilt with ``translation_from_dict`` (no pickle: the object the renderers take is rebuilt from JSON)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from toolkit.annotate import Pin
from toolkit.annotate.names import Name
from toolkit.article import Article
from toolkit.batch.tasks.base import InvalidResult, Step, Task, limited, pick, rebuild
from toolkit.checks import QualityReport
from toolkit.compose.renderings import Rendering
from toolkit.translation.model import ChunkRecord, Segment, Settings, Stats, Translation


def _quality(d: Mapping[str, Any]) -> QualityReport:
    return QualityReport(**pick(QualityReport, d))


def _segment(d: Mapping[str, Any]) -> Segment:
    fields = pick(Segment, d)
    fields["pins"] = [
        Pin(p["zh"], p["en"], p["kind"], tuple(p.get("forbid") or ())) for p in d.get("pins", [])
    ]
    fields["quality"] = _quality(d["quality"])
    fields.pop("furniture", None)  # rendered into ``english`` already; not part of the stored form
    return Segment(**fields)


def translation_from_dict(d: Mapping[str, Any]) -> Translation:
    """Inverse of ``Translation.to_dict`` for everything the renderers read (``article`` is set by the
    caller; ``summary`` and chunk quality are recomputed). A dict that is not one raises ``InvalidResult``."""

    def build() -> Translation:
        segments = [_segment(s) for s in d["segments"]]
        return Translation(
            segments=segments,
            quality=_quality(d["quality"]),
            stats=Stats(**pick(Stats, d["stats"])),
            signature=dict(d["signature"]),
            names=[Name(**pick(Name, n)) for n in d.get("names", [])],
            chunks=[ChunkRecord(**pick(ChunkRecord, c)) for c in d.get("chunks", [])],
            renderings=[Rendering(**pick(Rendering, r)) for r in d.get("renderings", [])],
        )

    t = rebuild("translation", build)
    if not all(isinstance(s.id, str) and isinstance(s.english, str) for s in t.segments):
        raise InvalidResult("not a valid stored translation (segment ids or English of the wrong type)")
    return t


class TranslateTask(Task):
    name = "translate"
    formats = ("md", "txt", "html", "json")

    def settings(self, sentences: int, method: str) -> dict[str, Any]:
        return Settings().to_dict()

    def compute(
        self, article: Article, engine: Any, glossary: Any, *, sentences: int, method: str, step: Step | None
    ) -> tuple[dict[str, Any], int]:
        # lazy: a rerun served from the cache never loads the translation stack
        from toolkit.translation import translate_article

        def tr_step(done: int, total: int) -> None:
            if step is not None:
                step("translating", done, total)

        t = translate_article(article, engine, glossary if glossary else None, progress=tr_step)
        return t.to_dict(), t.stats.calls

    def from_dict(self, result: Mapping[str, Any]) -> Translation:
        return translation_from_dict(result)

    def render(self, obj: Translation, article: Article, fmt: str) -> str:
        # lazy: the renderers load only when a result is written
        from toolkit.translation.render import render

        obj.article = article
        try:
            return render(obj, fmt)
        except KeyError as e:  # a stored translation of another article's structure
            raise InvalidResult(f"stored translation does not fit this article (no segment {e})") from None

    def figures(self, result: Mapping[str, Any]) -> dict[str, Any]:
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
            # A translation repairs (a wrong amount or forbidden form replaced by its pin); it has no
            # fallbacks, which are a brief's summary sentences replaced by a translation.
            "repairs": st.get("repairs"),
            "fallbacks": 0,
            "passed": bool(result.get("ok")),
            "flagged": flagged,
            "model_calls": st.get("calls"),
            "model_seconds": st.get("engine_seconds"),
        }

    def problems(self, result: Mapping[str, Any]) -> list[str]:
        return limited(
            [
                f"{seg.get('id')}: {'; '.join(seg.get('failures') or ['failed its checks'])}"
                for seg in result.get("segments", [])
                if not seg.get("ok", True)
            ]
        )

    def terms(self, result: Mapping[str, Any]) -> list[tuple[str, str, int]]:
        counts: dict[tuple[str, str], int] = {}
        for seg in result.get("segments", []):
            for p in seg.get("pins", []):
                if p.get("kind", "term") in ("term", "dnt") and p.get("zh") and p.get("en"):
                    k = (p["zh"], p["en"])
                    counts[k] = counts.get(k, 0) + 1
        return [(zh, en, n) for (zh, en), n in counts.items()]
