"""Options and helpers shared by several commands, so every command spells them the same way."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click


def dump_json(obj: object) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


def glossary_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--glossary FILE`` (repeatable) and ``--no-glossary``, resolved by ``toolkit.glossary``."""
    f = click.option(
        "--no-glossary",
        is_flag=True,
        help="Use no glossary at all: no term pins, no term checks.",
    )(f)
    f = click.option(
        "--glossary",
        "glossary_files",
        multiple=True,
        type=click.Path(dir_okay=False),
        metavar="FILE",
        help="Glossary file (TSV, CSV, TBX); repeat for several, later files win on conflicts. "
        "Replaces the default: the shipped glossaries plus ./glossary/*.tsv if that folder exists.",
    )(f)
    return f


def model_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--model",
        "-m",
        envvar="ZHBRIEF_MODEL",
        default=None,
        metavar="MODEL",
        help="Model alias (default, small), a GGUF file, or a Hugging Face directory or id. "
        "Default: $ZHBRIEF_MODEL, else 'default'.",
    )(f)


def summary_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--sentences`` and ``--method``: how a brief summarizes, spelled the same in ``brief`` and ``batch``."""
    f = click.option(
        "--method",
        type=click.Choice(["select", "direct"]),
        default="select",
        show_default=True,
        help="select: summarize the salient sentences (fast, exact provenance); direct: whole sections.",
    )(f)
    f = click.option(
        "--sentences",
        "-n",
        type=click.IntRange(1, 8),
        default=2,
        show_default=True,
        help="Summary sentences per section.",
    )(f)
    return f
