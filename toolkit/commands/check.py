"""``zhbrief check``: audit any English against its Chinese source — terms, forbidden forms, amounts,
dates, numbers and names the source does not give, Chinese left; with ``--faithfulness``, words the English
leaves out or mistranslates (the model scores each pair). One call into ``toolkit.checks.audit``; without
``--faithfulness`` no model is loaded."""

from __future__ import annotations

import click

from toolkit.checks.audit import article_pairs, audit_pairs, split_lines, summary, to_json
from toolkit.commands.common import (
    dump_json,
    glossary_options,
    load_glossary,
    model_option,
    read_english,
    read_source,
)
from toolkit.errors import QualityFailed, UsageError


@click.command("check")
@click.option("--source", "source", required=True, metavar="SRC", help="The Chinese text ('-' for stdin).")
@click.option("--translation", "translation", required=True, metavar="EN", help="The English to audit.")
@click.option("--lines", is_flag=True, help="Line N of EN translates line N of SRC (counts must agree).")
@click.option("--json", "as_json", is_flag=True, help="Print {lines: [{line|id, problems}], summary}.")
@click.option("--strict", is_flag=True, help="Exit 3 on any problem.")
@click.option(
    "--faithfulness",
    is_flag=True,
    help="Also flag source words the English leaves out or mistranslates (loads the model).",
)
@model_option
@glossary_options
def check_cmd(
    source, translation, lines, as_json, strict, faithfulness, model, glossary_files, no_glossary
) -> None:  # type: ignore[no-untyped-def]
    """Audit ANY English translation (ours, a vendor's, a human's) of a Chinese text.

    Problems, by kind: term (a pinned glossary term not used), forbidden (a forbidden form used), amount
    (a 万/亿 amount lost or wrong), date (lost or changed), number (a number the source does not give),
    name (a place, river, person, organisation or designation the source does not name: 'Su-52M' for
    卡-52M), chinese (Chinese left in the English), omission (a country the source names that the English
    never names), mistranslation (a segment that says its neighbour's words, not its own; a negation the
    English lost, 非申根 as 'Schengen'; a deputy made the head, 副主任 as 'Director'; a magnitude at the
    wrong scale, 数千万 as 'millions'; a bound dropped, 100多个 as '100'; a fall given as a rise, 亏损 as 'profit',
    or a rise as a fall; a change turned round, 扩大差距 as 'narrowing the gap', 极易 as 'difficult'); with
    --faithfulness, also
    omission (a source word the English does not render) and mistranslation (a source word the English
    renders as something else), found by the model (--model) scoring the source given the English. Without
    --faithfulness no model is loaded.

    With --lines, line N of EN is checked against line N of SRC; without it SRC is read as an article and
    each sentence id (§1¶2s1) gets the English sentence in the same place (paragraphs, or the whole text,
    where the sentence counts differ).

    Exit codes: 0 audited (problems are reported, not failed); 2 bad input or mismatched line counts;
    3 any problem, with --strict.
    """
    if source == "-" and translation == "-":
        raise UsageError("only one of --source and --translation can be standard input")
    g = load_glossary(glossary_files, no_glossary)
    src, eng = read_source(source), read_english(translation)
    # Pairs first: mismatched lines are an input error before the model loads.
    pairs = split_lines(src, eng) if lines else article_pairs(src, eng)
    scorer = None
    if faithfulness:
        # lazy: llama.cpp and the faithfulness signals load only with --faithfulness
        from toolkit.checks.faithfulness import Scorer
        from toolkit.engines import load_engine

        scorer = Scorer(load_engine(model))
    audits = audit_pairs(pairs, g, scorer)
    total = summary(audits)
    if as_json:
        dump_json(to_json(audits, lines))
    else:
        for a in audits:
            where = f"line {a.key}" if lines else str(a.key)
            for p in a.problems:
                said = f" {p.english!r}" if p.english else ""
                click.echo(f"{where}: {p.kind.upper()}{said}: {p.detail}")
        kinds = ", ".join(f"{k} {n}" for k, n in total["by_kind"].items() if n)
        click.echo(
            f"{total['with_problems']}/{total['segments']} segment(s) with problems; "
            f"{total['problems']} problem(s){': ' + kinds if kinds else ''}"
        )
    if strict and total["problems"]:
        raise QualityFailed(f"check --strict: {total['problems']} problem(s)")
