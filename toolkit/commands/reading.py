"""``zhbrief inspect`` and ``zhbrief segment``: show how an article was read."""

from __future__ import annotations

import click

from toolkit.commands.common import dump_json, extract_option, glossary_options, load_glossary
from toolkit.glossary.model import term_units
from toolkit.ingest import read_article
from toolkit.segment import Segmenter

ARTICLE = click.argument("file", metavar="FILE", type=click.Path(allow_dash=True))


@click.command("inspect")
@ARTICLE
@extract_option
@click.option(
    "--json", "as_json", is_flag=True, help="Print the whole reading as JSON (sections, sentences, ids)."
)
def inspect_cmd(file: str, as_json: bool, extract: bool) -> None:
    """Show how FILE was read: encoding, script, title, sections, and removed boilerplate.

    FILE may be UTF-8/UTF-16/GB18030/Big5 plain text, Markdown, HTML or PDF; `-` reads standard input. A web
    page is read for its main text (menus, related links and comments left out); the page's title, site,
    author, date and URL are shown, and which path read it (--no-extract: the whole page). A PDF's text
    layer is read in reading order; its running headers, footers, page numbers and notices are listed
    as removed, by page (no OCR: a scan is refused).
    Sentence ids (§2¶3s1 = section 2, paragraph 3, sentence 1; §0 is the lede) are the ones every
    later command cites.
    """
    article = read_article(file, extract=extract)
    if as_json:
        dump_json(article.to_dict())
        return
    click.echo(f"{article.source}: {article.format}, {article.encoding}, {article.script} script")
    click.echo(f"title ({article.title_from}): {article.title_original}")
    if article.page is not None:
        click.echo("page: " + "; ".join(f"{k} {v}" for k, v in article.page.fields()))
    click.echo(f"{len(article.sections)} sections, {article.chars} characters")
    for s in article.sections:
        n_sent = sum(len(p.sentences) for p in s.paragraphs)
        heading = s.heading_original if s.heading is not None else "(lede)"
        click.echo(
            f"  {s.id:<4} {heading}  —  {len(s.paragraphs)} paragraphs, {n_sent} sentences, {s.chars} chars"
        )
    if article.removed:
        click.echo(f"removed {len(article.removed)} boilerplate item(s):")
        where = "page" if article.format == "pdf" else "line"  # a PDF's furniture is found by page
        for r in article.removed:
            text = r.text if len(r.text) <= 60 else r.text[:57] + "..."
            click.echo(f"  {where} {r.line:<4} {r.pattern:<14} {text}")


@click.command("segment")
@ARTICLE
@click.option("--json", "as_json", is_flag=True, help="Print tokens as JSON, one object per sentence.")
@extract_option
@glossary_options
def segment_cmd(
    file: str, as_json: bool, extract: bool, glossary_files: tuple[str, ...], no_glossary: bool
) -> None:
    """Print FILE's words as jieba segments them, one sentence a line, tokens separated by ' / ';
    glossary terms are single tokens, shown as [term] (JSON: a "terms" list per sentence)."""
    article = read_article(file, extract=extract)
    g = load_glossary(glossary_files, no_glossary)
    seg = g.segmenter() if g.entries else Segmenter()
    head = "# glossary: " + (", ".join(f"{p} ({d[:12]})" for p, d in g.files) or "none")
    rows = [(s.id, s.text, seg.tokens(s.text)) for s in article.sentences()]
    if as_json:
        click.echo(head, err=True)
        dump_json(
            [
                {
                    "id": sid,
                    "tokens": [t.text for t in toks],
                    "terms": [
                        {
                            "text": m.text,
                            "start": m.start,
                            "end": m.end,
                            "zh": m.entry.zh,
                            "en": m.entry.en,
                            "status": m.entry.status,
                        }
                        for m in g.match(text)
                    ],
                }
                for sid, text, toks in rows
            ]
        )
        return
    click.echo(head)
    for sid, text, toks in rows:
        units = term_units(toks, g, text)
        click.echo(f"{sid}\t{' / '.join(f'[{u}]' if e is not None else u for u, e in units)}")
