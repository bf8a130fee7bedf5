"""`focusbuild diff [REF] [-o MAP]`: the command line of the page comparison."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from focusbuild.diagnostics import seconden, summary
from focusbuild.diffs.worktree import DiffError
from focusbuild.options import path_option, project_option
from focusbuild.output import OutputBusy
from focusbuild.parallel import default_jobs
from focusbuild.paths import layouts_of


@click.command("diff", options_metavar="[OPTIES]")
@click.argument("ref", default="origin/main", metavar="[VERSIE]")
@project_option
@path_option(
    "-o",
    "--uit",
    "target",
    metavar="MAP",
    help="Map voor het verslag (standaard: OUTPUT/diff).",
    folder=True,
)
@path_option(
    "--output",
    "output",
    metavar="MAP",
    help="Map van de bouw (standaard: PROJECT/output).",
    folder=True,
)
def diff_command(ref: str, project: Path, target: Path | None, output: Path | None) -> None:
    """Laat zien wat een wijziging doet met de boekjes: bouwt de pdf's van VERSIE
    (standaard origin/main) en van de werkmap, en zet de veranderde bladzijden naast
    elkaar in OUTPUT/diff/index.html, met de veranderingen omlijnd."""
    import time

    # Pillow and the page comparison load only when a diff is asked for
    from focusbuild.diffs.pages import ToolMissing
    from focusbuild.diffs.report import SUMMARY, describe
    from focusbuild.diffs.run import BuildFailed, diff

    started = time.perf_counter()
    output = output or project / "output"
    target = target or output / "diff"
    try:
        result = diff(project, ref, output, target, default_jobs(), layouts_of(project.resolve()))
    except DiffError as error:
        raise click.ClickException(str(error)) from error
    except ToolMissing as error:
        raise click.ClickException(
            f"{error} ontbreekt of faalt; focusbuild diff heeft pdftoppm en pdftotext nodig "
            "(Debian/Ubuntu: sudo apt install poppler-utils; macOS: brew install poppler)"
        ) from error
    except OutputBusy as error:
        raise click.ClickException(str(error)) from error
    except BuildFailed as failed:
        diagnostics = failed.report.check.diagnostics
        for diagnostic in diagnostics:
            click.echo(diagnostic.human())
        click.echo(f"{failed.side} bouwt niet: {summary(diagnostics)}", err=True)
        sys.exit(1)
    for booklet in result.booklets:
        click.echo(f"  {booklet.rel}: {describe(booklet)}")
    base, work = result.typeset
    click.echo(
        f"{result.summary} (vergeleken met {ref}; {base} + {work} pdf's gezet, "
        f"de rest hergebruikt; {seconden(time.perf_counter() - started)})."
    )
    click.echo(f"Verslag: {result.report / 'index.html'}; voor het pull request: {SUMMARY}.")
