"""The document memory in the translation stage: decided once, pinned in every chunk, fixed once by the user.

The scripted engine here stands in for control flow only (which requests are made and what they carry);
what the real model writes with the memory is ``test_a_recurring_title_reads_one_way_on_the_small_model``.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.glossary import Entry, Glossary
from toolkit.translation import Settings, translate_sentences
from toolkit.translation.memory import TranslationMemory

TEXTS = [
    "电影《远征》今天上映。",
    "《远征》讲述了一支探险队的故事。",
    "观众说，《远征》的结尾令人难忘。",
]


def _user_messages(engine) -> list[str]:  # type: ignore[no-untyped-def]
    return [r["messages"][-1]["content"] for r in engine.requests]


def test_a_recurring_title_is_asked_once_and_pinned_in_every_chunk(scripted, tmp_path) -> None:
    engine = scripted(
        ["The Expedition", "1. The Expedition opens today.", "1. x", "1. y"],
    )
    settings = Settings(max_sentences=1, context_sentences=0)
    with TranslationMemory(tmp_path / "tm.sqlite3") as tm:
        tr = translate_sentences(TEXTS, engine, None, settings=settings, memory=tm)
        msgs = _user_messages(engine)
        assert sum("What is the English title" in m for m in msgs) == 1
        chunks = [m for m in msgs if "Translate each numbered" in m]
        assert len(chunks) == 3 and all("《远征》 = The Expedition" in m for m in chunks)
        (use,) = [n for n in tr.names_to_check() if n.zh == "《远征》"]
        assert use.en == "The Expedition" and use.ids[0] == "L1" and "L1" in use.note
        assert [r.to_dict()["en"] for r in tr.renderings] == ["The Expedition"]
        # A rerun reads the decision from the translation memory: no request at all.
        again = scripted(["unused"])
        translate_sentences(TEXTS, again, None, settings=settings, memory=tm)
        assert again.calls == 0


def test_a_name_the_user_fixes_once_is_followed_everywhere(scripted) -> None:
    g = Glossary([Entry("远征", "The Long March", domain="product")])
    engine = scripted(["1. a\n2. b\n3. c"])
    tr = translate_sentences(TEXTS, engine, g, use_cache=False)
    msgs = _user_messages(engine)
    assert not any("What is the English title" in m for m in msgs)
    assert all("远征 = The Long March" in m for m in msgs)
    assert not tr.renderings


def test_the_names_option_layers_a_file_over_the_glossary(tmp_path, write_glossary) -> None:
    from toolkit.commands.common import load_glossary

    base = write_glossary(("中厂", "mid-size vendor"), name="base.tsv")
    names = write_glossary(("远征", "The Long March"), name="names.tsv")
    g = load_glossary([str(base)], False, [str(names)])
    assert {e.zh: e.en for e in g.entries} == {"中厂": "mid-size vendor", "远征": "The Long March"}
    # A names file that does not exist is a one-line error before any model work.
    src = tmp_path / "a.txt"
    src.write_text("《远征》今天上映。\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["translate", str(src), "--names", str(tmp_path / "missing.tsv")])
    assert res.exit_code == 2 and len(res.output.strip().splitlines()) == 1


@pytest.mark.model
def test_a_recurring_title_reads_one_way_on_the_small_model(tmp_path) -> None:
    from toolkit.engines import load_engine

    small = load_engine("small")
    with TranslationMemory(tmp_path / "tm.sqlite3") as tm:
        tr = translate_sentences(TEXTS, small, None, memory=tm, settings=Settings(max_sentences=1))
    (r,) = tr.renderings
    assert r.en and r.ids == ["L1", "L2", "L3"]
    # The one English title stands in every sentence that names the film.
    assert all(r.en.lower() in s.english.lower() for s in tr.segments), [s.english for s in tr.segments]


def test_a_title_is_marked_as_a_title_in_markdown_and_html() -> None:
    from toolkit.translation.render import mark_titles

    md = mark_titles(
        'The film "The Expedition" opens; The Expedition ends well.', ["The Expedition"], "*", "*"
    )
    assert md == "The film *The Expedition* opens; *The Expedition* ends well."
    html = mark_titles("The film &quot;The Expedition&quot; opens.", ["The Expedition"], "<cite>", "</cite>")
    assert html == "The film <cite>The Expedition</cite> opens."
    # Marked once: a title already in italics is left alone, and a word that only contains it too.
    assert mark_titles("*Faraway* and Faraways", ["Faraway"], "*", "*") == "*Faraway* and Faraways"
