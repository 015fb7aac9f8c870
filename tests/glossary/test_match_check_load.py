"""Glossary model, matching, check_terms and the shipped glossary."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.errors import ZhbriefError
from toolkit.glossary import (
    Entry,
    Glossary,
    check_terms,
    fold,
    load_glossaries,
    mark_terms,
    resolve_glossary,
    shipped_glossary_paths,
)
from toolkit.glossary.lint import lint_file
from toolkit.glossary.match import Matcher
from toolkit.glossary.model import term_units

from .conftest import SHIPPED


def g_of(*entries: Entry) -> Glossary:
    return Glossary(list(entries))


# --- matching ----------------------------------------------------------------------------------------


def test_nested_terms_pick_the_longer():
    g = g_of(Entry("知识产权", "intellectual property"), Entry("国家知识产权局", "CNIPA"))
    ms = g.match("国家知识产权局发布了知识产权报告")
    assert [(m.entry.zh, m.start, m.end) for m in ms] == [("国家知识产权局", 0, 7), ("知识产权", 10, 14)]


def test_overlapping_terms_are_non_overlapping_leftmost_longest():
    g = g_of(
        Entry("大模型", "large model"), Entry("模型市场", "model market"), Entry("通用大模型", "gp model")
    )
    ms = g.match("通用大模型市场")
    assert [m.entry.zh for m in ms] == ["通用大模型"]
    ms = g.match("大模型市场")
    assert [m.text for m in ms] == ["大模型"]


def test_traditional_text_hits_simplified_key_and_back():
    g = g_of(Entry("中厂", "mid-size vendor"), Entry("國家知識產權局", "CNIPA"))
    ms = g.match("這些中廠在国家知识产权局")
    assert [(m.entry.zh, m.text) for m in ms] == [("中厂", "中廠"), ("國家知識產權局", "国家知识产权局")]
    assert g.get("中廠") is g.entries[0]


def test_latin_digits_spaces_case_insensitive_with_word_boundaries():
    g = g_of(
        Entry("Mureka V8", "Mureka V8", status="dnt"), Entry("AI短剧", "AI short drama"), Entry("MAU", "MAU")
    )
    text = "MUREKA v8发布,mureka  V8 与 ＡＩ短剧;MAUI 不是 MAU,XMureka V8 也不是"
    got = [(m.entry.zh, m.text) for m in g.match(text)]
    assert got == [
        ("Mureka V8", "MUREKA v8"),
        ("Mureka V8", "mureka  V8"),
        ("AI短剧", "ＡＩ短剧"),
        ("MAU", "MAU"),
    ]


def test_offsets_survive_collapsed_spaces():
    g = g_of(Entry("Suno V5", "Suno V5"))
    text = "击败了  Suno   V5 的"
    [m] = g.match(text)
    assert text[m.start : m.end] == "Suno   V5" == m.text


def test_statuses_filter_but_candidates_still_shadow():
    g = g_of(Entry("大模型", "large model"), Entry("通用大模型", "", status="candidate"))
    assert [m.entry.zh for m in g.match("通用大模型", statuses={"approved"})] == []


def test_fold_is_the_same_for_keys_and_text():
    assert fold(" Ｍｕｒｅｋａ\u3000V8 ") == "mureka v8"
    assert fold("中廠") == "中厂"


def test_segmenter_holds_terms_and_marks_them():
    g = g_of(
        Entry("百模大战", "hundred-model war"),
        Entry("中厂", "mid-size vendor"),
        Entry("Mureka V8", "Mureka V8"),
    )
    seg = g.segmenter()
    text = "百模大战中的中厂发布Mureka V8"
    toks = seg.tokens(text)
    assert "百模大战" in [t.text for t in toks] and "中厂" in [t.text for t in toks]
    marked = mark_terms(toks, g, text)
    assert {m.text for m in marked if m.term} >= {"百模大战", "中厂", "Mureka", "V8"}
    units = term_units(toks, g, text)
    assert ("Mureka V8", g.get("Mureka V8")) in units
    assert [u for u, e in units if e is not None] == ["百模大战", "中厂", "Mureka V8"]


# --- check_terms -------------------------------------------------------------------------------------


G = g_of(
    Entry(
        "中厂",
        "mid-size vendor",
        alt=["mid-sized vendor"],
        forbid=["middle factory", "vendor of middling size"],
    ),
    Entry("百模大战", "hundred-model war"),
    Entry("天工", "Tiangong", status="dnt"),
    Entry("昆仑万维", "Kunlun Tech"),
    Entry("大厂", "big tech firm"),
)


def test_check_counts_hits_per_occurrence_with_plural_and_alt():
    src = "中厂和中厂,以及中厂都在百模大战里。"
    rep = check_terms(src, "Mid-size vendors and mid-sized vendors fought the hundred-model war.", G)
    assert (rep.occurrences, rep.hits) == (4, 3)
    assert [(m.zh, m.missed) for m in rep.misses] == [("中厂", 1)]
    assert rep.adherence == pytest.approx(0.75)


def test_distinct_mode_counts_each_term_once_but_still_forbids():
    src = "中厂和中厂,以及中厂都在百模大战里。"
    rep = check_terms(src, "Mid-size vendors fought the hundred-model war.", G, distinct=True)
    assert (rep.occurrences, rep.hits, rep.misses) == (2, 2, [])
    rep = check_terms(src, "Middle factory firms fought a big war.", G, distinct=True)
    assert (rep.occurrences, rep.hits) == (2, 0)
    assert [f.form for f in rep.forbidden_found] == ["middle factory"]


def test_distinct_mode_does_not_require_dnt_terms():
    # A summary may drop an aside that names a dnt term; a translation may not.
    src = "中厂发布对标天工的产品。"
    rep = check_terms(src, "A mid-size vendor released a product.", G, distinct=True)
    assert (rep.occurrences, rep.hits, rep.misses) == (1, 1, [])
    rep = check_terms(src, "A mid-size vendor released a product.", G)
    assert (rep.occurrences, rep.hits) == (2, 1)


def test_two_keys_with_one_english_form_each_claim_their_own_occurrence():
    g = g_of(Entry("得克萨斯州", "Texas"), Entry("得州", "Texas"))
    src = "得州南部和得克萨斯州北部都有降雨。"
    rep = check_terms(src, "Rain fell in southern Texas and in northern Texas.", g)
    assert (rep.occurrences, rep.hits, rep.misses) == (2, 2, [])
    rep = check_terms(src, "Rain fell across Texas.", g)
    assert (rep.occurrences, rep.hits) == (2, 1)


def test_check_forbidden_forms_and_word_boundaries():
    rep = check_terms("中厂很多", "The middle factory is a mid-size vendor.", G)
    assert [f.text for f in rep.forbidden_found] == ["middle factory"]
    assert rep.hits == 1
    # "vendor" inside "vendors" is a plural; "Kunlun Technology" is not "Kunlun Tech" + boundary.
    rep = check_terms("昆仑万维", "Kunlun Technology", G)
    assert rep.hits == 0 and rep.adherence == 0.0


def test_check_dnt_hit_when_kept_as_is():
    assert check_terms("天工很强", "天工 is strong", G).hits == 1
    assert check_terms("天工很强", "Tiangong is strong", G).hits == 1
    assert check_terms("天工很强", "Heavenly Work is strong", G).hits == 0


def test_check_forbidden_status_entry_and_no_terms():
    g = g_of(Entry("中厂", "mid-size vendor"), Entry("内卷", "inner roll", status="forbidden"))
    rep = check_terms("内卷严重", "Inner roll is severe.", g)
    assert rep.occurrences == 0 and [f.form for f in rep.forbidden_found] == ["inner roll"]
    assert check_terms("今天天气好", "Nice weather.", g).adherence == 1.0


def test_check_longer_form_claims_its_text_first():
    g = g_of(Entry("大模型", "large model"), Entry("通用大模型", "general-purpose large model"))
    rep = check_terms("通用大模型和大模型", "a general-purpose large model and a foundation model", g)
    assert (rep.occurrences, rep.hits) == (2, 1)
    assert [m.zh for m in rep.misses] == ["大模型"]


# --- loading and resolution --------------------------------------------------------------------------


def test_packaged_copy_is_the_repo_glossary():
    [p] = [p for p in shipped_glossary_paths() if p.name == "ai-industry.tsv"]
    assert Path(p).read_bytes() == SHIPPED.read_bytes()


def test_shipped_glossary_lints_clean_and_pins_the_two_terms():
    issues = lint_file(SHIPPED)
    assert not [i for i in issues if i.severity == "error"], [str(i) for i in issues]
    g = load_glossaries([SHIPPED], use_default=False)
    assert g.require("中厂").en == "mid-size vendor"
    assert g.require("百模大战").en == "hundred-model war"
    assert sum(e.status == "approved" for e in g.entries) >= 60


def test_shipped_glossary_covers_the_seed_article(seed_article):
    g = load_glossaries([SHIPPED], use_default=False)
    text = "\n".join(s.text for s in seed_article.sentences())
    found = {m.entry.zh for m in g.match(text)}
    for term in ["昆仑万维", "天工", "Mureka", "豆包", "腾讯混元", "文心一言", "通义千问", "智谱", "MiniMax", "月之暗面",
                 "百川智能", "汽水音乐", "网易云音乐", "QQ音乐", "太合音乐集团", "DramaWave", "MusiCoT", "方汉",
                 "周亚辉", "中厂", "大厂", "百模大战", "六小虎", "内卷", "赛道", "月活", "日活", "年化流水",
                 "归母净利润", "扣非后净利润", "良品率", "端边云协同"]:  # fmt: skip
        assert term in found, term


def test_default_from_any_folder_and_local_glossary_folder(tmp_path, monkeypatch, write_glossary):
    monkeypatch.chdir(tmp_path)
    g = load_glossaries()
    assert g.get("中厂") is not None and len(g.files) == 1
    write_glossary(("中厂", "midsize player"), ("新词", "new word"), name="glossary/local.tsv")
    g = load_glossaries()
    assert len(g.files) == 2 and g.require("中厂").en == "midsize player" and g.get("新词") is not None
    assert [o.new.en for o in g.overrides] == ["midsize player"]


def test_resolve_later_file_wins_and_says_so_without_printing(write_glossary, capsys):
    a = write_glossary(("中厂", "mid-size vendor"), ("大厂", "big tech"), name="a.tsv")
    b = write_glossary(("中廠", "midsize vendor"), name="b.tsv")
    g = resolve_glossary([str(a), str(b)], False)
    assert g.require("中厂").en == "midsize vendor" and len(g) == 2
    assert [p for p, _ in g.files] == [str(a), str(b)] and len(g.sha256) == 64
    [notice] = g.notices()
    assert "midsize vendor" in notice and "b.tsv" in notice and "overrides" in notice
    # The library never prints; commands show the notices (see test_cli).
    assert capsys.readouterr() == ("", "")
    assert (
        len(resolve_glossary(None, True)) == 0 and resolve_glossary(None, True).signature() == "glossary:none"
    )
    with pytest.raises(ZhbriefError):
        resolve_glossary([str(a)], True)


def test_missing_glossary_file_is_a_clear_error(tmp_path):
    with pytest.raises(ZhbriefError, match="not found"):
        load_glossaries([tmp_path / "nope.tsv"], use_default=False)


# --- the matcher against a brute-force reference -------------------------------------------------------

_ALPHABET = "中厂大模型战百ab "


def _reference(keys: list[str], text: str) -> list[tuple[int, int]]:
    """Leftmost, then longest, non-overlapping; a key starting/ending in a letter needs a non-letter
    neighbour. The obviously-correct slow way."""
    keys = [fold(k) for k in keys if fold(k)]
    out, i = [], 0
    while i < len(text):
        for k in sorted(set(keys), key=len, reverse=True):
            if text.startswith(k, i):
                if k[0].isascii() and k[0].isalpha() and i > 0 and text[i - 1] in "ab":
                    continue
                j = i + len(k)
                if k[-1].isascii() and k[-1].isalpha() and j < len(text) and text[j] in "ab":
                    continue
                out.append((i, j))
                i = j
                break
        else:
            i += 1
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(_ALPHABET, min_size=1, max_size=4), min_size=1, max_size=8),
    st.text(_ALPHABET.replace(" ", ""), max_size=40),
)
def test_matcher_equals_reference(keys, text):
    # The matcher alone: ``Glossary.match`` then drops a Chinese term spelt across two words of the text
    # (中大 of 中|大厂), which a character-level reference cannot know.
    matcher = Matcher((k, k) for k in keys)
    assert [(h.start, h.end) for h in matcher.find(text)] == _reference(keys, text)
    g = Glossary([Entry(k, k) for k in keys])
    assert {(m.start, m.end) for m in g.match(text)} <= set(_reference(keys, text))


def test_forbidden_form_around_an_accepted_one_is_still_forbidden():
    g = g_of(
        Entry("赛道", "segment", alt=["race"], forbid=["race track"]),
        Entry("中厂", "mid-size vendor", forbid=["vendor"]),
    )
    rep = check_terms("赛道", "the music AI race track", g)
    assert [f.text for f in rep.forbidden_found] == ["race track"] and rep.hits == 0
    rep = check_terms("赛道和中厂", "the music AI race and a mid-size vendor", g)
    assert rep.forbidden_found == [] and rep.hits == 2


def test_a_term_spelt_across_two_words_is_not_there():
    # Dev lines 406, 508 and 134, whose human translations `check` held to the AI glossary's 流媒体
    # "streaming", 日活 "daily active users" and 阿里 "Alibaba".
    g = g_of(
        Entry("流媒体", "streaming"),
        Entry("日活", "daily active users"),
        Entry("阿里", "Alibaba", domain="company"),
        Entry("马斯克", "Musk", domain="person"),
    )
    assert g.match("社会知名人士和主流媒体记者") == []  # 主流|媒体, mainstream media
    assert g.match("通过参加主题党日活动、联系困难群众") == []  # 党日|活动, a Party day's activities
    assert g.match("执行主任阿里·优素福说") == []  # Ali Yusuf
    assert g.match("部长阿兹明·阿里表示") == []
    # The same terms where they are words of the text; a person's name may stand in a dotted one.
    assert [m.entry.zh for m in g.match("主流的流媒体平台和日活用户")] == ["流媒体", "日活"]
    assert [m.entry.zh for m in g.match("阿里的通义千问")] == ["阿里"]
    assert [m.entry.zh for m in g.match("埃隆·马斯克表示")] == ["马斯克"]
