"""The brief, end to end: read → pins → select → summarize → check → retry → fall back → assemble.

``brief(path_or_text, glossary=…, model=…)`` returns the Brief that ``zhbrief brief --format json``
serializes. Every figure in its quality block is recomputed here by the same checks ``glossary check`` and
``numbers`` use, from the final English and the source sentences each summary sentence cites — never taken
from the model.
"""

from __future__ import annotations

import datetime as _dt
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit import __version__
from toolkit.article import Article, Section, Sentence
from toolkit.briefing import Brief, Figure, Quality, SectionBrief, SummarySentence, TermUse
from toolkit.engines.cjk import cjk_spans
from toolkit.ingest import parse_text, read_article
from toolkit.quantities.dates import repair_weekday
from toolkit.salience import Scored, rank_sentences, select
from toolkit.summarize import (
    PROMPT_VERSION,
    build_fix_messages,
    build_messages,
    clean_sentence,
    parse_numbered,
)

# Kinds of quantity worth a row in "Key figures"; dates and bare ordinals are context, not figures.
FIGURE_KINDS = {"amount", "percent", "count", "measure", "number", "multiple"}
SELECT_MAX_CHARS = 520
"""Chinese characters of selected source per section at most."""


@dataclass
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    calls: int = 0

    def add(self, gen: Any) -> None:
        self.prompt_tokens += gen.prompt_tokens
        self.completion_tokens += gen.completion_tokens
        self.seconds += gen.seconds
        self.calls += 1


@dataclass
class _Counters:
    """What one brief run counts, plus the translation memory its fallbacks read and write."""

    retries: int = 0
    fallbacks: int = 0
    repairs: int = 0
    usage: Usage = field(default_factory=Usage)
    memory: Any = None
    use_cache: bool = True


# --- pins and checks --------------------------------------------------------------------------------------


def _pins(text: str, glossary: Any, seg: Any = None) -> tuple[str, list[str], list[str]]:
    """(the source code-mixed with its pinned English, pin lines for the prompt, dnt strings to allow).

    The same pins the translation stage uses: glossary terms, amounts, and pinyin for unknown names.
    Small models copy an English form that stands in the sentence far more reliably than they follow a
    rule in a list, so the pins go into the source as well as into the list.
    """
    from toolkit.translate import find_pins
    from toolkit.translation.prompts import inline_pins

    pins, _names = find_pins(text, glossary, seg)
    lines: list[str] = []
    allow: list[str] = []
    for p in pins:
        if p.kind == "dnt":
            allow.append(p.zh)
        elif p.kind == "forbid":
            lines.append(f"{p.zh}: never write {', '.join(p.forbid)}")
        else:
            lines.append(f"{p.zh} = {p.en}" + (f" (never: {', '.join(p.forbid)})" if p.forbid else ""))
    return inline_pins(text, pins), lines, allow


def check_sentence(source_zh: str, english: str, glossary: Any, allow: Sequence[str] = ()) -> list[str]:
    """What is wrong with ``english`` as a summary of ``source_zh`` (missed pins, forbidden forms, wrong
    amounts, Chinese left, empty or runaway text), in words for a retry prompt; empty list = passes.
    The translation stage's segment check, with one difference: a summary may leave an amount out, but
    it may never state one wrongly."""
    from toolkit.checks import check_segment

    rep = check_segment(source_zh, english, glossary, allow=allow, distinct_terms=True)
    rep.quantity_missing = []
    return rep.failures()


def _fix_targets(source_zh: str, english: str, glossary: Any) -> tuple[list[str], list[str], bool]:
    """(exact English forms the sentence must gain, forms it must lose, whether an amount is wrong), for a
    fix request: the missing pinned terms and correct amounts, and the forbidden forms and wrong amounts."""
    from toolkit.quantities import check_fidelity

    need: list[str] = []
    drop: list[str] = []
    if glossary is not None:
        from toolkit.glossary import check_terms

        rep = check_terms(source_zh, english, glossary, distinct=True)
        need += [m.entry.en for m in rep.misses if m.entry.en]
        drop += [f.text for f in rep.forbidden_found]
    wrong = check_fidelity(source_zh, english).wrong
    for w in wrong:
        need.append(w.expected)
        if w.found:
            drop.append(str(w.found))
    return list(dict.fromkeys(need)), list(dict.fromkeys(drop)), bool(wrong)


# --- the model steps --------------------------------------------------------------------------------------


def _summarize_group(
    sents: Sequence[Sentence], engine: Any, glossary: Any, counters: _Counters, seg: Any = None
) -> list[SummarySentence | _Pending]:
    """One request for a group of selected sentences; per-sentence checks and one retry. What still fails
    comes back as ``_Pending``, for the translation fallback."""
    mixed: list[str] = []
    pin_lines: list[str] = []
    allow: list[str] = []
    for s in sents:
        text, lines, dnt = _pins(s.text, glossary, seg)
        mixed.append(text)
        pin_lines += lines
        allow += dnt
    pin_lines = list(dict.fromkeys(pin_lines))

    def ask(idx: list[int], feedback: str | None) -> list[str | None]:
        # The pins stand in the code-mixed source and are listed too: on the seed, drafts from the
        # code-mixed source alone paraphrased a pinned term in most sentences ("music charts" for
        # top-grossing chart), and every such miss costs a retry and often a fallback translation.
        pins = [p for p in pin_lines if _pin_applies(p, idx, sents)]
        msgs = build_messages([mixed[i] for i in idx], pins, feedback)
        gen = engine.generate(
            msgs, max_tokens=60 * len(idx) + 20, english_only=True, allow=allow, stop=["\n\n\n"]
        )
        counters.usage.add(gen)
        parsed = parse_numbered(gen.text, len(idx))
        if gen.finish_reason == "length":
            # The answer hit its token limit: the last sentence it wrote is cut off mid-thought.
            last = max((k for k, p in enumerate(parsed) if p), default=None)
            if last is not None:
                parsed[last] = None
        return parsed

    drafts = ask(list(range(len(sents))), None)
    out: list[SummarySentence | None] = [None] * len(sents)
    failing: dict[int, list[str]] = {}
    for i, d in enumerate(drafts):
        # A weekday the source never gives is a date the model made up: put the source's date back.
        text, notes = repair_weekday(sents[i].text, clean_sentence(d or ""))
        counters.repairs += len(notes)
        if notes:
            drafts[i] = text
        problems = (
            check_sentence(sents[i].text, text, glossary, allow) if d else ["no sentence was written for it"]
        )
        if problems:
            failing[i] = problems
        else:
            out[i] = SummarySentence(text, [sents[i].id], "repaired" if notes else "ok")

    if failing:
        from toolkit.translate import repair

        idx = sorted(failing)
        again: dict[int, str | None] = {}
        fresh = []
        for i in idx:
            draft = clean_sentence(drafts[i] or "")
            need, drop, amounts = _fix_targets(sents[i].text, draft, glossary) if draft else ([], [], False)
            if not need and not drop:
                fresh.append(i)  # nothing an edit can fix (no draft, Chinese left, a runaway): ask again
                continue
            fixed, notes = repair(sents[i].text, draft, glossary)
            if notes and not check_sentence(sents[i].text, clean_sentence(fixed), glossary, allow):
                # The deterministic repair alone makes it pass: no second model call.
                counters.repairs += len(notes)
                out[i] = SummarySentence(clean_sentence(fixed), [sents[i].id], "repaired")
                del failing[i]
                continue
            if not drop and not amounts:
                # Only pinned terms are missing. Asked to add them, the model failed all 6 times on the
                # seed (mostly returning its sentence unchanged); the fallback translation carries them.
                continue
            counters.retries += 1
            gen = engine.generate(
                build_fix_messages(mixed[i], draft, need, drop),
                max_tokens=70,
                english_only=True,
                allow=allow,
                stop=["\n"],
            )
            counters.usage.add(gen)
            again[i] = gen.text.strip() or None
        if fresh:
            counters.retries += len(fresh)
            feedback = "\n".join(f"- sentence {k}: {'; '.join(failing[i])}" for k, i in enumerate(fresh, 1))
            again.update(zip(fresh, ask(fresh, feedback), strict=True))
        for i in [i for i in idx if i in failing]:
            text = clean_sentence(again.get(i) or "")
            problems = check_sentence(sents[i].text, text, glossary, allow) if again.get(i) else ["missing"]
            if not problems:
                out[i] = SummarySentence(text, [sents[i].id], "retried")
                del failing[i]

    for i in sorted(failing):
        out[i] = _Pending(sents[i])
    return [s for s in out if s is not None]


@dataclass
class _Pending:
    """A selected sentence whose summary failed: it gets the translation fallback once every section has
    been drafted. Run in between, each fallback's different prompt evicted the summary prompt's evaluated
    prefix from llama.cpp's cache, and the next section paid to evaluate it again."""

    sentence: Sentence


def _complete(
    items: Sequence[SummarySentence | _Pending], engine: Any, glossary: Any, counters: _Counters
) -> list[SummarySentence]:
    """Each pending sentence replaced by its translation fallback."""
    return [
        _fallback(x.sentence, engine, glossary, counters) if isinstance(x, _Pending) else x for x in items
    ]


def _pin_applies(pin_line: str, idx: Sequence[int], sents: Sequence[Sentence]) -> bool:
    zh = pin_line.split(" = ", 1)[0]
    return any(zh in sents[i].text for i in idx)


def _fallback(sent: Sentence, engine: Any, glossary: Any, counters: _Counters) -> SummarySentence:
    """The summary failed its checks: the translation pipeline's rendering of the source sentence stands in
    (its own pins, retry and deterministic repairs), and the quality block says so."""
    from toolkit.translate import translate_sentences

    counters.fallbacks += 1
    result = translate_sentences(
        [sent.text],
        engine,
        glossary,
        ids=[sent.id or "fallback"],
        memory=counters.memory,
        use_cache=counters.use_cache,
    )
    counters.repairs += result.stats.repairs
    counters.usage.prompt_tokens += result.stats.prompt_tokens
    counters.usage.completion_tokens += result.stats.completion_tokens
    counters.usage.seconds += result.stats.engine_seconds
    counters.usage.calls += result.stats.calls
    text = clean_sentence(result.segments[0].english)
    status = "fallback" if text and not check_sentence(sent.text, text, glossary) else "flagged"
    return SummarySentence(
        text or "(no faithful English could be produced for this sentence)", [sent.id], status
    )


def _translate_short(
    texts: Sequence[str], engine: Any, glossary: Any, counters: _Counters, what: str, seg: Any = None
) -> list[str]:
    """Headings and titles: short phrases, translated in one numbered request with pins, then checked."""
    if not texts:
        return []
    mixed, pin_lines, allow = [], [], []
    for t in texts:
        text, lines, dnt = _pins(t, glossary, seg)
        mixed.append(text)
        pin_lines += lines
        allow += dnt
    body = (
        f"Translate each numbered Chinese {what} into a short, natural English {what} in title case. "
        "Write exactly one line per input, numbered like the input, English only.\n\n"
    )
    if pin_lines:
        body += (
            "Use exactly these English forms:\n"
            + "\n".join(f"- {p}" for p in dict.fromkeys(pin_lines))
            + "\n\n"
        )
    body += "\n".join(f"{i}. {m}" for i, m in enumerate(mixed, 1))
    msgs = [
        {"role": "system", "content": "You translate Chinese business headlines into English."},
        {"role": "user", "content": body},
    ]
    gen = engine.generate(msgs, max_tokens=24 * len(texts) + 16, english_only=True, allow=allow)
    counters.usage.add(gen)
    parsed = parse_numbered(gen.text, len(texts))
    out = []
    for t, p in zip(texts, parsed, strict=True):
        p = (p or "").strip().strip('"').rstrip(".")
        if not p or check_sentence(t, p, glossary):
            p = _fallback(Sentence("", t, t), engine, glossary, counters).text.rstrip(".")
        out.append(p)
    return out


def _headline(points: Sequence[SummarySentence], engine: Any, counters: _Counters) -> str:
    """An English headline written from the key points (the article has no title line of its own)."""
    body = (
        "Write one English headline of at most 12 words for a brief with these key points. "
        "Use only facts stated in them. Answer with the headline only.\n\n"
        + "\n".join(f"- {p.text}" for p in points)
    )
    msgs = [
        {"role": "system", "content": "You write accurate, plain English news headlines."},
        {"role": "user", "content": body},
    ]
    gen = engine.generate(msgs, max_tokens=32, english_only=True, stop=["\n"])
    counters.usage.add(gen)
    return gen.text.strip().strip('"*#').strip().rstrip(".")


# --- assembling the brief ---------------------------------------------------------------------------------


def _load_article(path_or_text: str | Path | Article) -> Article:
    if isinstance(path_or_text, Article):
        return path_or_text
    if isinstance(path_or_text, Path):
        return read_article(path_or_text)
    s = str(path_or_text)
    if s == "-" or ("\n" not in s and len(s) < 4096 and Path(s).exists()):
        return read_article(s)
    return parse_text(s)


def _resolve(glossary: Any, model: Any, engine: Any) -> tuple[Any, Any]:
    from toolkit.glossary import Glossary, load_glossaries

    if glossary is None:
        glossary = load_glossaries(None)
    elif glossary is False:
        glossary = None
    elif not isinstance(glossary, Glossary):
        paths = [glossary] if isinstance(glossary, str | Path) else list(glossary)
        glossary = load_glossaries([str(p) for p in paths], use_default=False)
    if engine is None:
        from toolkit.engines import load_engine

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
) -> Brief:
    """Brief one article. ``glossary``: None = the default glossaries, False = none, a path or list of paths,
    or a loaded Glossary. ``model``: alias, GGUF path or HF dir/id (ignored when ``engine`` is given).
    ``method``: ``select`` (salient sentences first; the default) or ``direct`` (each whole section, in
    pieces that fit the context; slower, kept for comparison). A sentence whose summary still fails its checks
    (after one retry, where a retry can help) is translated instead, through the translation memory (``memory``, default the user cache; ``use_cache=
    False`` bypasses it)."""
    t0 = time.perf_counter()
    article = _load_article(path_or_text)
    glossary, engine = _resolve(glossary, model, engine)
    seg = glossary.segmenter() if glossary is not None else None
    if seg is None:
        from toolkit.segment import Segmenter

        seg = Segmenter()
    from toolkit.quantities import find_quantities

    counters = _Counters(memory=memory, use_cache=use_cache)
    qcount = lambda t: sum(1 for q in find_quantities(t) if q.kind != "date")  # noqa: E731
    # Terms the model must carry over (dnt terms stand in the source as they are and cost it nothing).
    tcount = (
        (lambda t: sum(1 for m in glossary.match(t) if m.entry.status != "dnt"))
        if glossary is not None
        else None
    )

    total = len(article.sections)
    section_briefs: list[SectionBrief] = []
    all_scored: dict[str, Scored] = {}
    for n, sec in enumerate(article.sections, 1):
        if progress:
            progress(sec.heading or "lede", n - 1, total)
        scored = rank_sentences(list(sec.sentences()), seg, quantity_count=qcount, term_count=tcount)
        for sc in scored:
            all_scored[sc.sentence.id] = sc
        if method == "direct":
            summary = _direct_section(sec, engine, glossary, counters, sentences, seg)
            chosen_ids = [s for ss in summary for s in ss.sources]
        else:
            # One request per section, not one for the whole article: measured on the seed, a single
            # request for all ten selected sentences ran into its token limit and mixed the claims of
            # neighbouring sentences into each other's summaries; per-section requests did not.
            chosen = [c.sentence for c in select(scored, sentences, SELECT_MAX_CHARS)]
            summary = _summarize_group(chosen, engine, glossary, counters, seg) if chosen else []
            chosen_ids = [c.id for c in chosen]
        section_briefs.append(SectionBrief(sec.id, sec.heading, None, chosen_ids, summary))
    pending = [x for sb in section_briefs for x in sb.summary if isinstance(x, _Pending)]
    if pending and progress:
        progress("fallbacks", total, total)
    for sb in section_briefs:
        sb.summary = _complete(sb.summary, engine, glossary, counters)
    if progress:
        progress("headings", total, total)

    headings = [s.heading for s in article.sections if s.heading]
    for sb, en in zip(
        [s for s in section_briefs if s.heading_zh],
        _translate_short(headings, engine, glossary, counters, "section heading", seg),
        strict=True,
    ):
        sb.heading_en = en

    key_points = _key_points(section_briefs, all_scored)
    if article.title_from == "first-sentence":
        title_en = _headline(key_points, engine, counters)
        if not title_en or cjk_spans(title_en):
            title_en = key_points[0].text.rstrip(".") if key_points else "Brief"
    else:
        title_en = _translate_short([article.title], engine, glossary, counters, "headline", seg)[0]

    figures = [
        Figure(s.id, q.source, q.value, q.value_high, q.unit, q.english)
        for s in article.sentences()
        for q in find_quantities(s.text)
        if q.kind in FIGURE_KINDS and q.english and not (q.kind == "number" and q.value < 100)
    ]
    terms: list[TermUse] = []
    if glossary is not None:
        counts: Counter[tuple[str, str]] = Counter()
        for s in article.sentences():
            for m in glossary.match(s.text):
                counts[(m.entry.zh, m.entry.en)] += 1
        terms = [TermUse(zh, en, c) for (zh, en), c in counts.most_common()]

    quality = compute_quality(article, section_briefs, title_en, glossary, counters)
    info = getattr(engine, "model_id", None) or str(model or "default")
    return Brief(
        source=article.source,
        title_zh=article.title,
        title_en=title_en,
        key_points=key_points,
        sections=section_briefs,
        figures=figures,
        terms=terms,
        quality=quality,
        model=info,
        model_sha256=getattr(engine, "sha256", None),
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
    )


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


def _direct_section(
    sec: Section, engine: Any, glossary: Any, counters: _Counters, k: int, seg: Any = None
) -> list[SummarySentence]:
    """Summarize a whole section without selection: in pieces that fit the context, then merged. Slower; kept
    for the benchmark that measures what selection saves, and for users who want every sentence read."""
    sents = list(sec.sentences())
    pieces: list[list[Sentence]] = [[]]
    budget = 1400
    for s in sents:
        if pieces[-1] and sum(len(x.text) for x in pieces[-1]) + len(s.text) > budget:
            pieces.append([])
        pieces[-1].append(s)
    out: list[SummarySentence] = []
    for piece in pieces:
        spans_all = [_pins(s.text, glossary, seg) for s in piece]
        text = "".join(sp[0] for sp in spans_all)
        pin_lines = list(dict.fromkeys(line for sp in spans_all for line in sp[1]))
        body = (
            f"Summarize the Chinese text below in {k} short English sentences, numbered 1. to {k}. "
            "English only; keep names and numbers exact.\n\n"
        )
        if pin_lines:
            body += "Use exactly these English forms:\n" + "\n".join(f"- {p}" for p in pin_lines) + "\n\n"
        body += text
        msgs = [
            {"role": "system", "content": "You summarize Chinese business news in English."},
            {"role": "user", "content": body},
        ]
        gen = engine.generate(msgs, max_tokens=60 * k + 20, english_only=True)
        counters.usage.add(gen)
        ids = [s.id for s in piece]
        out += [SummarySentence(clean_sentence(t), ids, "ok") for t in parse_numbered(gen.text, k) if t]
    return out[: max(k, 1) * 2]


def compute_quality(
    article: Article, sections: Sequence[SectionBrief], title_en: str, glossary: Any, counters: _Counters
) -> Quality:
    """Term adherence, quantity errors and Chinese leaks, recomputed from the final English and the
    sources each summary sentence cites, with the same checks as ``glossary check`` and ``numbers``."""
    from toolkit.quantities import check_fidelity

    occ = hits = checked = 0
    misses: list[dict] = []
    forbidden: list[dict] = []
    qerrors: list[dict] = []
    leaks: list[dict] = []
    for sec in sections:
        for s in sec.summary:
            src = "".join(article.sentence(i).text for i in s.sources)
            where = ",".join(s.sources)
            if glossary is not None:
                from toolkit.glossary import check_terms

                rep = check_terms(src, s.text, glossary, distinct=True)
                occ += rep.occurrences
                hits += rep.hits
                misses += [{"id": where, "zh": m.zh, "en": m.en} for m in rep.misses]
                forbidden += [{"id": where, "zh": f.zh, "form": f.form} for f in rep.forbidden_found]
            fid = check_fidelity(src, s.text)
            checked += fid.total - len(fid.missing)
            qerrors += [
                {
                    "id": where,
                    "source": w.quantity.source,
                    "expected": w.expected,
                    "found": w.found,
                    "problem": f"wrong {w.reason}",
                }
                for w in fid.wrong
            ]
            for span in cjk_spans(s.text):
                leaks.append({"where": where, "text": span})
        if sec.heading_en:
            for span in cjk_spans(sec.heading_en):
                leaks.append({"where": f"heading {sec.id}", "text": span})
    for span in cjk_spans(title_en):
        leaks.append({"where": "title", "text": span})
    adherence = hits / occ if occ else 1.0
    passed = (
        not misses
        and not forbidden
        and not qerrors
        and not leaks
        and all(s.status != "flagged" for sec in sections for s in sec.summary)
    )
    return Quality(
        term_adherence=round(adherence, 4),
        term_occurrences=occ,
        term_hits=hits,
        term_misses=misses,
        forbidden_found=forbidden,
        quantity_checked=checked,
        quantity_errors=qerrors,
        cjk_leaks=leaks,
        retries=counters.retries,
        fallbacks=counters.fallbacks,
        repairs=counters.repairs,
        passed=passed,
    )
