"""draft → repair → retry → fallback, and the quality block as the sum of the checks that decided them.

A scripted engine stands in for the model here: these tests are about control flow (which check decides
what, how many calls are spent, what a prompt carries), not about summarization, which the model-backed
tests in tests/brief/test_brief_model.py cover with the real small model.
"""

from __future__ import annotations

from toolkit.annotate import Annotator
from toolkit.article import Sentence
from toolkit.brief.draft import Counters, Pending, summarize_group
from toolkit.brief.model import SectionBrief, SummarySentence
from toolkit.brief.quality import compute_quality
from toolkit.checks import Finding, QualityReport
from toolkit.glossary import Entry, Glossary


def _group(texts, glossary):
    annotator = Annotator(glossary)
    sents = [Sentence(f"§1¶1s{i}", t, t) for i, t in enumerate(texts, 1)]
    return sents, [annotator.annotate(s.text, s.id) for s in sents]


def test_a_summary_draft_fixed_by_repair_ships_as_repaired_without_a_second_call(scripted):
    g = Glossary([Entry("赛道", "segment", forbid=["track"]), Entry("中厂", "mid-size vendor")])
    sents, anns = _group(["中厂退出了通用赛道。"], g)
    engine = scripted(["1. Mid-size vendors left the general tracks."])
    counters = Counters(use_cache=False)
    (s,) = summarize_group(sents, anns, engine, g, counters)
    assert engine.calls == 1 and counters.retries == 0 and counters.repairs == 1
    assert (s.text, s.status) == ("Mid-size vendors left the general segments.", "repaired")
    assert s.quality is not None and s.quality.ok


def test_forbidden_entries_are_told_to_the_summary_prompt(scripted):
    # A glossary entry of status "forbidden" pins no English, only forms never to write. Pins used to
    # cross to the summary prompt as "zh = en" strings parsed back on " = ", so the "never write" line of
    # such an entry was dropped and the model was never told.
    g = Glossary(
        [
            Entry("大厂", "big factory", status="forbidden"),
            Entry("中厂", "mid-size vendor", forbid=["middle factory"]),
        ]
    )
    sents, anns = _group(["大厂和中厂都在做模型。"], g)
    engine = scripted(["1. Large firms and mid-size vendors both build models."])
    summarize_group(sents, anns, engine, g, Counters(use_cache=False))
    user = engine.requests[0]["messages"][-1]["content"]
    assert "- 大厂: never write big factory" in user
    assert "- 中厂 = mid-size vendor (never: middle factory)" in user


def test_a_draft_with_fullwidth_punctuation_is_retried_not_shipped(scripted):
    # One leak definition: the check that decides a retry counts "，" as the quality block does.
    sents, anns = _group(["营收增长很快。"], None)
    engine = scripted(["1. Revenue grew，fast.", "1. Revenue grew fast."])
    counters = Counters(use_cache=False)
    (s,) = summarize_group(sents, anns, engine, None, counters)
    assert engine.calls == 2 and counters.retries == 1
    assert (s.text, s.status) == ("Revenue grew fast.", "retried")
    assert (
        "sentence 1: Chinese characters were left in the English: ，"
        in engine.requests[1]["messages"][-1]["content"]
    )


def test_what_still_fails_is_left_for_the_fallback(scripted):
    g = Glossary([Entry("中厂", "mid-size vendor")])
    sents, anns = _group(["中厂很多。"], g)
    engine = scripted(["1. There are many firms."])
    (p,) = summarize_group(sents, anns, engine, g, Counters(use_cache=False))
    # Only a pinned term is missing: the model rarely adds one when asked, so no retry is spent on it.
    assert isinstance(p, Pending) and p.annotation is anns[0] and engine.calls == 1


def test_the_quality_block_is_the_sum_of_the_sentence_reports():
    miss = Finding("中厂 → 'mid-size vendor'", zh="中厂", en="mid-size vendor", occurrences=1, hits=0)
    wrong = Finding(
        "1200万美元 → 'US$12 million', found '$120 million'",
        source="1200万美元",
        expected="US$12 million",
        found="$120 million",
        reason="value",
    )
    a = QualityReport(
        term_occurrences=2, term_hits=1, term_misses=[miss], quantities=1, quantity_wrong=[wrong]
    )
    b = QualityReport(term_occurrences=1, term_hits=1, quantities=2, quantities_ok=2, leaks=["赛道"])
    sec = SectionBrief(
        "§1",
        None,
        None,
        ["§1¶1s1", "§1¶2s1"],
        [
            SummarySentence("x", ["§1¶1s1"], "flagged", quality=a),
            SummarySentence("y", ["§1¶2s1"], "ok", quality=b),
        ],
    )
    q = compute_quality([sec], "Title", {}, Counters(retries=1))
    assert (q.term_occurrences, q.term_hits, q.term_adherence) == (3, 2, 0.6667)
    assert q.term_misses == [{"id": "§1¶1s1", "zh": "中厂", "en": "mid-size vendor"}]
    assert q.quantity_checked == 3
    assert q.quantity_errors == [
        {
            "id": "§1¶1s1",
            "source": "1200万美元",
            "expected": "US$12 million",
            "found": "$120 million",
            "problem": "wrong value",
        }
    ]
    assert q.cjk_leaks == [{"where": "§1¶2s1", "text": "赛道"}]
    assert q.retries == 1 and q.passed is False


def test_a_retry_that_passes_but_drops_the_drafts_figures_is_not_shipped(scripted):
    sents, anns = _group(["2019年全县有2045人脱贫。"], None)
    draft = "1. In 2019, 2,045 people in Germany escaped poverty."
    # The edit drops the invented country, and the year and the count with it: not shipped, the sentence
    # gets the translation fallback instead.
    engine = scripted([draft, "People escaped poverty."])
    (p,) = summarize_group(sents, anns, engine, None, Counters(use_cache=False))
    assert engine.calls == 2 and isinstance(p, Pending)
    # The same edit keeping them ships as retried.
    engine = scripted([draft, "In 2019, 2,045 people in the county escaped poverty."])
    (s,) = summarize_group(sents, anns, engine, None, Counters(use_cache=False))
    assert (s.text, s.status) == ("In 2019, 2,045 people in the county escaped poverty.", "retried")
