"""The faithfulness check in the translation pipeline, on the real small model: the translator scores its
own output with the engine it already holds, retries a flagged sentence once with feedback naming the
words, ships what still fails flagged (never ok), lists it in every format, and a warm rerun reads the
findings from the translation memory without scoring again.

Which sentence the calibrated thresholds flag is the benchmark's business (bench/bench_faithfulness.py);
here thresholds no English can meet force the flag, so the control flow is tested on real model output."""

from __future__ import annotations

import json

import pytest

from toolkit.checks.faithfulness import Scorer, Thresholds
from toolkit.glossary import Glossary
from toolkit.translation import Translator, translate_sentences
from toolkit.translation.memory import TranslationMemory
from toolkit.translation.model import Settings

SOURCE = "昆仑万维的海外收入增长了三倍，AI业务成为公司第二大收入来源。"


@pytest.fixture(scope="module")
def small():
    from toolkit.engines import load_engine

    engine = load_engine("small")
    yield engine
    engine.close()


class Recording:
    """The real engine, its requests kept (to read the retry's feedback)."""

    def __init__(self, engine):  # type: ignore[no-untyped-def]
        self.engine = engine
        self.requests: list = []

    def __getattr__(self, name):  # type: ignore[no-untyped-def]
        return getattr(self.engine, name)

    def generate(self, messages, **kw):  # type: ignore[no-untyped-def]
        self.requests.append(messages)
        return self.engine.generate(messages, **kw)

    def score(self, messages, continuation):  # type: ignore[no-untyped-def]
        return self.engine.score(messages, continuation)


def test_a_scripted_engine_gets_no_faithfulness_check(scripted):
    engine = scripted(["1. Kunlun's overseas revenue tripled."])
    t = translate_sentences([SOURCE], engine, Glossary([]), use_cache=False)
    assert t.stats.faithfulness_calls == 0 and t.segments[0].quality.unfaithful == []


@pytest.mark.model
def test_the_translator_scores_its_own_output(small):
    t = translate_sentences(
        [SOURCE], small, Glossary([]), use_cache=False, settings=Settings(faithfulness=True)
    )
    # 万维 has no dictionary sense in any English: the cheap signal is unsure, so the model is asked (the
    # pass given the draft at least; the no-English pass only if the draft is flagged).
    assert t.stats.faithfulness_calls >= 1 and t.stats.faithfulness_tokens > 0
    off = translate_sentences([SOURCE], small, Glossary([]), use_cache=False)  # off by default: its cost
    assert off.stats.faithfulness_calls == 0


@pytest.mark.model
def test_a_flagged_sentence_is_retried_with_the_words_named_then_ships_flagged(small, tmp_path):
    from toolkit.ingest import parse_text
    from toolkit.translation.render import render_html, render_markdown

    engine = Recording(small)
    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        tr = Translator(engine, Glossary([]), memory=memory)
        tr.scorer = Scorer(small, Thresholds(sentence=-1.0))
        t = tr.translate([SOURCE])
        seg = t.segments[0]
        assert seg.retried and len(engine.requests) == 2
        retry = json.dumps(engine.requests[1], ensure_ascii=False)
        assert "is not rendered: translate every part of the sentence" in retry
        # What still fails ships flagged, never ok, each word with its dictionary sense where known.
        assert not seg.quality.ok and seg.quality.omissions
        senses = {f.part("source"): f.part("sense") for f in seg.quality.omissions}
        assert "海外" not in senses or senses["海外"] == "overseas"
        assert all(str(f).startswith(f.part("source")) for f in seg.quality.omissions)
        assert seg.to_dict()["quality"]["unfaithful"][0]["kind"] == "omission"
        # A warm rerun: the findings come back from the memory, no scoring pass, no model call.
        warm_tr = Translator(engine, Glossary([]), memory=memory)
        warm_tr.scorer = Scorer(small, Thresholds(sentence=-1.0))
        warm = warm_tr.translate([SOURCE])
        assert warm.segments[0].cached and warm.stats.faithfulness_calls == 0 and warm.stats.calls == 0
        assert [str(f) for f in warm.segments[0].quality.omissions] == [str(f) for f in seg.quality.omissions]

    # Listed under the translation in Markdown; highlighted in the Chinese of a bilingual HTML page.
    article = parse_text("海外\n\n" + SOURCE + "\n")
    tr = Translator(small, Glossary([]), use_cache=False)
    tr.scorer = Scorer(small, Thresholds(sentence=-1.0))
    sents = list(article.sentences())
    t = tr.translate([article.title] + [x.text for x in sents], ["title"] + [x.id for x in sents])
    t.article = article
    md = render_markdown(t)
    assert "Source words the English leaves out or mistranslates (check them):" in md
    flagged = next(x for x in t.segments if x.quality.unfaithful)
    assert f"- {flagged.id}: {flagged.quality.unfaithful[0]}" in md
    word = flagged.quality.unfaithful[0].part("source")
    assert f'<mark class="unfaithful">{word}</mark>' in render_html(t, bilingual=True)
