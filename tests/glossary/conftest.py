"""Shared glossaries for the glossary tests, as factories (sqlite-utils' ``fresh_db`` style): each test says
which rows it needs in one line instead of writing its own TSV."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from toolkit.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "glossary" / "ai-industry.tsv"
SEED = ROOT / "corpus" / "kunlun-tiangong-overseas-music-ai.txt"


@pytest.fixture
def shipped() -> Path:
    """The repository's glossary (the packaged copy is byte-identical)."""
    return SHIPPED


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """``run("glossary", "list", code=0)``: the CLI in a fresh working folder, asserting the exit code."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def invoke(*args: str, code: int = 0) -> Result:
        r = runner.invoke(cli, list(args), catch_exceptions=False)
        assert r.exit_code == code, (r.output, r.stderr)
        return r

    return invoke
