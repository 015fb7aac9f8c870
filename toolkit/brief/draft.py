"""The brief's model steps: draft → repair → retry → fallback, each a plain function over annotations.

``summarize_group`` drafts one English sentence per selected source sentence in one request and checks
each with ``check_segment(summary=True)``: the same check fills the quality block (``brief.quality``).
A failing draft is first repaired deterministically (``compose.repair``); if that is not enough it is
retried once where a retry can help, and what still fails comes back ``Pending``, to be replaced by the
translation pipeline's rendering of its source (``fallback``) once every section has been drafted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from toolkit.annotate import Annotation
from toolkit.article import Section, Sentence
from toolkit.brief.model import SummarySentence
from toolkit.brief.prompts import (
    build_direct_messages,
    build_fix_messages,
    build_heading_messages,
    build_headline_messages,
    build_messages,
    clean_sentence,
    pin_lines,
)
from toolkit.checks import QualityReport, check_segment
from toolkit.compose.choice import keeps_numbers, prefer_retry
from toolkit.compose.numbered import parse_numbered
from toolkit.compose.pins import inline_pins, merge_pins
from toolkit.compose.repair import normalize_terms, repair
from toolkit.quantities.english_dates import repair_weekday
from toolkit.translation import Settings, translate_sentences

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.annotate import Annotator
    from toolkit.glossary import Glossary

NO_ENGLISH = "(no faithful English could be produced for this sentence)"
SCOPE_ENGLISH = {"全球": "global", "全世界": "global", "世界": "global", "国际": "international"}


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
class Counters:
    """What one brief run counts, plus the translation memory its fallbacks read and write."""

    retries: int = 0
    fallbacks: int = 0
    repairs: int = 0
    draft_unsupported: int = 0
    """Numbers and names the first drafts stated that their sources do not give (before any repair)."""
    usage: Usage = field(default_factory=Usage)
    memory: Any = None
    use_cache: bool = True
    scorer: Any = None
    """``checks.faithfulness.Scorer`` over the brief's engine (None: the engine cannot score): summary
    sentences are checked for mistranslations, fallbacks for omissions too."""


@dataclass
class Pending:
    """A selected sentence whose summary failed: it gets the translation fallback once every section has
    been drafted. Run in between, each fallback's different prompt evicted the summary prompt's evaluated
    prefix from llama.cpp's cache, and the next section paid to evaluate it again."""

    sentence: Sentence
    annotation: Annotation


def check_summary(
    ann: Annotation, english: str, glossary: Glossary | None, scorer: Any = None
) -> QualityReport:
    """A summary sentence against the source sentence it cites (the summary rule of ``check_segment``;
    with ``scorer``, its mistranslations too)."""
    return check_segment(ann, english, glossary, summary=True, scorer=scorer)


def _summary(text: str, ann: Annotation, status: str, report: QualityReport) -> SummarySentence:
    return SummarySentence(text, [ann.id], status, quality=report)


def fix_targets(report: QualityReport) -> tuple[list[str], list[str], bool]:
    """(exact English forms the sentence must gain, forms it must lose, whether an amount is wrong), read off
    its check report: the missing pinned terms and correct amounts, the forbidden forms, wrong amounts and
    unsupported claims."""
    need = [m.part("en") for m in report.term_misses if m.part("en")]
    drop = [str(f) for f in report.forbidden_found]
    for w in report.quantity_wrong:
        need.append(w.part("expected"))
        if w.part("found"):
            drop.append(str(w.part("found")))
    # A claim the source does not make is dropped; where the source gives the scope instead (全球 for "the
    # US"), the edit is told to write that.
    for u in report.unsupported:
        drop.append(str(u.part("english", u)))
        if u.part("source") in SCOPE_ENGLISH:
            need.append(SCOPE_ENGLISH[u.part("source")])
    return list(dict.fromkeys(need)), list(dict.fromkeys(drop)), bool(report.quantity_wrong)


def draft(
    anns: Sequence[Annotation],
    engine: Any,
    counters: Counters,
    feedback: str | None = None,
) -> list[str | None]:
    """One request: a numbered English sentence for each annotated source sentence (None where the answer
    has none, or where it was cut off by the token limit)."""
    # The pins stand in the code-mixed source and are listed too: on the seed, drafts from the code-mixed
    # source alone paraphrased a pinned term in most sentences ("music charts" for top-grossing chart), and
    # every such miss costs a retry and often a fallback translation.
    pins = merge_pins(a.pins for a in anns)
    msgs = build_messages([inline_pins(a.text, a.pins) for a in anns], pin_lines(pins), feedback)
    gen = engine.generate(
        msgs,
        max_tokens=60 * len(anns) + 20,
        english_only=True,
        allow=[t for a in anns for t in a.allow],
        stop=["\n\n\n"],
    )
    counters.usage.add(gen)
    parsed = parse_numbered(gen.text, len(anns))
    if gen.finish_reason == "length":
        # The answer hit its token limit: the last sentence it wrote is cut off mid-thought.
        last = max((k for k, p in enumerate(parsed) if p), default=None)
        if last is not None:
            parsed[last] = None
    return parsed


def summarize_group(
    sents: Sequence[Sentence],
    anns: Sequence[Annotation],
    engine: Any,
    glossary: Glossary | None,
    counters: Counters,
) -> list[SummarySentence | Pending]:
    """Draft the group, check each, repair, retry once where a retry can help; what still fails comes back
    ``Pending``, for the translation fallback."""
    drafts = draft(anns, engine, counters)
    out: list[SummarySentence | None] = [None] * len(sents)
    failing: dict[int, QualityReport | None] = {}
    for i, d in enumerate(drafts):
        # A weekday the source never gives is a date the model made up: put the source's date back.
        text, notes = repair_weekday(anns[i].text, clean_sentence(d or ""), anns[i].quantities)
        counters.repairs += len(notes)
        # A glossary name in another of its forms reads as the translation writes it (one name one way);
        # a style change, like the translation's, not a repair.
        text, named = normalize_terms(anns[i], text, glossary)
        if notes or named:
            drafts[i] = text
        if not d:
            failing[i] = None  # no sentence was written for it
            continue
        report = check_summary(anns[i], text, glossary, counters.scorer)
        counters.draft_unsupported += len(report.unsupported)
        if report.ok:
            out[i] = _summary(text, anns[i], "repaired" if notes else "ok", report)
        else:
            failing[i] = report

    if failing:
        idx = sorted(failing)
        again: dict[int, str | None] = {}
        fresh = []
        for i in idx:
            draft_en = clean_sentence(drafts[i] or "")
            report = failing[i]
            need, drop, amounts = fix_targets(report) if draft_en and report else ([], [], False)
            if not need and not drop:
                fresh.append(i)  # nothing an edit can fix (no draft, Chinese left, a runaway): ask again
                continue
            # The draft's weekday was repaired above, before its check.
            fixed, notes = repair(anns[i], draft_en, glossary, weekday=False)
            fixed = clean_sentence(fixed)
            if notes and not keeps_numbers(anns[i].text, draft_en, fixed, anns[i].quantities):
                notes = []  # a repair never removes a number the source states
            fixed_report = check_summary(anns[i], fixed, glossary, counters.scorer) if notes else None
            if fixed_report is not None and fixed_report.ok:
                # The deterministic repair alone makes it pass: no second model call.
                counters.repairs += len(notes)
                out[i] = _summary(fixed, anns[i], "repaired", fixed_report)
                del failing[i]
                continue
            if not drop and not amounts:
                # Only pinned terms are missing. Asked to add them, the model failed all 6 times on the
                # seed (mostly returning its sentence unchanged); the fallback translation carries them.
                continue
            counters.retries += 1
            gen = engine.generate(
                build_fix_messages(inline_pins(anns[i].text, anns[i].pins), draft_en, need, drop),
                max_tokens=70,
                english_only=True,
                allow=[t for a in anns for t in a.allow],
                stop=["\n"],
            )
            counters.usage.add(gen)
            again[i] = gen.text.strip() or None
        if fresh:
            counters.retries += len(fresh)
            feedback = "\n".join(
                f"- sentence {k}: {'; '.join(_problems(failing[i]))}" for k, i in enumerate(fresh, 1)
            )
            again.update(zip(fresh, draft([anns[i] for i in fresh], engine, counters, feedback), strict=True))
        for i in [i for i in idx if i in failing]:
            if not again.get(i):
                continue
            text = clean_sentence(again[i] or "")
            report = check_summary(anns[i], text, glossary, counters.scorer)
            # A retry that passes but dropped what its draft carried (a figure, a name, most of the
            # sentence) is not shipped: the sentence gets the translation fallback instead.
            before = failing[i]
            draft_en = clean_sentence(drafts[i] or "")
            if report.ok and (before is None or prefer_retry(anns[i], draft_en, before, text, report)):
                out[i] = _summary(text, anns[i], "retried", report)
                del failing[i]

    for i in sorted(failing):
        out[i] = Pending(sents[i], anns[i])
    return [s for s in out if s is not None]


def _problems(report: QualityReport | None) -> list[str]:
    return report.failures() if report is not None else ["no sentence was written for it"]


def fallback(
    sent: Sentence, ann: Annotation, engine: Any, glossary: Glossary | None, counters: Counters
) -> SummarySentence:
    """The summary failed its checks: the translation pipeline's rendering of the source sentence stands in
    (its own pins, retry and deterministic repairs), and the quality block says so."""
    counters.fallbacks += 1
    result = translate_sentences(
        [sent.text],
        engine,
        glossary,
        settings=Settings(faithfulness=counters.scorer is not None),
        ids=[sent.id or "fallback"],
        memory=counters.memory,
        use_cache=counters.use_cache,
        annotations=[ann],
    )
    counters.repairs += result.stats.repairs
    counters.usage.prompt_tokens += result.stats.prompt_tokens
    counters.usage.completion_tokens += result.stats.completion_tokens
    counters.usage.seconds += result.stats.engine_seconds
    counters.usage.calls += result.stats.calls
    text = clean_sentence(result.segments[0].english)
    report = check_summary(ann, text or NO_ENGLISH, glossary, counters.scorer)
    # The fallback is a translation: what its own check found left out stays a failure here too.
    if text and result.segments[0].english.strip() == text.strip():
        report.omissions += result.segments[0].quality.omissions
    status = "fallback" if text and report.ok else "flagged"
    return SummarySentence(text or NO_ENGLISH, [sent.id], status, quality=report)


def complete(
    items: Sequence[SummarySentence | Pending], engine: Any, glossary: Glossary | None, counters: Counters
) -> list[SummarySentence]:
    """Each pending sentence replaced by its translation fallback."""
    return [
        fallback(x.sentence, x.annotation, engine, glossary, counters) if isinstance(x, Pending) else x
        for x in items
    ]


def translate_short(
    anns: Sequence[Annotation], engine: Any, glossary: Glossary | None, counters: Counters, what: str
) -> list[str]:
    """Headings and titles: short phrases, translated in one numbered request with pins, then checked."""
    if not anns:
        return []
    msgs = build_heading_messages(
        [inline_pins(a.text, a.pins) for a in anns], pin_lines([p for a in anns for p in a.pins]), what
    )
    allow = [t for a in anns for t in a.allow]
    gen = engine.generate(msgs, max_tokens=24 * len(anns) + 16, english_only=True, allow=allow)
    counters.usage.add(gen)
    out = []
    for a, p in zip(anns, parse_numbered(gen.text, len(anns)), strict=True):
        p = (p or "").strip().strip('"').rstrip(".")
        if not p or not check_summary(a, p, glossary, counters.scorer).ok:
            p = fallback(Sentence("", a.text, a.text), a, engine, glossary, counters).text.rstrip(".")
        out.append(p)
    return out


def headline(points: Sequence[SummarySentence], engine: Any, counters: Counters) -> str:
    """An English headline written from the key points (the article has no title line of its own)."""
    gen = engine.generate(
        build_headline_messages([p.text for p in points]), max_tokens=32, english_only=True, stop=["\n"]
    )
    counters.usage.add(gen)
    return gen.text.strip().strip('"*#').strip().rstrip(".")


DIRECT_BUDGET = 1400
"""Chinese characters per request at most in ``--method direct``."""


def direct_section(
    sec: Section,
    annotations: dict[str, Annotation],
    annotator: Annotator,
    engine: Any,
    glossary: Glossary | None,
    counters: Counters,
    k: int,
) -> list[SummarySentence]:
    """Summarize a whole section without selection: in pieces that fit the context. Slower; kept for the
    benchmark that measures what selection saves, and for users who want every sentence read. Each summary
    sentence is checked against the piece it rests on like any other, and flagged if it fails."""
    sents = list(sec.sentences())
    pieces: list[list[Sentence]] = [[]]
    for s in sents:
        if pieces[-1] and sum(len(x.text) for x in pieces[-1]) + len(s.text) > DIRECT_BUDGET:
            pieces.append([])
        pieces[-1].append(s)
    out: list[SummarySentence] = []
    for piece in pieces:
        anns = [annotations[s.id] for s in piece]
        text = "".join(inline_pins(a.text, a.pins) for a in anns)
        gen = engine.generate(
            build_direct_messages(text, pin_lines([p for a in anns for p in a.pins]), k),
            max_tokens=60 * k + 20,
            english_only=True,
        )
        counters.usage.add(gen)
        ids = [s.id for s in piece]
        whole = annotator.annotate("".join(s.text for s in piece), ",".join(ids))
        for t in parse_numbered(gen.text, k):
            if not t:
                continue
            en = clean_sentence(t)
            report = check_summary(whole, en, glossary)
            counters.draft_unsupported += len(report.unsupported)
            out.append(SummarySentence(en, ids, "ok" if report.ok else "flagged", quality=report))
    return out[: max(k, 1) * 2]
