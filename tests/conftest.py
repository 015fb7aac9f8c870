from __future__ import annotations

from pathlib import Path

import pytest

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
