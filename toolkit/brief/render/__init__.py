"""Renderers for a Brief: one module per format behind one function signature.

``render(brief, article, fmt)`` dispatches; each renderer is ``render(brief, article) -> str``.
"""

from __future__ import annotations

from toolkit.article import Article
from toolkit.brief.model import Brief
from toolkit.errors import ZhbriefError

FORMATS = ("md", "html", "json")


def render(brief: Brief, article: Article, fmt: str) -> str:
    if fmt == "md":
        # lazy: only the requested format's renderer loads
        from toolkit.brief.render.markdown import render as r
    elif fmt == "html":
        # lazy: only the requested format's renderer loads
        from toolkit.brief.render.html import render as r
    elif fmt == "json":
        # lazy: only the requested format's renderer loads
        from toolkit.brief.render.json import render as r
    else:
        raise ZhbriefError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return r(brief, article)
