"""A fall read as a rise: the figures right, the sign wrong."""

from __future__ import annotations

import pytest

from toolkit.checks import check_segment
from toolkit.checks.direction import reversed_falls

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
        # A source that weighs a fall against a rise is left alone.
        ("利润下降12%，营收增长5%。", "Profit rose 12% and revenue grew 5%.", False),
        # A fall without a figure is not read ("lower the bar" is said many ways).
        ("降低门槛，吸引更多开发者。", "It raised its appeal to more developers.", False),
    ],
)
def test_a_fall_with_its_figure(source: str, english: str, found: bool) -> None:
    assert bool(reversed_falls(source, english)) is found
