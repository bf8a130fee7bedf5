"""Helpers for tests that build a site and look at what was written."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from focusbuild.cli import cli
from focusbuild.render.pagefind import Record, pagefind_record


def run_build(*args: str) -> Result:
    return CliRunner().invoke(cli, ["build", *args], catch_exceptions=False)


def readable_files(root: Path) -> Iterator[tuple[Path, str]]:
    """Every file under `root` as text; Pagefind's gzipped index files unpacked."""
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        yield path, data.decode("utf-8", errors="replace")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def indexed_text(record: Record) -> str:
    """Every text of a search record that Pagefind gets: its content, its metadata (title,
    where it stands) and its filter values."""
    payload: Any = pagefind_record(record, "nl")
    filters = [value for values in payload["filters"].values() for value in values]
    return " ".join([payload["content"], *payload["meta"].values(), *filters])
