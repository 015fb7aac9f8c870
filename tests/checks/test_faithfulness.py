"""Faithfulness: omissions and mistranslations named by source word (``toolkit.checks.faithfulness``).

The dictionary signal and the report shapes are tested without a model; the model signal on the real small
model (``model`` marker), relationally (the same word scored under a faithful and an unfaithful English),
since thresholds are calibrated on the development set, not on single sentences."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from toolkit.checks import QualityReport
from toolkit.checks.audit import KINDS, problems_of
from toolkit.checks.faithfulness import (
    Scorer,
    Thresholds,
    WordSignal,
    _finding,
    check_faithfulness,
    content_words,
    dictionary_signals,
    for_model,
    name_words,
)
from toolkit.cli import cli as main

SOURCE = "昆仑万维的海外收入增长了三倍，AI业务成为公司第二大收入来源。"
FULL = "Kunlun Tech's overseas revenue tripled, and AI became the company's second-largest source of revenue."
OMITTED = "Kunlun Tech's revenue tripled."  # the second clause and 海外 (overseas) dropped


def test_content_words_skip_particles_and_pronouns():
    words = [w for w, _, _ in content_words("我们的海外收入增长了。")]
    assert "海外" in words and "收入" in words
    assert "我们" not in words and "的" not in words and "了" not in words


def test_dictionary_signal_names_the_sense_and_sees_a_rendering():
    by_word = {w.word: w for w in dictionary_signals(SOURCE, FULL)}
    assert by_word["海外"].sense == "overseas"
    assert by_word["海外"].covered  # "overseas"
    assert by_word["收入"].covered  # "revenue" is one of CC-CEDICT's senses of 收入
    dropped = {w.word: w for w in dictionary_signals(SOURCE, OMITTED)}
    assert not dropped["海外"].covered
    assert not dropped["来源"].covered


def test_without_a_model_nothing_is_reported():
    # The dictionary alone is too weak to decide (docs/check.md#faithfulness): it only proposes words.
    res = check_faithfulness(SOURCE, OMITTED)
    assert res.findings == [] and res.calls == 0
    assert any(not w.covered for w in res.words)


def test_findings_are_omission_or_mistranslation_with_word_and_sense():
    th = Thresholds(mistranslation_gain=0.0)
    om = _finding(WordSignal("海外", 0, 2, "overseas; abroad", False, 0.2), th)
    mt = _finding(WordSignal("耗", 0, 1, "to consume; to use up", False, -2.0), th)
    assert om.part("kind") == "omission" and str(om) == "海外 (overseas; abroad) not rendered"
    assert mt.part("kind") == "mistranslation" and mt.part("source") == "耗"
    rep = QualityReport(omissions=[om], mistranslations=[mt])
    assert not rep.ok and rep.failed == 2 and rep.problems == 2
    # The retry's feedback names the words and their sense.
    assert any("海外 (overseas; abroad) is not rendered" in f for f in rep.failures())
    assert any("耗 (to consume; to use up) is mistranslated" in f for f in rep.failures())
    assert [p.to_dict() for p in problems_of(rep)] == [
        {
            "kind": "omission",
            "english": "",
            "source": "海外",
            "detail": "海外 (overseas; abroad) not rendered",
        },
        {
            "kind": "mistranslation",
            "english": "",
            "source": "耗",
            "detail": "耗 (to consume; to use up) is not what the English says",
        },
    ]
    assert "omission" in KINDS and "mistranslation" in KINDS
    assert [d["kind"] for d in rep.to_dict()["unfaithful"]] == ["omission", "mistranslation"]
    # Reports sum: a document's total keeps every finding.
    assert len((rep + QualityReport()).unfaithful) == 2


def test_a_flagged_sentence_names_its_lowest_gain_words_uncovered_first():
    th = Thresholds(name_gain=1.0, max_named=2)
    words = [
        WordSignal("海外", 0, 2, "overseas", False, 0.5),
        WordSignal("收入", 2, 4, "income", True, -1.0),
        WordSignal("增长", 4, 6, "to grow", False, -0.5),
        WordSignal("三倍", 6, 8, "triple", False, 6.0),
        WordSignal("来源", 8, 10, "source", False, None),  # no token of its own: never named
    ]
    assert [w.word for w in name_words(words, th)] == ["增长", "海外"]
    # Nothing below the bar: the lowest-gain word still names the flagged sentence.
    assert [w.word for w in name_words([words[3]], th)] == ["三倍"]
    # Each packaged model has its own calibrated sentence threshold; any other model gets the default's.
    assert for_model("small").sentence > for_model("default").sentence == for_model("x.gguf").sentence


def test_check_faithfulness_bad_input_fails_before_the_model_loads(tmp_path, monkeypatch):
    import toolkit.engines

    loads: list[object] = []
    monkeypatch.setattr(toolkit.engines, "load_engine", lambda *a, **k: loads.append(a))
    zh, en = tmp_path / "a.zh", tmp_path / "a.en"
    zh.write_text("第一行。\n第二行。\n", "utf-8")
    en.write_text("Line one.\n", "utf-8")
    r = CliRunner().invoke(
        main, ["check", "--source", str(zh), "--translation", str(en), "--lines", "--faithfulness"]
    )
    assert r.exit_code == 2, r.output
    assert r.output.count("\n") == 1 and r.output.startswith("zhbrief: error: --lines needs line-aligned")
    assert loads == []
    # And without --faithfulness, check never loads a model.
    en.write_text("Line one.\nLine two.\n", "utf-8")
    r = CliRunner().invoke(main, ["check", "--source", str(zh), "--translation", str(en), "--lines"])
    assert r.exit_code == 0 and loads == []


def test_brief_faithfulness_bad_input_fails_before_the_model_loads(tmp_path, monkeypatch):
    import toolkit.commands.brief as brief_cmd

    loads: list[object] = []
    monkeypatch.setattr(brief_cmd, "load_engine", lambda *a, **k: loads.append(a))
    binary = tmp_path / "a.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    r = CliRunner().invoke(main, ["brief", "--faithfulness", str(binary)])
    assert r.exit_code != 0 and loads == []
    assert r.output.count("\n") == 1 and r.output.startswith("zhbrief: error:"), r.output
    assert "--faithfulness" in CliRunner().invoke(main, ["brief", "--help"]).output


# --- the model signal, on the real small model ------------------------------------------------------


@pytest.fixture(scope="module")
def scorer():
    from toolkit.engines import load_engine

    engine = load_engine("small")
    yield Scorer(engine)
    engine.close()


def _gains(scorer, english):  # always_score: both passes, whatever the sentence score
    res = check_faithfulness(SOURCE, english, scorer, always_score=True)
    return {w.word: w.gain for w in res.words}, res


@pytest.mark.model
def test_an_omitted_clause_explains_its_words_less(scorer):
    full, res_full = _gains(scorer, FULL)
    omitted, res = _gains(scorer, OMITTED)
    # The sentence score: the English that drops a clause leaves more of the source unexplained.
    assert res.score > res_full.score + 0.3
    assert res.calls >= 1 and res.tokens > 0
    # Words of the dropped clause gain far less when the English leaves them out.
    for word in ("海外", "成为", "公司"):
        assert omitted[word] < full[word] - 1.0, (word, omitted[word], full[word])
    # The base pass (no English) is kept per source: the second English costs one pass, not two.
    calls = scorer.calls
    check_faithfulness(SOURCE, "Kunlun's overseas income grew.", scorer, always_score=True)
    assert scorer.calls == calls + 1


@pytest.mark.model
def test_an_invented_name_and_a_reversed_idiom_score_lower(scorer):
    # 奇点智源 rendered as an invented "Xidian AI"; 不跟…耗了 ("stop slugging it out") as "collaborate".
    src = "奇点智源不再跟字节、腾讯耗了。"
    right = check_faithfulness(
        src, "Singularity AI will stop slugging it out with ByteDance and Tencent.", scorer, always_score=True
    )
    wrong = check_faithfulness(
        src, "Xidian AI would not collaborate with ByteDance or Tencent.", scorer, always_score=True
    )
    r = {w.word: w.gain for w in right.words}
    w = {w.word: w.gain for w in wrong.words}
    assert sum(r.values()) > sum(w.values())


@pytest.mark.model
def test_check_faithfulness_cli_reports_the_omission(tmp_path):
    zh, en = tmp_path / "a.zh", tmp_path / "a.en"
    zh.write_text(SOURCE + "\n", "utf-8")
    en.write_text(OMITTED + "\n", "utf-8")
    args = ["check", "--source", str(zh), "--translation", str(en), "--lines", "--no-glossary"]
    r = CliRunner().invoke(main, [*args, "--faithfulness", "--model", "small", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    kinds = [p["kind"] for p in out["lines"][0]["problems"]]
    assert "omission" in kinds, out
    words = [p["source"] for p in out["lines"][0]["problems"] if p["kind"] == "omission"]
    assert "海外" in words, words
    strict = CliRunner().invoke(main, [*args, "--faithfulness", "--model", "small", "--strict"])
    assert strict.exit_code == 3
