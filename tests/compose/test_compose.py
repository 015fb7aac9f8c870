"""What translation and brief share: pins merged and written in, one reading of a numbered answer, the
deterministic repairs (the invented weekday among them, run once)."""

from __future__ import annotations

import pytest

from toolkit.annotate import Pin, annotate
from toolkit.compose.numbered import parse_numbered
from toolkit.compose.pins import inline_pins, merge_pins
from toolkit.compose.repair import repair


def test_merged_pins_keep_each_source_string_once_first_wins():
    a = [Pin("中厂", "mid-size vendor", "term"), Pin("天工", "天工", "dnt")]
    b = [Pin("中厂", "other", "term"), Pin("1200万美元", "US$12 million", "amount")]
    assert [p.en for p in merge_pins([a, b])] == ["mid-size vendor", "天工", "US$12 million"]


def test_inline_pins_write_listed_pins_only():
    pins = [Pin("天工", "天工", "dnt"), Pin("1200万美元", "US$12 million", "amount")]
    assert inline_pins("天工营收1200万美元。", pins) == "天工营收 US$12 million 。"


@pytest.mark.parametrize(
    ("text", "n", "want"),
    [
        # Both stages' answers: a summary's missing number is a hole, a translation's hole splits its chunk.
        ("1. First.\n2. Second.", 2, ["First.", "Second."]),
        (
            "Here you go:\n1. First claim.\n**2.** Second claim\n3) Third.\n",
            3,
            ["First claim.", "Second claim", "Third."],
        ),
        ("1. only one", 2, ["only one", None]),
        ("1. One,\ncontinued.\n2. Two.", 2, ["One, continued.", "Two."]),
        ("Just a sentence.", 1, ["Just a sentence."]),
        ("Chatter before the numbers\n1. One.\n2. Two.", 2, [None, None]),
        ("", 2, [None, None]),
    ],
)
def test_one_reading_of_a_numbered_answer(text, n, want):
    assert parse_numbered(text, n) == want


def test_the_weekday_repair_runs_in_repair_unless_the_caller_ran_it():
    ann = annotate("当地时间25日下午5时，飓风登陆。")
    english = "It struck at 5 PM local time on Thursday, bringing rain."
    fixed, notes = repair(ann, english, None)
    assert fixed == "It struck at 5 PM local time on the 25th, bringing rain." and len(notes) == 1
    assert repair(ann, english, None, weekday=False) == (english, [])
