"""A vague magnitude (数千万) the English states at another scale ("millions")."""

from __future__ import annotations

import pytest

from toolkit.checks import check_segment
from toolkit.checks.audit import audit_lines
from toolkit.quantities import find_quantities
from toolkit.quantities.vague import english_magnitudes, vague_mismatches

# The seed's §0 ("数千万级" shipped as "millions" in an earlier translation, unflagged).
SEED = "截至2025年底,天工大模型国内月活用户不足50万,远低于百度文心一言(数千万级)、字节豆包(近17亿)。"
SEED_WRONG = (
    "By the end of 2025, Tiangong had fewer than 500,000 monthly active users in China, far below Baidu's "
    "ERNIE Bot (millions) and ByteDance's Doubao (nearly 1.7 billion)."
)
SEED_RIGHT = SEED_WRONG.replace("(millions)", "(tens of millions)")


@pytest.mark.parametrize(
    ("english", "low"),
    [
        ("hundreds of millions of yuan", 10**8),
        ("tens of thousands of tourists", 10**4),
        ("several hundred thousand people", 10**5),
        ("a few million users", 10**6),
        ("billions of euros", 10**9),
        ("dozens of villages", 10),
        ("a multi-billion deal", 10**9),
        ("a trillion-scale model", 10**12),
        ("a hundred-billion-level model", 10**11),
        ("a ten-million level user base", 10**7),
    ],
)
def test_english_magnitudes_in_words(english: str, low: int) -> None:
    [m] = english_magnitudes(english)
    assert (m.low, m.high) == (low, low * 10)


def test_a_magnitude_ten_times_off_is_found() -> None:
    [v] = vague_mismatches(find_quantities(SEED), SEED_WRONG)
    assert (v.quantity.source, v.found.text) == ("数千万", "millions")
    assert vague_mismatches(find_quantities(SEED), SEED_RIGHT) == []


@pytest.mark.parametrize(
    ("zh", "english", "wrong"),
    [
        ("投资数十亿美元", "invested billions of dollars", False),
        ("投资数十亿美元", "invested hundreds of millions of dollars", True),
        ("吸引了数万名游客", "attracted thousands of tourists", True),
        ("吸引了数以万计的游客", "attracted tens of thousands of tourists", False),
        ("吸引了数以万计的游客", "attracted thousands of tourists", True),
        ("几十万人参加", "several hundred thousand people took part", False),
        # A figure is the grounding check's to hold to the source; one inside the range is a rendering.
        ("数百万用户", "20 million users", False),
        ("数百万用户", "over 2 million users", False),
        # 千亿级 is a class, the hundreds of billions. The seed's 双千亿级大语言模型 shipped as a
        # "double-trillion-scale large language model", unflagged.
        ("首个双千亿级大语言模型", "the first double-trillion-scale large language model", True),
        ("首个双千亿级大语言模型", "the first model with hundreds of billions of parameters", False),
        ("首个双千亿级大语言模型", "the first hundred-billion-level large language model", False),
        ("首个双千亿级大语言模型", "the first model with billions of parameters", True),
        # Left out or put in other words: not this check's to say.
        ("数千万用户", "a huge number of users", False),
    ],
)
def test_scale_against_the_source(zh: str, english: str, wrong: bool) -> None:
    assert bool(vague_mismatches(find_quantities(zh), english)) is wrong


def test_a_magnitude_another_source_quantity_explains_is_not_stray() -> None:
    # "millions" is the 数百万 of the same sentence; the 数千 is in "thousands".
    zh = "数百万用户下载了数千个应用。"
    assert vague_mismatches(find_quantities(zh), "Millions of users downloaded thousands of apps.") == []


def test_check_segment_fails_it_as_a_mistranslation_naming_both() -> None:
    rep = check_segment(SEED, SEED_WRONG)
    [f] = rep.mistranslations
    assert (f.part("source"), f.part("sense"), f.part("english")) == (
        "数千万",
        "tens of millions",
        "millions",
    )
    assert not rep.ok
    assert rep.failures() == [
        "the English says 'millions' for the source's 数千万 (tens of millions): give the source's magnitude"
    ]
    assert check_segment(SEED, SEED_RIGHT).ok
    # A summary may leave a magnitude out, never state it wrongly.
    assert check_segment(SEED, SEED_WRONG, summary=True).mistranslations


def test_check_lines_reports_it() -> None:
    [audit] = audit_lines(SEED, SEED_WRONG, None)
    assert [(p.kind, p.source, p.english) for p in audit.problems] == [
        ("mistranslation", "数千万", "millions")
    ]


def test_money_is_explained_only_by_money() -> None:
    # The seed's §2¶16s3: 单首歌就赚了数万美元 ("tens of thousands of dollars") as "millions of dollars"; the
    # sentence's 740万次 plays are a count of that scale, not money, and explain only a count.
    src = "AI歌曲《Walk My Walk》在Spotify播放量超740万次,单首歌就赚了数万美元。"
    wrong = "The AI song had over 7.4 million plays on Spotify, and each song earned millions of dollars."
    [v] = vague_mismatches(find_quantities(src), wrong)
    assert (v.quantity.source, v.found.text) == ("数万美元", "millions")
    right = wrong.replace("millions of dollars", "tens of thousands of dollars")
    assert vague_mismatches(find_quantities(src), right) == []
    fans = "The AI song had over 7.4 million plays and millions of fans; each song earned a lot."
    assert vague_mismatches(find_quantities(src), fans) == []
