"""The `focusbuild` command's entry point: loads the command line only when run.

A worker forked from the warm typesetting server (`render/warm_typesetter.py`)
runs the script that started the build again, as `__mp_main__`, before it
typesets. With `focusbuild.cli` as the entry point that meant importing the
whole command line (0.25 s) in the server before any worker could start, on
the path of every rebuild with a PDF to make. This module imports nothing.
"""

from __future__ import annotations


def main() -> None:
    from focusbuild.cli import main as cli

    cli()
