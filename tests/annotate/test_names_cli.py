"""`zhbrief names`, "names to check" in translations and briefs, and names in `glossary mine` (issue 20)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.glossary import Glossary, load_glossaries
from toolkit.mining import mine
from toolkit.translation import render
from toolkit.translation.translator import translate_article, translate_lines

from ..conftest import SEED

TEXT = "陕西省安康市岚皋县副县长方晗说，智谱、MiniMax相继上市。新华社巴西利亚电，波兰总统杜达表示支持。\n"


def test_names_on_the_seed_lists_no_invented_city_and_says_why(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["names", str(SEED), "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    rejected = {x["zh"]: x for x in data["rejected"]}
    assert "ordinary word" in rejected["上市"]["note"] and rejected["上市"]["ids"]
    assert all(n["en"] != "Shang City" for n in data["names"])
    assert all({"zh", "kind", "en", "source", "note", "ids"} <= n.keys() for n in data["names"])
    assert {n["source"] for n in data["names"]} <= {"glossary", "cedict", "gazetteer", "pinyin", ""}


def test_names_text_output_shows_english_source_and_evidence(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    r = CliRunner().invoke(cli, ["names", str(f), "--no-glossary"])
    assert r.exit_code == 0, r.output
    lines = {line.split("\t")[0]: line.split("\t") for line in r.stdout.splitlines() if "\t" in line}
    assert lines["方晗"][1:4] == ["person", "Fang Han", "pinyin"]
    assert lines["岚皋县"][2] == "Langao County"
    assert lines["巴西利亚"][2:4] == ["Brasilia", "gazetteer"]
    assert lines["杜达"][2] == "-" and "foreign" in lines["杜达"][5]
    assert "上市" in r.stdout.split("rejected:")[1]


def test_names_on_a_missing_file_is_one_line(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["names", str(tmp_path / "missing.txt")])
    assert r.exit_code != 0
    assert r.stderr.strip().startswith("zhbrief: error:") and "Traceback" not in r.output


def test_a_translation_lists_its_pinyin_names_to_check(scripted) -> None:  # type: ignore[no-untyped-def]
    from toolkit.ingest import parse_text

    lines = translate_lines([TEXT.strip()], scripted(["1. Fang Han said."]), Glossary([]), use_cache=False)
    assert [(n.zh, n.ids) for n in lines.names_to_check()] == [("方晗", ["L1"])]
    article = parse_text("标题\n\n" + TEXT, source="a.txt")
    t = translate_article(article, scripted(["1. Fang Han said."]), Glossary([]), use_cache=False)
    checks = {n.zh: n for n in t.names_to_check()}
    assert checks["方晗"].en == "Fang Han"
    assert "巴西利亚" not in checks  # the place table's English is established, not a guess
    md = render.render(t, "md")
    assert "Names to check" in md and "方晗 → Fang Han" in md
    assert "Names to check" in render.render(t, "html")
    assert json.loads(render.render(t, "json"))["names_to_check"][0]["zh"] == "方晗"


def test_a_brief_lists_its_pinyin_names_to_check(tmp_path: Path, scripted) -> None:  # type: ignore[no-untyped-def]
    from toolkit.brief import brief
    from toolkit.brief.render import markdown
    from toolkit.ingest import parse_text

    article = parse_text("标题\n\n" + TEXT, source="a.txt")
    b = brief(article, glossary=Glossary([]), engine=scripted(["1. Fang Han said so."]), use_cache=False)
    assert [n.zh for n in b.names_to_check] == ["方晗"]
    assert b.to_dict()["names_to_check"][0]["en"] == "Fang Han"
    assert "## Names to check" in markdown.render(b, article)


def test_glossary_mine_proposes_unknown_names_with_domain_guess_and_evidence() -> None:
    texts = [("a.txt", TEXT + "方晗还说，今年游客增长三成。\n")]
    cands = {c.term: c for c in mine(texts, load_glossaries(None), top=20, min_freq=2)}
    fang = cands["方晗"]
    assert (fang.domain, fang.en) == ("person", "Fang Han") and "surname" in fang.evidence
    entry = fang.to_entry()
    assert (entry.status, entry.domain, entry.en) == ("candidate", "person", "Fang Han")
    assert cands["杜达"].en == "" and "foreign" in cands["杜达"].evidence
    assert "上市" not in cands and "巴西利亚" not in cands
