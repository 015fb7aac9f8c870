"""A bound the English drops: 100多个国家 as "100 countries", 超1.1亿度 as "110 million kWh"."""

from __future__ import annotations

import pytest

from toolkit.annotate import annotate
from toolkit.checks import check_segment
from toolkit.compose.repair import repair
from toolkit.quantities import apply_fixes
from toolkit.quantities.hedges import hedge_fixes, lost_hedges

# The seed's §1¶11s2, as the whole translation shipped it (unflagged).
SEED = "昆仑万维的业务覆盖全球100多个国家和地区,2025年前三季度,海外业务收入达54亿元,同比增长58%。"
SEED_EN = (
    "Kunlun Tech's business covers 100 countries and regions, with overseas revenue reaching RMB 5.4 billion "
    "in the first three quarters of 2025, a 58% year-on-year growth."
)


def test_the_seed_sentence_loses_its_bound_and_the_repair_writes_it_back() -> None:
    [h] = lost_hedges(SEED, SEED_EN)
    assert (h.quantity.source, h.quantity.approx, h.amount.text) == ("100多个", "more than", "100")
    fixed, notes = apply_fixes(SEED_EN, hedge_fixes([h], SEED_EN))
    assert fixed.startswith("Kunlun Tech's business covers more than 100 countries and regions,")
    assert notes == ["amount 100多个: '100' → 'more than 100'"]
    assert lost_hedges(SEED, fixed) == []


@pytest.mark.parametrize(
    ("source", "english", "lost"),
    [
        # Human dev translations (wmt21 dev lines 631, 775, 959): each drops its source's bound.
        (
            "上半年发电超1.1亿度，同比增长6%。",
            "In the first half, it generated 110 million kwh, up 6%.",
            "超1.1亿度",
        ),
        ("全市已采样21万余人次。", "210,000 samples had been collected throughout the city.", "21万余人次"),
        ("其中近90%为轻症。", "Of these, 90% are mild cases.", "近90%"),
        ("天工大模型月活用户不足50万。", "Tiangong had 500,000 monthly active users.", "不足50万"),
        ("至少3人死亡。", "3 people died.", "至少3人"),
        # The seed's §2¶16s2 and §3¶9s3: a verb that bounds the figure, a multiple's 多.
        ("年经常性收入突破1亿美元。", "Annual recurring revenue was US$100 million.", "1亿美元"),
        ("其访问量是Mureka的20多倍。", "Its traffic is 20 times that of Mureka.", "20多倍"),
    ],
)
def test_a_bare_figure_for_a_bounded_one_is_found(source: str, english: str, lost: str) -> None:
    assert [h.quantity.source for h in lost_hedges(source, english)] == [lost]


@pytest.mark.parametrize(
    "english",
    [
        "In the first half, it generated over 110 million kwh.",
        "In the first half, it generated more than 110 million kwh.",
        "In the first half, its output exceeded 110 million kwh.",
        "In the first half, its output topped 110 million kwh.",
        "In the first half, it generated some 110 million kwh.",
        "In the first half, it generated 110 million-plus kwh.",
        "In the first half, it generated 110 million kwh or more.",
    ],
)
def test_a_bound_in_any_words_is_kept(english: str) -> None:
    assert lost_hedges("上半年发电超1.1亿度。", english) == []


def test_a_verb_that_bounds_the_figure_is_written_back() -> None:
    english = "Annual recurring revenue reached US$100 million."
    [h] = lost_hedges("年经常性收入突破1亿美元。", english)
    assert h.bound == "over"
    assert (
        apply_fixes(english, hedge_fixes([h], english))[0]
        == "Annual recurring revenue reached over US$100 million."
    )
    assert lost_hedges("汇率跌破1美元。", "The rate fell to $1.")[0].bound == "under"
    assert lost_hedges("年经常性收入突破1亿美元。", "Annual recurring revenue topped US$100 million.") == []


def test_only_bounds_are_held() -> None:
    # 约 is a rounding, not a bound; 以内 reads as "within" or "in" alike; 高达 ("as high as") is emphasis.
    assert lost_hedges("今年增长约14%。", "It grew 14% this year.") == []
    assert lost_hedges("3天以内完成。", "It will be done in 3 days.") == []
    assert lost_hedges("营收占比高达93.3%。", "Overseas revenue was 93.3% of the total.") == []
    # A figure the English gets wrong is the amount check's finding, not a lost bound.
    assert lost_hedges("单月流水超2000万美元。", "Monthly revenue was US$200 million.") == []


def test_after_an_article_the_bound_is_reported_not_inserted() -> None:
    english = "The technology brings a 20% gain in efficiency."
    [h] = lost_hedges("这项技术使效率提高20%以上。", english)
    assert hedge_fixes([h], english) == []


def test_check_and_repair_in_the_pipeline_functions() -> None:
    report = check_segment(SEED, SEED_EN)
    assert not report.ok
    [f] = [m for m in report.mistranslations if m.part("hedge")]
    assert (f.part("source"), f.part("english"), f.part("hedge")) == ("100多个", "100", "more than")
    assert "keep the bound" in " ".join(report.failures())
    fixed, notes = repair(annotate(SEED), SEED_EN, None)
    assert "covers more than 100 countries" in fixed and notes
    assert check_segment(SEED, fixed).ok
    # A summary is held to it too: it may leave a figure out, not state a bound as exact.
    assert not check_segment(SEED, SEED_EN, summary=True).ok


def test_an_amount_repair_keeps_the_english_bound() -> None:
    # A seed sentence translated alone: 突破1亿美元 as "exceeding $1 billion". The amount repair once wrote
    # the bare "US$100 million" over the whole span, losing the bound the English had got right.
    from toolkit.quantities import repair_english

    fixed, _ = repair_english("年经常性收入突破1亿美元。", "Annual recurring revenue exceeding $1 billion.")
    assert fixed == "Annual recurring revenue exceeding US$100 million."
    assert lost_hedges("年经常性收入突破1亿美元。", fixed) == []


def test_the_pinned_form_keeps_a_bound_the_source_gives_and_drops_one_it_does_not() -> None:
    # The seed's §2¶16s2 in its whole translation: the amount repair wrote "exceeding US$100 million" for
    # 突破1亿美元, then writing every right amount in its pinned form took the bound off again, and the
    # sentence shipped flagged. 飙升至24.5亿美元 ("soared to") bounds nothing: the English's "over" goes.
    from toolkit.annotate import annotate
    from toolkit.compose.repair import normalize_amounts

    src = annotate("估值飙升至24.5亿美元，年经常性收入突破1亿美元。")
    en = "The valuation reached over $2.45 billion, with annual recurring revenue exceeding US$100 million."
    fixed, notes = normalize_amounts(src, en)
    assert (
        fixed
        == "The valuation reached US$2.45 billion, with annual recurring revenue exceeding US$100 million."
    )
    assert len(notes) == 1
    assert lost_hedges(src.quantities, fixed, text=src.text) == []
