"""``zhbrief names``: every name the pipeline finds in an article, what it would pin, and why."""

from __future__ import annotations

import click

from toolkit.annotate import article_names
from toolkit.commands.common import dump_json, extract_option, glossary_options, load_glossary
from toolkit.ingest import read_article


@click.command("names")
@click.argument("file", metavar="FILE", type=click.Path(allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print JSON: {names: [...], rejected: [...]}.")
@extract_option
@glossary_options
def names_cmd(
    file: str, as_json: bool, extract: bool, glossary_files: tuple[str, ...], no_glossary: bool
) -> None:
    """List the names in FILE: sentence ids, kind, the English the pipeline would pin and where it comes
    from (glossary, cedict, gazetteer, pinyin; empty: reported, not pinned), the evidence, and the words
    rejected as names and why.

    Pinyin names are guesses: confirm or correct one with `zhbrief glossary add ZH EN`, and the glossary's
    form wins from then on. FILE `-` reads stdin.
    """
    glossary = load_glossary(glossary_files, no_glossary)
    article = read_article(file, extract=extract)
    names, rejected = article_names(article, glossary)
    if as_json:
        dump_json({"names": [n.to_dict() for n in names], "rejected": [r.to_dict() for r in rejected]})
        return
    click.echo("name\tkind\tenglish\tsource\tsentences\tevidence")
    for n in names:
        en = n.en or "-"
        click.echo(f"{n.zh}\t{n.kind}\t{en}\t{n.source or '-'}\t{','.join(n.ids)}\t{n.note}")
    if rejected:
        click.echo("")
        click.echo("rejected:")
        for r in rejected:
            click.echo(f"{r.zh}\t{r.kind}\t{','.join(r.ids)}\t{r.note}")
    pinned = sum(1 for n in names if n.en and n.source != "glossary")
    guesses = sum(1 for n in names if n.source == "pinyin" and n.en)
    click.echo(
        f"{len(names)} names, {pinned} pinned ({guesses} in pinyin: check them), {len(rejected)} rejected",
        err=True,
    )
