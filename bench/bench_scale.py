"""Do ``zhbrief check`` and ``zhbrief glossary check`` stay linear in the translation's size?

    python bench/bench_scale.py [--sizes 64K,256K,1M,4M,10M] [--repeat 3] [--commands check,glossary-check]
                                [--english FILE]

The source is the seed article; the translation is an English text of the given size, made by repeating a
paragraph that holds what the checks look at (pinned terms and a forbidden form, amounts, years, dates, a
clock time, fractions, ordinals, weekdays, places and names), so every check has work at every size. The
source and the translation do not pair sentence for sentence, so ``check`` audits the whole translation as
one segment: the path that used to be quadratic (a 256 KB translation took 184 s, 10 MB never finished).
``--english FILE`` repeats that English instead (e.g. ``../shared/eval/wmt21-zhen/dev.en``: news prose with
many distinct names, places and figures, where work per distinct name is what grows).

Each command runs in this process through click (reading, decoding and the audit; not Python's start-up),
``--repeat`` times per size; printed: the median seconds and the median seconds per MB. Time per MB that
stays flat as the size grows is linear; one that grows with the size is not.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from click.testing import CliRunner  # noqa: E402

from toolkit.cli import cli  # noqa: E402

SEED = ROOT / "corpus" / "kunlun-tiangong-overseas-music-ai.txt"
PARAGRAPH = (
    "In February 2026, Kunlun Tech said at the launch of its Mureka V8 music model that the domestic "
    "general-purpose large model race was too crowded; the mid-size vendor, a player in the hundred-model "
    "war, would go all in on overseas music AI. Revenue reached US$12 million, about one-third of the "
    "total, up 50% on the year, with nearly 1 million users by 3:30 p.m. on Tuesday. The third plan cost "
    "RMB 2.5 billion in Beijing and Shenzhen, and Zhou Yahui said the track (赛道) was the vendor's choice "
    "since April 2023; the 1990s are over.\n"
)
COMMANDS = {
    "check": lambda src, en: ["check", "--source", src, "--translation", en],
    "glossary-check": lambda src, en: ["glossary", "check", "--source", src, "--translation", en],
}


def parse_size(text: str) -> int:
    units = {"K": 1024, "M": 1024**2}
    text = text.strip().upper()
    return int(float(text[:-1]) * units[text[-1]]) if text[-1] in units else int(text)


def make_translation(size: int, folder: Path, text: str = PARAGRAPH) -> Path:
    reps = size // len(text.encode("utf-8")) + 1
    data = (text * reps).encode("utf-8")[:size]
    path = folder / f"en-{size}.txt"
    path.write_bytes(data.decode("utf-8", errors="ignore").encode("utf-8"))
    return path


def run_once(args: list[str]) -> float:
    t0 = time.perf_counter()
    r = CliRunner().invoke(cli, args)
    seconds = time.perf_counter() - t0
    if r.exit_code != 0:
        raise SystemExit(f"{' '.join(args)}: exit {r.exit_code}: {r.output[-500:]}")
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="64K,256K,1M,4M,10M")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--commands", default=",".join(COMMANDS))
    ap.add_argument(
        "--english", type=Path, help="an English text to repeat instead of the built-in paragraph"
    )
    args = ap.parse_args()
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    text = args.english.read_text(encoding="utf-8") if args.english else PARAGRAPH
    if not text.endswith("\n"):
        text += "\n"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {size: make_translation(size, folder, text) for size in sizes}
        for name in args.commands.split(","):
            make = COMMANDS[name]
            run_once(make(str(SEED), str(files[sizes[0]])))  # warm-up: imports, jieba, the glossary
            print(f"{name}:")
            print(f"  {'size':>8}  {'median s':>9}  {'s per MB':>9}  runs")
            for size in sizes:
                runs = [run_once(make(str(SEED), str(files[size]))) for _ in range(args.repeat)]
                med = statistics.median(runs)
                mb = size / 1024**2
                shown = ", ".join(f"{r:.2f}" for r in runs)
                print(f"  {size / 1024:>7.0f}K  {med:>9.2f}  {med / mb:>9.2f}  {shown}", flush=True)


if __name__ == "__main__":
    main()
