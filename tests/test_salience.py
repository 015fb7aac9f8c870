"""Sentence selection and the prompt helpers of the summary stage (no model)."""

from __future__ import annotations

from toolkit.salience import rank_sentences, select
from toolkit.segment import Segmenter
from toolkit.summarize import clean_sentence, parse_numbered


def test_rank_prefers_central_and_quantified_sentences(seed_article):
    sec = seed_article.sections[2]
    sents = list(sec.sentences())
    scored = rank_sentences(sents, Segmenter(), quantity_count=lambda t: t.count("亿"))
    assert [s.sentence.id for s in scored] == [s.id for s in sents]  # document order kept
    chosen = select(scored, 3, 520)
    assert len(chosen) == 3
    assert [c.position for c in chosen] == sorted(c.position for c in chosen)
    assert sum(len(c.sentence.text) for c in chosen) <= 520
    # The market-share sentence (498.57亿元, every giant's share) is what an analyst needs from §2.
    assert "§2¶3s1" in [c.sentence.id for c in chosen]


def test_select_respects_budget_and_k(seed_article):
    scored = rank_sentences(list(seed_article.sections[1].sentences()), Segmenter())
    assert len(select(scored, 1)) == 1
    assert select(scored, 0) == []
    small = select(scored, 5, max_chars=120)
    assert len(small) >= 1 and (len(small) == 1 or sum(len(c.sentence.text) for c in small) <= 120)


def test_parse_numbered_tolerates_model_formatting():
    ans = "Here you go:\n1. First claim.\n**2.** Second claim\n3) Third.\n"
    assert parse_numbered(ans, 3) == ["First claim.", "Second claim", "Third."]
    assert parse_numbered("1. only one", 2) == ["only one", None]
    assert parse_numbered("Just a sentence.", 1) == ["Just a sentence."]


def test_clean_sentence():
    assert clean_sentence('  "Summary: Kunlun Tech exits"  ') == "Kunlun Tech exits."
    assert clean_sentence("Growth was 59.5%") == "Growth was 59.5%."
