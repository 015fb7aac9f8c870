"""A country the source names and the English leaves out: an omission found without a model."""

from __future__ import annotations

import pytest

from toolkit.checks import check_segment
from toolkit.checks.omitted import omitted_places
from toolkit.glossary import Entry, Glossary

# Real news sentences (the kinds of the development lines), each with an English that leaves the country out.
LEFT_OUT = [
    (
        # 巴西利亚 (Brasilia) in the dateline does not excuse the 巴西 of 巴西卫生部.
        "巴西利亚7月25日电 巴西卫生部25日宣布，全国新增确诊病例超过5万例。",
        "Brasilia, July 25 -- The Ministry of Health announced on the 25th that over 50,000 new cases were confirmed.",
        ("巴西", "Brazil"),
    ),
    (
        "过去两周内，西班牙的新冠确诊病例大幅回升，多日出现上千新增病例。",
        "Over the past two weeks, the number of new confirmed COVID-19 cases has risen sharply.",
        ("西班牙", "Spain"),
    ),
    (
        "美方要求中国关闭驻休斯敦总领馆，违反国际法。",
        "The US demanded the closure of the Consulate General in Houston, in violation of international law.",
        ("中国", "China"),
    ),
    (
        # The state the country qualifies is not named either.
        "飓风“汉娜”登陆美国得克萨斯州，将带来强风暴雨。",
        "Hurricane Hanna made landfall, bringing strong winds and rain.",
        ("美国", "United States"),
    ),
    (
        # A region the place tables do not know does not carry its country.
        "其设计原理类似于中国西北地区农村使用的太阳灶。",
        "The design is similar to the solar stoves used in northwestern rural areas.",
        ("中国", "China"),
    ),
    (
        # A title with no name after it: nothing else says whose president.
        "法国总统宣布，法国空军内部将成立太空军事指挥部。",
        "The president announced that a space command would be set up within the air force.",
        ("法国", "France"),
    ),
]


@pytest.mark.parametrize(("zh", "en", "missing"), LEFT_OUT)
def test_a_country_left_out_is_an_omission(zh, en, missing):
    assert omitted_places(zh, en) == [missing]
    # With the glossary the annotation names 巴西利亚 too, a longer name that holds 巴西.
    rep = check_segment(zh, en, Glossary([Entry("巴西利亚", "Brasilia")]))
    assert not rep.ok and [f.part("source") for f in rep.omissions] == [missing[0]]
    assert f"{missing[0]} ({missing[1]}) not rendered" in rep.omissions
    # The retry is told which word to render.
    assert any(f"{missing[0]} ({missing[1]}) is not rendered" in f for f in rep.failures())


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        # Any form of the place counts: its name, short form, the table's adjective, a regular adjective.
        (
            "巴西总统博索纳罗25日宣布检测结果呈阴性。",
            "Brazilian President Bolsonaro said on the 25th he tested negative.",
        ),
        ("美方要求中国关闭总领馆。", "Washington asked the Chinese side to close the consulate."),
        ("委内瑞拉副总统转发了这条推文。", "The Venezuelan Vice President retweeted it."),
        ("波兰将退出条约。", "The Polish government will leave the treaty."),
        # A site named after the country.
        ("来源：中国新闻网 作者：岳川", "Source: chinanews.com Author: Yue Chuan"),
        # A country that qualifies a person's name, through a title or none, or a work's in 《》: the name
        # carries it.
        ("巴西总统博索纳罗25日宣布检测结果呈阴性。", "Bolsonaro said on the 25th he tested negative."),
        ("美国总统特朗普周一表示将访问日本。", "President Trump said on Monday he would visit Japan."),
        (
            "中国国家主席习近平同德国总理默克尔通电话。",
            "President Xi Jinping spoke to Angela Merkel by phone.",
        ),
        ("美国总统唐纳德·特朗普去年2月下令。", "Donald Trump gave the order in February last year."),
        ("据英国《卫报》报道，该店已关闭。", "According to The Guardian, the shop has closed."),
        # A place the tables know, named in the English; a time zone.
        ("飓风“汉娜”登陆美国得克萨斯州。", "Hurricane Hanna made landfall in Texas."),
        (
            "美国东部时间25日下午5时，飓风登陆。",
            "The hurricane made landfall at 5 p.m. Eastern Time on the 25th.",
        ),
    ],
)
def test_a_country_named_in_any_form_is_not_an_omission(zh, en):
    assert omitted_places(zh, en) == []
    assert check_segment(zh, en).omissions == []


def test_what_is_not_a_country_of_the_source():
    # 纽埃 (Niue) is what jieba finds inside the transliterated 埃马纽埃尔·马克龙.
    zh = "法国总统埃马纽埃尔·马克龙去年7月宣布，法国空军将成立太空军事指挥部。"
    assert omitted_places(zh, "French President Emmanuel Macron announced a space command last July.") == []
    # An abbreviation (美 of 中美) is no full name: the side, not always the country.
    assert omitted_places("中美关系面临严峻挑战。", "Relations face severe challenges.") == []
    # A country inside a glossary term is the term check's business.
    g = Glossary([Entry("中国外交部", "Foreign Ministry")])
    assert check_segment("中国外交部发言人说。", "A Foreign Ministry spokesperson said.", g).omissions == []


def test_a_summary_may_leave_a_country_out():
    zh, en, _ = LEFT_OUT[0]
    assert check_segment(zh, en, summary=True).omissions == []
