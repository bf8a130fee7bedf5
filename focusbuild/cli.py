"""The command line: parse options, call one function, map problems to exit codes."""

from __future__ import annotations

import datetime
import errno
import importlib
import json
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import click

from focusbuild import __version__, cli_nl, scaffold
from focusbuild.bible import parse_reference
from focusbuild.build import TARGETS, BuildReport, Request
from focusbuild.build import build as run_build
from focusbuild.changes import ChangesError, changed_files, concerns
from focusbuild.check import CheckResult, check_project
from focusbuild.config import Config, load_config
from focusbuild.diagnostics import Collector, count, seconden, summary
from focusbuild.fields import YEARS
from focusbuild.gemeenten.model import WEEKDAYS
from focusbuild.gemeenten.profiles import profile_files
from focusbuild.nieuws.loader import EDITIONS
from focusbuild.options import host_option, path_option, project_option
from focusbuild.output import OutputBusy, OutputOverlaps
from focusbuild.parallel import default_jobs
from focusbuild.paths import CONFIG_NAME, inside, layouts_of, project_sources
from focusbuild.products import DEFAULT_TARGETS, TARGET_LABELS
from focusbuild.products.pages import PagesReport
from focusbuild.products.search import SearchReport
from focusbuild.products.typesetting import Made
from focusbuild.render.pagefind import PagefindError
from focusbuild.today import BadEpoch, epoch_date
from focusbuild.yamlnodes import suggest

cli_nl.install()

EXIT_CONTENT = 1

_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

content_option = click.option(
    "--content",
    "content",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Andere map met inhoud dan PROJECT/content.",
)
output_option = click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Map voor het resultaat (standaard: PROJECT/output).",
)
no_cache_option = click.option(
    "--no-cache",
    "no_cache",
    is_flag=True,
    help="Maak alles opnieuw, zonder iets uit de cache (OUTPUT/.cache) te gebruiken.",
)
strict_option = click.option(
    "--strict",
    is_flag=True,
    help="Waarschuwingen tellen als fouten.",
)
quiet_option = click.option(
    "-q", "--quiet", is_flag=True, help="Alleen meldingen over de inhoud, geen verslag."
)
date_option = click.option(
    "--datum",
    "datum",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="JJJJ-MM-DD",
    help="Doe alsof het deze dag is: wat in de agenda 'binnenkort' is en welk nieuws in de "
    "toekomst ligt (standaard: SOURCE_DATE_EPOCH als die gezet is, anders vandaag).",
)


class _Commands(click.Group):
    """The commands; `scan` and `diff` are imported when they are asked for (or listed
    in the help): what only they need (the FocusScan's database, the diff's pages) is
    not loaded by every build."""

    LATER: ClassVar[dict[str, tuple[str, str]]] = {
        "scan": ("focusbuild.scan.commands", "scan"),
        "diff": ("focusbuild.diffs.command", "diff_command"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LATER])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LATER:
            module, name = self.LATER[cmd_name]
            command = getattr(importlib.import_module(module), name)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """As click's, with `scan` and `diff` among the suggestions for a misspelt command
        (click 8.4 and later suggest; they take the suggestions from `self.commands`)."""
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as error:
            missing = getattr(click.exceptions, "NoSuchCommand", None)
            if missing is None or not isinstance(error, missing):
                raise
            name = error.command_name
            raise missing(name, possibilities=self.list_commands(ctx), ctx=ctx) from None


@click.group(
    cls=_Commands,
    context_settings=_CONTEXT,
    options_metavar="[OPTIES]",
    subcommand_metavar="OPDRACHT [ARGUMENTEN]...",
)
@click.version_option(__version__, "-V", "--version", prog_name="focusbuild")
def cli() -> None:
    """focusbuild maakt van de Focus-inhoud een website, werkboeken en handleidingen."""


def _verdict(result: CheckResult, ok: bool, strict: bool) -> str:
    """What follows the counts: nothing when all is well; why it fails otherwise."""
    if ok:
        return ""
    if strict and not result.errors:
        return " — niet in orde, omdat --strict de waarschuwingen als fouten telt"
    return " — niet in orde"


def summary_line(messages: list[str], failed: bool = True) -> str:
    """What serve says under a build's errors, or under its warnings alone."""
    if not failed:
        return (
            count(len(messages), "waarschuwing", "waarschuwingen")
            + ": de website is gemaakt, maar bij een pull request (--strict) "
            + ("telt die" if len(messages) == 1 else "tellen ze")
            + " als fout."
        )
    return (
        count(len(messages), "probleem", "problemen")
        + " in de inhoud; de pagina in de browser toont "
        + ("het" if len(messages) == 1 else "ze")
        + " ook. Opslaan na het verbeteren is genoeg."
    )


def _optional(*parts: tuple[int, str, str]) -> list[str]:
    """Counts of what a project need not have, when it has them."""
    return [count(n, one, many) for n, one, many in parts if n]


@cli.command(options_metavar="[OPTIES]")
@project_option
@content_option
@strict_option
@date_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tekst", "github"]),
    default="tekst",
    show_default=True,
    help="Uitvoer voor mensen, of als GitHub Actions-meldingen bij een pull request.",
)
@click.option(
    "--changed",
    "changed",
    is_flag=False,
    flag_value="origin/main",
    default=None,
    metavar="[REF]",
    help="Controleer alles, maar meld alleen problemen in bestanden die verschillen van REF "
    "(standaard origin/main), zoals bij een pull request.",
)
def check(
    project: Path,
    content: Path | None,
    strict: bool,
    datum: datetime.datetime | None,
    fmt: str,
    changed: str | None,
) -> None:
    """Controleer de inhoud en meld alle problemen met bestand en regel."""
    today = datum.date() if datum is not None else None
    result = check_project(project, content, jobs=default_jobs(), today=today)
    shown = result.diagnostics
    hidden = 0
    if changed is not None:
        try:
            files = changed_files(project.resolve(), changed)
        except ChangesError as error:
            raise click.UsageError(str(error)) from error
        shown = tuple(d for d in result.diagnostics if concerns(d.path, files))
        hidden = len(result.diagnostics) - len(shown)
        result = replace(result, diagnostics=shown)
    for diagnostic in shown:
        click.echo(diagnostic.github() if fmt == "github" else diagnostic.human())
    if hidden:
        elsewhere = (
            count(hidden, "melding", "meldingen") + " in bestanden die niet veranderd zijn, "
            "niet getoond."
        )
        click.echo(f"::notice::{elsewhere}" if fmt == "github" else elsewhere, err=fmt == "tekst")
    # with --changed, problems in other files do not fail this change
    ok = result.clean(strict=strict) if changed is not None else result.ok(strict=strict)
    if fmt == "tekst":
        if result.site is not None and not result.diagnostics and not hidden:
            site = result.site
            gesprekken = sum(1 for _ in site.gesprekken())
            secties = sum(1 for _ in site.sections())
            click.echo(
                "In orde: "
                + ", ".join(
                    [
                        count(len(site.blokken), "blok", "blokken"),
                        count(len(site.katernen), "katern", "katernen"),
                        count(gesprekken, "gesprek", "gesprekken"),
                        count(secties, "onderdeel", "onderdelen"),
                        count(len(site.pages), "pagina", "pagina's"),
                        *_optional(
                            (len(site.nieuws), "nieuwsbericht", "nieuwsberichten"),
                            (len(site.agenda), "activiteit", "activiteiten"),
                            (len(result.plans), "gemeente", "gemeenten"),
                        ),
                    ]
                )
                + "."
            )
        else:
            click.echo(summary(result.diagnostics) + _verdict(result, ok, strict), err=True)
    if not ok:
        sys.exit(EXIT_CONTENT)


@cli.command(options_metavar="[OPTIES]")
@project_option
@content_option
@output_option
@click.option(
    "--only",
    "only",
    type=click.Choice(TARGETS),
    multiple=True,
    help="Maak alleen dit (mag vaker): "
    + ", ".join(f"{target} ({label})" for target, label in TARGET_LABELS.items())
    + ". De rest blijft zoals de vorige build hem maakte.",
)
@click.option(
    "-j",
    "--jobs",
    "jobs",
    type=cli_nl.Getal(min=1),
    default=None,
    metavar="AANTAL",
    help="Aantal processen tegelijk (standaard: alle processorkernen).",
)
@click.option(
    "--print-ready",
    "print_ready",
    is_flag=True,
    help="Pdf's voor de drukker: 3 mm afloop en snijtekens.",
)
@click.option(
    "--gemeente",
    "gemeente",
    multiple=True,
    metavar="NAAM",
    callback=lambda _ctx, _param, names: tuple(_profile_name(n) for n in names),
    help="Maak ook het eigen programma van deze gemeente (gemeenten/NAAM.yaml); mag vaker.",
)
@click.option(
    "--gemeenten", "alle_gemeenten", is_flag=True, help="Maak ook het programma van elke gemeente."
)
@quiet_option
@no_cache_option
@strict_option
@date_option
def build(
    project: Path,
    content: Path | None,
    output: Path | None,
    only: tuple[str, ...],
    jobs: int | None,
    print_ready: bool,
    gemeente: tuple[str, ...],
    alle_gemeenten: bool,
    quiet: bool,
    no_cache: bool,
    strict: bool,
    datum: datetime.datetime | None,
) -> None:
    """Controleer de inhoud en maak de website, de pdf's en de handleidingen."""
    targets = frozenset(only) or None
    if gemeente or alle_gemeenten:
        _known_gemeenten(project, gemeente)
        targets = (targets or frozenset(DEFAULT_TARGETS)) | {"gemeenten"}
    bar: Any = None

    def progress(total: int, made: Made) -> None:
        """A bar for the publications, then one for the gemeenten's PDFs."""
        nonlocal bar
        if bar is not None and bar.pos >= bar.length:
            bar.__exit__(None, None, None)
            bar = None
        if bar is None:
            bar = click.progressbar(length=total, label="Pdf's maken", file=sys.stderr)
            bar.__enter__()
        bar.update(1, made)

    request = Request(
        targets=targets,
        gemeenten=frozenset(gemeente) if gemeente and not alle_gemeenten else None,
        content=content,
        output=output,
        strict=strict,
        jobs=jobs,
        print_ready=print_ready,
        cache=not no_cache,
        progress=progress if sys.stderr.isatty() and not quiet else None,
        datum=datum.date() if datum is not None else None,
    )
    try:
        _build_and_report(project, request, quiet)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _build_and_report(project: Path, request: Request, quiet: bool) -> None:
    """Build; print the diagnostics and (unless `quiet`) a line per product; exit 1 on
    a content mistake."""
    try:
        report = run_build(project, request)
    except (PagefindError, OutputBusy) as error:  # not the content: the old site stays
        raise click.ClickException(f"{error}; de vorige website is niet aangeraakt") from error
    except OutputOverlaps as error:
        raise click.ClickException(f"{error}; er is niets geschreven") from error
    result = report.check
    for diagnostic in result.diagnostics:
        click.echo(diagnostic.human())
    if not report.ok:
        click.echo(summary(result.diagnostics) + " — er is niets geschreven", err=True)
        sys.exit(EXIT_CONTENT)
    assert report.output is not None
    if result.diagnostics:
        click.echo(summary(result.diagnostics), err=True)
    if not quiet:
        for line in _build_lines(report, _shown(report.output)):
            click.echo(line)


@cli.command(options_metavar="[OPTIES]")
@project_option
@content_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tekst", "html", "json"]),
    default="tekst",
    show_default=True,
    help="Als tekst voor de terminal, als html-pagina of als json.",
)
@path_option(
    "-o",
    "--uit",
    "target",
    metavar="BESTAND",
    help="Schrijf naar dit bestand in plaats van naar de terminal.",
)
def status(project: Path, content: Path | None, fmt: str, target: Path | None) -> None:
    """Hoe ver het materiaal is: per gesprek de onderdelen, doelgroepen en achtergrond,
    de woorden, tijdelijke tekst en de leesbaarheid per doelgroep."""
    from focusbuild import status as report
    from focusbuild.render.bodies import Renderer

    if target is not None:
        _not_a_project_file(project, content, target)
    result = check_project(project, content, jobs=default_jobs(), renderer=Renderer)
    if result.site is None or result.renderer is None:
        for diagnostic in result.diagnostics:
            click.echo(diagnostic.human())
        click.echo(summary(result.diagnostics) + " — los eerst de fouten op", err=True)
        sys.exit(EXIT_CONTENT)
    found = report.status(result.site, result.renderer)
    if fmt == "json":
        text = json.dumps(report.as_json(found), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "html":
        text = report.as_html(found, result.site.config.titel, layouts_of(project.resolve()))
    else:
        text = report.as_text(found)
    if target is None:
        click.echo(text, nl=False)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        click.echo(f"Stand van het materiaal in {_shown(target)}.")


def _not_a_project_file(project: Path, content: Path | None, target: Path) -> None:
    """Refuse to write a report over focus.yaml, or into content/, layouts/ or gemeenten/
    (a usage error: exit 2): `-o focus.yaml` replaced the project's settings."""
    if inside(target.resolve(), project_sources(project.resolve(), content)):
        raise click.BadParameter(
            f"{_shown(target)} hoort bij het project; kies een bestand buiten content/, "
            "layouts/ en gemeenten/, en niet focus.yaml",
            param_hint="-o",
        )
    if target.is_dir():
        raise click.BadParameter(f"{_shown(target)} is een map; geef een bestand", param_hint="-o")


@cli.command(options_metavar="[OPTIES]")
@project_option
@output_option
@click.option(
    "--editie",
    "editie",
    metavar="JJJJ-MM",
    default=None,
    help="De editie (content/nieuwsbrief/JJJJ-MM.md); standaard de nieuwste.",
)
@quiet_option
@date_option
def nieuwsbrief(
    project: Path,
    output: Path | None,
    editie: str | None,
    quiet: bool,
    datum: datetime.datetime | None,
) -> None:
    """Maak een editie van FocusNieuws als e-mail: een .eml-bestand om te versturen, de
    HTML voor een mailprogramma en de tekst, in OUTPUT/nieuwsbrief/JJJJ-MM/."""
    _known_edition(project, editie)
    request = Request(
        targets=frozenset({"nieuwsbrief"}),
        output=output,
        editie=editie,
        datum=datum.date() if datum is not None else None,
    )
    _build_and_report(project, request, quiet)


def _known_edition(project: Path, editie: str | None) -> None:
    """Refuse an edition that has no file (a usage error: exit 2)."""
    folder = project.resolve() / "content" / EDITIONS
    known = sorted(p.stem for p in folder.glob("*.md")) if folder.is_dir() else []
    if editie is None and not known:
        raise click.UsageError(
            "er is nog geen editie van FocusNieuws: maak content/nieuwsbrief/JJJJ-MM.md met "
            "een datum en een openingstekst"
        )
    if editie is not None and editie not in known:
        listed = ", ".join(known) if known else "geen"
        raise click.BadParameter(
            f"geen editie content/nieuwsbrief/{editie}.md{suggest(editie, known)}; "
            f"bekend: {listed}",
            param_hint="--editie",
        )


def _profile_name(name: str) -> str:
    """NAAM as `--gemeente` takes it, also given as its file: gemeenten/NAAM.yaml."""
    if name.endswith((".yaml", ".yml")) or "/" in name:
        return Path(name).stem
    return name


def _known_gemeenten(project: Path, asked: tuple[str, ...]) -> None:
    """Refuse a gemeente that has no profile (a usage error: exit 2)."""
    known = [path.stem for path in profile_files(project.resolve())]
    for slug in asked:
        if slug not in known:
            listed = ", ".join(known) if known else "geen: er is geen map gemeenten/"
            raise click.BadParameter(
                f"geen profiel gemeenten/{slug}.yaml{suggest(slug, known)}; bekend: {listed}",
                param_hint="--gemeente",
            )


def _build_lines(report: BuildReport, where: str) -> list[str]:
    """The build report: a line per product, the website's first."""
    lines = []
    if report.unchanged:
        seconds = report.seconds["total"]
        lines.append(
            f"Niets veranderd sinds de vorige build ({seconden(seconds)}): alles in {where} is al "
            "actueel; er is niets geschreven."
        )
    site = (PagesReport, SearchReport)
    reports = sorted(report.reports.values(), key=lambda r: not isinstance(r, site))
    return lines + [line for r in reports for line in r.lines(where)]


@cli.command(options_metavar="[OPTIES]")
@project_option
@host_option
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=cli_nl.Getal(0, 65535),
    metavar="POORT",
    help="Poort om op te luisteren.",
)
@output_option
@content_option
@click.option("--pdf", is_flag=True, help="Maak bij elke wijziging ook de pdf's opnieuw.")
def serve(
    project: Path, host: str, port: int, output: Path | None, content: Path | None, pdf: bool
) -> None:
    """Bekijk de website terwijl je schrijft: opslaan is genoeg, de pagina ververst vanzelf."""
    from focusbuild.listening import CannotListen
    from focusbuild.serve import CannotWatch
    from focusbuild.serve import serve as run_server

    if not (project / CONFIG_NAME).is_file():
        raise click.UsageError(
            f"{project.resolve()} is geen Focus-project: {CONFIG_NAME} ontbreekt; geef de "
            "projectmap aan met -p MAP"
        )

    def tell(messages: list[str], failed: bool) -> None:
        for line in messages:
            click.echo(line, err=True)
        click.echo(
            summary_line(messages, failed)
            if messages
            else "Weer in orde: de pagina laat de website zien.",
            err=True,
        )

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"Let op: de website is nu ook te zien vanaf andere computers ({host}).")

    def ready(url: str, server: object, stop: object) -> None:
        click.echo(f"Focus draait op {url} — stoppen met Ctrl+C.")

    epoch_date()  # a SOURCE_DATE_EPOCH that is no moment: said now, not in a rebuild
    try:
        run_server(
            project,
            (output or project / "output").resolve(),
            host,
            port,
            pdf=pdf,
            ready=ready,
            content=content,
            tell=tell,
        )
    except CannotWatch as failed:
        reason = failed.reason
        raise click.ClickException(f"kan de map niet volgen op wijzigingen: {reason}") from failed
    except CannotListen as failed:
        raise click.ClickException(failed.message("focusbuild serve")) from failed
    except OutputOverlaps as error:
        raise click.ClickException(f"{error}; er is niets geschreven") from error
    except KeyboardInterrupt:
        click.echo("Gestopt.")


@cli.group(options_metavar="[OPTIES]", subcommand_metavar="gesprek|katern|gemeente ...")
def new() -> None:
    """Maak een nieuw gesprek, katern of gemeenteprofiel aan, klaar om in te vullen."""


_passage_option = click.option(
    "--bijbelgedeelte",
    metavar="TEKST",
    default=None,
    help='Het hoofdgedeelte van het (eerste) gesprek, zoals "Lucas 19:1-10" (zonder deze '
    "optie vraagt focusbuild erom).",
)


def _at_terminal() -> bool:
    return sys.stdin.isatty()


def _passage(given: str | None) -> str:
    """The Bible passage: as given, or asked for (only at a terminal, again after a typo,
    with what was wrong); checked before anything is written."""
    if given is None:
        if not _at_terminal():
            raise click.UsageError('geef het Bijbelgedeelte met --bijbelgedeelte "Lucas 19:1-10"')
        while True:
            asked = str(click.prompt("Bijbelgedeelte (bijvoorbeeld Lucas 19:1-10)"))
            try:
                parse_reference(asked)
            except ValueError as error:
                click.echo(f"'{asked}': {error}; probeer het nog eens.", err=True)
                continue
            return asked
    try:
        parse_reference(given)
    except ValueError as error:
        raise click.BadParameter(f"'{given}': {error}", param_hint="--bijbelgedeelte") from error
    return given


def _blok_or_katern(ctx: click.Context, param: click.Parameter, value: str) -> int | str:
    """A blok's number, also as its folder name says it ("blok2", "Blok 2"), or a katern
    by its folder's name ("gebed", "katernen/gebed"): as an int argument, "blok2" gave
    click's "is geen integer"."""
    text = value.strip().strip("/")
    m = re.fullmatch(r"(?:(?:content/)?blok\s*)?(\d{1,2})", text, re.IGNORECASE)
    if m is not None:
        return int(m.group(1))
    name = text.lower().removeprefix("content/").removeprefix("katernen/")
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        return name
    raise click.BadParameter(
        f"'{value}' is geen blok of katern; schrijf het nummer van het blok (zoals 2) of de "
        "naam van de map van het katern (zoals gebed)",
        param_hint="BLOK|KATERN",
    )


@new.command("gesprek", options_metavar="[OPTIES]")
@project_option
@click.argument("blok", metavar="BLOK|KATERN", callback=_blok_or_katern)
@click.argument("titel", metavar="TITEL")
@_passage_option
def new_gesprek(project: Path, blok: int | str, titel: str, bijbelgedeelte: str | None) -> None:
    """Nieuw gesprek met de titel TITEL in blok BLOK (een nummer, zoals 2) of in katern
    KATERN (de naam van zijn map, zoals gebed)."""

    def make(config: Config, content: Path) -> scaffold.Created:
        numbers = config.blokken
        if isinstance(blok, int) and blok not in numbers:
            raise click.BadParameter(
                f"blok {blok} bestaat niet: blokken lopen van {numbers.eerste} tot en met "
                f"{numbers.laatste}",
                param_hint="BLOK",
            )
        return scaffold.new_gesprek(config, content, blok, titel, _passage(bijbelgedeelte))

    _scaffold(project, make)


@new.command("katern", options_metavar="[OPTIES]")
@project_option
@click.argument("titel", metavar="TITEL")
@_passage_option
def new_katern(project: Path, titel: str, bijbelgedeelte: str | None) -> None:
    """Nieuw katern met de titel TITEL en een eerste gesprek."""
    _scaffold(
        project,
        lambda config, content: scaffold.new_katern(
            config, content, titel, _passage(bijbelgedeelte)
        ),
    )


@new.command("gemeente", options_metavar="[OPTIES]")
@project_option
@click.argument("naam", metavar="NAAM")
@click.option("--plaats", required=True, metavar="PLAATS", help="De plaats van de gemeente.")
@click.option(
    "--start",
    "startjaar",
    required=True,
    type=cli_nl.Getal(YEARS.start, YEARS.stop - 1),
    metavar="JAAR",
    help="Het jaar waarin blok 1 begint (blok 0 valt in het najaar ervoor).",
)
@click.option(
    "--kringavond",
    default="dinsdag",
    show_default=True,
    type=click.Choice(WEEKDAYS, case_sensitive=False),
    metavar="DAG",
    help="De avond waarop de kringen samenkomen.",
)
def new_gemeente(project: Path, naam: str, plaats: str, startjaar: int, kringavond: str) -> None:
    """Nieuw profiel voor de gemeente NAAM, met bij elke sleutel uitleg."""
    _scaffold(
        project,
        lambda config, content: scaffold.new_gemeente(
            config.root, naam, plaats, startjaar, kringavond
        ),
    )


def _scaffold(project: Path, make: Callable[[Config, Path], scaffold.Created]) -> None:
    collector = Collector()
    config = load_config(project.resolve(), collector)
    if config is None:
        for diagnostic in collector.items:
            click.echo(diagnostic.human())
        sys.exit(EXIT_CONTENT)
    try:
        created = make(config, config.content_dir)
    except scaffold.ScaffoldError as error:
        raise click.ClickException(str(error)) from error
    if len(created.files) == 1:
        click.echo(f"Aangemaakt: {_shown(created.files[0])}.")
    else:
        click.echo(
            f"Aangemaakt: {_shown(created.folder)}/ met "
            + count(len(created.files), "bestand", "bestanden")
            + "."
        )
    click.echo(created.hint)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


#: What the system said when a file or folder could not be read or written, in Dutch.
_OS_REASONS = {
    errno.ENOENT: "bestaat niet",
    errno.ENOTDIR: "een deel van dit pad is een bestand, geen map",
    errno.EISDIR: "is een map",
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.EROFS: "alleen te lezen",
    errno.ENOSPC: "de schijf is vol",
    errno.EEXIST: "staat er al, maar is geen map",
}


def os_message(error: OSError) -> str:
    """A file the system refused, in Dutch: "Fout: /x/y: bestaat niet"."""
    reason = _OS_REASONS.get(error.errno or 0) or f"{error.strerror or error} (errno {error.errno})"
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{reason}"


def main() -> None:
    """The command line, with a file the system refuses (an output folder inside a file,
    one without permission, a full disk) said in Dutch instead of a traceback."""
    from focusbuild.memory import return_freed_memory

    return_freed_memory()
    try:
        cli(prog_name="focusbuild")
    except BrokenPipeError:
        sys.stderr.close()  # the reader stopped (`focusbuild status | head`): say nothing
        sys.exit(1)
    except BadEpoch as error:
        click.echo(f"Fout: {error}", err=True)
        sys.exit(1)
    except OSError as error:
        click.echo(f"Fout: {os_message(error)}", err=True)
        sys.exit(1)
