"""Open a brief's HTML page in a real headless browser (Debian's chromium), click a citation, and check it.

    python bench/check_html.py BRIEF.html [--cite 0] [--screenshot out.png]

The page is loaded from a file:// URL with networking disabled. ``#cite=N`` makes the page click its N-th
citation button on load (the same handler a reader's click runs). The script then reads the DOM the browser
produced and checks that the cited source sentences are highlighted and nothing else is, and that the page
made no network request (every fetch is blocked, so a page that needed one would render incomplete); and
takes a screenshot to look at. Install the browser with `apt-get install chromium`.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("check_html: no chromium found; install it with `apt-get install chromium`")


FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Any fetch the page tried would fail: the check proves the page is self-contained.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--virtual-time-budget=3000",
]


def run(page: Path, cite: int, screenshot: Path | None) -> int:
    url = page.resolve().as_uri() + f"#cite={cite}"
    with tempfile.TemporaryDirectory() as profile:
        base = [chromium(), *FLAGS, f"--user-data-dir={profile}"]
        dom = subprocess.run([*base, "--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
        if screenshot:
            subprocess.run(
                [*base, f"--screenshot={screenshot}", "--window-size=1400,900", url],
                capture_output=True,
                timeout=120,
            )
    html = page.read_text(encoding="utf-8")
    buttons = re.findall(r'class="cite" data-ids="([^"]+)"', html)
    if cite >= len(buttons):
        print(f"FAIL: the page has {len(buttons)} citations, no #{cite}")
        return 1
    want = set(buttons[cite].split())
    lit = set(re.findall(r'class="src hl" data-id="([^"]+)"', dom))
    print(f"citation #{cite} cites {sorted(want)}; highlighted after the click: {sorted(lit)}")
    external = re.findall(r"""(?:src|href)=["']?(?:https?:)?//[^"' >]+""", html)
    ok = lit == want and not external
    if external:
        print(f"FAIL: the page references external resources: {external[:3]}")
    if screenshot:
        print(
            f"screenshot: {screenshot} ({screenshot.stat().st_size:,} bytes)"
            if screenshot.exists()
            else "no screenshot"
        )
    print("OK" if ok else "FAIL")
    return 0 if ok else 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("page", type=Path)
    ap.add_argument("--cite", type=int, default=0)
    ap.add_argument("--screenshot", type=Path)
    args = ap.parse_args()
    sys.exit(run(args.page, args.cite, args.screenshot))


if __name__ == "__main__":
    main()
