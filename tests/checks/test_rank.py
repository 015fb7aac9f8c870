"""A deputy made the head: 副主任 as "Director" keeps the name and the office and promotes the speaker."""

from __future__ import annotations

import pytest

from toolkit.checks import check_segment
from toolkit.checks.rank import lost_ranks

# Dev line 354, shortened, as its human reference renders it; unseen news showed 副主任 shipped as "Director".
BUREAU = (
    "银川市水务局副局长丁明介绍，为改善银川城乡居民生活生产用水需求，宁夏适时启动银川都市圈城乡西线供水工程。"
)
BUREAU_REF = (
    "Ding Ming, deputy director of Yinchuan Water Affairs Bureau, said that to meet Yinchuan's demand for "
    "water, Ningxia started the western water supply project of the Yinchuan metropolitan area."
)
BUREAU_WRONG = BUREAU_REF.replace("deputy director", "director")


def test_a_lost_deputy_is_found() -> None:
    assert lost_ranks(BUREAU, BUREAU_WRONG) == ["副局长"]
    assert lost_ranks(BUREAU, BUREAU_REF) == []


@pytest.mark.parametrize(
    ("zh", "en", "lost"),
    [
        (
            "国家卫健委副主任曾益新表示。",
            "Zeng Yixin, director of the National Health Commission, said.",
            ["副主任"],
        ),
        ("副总统彭斯表示。", "President Pence said.", ["副总统"]),
        ("副总统彭斯表示。", "Vice President Pence said.", []),
        ("该馆副馆长说。", "The curator of the museum said.", ["副馆长"]),  # 馆长: by its 长
        ("该馆副馆长说。", "The assistant curator of the museum said.", []),
        # 副 is a classifier and a prefix of ordinary words too.
        ("他戴着一副眼镜。", "He wore glasses.", []),
        ("副作用很小。", "The side effects are small.", []),
    ],
)
def test_deputy_posts_and_what_is_none(zh: str, en: str, lost: list[str]) -> None:
    assert lost_ranks(zh, en) == lost


def test_a_translation_fails_a_summary_does_not() -> None:
    rep = check_segment(BUREAU, BUREAU_WRONG)
    assert [(f.part("kind"), f.part("source")) for f in rep.mistranslations] == [("mistranslation", "副局长")]
    assert rep.failures() == ["the source's 副局长 is a deputy: say so (deputy, vice), not the head"]
    assert check_segment(BUREAU, BUREAU_REF).ok
    assert check_segment(BUREAU, BUREAU_WRONG, summary=True).mistranslations == []
