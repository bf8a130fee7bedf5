"""How long after saving a file does the open browser show the change? (`focusbuild serve`)

Usage: python -m benchmarks.serve_latency [--rounds 15] [--project .]

A copy of the project (by default the shipped content) is served by
`focusbuild serve` in its own process. Debian's Chromium, driven by
Playwright, opens a gesprek page; each round appends a unique sentence to
that gesprek's prayer and measures from just before the write until the
sentence is in the page. Rounds are 1.5 s apart, as an editor saves at most
every few seconds. Prints every round and the median, min and max.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--project", type=Path, default=Path("."))
    parser.add_argument("--work", type=Path, default=HERE / ".work" / "serve")
    args = parser.parse_args(argv)

    project = args.work / "project"
    shutil.rmtree(args.work, ignore_errors=True)
    project.mkdir(parents=True)
    shutil.copytree(args.project / "content", project / "content")
    shutil.copy(args.project / "focus.yaml", project / "focus.yaml")
    gesprek = sorted((project / "content").glob("blok2/*/gebed.md"))[0]
    slug = gesprek.parent.name.split("-", 1)[1]

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "focusbuild", "serve", "-p", str(project), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    times: list[float] = []
    try:
        url = f"http://127.0.0.1:{port}/blok2/{slug}/"
        _wait_for(url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.goto(url)
            original = gesprek.read_text(encoding="utf-8")
            for round_ in range(args.rounds):
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
                reload = page.evaluate("performance.timeOrigin") / 1000 - wall
                print(
                    f"round {round_ + 1:2}: {times[-1]:.3f} s (reload asked after {reload:.3f} s)",
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
