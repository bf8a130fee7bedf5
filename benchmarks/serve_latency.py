"""How long after saving a file does the open browser show the change? (`focusbuild serve`)

Usage: python -m benchmarks.serve_latency [--rounds 15] [--project .] [--spread]
                                          [--taskset 0]

A copy of the project (by default the shipped content) is served by
`focusbuild serve` in its own process. Debian's Chromium, driven by
Playwright, opens a gesprek page; each round appends a unique sentence to
that gesprek's prayer and measures from just before the write until the
sentence is in the page. Rounds are 1.5 s apart, as an editor saves at most
every few seconds. Prints every round and the median, min and max.

`--spread` edits a different kring section each round (a seeded sample from
every blok; the page of its gesprek is opened first, and the edit is undone
untimed after the round). `--taskset 0` pins serve to one CPU.
"""

from __future__ import annotations

import argparse
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks import bytecode, trash

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


KRING = ("lied", "bijbelstudie", "verhalen-delen", "gebed", "in-beweging", "delen-en-dienen")


def _url(port: int, section: Path) -> str:
    """The gesprek page that shows a kring section."""
    blok, folder = section.parent.parent.name, section.parent.name
    return f"http://127.0.0.1:{port}/{blok}/{folder.split('-', 1)[1]}/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--project", type=Path, default=Path("."))
    parser.add_argument("--work", type=Path, default=HERE / ".work" / "serve")
    parser.add_argument(
        "--spread", action="store_true", help="each round a different kring section, any blok"
    )
    parser.add_argument(
        "--taskset", metavar="CPUS", help="run serve on these CPUs only (taskset -c)"
    )
    args = parser.parse_args(argv)
    print(f"bytecode: {bytecode.compiled()}")

    project = args.work / "project"
    trash.set_aside(args.work, args.work.parent)  # deleted after the measurements
    project.mkdir(parents=True)
    shutil.copytree(args.project / "content", project / "content")
    shutil.copy(args.project / "focus.yaml", project / "focus.yaml")
    first = sorted((project / "content").glob("blok2/*/gebed.md"))[0]
    sections = [first] * args.rounds
    if args.spread:  # a seeded sample of every kring section of every blok
        kring = [p for p in sorted((project / "content").glob("blok*/*/*.md")) if p.stem in KRING]
        sections = random.Random(1).sample(kring, min(args.rounds, len(kring)))

    trash.settle(args.work.parent)
    port = _free_port()
    pinned = ["taskset", "-c", args.taskset] if args.taskset else []
    serve = [sys.executable, "-m", "focusbuild", "serve", "-p", str(project)]
    server = subprocess.Popen(
        [*pinned, *serve, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    times: list[float] = []
    try:
        _wait_for(_url(port, first))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            for round_, gesprek in enumerate(sections):
                if round_ == 0 or gesprek.parent != sections[round_ - 1].parent:
                    page.goto(_url(port, gesprek))
                original = gesprek.read_text(encoding="utf-8")
                time.sleep(1.5)
                marker = f"Meetpunt {round_} {time.time_ns()}"
                started, wall = time.perf_counter(), time.time()
                gesprek.write_text(original + f"\n{marker}\n", encoding="utf-8")
                page.wait_for_function(
                    "m => document.body && document.body.innerText.includes(m)",
                    arg=marker,
                    polling="raf",
                    timeout=30_000,
                )
                times.append(time.perf_counter() - started)
                # when the page heard of the rebuild (it swaps in the new page's body, or
                # loads again: then its time origin), before the undo below gives another
                asked = "window.focusbuildAsked || performance.timeOrigin"
                reload = page.evaluate(asked) / 1000 - wall
                if args.spread:
                    gesprek.write_text(original, encoding="utf-8")
                    time.sleep(1.5)  # that rebuild is not timed
                print(
                    f"round {round_ + 1:2}: {times[-1]:.3f} s (page told after {reload:.3f} s)",
                    flush=True,
                )
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
    print(
        f"edit visible: median {statistics.median(times):.3f} s, "
        f"min {min(times):.3f} s, max {max(times):.3f} s ({len(times)} rounds)"
    )
    trash.empty(args.work.parent)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
