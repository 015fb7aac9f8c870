"""Writing a Translation out: Markdown, plain text, HTML (bilingual side by side), JSON, or aligned lines.

The article's structure is kept (title, headings, paragraphs). Segments that still fail their checks are
listed in a quality section (Markdown, HTML) so nothing flagged goes unnoticed; plain text stays clean
for pasting, with the summary on stderr and the details in JSON.
"""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING

from toolkit.errors import ZhbriefError

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.translation.model import Translation

FORMATS = ("md", "txt", "html", "json")


def signature_line(t: Translation) -> str:
    s = t.signature
    return (
        f"{s['tool']} · model {s['model']}@{s['model_sha256'] or '?'}"
        + (f" ({s['model_verified']})" if s.get("model_verified") else "")
        + f" · {s['glossary']} · prompt {s['prompt']}"
    )


def _blocks(t: Translation) -> list[tuple[str, str, str, bool, list[str]]]:
    """(kind, source, english, flagged, unfaithful source words) in reading order: kind is title, heading
    or para."""
    assert t.article is not None
    seg = t.by_id()
    out: list[tuple[str, str, str, bool, list[str]]] = []

    def words(*parts):  # type: ignore[no-untyped-def]
        return [f.part("source", "") for x in parts if x.quality is not None for f in x.quality.unfaithful]

    title = seg.get("title")
    if title is not None:
        out.append(("title", t.article.title_original, title.english, not title.quality.ok, words(title)))
    for s in t.article.sections:
        if s.heading is not None:
            h = seg[f"{s.id}h"]
            out.append(("heading", s.heading_original or s.heading, h.english, not h.quality.ok, words(h)))
        for p in s.paragraphs:
            parts = [seg[x.id] for x in p.sentences]
            english = " ".join(x.english for x in parts if x.english)
            out.append(("para", p.original, english, any(not x.quality.ok for x in parts), words(*parts)))
    return out


def _unfaithful_lines(t: Translation) -> list[str]:
    """One line per segment with source words its English leaves out or mistranslates."""
    return [
        f"{s.id}: " + "; ".join(str(f) for f in s.quality.unfaithful)
        for s in t.segments
        if s.quality is not None and s.quality.unfaithful
    ]


def _mark_source(escaped: str, words: list[str]) -> str:
    """The Chinese with each word the English leaves out or mistranslates highlighted (first occurrence)."""
    e = html.escape
    for w in dict.fromkeys(x for x in words if x):
        escaped = escaped.replace(e(w), f'<mark class="unfaithful">{e(w)}</mark>', 1)
    return escaped


def mark_titles(text: str, titles: list[str], start: str, end: str) -> str:
    """Each English title of the document memory (a work in 《》) marked as a title, its quotes dropped:
    ``*The Expedition*`` in Markdown, ``<cite>`` in HTML. The plain text and the lines stay unmarked."""
    for title in sorted(titles, key=len, reverse=True):
        quote_open, quote_close = r"(?:[\"“'‘]|&quot;|&#x27;)?", r"(?:[\"”'’]|&quot;|&#x27;)?"
        pattern = rf"(?<![\w*>]){quote_open}{re.escape(title)}{quote_close}(?![\w*<])"
        text = re.sub(pattern, lambda m, t=title: f"{start}{t}{end}", text)
    return text


def _titles(t: Translation) -> list[str]:
    return [r.en for r in t.renderings if r.is_title]


def _flagged_lines(t: Translation) -> list[str]:
    return [f"{s.id}: {'; '.join(s.quality.failures())}" for s in t.failed_segments()]


def _date_lines(t: Translation) -> list[str]:
    return [f"{s.id}: {'; '.join(s.quality.date_misses)}" for s in t.segments if s.quality.date_misses]


def _unsupported_lines(t: Translation) -> list[str]:
    """One line per segment whose English states numbers or names its source does not give."""
    return [
        f"{s.id}: " + "; ".join(str(u) for u in s.quality.unsupported)
        for s in t.segments
        if s.quality is not None and s.quality.unsupported
    ]


def _claims(t: Translation) -> list[str]:
    """Every unsupported claim's words, to highlight in the HTML."""
    return [u.part("english", "") for s in t.segments if s.quality is not None for u in s.quality.unsupported]


def _mark(escaped: str, claims: list[str]) -> str:
    e = html.escape
    for c in dict.fromkeys(x for x in claims if x):
        escaped = escaped.replace(e(c), f'<mark class="unsupported">{e(c)}</mark>', 1)
    return escaped


def _name_lines(t: Translation) -> list[str]:
    return [f"{n.zh} → {n.en} ({n.kind}; {', '.join(n.ids[:5])})" for n in t.names_to_check()]


def _page_lines(t: Translation) -> list[str]:
    """The web page's metadata under the title (Markdown); nothing for text and Markdown articles."""
    page = t.article.page if t.article is not None else None
    return [] if page is None else [f"*{page.line()}*", ""]


def render_markdown(t: Translation, bilingual: bool = False) -> str:
    lines: list[str] = []
    titles = _titles(t)
    for kind, zh, en, _, _ in _blocks(t):
        en = mark_titles(en, titles, "*", "*") if kind != "title" else en
        if kind == "title":
            lines += [f"# {en}", ""]
            if bilingual:
                lines += [f"*{zh}*", ""]
            lines += _page_lines(t)
        elif kind == "heading":
            lines += [f"## {en}", ""]
            if bilingual:
                lines += [f"*{zh}*", ""]
        else:
            if bilingual:
                lines += [f"> {zh}", ""]
            lines += [en, ""]
    lines += ["---", "", f"*Quality: {t.summary()}*", ""]
    flagged = _flagged_lines(t)
    if flagged:
        lines += ["Flagged segments (kept as translated, check them):", ""]
        lines += [f"- {f}" for f in flagged] + [""]
    unsupported = _unsupported_lines(t)
    if unsupported:
        lines += ["Unsupported claims (numbers, places, names the source does not give):", ""]
        lines += [f"- {u}" for u in unsupported] + [""]
    unfaithful = _unfaithful_lines(t)
    if unfaithful:
        lines += ["Source words the English leaves out or mistranslates (check them):", ""]
        lines += [f"- {u}" for u in unfaithful] + [""]
    dates = _date_lines(t)
    if dates:
        lines += ["Dates the English lost or changed (check them):", ""]
        lines += [f"- {d}" for d in dates] + [""]
    names = _name_lines(t)
    if names:
        lines += ["Names to check (pinyin guesses and titles; fix one with `zhbrief glossary add`):", ""]
        lines += [f"- {n}" for n in names] + [""]
    lines.append(f"<!-- {signature_line(t)} -->")
    return "\n".join(lines) + "\n"


def render_text(t: Translation, bilingual: bool = False) -> str:
    lines: list[str] = []
    for kind, zh, en, _, _ in _blocks(t):
        if bilingual:
            lines.append(zh)
        lines.append(en)
        if kind != "heading" or bilingual:
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


_CSS = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.55}
table{border-collapse:collapse;width:100%}td{vertical-align:top;padding:.4rem .6rem;width:50%}
tr:nth-child(even){background:#f6f6f6}.zh{font-family:"Noto Sans CJK SC","PingFang SC",sans-serif}
.flag{border-left:4px solid #d33;background:#fff4f4}mark.unsupported{background:#fdd}mark.unfaithful{background:#ffe08a}footer{color:#666;font-size:.85rem;margin-top:2rem}
"""


def render_html(t: Translation, bilingual: bool = False) -> str:
    e = html.escape
    blocks = _blocks(t)
    title = next((en for kind, _, en, _, _ in blocks if kind == "title"), "Translation")
    body: list[str] = []
    rows: list[str] = []
    tags = {"title": "h1", "heading": "h2", "para": "p"}
    claims = _claims(t)
    titles = [e(x) for x in _titles(t)]
    for kind, zh, en, flagged, words in blocks:
        cls = ' class="flag"' if flagged else ""
        tag = tags[kind]
        marked = mark_titles(_mark(e(en), claims) if flagged else e(en), titles, "<cite>", "</cite>")
        if bilingual:
            rows.append(
                f'<tr{cls}><td class="zh" lang="zh"><{tag}>{_mark_source(e(zh), words)}</{tag}></td>'
                f'<td lang="en"><{tag}>{marked}</{tag}></td></tr>'
            )
        else:
            body.append(f"<{tag}{cls}>{marked}</{tag}>")
        if kind == "title" and t.article is not None and t.article.page is not None:
            page = f'<p class="page">{e(t.article.page.line())}</p>'
            (rows if bilingual else body).append(
                f'<tr><td colspan="2">{page}</td></tr>' if bilingual else page
            )
    if bilingual:
        body.append("<table>" + "\n".join(rows) + "</table>")
    flagged = _flagged_lines(t)
    foot = [f"<p>{e(t.summary())}</p>"]
    if flagged:
        foot.append("<p>Flagged segments (kept as translated, check them):</p><ul>")
        foot += [f"<li>{e(f)}</li>" for f in flagged]
        foot.append("</ul>")
    unsupported = _unsupported_lines(t)
    if unsupported:
        foot.append("<p>Unsupported claims (numbers, places, names the source does not give):</p><ul>")
        foot += [f"<li>{e(u)}</li>" for u in unsupported]
        foot.append("</ul>")
    unfaithful = _unfaithful_lines(t)
    if unfaithful:
        foot.append("<p>Source words the English leaves out or mistranslates (check them):</p><ul>")
        foot += [
            f"<li>{e(s.id)}: "
            + "; ".join(_mark_source(e(str(f)), [f.part("source", "")]) for f in s.quality.unfaithful)
            + "</li>"
            for s in t.segments
            if s.quality is not None and s.quality.unfaithful
        ]
        foot.append("</ul>")
    dates = _date_lines(t)
    if dates:
        foot.append("<p>Dates the English lost or changed (check them):</p><ul>")
        foot += [f"<li>{e(d)}</li>" for d in dates]
        foot.append("</ul>")
    names = _name_lines(t)
    if names:
        foot.append('<p class="names">Names to check (pinyin guesses and titles):</p><ul>')
        foot += [f"<li>{e(n)}</li>" for n in names]
        foot.append("</ul>")
    foot.append(f"<p>{e(signature_line(t))}</p>")
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n<footer>"
        + "\n".join(foot)
        + "</footer>\n</body></html>\n"
    )


def render_json(t: Translation) -> str:
    d = t.to_dict()
    # The web page's metadata (null for text and Markdown articles and for --lines).
    d["page"] = t.article.page.to_dict() if t.article is not None and t.article.page is not None else None
    return json.dumps(d, ensure_ascii=False, indent=2) + "\n"


def render_lines(t: Translation, bilingual: bool = False) -> str:
    """One English line per input line (aligned); bilingual puts the source and a tab before each."""
    if bilingual:
        return "".join(f"{s.source}\t{s.english}\n" for s in t.segments)
    return "".join(f"{s.english}\n" for s in t.segments)


def render(t: Translation, fmt: str, bilingual: bool = False, lines: bool = False) -> str:
    if fmt == "json":
        return render_json(t)
    if lines:
        if fmt != "txt":
            raise ZhbriefError(f"--lines writes aligned text or JSON, not {fmt}; use --format txt or json")
        return render_lines(t, bilingual)
    if fmt == "md":
        return render_markdown(t, bilingual)
    if fmt == "txt":
        return render_text(t, bilingual)
    if fmt == "html":
        return render_html(t, bilingual)
    raise ZhbriefError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
