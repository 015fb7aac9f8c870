"""Names from the right syllables: a romanised word must read as characters of its source."""

from __future__ import annotations

from toolkit.checks import check_segment
from toolkit.checks.grounding import find_unsupported
from toolkit.checks.grounding.syllables import misread_syllables, romanised_words


def test_a_romanised_word_no_character_reads_as_is_a_finding() -> None:
    src = "南赵与北燕交战。"
    found = find_unsupported(src, "Southern Zhao fought South Xiang and Northern Yan.")
    assert [(u.kind, u.english) for u in found] == [("name", "Xiang")]
    assert find_unsupported(src, "Nan Zhao fought Northern Yan.") == []
    assert find_unsupported(src, "Nanzhao fought Beiyan.") == []
    report = check_segment(src, "South Xiang fought Northern Yan.")
    assert not report.ok and report.unsupported_names


def test_english_words_places_and_months_are_not_romanisations() -> None:
    english = "In June the Long March reached the coast; the man said a banana costs Rio prices."
    assert [m.group(1) for m in romanised_words(english)] == []
    # Hong and Kong spell pinyin, but the place tables know Hong Kong: not a romanisation to judge.
    assert find_unsupported("六月，长征队伍到达香港。", "In June the Long March reached Hong Kong.") == []


def test_a_rendering_is_checked_against_its_own_characters() -> None:
    assert "Yi" in misread_syllables("Di Yi", "《远征》")
    assert misread_syllables("Yuanzheng", "《远征》") == []
    assert misread_syllables("Lu Xun", "吕迅") == []  # 吕 is written Lu in names


def test_a_character_of_an_ordinary_word_abbreviates_nothing() -> None:
    # The seed's §1¶2s1: the model wrote 奇点智源 as "Xidian AI". "Xi" reads 席, but 席 stands inside the
    # idiom 一席之地 ("a place of one's own"), not as an abbreviation of a place.
    src = "2023年4月,昆仑万维与奇点智源联合发布“天工大模型”,试图在百度、阿里之外,抢占中厂的一席之地。"
    english = "In April 2023, Kunlun Tech and Xidian AI jointly released the Tiangong large model."
    assert [u.english for u in find_unsupported(src, english)] == ["Xidian"]
    # A character jieba keeps in a compound name still abbreviates one (郑万高铁: 万 for Wanzhou).
    assert find_unsupported("郑万高铁开通。", "The Zhengzhou-Wanzhou line opened.") == []
