"""``zhbrief glossary …``: keep the glossary (list, show, add, set, remove, lint, export, import) and use it
(mine candidates, coverage, check any translation). Each command is one call into ``toolkit.glossary`` (or
``toolkit.mining``, for mine and coverage)."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.commands.common import dump_json, glossary_options, load_glossary, read_english, read_source
from toolkit.errors import QualityFailed, UsageError, ZhbriefError
from toolkit.glossary import (
    STATUSES,
    Entry,
    Glossary,
    add_entry,
    check_glossary_output,
    check_texts,
    export_glossary,
    import_glossary,
    lint_files,
    local_glossary_paths,
    remove_entry,
    set_entry,
    shipped_glossary_paths,
    write_review,
)
from toolkit.glossary.formats import FORMATS


def _describe(g: Glossary) -> str:
    return "# " + g.summary()


def _err(msg: str) -> None:
    click.echo(msg, err=True)


def _edit_target(glossary_files: tuple[str, ...]) -> Path:
    """The one TSV an edit goes to: the single --glossary FILE, else the only ./glossary/*.tsv."""
    if len(glossary_files) > 1:
        raise UsageError("edits go to one file: give exactly one --glossary FILE")
    if glossary_files:
        return Path(glossary_files[0])
    local = local_glossary_paths()
    if len(local) == 1:
        return local[0]
    if local:
        raise UsageError(f"./glossary has {len(local)} files; say which one to edit with --glossary FILE")
    raise UsageError(
        "say which glossary to edit with --glossary FILE (the shipped glossary is read-only; "
        "`zhbrief glossary export -o glossary/mine.tsv` gives an editable copy)"
    )


def _where(path: Path) -> str:
    """The file an edit went to; a symlinked glossary is edited at its target (the link stays a link, so
    every other user of the target sees the edit), and the message says so."""
    if path.is_symlink():
        return f"{path} (a link: edited its target {path.resolve()})"
    return str(path)


def _entry_line(e: Entry) -> str:
    extra = []
    if e.alt:
        extra.append("alt: " + " | ".join(e.alt))
    if e.forbid:
        extra.append("never: " + " | ".join(e.forbid))
    tail = f"   [{'; '.join(extra)}]" if extra else ""
    return f"{e.zh}\t{e.en}\t{e.status}{tail}"


@click.group("glossary")
def glossary_group() -> None:
    """Keep the glossary and measure translations against it.

    Without --glossary, commands use the shipped glossaries plus ./glossary/*.tsv; --glossary FILE
    (repeatable, later files win) replaces that; edits (add/set/remove) go to one TSV file.
    """


# --- reading ---------------------------------------------------------------------------------------------


@glossary_group.command("list")
@glossary_options
@click.option("--status", type=click.Choice(STATUSES), help="Only entries with this status.")
@click.option("--domain", help="Only entries of this domain.")
@click.option("--json", "as_json", is_flag=True, help="Print entries as JSON.")
def list_cmd(glossary_files, no_glossary, status, domain, as_json) -> None:  # type: ignore[no-untyped-def]
    """List the glossary's entries: term, pinned English, status."""
    g = load_glossary(glossary_files, no_glossary)
    entries = [
        e for e in g.entries if (not status or e.status == status) and (not domain or e.domain == domain)
    ]
    if as_json:
        dump_json({"glossary": g.describe(), "entries": [e.to_dict() for e in entries]})
        return
    click.echo(_describe(g))
    for e in entries:
        click.echo(_entry_line(e))


@glossary_group.command("show")
@click.argument("term")
@glossary_options
@click.option("--json", "as_json", is_flag=True, help="Print the entry and its file as JSON.")
def show_cmd(term, glossary_files, no_glossary, as_json) -> None:  # type: ignore[no-untyped-def]
    """Show everything about TERM (any script: 中廠 finds 中厂)."""
    g = load_glossary(glossary_files, no_glossary)
    e = g.require(term)
    origin = g.origins.get(e.key, "")
    if as_json:
        dump_json({"glossary": g.describe(), "file": origin, "entry": e.to_dict()})
        return
    click.echo(_describe(g))
    for k, v in e.to_dict().items():
        click.echo(f"{k:<7} {' | '.join(v) if isinstance(v, list) else v}")
    click.echo(f"{'file':<7} {origin}")


# --- editing ---------------------------------------------------------------------------------------------


def _edit_options(f):  # type: ignore[no-untyped-def]
    f = click.option("--note", help="A note for translators and reviewers.")(f)
    f = click.option("--domain", help="Subject area (company, finance, ai, …).")(f)
    f = click.option(
        "--status", type=click.Choice(STATUSES), help="approved (pinned), candidate, forbidden, dnt."
    )(f)
    return f


@glossary_group.command("add")
@click.argument("zh")
@click.argument("en", required=False, default="")
@click.option("--alt", multiple=True, help="Another accepted English form (repeatable).")
@click.option("--forbid", multiple=True, help="An English rendering that must never appear (repeatable).")
@_edit_options
@click.option("--glossary", "glossary_files", multiple=True, metavar="FILE", help="The TSV file to edit.")
def add_cmd(zh, en, alt, forbid, status, domain, note, glossary_files) -> None:  # type: ignore[no-untyped-def]
    """Pin ZH to EN. Refuses a term the file already has (in either script)."""
    path = _edit_target(glossary_files)
    e = add_entry(
        path,
        Entry(zh, en, list(alt), list(forbid), status or "approved", domain or "", note or ""),
    )
    _err(f"added to {_where(path)}: {_entry_line(e)}")


@glossary_group.command("set")
@click.argument("term")
@click.option("--zh", help="Change the Chinese term itself.")
@click.option("--en", help="New pinned English.")
@click.option("--alt", multiple=True, help="Replace the accepted alternatives (repeatable).")
@click.option("--add-alt", multiple=True, help="Add an accepted alternative (repeatable).")
@click.option("--forbid", multiple=True, help="Replace the forbidden forms (repeatable).")
@click.option("--add-forbid", multiple=True, help="Add a forbidden form (repeatable).")
@_edit_options
@click.option("--glossary", "glossary_files", multiple=True, metavar="FILE", help="The TSV file to edit.")
def set_cmd(term, zh, en, alt, add_alt, forbid, add_forbid, status, domain, note, glossary_files) -> None:  # type: ignore[no-untyped-def]
    """Change fields of TERM's entry; fields not given stay as they are."""
    path = _edit_target(glossary_files)
    old, new = set_entry(
        path,
        term,
        zh=zh,
        en=en,
        alt=list(alt) or None,
        add_alt=add_alt,
        forbid=list(forbid) or None,
        add_forbid=add_forbid,
        status=status,
        domain=domain,
        note=note,
    )
    _err(f"changed in {_where(path)}:\n  was {_entry_line(old)}\n  now {_entry_line(new)}")


@glossary_group.command("remove")
@click.argument("term")
@click.option("--glossary", "glossary_files", multiple=True, metavar="FILE", help="The TSV file to edit.")
def remove_cmd(term, glossary_files) -> None:  # type: ignore[no-untyped-def]
    """Remove TERM's entry (comments and other lines stay as they are)."""
    path = _edit_target(glossary_files)
    e = remove_entry(path, term)
    _err(f"removed from {_where(path)}: {_entry_line(e)}")


# --- lint, export, import --------------------------------------------------------------------------------


@glossary_group.command("lint")
@click.option(
    "--glossary",
    "glossary_files",
    multiple=True,
    metavar="FILE",
    help="Files to lint (default: the shipped glossaries and ./glossary/*.tsv).",
)
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 3).")
@click.option("--json", "as_json", is_flag=True, help="Print the issues as JSON.")
def lint_cmd(glossary_files, strict, as_json) -> None:  # type: ignore[no-untyped-def]
    """Find duplicates, conflicting pins, trad/simp pairs, en also forbidden, empty fields, tabs that shift
    columns, stray whitespace and terms jieba cannot hold.

    Exit codes: 0 clean (warnings allowed); 1 errors found; 3 warnings only, with --strict.
    """
    paths = [Path(p) for p in glossary_files] or (shipped_glossary_paths() + local_glossary_paths())
    report = lint_files(paths)
    if as_json:
        dump_json(report.to_dict())
    else:
        for i in report.issues:
            click.echo(str(i))
        click.echo(f"{len(paths)} file(s), {report.errors} error(s), {report.warnings} warning(s)", err=True)
    if report.errors:
        raise ZhbriefError(f"glossary lint: {report.errors} error(s); pins from these rows cannot be trusted")
    if strict and report.warnings:
        raise QualityFailed(f"glossary lint --strict: {report.warnings} warning(s)")


@glossary_group.command("export")
@glossary_options
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), help="Default: from the -o suffix.")
@click.option("-o", "--output", required=True, metavar="FILE", help="Output file ('-' for standard output).")
@click.option(
    "--header", is_flag=True, help="CSV: add a 'zh,en' language-code header row (Amazon Translate)."
)
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def export_cmd(glossary_files, no_glossary, fmt, output, header, force) -> None:  # type: ignore[no-untyped-def]
    """Write the glossary as TBX-Basic, CSV (source,target), OmegaT or TSV."""
    g = load_glossary(glossary_files, no_glossary)
    r = export_glossary(g, output, fmt, header=header, force=force, label=g.summary())
    if output == "-":
        click.echo(r.text, nl=False)
    note = f" ({r.skipped} unpinned entries left out: CSV holds pins only)" if r.skipped else ""
    _err(f"exported {r.entries} entries as {r.format} to {output}{note}; {g.summary()}")


@glossary_group.command("import")
@click.argument("file", metavar="FILE")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), help="Default: from FILE's suffix.")
@click.option("-o", "--output", required=True, metavar="OUT.tsv", help="The TSV glossary to write.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def import_cmd(file, fmt, output, force) -> None:  # type: ignore[no-untyped-def]
    """Read a TBX, CSV or OmegaT glossary and write it as a native TSV glossary."""
    r = import_glossary(file, output, fmt, force=force)
    msg = f"imported {r.entries} entries from {file} ({r.sha256[:12]}) to {output}"
    if r.duplicates:
        msg += f"; {r.duplicates} duplicate term(s): the later entry kept"
    _err(msg)


# --- corpus commands -------------------------------------------------------------------------------------


@glossary_group.command("mine")
@click.argument("corpus", nargs=-1, required=True)
@glossary_options
@click.option("--top", type=click.IntRange(1), default=50, show_default=True, help="How many candidates.")
@click.option(
    "--min-freq", type=click.IntRange(1), default=2, show_default=True, help="Least number of occurrences."
)
@click.option("-o", "--output", metavar="FILE", help="Write a review TSV (status candidate).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option("--json", "as_json", is_flag=True, help="Print the candidates as JSON.")
def mine_cmd(corpus, glossary_files, no_glossary, top, min_freq, output, force, as_json) -> None:  # type: ignore[no-untyped-def]
    """Candidate terms in CORPUS (files or folders) that the glossary does not have yet, and the names
    nothing established names (pinyin guesses, foreign people, organizations), each with its domain, the
    English pinned now and the evidence: confirm or correct one and the glossary's form wins."""
    from toolkit.mining import (  # lazy: the annotation stack loads only for mining
        corpus_files,
        corpus_texts,
        mine,
    )

    g = load_glossary(glossary_files, no_glossary)
    if output:
        # Before reading or mining: -o naming one of the articles (or a glossary) would replace it.
        inputs = [*corpus_files(corpus), *(p for p, _ in g.files)]
        check_glossary_output(output, inputs, force=force, what="the review TSV")
    texts = corpus_texts(corpus)
    cands = mine(texts, g, top=top, min_freq=min_freq)
    if output:
        write_review(cands, output, force=force, label=f"{len(texts)} article(s); {g.summary()}")
        _err(f"wrote {len(cands)} candidates to {output}")
    if as_json:
        dump_json(
            {"glossary": g.describe(), "articles": len(texts), "candidates": [c.to_dict() for c in cands]}
        )
        return
    click.echo(_describe(g))
    for c in cands:
        # A name also says what it is, the English pinned for it now (a guess to confirm) and the evidence.
        name = f"\t{c.domain}: {c.en or '-'} ({c.evidence})" if c.domain else ""
        click.echo(f"{c.term}\t{c.freq}\t{c.articles}\t{c.score:.2f}\t{' · '.join(c.contexts)}{name}")


@glossary_group.command("coverage")
@click.argument("corpus", nargs=-1, required=True)
@glossary_options
@click.option(
    "--top",
    type=click.IntRange(0),
    default=20,
    show_default=True,
    help="How many unpinned candidates to list.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the coverage as JSON.")
def coverage_cmd(corpus, glossary_files, no_glossary, top, as_json) -> None:  # type: ignore[no-untyped-def]
    """Which glossary terms occur in CORPUS, how often, in which articles; and the most frequent
    candidates the glossary does not pin."""
    from toolkit.mining import corpus_texts, coverage  # lazy: the annotation stack loads only for mining

    g = load_glossary(glossary_files, no_glossary)
    texts = corpus_texts(corpus)
    cov = coverage(texts, g, top=top)
    if as_json:
        dump_json({"glossary": g.describe(), **cov.to_dict()})
        return
    click.echo(_describe(g))
    click.echo(f"{len(cov.terms)} of {len(g)} terms occur in {cov.articles} article(s)")
    for t in cov.terms:
        click.echo(f"{t.entry.zh}\t{t.entry.en}\t{t.count}\t{len(t.articles)} article(s)")
    click.echo(f"\ntop {len(cov.candidates)} unpinned candidates:")
    for c in cov.candidates:
        click.echo(f"{c.term}\t{c.freq}\t{c.articles} article(s)")


@glossary_group.command("check")
@click.option("--source", "source", required=True, metavar="S", help="The Chinese text ('-' for stdin).")
@click.option("--translation", "translation", required=True, metavar="T", help="The English to audit.")
@glossary_options
@click.option("--lines", is_flag=True, help="Files are line-aligned: line i of T translates line i of S.")
@click.option(
    "--summary",
    "distinct",
    is_flag=True,
    help="T summarizes S: each pinned term counts once however often S repeats it, and dnt terms may be left out (the brief's rule).",
)
@click.option("--strict", is_flag=True, help="Exit 3 on any miss or forbidden form.")
@click.option("--json", "as_json", is_flag=True, help="Print the audit as JSON (with --lines: per line).")
def check_cmd(source, translation, glossary_files, no_glossary, lines, distinct, strict, as_json) -> None:  # type: ignore[no-untyped-def]
    """Audit ANY English translation of a Chinese text against the glossary: each pinned occurrence hit or
    missed, each forbidden form found; adherence = hits / occurrences.

    Exit codes: 0 audited (misses are reported, not failed); 2 bad input or mismatched line counts; 3 a
    miss or forbidden form, with --strict.
    """
    if source == "-" and translation == "-":
        raise UsageError("only one of --source and --translation can be standard input")
    g = load_glossary(glossary_files, no_glossary)
    src, eng = read_source(source), read_english(translation)
    rep, reports = check_texts(src, eng, g, lines=lines, distinct=distinct)
    if as_json:
        d = {"glossary": g.describe(), **rep.to_dict()}
        if lines:
            d["lines"] = [
                {
                    "line": i,
                    "occurrences": r.occurrences,
                    "hits": r.hits,
                    "misses": [m.entry.zh for m in r.misses],
                    "forbidden": [f.text for f in r.forbidden_found],
                }
                for i, r in enumerate(reports, start=1)
                if r.occurrences or r.forbidden_found
            ]
        dump_json(d)
    else:
        click.echo(_describe(g))
        click.echo(
            f"adherence {rep.hits}/{rep.occurrences} = {rep.adherence:.1%}; "
            f"{len(rep.forbidden_found)} forbidden form(s)"
        )
        if lines:
            for i, r in enumerate(reports, start=1):
                for m in r.misses:
                    click.echo(f"line {i}: MISS {m.entry.zh} → {m.entry.en!r} ({m.hits}/{m.occurrences})")
                for f in r.forbidden_found:
                    click.echo(f"line {i}: FORBIDDEN {f.text!r} for {f.entry.zh}")
        else:
            for m in rep.misses:
                click.echo(f"MISS {m.entry.zh} → {m.entry.en!r} ({m.hits}/{m.occurrences})")
            for f in rep.forbidden_found:
                click.echo(f"FORBIDDEN {f.text!r} for {f.entry.zh} (at {f.start})")
    if strict and not rep.ok:
        raise QualityFailed(
            f"glossary check --strict: {rep.occurrences - rep.hits} miss(es), "
            f"{len(rep.forbidden_found)} forbidden form(s)"
        )
