"""HTML: one self-contained page (no fetches), the English brief beside the Chinese source.

Every source sentence is a ``<span data-id="§2¶3s1">``; every summary sentence carries its source ids as
buttons. Clicking one highlights and scrolls to those source sentences, so a reader can check a claim in
one click. The script and style are inline; the page works from a file:// URL with the network off.
"""

from __future__ import annotations

from html import escape

from toolkit.article import Article
from toolkit.brief.model import Brief, SummarySentence
from toolkit.brief.render.common import metadata_line, quality_lines, unsupported_spans

_CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC","PingFang SC",sans-serif;color:#1d2330;background:#f6f7f9}
header{padding:18px 28px;background:#fff;border-bottom:1px solid #dde1e7}
header h1{margin:0 0 4px;font-size:22px}
header .zh{color:#555;margin:0 0 6px}
header .meta{color:#667;font-size:12px}
main{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:0;height:calc(100vh - 120px)}
.pane{overflow:auto;padding:18px 28px}
.pane.en{background:#fff;border-right:1px solid #dde1e7}
.pane.zh{background:#fbfbf8}
h2{font-size:16px;margin:22px 0 8px;border-bottom:1px solid #eee;padding-bottom:4px}
h2 .zh{color:#777;font-weight:normal;margin-left:6px}
.sum{margin:0 0 6px}
.cite{display:inline-block;margin-left:4px;padding:0 5px;border:1px solid #9ab;border-radius:9px;background:#eef4fb;color:#245;font-size:11px;cursor:pointer;font-family:ui-monospace,monospace}
.cite:hover{background:#d6e6f7}
.status-flagged{background:#fff0f0}
.status-fallback .cite,.status-retried .cite,.status-repaired .cite{border-style:dashed}
.src{border-radius:3px;transition:background .2s}
.src.hl{background:#ffe58a;box-shadow:0 0 0 2px #ffe58a}
.zh p{margin:0 0 10px}
.zh h3{font-size:15px;margin:18px 0 6px}
.sid{color:#aab;font-size:10px;font-family:ui-monospace,monospace;margin-right:2px;vertical-align:super}
table{border-collapse:collapse;font-size:13px;margin:6px 0}
td,th{border:1px solid #e1e4ea;padding:3px 8px;text-align:left}
.quality li.bad{color:#a11}
mark.unsupported{background:#fdd;border-bottom:2px solid #d33}
.sig{font-family:ui-monospace,monospace;font-size:11px;color:#889;word-break:break-all}
@media (max-width:900px){main{grid-template-columns:1fr;height:auto}.pane{overflow:visible}}
"""

_JS = """
function zhHighlight(ids) {
  document.querySelectorAll('.src.hl').forEach(function (e) { e.classList.remove('hl'); });
  var first = null;
  ids.split(' ').forEach(function (id) {
    var el = document.querySelector('.src[data-id="' + id + '"]');
    if (el) { el.classList.add('hl'); if (!first) first = el; }
  });
  if (first) first.scrollIntoView({block: 'center'});
}
document.addEventListener('click', function (ev) {
  var b = ev.target.closest('.cite');
  if (b) zhHighlight(b.getAttribute('data-ids'));
});
// A link to brief.html#cite=N opens with the N-th citation clicked: shareable, and testable headless.
window.addEventListener('load', function () {
  var m = /^#cite=(\\d+)$/.exec(location.hash);
  if (!m) return;
  var b = document.querySelectorAll('.cite')[+m[1]];
  if (b) b.click();
});
"""


def _sentence(s: SummarySentence) -> str:
    ids = " ".join(s.sources)
    cite = f'<button class="cite" data-ids="{escape(ids)}" title="Show the source sentences">{escape(", ".join(s.sources))}</button>'
    return f'<span class="sum status-{escape(s.status)}">{_marked(s)}{cite}</span> '


def _marked(s: SummarySentence) -> str:
    """The sentence escaped, each claim its source does not support in a <mark> that says why."""
    claims = [
        (u.part("english", ""), u.part("detail", "")) for u in (s.quality.unsupported if s.quality else [])
    ]
    out, at = [], 0
    for start, end, why in unsupported_spans(s.text, claims):
        out += [escape(s.text[at:start]), f'<mark class="unsupported" title="{escape(why)}">']
        out += [escape(s.text[start:end]), "</mark>"]
        at = end
    return "".join(out) + escape(s.text[at:])


def _page_line(article: Article) -> str:
    """The web page's own metadata (site, author, date, URL, how it was read), under the brief's."""
    return "" if article.page is None else f'<p class="meta page">{escape(article.page.line())}</p>'


def _source_pane(article: Article) -> str:
    parts = [f"<h2>{escape(article.title_original)}</h2>"]
    for sec in article.sections:
        if sec.heading_original is not None:
            parts.append(f"<h3>{escape(sec.heading_original)}</h3>")
        for p in sec.paragraphs:
            spans = "".join(
                f'<span class="src" data-id="{escape(s.id)}"><span class="sid">{escape(s.id)}</span>{escape(s.original)}</span>'
                for s in p.sentences
            )
            parts.append(f"<p>{spans}</p>")
    return "\n".join(parts)


def render(brief: Brief, article: Article) -> str:
    en: list[str] = ["<h2>Key points</h2><ul>"]
    en += [f"<li>{_sentence(s)}</li>" for s in brief.key_points]
    en.append("</ul>")
    for sec in brief.sections:
        if sec.heading_zh is None:
            en.append("<h2>Lede</h2>")
        else:
            en.append(
                f'<h2>{escape(sec.heading_en or "")}<span class="zh">{escape(sec.heading_zh)}</span></h2>'
            )
        en.append('<p class="sum">' + "".join(_sentence(s) for s in sec.summary) + "</p>")
    if brief.figures:
        en.append("<h2>Key figures</h2><table><tr><th>Source</th><th>Chinese</th><th>English</th></tr>")
        en += [
            f'<tr><td><button class="cite" data-ids="{escape(f.id)}">{escape(f.id)}</button></td>'
            f"<td>{escape(f.source)}</td><td>{escape(f.english)}</td></tr>"
            for f in brief.figures
        ]
        en.append("</table>")
    if brief.terms:
        en.append("<h2>Terms</h2><table><tr><th>Chinese</th><th>English</th><th>Count</th></tr>")
        en += [
            f"<tr><td>{escape(t.zh)}</td><td>{escape(t.en)}</td><td>{t.count}</td></tr>" for t in brief.terms
        ]
        en.append("</table>")
    if brief.names_to_check:
        en.append("<h2>Names to check</h2><table><tr><th>Chinese</th><th>English</th><th>Kind</th></tr>")
        en += [
            f"<tr><td>{escape(n.zh)}</td><td>{escape(n.en or '')}</td><td>{escape(n.kind)}</td></tr>"
            for n in brief.names_to_check
        ]
        en.append("</table>")
    en.append('<h2>Quality</h2><ul class="quality">')
    for line in quality_lines(brief):
        bad = line.isupper() or line.split(" ")[0].isupper() or line.startswith("SOME")
        en.append(f'<li class="{"bad" if bad else ""}">{escape(line)}</li>')
    en.append(f'</ul><p class="sig">{escape(brief.signature)}</p>')

    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{escape(brief.signature)}">
<title>{escape(brief.title_en)}</title>
<style>{_CSS}</style>
</head>
<body>
<header>
<h1>{escape(brief.title_en)}</h1>
<p class="zh" lang="zh">{escape(brief.title_zh)}</p>
<p class="meta">{escape(metadata_line(brief))}</p>
{_page_line(article)}
</header>
<main>
<section class="pane en" lang="en">
{"".join(en)}
</section>
<section class="pane zh" lang="zh">
{_source_pane(article)}
</section>
</main>
<script>{_JS}</script>
</body>
</html>
"""
