"""``zhbrief numbers``: the key-figures table — every quantity in an article, exactly, in English."""

from __future__ import annotations

import unicodedata

import click

from toolkit.commands.common import dump_json, extract_option
from toolkit.ingest import read_article
from toolkit.quantities import is_checked, quantities_in_article, render_english
from toolkit.quantities.render import STYLES, plain


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in s)


def _pad(s: str, width: int) -> str:
    return s + " " * max(0, width - _width(s))


@click.command("numbers")
@click.argument("file", metavar="FILE", type=click.Path(allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, one object per quantity.")
@click.option(
    "--style",
    type=click.Choice(STYLES),
    default="rmb",
    show_default=True,
    help="How yuan amounts are written: 'rmb' (RMB 1.54 billion) or 'yuan' (1.54 billion yuan).",
)
@click.option(
    "--key",
    "key_only",
    is_flag=True,
    help="Only the figures translations are checked on: amounts, percentages, and counts of 10,000 or more.",
)
@extract_option
def numbers_cmd(file: str, as_json: bool, style: str, key_only: bool, extract: bool) -> None:
    """List every quantity in FILE: sentence id, the Chinese, its exact value and unit, and its English.

    万 = 10^4, 亿 = 10^8, 万亿 = 10^12: 1200万美元 → US$12 million, 接近100万 → nearly 1 million,
    3-5亿 → 300–500 million, 2025年前三季度 → the first three quarters of 2025. FILE `-` reads stdin.
    """
    article = read_article(file, extract=extract)
    quantities = quantities_in_article(article)
    if key_only:
        quantities = [q for q in quantities if is_checked(q)]
    for q in quantities:
        q.english = render_english(q, style)
    if as_json:
        dump_json([q.as_dict() for q in quantities])
        return
    rows = [("id", "source", "value", "unit", "kind", "english")]
    for q in quantities:
        value = plain(q.value) if q.value_high is None else f"{plain(q.value)}–{plain(q.value_high)}"
        if q.kind in ("date", "vague", "fraction"):
            value = ""  # the English says it better than a bare number would
        rows.append((q.sentence_id or "", q.source, value, q.unit, q.kind, q.english))
    widths = [max(_width(r[i]) for r in rows) for i in range(5)]
    for r in rows:
        click.echo("  ".join(_pad(c, w) for c, w in zip(r[:5], widths, strict=True)) + "  " + r[5])
    n_sent = len({q.sentence_id for q in quantities})
    click.echo(f"{len(quantities)} quantities in {n_sent} sentences", err=True)
