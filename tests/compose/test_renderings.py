"""The document memory of renderings: one English per title and recurring unpinned name, decided once."""

from __future__ import annotations

from toolkit.annotate import Annotator
from toolkit.compose.renderings import Candidate, RenderingMemory, candidates, clean_answer, established_title
from toolkit.glossary import Entry, Glossary

TEXTS = [
    "电影《远征》今天上映。",
    "《远征》讲述了一支探险队的故事。",
    "观众说，《远征》的结尾令人难忘。",
]


def _anns(glossary: Glossary | None = None) -> list:  # type: ignore[type-arg]
    a = Annotator(glossary, tokens=False)
    return [a.annotate(t, f"s{i + 1}") for i, t in enumerate(TEXTS)]


def test_a_recurring_title_is_decided_once_and_pinned_in_every_sentence() -> None:
    asked: list[Candidate] = []

    def ask(c: Candidate) -> str:
        asked.append(c)
        return '"The Expedition".'

    memory = RenderingMemory()
    anns = _anns()
    memory.decide(anns, ask)
    assert [c.zh for c in asked] == ["《远征》"] and asked[0].first_id == "s1"
    pinned = [memory.apply(a) for a in anns]
    for a in pinned:
        assert ("《远征》", "The Expedition") in [(p.zh, p.en) for p in a.pins]
    (use,) = memory.uses()
    assert use.en == "The Expedition" and use.ids == ["s1", "s2", "s3"] and "s1" in use.note
    # Deciding again (the next chunk, a brief of the same article) asks nothing new.
    memory.decide(anns, ask)
    assert len(asked) == 1


def test_a_title_the_user_fixed_in_the_glossary_is_never_decided() -> None:
    g = Glossary([Entry("远征", "The Long March", domain="product")])
    anns = _anns(g)
    assert candidates(anns) == []
    for a in anns:
        assert ("远征", "The Long March") in [(p.zh, p.en) for p in a.pins]


def test_an_answer_that_is_not_a_rendering_is_refused() -> None:
    c = Candidate("《远征》", "title", "s1", TEXTS[0])
    assert clean_answer(c, "Di Yi") is None  # syllables 远征 does not have
    assert clean_answer(c, "This film is about an expedition team that crosses a desert and more") is None
    assert clean_answer(c, "English title: *The Expedition*") == "The Expedition"
    kingdom = Candidate("南赵", "place", "s1", "南赵与北燕交战。")
    assert clean_answer(kingdom, "South Xiang") is None
    assert clean_answer(kingdom, "Nan Zhao") == "Nan Zhao"
    assert clean_answer(kingdom, "Southern Zhao") == "Southern Zhao"


def test_a_place_or_organisation_english_its_characters_do_not_account_for_is_refused() -> None:
    # Answers the default model gave on the development lines (the article on the China-US consulates, and
    # the one on the flood diversion at 蒋口河联圩).
    relations = Candidate("中美关系", "organization", "s1", "中美关系陷入低谷。")
    assert clean_answer(relations, "US-China Economic Dialogue") is None
    assert clean_answer(relations, "US-China relations") == "US-China relations"
    dike = Candidate("联圩", "place", "s1", "蒋口河联圩分洪蓄水。")
    assert clean_answer(dike, "Jidouhu River Dam") is None
    # Readings, dictionary senses and place forms account for every word of these.
    for zh, kind, en in (
        ("蒋口河", "place", "Jiangkou River"),
        ("巢湖", "place", "Chaohu Lake"),
        ("党组织", "organization", "Party Organization"),
        ("阿里巴巴集团", "organization", "Alibaba Group"),
        ("北燕", "place", "Northern Yan"),
    ):
        assert clean_answer(Candidate(zh, kind, "s1", zh), en) == en, zh
    # A person's name may be a transliteration; a title may be translated freely.
    assert clean_answer(Candidate("班邦", "person", "s1", "班邦说。"), "Bambang") == "Bambang"
    assert clean_answer(Candidate("《野草》", "title", "s1", "《野草》"), "Wild Grass") == "Wild Grass"


def test_a_name_once_is_left_to_the_model_a_name_twice_is_decided() -> None:
    a = Annotator(None, tokens=False)
    once = [a.annotate("市园林绿化局发布通知。", "s1")]
    assert not [c for c in candidates(once) if c.kind != "title"]


def test_a_title_in_english_is_its_own_rendering_and_a_word_inside_another_is_no_name() -> None:
    a = Annotator(None, tokens=False)
    anns = [
        a.annotate("歌曲《Walk My Walk》登上榜单。", "s1"),
        a.annotate("这首歌很完美的表达了情绪。", "s2"),
        a.annotate("完美的旋律让《Walk My Walk》走红。", "s3"),
    ]
    memory = RenderingMemory()
    memory.decide(anns, lambda c: (_ for _ in ()).throw(AssertionError(f"asked for {c.zh}")))
    (r,) = memory.items.values()
    assert (r.zh, r.en, r.is_title, r.ids) == ("《Walk My Walk》", "Walk My Walk", True, ["s1", "s3"])


def test_a_title_cedict_knows_is_its_established_english_not_asked() -> None:
    asked: list[Candidate] = []

    def ask(c: Candidate) -> str:
        asked.append(c)
        return "The Expedition"

    texts = ["据英国《卫报》报道，电影《远征》今天上映。", "《卫报》还说，《远征》的结尾令人难忘。"]
    a = Annotator(tokens=False)
    memory = RenderingMemory()
    memory.decide([a.annotate(t, f"s{i + 1}") for i, t in enumerate(texts)], ask)
    # 卫报 has one CC-CEDICT meaning, a proper noun; 远征 is an ordinary word, so the model is asked.
    assert [c.zh for c in asked] == ["《远征》"]
    assert {r.zh: r.en for r in memory.titles()} == {"《卫报》": "The Guardian", "《远征》": "The Expedition"}
    assert established_title("世界报") is None  # "various newspapers": no one English
