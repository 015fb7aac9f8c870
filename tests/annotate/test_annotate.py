"""The annotation stage: one reading of each sentence (terms, quantities, names, pins) for every later stage."""

from __future__ import annotations

from toolkit.annotate import Annotator, Pin, annotate, make_pins
from toolkit.annotate.names import find_names, person_name, pinyin_word, place_name
from toolkit.glossary import Entry, Glossary
from toolkit.segment import Segmenter

# --- names ------------------------------------------------------------------------------------------------


def test_place_and_person_names_in_pinyin():
    assert place_name("岚皋县") == "Langao County"
    assert place_name("安康市") == "Ankang City"
    assert place_name("陕西省") == "Shaanxi Province"
    assert place_name("北京市") == "Beijing"
    assert place_name("北京") is None
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
    assert "安康市" not in got
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
