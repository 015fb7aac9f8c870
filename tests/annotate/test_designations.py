"""Designations (卡-52M Ka-52M, 运-20 Y-20): pinned from the prefix table, and another prefix is flagged."""

from __future__ import annotations

import pytest

from toolkit.annotate import Annotator, annotate
from toolkit.annotate.designations import added_makers, find_designations, misnamed_designations
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


def test_a_designation_before_a_date_word_is_still_one() -> None:
    # Dev line 207, the headline: 卡-52M年底 ("the Ka-52M … at the end of the year").
    assert [d.en for d in find_designations("升级版俄罗斯武装直升机卡-52M年底首次出厂")] == ["Ka-52M"]


def test_a_maker_the_source_does_not_give_is_added() -> None:
    # Our draft of dev line 208: "the Russian armed helicopter (known as the Sukhoi) Ka-52".
    zh = "根据俄罗斯国防部计划，俄武装直升机卡-52的升级版卡-52M将于今年12月首次出厂。"
    en = (
        "According to the Russian Defense Ministry's plan, the upgraded version of the Russian armed helicopter "
        "(known as the Sukhoi) Ka-52, the Ka-52M, will leave the factory for the first time in December."
    )
    assert added_makers(zh, en) == ["Sukhoi"]
    rep = check_segment(zh, en)
    assert [f.part("english") for f in rep.unsupported_names] == ["Sukhoi"]
    # The maker of the source's own designation (the reference's "Kamov Ka-52M"), or one the source names.
    assert added_makers(zh, en.replace("(known as the Sukhoi) ", "Kamov ")) == []
    assert added_makers("苏霍伊公司交付了新飞机。", "Sukhoi delivered a new aircraft.") == []
    # A number of the source after the maker: 737MAX as "Boeing 737 MAX".
    assert added_makers("737MAX复飞。", "The Boeing 737 MAX returns to service.") == []
