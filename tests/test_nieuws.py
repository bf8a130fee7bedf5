"""News and agenda: content/nieuws/ and content/agenda/ on the site, in the Atom feed,
in the search index and as calendar files; every mistake a Dutch diagnostic."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import feedparser
import icalendar
import pytest
from click.testing import CliRunner

from focusbuild.check import check_project
from focusbuild.cli import cli
from focusbuild.render.bodies import Renderer
from focusbuild.render.pagefind import NIEUWS, RUBRIEK, records
from tests.conftest import BASE_URL, MakeProject, base_files, write_files
from tests.site_support import run_build

PNG = (Path(__file__).parent.parent / "content/nieuws/img/jongeren-rond-de-bijbel.png").read_bytes()


def news(day: str, slug: str, extra: str = "", body: str = "Tekst van het bericht.") -> str:
    return (
        f"---\ntitel: Bericht van {day}\ndatum: {day}\n"
        f"samenvatting: Wat er op {day} gebeurde.\n{extra}---\n{body}\n"
    )


def event(day: str, extra: str = "") -> str:
    return (
        f"---\ntitel: Focusdag\ndatum: {day}\nplaats: Amersfoort\nvoor: kerkenraden\n"
        f"{extra}---\nT.\n"
    )


def lines(root: Path, *args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["check", "-p", str(root), "--datum", "2027-06-01", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output.splitlines()


N = "content/nieuws"
A = "content/agenda"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {
                f"{N}/2027-01-15-focusdag.md": news("2027-01-15", "").replace(
                    "datum: 2027-01-15\n", ""
                )
            },
            f"{N}/2027-01-15-focusdag.md:1:1: fout: verplichte sleutel 'datum' ontbreekt",
        ),
        (
            {f"{N}/2027-02-30-focusdag.md": news("2027-02-30", "")},
            f"{N}/2027-02-30-focusdag.md:3:8: fout: 'datum': de datum 2027-02-30 bestaat niet",
        ),
        (
            {f"{A}/focusdag.md": event("2027-10-09", "eind: 9999-12-31\n")},
            f"{A}/focusdag.md:6:7: fout: 'eind': 9999-12-31 ligt niet tussen 2000 en 2100",
        ),
        (
            {f"{A}/focusdag.md": event("1899-10-09")},
            f"{A}/focusdag.md:3:8: fout: 'datum': 1899-10-09 ligt niet tussen 2000 en 2100",
        ),
        (
            {f"{N}/2027-01-15-focusdag.md": news("2027-01-16", "")},
            f"{N}/2027-01-15-focusdag.md:3:8: fout: datum 2027-01-16 verschilt van de datum in "
            "de bestandsnaam (2027-01-15)",
        ),
        (
            {
                f"{N}/2027-01-15-focusdag.md": news("2027-01-15", "", "afbeelding: img/a.png\n"),
                f"{N}/img/a.png": PNG,
            },
            f"{N}/2027-01-15-focusdag.md:5:13: fout: een afbeelding heeft 'alt' nodig: wat erop "
            "staat, voor wie hem niet ziet",
        ),
        (
            {f"{N}/2027-01-15-focusdag.md": news("2027-01-15", "", "afbeelding: /etc/passwd\n")},
            f"{N}/2027-01-15-focusdag.md:5:13: fout: afbeelding '/etc/passwd' wijst buiten de "
            "map met inhoud",
        ),
        (
            {f"{N}/focusdag.md": news("2027-01-15", "")},
            f"{N}/focusdag.md:1:1: waarschuwing: geen nieuwsbericht (een bestand als "
            "2027-01-15-onderwerp.md); wordt overgeslagen",
        ),
        (
            {f"{A}/focusdag.md": event("2027-10-09", "eind: 2027-10-08\n")},
            f"{A}/focusdag.md:6:7: fout: deze activiteit eindigt (2027-10-08) vóór ze begint "
            "(2027-10-09)",
        ),
        (
            {f"{A}/focusdag.md": event("2027-10-09", 'tijd: "16:00-10:00"\n')},
            f"{A}/focusdag.md:6:7: fout: deze activiteit eindigt (10:00) vóór ze begint (16:00)",
        ),
        (
            {
                f"{A}/focusdag.md": event("2027-10-09").replace(
                    "voor: kerkenraden", "voor: kerkraden"
                )
            },
            f"{A}/focusdag.md:5:7: fout: onbekend 'voor' 'kerkraden' (bedoelde je 'kerkenraden'?)",
        ),
        (
            {f"{A}/focusdag.md": event("2027-10-09").replace("voor: kerkenraden", "voor: []")},
            f"{A}/focusdag.md:5:7: fout: 'voor' is een lege lijst: noem ten minste één groep",
        ),
        (
            {f"{A}/focusdag.md": event("2027-10-09", "aanmelden: bij de scriba\n")},
            f"{A}/focusdag.md:6:12: fout: 'aanmelden' is een webadres (https://…) of een "
            "e-mailadres, niet 'bij de scriba'",
        ),
    ],
    ids=[
        "no-date",
        "no-such-date",
        "far-end",
        "far-start",
        "name-differs",
        "image-without-alt",
        "image-outside",
        "bad-name",
        "ends-before-start",
        "time-backwards",
        "unknown-voor",
        "empty-voor",
        "bad-signup",
    ],
)
def test_mistakes_are_dutch_diagnostics(
    make_project: MakeProject, files: dict[str, str | bytes], expected: str
) -> None:
    code, output = lines(make_project(files))
    assert any(line.startswith(expected) for line in output), output
    assert code == (0 if "waarschuwing" in expected else 1)


def test_news_from_the_future_is_a_warning(make_project: MakeProject) -> None:
    root = make_project({f"{N}/2027-07-01-vooruit.md": news("2027-07-01", "")})
    code, output = lines(root)
    assert code == 0
    assert (
        f"{N}/2027-07-01-vooruit.md:3:8: waarschuwing: dit bericht is gedateerd in de toekomst "
        "(2027-07-01, vandaag is 2027-06-01); het staat toch al op de website en in de feed"
    ) in output
    assert lines(root, "--strict")[0] == 1


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """23 news items (three pages), one with a picture; three events around 2027-06-01."""
    root = tmp_path_factory.mktemp("nieuws") / "project"
    files: dict[str, str | bytes] = dict(base_files())
    start = datetime.date(2026, 12, 4)  # the last one: 2027-05-07
    for n in range(23):
        day = (start + datetime.timedelta(days=7 * n)).isoformat()
        files[f"{N}/{day}-bericht-{n}.md"] = news(day, "", body=f"Bericht nummer {n}.")
    files[f"{N}/2027-05-28-met-beeld.md"] = news(
        "2027-05-28",
        "",
        "afbeelding: img/tafel.png\nalt: Jongeren rond een tafel\nover: [blok1/01-kom-en-zie]\n"
        "gemeente: Voorbeeldgemeente\n",
        body="Zie ook [het gesprek](../blok1/01-kom-en-zie/_gesprek.md).",
    )
    files[f"{N}/img/tafel.png"] = PNG
    files[f"{A}/geweest.md"] = event("2027-03-01")
    files[f"{A}/vandaag.md"] = event("2027-06-01", 'tijd: "10:00-16:00"\n')
    files[f"{A}/weekend.md"] = event("2027-09-10", "eind: 2027-09-11\naanmelden: focus@izb.nl\n")
    write_files(root, files)
    result = run_build("-p", str(root), "--only", "site", "--datum", "2027-06-01")
    assert result.exit_code == 0, result.output
    return root / "output" / "site"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_news_is_paged_ten_at_a_time_newest_first(site: Path) -> None:
    first, second, third = (
        page(site, "nieuws"),
        page(site, "nieuws/pagina/2"),
        page(site, "nieuws/pagina/3"),
    )
    titles = [
        re.findall(r'class="bericht-titel"><a href="[^"]+">([^<]+)<', p)
        for p in (first, second, third)
    ]
    assert [len(t) for t in titles] == [10, 10, 4]
    assert titles[0][0] == "Bericht van 2027-05-28" and titles[2][-1] == "Bericht van 2026-12-04"
    assert '<link rel="next" href="pagina/2/">' in first
    assert (
        '<link rel="prev" href="../../">' in second and '<link rel="next" href="../3/">' in second
    )
    assert not (site / "nieuws/pagina/4").exists()


def test_an_item_shows_its_picture_and_what_it_is_about(site: Path) -> None:
    html = page(site, "nieuws/2027-05-28-met-beeld")
    assert '<img src="../../media/nieuws/img/tafel.png" alt="Jongeren rond een tafel">' in html
    assert (site / "media/nieuws/img/tafel.png").read_bytes() == PNG
    assert '<a href="../../blok1/kom-en-zie/">Kom en zie (blok 1)</a>' in html
    assert "Voorbeeldgemeente" in html


def test_the_home_page_shows_the_latest_news_and_what_is_coming(site: Path) -> None:
    home = page(site, "")
    shown = re.findall(r'class="bericht-titel"><a href="[^"]+">([^<]+)<', home)
    assert shown == ["Bericht van 2027-05-28", "Bericht van 2027-05-07", "Bericht van 2027-04-30"]
    assert 'href="agenda/vandaag/"' in home and 'href="agenda/geweest/"' not in home


def test_the_agenda_splits_upcoming_and_past_by_the_build_date(site: Path) -> None:
    agenda = page(site, "agenda")
    coming, _, gone = agenda.partition('id="geweest-kop"')
    assert coming.index("vandaag/") < coming.index("weekend/") and "geweest/" not in coming
    assert "geweest/" in gone
    # the hours stay on one line (no-break spaces): on a phone "16.00 uur" began a new one
    assert "dinsdag 1 juni 2027, 10.00\u00a0–\u2060\u00a016.00\u00a0uur" in coming
    assert "vrijdag 10 – zaterdag 11 september 2027" in coming
    assert "Deze activiteit is voorbij." in page(site, "agenda/geweest")
    assert "geweest.ics" not in page(site, "agenda/geweest")  # no date to keep any more
    weekend = page(site, "agenda/weekend")
    # the mail says which event it is about
    subject = "Aanmelding%3A%20Focusdag%20%2810%20september%202027%29"
    assert f'href="mailto:focus@izb.nl?subject={subject}">Aanmelden' in weekend
    assert 'href="weekend.ics" download' in weekend


def test_calendar_files_have_stable_uids_and_the_right_times(site: Path) -> None:
    whole = icalendar.Calendar.from_ical((site / "agenda/focus-agenda.ics").read_bytes())
    events = {str(e["uid"]): e for e in whole.walk("VEVENT")}
    assert sorted(events) == [f"agenda-{s}@focus.test" for s in ("geweest", "vandaag", "weekend")]
    today = events["agenda-vandaag@focus.test"]
    assert today.decoded("dtstart") == datetime.datetime(
        2027, 6, 1, 10, 0, tzinfo=today.decoded("dtstart").tzinfo
    )
    assert str(today.decoded("dtstart").tzinfo) == "Europe/Amsterdam"
    weekend = events["agenda-weekend@focus.test"]
    assert weekend.decoded("dtstart") == datetime.date(2027, 9, 10)
    assert weekend.decoded("dtend") == datetime.date(2027, 9, 12)  # the day after, exclusive
    one = icalendar.Calendar.from_ical((site / "agenda/weekend/weekend.ics").read_bytes())
    assert [str(e["uid"]) for e in one.walk("VEVENT")] == ["agenda-weekend@focus.test"]


def test_the_atom_feed_is_valid_with_absolute_stable_addresses(site: Path) -> None:
    raw = (site / "nieuws/atom.xml").read_bytes()
    feed = feedparser.parse(raw)
    assert feed.bozo == 0 and feed.version == "atom10"
    assert feed.feed.id == BASE_URL + "nieuws/"
    assert {link.rel: link.href for link in feed.feed.links}["self"] == BASE_URL + "nieuws/atom.xml"
    assert feed.feed.updated.startswith("2027-05-28")
    assert len(feed.entries) == 20
    # RFC 4287: each entry has an id, a title, an updated date and a link; ids are unique
    assert all(e.id and e.title and e.updated and e.link for e in feed.entries)
    assert len({e.id for e in feed.entries}) == 20
    first = feed.entries[0]
    assert first.id == first.link == BASE_URL + "nieuws/2027-05-28-met-beeld/"
    assert first.updated.startswith("2027-05-28")
    content = first.content[0].value
    assert f'src="{BASE_URL}media/nieuws/img/tafel.png"' in content
    assert f'href="{BASE_URL}blok1/kom-en-zie/"' in content
    assert 'rel="alternate" type="application/atom+xml"' in page(site, "")  # pages point to it


def test_invented_items_say_so_in_the_feed_and_the_calendar(make_project: MakeProject) -> None:
    """A reader who subscribes to the agenda or the news feed sees no label beside an
    item: an invented event (`voorbeeld: true`) says so in its title and its text, in the
    reader's own calendar, and an invented news item in the feed; real ones do not."""
    root = make_project(
        {
            f"{A}/verzonnen.md": event("2027-10-09", "voorbeeld: true\n"),
            f"{A}/echt.md": event("2027-11-13").replace("Focusdag", "Studiedag"),
            f"{N}/2027-01-15-verzonnen.md": news("2027-01-15", "", "voorbeeld: true\n"),
            f"{N}/2027-01-22-echt.md": news("2027-01-22", ""),
        }
    )
    result = run_build("-p", str(root), "--only", "site", "--datum", "2027-06-01")
    assert result.exit_code == 0, result.output
    site = root / "output" / "site"
    for ics in (site / "agenda/focus-agenda.ics", site / "agenda/verzonnen/verzonnen.ics"):
        found = {
            str(e["uid"]).split("@")[0]: e
            for e in icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
        }
        invented = found["agenda-verzonnen"]
        assert str(invented["summary"]) == "Voorbeeld: Focusdag"
        assert str(invented["description"]).startswith("Deze activiteit is een voorbeeld:")
    one = icalendar.Calendar.from_ical((site / "agenda/verzonnen/verzonnen.ics").read_bytes())
    assert str(one["x-wr-calname"]) == "Voorbeeld: Focusdag"  # the name a calendar app shows
    real = found_in(site / "agenda/echt/echt.ics")
    assert str(real["summary"]) == "Studiedag" and "voorbeeld" not in str(real["description"])
    entries = {
        e.link.rsplit("/", 2)[-2]: e for e in feedparser.parse(site / "nieuws/atom.xml").entries
    }
    assert entries["2027-01-15-verzonnen"].title == "Voorbeeld: Bericht van 2027-01-15"
    assert "verzonnen" in entries["2027-01-15-verzonnen"].summary
    assert "een voorbeeld" in entries["2027-01-15-verzonnen"].content[0].value
    assert entries["2027-01-22-echt"].title == "Bericht van 2027-01-22"
    assert "voorbeeld" not in entries["2027-01-22-echt"].content[0].value


def test_a_title_written_over_two_lines_is_one_line_in_the_calendar_and_feed(
    make_project: MakeProject,
) -> None:
    """YAML's `|` keeps the line break; a page shows it as a space, and a calendar's
    name and summary cannot hold one (it stopped the build with a traceback)."""
    two_lines = "titel: |\n  Focusdag 2027\n  voor kerkenraden\n"
    root = make_project(
        {
            f"{A}/focusdag.md": event("2027-10-09").replace("titel: Focusdag\n", two_lines),
            f"{N}/2027-01-15-focusdag.md": news("2027-01-15", "").replace(
                "titel: Bericht van 2027-01-15\n", two_lines
            ),
        }
    )
    result = run_build("-p", str(root), "--only", "site", "--datum", "2027-06-01")
    assert result.exit_code == 0, result.output
    site = root / "output" / "site"
    one = found_in(site / "agenda/focusdag/focusdag.ics")
    assert str(one["summary"]) == "Focusdag 2027 voor kerkenraden"
    (entry,) = feedparser.parse(site / "nieuws/atom.xml").entries
    assert entry.title == "Focusdag 2027 voor kerkenraden"
    assert "<h1>Focusdag 2027 voor kerkenraden</h1>" in page(site, "agenda/focusdag")


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        # joining a title's lines must not undo a deliberate binding ("1 Johannes")
        ("Lezen uit 1\u00a0Johannes", "Lezen uit 1\u00a0Johannes"),
        # YAML's "\\L" (U+2028) stopped the build in the feed's XML, and in a mail's
        # subject the newsletter: it is white space, and a title is one line
        ('"Focusdag\\Lvoor kerkenraden"', "Focusdag voor kerkenraden"),
    ],
    ids=["no-break-space-stays", "line-separator-is-a-space"],
)
def test_a_titles_white_space(make_project: MakeProject, written: str, shown: str) -> None:
    root = make_project(
        {
            f"{N}/2027-01-15-focusdag.md": news("2027-01-15", "").replace(
                "titel: Bericht van 2027-01-15", f"titel: {written}"
            )
        }
    )
    result = run_build("-p", str(root), "--only", "site", "--datum", "2027-06-01")
    assert result.exit_code == 0, result.output
    html = page(root / "output" / "site", "nieuws/2027-01-15-focusdag")
    assert f"<h1>{shown}</h1>" in html


def found_in(ics: Path) -> Any:
    (only,) = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    return only


def test_news_and_events_are_searchable_with_their_filter(make_project: MakeProject) -> None:
    root = make_project({f"{N}/2027-01-15-focusdag.md": news("2027-01-15", "")})
    result = check_project(root, renderer=Renderer)
    assert result.site is not None and result.renderer is not None
    found = [r for r in records(result.site, result.renderer) if r.url.startswith("nieuws/")]
    assert [(r.url, r.title, r.filters) for r in found] == [
        ("nieuws/2027-01-15-focusdag/", "Bericht van 2027-01-15", {RUBRIEK: [NIEUWS]})
    ]


def test_a_fixed_date_gives_the_same_site_every_day(
    make_project: MakeProject, tmp_path: Path
) -> None:
    root = make_project({f"{A}/focusdag.md": event("2027-10-09")})
    outputs = []
    for name in ("a", "b"):
        out = tmp_path / name
        env = {"SOURCE_DATE_EPOCH": "1800000000"}
        result = CliRunner(env=env).invoke(
            cli, ["build", "-p", str(root), "-o", str(out), "--only", "site"]
        )
        assert result.exit_code == 0, result.output
        outputs.append(
            {
                p.relative_to(out / "site/agenda").as_posix(): p.read_bytes()
                for p in (out / "site/agenda").rglob("*")
                if p.is_file()
            }
        )
    assert outputs[0] == outputs[1] and "focus-agenda.ics" in outputs[0]


def test_the_feeds_follow_an_edit_and_a_new_colophon_date(make_project: MakeProject) -> None:
    """The feeds are reused by their trace; an edited item, or another colophon date
    (the calendars' DTSTAMP), makes them again, as a cold build would."""
    root = make_project(
        {
            f"{N}/2027-01-15-bericht.md": news("2027-01-15", "", body="Eerste tekst."),
            f"{A}/focusdag.md": event("2027-10-09"),
        }
    )

    def feeds(epoch: str) -> tuple[str, str]:
        result = CliRunner(env={"SOURCE_DATE_EPOCH": epoch}).invoke(
            cli, ["build", "-p", str(root), "--only", "site", "--datum", "2027-06-01"]
        )
        assert result.exit_code == 0, result.output
        site = root / "output/site"
        atom = (site / "nieuws/atom.xml").read_text(encoding="utf-8")
        return atom, (site / "agenda/focus-agenda.ics").read_text(encoding="utf-8")

    atom, ics = feeds("1800000000")
    assert "Eerste tekst." in atom and "DTSTAMP:20270115" in ics
    item = root / N / "2027-01-15-bericht.md"
    item.write_text(item.read_text(encoding="utf-8").replace("Eerste", "Tweede"), "utf-8")
    atom, ics = feeds("1800000000")
    assert "Tweede tekst." in atom and "Eerste" not in atom
    _, ics = feeds("1700000000")  # another colophon date, nothing else changed
    assert "DTSTAMP:20231114" in ics


def test_an_invented_event_takes_no_sign_ups(make_project: MakeProject) -> None:
    """A sample event's date and place are made up: its 'Aanmelden' would send a reader's
    mail to a real inbox about an event that does not exist, so it has none."""
    root = make_project(
        {
            f"{A}/verzonnen.md": event("2027-09-10", "aanmelden: focus@izb.nl\nvoorbeeld: true\n"),
            f"{A}/echt.md": event("2027-09-17", "aanmelden: focus@izb.nl\n"),
        }
    )
    result = run_build("-p", str(root), "--only", "site", "--datum", "2027-06-01")
    assert result.exit_code == 0, result.output
    site = root / "output" / "site"
    assert ">Aanmelden</a>" not in page(site, "agenda/verzonnen")
    assert ">Aanmelden</a>" in page(site, "agenda/echt")
