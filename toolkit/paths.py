"""Where zhbrief keeps what it makes for itself: one cache directory for models, memory and jieba."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """``$ZHBRIEF_CACHE_DIR`` (``~`` expanded) if set, else the platform's user cache directory.

    One function for every caller: models, the translation memory and jieba's dictionary cache must agree,
    or ``ZHBRIEF_CACHE_DIR=~/x`` splits them between a literal ``~`` folder and the home directory.
    """
    env = os.environ.get("ZHBRIEF_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("zhbrief"))
