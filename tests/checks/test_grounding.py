"""Grounding: the numbers, places and names an English sentence states, held to its Chinese source.

Real news sentences: the seed brief's 全球 market written as "in the US", held-out translations that
invented a clock time for 清晨, dropped the 24-year-old and invented a speed, and made 安康 a county.
"""

from __future__ import annotations

import pytest

from toolkit.annotate import gazetteer
from toolkit.checks import check_segment
from toolkit.checks.grounding import (
    find_unsupported,
    is_pinyin,
    scope_fixes,
    source_numbers,
    unsupported_terms,
)
from toolkit.glossary import Entry, Glossary
from toolkit.quantities import find_quantities


def unsupported(zh: str, en: str, glossary: Glossary | None = None) -> list[tuple[str, str]]:
    return [(u.kind, u.english) for u in find_unsupported(zh, en, find_quantities(zh), glossary)]


SEED = "据统计，全球AI音乐市场规模从2024年的52亿美元预计增长至2034年的604.4亿美元，年复合增长率达27.8%。"


def test_a_country_where_the_source_says_global_is_unsupported_and_says_so():
    en = "The AI music market in the US is expected to grow from US$5.2 billion in 2024 to US$60.44 billion in 2034."
    (u,) = find_unsupported(SEED, en, find_quantities(SEED))
    assert (u.kind, u.english, u.source) == ("name", "US", "全球")
    assert "the source says 全球 (global)" in u.detail
    # "US$" is a currency, not a place: only the scope claim is wrong.
    assert unsupported(SEED, en.replace(" in the US", " worldwide")) == []
    assert unsupported(SEED, "The global AI music market grew to US$60.44 billion by 2034.") == []


def test_a_clock_time_for_early_morning_is_unsupported():
    zh = "这辆车在26日清晨驶离车道，撞上路边护栏。"
    en = "The car left the lane at 4:00 AM on the 26th and hit the roadside guardrail."
    (u,) = find_unsupported(zh, en, find_quantities(zh))
    assert (u.kind, u.english, u.detail) == ("number", "4:00 AM", "the source gives no clock time")
    assert unsupported(zh, "The car left the lane early on the morning of the 26th.") == []


def test_an_invented_speed_is_unsupported_and_the_age_is_grounded():
    zh = "这位24岁的驾驶员被送往医院，警方表示其有可能超速。"
    assert unsupported(zh, "The driver was driving at a speed over 100 km/h.") == [("number", "over 100")]
    assert (
        unsupported(zh, "The 24-year-old driver was taken to hospital; police said he may have sped.") == []
    )
    assert unsupported(zh, "The 42-year-old driver was taken to hospital.") == [("number", "42")]


def test_a_city_written_as_a_county_is_unsupported():
    zh = "事故发生在陕西安康岚皋县。"
    found = find_unsupported(zh, "The accident happened in An Kang County, Langao County.")
    assert [(u.kind, u.english, u.source) for u in found] == [("name", "An Kang County", "安康")]
    assert "not a county" in found[0].detail
    assert unsupported(zh, "The accident happened in Langao County, Ankang, Shaanxi.") == []


@pytest.mark.parametrize(
    "zh,en",
    [
        ("营收1200万美元。", "Revenue was US$12 million."),  # 万 converted
        ("三分之一的用户来自海外。", "One-third of the users come from overseas."),
        ("新华社北京7月26日电", "BEIJING, July 26, 2020 (Xinhua)"),  # the year of a dateline's date
        ("市场规模达2亿元。", "The market reached 200 million yuan."),
        ("两名男子被捕。", "Two men were arrested."),
        ("这是该公司首次盈利。", "It is the first time the company has made a profit."),
        ("他是最早的投资人之一。", "He was one of the earliest investors."),
        ("二十四岁的他当选。", "He was elected at 24."),
        ("增长百分之五十六。", "It grew 56 percent."),
        ("下午3点半开会。", "The meeting is at 3:30 p.m."),
        ("15时30分发生地震。", "The earthquake struck at 15:30."),
        ("价格在3-5元之间。", "Prices range from 3 to 5 yuan."),
        ("未来半年很关键。", "The next six months are crucial."),
        ("新冠疫情在5G时代。", "COVID-19 in the 5G era."),  # numbers inside names are no claims
        ("今年营收增长。", "Revenue grew in 2024."),
        # The seed's §1¶11s2: quarters of a year counted, not the fraction 3/4.
        ("2025年前三季度收入达54亿元。", "Revenue reached RMB 5.4 billion in the first three quarters."),
        (
            "有1.74亿“90后”。",
            "174 million people were born in the 1990s.",
        ),  # 今年: its year the source does not write
    ],
)
def test_conversions_the_pipeline_makes_are_grounded(zh, en):
    assert unsupported(zh, en) == []


@pytest.mark.parametrize(
    "zh,en,claim",
    [
        ("营收1200万美元。", "Revenue was US$12.5 million.", "US$12.5 million"),
        ("三分之一的用户来自海外。", "Two-thirds of the users come from overseas.", "Two-thirds"),
        ("两名男子被捕。", "Three men were arrested.", "Three"),
        ("增长百分之五十六。", "It grew 65 percent.", "65 percent"),
        ("下午3点半开会。", "The meeting is at 4 p.m.", "4 p.m."),
        ("这是第三次。", "It is the fifth time.", "fifth"),
        ("价格在3-5元之间。", "Prices are 3-8 yuan.", "3-8 yuan"),
        ("该公司成立于2015年。", "The company was founded in 2016.", "2016"),
        (
            "2025年前三季度收入达54亿元。",
            "Revenue reached RMB 5.4 billion in the first four quarters.",
            "four quarters",
        ),
        ("收入达54亿元。", "Three quarters of it, RMB 5.4 billion, came from abroad.", "Three quarters"),
    ],
)
def test_a_changed_number_is_unsupported(zh, en, claim):
    assert ("number", claim) in unsupported(zh, en)


@pytest.mark.parametrize(
    "zh,en",
    [
        (
            "中美贸易谈判代表将会面。",
            "US and Chinese trade negotiators will meet.",
        ),  # 中美: two abbreviations
        ("美方代表表示反对。", "The American representative objected."),
        (
            "九江市浔阳区发生洪水。",
            "Floods hit Xunyang District, Jiujiang, Jiangxi.",
        ),  # the province of a city
        ("德国之声报道。", "Deutsche Welle reported."),
        (
            "越南愿意就东海问题提出建议。",
            "Vietnam will make proposals on the East China Sea.",
        ),  # inside a name
        ("张伟说，这是首次。", "Zhang Wei said it was the first time."),
        ("吕金虎告诉记者。", "Lu Jinhu told this reporter."),  # ü written u
        ("岚皋县降雨。", "It rained in Langao County."),
    ],
)
def test_names_the_source_gives_are_grounded(zh, en):
    assert unsupported(zh, en) == []


@pytest.mark.parametrize(
    "zh,en,claim",
    [
        ("美方代表表示反对。", "The German representative objected.", "German"),
        ("上海的房价上涨。", "House prices rose in Shenzhen.", "Shenzhen"),
        ("他在北京工作。", "He works in Tokyo.", "Tokyo"),
        ("张伟说，这是首次。", "Wang Fang said it was the first time.", "Wang Fang"),
        ("营收增长。", "Revenue grew worldwide.", "worldwide"),
        ("美元汇率上涨。", "The exchange rate rose in the US.", "US"),  # 美 of 美元 names no country
    ],
)
def test_a_name_the_source_does_not_give_is_unsupported(zh, en, claim):
    assert ("name", claim) in unsupported(zh, en)


def test_an_organisation_of_the_glossary_needs_its_chinese():
    g = Glossary(
        [
            Entry("昆仑万维", "Kunlun Tech", domain="company"),
            Entry("新华网", "Xinhua Net", domain="media"),
            Entry("新华社", "Xinhua", domain="media"),
        ]
    )
    assert unsupported("该公司发布了新模型。", "Kunlun Tech released a new model.", g) == [
        ("name", "Kunlun Tech")
    ]
    assert unsupported("昆仑万维发布了新模型。", "Kunlun Tech released a new model.", g) == []
    # "Xinhua" inside "Xinhua Net" (新华网) names no 新华社; a term of another domain is no name.
    assert unsupported("黑土地种出现代化-新华网", "Black soil grows modernization - Xinhua Net", g) == []
    terms = Glossary([Entry("总领事馆", "Consulate General", domain="news")])
    assert unsupported("中方作出决定。", "China closed the Consulate General.", terms) == []


def test_unknown_capitalised_words_are_not_judged():
    assert unsupported("他们访问了当地的工厂。", "They visited the Acme Widget factory with Bob.") == []


def test_source_numbers_read_chinese_numerals_and_clock_times():
    n = source_numbers("二十四岁的他于晚上8点到达，带着两个箱子。")
    assert n.has(24) and n.has(2) and {8, 20} <= n.hours


def test_the_place_tables_hold_countries_provinces_cities_and_adjectives():
    index = gazetteer.english_index()
    assert index["Germany"][0].zh == "德国" and index["German"][0].zh == "德国"
    assert index["American"][0].zh == "美国" and "美方" in index["US"][0].zh_forms
    # CC-CEDICT has no 波兰人: the adjective comes from 波兰语 "Polish (language)"; 巴西's language
    # (Portuguese) is no adjective of Brazil.
    assert index["Polish"][0].zh == "波兰" and index["Greek"][0].zh == "希腊"
    assert "Portuguese" not in gazetteer.lookup("巴西").en_forms
    assert gazetteer.lookup("安康").kind == "city" and gazetteer.lookup("安康").within == "Shaanxi"
    assert gazetteer.lookup("陕西").en == "Shaanxi" and "陕" in gazetteer.lookup("陕西").zh_forms
    assert gazetteer.lookup("欧洲").en == "Europe"
    assert is_pinyin("langao") and not is_pinyin("bob")


def test_check_segment_fails_an_unsupported_claim_and_words_it_for_a_retry():
    rep = check_segment("这辆车在26日清晨驶离车道。", "The car left the lane at 4:00 AM on the 26th.")
    assert (
        not rep.ok
        and rep.failed == 1
        and rep.unsupported_numbers == ["'4:00 AM': the source gives no clock time"]
    )
    assert any("the source gives no clock time" in f for f in rep.failures())
    d = rep.to_dict()
    assert d["unsupported"] == [
        {"kind": "number", "english": "4:00 AM", "source": "", "detail": "the source gives no clock time"}
    ]
    seed = check_segment(
        SEED, "The AI music market in the US will reach US$60.44 billion by 2034.", summary=True
    )
    assert any("the source says 全球 (global)" in f for f in seed.failures())


def test_a_wrong_amount_is_one_failure_not_two():
    rep = check_segment("营收1200万美元。", "Revenue was $120 million.")
    assert rep.quantity_wrong and rep.unsupported_numbers == []


def test_the_scope_repair_writes_what_the_source_says():
    def fixed(en: str) -> str:
        ((start, end, new, _),) = scope_fixes(SEED, en)
        return en[:start] + new + en[end:]

    assert fixed("The AI music market in the US will reach US$60.44 billion.") == (
        "The global AI music market will reach US$60.44 billion."
    )
    assert (
        fixed("Sales in the US will reach US$60.44 billion.")
        == "Sales worldwide will reach US$60.44 billion."
    )
    assert fixed("The US AI music market will grow.") == "The global AI music market will grow."
    assert fixed("American sales will grow.") == "Global sales will grow."


def test_the_clock_repair_removes_the_time_and_its_preposition():
    from toolkit.checks.grounding import clock_fixes

    def fixed(zh: str, en: str) -> str:
        for start, end, new, _ in sorted(clock_fixes(zh, en), reverse=True):
            en = en[:start] + new + en[end:]
        return en

    zh = "25日晚间，此人又再一次被传讯。"
    assert (
        fixed(zh, "At 10 PM on July 25th, he was summoned again.") == "On July 25th, he was summoned again."
    )
    assert fixed(zh, "He was summoned again at 10 PM on the 25th.") == "He was summoned again on the 25th."
    assert fixed(zh, "25 PM, he was summoned again.") == "He was summoned again."
    assert clock_fixes("下午4点多他回家。", "At 7:30 PM he went home.") == []  # a wrong time: retried


@pytest.mark.parametrize(
    ("zh", "en", "claim"),
    [
        (
            "德国总理周三在柏林表示，欧盟将提供资金。",
            "The German chancellor said in Berlin on Thursday.",
            "Thursday",
        ),
        ("当地时间25日下午5时，飓风登陆。", "It landed at 5 p.m. local time on Thursday.", "Thursday"),
    ],
)
def test_a_weekday_the_source_does_not_give_is_unsupported(zh, en, claim):
    found = find_unsupported(zh, en, find_quantities(zh))
    assert [(u.kind, u.english) for u in found] == [("number", claim)]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("德国总理周三在柏林表示。", "The German chancellor said in Berlin on Wednesday."),
        ("上星期日，数千人在华沙抗议。", "Thousands protested in Warsaw last Sunday."),
        ("《星期日泰晤士报》报道了此事。", "The Sunday Times reported it."),
    ],
)
def test_a_weekday_the_source_gives_and_a_weekday_in_a_name_are_grounded(zh, en):
    assert find_unsupported(zh, en, find_quantities(zh)) == []


def test_the_place_a_claim_names_is_the_one_reported():
    (u,) = find_unsupported("德国总理在柏林表示。", "The German chancellor said in Paris.")
    assert u.detail == "the source does not name Paris (巴黎)"


def test_a_name_kept_as_written_needs_the_source_to_write_it():
    # The seed's §3¶8s3 gave 昆仑天工's results to Mureka, a dnt product of the sentences around it.
    glossary = Glossary(
        [
            Entry("Mureka", "", status="dnt", domain="product"),
            Entry("昆仑天工", "Kunlun Tiangong", domain="company"),
        ]
    )
    zh = "93.3%的海外收入占比,让昆仑天工的业绩极易受到地缘政治冲突的冲击。"
    wrong = (
        "The 93.3% share of overseas income makes Mureka's performance vulnerable to geopolitical conflicts."
    )
    (u,) = unsupported_terms(wrong, zh, glossary)
    assert (u.kind, u.english, u.detail) == ("name", "Mureka", "the source does not name Mureka")
    right = "The 93.3% share of overseas income makes Kunlun Tiangong's performance vulnerable."
    assert unsupported_terms(right, zh, glossary) == []
    # Written in the source, in any case, it is grounded.
    assert unsupported_terms(wrong, "mureka平台的业绩极易受到冲击。", glossary) == []
