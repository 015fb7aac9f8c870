"""JSON: ``Brief.to_dict()`` as is (the schema is documented in toolkit/brief/model.py)."""

from __future__ import annotations

import json

from toolkit.article import Article
from toolkit.brief.model import Brief


def render(brief: Brief, article: Article) -> str:
    return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"
