"""The FocusScan service under bounded load, on loopback.

Usage: python -m benchmarks.scan_load [--submissions 1000] [--concurrency 50]

Starts `focusbuild scan serve` in its own process with a fresh database,
opens a scan, and sends complete submissions (every statement, both choices,
one open answer) from `--concurrency` threads at once. Prints the
throughput, the latency of a submission (from sending the form to the
"bedankt" redirect: committed on disk) and checks that every acknowledged
submission is stored exactly once.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks import bytecode
from focusbuild.diagnostics import Collector
from focusbuild.scan import nonce
from focusbuild.scan.questions import parse
from focusbuild.scan.store import Store

REPO = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=50)
    args = parser.parse_args()
    print(f"bytecode: {bytecode.compiled()}")
    text = (REPO / "content/focusscan.yaml").read_text(encoding="utf-8")
    questions = parse(text, "focusscan.yaml", Collector())
    assert questions is not None
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "scan.db"
        store = Store(db)
        scan = store.open("belasting", datetime.date.today() + datetime.timedelta(days=1), text)
        port = _free_port()
        command = [sys.executable, "-m", "focusbuild", "scan", "serve", "-p", str(REPO)]
        server = subprocess.Popen(
            # no cap on forms per minute: the benchmark sends them faster than people do
            [*command, "--db", str(db), "--port", str(port), "--per-minuut", "100000"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait(port)
            rnd = random.Random(1)

            def form() -> list[tuple[str, str]]:
                # what the form page hands out (signed with the database's key)
                fields = [("nonce", nonce.issue(store.secret, scan.token))]
                fields += [(s.id, str(rnd.randint(1, 5))) for s in questions.statements]
                fields += [(c.id, str(rnd.randint(1, len(c.opties)))) for c in questions.keuzes]
                fields.append((questions.open[0].id, "Dat we samen bidden."))
                return fields

            forms = [form() for _ in range(args.submissions)]

            def send(fields: list[tuple[str, str]]) -> tuple[int, float]:
                started = time.perf_counter()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request(
                    "POST",
                    f"/scan/{scan.token}/",
                    body=urllib.parse.urlencode(fields),
                    headers={"Content-Type": "application/x-www-form-urlencoded"},
                )
                status = connection.getresponse().status
                connection.close()
                return status, time.perf_counter() - started

            began = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
                done = list(pool.map(send, forms))
            seconds = time.perf_counter() - began
        finally:
            server.terminate()
            server.wait(timeout=10)
        latencies = sorted(t for _, t in done)
        ok = sum(1 for status, _ in done if status == 303)
        stored = len(Store(db).nonces(scan))
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    fields, at_once = len(questions.ids), args.concurrency
    print(f"submissions:   {args.submissions} ({fields} fields each), {at_once} at once")
    print(f"acknowledged:  {ok}; stored: {stored} (each once: {stored == ok == args.submissions})")
    print(f"throughput:    {args.submissions / seconds:.0f} submissions/s ({seconds:.2f} s in all)")
    print(
        f"latency:       median {statistics.median(latencies) * 1000:.0f} ms, "
        f"95th percentile {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
    )


def _wait(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("the scan service did not start")


if __name__ == "__main__":
    main()
