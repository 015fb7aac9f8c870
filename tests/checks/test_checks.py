"""Checks on English output: leaks, loops, runaway, terms, amounts, and the report arithmetic."""

from __future__ import annotations

import pytest

from toolkit.annotate import Annotation, Pin
from toolkit.checks import QualityReport, check_segment, find_leaks, find_repetition, is_runaway
from toolkit.glossary import Entry, Glossary


def test_leaks_found_and_dnt_allowed():
    assert find_leaks("Tian工 entered the 赛道 early") == ["工", "赛道"]
    assert find_leaks("The 天工 model", allow=["天工"]) == []
    # Full-width and CJK punctuation is Chinese too: one definition (toolkit.cjk) for the retry decision,
    # the quality block and the decoder's filter.
    assert find_leaks("Revenue grew，fast。") == ["，", "。"]
    assert find_leaks("Kunlun Tech’s “Tiangong” — 12 million") == []


def test_a_fullwidth_comma_fails_the_check_that_decides_a_retry():
    # Drafting used to check Han ideographs only and the quality block any CJK character, so a draft with
    # "，" passed drafting and then failed the report.
    rep = check_segment("营收增长。", "Revenue grew，fast.")
    assert rep.leaks == ["，"] and not rep.ok
    assert check_segment("营收增长。", "Revenue grew，fast.", summary=True).leaks == ["，"]


@pytest.mark.parametrize(
    "text",
    [
        "the the the the company",
        "Revenue grew and the company grew and the company grew and the company grew and the company",
        "It is a good model. It is a good model. It is a good model. It is a good model.",
        "Wow!!!!!!!!!!!!",
    ],
)
def test_repetition_loops_caught(text):
    assert find_repetition(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "The company, which the company founded, had that that problem.",
        "Revenue reached US$12 million, up 30% year on year, and users passed 1 million.",
        "He said no, no, no.",
        "Population 100000000 people.",
        "",
    ],
)
def test_ordinary_prose_is_not_a_loop(text):
    assert find_repetition(text) is None


def test_runaway_by_finish_reason_and_by_length():
    assert is_runaway("你好", "Hello", "length")
    assert not is_runaway("你好", "Hello", "stop")
    assert is_runaway("你好", "word " * 100)
    assert not is_runaway(
        "昆仑万维去年营收达1200万美元。" * 3, "Kunlun Tech had revenue of US$12 million. " * 3
    )


def test_amounts_wrong_and_ok():
    src = "昆仑万维去年营收达1200万美元。"
    bad = check_segment(src, "Kunlun Tech had revenue of $120 million last year.")
    assert bad.quantities == 1 and bad.quantities_ok == 0 and not bad.ok
    assert "US$12 million" in bad.quantity_wrong[0] and "$120 million" in bad.quantity_wrong[0]
    assert any("1200万美元" in f for f in bad.failures())
    good = check_segment(src, "Kunlun Tech had revenue of US$12 million last year.")
    assert good.ok and good.fidelity == 1.0


def test_missing_amount_flagged():
    rep = check_segment("营收达1200万美元。", "Revenue was strong.")
    assert rep.quantity_missing and not rep.ok


def test_terms_pinned_and_forbidden():
    g = Glossary([Entry("中厂", "mid-size vendor", forbid=["medium factory"])])
    src = "中厂在大模型上投入不足。"
    ok = check_segment(src, "Mid-size vendors invest too little in large models.", g)
    assert ok.term_occurrences == 1 and ok.term_hits == 1 and ok.ok
    bad = check_segment(src, "The medium factory invests too little.", g)
    assert bad.term_misses == ["中厂 → 'mid-size vendor'"]
    assert bad.forbidden_found == ["medium factory"]
    assert bad.term_adherence == 0.0 and not bad.ok


def test_empty_output_is_a_failure():
    rep = check_segment("今天天气很好。", "  ")
    assert rep.empty == 1 and not rep.ok
    assert "the translation was empty" in rep.failures()


def test_name_misses_reported_but_not_failures():
    ann = Annotation("岚皋县很美。", pins=[Pin("岚皋县", "Langao County", "name")])
    rep = check_segment(ann, "Langao is beautiful.")
    assert rep.name_occurrences == 1 and rep.name_misses and rep.ok


def test_reports_add_up():
    a = check_segment("营收达1200万美元。", "Revenue reached US$12 million.")
    b = check_segment("营收达1200万美元。", "Revenue reached $120 million.")
    c = check_segment("今天天气很好。", "Today 天气 is good.")
    total = QualityReport.total([a, b, c])
    assert total.segments == 3
    assert (total.quantities, total.quantities_ok) == (2, 1)
    assert total.fidelity == 0.5
    assert total.leaks == ["天气"]
    d = total.to_dict()
    assert d["quantity_fidelity"] == 0.5 and d["ok"] is False and len(d["failures"]) == 2
    assert "amounts 1/2 (50%)" in total.summary()


def test_term_used_fewer_times_than_the_source_has_it():
    g = Glossary([Entry("得州", "Texas")])
    rep = check_segment("飓风登陆得州，得州州长说。", "The hurricane hit Texas, the governor said.", g)
    assert rep.term_occurrences == 2 and rep.term_hits == 1
    assert rep.term_misses == ["得州 → 'Texas' (needed 2 times, used 1)"]
