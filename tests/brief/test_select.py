"""Sentence selection and the prompt helpers of the summary stage (no model)."""

from __future__ import annotations

from toolkit.annotate import Annotator
from toolkit.article import Sentence
from toolkit.brief.prompts import build_fix_messages, clean_sentence
from toolkit.brief.select import rank_sentences, select
from toolkit.compose.numbered import parse_numbered
from toolkit.glossary import Entry, Glossary, load_glossaries


def _rank(sents, glossary=None):
    annotator = Annotator(glossary, names=False)
    return rank_sentences(sents, [annotator.annotate(s.text, s.id) for s in sents])


def test_rank_prefers_central_and_quantified_sentences(seed_article):
    sec = seed_article.sections[2]
    sents = list(sec.sentences())
    scored = _rank(sents, load_glossaries(None))
    assert [s.sentence.id for s in scored] == [s.id for s in sents]  # document order kept
    chosen = select(scored, 3, 520)
    assert len(chosen) == 3
    assert [c.position for c in chosen] == sorted(c.position for c in chosen)
    assert sum(len(c.sentence.text) for c in chosen) <= 520
    # With the shipped glossary, as the brief runs: the market-size sentence (294.16亿元 → 495亿元 → 700亿元)
    # is what an analyst needs from §2; the 158-character, 13-term market-share sentence is central too but
    # too long and too dense to compress into one short sentence.
    ids = [c.sentence.id for c in chosen]
    assert "§2¶2s2" in ids and "§2¶3s1" not in ids


def test_select_respects_budget_and_k(seed_article):
    scored = _rank(list(seed_article.sections[1].sentences()))
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
    # A quotation at the end of the sentence keeps its closing mark.
    assert clean_sentence('It was the top "mid-size vendor" in the "hundred-model war. "') == (
        'It was the top "mid-size vendor" in the "hundred-model war."'
    )
    assert clean_sentence('He said "All in AI."') == 'He said "All in AI."'
    assert clean_sentence('"Kunlun Tech exits') == "Kunlun Tech exits."


def _sents(*texts: str) -> list[Sentence]:
    return [Sentence(f"§1¶1s{i}", t, t) for i, t in enumerate(texts, 1)]


def test_term_dense_sentences_rank_below_sparse_ones():
    # Same words, same position bias removed by ranking each pair both ways round: only the pinned-term
    # count differs, and the sentence a short summary cannot carry every term of must lose.
    a, b = "中厂天工百模赛道出海音乐AI宣布全力做业务。", "中厂天工宣布全力做海外音乐市场业务。"
    g = Glossary([Entry(t, t.upper()) for t in ("中厂", "天工", "百模", "赛道", "出海", "音乐AI")])
    for first, second in ((a, b), (b, a)):
        scored = _rank(_sents(first, second), g)
        by_text = {s.sentence.text: s.score for s in scored}
        assert by_text[a] < by_text[b]


def test_rhetorical_questions_rank_below_statements():
    q, s = "昆仑天工的转型到底是清醒的取舍还是逃亡？", "昆仑天工的转型是清醒的取舍而不是逃亡。"
    for first, second in ((q, s), (s, q)):
        scored = {x.sentence.text: x.score for x in _rank(_sents(first, second))}
        assert scored[q] < scored[s]


def test_fix_prompt_carries_the_draft_and_the_exact_words():
    msgs = build_fix_messages(
        "我们是 mid-size vendor 。", "We are a mid-size AI firm.", ["mid-size vendor"], ["AI firm"]
    )
    user = msgs[-1]["content"]
    assert user.startswith(
        "Chinese source: 我们是 mid-size vendor 。\nEnglish sentence: We are a mid-size AI firm."
    )
    # The task comes last, where a small model attends to it.
    assert "Rewrite the English sentence so that it contains these exact words: " in user.splitlines()[-1]
    assert '"mid-size vendor"' in user and 'no longer contains: "AI firm"' in user


def test_quoted_first_person_speech_ranks_below_reporting():
    said, told = (
        "昆仑万维表示:“我们不跟字节耗了,全力做海外音乐。”",
        "昆仑万维表示将停止与字节竞争,全力做海外音乐。",
    )
    for first, second in ((said, told), (told, said)):
        scored = {x.sentence.text: x.score for x in _rank(_sents(first, second))}
        assert scored[said] < scored[told]
