"""Cache keys: what an article's result depends on, hashed — and nothing else.

An article's key is the sha256 of a canonical JSON object holding

- ``content``: the hash of the article as the pipeline sees it (normalized, simplified title, headings,
  paragraphs and sentences; not its path, encoding or original script, which only the rendering shows and
  which the renderer takes from the freshly read article);
- ``terms``: the fields that change output (zh, en, alt, forbid, status) of the glossary entries that occur
  in the article, sorted — so an edit to an entry the article does not contain redoes nothing;
- ``run``: the run fingerprint, shared by all articles: task, the settings that change the result (not the
  output formats: a new format is rendered from the cached result), model sha256 (or id when it has none),
  tool version, prompt versions and the key scheme's own version.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from toolkit.article import Article

KEY_SCHEME = "zhbrief.batch-key/1"
ENTRY_FIELDS = ("zh", "en", "alt", "forbid", "status")
"""Entry fields that can change an output; ``domain`` and ``note`` are for people."""


def _digest(obj: Any) -> str:
    blob = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def canonical_article(article: Article) -> dict[str, Any]:
    """The article as the model stages see it: structure and normalized text, nothing about the file."""
    return {
        "title": article.title,
        "title_from": article.title_from,
        "sections": [
            {"heading": s.heading, "paragraphs": [[x.text for x in p.sentences] for p in s.paragraphs]}
            for s in article.sections
        ],
    }


def content_hash(article: Article) -> str:
    return _digest(canonical_article(article))


def article_texts(article: Article) -> list[str]:
    """Every piece of text the pipeline matches terms in: title, headings, sentences (each on its own, as
    the pipeline does, so no match straddles two sentences)."""
    texts = [article.title]
    for s in article.sections:
        if s.heading:
            texts.append(s.heading)
        texts.extend(x.text for x in s.sentences())
    return texts


def entry_fields(entry: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in ENTRY_FIELDS:
        v = getattr(entry, f, None)
        out[f] = list(v) if isinstance(v, list | tuple) else v
    return out


def occurring_terms(article: Article, glossary: Any) -> list[dict[str, Any]]:
    """The glossary entries that occur in ``article`` (any status: a candidate can shadow a shorter pinned
    term, so it matters too), as sorted, de-duplicated field dicts."""
    if glossary is None:
        return []
    seen: dict[str, dict[str, Any]] = {}
    for text in article_texts(article):
        for m in glossary.match(text):
            d = entry_fields(m.entry)
            seen.setdefault(_digest(d), d)
    return [seen[k] for k in sorted(seen)]


def run_fingerprint(
    *,
    task: str,
    settings: Mapping[str, Any],
    model_id: str | None,
    model_sha256: str | None,
    version: str,
    prompts: Mapping[str, str],
) -> dict[str, Any]:
    """What every article of a run shares. A model is identified by its bytes when their hash is known (an
    alias and the path to the same file give the same key), else by its id."""
    return {
        "scheme": KEY_SCHEME,
        "task": task,
        "settings": dict(settings),
        "model": model_sha256 or f"id:{model_id}",
        "version": version,
        "prompts": dict(prompts),
    }


def cache_key(content: str, terms: Iterable[Mapping[str, Any]], run: Mapping[str, Any]) -> str:
    return _digest({"content": content, "terms": list(terms), "run": dict(run)})


def prompt_versions() -> dict[str, str]:
    """The prompt versions a result depends on (part of the run fingerprint)."""
    # lazy: brief.prompts imports the whole brief stack (its package); only a run's key needs two strings
    from toolkit.brief.prompts import PROMPT_VERSION as summary_prompt
    from toolkit.translation.prompts import PROMPT_VERSION as translation_prompt

    # Both tasks depend on both: a brief falls back to the translation pipeline for a failing sentence.
    return {"summary": summary_prompt, "translation": translation_prompt}
