"""The corpus report: every article's figures, the totals, and the glossary's coverage of the corpus — the
terms it pinned and the frequent terms it does not have yet (``glossary mine``), which is where the next
glossary edit comes from.

``build_report`` returns plain data (the JSON form); ``render_markdown`` words it for people.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from toolkit import __version__
from toolkit.batch.runner import BatchResult
from toolkit.errors import UsageError
from toolkit.markdown import cell as _cell
from toolkit.outputs import FORMAT_OF_SUFFIX, write_output

SCHEMA = "zhbrief.batch-report/1"
REPORT_FORMATS = ("md", "json")


def report_format(path: str | Path) -> str:
    """The report's format from its suffix; any other suffix is a bad option (exit 2), refused before the
    run rather than written as Markdown under a name that promises something else."""
    fmt = FORMAT_OF_SUFFIX.get(Path(path).suffix.lower())
    if fmt not in REPORT_FORMATS:
        raise UsageError(f"--report {path}: name it .md or .json (give --report twice for both)")
    return fmt


def _candidates(result: BatchResult, glossary: Any, top: int) -> tuple[list[dict[str, Any]], str | None]:
    named = [(o.rel, o.article.text) for o in result.outcomes if o.article is not None]
    if not named or top <= 0:
        return [], None
    try:
        # lazy: only a report with candidates loads mining (the annotation stack, jieba's keyword tables)
        from toolkit.glossary import Glossary
        from toolkit.mining import mine

        found = mine(named, glossary if glossary is not None else Glossary(), top=top, min_freq=2)
        return [c.to_dict() for c in found], None
    except Exception as e:  # mining is a suggestion; a failure there must not cost the report
        return [], f"{type(e).__name__}: {e}"


def build_report(result: BatchResult, glossary: Any = None, candidates: int = 15) -> dict[str, Any]:
    articles: list[dict[str, Any]] = []
    tot: dict[str, Any] = {
        "articles": result.total,
        "reached": len(result.outcomes),
        "done": result.count("done"),
        "cached": result.count("skipped"),
        "failed": result.count("failed"),
        "sections": 0,
        "term_occurrences": 0,
        "term_hits": 0,
        "quantities": 0,
        "quantity_errors": 0,
        "cjk_leaks": 0,
        "retries": 0,
        "repairs": 0,
        "fallbacks": 0,
        "passed": 0,
        "result_seconds": 0.0,
        "wall_seconds": round(result.seconds, 2),
    }
    hits: dict[tuple[str, str], list[int]] = {}
    for o in result.outcomes:
        f = o.figures
        articles.append(
            {
                "input": o.input,
                "name": o.rel,
                "status": o.status,
                **{
                    k: f.get(k)
                    for k in (
                        "sections",
                        "term_adherence",
                        "term_hits",
                        "term_occurrences",
                        "quantity_errors",
                        "cjk_leaks",
                        "retries",
                        "repairs",
                        "fallbacks",
                        "passed",
                    )
                },
                "quantities": o.quantities,
                "seconds": round(o.seconds, 2),
                "result_seconds": o.result_seconds,
                "outputs": [x["path"] for x in o.outputs],
                "problems": o.problems,
                "error": o.error,
                # A web page's own metadata (title, site, author, date, URL, how it was read); null otherwise.
                "page": o.article.page.to_dict() if o.article is not None and o.article.page else None,
            }
        )
        if o.status == "failed":
            continue
        for k in (
            "sections",
            "term_occurrences",
            "term_hits",
            "quantity_errors",
            "cjk_leaks",
            "retries",
            "repairs",
            "fallbacks",
        ):
            tot[k] += int(f.get(k) or 0)
        tot["quantities"] += o.quantities
        tot["passed"] += bool(f.get("passed"))
        tot["result_seconds"] += float(o.result_seconds or 0)
        for zh, en, n in o.terms:
            h = hits.setdefault((zh, en), [0, 0])
            h[0] += n
            h[1] += 1
    tot["result_seconds"] = round(tot["result_seconds"], 2)
    tot["term_adherence"] = (
        round(tot["term_hits"] / tot["term_occurrences"], 4) if tot["term_occurrences"] else None
    )
    ok = tot["done"] + tot["cached"]
    tot["articles_per_hour"] = round(3600 * ok / tot["result_seconds"], 1) if tot["result_seconds"] else None
    cands, mine_error = _candidates(result, glossary, candidates)
    terms_hit = [
        {"zh": zh, "en": en, "count": c, "articles": a}
        for (zh, en), (c, a) in sorted(hits.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))
    ]
    entries = len(glossary.entries) if glossary is not None else 0
    return {
        "schema": SCHEMA,
        "run": result.run_id,
        "task": result.task,
        "out_dir": str(result.out_dir),
        "manifest": str(result.manifest),
        "date": _dt.date.today().isoformat(),
        "version": __version__,
        "fingerprint": result.fingerprint,
        "stopped_early": result.stopped_early,
        "totals": tot,
        "articles": articles,
        "glossary": {
            "entries": entries,
            "sha256": getattr(glossary, "sha256", "") if glossary is not None else "",
            "terms_hit": terms_hit,
            "entries_hit": len(terms_hit),
            "candidates": cands,
            "candidates_error": mine_error,
        },
    }


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def render_markdown(rep: dict[str, Any]) -> str:
    t = rep["totals"]
    fp = rep["fingerprint"]
    out = [
        f"# Batch report: {rep['out_dir']}",
        "",
        f"{rep['task']} · {t['articles']} articles · zhbrief {rep['version']} · model {str(fp.get('model'))[:12]} · "
        f"settings {json.dumps(fp.get('settings'), sort_keys=True)} · run {rep['run']} · {rep['date']}",
        "",
        "## Totals",
        "",
        "| | |",
        "|---|---:|",
        f"| articles done now / from cache / failed | {t['done']} / {t['cached']} / {t['failed']} |",
        f"| passed every check | {t['passed']} of {t['done'] + t['cached']} |",
        f"| term adherence | {_pct(t['term_adherence'])} ({t['term_hits']}/{t['term_occurrences']}) |",
        f"| quantity errors | {t['quantity_errors']} ({t['quantities']} amounts in the sources) |",
        f"| Chinese left in English | {t['cjk_leaks']} |",
        f"| retries · repairs · fallbacks | {t['retries']} · {t['repairs']} · {t['fallbacks']} |",
        f"| model time (when computed) | {t['result_seconds']:.1f} s |",
        f"| this run's wall time | {t['wall_seconds']:.1f} s |",
        "",
    ]
    if rep.get("stopped_early"):
        out += [f"Stopped at the first failure (--fail-fast): {t['reached']} of {t['articles']} reached.", ""]
    out += [
        "## Articles",
        "",
        "| Article | Status | Sections | Terms | Quantity errors | Fallbacks | Time (s) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for a in rep["articles"]:
        if a["status"] == "failed":
            out.append(f"| {_cell(a['name'])} | **failed** | | | | | {a['seconds']:.1f} |")
            continue
        secs = a["result_seconds"] if a["result_seconds"] is not None else a["seconds"]
        status = "done" if a["status"] == "done" else "cached"
        if not a.get("passed"):
            status += " ⚠"
        out.append(
            f"| {_cell(a['name'])} | {status} | {a['sections']} | {_pct(a['term_adherence'])} | "
            f"{a['quantity_errors']} | {a['fallbacks']} | {float(secs):.1f} |"
        )
    out.append("")
    pages = [a for a in rep["articles"] if a.get("page")]
    if pages:
        out += ["## Web pages", "", "| Article | Title | Site | Date | Read |", "|---|---|---|---|---|"]
        for a in pages:
            pg = a["page"]
            out.append(
                f"| {_cell(a['name'])} | {_cell(pg['title'])} | {_cell(pg['site'])} | {_cell(pg['date'])} | "
                f"{_cell(pg['extraction'])} |"
            )
        out.append("")
    review = [a for a in rep["articles"] if a["status"] == "failed" or a["problems"]]
    if review:
        out += ["## To review", ""]
        for a in review:
            out.append(
                f"- **{a['name']}**: " + (a["error"] if a["status"] == "failed" else "; ".join(a["problems"]))
            )
        out.append("")
    g = rep["glossary"]
    out += ["## Glossary coverage", ""]
    out.append(f"{g['entries_hit']} of {g['entries']} glossary entries occur in the corpus.")
    out.append("")
    if g["terms_hit"]:
        out += ["| Chinese | English | Occurrences | Articles |", "|---|---|---:|---:|"]
        out += [
            f"| {_cell(x['zh'])} | {_cell(x['en'])} | {x['count']} | {x['articles']} |"
            for x in g["terms_hit"]
        ]
        out.append("")
    out += ["### Frequent terms the glossary does not pin yet", ""]
    if g["candidates"]:
        out += ["| Term | Frequency | Articles | Context |", "|---|---:|---:|---|"]
        for c in g["candidates"]:
            ctx = " · ".join(c.get("contexts", [])[:1])
            out.append(f"| {_cell(c['term'])} | {c['freq']} | {c['articles']} | {_cell(ctx)} |")
        out += [
            "",
            "Pin one with `zhbrief glossary add`; the next batch redoes only the articles that contain it.",
            "",
        ]
    elif g.get("candidates_error"):
        out += [f"_(mining failed: {g['candidates_error']})_", ""]
    else:
        out += ["_(none: no unpinned term occurs twice)_", ""]
    return "\n".join(out)


def write_reports(paths: Sequence[str | Path], rep: dict[str, Any]) -> list[Path]:
    written = []
    for p in paths:
        fmt = report_format(p)
        text = json.dumps(rep, ensure_ascii=False, indent=2) + "\n" if fmt == "json" else render_markdown(rep)
        write_output(Path(p), text)  # a link at p is replaced, never written through
        written.append(Path(p))
    return written
