"""A gemeente's own programme next to the public PDFs, in one run (issue 12).

Usage: python -m benchmarks.gemeente [--rounds 3] [--project .]

A copy of the project (by default the shipped content) gets one profile that
holds every blok and uses every doelgroep. Per round, interleaved, from an
empty output folder each time:
- the public PDFs: `focusbuild build --only pdf --no-cache`;
- the gemeente: `focusbuild build --only gemeenten --gemeente alles --no-cache`.
Then, in one output folder: the gemeente again with nothing changed, and
after an edit to one public section (the kring prayer of blok 1, gesprek 1),
with how many of the gemeente's PDFs were made again. The goals: cold at
most 1.2× the public PDFs, nothing changed at most 0.5 s, and after the edit
only the booklets that show that section.
"""

from __future__ import annotations

import argparse
import re
import statistics
from pathlib import Path

from benchmarks import bytecode, trash
from benchmarks.projects import copy_project, timed_build

HERE = Path(__file__).resolve().parent
PROFILE = """\
naam: Hervormde gemeente Alles (benchmark)
plaats: Benchmark
startjaar: 2028
kringavond: dinsdag
tijd: "20:00"
"""
_MADE = re.compile(r"(\d+) pdf's \((\d+) gemaakt, (\d+) hergebruikt\)")


def _prepare(source: Path, work: Path) -> Path:
    project = copy_project(source, work)
    (project / "gemeenten").mkdir()
    (project / "gemeenten" / "alles.yaml").write_text(PROFILE, encoding="utf-8")
    return project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--project", type=Path, default=Path("."))
    parser.add_argument("--work", type=Path, default=HERE / ".work" / "gemeente")
    args = parser.parse_args(argv)
    print(f"bytecode: {bytecode.compiled()}")
    project = _prepare(args.project.resolve(), args.work)
    public: list[float] = []
    gemeente: list[float] = []
    trash.settle(args.work, args.work.parent)
    for round_ in range(1, args.rounds + 1):
        for label, times, extra in (
            ("public PDFs", public, ("--only", "pdf")),
            ("gemeente", gemeente, ("--only", "gemeenten", "--gemeente", "alles")),
        ):
            output = args.work / "out"
            trash.set_aside(output, args.work)
            seconds, _ = timed_build(project, output, *extra, "--no-cache", "-q")
            times.append(seconds)
            print(f"  round {round_}/{args.rounds}  {label:<12} {seconds:6.2f} s", flush=True)
    output = args.work / "kept"
    trash.set_aside(output, args.work)
    asked = ("--only", "gemeenten", "--gemeente", "alles")
    timed_build(project, output, *asked)  # the first build into this folder
    unchanged = [timed_build(project, output, *asked)[0] for _ in range(args.rounds)]
    prayer = sorted((project / "content" / "blok1").glob("01-*/gebed.md"))[0]
    prayer.write_text(prayer.read_text(encoding="utf-8") + "\nAmen.\n", encoding="utf-8")
    edited, report = timed_build(project, output, *asked)
    made = _MADE.search(report)
    ratio = statistics.median(gemeente) / statistics.median(public)
    print()
    print(
        f"public PDFs, cold      median {statistics.median(public):6.2f} s  "
        f"({min(public):.2f}–{max(public):.2f})"
    )
    print(
        f"gemeente, cold         median {statistics.median(gemeente):6.2f} s  "
        f"({min(gemeente):.2f}–{max(gemeente):.2f})  ratio {ratio:.2f} (goal ≤ 1.2)"
    )
    print(
        f"gemeente, unchanged    median {statistics.median(unchanged):6.2f} s  "
        f"({min(unchanged):.2f}–{max(unchanged):.2f})  (goal ≤ 0.5 s)"
    )
    print(
        f"gemeente, after an edit to {prayer.relative_to(project)}: {edited:.2f} s, "
        + (f"{made.group(2)} of {made.group(1)} PDFs made again" if made else report.strip())
    )
    trash.empty(args.work.parent)
    trash.empty(args.work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
