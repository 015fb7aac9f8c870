"""English that says the neighbouring sentence's words: a clause moved between the lines of one chunk."""

from __future__ import annotations

from toolkit.checks import check_segment
from toolkit.checks.audit import audit_lines
from toolkit.checks.borrowed import MIN_BORROWED, borrowed_words

# Dev lines 204–205 and 228–229 as our pipeline drafted them (a chunk of numbered lines).
ZONES = (
    "在工业区，北江省着力呼吁对电力，电子，电信设备，精密机械，辅助工业等领域中的高科技，清洁技术的投资项目。"
)
ZONES_EN = (
    "In industrial zones, Beijiang Province is urging the investment of projects in the fields of electricity, "
    "electronics, telecommunications equipment, precision mechanicals, and auxiliary industrial sectors, "
    "particularly in the fields of high-tech and clean technology."
)
CLUSTERS = (
    "在工业园区集群，该省呼吁对生产、利用就地劳动力、尤其是农产品、食品加工等领域的中小型规模投资项目。"
)
# Line 204's list again; its own 农产品 and 食品加工 nowhere.
CLUSTERS_EN = (
    "In industrial clusters, the province is calling for investments in projects in the fields of high-tech, "
    "clean technology, electrical equipment, precision machinery, and auxiliary industries."
)
CLUSTERS_RIGHT = (
    "In industrial park clusters, the province calls for small and medium-sized investment projects in "
    "production using local labour, especially agricultural products and food processing."
)
WORK = "为做好生态补水工作，河北省水利厅积极组织开展补水河流隐患排查、整治加固和河道清洁工作，细化实化措施，加强巡查管护。"
# The last clause is line 229's.
WORK_EN = (
    "To ensure the success of the ecological water replenishment work, the Hebei Province Water Resources "
    "Department carried out river hazard inspections, reinforcement and river cleaning, and refined its "
    "measures. It strengthened patrols and management to ensure the safety and order of the river water "
    "replenishment."
)
CHECKS = "通过督导检查与集中暗访，及时解决各类问题，确保了河流补水安全有序。"
CHECKS_EN = (
    "Through supervision and centralized inspections, problems were promptly resolved, and the safety and "
    "order of the river water replenishment were ensured."
)


def test_a_line_that_says_its_neighbours_list_is_a_mistranslation():
    words = borrowed_words(CLUSTERS, CLUSTERS_EN, ZONES, ZONES_EN)
    assert {en for en, _ in words} >= {"clean", "equipment", "auxiliary"}
    assert ("auxiliary", "辅助") in words
    rep = check_segment(CLUSTERS, CLUSTERS_EN, neighbours=[(ZONES, ZONES_EN)])
    assert not rep.ok and len(rep.mistranslations) == 1
    f = rep.mistranslations[0]
    assert f.part("kind") == "mistranslation" and "辅助" in f.part("source")
    # The retry is told what happened, not that its own words are mistranslated.
    assert any(
        "words of the neighbouring sentence" in x and "translate only this sentence" in x
        for x in rep.failures()
    )
    # The neighbour itself, which said its own words, is fine; so is the line rendered right.
    assert check_segment(ZONES, ZONES_EN, neighbours=[(CLUSTERS, CLUSTERS_EN)]).mistranslations == []
    assert check_segment(CLUSTERS, CLUSTERS_RIGHT, neighbours=[(ZONES, ZONES_EN)]).mistranslations == []


def test_a_clause_of_the_next_line_is_found():
    words = borrowed_words(WORK, WORK_EN, CHECKS, CHECKS_EN)
    assert {zh for _, zh in words} >= {"确保", "安全"}
    assert borrowed_words(CHECKS, CHECKS_EN, WORK, WORK_EN) == []


def test_sentences_of_one_story_share_words_without_borrowing():
    # Human translations of consecutive dev lines (231–233): Spain, the UK, the decision recur in each.
    zh = [
        "（德国之声中文网）过去两周内，西班牙的新冠确冠病例大幅回升，多日出现上千新增病例。",
        "英国政府周六（7月25日）晚间临时决定，从当地时间26日零点起，将西班牙从安全旅行名单中移除，从西班牙入境英国的人必须隔离14天。",
        "正在西班牙度假的英国游客听闻此项决定纷纷表示惊讶、担心、甚至愤怒，因为消息突如其来，令人措手不及。",
    ]
    en = [
        "(Deutsche Welle Chinese) Over the past two weeks, the number of new confirmed COVID-19 cases has risen "
        "sharply, with thousands of new cases over the past several days.",
        "The UK government issued a temporary decision on Saturday evening (July 25th) that starting on the "
        "26th, local time, Spain will be removed from the travel corridors list, and that people entering the "
        "UK from Spain must quarantine for 14 days.",
        "UK tourists on vacation in Spain expressed surprise, worry, and anger when they heard about the "
        "decision, as the sudden news caught them off guard.",
    ]
    audits = audit_lines("\n".join(zh), "\n".join(en), None)
    assert [[p for p in a.problems if p.kind == "mistranslation"] for a in audits] == [[], [], []]


def test_fewer_than_the_minimum_is_no_finding():
    # Two words of the neighbour's (equipment, precision) are what sentences of one story share.
    assert MIN_BORROWED == 3
    en = "In industrial clusters, the province calls for projects in equipment and precision work using local labour."
    assert borrowed_words(CLUSTERS, en, ZONES, ZONES_EN) == []


def test_check_lines_reads_each_line_with_its_neighbours():
    audits = audit_lines("\n".join([ZONES, CLUSTERS]), "\n".join([ZONES_EN, CLUSTERS_EN]), None)
    assert audits[0].problems == []
    assert [p.kind for p in audits[1].problems] == ["mistranslation"]
    assert "辅助" in audits[1].problems[0].source


def test_what_the_glossary_pins_is_the_sentences_own():
    # The seed's §1¶12s1 says "monthly active users" for its 月活, a word CC-CEDICT does not know and the
    # glossary pins; the sentence before says 全球月活跃用户 "monthly active users worldwide" too.
    from toolkit.glossary import Entry, Glossary

    before = (
        "作为最早布局海外的中国互联网企业之一,昆仑万维的业务覆盖全球100多个国家和地区,全球月活跃用户近4亿。",
        "As one of the earliest internet companies to enter the global market, Kunlun Tech's business covers "
        "100 countries and regions, with nearly 400 million monthly active users worldwide.",
    )
    zh = "昆仑天工的海外战略,目标明确且激进:长期计划3-5年内实现海外月活(MAU)3-5亿、日活(DAU)过亿。"
    en = (
        "Kunlun Tiangong's overseas strategy is clear and ambitious: it aims to achieve global monthly active "
        "users (MAU) of 300–500 million and daily active users (DAU) over 100 million within three to five years."
    )
    assert borrowed_words(zh, en, *before)  # by the dictionary alone: "global", "active", "users"
    g = Glossary([Entry("月活", "monthly active users"), Entry("日活", "daily active users")])
    assert check_segment(zh, en, g, neighbours=[before]).mistranslations == []
