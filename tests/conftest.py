from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from toolkit.glossary.model import COLUMNS

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = CORPUS / "kunlun-tiangong-overseas-music-ai.txt"
SHARED_EVAL = ROOT.parent / "shared" / "eval" / "wmt21-zhen"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_article():
    from toolkit.ingest import read_article

    return read_article(SEED)


# --- engines ----------------------------------------------------------------------------------------------


class ScriptedEngine:
    """Control-flow stand-in for an engine: replays fixed answers, counts the calls and keeps what each call
    was given. It tests when a stage spends a model call and what it asks for, never translation or
    summarization (those tests use the real small model)."""

    chat = True
    model_id = "scripted"
    sha256 = None
    context_length = 4096

    def __init__(self, answers: list[str]):
        self.answers = answers
        self.calls = 0
        self.requests: list[dict] = []
        self.nudges: list = []

    def generate(self, messages, **kw):  # type: ignore[no-untyped-def]
        from toolkit.engines.base import Generation

        text = self.answers[min(self.calls, len(self.answers) - 1)]
        self.calls += 1
        self.requests.append({"messages": messages, **kw})
        self.nudges = list(kw.get("nudge", ()))
        return Generation(text, 10, 5, 0.0, "stop")

    def count_tokens(self, text: str) -> int:
        return len(text)


@pytest.fixture
def scripted():
    """``scripted(["1. answer", ...])`` → a ScriptedEngine replaying those answers."""
    return ScriptedEngine


# --- glossaries -------------------------------------------------------------------------------------------

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
