"""The annotation stage: one reading of each sentence (terms, quantities, names, pins) for every later stage."""

from __future__ import annotations

from toolkit.annotate import Annotator, Pin, annotate, make_pins
from toolkit.annotate.names import examine_names, find_names, person_name, pinyin_word, place_name
from toolkit.glossary import Entry, Glossary
from toolkit.segment import Segmenter

# --- names ------------------------------------------------------------------------------------------------


def test_place_and_person_names_in_pinyin():
    assert place_name("岚皋县") == "Langao County"
    assert place_name("安康市") == "Ankang City"
    assert place_name("陕西省") == "Shaanxi Province"
    assert place_name("北京市") == "Beijing"
    # A bare place is pinned only from the gazetteer or CEDICT, in its established English.
    assert place_name("北京") == "Beijing" and place_name("西安") == "Xi'an"
    assert place_name("巴西利亚") == "Brasilia"
    # Ordinary phrases jieba tags as places.
    assert place_name("大省") is None and place_name("各市县") is None
    assert place_name("大同市") == "Datong City"
    assert person_name("方晗") == "Fang Han"
    assert person_name("欧阳修") == "Ouyang Xiu"
    assert person_name("单雄信") == "Shan Xiongxin"
    assert person_name("马斯克") is None  # Musk: a transliteration, not a Chinese name
    assert pinyin_word("西安") == "Xi'an"


def test_find_names_skips_glossary_terms_and_reports_the_rest():
    seg = Segmenter()
    names = find_names("陕西省安康市岚皋县副县长方晗说，新华社记者在北京。", seg, known=["安康市"])
    got = {n.zh: n.en for n in names}
    assert got["岚皋县"] == "Langao County" and got["方晗"] == "Fang Han"
    # Inside a glossary term: listed with source "glossary", never pinned again.
    assert got["安康市"] is None and {n.zh: n.source for n in names}["安康市"] == "glossary"
    assert got.get("新华社", "absent") is None  # reported, not pinned


def test_find_names_ignores_ordinary_words_jieba_tags_as_names():
    # jieba's dictionary tags 高喊 ("shout") nr; pinned as "Gao Han" it made a correct summary fail.
    seg = Segmenter()
    text = "这家曾率先发布天工大模型、高喊“All in AI”的公司，总理李强和王斌出席。"
    got = {n.zh: n.en for n in find_names(text, seg)}
    assert "高喊" not in got
    # jieba's HMM cuts 支农惠农 ("support and benefit farmers") into 支 + 农惠农, tagged as a person.
    assert person_name("农惠农") is None and person_name("张雄") == "Zhang Xiong"
    assert got["王斌"] == "Wang Bin"
    # jieba tags 大省 ("populous province") ns; pinned as "Da Province" it entered the English.
    places = {n.zh: n.en for n in find_names("劳务输出大省四川，全省各市县", seg)}
    assert "大省" not in places and "各市县" not in places and "四川" in places


# --- pins ---------------------------------------------------------------------------------------------


def test_pins_only_for_what_the_sentence_holds():
    g = Glossary(
        [
            Entry("中厂", "mid-size vendor", forbid=["medium factory"]),
            Entry("天工", "Tiangong", status="dnt"),
            Entry("百模大战", "hundred-model war"),
        ]
    )
    pins = Annotator(g).annotate("中厂和天工去年营收1200万美元，增长30%。").pins
    by = {p.zh: p for p in pins}
    assert by["中厂"].en == "mid-size vendor" and by["中厂"].forbid == ("medium factory",)
    assert by["天工"].kind == "dnt"
    assert by["1200万美元"].en == "US$12 million" and by["1200万美元"].kind == "amount"
    assert "百模大战" not in by and "30%" not in by


def test_pins_are_typed_and_each_source_string_is_pinned_once():
    g = Glossary([Entry("中厂", "mid-size vendor"), Entry("大厂", "big factory", status="forbidden")])
    ann = Annotator(g, names=False).annotate("大厂和中厂营收1200万美元，中厂增长30%。", "§1¶1s1")
    assert ann.pins == [
        Pin("大厂", "", "forbid", ("big factory",)),
        Pin("中厂", "mid-size vendor", "term"),
        Pin("1200万美元", "US$12 million", "amount"),
    ]
    assert [p.listed for p in ann.pins] == [False, True, True]
    assert [q.source for q in ann.figures] == ["1200万美元", "30%"]
    assert [m.text for m in ann.pinned_terms] == ["大厂", "中厂", "中厂"]
    assert ann.id == "§1¶1s1" and "中厂" in ann.tokens


def test_a_glossary_term_wins_over_a_name_and_an_amount_inside_it():
    g = Glossary([Entry("岚皋县", "Langao"), Entry("1200万美元", "twelve million dollars")])
    ann = annotate("岚皋县营收1200万美元。", g, names=True)
    assert {p.zh: (p.en, p.kind) for p in ann.pins} == {
        "岚皋县": ("Langao", "term"),
        "1200万美元": ("twelve million dollars", "term"),
    }
    assert make_pins([], ann.quantities) == [Pin("1200万美元", "US$12 million", "amount")]


def test_a_brief_reads_each_sentence_once(seed_article, scripted, monkeypatch):
    """Annotate once: over a whole brief (drafts, checks, repairs, fallback translations, figures), the
    glossary matches each text of the article once, however many stages read it."""
    from collections import Counter

    from toolkit.brief import brief
    from toolkit.glossary import load_glossaries

    glossary = load_glossaries(None)
    seen: Counter[str] = Counter()
    real = Glossary.match

    def counting(self, text, statuses=None):  # type: ignore[no-untyped-def]
        seen[text] += 1
        return real(self, text, statuses)

    monkeypatch.setattr(Glossary, "match", counting)
    # Answers that fail every check, so every stage runs: retry, repair, fallback translation, headings.
    brief(seed_article, glossary=glossary, engine=scripted(["1. Something happened."]), use_cache=False)
    texts = {s.text for s in seed_article.sentences()}
    assert texts <= set(seen)
    assert max(seen[t] for t in texts) == 1, [t for t in texts if seen[t] > 1][:3]


# --- names: evidence before a pin (issue 20) ---------------------------------------------------------


def _judged(text: str, **kw):  # type: ignore[no-untyped-def]
    names, rejected = examine_names(text, Segmenter(), **kw)
    return {n.zh: n for n in names}, {r.zh: r.reason for r in rejected}


def test_listing_is_no_place_and_no_city_is_invented():
    # 上市 "go public": jieba tags it a place; pinned as "Shang City" the model wrote "moved to Shang City".
    names, rejected = _judged("随着智谱、MiniMax相继上市，资本开始变得理性。")
    assert "上市" in rejected and "ordinary word" in rejected["上市"]
    assert all(n.en != "Shang City" for n in names.values())


def test_the_cases_the_old_exception_lists_fixed_are_rejected_by_the_rule():
    names, rejected = _judged("这家曾率先发布天工大模型、高喊“All in AI”的公司")
    assert "高喊" in rejected  # CEDICT: "to shout loudly"
    names, rejected = _judged("四川是劳务输出大省，全省各市县落实支农惠农政策。")
    assert "大省" in rejected
    assert names["四川"].en == "Sichuan" and names["四川"].source == "gazetteer"
    assert all(n.en is None for n in names.values() if n.zh in ("农惠农", "各市县"))


def test_a_real_person_and_a_real_county_are_pinned_in_pinyin():
    names, _ = _judged("陕西省安康市岚皋县副县长方晗说，今年游客增长。")
    assert (names["岚皋县"].en, names["岚皋县"].source) == ("Langao County", "cedict")
    assert (names["方晗"].en, names["方晗"].source) == ("Fang Han", "pinyin")
    assert names["方晗"].guess and names["方晗"].kind == "person"


def test_a_foreign_place_and_a_known_person_take_their_established_english():
    names, _ = _judged("新华社巴西利亚7月25日电，这是他根据鲁迅的散文诗改编的。")
    assert (names["巴西利亚"].en, names["巴西利亚"].source) == ("Brasilia", "gazetteer")
    assert (names["鲁迅"].en, names["鲁迅"].source) == ("Lu Xun", "cedict")
    assert not names["鲁迅"].guess


def test_a_foreign_person_is_reported_but_not_pinned_in_pinyin():
    names, _ = _judged("波兰总统杜达在这个月成功连任。评论员弗朗西斯·塞姆温扎说，这是正当的。")
    assert names["杜达"].en is None and "foreign" in names["杜达"].note
    assert all(n.en is None for n in names.values() if n.kind == "person")


def test_a_name_cut_short_by_jieba_is_not_pinned_when_the_document_has_it_whole():
    seg = Segmenter()
    names = find_names("张继科林小宅组队力挺有肌少年", seg, longer={"张继科", "林小宅"})
    assert all(n.en != "Zhang Ji" for n in names)


def test_a_company_the_glossary_lacks_is_reported_for_review_not_pinned():
    # 奇点智源: the model invented "Xidian AI"; CEDICT knows 奇点 only as "singularity", so no pinyin pin.
    g = Glossary([Entry("岚皋县", "Langao")])
    ann = Annotator(g).annotate("新华社报道，奇点智源在岚皋县发布了新模型。")
    assert all(p.kind != "name" or p.zh not in ("奇点", "奇点智源") for p in ann.pins)
    by = {n.zh: n for n in ann.names}
    assert by["新华社"].en is None and "Xinhua News Agency" in by["新华社"].note
    assert by["岚皋县"].source == "glossary" and not by["岚皋县"].pinned
    assert {p.zh: p.kind for p in ann.pins}["岚皋县"] == "term"


def test_rejections_ride_on_the_annotation():
    ann = Annotator(Glossary([])).annotate("智谱上市了，卫星也上天了。")
    assert {r.zh for r in ann.rejected_names} >= {"上市"}
    assert not [p for p in ann.pins if p.kind == "name" and p.zh in ("上市", "卫星")]
