"""The brief, end to end: read → annotate → select → draft → repair → retry → fall back → assemble.

``brief(path_or_text, glossary=…, model=…)`` returns the Brief that ``zhbrief brief --format json``
serializes. The article is annotated once (``toolkit.annotate``); ranking, prompts, checks, repairs and the
figures table all read that annotation. Every figure of the quality block is the sum of the checks that
decided each summary sentence (``brief.quality``) — never taken from the model.
"""

from __future__ import annotations

import datetime as _dt
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from toolkit import __version__
from toolkit.annotate import Annotation, Annotator, NameUse, name_uses
from toolkit.article import Article
from toolkit.brief.draft import (
    Counters,
    Pending,
    complete,
    direct_section,
    headline,
    summarize_group,
    translate_short,
)
from toolkit.brief.model import Brief, Figure, SectionBrief, SummarySentence, TermUse
from toolkit.brief.prompts import PROMPT_VERSION
from toolkit.brief.quality import compute_quality
from toolkit.brief.select import Scored, rank_sentences, select
from toolkit.checks.faithfulness import Scorer, can_score
from toolkit.cjk import cjk_spans
from toolkit.engines import load_engine
from toolkit.glossary import Glossary, load_glossaries
from toolkit.ingest import parse_text, read_article
from toolkit.translation import decide_renderings

METHODS = ("select", "direct")
# Kinds of quantity worth a row in "Key figures"; dates and bare ordinals are context, not figures.
FIGURE_KINDS = {"amount", "percent", "count", "measure", "number", "multiple"}
SELECT_MAX_CHARS = 520
"""Chinese characters of selected source per section at most."""


def load_article(path_or_text: str | Path | Article) -> Article:
    """An Article from an Article, a path, ``-`` (standard input) or the text itself."""
    if isinstance(path_or_text, Article):
        return path_or_text
    if isinstance(path_or_text, Path):
        return read_article(path_or_text)
    s = str(path_or_text)
    if s == "-" or ("\n" not in s and len(s) < 4096 and Path(s).exists()):
        return read_article(s)
    return parse_text(s)


def resolve(glossary: Any, model: Any, engine: Any) -> tuple[Any, Any]:
    """The glossary (a loaded Glossary, a path or list of paths, or None for none) and the engine."""
    if glossary is not None and not isinstance(glossary, Glossary):
        paths = [glossary] if isinstance(glossary, str | Path) else list(glossary)
        glossary = load_glossaries([str(p) for p in paths], use_default=False)
    if engine is None:
        engine = load_engine(model)
    return glossary, engine


def brief(
    path_or_text: str | Path | Article,
    *,
    glossary: Any = None,
    model: str | None = None,
    engine: Any = None,
    sentences: int = 2,
    method: str = "select",
    progress: Callable[[str, int, int], None] | None = None,
    memory: Any = None,
    use_cache: bool = True,
    faithfulness: bool = False,
) -> Brief:
    """Brief one article. ``glossary``: a loaded Glossary, a path or list of paths (those files only), or None
    for no glossary, as everywhere in the library (``toolkit.glossary.load_glossaries()`` gives the default
    ones). ``model``: alias, GGUF path or HF dir/id (ignored when ``engine`` is given).
    ``method``: ``select`` (salient sentences first; the default) or ``direct`` (each whole section, in
    pieces that fit the context; slower, kept for comparison). A sentence whose summary still fails its
    checks (after one retry, where a retry can help) is translated instead, through the translation memory
    (``memory``, default the user cache; ``use_cache=False`` bypasses it). ``faithfulness``: also check
    summary sentences for mistranslations (and fallbacks for omissions) with the model
    (``checks.faithfulness``; off by default for its cost, see docs/benchmarks.md#faithfulness)."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    t0 = time.perf_counter()
    article = load_article(path_or_text)
    glossary, engine = resolve(glossary, model, engine)
    annotator = Annotator(glossary)
    annotations = annotator.article(article)
    counters = Counters(memory=memory, use_cache=use_cache)
    if faithfulness and can_score(engine):
        # The model is loaded anyway: the same check as `check --faithfulness`.
        counters.scorer = Scorer(engine)
    # One English per title and recurring unpinned name, the same the article's translation uses (the same
    # requests through the same translation memory), pinned in every summary, heading and fallback.
    renderings = decide_renderings(
        list(annotations.values()), engine, glossary, memory=memory, use_cache=use_cache
    )
    annotations = {k: renderings.apply(a) for k, a in annotations.items()}

    total = len(article.sections)
    section_briefs: list[SectionBrief] = []
    all_scored: dict[str, Scored] = {}
    for n, sec in enumerate(article.sections, 1):
        if progress:
            progress(sec.heading or "lede", n - 1, total)
        sents = list(sec.sentences())
        scored = rank_sentences(sents, [annotations[s.id] for s in sents])
        for sc in scored:
            all_scored[sc.sentence.id] = sc
        summary: list[SummarySentence | Pending]
        if method == "direct":
            summary = list(direct_section(sec, annotations, annotator, engine, glossary, counters, sentences))
            chosen_ids = list(dict.fromkeys(s for ss in summary for s in ss.sources))
        else:
            # One request per section, not one for the whole article: measured on the seed, a single
            # request for all ten selected sentences ran into its token limit and mixed the claims of
            # neighbouring sentences into each other's summaries; per-section requests did not.
            chosen = [c.sentence for c in select(scored, sentences, SELECT_MAX_CHARS)]
            anns = [annotations[c.id] for c in chosen]
            summary = summarize_group(chosen, anns, engine, glossary, counters) if chosen else []
            chosen_ids = [c.id for c in chosen]
        section_briefs.append(SectionBrief(sec.id, sec.heading, None, chosen_ids, summary))  # type: ignore[arg-type]
    pending = [x for sb in section_briefs for x in sb.summary if isinstance(x, Pending)]
    if pending and progress:
        progress("fallbacks", total, total)
    for sb in section_briefs:
        sb.summary = complete(sb.summary, engine, glossary, counters)
    if progress:
        progress("headings", total, total)

    heading_anns = [annotations[f"{s.id}h"] for s in article.sections if s.heading]
    for sb, en in zip(
        [s for s in section_briefs if s.heading_zh],
        translate_short(heading_anns, engine, glossary, counters, "section heading"),
        strict=True,
    ):
        sb.heading_en = en

    key_points = _key_points(section_briefs, all_scored)
    if article.title_from == "first-sentence":
        title_en = headline(key_points, engine, counters)
        if not title_en or cjk_spans(title_en):
            title_en = key_points[0].text.rstrip(".") if key_points else "Brief"
    else:
        title_en = translate_short([annotations["title"]], engine, glossary, counters, "headline")[0]

    sentence_anns = [annotations[s.id] for s in article.sentences()]
    quality = compute_quality(section_briefs, title_en, annotations, counters)
    info = getattr(engine, "model_id", None) or str(model or "default")
    return Brief(
        source=article.source,
        title_zh=article.title,
        title_en=title_en,
        key_points=key_points,
        sections=section_briefs,
        figures=figures(sentence_anns),
        terms=term_uses(sentence_anns),
        quality=quality,
        model=info,
        model_sha256=getattr(engine, "sha256", None),
        model_verified=getattr(engine, "verified", None),
        glossary_files=[
            {"path": str(p), "sha256": h} for p, h in (glossary.files if glossary is not None else [])
        ],
        glossary_sha256=glossary.sha256 if glossary is not None else None,
        settings={"sentences": sentences, "method": method, "prompt": PROMPT_VERSION},
        tokens={
            "prompt": counters.usage.prompt_tokens,
            "completion": counters.usage.completion_tokens,
            "calls": counters.usage.calls,
        },
        seconds=round(time.perf_counter() - t0, 2),
        date=_dt.date.today().isoformat(),
        version=__version__,
        chars=article.chars,
        script=article.script,
        encoding=article.encoding,
        timing={"model_seconds": round(counters.usage.seconds, 2)},
        names_to_check=names_to_check(section_briefs, annotations) + renderings.uses(),
    )


def names_to_check(sections: Sequence[SectionBrief], annotations: Mapping[str, Annotation]) -> list[NameUse]:
    """The pinyin names pinned in what the brief drew on: the title, the headings, the selected sentences."""
    ids = ["title"] + [i for sb in sections for i in (f"{sb.id}h", *sb.selected)]
    used = [annotations[i] for i in ids if i in annotations]
    return name_uses(used, guesses_only=True)


def figures(annotations: Sequence[Annotation]) -> list[Figure]:
    """The "Key figures" table: every amount, percentage, count and measure of the article, by sentence."""
    return [
        Figure(a.id, q.source, q.value, q.value_high, q.unit, q.english)
        for a in annotations
        for q in a.quantities
        if q.kind in FIGURE_KINDS and q.english and not (q.kind == "number" and q.value < 100)
    ]


def term_uses(annotations: Sequence[Annotation]) -> list[TermUse]:
    """The glossary terms the article uses, most frequent first."""
    counts: Counter[tuple[str, str]] = Counter()
    for a in annotations:
        for m in a.terms:
            counts[(m.entry.zh, m.entry.en)] += 1
    return [TermUse(zh, en, c) for (zh, en), c in counts.most_common()]


def _key_points(sections: Sequence[SectionBrief], scored: dict[str, Scored]) -> list[SummarySentence]:
    """The 3–5 strongest summary sentences of the whole article, in reading order: no extra model call,
    and each keeps its exact provenance."""
    pool = [s for sec in sections for s in sec.summary if s.status != "flagged"]
    want = min(5, max(3, len(sections)))
    best = sorted(pool, key=lambda s: -max((scored[i].score for i in s.sources if i in scored), default=0))[
        :want
    ]
    order = {sid: k for k, sid in enumerate(scored)}
    return sorted(best, key=lambda s: min(order.get(i, 0) for i in s.sources))
