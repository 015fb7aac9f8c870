"""Pieces every renderer words the same way."""

from __future__ import annotations

import os

from toolkit.brief.model import Brief


def metadata_line(brief: Brief) -> str:
    gl = (
        ", ".join(f"{os.path.basename(g['path'])} ({g['sha256'][:8]})" for g in brief.glossary_files)
        or "none"
    )
    checked = f", {brief.model_verified}" if brief.model_verified else ""
    model = brief.model + (f" ({brief.model_sha256[:8]}{checked})" if brief.model_sha256 else "")
    n_sections = len(brief.sections)
    return (
        f"Source: {brief.source} · {brief.chars:,} characters · {n_sections} sections · model {model} · "
        f"glossary {gl} · {brief.date} · {brief.seconds:.1f} s"
    )


def unsupported_spans(text: str, claims: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """(start, end, why) of each claim's first occurrence in ``text`` (for highlighting), in text order."""
    out: list[tuple[int, int, str]] = []
    for english, detail in claims:
        at = text.find(english) if english else -1
        if at >= 0 and not any(s < at + len(english) and at < e for s, e, _ in out):
            out.append((at, at + len(english), detail))
    return sorted(out)


def pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def quality_lines(brief: Brief) -> list[str]:
    q = brief.quality
    lines = [
        f"Term adherence: {pct(q.term_adherence)} ({q.term_hits}/{q.term_occurrences} pinned terms of the sources "
        "the summaries cite, each term once per summary sentence; dnt terms not required)",
        f"Quantity errors: {len(q.quantity_errors)} ({q.quantity_checked} amounts checked)",
        f"Chinese left in English text: {len(q.cjk_leaks)}",
        f"Unsupported claims: {len(q.unsupported)} (numbers, places, names the cited source does not give; "
        f"{q.unsupported_in_drafts} in the first drafts)",
        f"Retries: {q.retries} · fallbacks to translation: {q.fallbacks} · deterministic repairs: {q.repairs}",
    ]
    for m in q.term_misses:
        lines.append(f"MISSED TERM {m.get('zh')} → {m.get('en')} in {m.get('id', '?')}")
    for f in q.forbidden_found:
        lines.append(f"FORBIDDEN FORM {f.get('form')!r} for {f.get('zh')} in {f.get('id', '?')}")
    for e in q.quantity_errors:
        lines.append(
            f"QUANTITY {e.get('source')} expected {e.get('expected')} in {e.get('id', '?')}: {e.get('problem')}"
        )
    for leak in q.cjk_leaks:
        lines.append(f"CHINESE LEFT {leak.get('text')!r} in {leak.get('where')}")
    for u in q.unsupported:
        lines.append(
            f"UNSUPPORTED {u.get('kind')} {u.get('english')!r} in {u.get('id', '?')}: {u.get('detail')}"
        )
    for f in q.unfaithful:
        lines.append(
            f"{str(f.get('kind', '')).upper()} {f.get('source')} in {f.get('id', '?')}: {f.get('detail')}"
        )
    lines.append("All checks passed." if q.passed else "SOME CHECKS FAILED — see above.")
    return lines
