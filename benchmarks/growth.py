"""How focusbuild's cold site build grows with the corpus: time and peak memory.

Usage: python -m benchmarks.growth [--small 2000] [--large 20000] [--rounds 1] [--shape small]

Generates two corpora of the same shape (benchmarks/corpus.py) and builds each
cold, site only (`focusbuild build --only site`, fresh output folder), in
turns. Prints per size the median wall time and the peak resident memory of
the build (the largest of its processes, from os.wait4), and the ratios of the
large corpus to the small one. Issue 17's goals for 2,000 and 20,000 sections:
time at most 10.5x and peak memory at most 5x.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks import bytecode, trash
from benchmarks import corpus as gen
from benchmarks.run import WORK, load, machine

GOALS = {"time": 10.5, "memory": 5.0}  # for 20,000 against 2,000 sections


def build_once(project: Path, out: Path) -> tuple[float, int]:
    """One cold site build: (wall seconds, peak resident KiB of its largest process)."""
    trash.set_aside(out, out.parent)
    argv = [sys.executable, "-m", "focusbuild", "build", "-p", str(project)]
    argv += ["-o", str(out), "--only", "site", "-q"]
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"focusbuild build failed on {project}")
    return seconds, usage.ru_maxrss


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.growth", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--small", type=int, default=2000, help="sections in the small corpus")
    parser.add_argument("--large", type=int, default=20000, help="sections in the large corpus")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--shape", choices=sorted(gen.SHAPES), default=gen.DEFAULT_SHAPE.name)
    parser.add_argument("--seed", type=int, default=gen.DEFAULT_SEED)
    parser.add_argument("--work", type=Path, default=WORK / "growth")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    shape = gen.SHAPES[args.shape]
    projects = {}
    for size in (args.small, args.large):
        corpus = gen.generate(size, args.seed, shape)
        projects[size] = gen.write_all(corpus, args.work / f"corpus-{size}", aside=args.work)[
            "focusbuild"
        ]
        print(f"corpus:  {gen.describe(corpus)}")
    print(f"machine: {machine()}")
    print(f"load:    {load()} before (1, 5, 15 min averages)")
    print(f"bytecode: {bytecode.compiled()}")
    times: dict[int, list[float]] = {size: [] for size in projects}
    peaks: dict[int, list[int]] = {size: [] for size in projects}
    trash.settle(args.work)
    for round_ in range(1, args.rounds + 1):
        for size, project in projects.items():
            seconds, peak = build_once(project, args.work / f"out-{size}")
            times[size].append(seconds)
            peaks[size].append(peak)
            print(f"  round {round_}: {size:>6} sections {seconds:7.2f} s {peak >> 10:6} MiB")
            sys.stdout.flush()
    print()
    print(f"{'sections':>8} {'median s':>9} {'peak MiB':>9}")
    for size in projects:
        print(f"{size:>8} {statistics.median(times[size]):9.2f} {max(peaks[size]) >> 10:9}")
    time_ratio = statistics.median(times[args.large]) / statistics.median(times[args.small])
    memory_ratio = max(peaks[args.large]) / max(peaks[args.small])
    print(f"\n{args.large} / {args.small} sections:")
    print(f"  time   {time_ratio:5.2f}x  (goal at most {GOALS['time']}x)")
    print(f"  memory {memory_ratio:5.2f}x  (goal at most {GOALS['memory']}x)")
    print(f"load:    {load()} after")
    trash.empty(args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
