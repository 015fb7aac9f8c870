"""Designations (卡-52M Ka-52M, 运-20 Y-20): pinned from the prefix table, and another prefix is flagged."""

from __future__ import annotations

import pytest

from toolkit.annotate import Annotator, annotate
from toolkit.annotate.designations import find_designations, misnamed_designations
from toolkit.checks import check_segment

# Dev line 209 (the article our drafts rendered 卡-52M as Ka-52M, Su-52, card-52 and K-52M).
ALLIGATOR = "据俄《消息报》日前报道，武直卡-52M名为“超级短吻鳄”，将于2022年开始交付俄军。"


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("卡-52M", "Ka-52M"),
        ("米-28NM", "Mi-28NM"),
        ("米格-29", "MiG-29"),
        ("歼-20", "J-20"),
        ("运-20", "Y-20"),
        ("武直-10", "WZ-10"),
        ("东风41", "DF-41"),
        ("波音737MAX", "Boeing 737 MAX"),
        ("空客A320", "Airbus A320"),
    ],
)
def test_the_prefix_table_gives_the_english(zh: str, en: str) -> None:
    [d] = find_designations(f"新闻说{zh}已经交付。")
    assert (d.zh, d.en) == (zh, en)


@pytest.mark.parametrize("zh", ["西安2020年", "江苏-2号线", "中国-东盟", "卡片52张"])
def test_what_is_no_designation(zh: str) -> None:
    # A one-character prefix needs its hyphen and must not end a word (苏 of 江苏); a date is no number.
    assert find_designations(zh) == []


def test_a_designation_is_pinned() -> None:
    pins = {p.zh: (p.en, p.kind) for p in Annotator().annotate(ALLIGATOR).pins}
    assert pins["卡-52M"] == ("Ka-52M", "name")
    # Without name examination too (the check path annotates with names off).
    assert "卡-52M" in {p.zh for p in annotate(ALLIGATOR).pins}


@pytest.mark.parametrize("wrong", ["Su-52M", "card-52M", "K-52M"])
def test_another_prefix_is_a_name_the_source_does_not_give(wrong: str) -> None:
    en = f"According to Russia's Izvestia, the {wrong} attack helicopter is called the Super Alligator."
    rep = check_segment(ALLIGATOR, en)
    assert [(f.part("english"), f.part("source")) for f in rep.unsupported_names] == [(wrong, "卡-52M")]
    assert check_segment(ALLIGATOR, en.replace(wrong, "Ka-52M")).unsupported_names == []


def test_a_number_without_a_prefix_is_not_judged() -> None:
    assert misnamed_designations("波音737停飞。", "The 737 was grounded.") == []
    assert [s for _, s in misnamed_designations("波音737MAX停飞。", "The Airbus 737 MAX was grounded.")] == [
        "Airbus 737 MAX"
    ]
    assert [s for _, s in misnamed_designations("运-20首飞。", "The J-20 made its first flight.")] == ["J-20"]
