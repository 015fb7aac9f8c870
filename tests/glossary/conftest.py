"""Shared glossaries for the glossary tests, as factories (sqlite-utils' ``fresh_db`` style): each test says
which rows it needs in one line instead of writing its own TSV."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from toolkit.cli import cli
from toolkit.glossary.model import COLUMNS

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "glossary" / "ai-industry.tsv"
SEED = ROOT / "corpus" / "kunlun-tiangong-overseas-music-ai.txt"

Row = tuple[str, ...]


@pytest.fixture
def write_glossary(tmp_path: Path) -> Callable[..., Path]:
    """``write_glossary(("中厂", "mid-size vendor"), ...)`` writes a TSV glossary and returns its path.

    The header is the first columns of the native order (zh, en, alt, forbid, status, domain, note), as many
    as the longest row has, unless ``header=`` names them; ``name=`` picks the file name; ``text=`` writes
    exactly that text instead, for tests about the file's bytes themselves.
    """

    def make(*rows: Row, header: Row | None = None, name: str = "g.tsv", text: str | None = None) -> Path:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            cols = header or COLUMNS[: max([2, *(len(r) for r in rows)])]
            text = "".join("\t".join(r) + "\n" for r in [tuple(cols), *rows])
        p.write_text(text, "utf-8")
        return p

    return make


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
