"""Markdown: the brief an analyst pastes into a note or an email."""

from __future__ import annotations

from toolkit.article import Article
from toolkit.brief.model import Brief, SummarySentence
from toolkit.brief.render.common import metadata_line, quality_lines
from toolkit.markdown import cell


def _cite(s: SummarySentence) -> str:
    flag = " ⚠" if s.status == "flagged" else ""
    return f"{s.text} [{', '.join(s.sources)}]{flag}"


def render(brief: Brief, article: Article) -> str:
    out = [f"# {brief.title_en}", "", f"*{brief.title_zh}*", "", metadata_line(brief), ""]
    if article.page is not None:
        out[-1:] = ["", article.page.line(), ""]
    out += ["## Key points", ""]
    out += [f"- {_cite(s)}" for s in brief.key_points]
    out.append("")
    for sec in brief.sections:
        if sec.heading_zh is None:
            out.append("## Lede")
        else:
            out.append(f"## {sec.heading_en} ({sec.heading_zh})")
        out.append("")
        out.append(" ".join(_cite(s) for s in sec.summary) if sec.summary else "_(no text)_")
        out.append("")
    if brief.figures:
        out += ["## Key figures", "", "| Source | Chinese | English |", "|---|---|---|"]
        out += [f"| {f.id} | {cell(f.source)} | {cell(f.english)} |" for f in brief.figures]
        out.append("")
    if brief.terms:
        out += ["## Terms", "", "| Chinese | English | Count |", "|---|---|---:|"]
        out += [f"| {cell(t.zh)} | {cell(t.en)} | {t.count} |" for t in brief.terms]
        out.append("")
    if brief.names_to_check:
        out += [
            "## Names to check",
            "",
            "Pinyin guesses and titles; fix one with `zhbrief glossary add` or `--names`.",
            "",
        ]
        out += ["| Chinese | English | Kind | Sentences |", "|---|---|---|---|"]
        out += [
            f"| {cell(n.zh)} | {cell(n.en or '')} | {n.kind} | {', '.join(n.ids[:5])} |"
            for n in brief.names_to_check
        ]
        out.append("")
    out += ["## Quality", ""]
    out += [f"- {line}" for line in quality_lines(brief)]
    out += ["", f"`{brief.signature}`", ""]
    return "\n".join(out)
