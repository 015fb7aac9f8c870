"""Reading articles: decoding, normalization, boilerplate, sections, sentences."""

from __future__ import annotations

import codecs
import json
import os
import re

import pytest

from tests.conftest import CORPUS, SEED
from toolkit.errors import InputError
from toolkit.ingest import (
    decode,
    fold_widths,
    parse_text,
    read_article,
    split_sentences,
    strip_boilerplate,
)

SEED_HEADINGS = ["从通用到海外", "中厂AI生存困局", "海外赌局", "结语"]
BOILERPLATE_STRINGS = ["![]()", "出品I", "撰文I", "[superscript:", "特别声明", "Notice: The content above"]


def test_seed_sections_and_lede(seed_article):
    a = seed_article
    assert a.sections[0].heading is None and a.sections[0].paragraphs, "the lede comes first"
    assert [s.heading for s in a.sections[1:]] == SEED_HEADINGS
    assert a.title.startswith("2026年2月,昆仑万维在Mureka V8")
    assert a.encoding == "utf-8" and a.script == "simplified" and a.format == "text"


def test_seed_boilerplate_removed_and_reported(seed_article):
    dump = json.dumps(seed_article.to_dict(), ensure_ascii=False)
    body = seed_article.text + seed_article.title
    for s in BOILERPLATE_STRINGS:
        assert s not in body
    kinds = {r.pattern for r in seed_article.removed}
    assert kinds == {"image", "byline", "superscript", "disclaimer", "disclaimer-en"}
    assert "撰文I胡不知" in dump  # reported, not silently dropped


def test_nothing_else_lost(seed_article):
    """Every non-boilerplate character of the source is somewhere in the Article."""
    raw = SEED.read_text(encoding="utf-8")
    for r in seed_article.removed:
        raw = raw.replace(r.text, "", 1)
    squash = lambda t: re.sub(r"\s+", "", t)  # noqa: E731
    assert squash(seed_article.text) == squash(raw)


def test_seed_as_gb18030_gives_identical_sections(tmp_path, seed_article):
    p = tmp_path / "seed-gb.txt"
    p.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    a = read_article(p)
    assert a.encoding == "gb18030"
    assert [s.to_dict() if hasattr(s, "to_dict") else s for s in a.sections] == seed_article.sections


@pytest.mark.parametrize(
    "encoding,expected",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16-le"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
        ("big5", "big5"),
    ],
)
def test_decoding_detected(encoding, expected):
    text = "鸿海集团宣布扩大电动车产能。\n合作伙伴\n分析师认为短期内仍难以获利。\n"
    if encoding == "big5":
        import opencc

        text = opencc.OpenCC("s2tw").convert(text)
    decoded, enc = decode(text.encode(encoding))
    assert enc == expected
    assert decoded.lstrip("\ufeff") == text


def test_utf16_big_endian_bom():
    data = codecs.BOM_UTF16_BE + "中厂的生存困局".encode("utf-16-be")
    text, enc = decode(data)
    assert text == "中厂的生存困局" and enc == "utf-16-be"


def test_crlf_and_cr_line_ends():
    for nl in ("\r\n", "\r"):
        a = parse_text(nl.join(["标题在这里", "第一段内容。", "小标题", "第二段内容。"]))
        assert [s.heading for s in a.sections] == [None, "小标题"]
        assert a.title == "标题在这里"


def test_corpus_samples():
    trad = read_article(CORPUS / "samples" / "tw-semiconductor-traditional.txt")
    assert trad.script == "traditional"
    assert trad.title == "台积电先进制程扩产 AI晶片需求续强"
    assert trad.title_original.startswith("台積電")
    assert [s.heading for s in trad.sections[1:]] == ["产能布局", "风险与挑战"]
    first = next(trad.sentences())
    assert first.original.startswith("台積電在法說會上") and first.text.startswith("台积电在法说会上")

    big5 = read_article(CORPUS / "samples" / "foxconn-ev-big5.txt")
    assert big5.encoding == "big5" and big5.script == "traditional"
    assert big5.sections[1].heading == "合作伙伴"

    gb = read_article(CORPUS / "samples" / "appliance-exports-gb18030.txt")
    assert gb.encoding == "gb18030" and gb.title == "家电企业加速布局海外市场"

    md = read_article(CORPUS / "samples" / "ev-price-war.md")
    assert md.format == "markdown" and md.title == "新能源车价格战进入第三年"
    assert [s.heading for s in md.sections[1:]] == ["一、谁在降价", "二、利润承压", "三、出海成为新出路"]
    # A hard-wrapped Markdown paragraph is one paragraph.
    assert md.sections[0].paragraphs[0].text.endswith("部分车型降幅超过3万元。")

    html = read_article(CORPUS / "samples" / "cloud-ai-pricing.html")
    assert html.format == "html" and html.title == "云厂商大模型降价潮"
    assert [s.heading for s in html.sections[1:]] == ["价格战背后的逻辑", "中小厂商的压力"]
    assert "统计代码" not in html.text and "trackPage" not in html.text and "font-family" not in html.text
    assert "“调用量才是真正的护城河。”" in html.text


@pytest.mark.parametrize(
    "lines,headings",
    [
        (
            ["导语一句。", "一、市场概况", "内容。", "二、竞争格局", "内容。"],
            ["一、市场概况", "二、竞争格局"],
        ),
        (
            ["导语一句。", "（一）收入结构", "内容。", "（二）成本", "内容。"],
            ["（一）收入结构", "（二）成本"],
        ),
        (["导语一句。", "第一章 起源", "内容。", "第二章 扩张", "内容。"], ["第一章 起源", "第二章 扩张"]),
        (["导语一句。", "海外赌局", "内容。"], ["海外赌局"]),
    ],
)
def test_heading_styles(lines, headings):
    a = parse_text("\n".join(["一个标题", *lines]))
    assert [s.heading for s in a.sections if s.heading] == headings


def test_markdown_heading_levels():
    a = parse_text("# 总标题\n\n导语。\n\n## 第一部分\n\n正文。\n\n### 细节\n\n更多正文。\n", fmt="markdown")
    assert a.title == "总标题" and [s.heading for s in a.sections[1:]] == ["第一部分", "细节"]


def test_not_a_heading_when_punctuated_or_long():
    a = parse_text("标题\n导语。\n这是一个问题吗?\n内容。\n" + "很长" * 20 + "\n内容。")
    assert all(s.heading is None for s in a.sections)


def test_sentence_ids_are_stable_and_unique(seed_article):
    ids = [s.id for s in seed_article.sentences()]
    assert len(ids) == len(set(ids))
    assert ids[0] == "§0¶1s1"
    assert seed_article.sentence("§2¶1s1").text.startswith("昆仑天工的战略转向")
    assert all(re.fullmatch(r"§\d+¶\d+s\d+", i) for i in ids)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("营收达2.4亿元。同比增长59.5%。", ["营收达2.4亿元。", "同比增长59.5%。"]),
        ("计划3-5年内实现3-5亿用户。随后扩张。", ["计划3-5年内实现3-5亿用户。", "随后扩张。"]),
        ("他说:“我们不玩了。我们去海外。”然后离开。", ["他说:“我们不玩了。我们去海外。”", "然后离开。"]),
        ("Mureka V8击败Suno V5。真的吗?是的!", ["Mureka V8击败Suno V5。", "真的吗?", "是的!"]),
        ("为什么？！没有答案……", ["为什么？！", "没有答案……"]),
        ("他问“为什么？”大家沉默。", ["他问“为什么？”", "大家沉默。"]),
        ("Revenue grew 3.5 percent. Costs fell.", ["Revenue grew 3.5 percent.", "Costs fell."]),
        ("收缩至医疗AI;月之暗面聚焦Agent。", ["收缩至医疗AI;", "月之暗面聚焦Agent。"]),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_fold_widths():
    assert fold_widths("ＡＩ公司２０２５年增长３０％，ｍｕｒｅｋａ") == "AI公司2025年增长30%，mureka"


def test_boilerplate_is_extensible():
    import re as _re

    from toolkit.ingest import BOILERPLATE, Boilerplate

    extra = [*BOILERPLATE, Boilerplate("promo", _re.compile(r"点击关注.*"), "line")]
    kept, removed = strip_boilerplate(["正文。", "点击关注我们"], extra)
    assert kept == ["正文。", ""] and removed[0].pattern == "promo"


def test_traditional_script_boilerplate_is_removed_and_reported_as_the_simplified():
    # The rules are written in simplified script; a Taiwanese or Hong Kong page's 編輯：… and 特別聲明：…
    # are the same boilerplate, and the removed text is reported as it stood.
    lines = [
        "台北市長今天宣布新的公車路線調整計畫。",
        "編輯：王小明",
        "特別聲明：以上內容僅代表作者本人觀點。",
        "責任編輯｜李大華",
    ]
    kept, removed = strip_boilerplate(lines)
    assert kept == ["台北市長今天宣布新的公車路線調整計畫。", "", "", ""]
    assert [(r.pattern, r.text) for r in removed] == [
        ("byline", "編輯：王小明"),
        ("disclaimer", "特別聲明：以上內容僅代表作者本人觀點。"),
        ("byline", "責任編輯｜李大華"),
    ]


def test_notices_under_a_story_are_removed_by_their_shape_and_sentences_about_them_stay():
    # A Taiwanese story on a suicide closes with the site's helpline notice; a paywalled item with a
    # membership prompt addressed to the reader; a news item with its end mark. Sentences that only speak of
    # such things are the story.
    lines = [
        "北市士林區一處民宅發生不幸事件。",
        "★中時電子報關心您：再給自己一次機會",
        "自殺諮詢專線：0800-788995（24小時）",
        "生命線：1995",
        "張老師專線：1980",
        "您所瀏覽的新聞已過查詢時效。建議您加入中央社付費會員找尋您要的新聞。",
        "(中時 )",
        "（完）",
        "（一）",
        "生命线协会表示，今年上半年热线来电增加了两成。",
        "奈飞付费会员数量达2.2亿，成为全球最大的流媒体平台。",
    ]
    kept, removed = strip_boilerplate(lines)
    assert kept == [lines[0]] + [""] * 7 + lines[8:]
    assert [r.pattern for r in removed] == ["helpline"] * 4 + ["paywall", "endmark", "endmark"]


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50, "binary"),
        (b"Just an English memo.\n", "no Chinese"),
        (b"\xff\xfe\x00", "utf-16"),
    ],
)
def test_bad_inputs(tmp_path, data, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_article(p)


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_article(tmp_path)


# --- odd inputs (issue 16) -------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_decoded_not_called_binary(codec):
    text = "鸿海集团宣布扩大电动车产能。\n合作伙伴\n分析师认为2025年仍难以获利。\n"
    decoded, enc = decode(text.encode(codec))
    assert decoded == text and enc == f"{codec} (no BOM)"
    # Pure Chinese without one ASCII character has no zero byte: it is never mistaken for binary either.
    assert decode("鸿海集团宣布扩大产能。".encode(codec))[0] != ""


def test_real_binary_with_zero_bytes_is_still_binary():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\x02\x03" * 40)


JAPANESE = "東京の天気は晴れです。今日はとても暑いので、水をたくさん飲んでください。私たちは新しいプロジェクトを始めました。"


def test_japanese_is_refused_by_name_and_never_converted():
    with pytest.raises(InputError, match=r"reads as Japanese.*kana"):
        parse_text(JAPANESE)
    with pytest.raises(InputError, match=r"reads as Korean.*Hangul"):
        parse_text("오늘 서울의 날씨는 맑습니다. 우리는 새 프로젝트를 시작했습니다. 中国")


def test_a_chinese_article_quoting_a_little_japanese_still_reads(seed_article):
    text = SEED.read_text("utf-8") + "\n他在东京说：「みんなで頑張りましょう」，意思是大家一起加油。\n"
    a = parse_text(text)
    assert a.script == seed_article.script and len(a.sections) == len(seed_article.sections)
    # The katakana middle dot of transliterated names is Chinese usage, not Japanese.
    assert parse_text("乔治・华盛顿是美国第一任总统。约翰・亚当斯是第二任。").title


def test_an_unclosed_h1_does_not_swallow_the_page():
    html = "<html><body><h1>中厂AI生存困局<p>第一段内容在这里。</p><p>第二段内容在这里。</p></body></html>"
    a = parse_text(html, fmt="html")
    assert a.title == "中厂AI生存困局"
    assert [s.text for s in a.sentences()] == ["第一段内容在这里。", "第二段内容在这里。"]
    # An unclosed heading followed by bare text: that text is the body, not one long title.
    bare = "<h1>标题" + "这是正文的一句话。" * 40
    b = parse_text(bare, fmt="html")
    assert len(list(b.sentences())) > 30


def test_a_page_with_no_body_text_is_an_error_not_an_empty_article():
    with pytest.raises(InputError, match="no body text"):
        parse_text("<html><body><h1>只有标题</h1></body></html>", fmt="html")
    with pytest.raises(InputError, match="no body text"):
        parse_text("# 只有标题\n", fmt="markdown")


def test_a_huge_first_line_gives_a_short_title():
    from toolkit.ingest import TITLE_MAX

    a = parse_text("这是一个没有标点的很长的句子" * 20000)
    assert len(a.title) == TITLE_MAX and a.title.endswith("…") and len(a.title_original) == TITLE_MAX
    assert sum(len(s.text) for s in a.sentences()) == 14 * 20000  # the body keeps every character


def test_reads_are_bounded_whatever_the_source(tmp_path):
    from toolkit.ingest import read_bytes

    with pytest.raises(InputError, match=r"/dev/zero: more than 1,000 bytes"):
        read_bytes("/dev/zero", limit=1000)
    big = tmp_path / "big.txt"
    big.write_bytes("中".encode() * 400)
    with pytest.raises(InputError, match="1,200 bytes is too large"):
        read_bytes(big, limit=1000)
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="is a FIFO, not a regular file"):
        read_bytes(fifo, regular_only=True)  # batch: refused without opening it (no writer: would block)
