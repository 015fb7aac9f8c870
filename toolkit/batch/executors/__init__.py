"""Where a batch's model work runs. The driver (``toolkit.batch.runner``) reads, keys, checks the cache and
writes every output, cache entry and manifest line; an executor only turns cache misses into results:

- ``local``: in this process, one article at a time (llama.cpp already uses every core);
- ``ray``: in Ray actors that each load the model once, one per node by default (``executors.ray``).

Ray is an optional dependency (``pip install "zhbrief[ray]"``): nothing here imports it until a run with
``executor="ray"`` has a cache miss (``executors.ray`` imports ``ray`` inside the methods that need it).
"""

from __future__ import annotations

import importlib.util

from toolkit.batch.executors.base import Executor, Record
from toolkit.batch.executors.local import LocalExecutor
from toolkit.batch.executors.ray import RayExecutor
from toolkit.errors import UsageError

EXECUTORS = ("local", "ray")


def ray_available() -> bool:
    return importlib.util.find_spec("ray") is not None


def check_executor_options(executor: str, address: str | None, workers: int | None) -> None:
    """Refuse, in one line and before any work, what the executor cannot do (exit 2)."""
    if executor not in EXECUTORS:
        raise UsageError(f"unknown executor {executor!r}; choose one of {', '.join(EXECUTORS)}")
    if executor == "local":
        given = [name for name, v in (("--ray-address", address), ("--workers", workers)) if v is not None]
        if given:
            verb = "apply" if len(given) > 1 else "applies"
            raise UsageError(f"{' and '.join(given)} {verb} to --executor ray only")
        return
    if workers is not None and workers < 1:
        raise UsageError("--workers must be 1 or more")
    if address is not None and not (address == "auto" or address.startswith("ray://") or ":" in address):
        raise UsageError(f"--ray-address {address!r}: give auto, ray://HOST:PORT or HOST:PORT")
    if not ray_available():
        raise UsageError(
            '--executor ray needs Ray: pip install "zhbrief[ray]" (or -e ".[ray]" in a checkout)'
        )


def make_executor(executor: str, address: str | None = None, workers: int | None = None) -> Executor:
    if executor == "ray":
        return RayExecutor(address=address, workers=workers)
    return LocalExecutor()


__all__ = [
    "EXECUTORS",
    "Executor",
    "LocalExecutor",
    "Record",
    "check_executor_options",
    "make_executor",
    "ray_available",
]
