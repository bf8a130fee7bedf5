"""`focusbuild scan …`: the FocusScan's commands. The web serves only the form.

    focusbuild scan open SLUG --tot 2027-03-01    opens a scan; prints its link
    focusbuild scan serve                          the form, for everyone with a link
    focusbuild scan lijst                          every scan: open or closed, answers
    focusbuild scan sluit SLUG                     takes no more answers
    focusbuild scan rapport SLUG [-o MAP]          the report, HTML and PDF
    focusbuild scan export SLUG [-o MAP]           the answers as CSV

Every command takes `--db PATH`, with one default (see `store.default_path`).
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import os
import re
from pathlib import Path

import click

from focusbuild.cli_nl import Getal
from focusbuild.config import load_config
from focusbuild.diagnostics import Collector, count
from focusbuild.listening import CannotListen, bound, shown
from focusbuild.options import folder_option, host_option, project_option
from focusbuild.paths import layouts_of
from focusbuild.scan.nonce import PER_MINUTE
from focusbuild.scan.questions import FILE, Questionnaire, parse
from focusbuild.scan.store import Scan, ScanError, Store, default_path, require_closed
from focusbuild.today import today_nl

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}")

db_option = click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="BESTAND",
    help=f"De database van de scans (standaard: {default_path()}).",
)


def _store(db: Path | None) -> Store:
    return Store(db or default_path())


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise click.BadParameter(
            f"'{value}' is geen geldige naam: kleine letters, cijfers en '-', zoals oosterwaarde",
            param_hint="SLUG",
        )
    return value


def _email(value: str | None) -> str | None:
    """An e-mail address as the form can link to it, or none."""
    if value is None or not value.strip():
        return None
    address = value.strip()
    if not _EMAIL.fullmatch(address):
        raise click.BadParameter(
            f"'{address}' is geen e-mailadres (zoals scriba@gemeente.nl)", param_hint="--contact"
        )
    return address


def _scan(store: Store, slug: str) -> Scan:
    scan = store.latest(_slug(slug))
    if scan is None:
        raise click.ClickException(
            f"er is geen scan voor '{slug}'; open er een met "
            f"'focusbuild scan open {slug} --tot JJJJ-MM-DD'"
        )
    return scan


def _folder(project: Path, slug: str) -> Path:
    """Where a scan's report and exported files go by default: in the output, which git
    ignores, never in the project itself."""
    return project / "output" / "focusscan" / slug


def _day(day: datetime.date) -> str:
    """A date as the messages give it: "7 december 2026" (babel loads only when asked)."""
    from focusbuild.render.templates import dutch_date

    return dutch_date(day)


def _answered(store: Store, slug: str) -> Scan:
    """A gemeente's latest scan, refused when its answers were erased: a report or an
    export made now would be empty, and would replace the real one."""
    found = _scan(store, slug)
    if found.gewist is not None:
        raise click.ClickException(
            f"de antwoorden van '{found.slug}' zijn gewist op {_day(found.gewist)}; het rapport "
            "van daarvoor is het laatste"
        )
    return found


def _questions(scan: Scan) -> Questionnaire:
    questions = parse(scan.vragen, FILE, Collector())
    if questions is None:  # checked when the scan was opened
        raise click.ClickException("de vragen van deze scan zijn niet te lezen")
    return questions


@click.group(options_metavar="[OPTIES]", subcommand_metavar="OPDRACHT [ARGUMENTEN]...")
def scan() -> None:
    """De FocusScan: de online vragenlijst voor een gemeente, en het rapport."""


@scan.command("open", options_metavar="[OPTIES]")
@click.argument("slug", metavar="SLUG")
@click.option(
    "--tot",
    "tot",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    required=True,
    metavar="JJJJ-MM-DD",
    help="De laatste dag waarop de vragenlijst ingevuld kan worden.",
)
@click.option(
    "--adres",
    "adres",
    default="http://127.0.0.1:8100",
    show_default=True,
    metavar="URL",
    help="Waar 'focusbuild scan serve' te bereiken is (voor de link).",
)
@click.option(
    "--naam",
    "naam",
    metavar="NAAM",
    help="De naam van de gemeente, boven het formulier en het rapport, zodat een "
    "gemeentelid ziet dat de link van de eigen gemeente is.",
)
@click.option(
    "--contact",
    "contact",
    metavar="E-MAILADRES",
    callback=lambda _ctx, _param, value: _email(value),  # checked before anything opens
    help="Waar een gemeentelid met vragen over de antwoorden terechtkan (bijvoorbeeld de "
    "scriba); het formulier noemt het bij 'Wat gebeurt er met uw antwoorden?'.",
)
@project_option
@db_option
def open_scan(
    slug: str,
    tot: datetime.datetime,
    adres: str,
    naam: str | None,
    contact: str | None,
    project: Path,
    db: Path | None,
) -> None:
    """Open een scan voor een gemeente en toon de link om te delen."""
    collector = Collector()
    path = project / "content" / FILE
    text = path.read_text(encoding="utf-8") if path.is_file() else None
    questions = parse(text, f"content/{FILE}", collector) if text is not None else None
    for problem in collector.items:
        click.echo(problem.human(), err=True)
    if questions is None:
        raise click.ClickException(
            f"content/{FILE} ontbreekt of heeft fouten; er is geen scan geopend"
        )
    if tot.date() < today_nl():
        raise click.BadParameter(f"{tot.date()} is al voorbij", param_hint="--tot")
    try:
        opened = _store(db).open(
            _slug(slug), tot.date(), text or "", (naam or "").strip() or None, contact
        )
    except ScanError as error:
        raise click.ClickException(str(error)) from error
    link = f"{adres.rstrip('/')}/scan/{opened.token}/"
    last = _day(opened.tot)
    click.echo(f"Scan voor '{slug}' geopend tot en met {last}: {len(questions.ids)} vragen.")
    click.echo(f"Deel deze link met de gemeente: {link}")


@scan.command("sluit", options_metavar="[OPTIES]")
@click.argument("slug", metavar="SLUG")
@db_option
def close_scan(slug: str, db: Path | None) -> None:
    """Sluit een scan: er worden geen antwoorden meer aangenomen."""
    try:
        closed = _store(db).close(_slug(slug), today_nl())
    except ScanError as error:
        raise click.ClickException(str(error)) from error
    last = _day(closed.tot)
    click.echo(f"Scan voor '{closed.slug}' gesloten: antwoorden tot en met {last}.")


@scan.command("wis", options_metavar="[OPTIES]")
@click.argument("slug", metavar="SLUG")
@click.option("--ja", is_flag=True, help="Niet vragen of het zeker is.")
@project_option
@db_option
def erase_scan(slug: str, ja: bool, project: Path, db: Path | None) -> None:
    """Wis de antwoorden van de gesloten scans van een gemeente, voorgoed.

    Doe dit als het rapport gemaakt en besproken is: antwoorden worden niet langer
    bewaard dan nodig. Ook de csv-bestanden van 'scan export' in
    PROJECT/output/focusscan/SLUG gaan weg; het rapport zelf (de totalen, en de open
    antwoorden los van de rest) blijft, en
    de scan zelf (naam, datum, vragen) blijft in de lijst."""
    store = _store(db)
    latest = _scan(store, slug)
    today = today_nl()
    try:
        require_closed(latest, today)
    except ScanError as error:
        raise click.ClickException(str(error)) from error
    closed = [s for s in store.scans() if s.slug == latest.slug and not s.open_on(today)]
    answers = sum(store.submissions(s) for s in closed)
    exported = sorted(_folder(project, latest.slug).glob("focusscan-*.csv"))
    if not ja:
        what = f"{count(answers, 'antwoord', 'antwoorden')} van '{latest.slug}'"
        files = f" en {len(exported)} csv-bestanden" if exported else ""
        answer = click.prompt(
            f"De {what}{files} voorgoed wissen (is het rapport gemaakt)? Typ ja om te wissen",
            default="",
            show_default=False,
        )
        if answer.strip().lower() != "ja":
            raise click.Abort  # click says "Afgebroken." (cli_nl), with exit code 1
    for path in exported:  # first: erasing the database may stop half-way (see erase)
        path.unlink()
    try:
        erased = sum(store.erase(s, today) for s in closed)
    except ScanError as error:
        raise click.ClickException(str(error)) from error
    if not erased and not exported:
        if any(s.gewist is not None for s in closed):  # this finished what was left in the file
            click.echo(
                f"Er waren geen antwoorden van '{latest.slug}' meer; het bestand is opgeschoond."
            )
        else:
            click.echo(f"Er waren geen antwoorden van '{latest.slug}' om te wissen.")
        return
    gone = f"{count(erased, 'antwoord', 'antwoorden')} van '{latest.slug}'"
    click.echo(
        f"De {gone} {'is' if erased == 1 else 'zijn'} gewist"
        + (f", en de {len(exported)} csv-bestanden in {exported[0].parent}." if exported else ".")
    )


@scan.command("lijst", options_metavar="[OPTIES]")
@db_option
def list_scans(db: Path | None) -> None:
    """Toon elke scan: open of gesloten, tot wanneer, hoeveel antwoorden."""
    store = _store(db)
    today = today_nl()
    scans = store.scans()
    if not scans:
        click.echo("Er zijn nog geen scans.")
    for s in scans:
        state = "open" if s.open_on(today) else "gesloten"
        if s.gewist is not None:
            erased = _day(s.gewist)
            click.echo(
                f"{s.slug}: {state}, tot en met {_day(s.tot)}, antwoorden gewist op {erased}"
            )
        else:
            given = store.submissions(s)
            # answers are kept no longer than needed: a closed scan's are a reminder
            left = (
                f"; wis ze met 'focusbuild scan wis {s.slug}' zodra het rapport besproken is"
                if given and not s.open_on(today)
                else ""
            )
            click.echo(
                f"{s.slug}: {state}, tot en met {_day(s.tot)}, "
                f"{count(given, 'antwoord', 'antwoorden')}{left}"
            )


@scan.command("serve", options_metavar="[OPTIES]")
@project_option
@db_option
@host_option
@click.option("--port", default=8100, show_default=True, type=Getal(1, 65535), help="Poort.")
@click.option(
    "--per-minuut",
    "per_minute",
    default=PER_MINUTE,
    show_default=True,
    type=Getal(1, 100_000),
    help="Zoveel ingevulde vragenlijsten neemt een scan hoogstens aan per minuut; wat er "
    "meer komt, krijgt het formulier terug met de vraag het zo opnieuw te versturen.",
)
def serve_scan(project: Path, db: Path | None, host: str, port: int, per_minute: int) -> None:
    """Bied de vragenlijst aan op /scan/<token>/ (de enige server van focusbuild)."""
    import uvicorn

    from focusbuild.scan.app import ScanApp

    # bound first: a port in use is told in Dutch (not in uvicorn's English log line),
    # before the database is opened
    try:
        sock = bound(host, port)
    except CannotListen as failed:
        raise click.ClickException(failed.message("focusbuild scan serve")) from failed
    config = load_config(project.resolve(), Collector())
    organisatie = config.organisatie if config is not None else "IZB"
    store = _store(db)
    app = ScanApp(store, layouts_of(project.resolve()), organisatie, per_minute)
    where = f"http://{shown(host)}:{port}/scan/…"
    click.echo(f"FocusScan op {where} (database {store.path}); stoppen met Ctrl+C.")
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host=host,
            port=port,
            access_log=False,  # no addresses in any log
            proxy_headers=False,
            server_header=False,
            log_level="warning",
        )
    )
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn stopped cleanly, then passed Ctrl+C on
        click.echo("Gestopt.")
        return
    finally:
        sock.close()
    if not server.started:
        raise click.ClickException("de FocusScan kon niet starten (zie de melding hierboven)")


@scan.command("rapport", options_metavar="[OPTIES]")
@click.argument("slug", metavar="SLUG")
@folder_option(None, "Map voor het rapport (standaard: PROJECT/output/focusscan/SLUG).")
@project_option
@db_option
def report(slug: str, output: Path | None, project: Path, db: Path | None) -> None:
    """Maak het rapport voor de gemeenteavond en de kerkenraad (html en pdf)."""
    from focusbuild.render.typeset import typeset
    from focusbuild.scan.report import MIN_GROUP, report_html, results

    store = _store(db)
    found = _answered(store, slug)
    config = load_config(project.resolve(), Collector())
    if config is None:
        raise click.ClickException("focus.yaml ontbreekt of heeft fouten; draai 'focusbuild check'")
    data = results(found, _questions(found), store.responses(found))
    if data.responses < MIN_GROUP:
        # with two or three people, the bars and averages are their own answers
        n = data.responses
        who = (
            "nog niemand vulde"
            if n == 0
            else "pas één persoon vulde"
            if n == 1
            else (f"pas {n} mensen vulden")
        )
        raise click.ClickException(
            f"{who} de scan van '{found.slug}' in; een rapport komt er vanaf {MIN_GROUP} "
            "mensen, want met minder zijn de cijfers de antwoorden van die enkelen"
        )
    layouts = layouts_of(project.resolve())
    folder = output or _folder(project, found.slug)
    folder.mkdir(parents=True, exist_ok=True)
    html_file = folder / f"focusscan-{found.slug}.html"
    html_file.write_text(report_html(data, config, layouts), encoding="utf-8")
    pdf, pages = typeset(
        report_html(data, config, layouts, for_pdf=True), layouts.as_uri() + "/", (layouts,)
    )
    (folder / f"focusscan-{found.slug}.pdf").write_bytes(pdf)
    click.echo(
        f"Rapport voor '{found.slug}' ({data.responses} antwoorden) in {folder}: "
        f"focusscan-{found.slug}.html en .pdf ({pages} bladzijden)."
    )


@scan.command("export", options_metavar="[OPTIES]")
@click.argument("slug", metavar="SLUG")
@folder_option(None, "Map voor de csv-bestanden (standaard: PROJECT/output/focusscan/SLUG).")
@project_option
@db_option
def export(slug: str, output: Path | None, project: Path, db: Path | None) -> None:
    """Schrijf de antwoorden als csv (voor Excel: puntkomma's, UTF-8).

    Per stelling een kolom met het antwoord als getal: 1 = helemaal oneens tot en met
    5 = helemaal eens; leeg = geen antwoord of 'Weet ik niet'.

    Per persoon, dus niet anoniem genoeg om te delen: de bestanden komen naast het
    rapport (buiten git) en alleen u kunt ze lezen."""
    store = _store(db)
    found = _answered(store, slug)
    questions = _questions(found)
    answers = store.responses(found)
    folder = output or _folder(project, found.slug)
    folder.mkdir(parents=True, exist_ok=True)
    closed, opened = answers_csv(questions, answers)
    for name, data in (
        (f"focusscan-{found.slug}.csv", closed),
        (f"focusscan-{found.slug}-open.csv", opened),
    ):
        _write_private(folder / name, data)
    click.echo(
        f"{len(answers)} antwoorden van '{found.slug}' in {folder}: focusscan-{found.slug}.csv "
        f"(per persoon) en focusscan-{found.slug}-open.csv (de open antwoorden, los). "
        "Alleen voor wie het rapport maakt: deel ze niet en zet ze niet in git."
    )


def _write_private(path: Path, data: bytes) -> None:
    """Write a file only its owner can read: a person's answers, even without a name,
    can point to someone in a small group (the report hides groups under five)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # an older file keeps its mode through O_CREAT
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)


def answers_csv(
    questions: Questionnaire, answers: list[dict[str, int | str]]
) -> tuple[bytes, bytes]:
    """Two CSV files: per person the statements and choices; the open answers apart and
    sorted, so that no one's words stand next to their other answers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    statements = [s.id for s in questions.statements]
    # the questions as the form asked them, not their ids ("eerlijk", "lauw")
    writer.writerow(
        ["persoon", *(s.tekst for s in questions.statements), *(c.vraag for c in questions.keuzes)]
    )
    # in an order that does not follow the order the answers came in: "persoon 1" is not
    # the first who answered, whom someone might know
    shuffled = sorted(
        answers, key=lambda a: hashlib.sha256(repr(sorted(a.items())).encode()).digest()
    )
    for number, given in enumerate(shuffled, start=1):
        row: list[object] = [number, *(given.get(s, "") for s in statements)]
        for c in questions.keuzes:
            value = given.get(c.id)
            row.append(c.opties[value - 1] if isinstance(value, int) else "")
        writer.writerow(row)
    open_buffer = io.StringIO()
    open_writer = csv.writer(open_buffer, delimiter=";", lineterminator="\r\n")
    open_writer.writerow(["vraag", "antwoord"])
    for o in questions.open:
        texts = sorted((t for a in answers if isinstance(t := a.get(o.id), str)), key=str.casefold)
        open_writer.writerows([o.vraag, _as_text(text)] for text in texts)
    return buffer.getvalue().encode("utf-8-sig"), open_buffer.getvalue().encode("utf-8-sig")


def _as_text(answer: str) -> str:
    """An open answer as a cell Excel shows as text: one that starts like a formula
    ("=HYPERLINK(…)", "@SOM(…)") would otherwise be run when the file is opened. The
    apostrophe in front is Excel's own mark for "text", and is not shown."""
    return "'" + answer if answer[:1] in ("=", "+", "-", "@", "\t", "\r") else answer


__all__ = ["scan"]
