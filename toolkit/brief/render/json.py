"""JSON: ``Brief.to_dict()`` (the schema is documented in toolkit/brief/model.py) plus ``page``: the web
page's metadata (``toolkit.article.PageMeta``), null for text and Markdown."""

from __future__ import annotations

import json

from toolkit.article import Article
from toolkit.brief.model import Brief


def render(brief: Brief, article: Article) -> str:
    d = brief.to_dict()
    # The web page's metadata (null for text and Markdown articles), beside the brief's own fields.
    d["page"] = article.page.to_dict() if article.page is not None else None
    return json.dumps(d, ensure_ascii=False, indent=2) + "\n"
