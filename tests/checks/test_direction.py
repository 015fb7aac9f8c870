"""A fall read as a rise: the figures right, the sign wrong."""

from __future__ import annotations

import pytest

from toolkit.checks import check_segment
from toolkit.checks.direction import reversed_changes, reversed_ease, reversed_falls, reversed_rises

# The seed's §2¶8s5, as its whole translation shipped it (unflagged: every figure is right).
SEED = "公司预计2025年全年扣非后净利润亏损14.48亿元至20.48亿元,持续的研发投入仍是亏损的主要原因之一。"
SEED_EN = (
    "The company expects that the full-year net profit excluding non-recurring items will be between RMB "
    "1.448–2.048 billion, with the primary reason for the ongoing losses being the high R&D spending."
)


def test_the_seed_loss_given_as_a_profit_is_found() -> None:
    # "losses" in the next clause does not save it: the clause carrying the figure speaks of a profit.
    assert reversed_falls(SEED, SEED_EN) == [("亏损", "profit")]
    right = SEED_EN.replace("net profit", "net loss")
    assert reversed_falls(SEED, right) == []
    report = check_segment(SEED, SEED_EN)
    assert not report.ok
    assert "keep it a fall" in " ".join(report.failures())
    assert check_segment(SEED, right).ok


@pytest.mark.parametrize(
    ("source", "english", "found"),
    [
        ("公司净利润同比下降12%。", "The company's net profit rose 12% year on year.", True),
        ("公司净利润同比下降12%。", "The company's net profit fell 12% year on year.", False),
        ("公司净利润同比下降12%。", "Net profit was 12% lower than a year earlier.", False),
        ("公司全年亏损15.95亿元。", "The company made a profit of RMB 1.595 billion for the year.", True),
        ("公司全年亏损15.95亿元。", "The company lost RMB 1.595 billion for the year.", False),
        # "Fall between" is "lie between": the seed's retry wrote its loss as a profit that way.
        (SEED, SEED_EN.replace("will be between", "will fall between"), True),
        (
            SEED,
            SEED_EN.replace("net profit", "net loss").replace("will be between", "will fall between"),
            False,
        ),
        # A source that weighs a fall against a rise is left alone.
        ("利润下降12%，营收增长5%。", "Profit rose 12% and revenue grew 5%.", False),
        # A fall without a figure is not read ("lower the bar" is said many ways).
        ("降低门槛，吸引更多开发者。", "It raised its appeal to more developers.", False),
    ],
)
def test_a_fall_with_its_figure(source: str, english: str, found: bool) -> None:
    assert bool(reversed_falls(source, english)) is found


# The seed's §3¶11s2 and §3¶8s3, as its whole translation shipped them (both `ok` before these rules).
GAP = "昆仑天工需要持续投入研发,优化MusiCoT技术体系,提升Mureka模型的性能,进一步扩大与Suno等竞争对手的差距;"
GAP_EN = (
    "Kunlun Tiangong needs to continue to invest in research and optimize the MusiCoT technology system, "
    "improving the performance of the Mureka model, and further narrowing the gap with competitors such as Suno."
)
PRONE = "更值得警惕的是,93.3%的海外收入占比,让昆仑天工的业绩极易受到地缘政治冲突、国际贸易壁垒升级的冲击"
PRONE_EN = (
    "The high proportion of overseas income (93.3%) makes it difficult for Mureka's performance to be "
    "affected by geopolitical conflicts and trade barriers."
)


def test_the_seed_gap_widened_written_as_narrowed_is_found() -> None:
    # "improving" (提升) in the same sentence does not save it: the gap's own verb is read.
    (r,) = reversed_changes(GAP, GAP_EN)
    assert (r.zh, r.noun, r.said, r.rendering) == ("扩大", "差距", "narrowing", "gap")
    assert reversed_changes(GAP, GAP_EN.replace("narrowing", "widening")) == []
    report = check_segment(GAP, GAP_EN)
    assert any("turned the other way" in f for f in report.failures())
    assert not check_segment(GAP, GAP_EN.replace("narrowing", "widening")).mistranslations


def test_the_seed_prone_written_as_difficult_is_found() -> None:
    assert [(r.zh, r.said) for r in reversed_ease(PRONE, PRONE_EN)] == [("极易", "difficult")]
    right = PRONE_EN.replace("makes it difficult for", "leaves").replace("to be affected", "highly exposed")
    assert reversed_ease(PRONE, right) == []
    assert "keep its direction" in " ".join(check_segment(PRONE, PRONE_EN).failures())


@pytest.mark.parametrize(
    ("source", "english", "found"),
    [
        # The noun before its verb (差距扩大): its English read on both sides.
        ("城乡收入差距扩大。", "The urban-rural income gap narrowed.", True),
        ("城乡收入差距扩大。", "The urban-rural income gap widened.", False),
        # jieba glues the verb to its noun (加强监督) or adverb (大幅提高): still read.
        ("专项整治将依规加强监督检查。", "The campaign will weaken supervision and inspection.", True),
        ("公司大幅提高研发投入。", "The company sharply cut its research investment.", True),
        ("公司大幅提高研发投入。", "The company sharply raised its research investment.", False),
        # A compound CC-CEDICT lacks is read by its tail: 党的领导 → 领导 "leadership".
        ("要加强党的领导。", "It is necessary to weaken the leadership of the Party.", True),
        # A source that changes things both ways is not read (English reorders clauses).
        ("降低农业投入，提高农机作业水平。", "It reduced farm machinery inputs and raised standards.", False),
        # A "not" beside the noun, or a clause break between, and the English word is not the verb's.
        ("要加强监督。", "Supervision must not be reduced.", False),
        ("要加强监督。", "Supervision, which had been cut, will be stepped up.", False),
    ],
)
def test_a_change_verb_and_its_noun(source: str, english: str, found: bool) -> None:
    assert bool(reversed_changes(source, english)) is found


@pytest.mark.parametrize(
    ("source", "english", "found"),
    [
        (
            "今年上半年完成发电量1.1亿度，较2019年同期增长6%。",
            "It generated 110 million kWh, a decrease of 6% from 2019.",
            True,
        ),
        (
            "今年上半年完成发电量1.1亿度，较2019年同期增长6%。",
            "It generated 110 million kWh, an increase of 6% from 2019.",
            False,
        ),
        # Not a fall outright: "not less than 6%" qualifies the rise.
        ("收入增长6%。", "Revenue grew by not less than 6%.", False),
        # A source that also speaks of a fall is left alone.
        ("收入增长6%，利润下降3%。", "Revenue fell 6% and profit fell 3%.", False),
    ],
)
def test_a_rise_with_its_figure(source: str, english: str, found: bool) -> None:
    assert bool(reversed_rises(source, english)) is found


@pytest.mark.parametrize(
    ("source", "english", "found"),
    [
        ("这类设备极易受潮。", "Such equipment is difficult to get damp.", True),
        ("这类设备极易受潮。", "Such equipment is easily damaged by damp.", False),
        # The English "hard" renders another word of the source (硬 "hard"), or the source says hard too.
        ("这种木头很硬，容易开裂。", "This wood is hard and cracks.", False),
        ("这种木头容易开裂。", "This wood is hard to crack.", True),
        ("说起来容易做起来难。", "Easier said than done; doing it is hard.", False),
        # A negation on either side is another matter (the negation rule reads it).
        ("这并不容易。", "This is difficult.", False),
    ],
)
def test_easily_written_as_difficult(source: str, english: str, found: bool) -> None:
    assert bool(reversed_ease(source, english)) is found


def test_the_english_beside_a_noun_is_read_once_however_often_the_verb_recurs(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A long text repeats its verbs and nouns: reading every rendering once per verb made the rule quadratic.
    from toolkit.checks import direction

    calls = 0
    near = direction._near

    def counting(*args):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return near(*args)

    monkeypatch.setattr(direction, "_near", counting)
    counts = []
    for reps in (1, 40):
        calls = 0
        found = reversed_changes("进一步扩大差距。" * reps, "It further narrowed the gap. " * reps)
        assert [(r.zh, r.noun, r.said) for r in found] == [("扩大", "差距", "narrowed")]
        counts.append(calls)
    # Two sides of each of the reps renderings of "gap": once, not once per verb (40 × 40 × 2).
    assert counts == [2, 2 * 40]
