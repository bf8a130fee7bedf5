"""Command-line options that more than one group of commands takes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from focusbuild.paths import find_project

F = TypeVar("F", bound=Callable[..., Any])


def _project(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    """`-p MAP` as given; without it the nearest folder with focus.yaml, from here
    upwards (said on stderr when it is above); else here (and the check says focus.yaml
    is missing)."""
    if value is not None:
        return value
    here = Path(".")
    found = find_project(here)
    if found is None or found == here.absolute():
        return here
    click.echo(f"Projectmap: {found}", err=True)
    return found


project_option = click.option(
    "-p",
    "--project",
    "project",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    callback=_project,
    metavar="MAP",
    help="Projectmap met focus.yaml.  [standaard: de map met focus.yaml, hier of erboven]",
)

#: `--host`: the address a server (serve, scan serve) listens on; loopback by default.
host_option = click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar="ADRES",
    help="Adres om op te luisteren.",
)


def folder_option(default: Path | None, help: str) -> Callable[[F], F]:
    """`-o/--output MAP`: where a command writes its files."""
    return click.option(
        "-o",
        "--output",
        "output",
        type=click.Path(file_okay=False, path_type=Path),
        default=default,
        show_default=default is not None,
        metavar="MAP",
        help=help,
    )


def path_option(*names: str, metavar: str, help: str, folder: bool = False) -> Callable[[F], F]:
    """An option naming a file (or a `folder`) to write, default None: `-o/--uit`."""
    return click.option(
        *names,
        type=click.Path(file_okay=not folder, dir_okay=folder, path_type=Path),
        default=None,
        metavar=metavar,
        help=help,
    )
