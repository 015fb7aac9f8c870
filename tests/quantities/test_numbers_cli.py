"""`zhbrief numbers` through click's CliRunner: the key-figures table and its JSON."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.conftest import SEED
from toolkit.cli import cli


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_json_on_seed(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["numbers", str(SEED), "--json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert all({"id", "source", "value", "unit", "english"} <= row.keys() for row in rows)
    by_source = {row["source"]: row for row in rows}
    usd = by_source["1200万美元"]
    assert (usd["value"], usd["unit"], usd["english"]) == (12_000_000, "USD", "US$12 million")
    assert usd["id"].startswith("§")
    assert by_source["498.57亿元"]["english"] == "RMB 49.857 billion"
    assert by_source["3-5亿"]["value_high"] == 500_000_000


def test_table_on_stdin(runner: CliRunner) -> None:
    text = "截至2025年3月，Mureka平台年化流水达1200万美元，全球下载量接近100万。\n"
    r = runner.invoke(cli, ["numbers", "-"], input=text)
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["id", "source", "value", "unit", "kind", "english"]
    assert len(lines) == 4
    assert "1200万美元" in lines[2] and "12,000,000" in lines[2] and lines[2].endswith("US$12 million")
    assert lines[3].endswith("nearly 1 million")
    assert "3 quantities in 1 sentences" in r.stderr


def test_style_and_key_only(runner: CliRunner) -> None:
    text = "2024年，公司研发费用达15.4亿元，同比增长59.5%，服务8000多家客户。\n"
    r = runner.invoke(cli, ["numbers", "-", "--json", "--key", "--style", "yuan"], input=text)
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert [(row["source"], row["english"]) for row in rows] == [
        ("15.4亿元", "1.54 billion yuan"),
        ("59.5%", "59.5%"),
    ]


def test_missing_file_is_a_clean_error(runner: CliRunner, tmp_path) -> None:
    r = runner.invoke(cli, ["numbers", str(tmp_path / "nope.txt")])
    assert r.exit_code != 0
    assert "zhbrief: error:" in r.stderr
    assert "Traceback" not in r.output


def test_bad_style_is_refused(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["numbers", str(SEED), "--style", "dollars"])
    assert r.exit_code == 2
