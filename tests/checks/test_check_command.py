"""``zhbrief check``: any English (here a human's) audited against its source, no model loaded."""

from __future__ import annotations

import json

from click.testing import CliRunner

from toolkit.cli import cli

# News lines and an English a careful human might write, with the held-out errors put into two of them.
ZH = [
    "新华社西安7月26日电 陕西安康岚皋县25日发生山体滑坡。",
    "这位24岁的驾驶员在26日清晨驶离车道。",
    "全球AI音乐市场规模达52亿美元。",
    "当地政府已转移群众1200人。",
]
HUMAN = [
    "XI'AN, July 26, 2020 (Xinhua) A landslide hit Langao County, Ankang, Shaanxi on the 25th.",
    "The 24-year-old driver left the lane early on the morning of the 26th.",
    "The global AI music market reached US$5.2 billion.",
    "The local government has relocated 1,200 people.",
]
WRONG = [
    "XI'AN, July 26 (Xinhua) A landslide hit An Kang County, Langao County on the 25th.",
    "The driver left the lane at 4:00 AM, driving at a speed over 100 km/h.",
    "The AI music market in the US reached US$5.2 billion.",
    "The local government has relocated 12,000 people.",
]


def _files(tmp_path, en):
    src, tr = tmp_path / "src.zh.txt", tmp_path / "tr.en.txt"
    src.write_text("\n".join(ZH) + "\n", encoding="utf-8")
    tr.write_text("\n".join(en) + "\n", encoding="utf-8")
    return str(src), str(tr)


def test_check_json_on_a_human_translation_lists_every_line_and_no_problem(tmp_path):
    src, tr = _files(tmp_path, HUMAN)
    r = CliRunner().invoke(
        cli, ["check", "--source", src, "--translation", tr, "--lines", "--json", "--no-glossary"]
    )
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert [x["line"] for x in d["lines"]] == [1, 2, 3, 4]
    assert all(x["problems"] == [] for x in d["lines"])
    assert d["summary"]["problems"] == 0
    assert set(d["summary"]["by_kind"]) == {
        "term",
        "forbidden",
        "amount",
        "date",
        "number",
        "name",
        "omission",
        "mistranslation",
        "chinese",
    }


def test_check_finds_each_invented_claim_by_line_and_kind(tmp_path):
    src, tr = _files(tmp_path, WRONG)
    r = CliRunner().invoke(
        cli, ["check", "--source", src, "--translation", tr, "--lines", "--json", "--no-glossary"]
    )
    assert r.exit_code == 0, r.output
    got = {(x["line"], p["kind"], p["english"]) for x in json.loads(r.output)["lines"] for p in x["problems"]}
    assert {
        (1, "name", "An Kang County"),
        (2, "number", "4:00 AM"),
        (2, "number", "over 100"),
        (3, "name", "US"),
    } <= got
    assert any(line == 4 and kind in ("amount", "number") for line, kind, _ in got)
    for x in json.loads(r.output)["lines"]:
        for p in x["problems"]:
            assert set(p) == {"kind", "english", "source", "detail"}
    r = CliRunner().invoke(
        cli, ["check", "--source", src, "--translation", tr, "--lines", "--strict", "--no-glossary"]
    )
    assert r.exit_code == 3 and "line 2: NUMBER '4:00 AM': the source gives no clock time" in r.output


def test_check_without_lines_keys_problems_by_sentence_id(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("全球AI音乐市场规模达52亿美元。这位24岁的驾驶员在26日清晨驶离车道。\n", encoding="utf-8")
    tr = tmp_path / "a.en.txt"
    tr.write_text(
        "The AI music market in the US reached US$5.2 billion. The driver left the lane at 4:00 AM on the 26th.\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(
        cli, ["check", "--source", str(src), "--translation", str(tr), "--json", "--no-glossary"]
    )
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    by_id = {x["id"]: [p["english"] for p in x["problems"]] for x in d["lines"]}
    assert by_id == {"§0¶1s1": ["US"], "§0¶1s2": ["4:00 AM"]}


def test_mismatched_line_counts_are_one_clear_error(tmp_path):
    src, tr = _files(tmp_path, HUMAN[:3])
    r = CliRunner().invoke(cli, ["check", "--source", src, "--translation", tr, "--lines"])
    assert r.exit_code == 2
    assert "the source has 4 lines, the translation 3" in r.output and "Traceback" not in r.output


def test_check_reads_the_default_glossary_for_terms(tmp_path):
    src = tmp_path / "t.txt"
    src.write_text("中厂退出了通用赛道。\n", encoding="utf-8")
    tr = tmp_path / "t.en.txt"
    tr.write_text("Mid-size firms left the general tracks.\n", encoding="utf-8")
    r = CliRunner().invoke(
        cli, ["check", "--source", str(src), "--translation", str(tr), "--lines", "--json"]
    )
    kinds = {p["kind"] for x in json.loads(r.output)["lines"] for p in x["problems"]}
    assert {"term", "forbidden"} <= kinds


def test_check_reports_amounts_dates_and_chinese_left_with_their_kinds(tmp_path):
    src = tmp_path / "k.txt"
    src.write_text("该公司营收1200万美元。\n飓风于25日登陆。\n中厂退出了通用赛道。\n", encoding="utf-8")
    tr = tmp_path / "k.en.txt"
    tr.write_text(
        "The company's revenue was $120 million.\nThe hurricane made landfall on the 24th.\n"
        "Mid-size vendors left the general 赛道.\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(
        cli, ["check", "--source", str(src), "--translation", str(tr), "--lines", "--json", "--no-glossary"]
    )
    by_line = {x["line"]: {p["kind"] for p in x["problems"]} for x in json.loads(r.output)["lines"]}
    assert "amount" in by_line[1] and "number" not in by_line[1]  # a wrong amount is reported once
    assert {"date", "number"} <= by_line[2]  # the 24th: a changed date states a number the source lacks
    assert by_line[3] == {"chinese"}


def test_check_lines_reads_a_bare_day_in_the_month_its_story_stated_last():
    from toolkit.checks.audit import audit_lines

    # Dev lines 250-251 and their human references: the dateline states July; the next line's 26日 is "July
    # 26" in the reference, which a line-by-line reading flagged as a month the source does not give.
    zh = "新华社北京7月26日电 国家卫健委通报疫情。\n26日，全国新增确诊病例46例。\n"
    right = "BEIJING, July 26 (Xinhua) -- The National Health Commission reported.\nOn July 26, 46 new cases were confirmed.\n"
    assert [a.problems for a in audit_lines(zh, right, None)] == [[], []]
    wrong = right.replace("On July 26", "On June 26")
    [_, audit] = audit_lines(zh, wrong, None)
    assert [(p.kind, p.source) for p in audit.problems] == [("date", "26日")]
    assert "the story's month is July" in audit.problems[0].detail
