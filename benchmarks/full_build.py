"""A full build of the shipped content, site and all PDFs: cold, and after one edit (issue 17).

Usage: python -m benchmarks.full_build [--cold 1] [--edits 5] [--project .]

A copy of the project (by default the shipped content) is built:
- `--cold` times from an empty output folder (`focusbuild build --no-cache`);
- then once into a kept output folder, and `--edits` times after a different
  sentence was put at the end of one kring section (the prayer of blok 1,
  gesprek 1), as an editor who saves one change and builds.
The goals: cold at most 15 s, after one edit at most 3 s. Printed with the
machine's load, since the figures vary with it.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
from pathlib import Path

from benchmarks import bytecode, trash
from benchmarks.projects import copy_project, timed_build

HERE = Path(__file__).resolve().parent
_MADE = re.compile(r"(\d+) publicaties \((\d+) gemaakt, (\d+) hergebruikt\)")
GOALS = {"cold": 15.0, "edit": 3.0}


def _line(label: str, times: list[float], goal: float) -> str:
    median = statistics.median(times)
    return (
        f"{label:<22} median {median:6.2f} s  ({min(times):.2f}–{max(times):.2f}, "
        f"{len(times)} runs)  goal ≤ {goal:.0f} s: {'met' if median <= goal else 'not met'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", type=int, default=1, help="cold builds")
    parser.add_argument("--edits", type=int, default=5, help="builds after one edit")
    parser.add_argument("--project", type=Path, default=Path("."))
    parser.add_argument("--work", type=Path, default=HERE / ".work" / "full")
    args = parser.parse_args(argv)
    print(f"bytecode: {bytecode.compiled()}")
    project = copy_project(args.project.resolve(), args.work)
    load = [os.getloadavg()[0]]
    cold = []
    trash.settle(args.work, args.work.parent)
    for round_ in range(1, args.cold + 1):
        output = args.work / "cold"
        trash.set_aside(output, args.work)
        seconds, _ = timed_build(project, output, "--no-cache", "-q")
        cold.append(seconds)
        print(f"  cold {round_}/{args.cold}: {seconds:6.2f} s", flush=True)
    output = args.work / "kept"
    timed_build(project, output, "-q")  # the first build into this folder
    prayer = sorted((project / "content" / "blok1").glob("01-*/gebed.md"))[0]
    original = prayer.read_text(encoding="utf-8")
    edits = []
    made = []
    for round_ in range(1, args.edits + 1):
        prayer.write_text(f"{original}\nWij danken U voor avond {round_}.\n", encoding="utf-8")
        seconds, report = timed_build(project, output)
        edits.append(seconds)
        found = _MADE.search(report)
        made.append(f"{found.group(2)} of {found.group(1)}" if found else "?")
        print(f"  edit {round_}/{args.edits}: {seconds:6.2f} s ({made[-1]} PDFs made)", flush=True)
    prayer.write_text(original, encoding="utf-8")
    load.append(os.getloadavg()[0])
    print()
    print(f"load average (1 min) {load[0]:.2f} before, {load[1]:.2f} after; {os.cpu_count()} CPUs")
    if cold:
        print(_line("cold full build", cold, GOALS["cold"]))
    print(_line(f"after editing {prayer.parent.name}/gebed.md", edits, GOALS["edit"]))
    trash.empty(args.work.parent)
    trash.empty(args.work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
