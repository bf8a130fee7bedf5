"""Maatwerk per gemeente: a profile becomes a dated programme, booklets and a calendar."""

from __future__ import annotations

import datetime
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import icalendar
import pytest
from dateutil.easter import easter
from playwright.sync_api import Browser
from pypdf import PdfReader

from focusbuild.check import check_project
from focusbuild.config import Window
from focusbuild.gemeenten.calendar import evenings, pentecost, spread
from focusbuild.gemeenten.model import Gemeente, Period, names_place
from tests.browser_support import java, vnu_jar
from tests.conftest import GESPREK, REPO, MakeProject
from tests.site_support import run_build, tree

D = datetime.date
PROFILE = "gemeenten/bethel.yaml"
BASE_PROFILE = """\
naam: Hervormde gemeente Bethel (voorbeeld)
plaats: Oostdorp
startjaar: 2028
kringavond: dinsdag
tijd: "19:45"
doelgroepen: [kring, gezin]
nadruk: [gebed]
trajectbegeleider: {naam: Anna Testpersoon, email: anna@bethel.test}
focusgroep: {naam: Bert Voorbeeld, email: bert@bethel.test}
"""


def window(blok: int, van: str, tot: str) -> Window:
    return Window(blok, van, tot)


def gemeente(startjaar: int, dag: int, vrij: tuple[Period, ...] = ()) -> Gemeente:
    return Gemeente("x", "gemeenten/x.yaml", REPO, "X", "X", startjaar, dag, vrij=vrij)


# ---- the calendar --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "day"),
    [
        (2026, D(2026, 4, 5)),
        (2027, D(2027, 3, 28)),
        (2028, D(2028, 4, 16)),
        (2029, D(2029, 4, 1)),
        (2030, D(2030, 4, 21)),
    ],
)
def test_easter_and_pentecost(year: int, day: D) -> None:
    assert easter(year) == day
    assert pentecost(year) == day + datetime.timedelta(days=49)


def test_startjaar_2027_on_monday() -> None:
    """Worked out by hand. Easter 2027 is 28 March, Pentecost 16 May."""
    g = gemeente(2027, 0)
    blok1 = evenings(g, window(1, "01-07", "pasen"), 1)
    assert (blok1.van, blok1.tot) == (D(2027, 1, 7), D(2027, 3, 27))
    assert len(blok1.days) == 11  # 11 January … 22 March
    assert spread(3, blok1.days) == (D(2027, 1, 11), D(2027, 2, 1), D(2027, 3, 1))
    blok2 = evenings(g, window(2, "pasen", "pinksteren"), 1)
    # both Easter Monday (29 March) and Whit Monday (17 May) are skipped
    assert blok2.days == (
        D(2027, 4, 5),
        D(2027, 4, 12),
        D(2027, 4, 19),
        D(2027, 4, 26),
        D(2027, 5, 3),
        D(2027, 5, 10),
    )
    assert spread(3, blok2.days) == (D(2027, 4, 5), D(2027, 4, 19), D(2027, 5, 3))


def test_startjaar_2028_on_tuesday_with_a_holiday() -> None:
    """Easter 2028 is 16 April; the voorjaarsvakantie (19–27 February) takes 22 February."""
    g = gemeente(2028, 1, (Period(D(2028, 2, 19), D(2028, 2, 27)),))
    blok1 = evenings(g, window(1, "01-07", "pasen"), 1)
    assert len(blok1.days) == 13 and D(2028, 2, 22) not in blok1.days
    assert spread(2, blok1.days) == (D(2028, 1, 11), D(2028, 2, 29))
    blok0 = evenings(g, window(0, "11-01", "12-31"), 0)  # the autumn before: 2027
    assert spread(2, blok0.days) == (D(2027, 11, 2), D(2027, 11, 30))


def test_startjaar_2030_on_thursday_skips_ascension_day() -> None:
    """Easter 2030 is 21 April; Hemelvaartsdag, 30 May, is a Thursday."""
    g = gemeente(2030, 3)
    blok1 = evenings(g, window(1, "01-07", "pasen"), 1)
    assert len(blok1.days) == 14  # 15 Thursdays, without Witte Donderdag (18 April)
    assert spread(3, blok1.days) == (D(2030, 1, 10), D(2030, 2, 7), D(2030, 3, 14))
    blok2 = evenings(g, window(2, "pasen", "pinksteren"), 1)
    assert D(2030, 5, 30) not in blok2.days
    assert spread(3, blok2.days) == (D(2030, 4, 25), D(2030, 5, 9), D(2030, 5, 23))
    blok0 = evenings(g, window(0, "11-01", "12-31"), 0)
    assert spread(2, blok0.days) == (D(2029, 11, 1), D(2029, 11, 29))


def test_christmas_and_new_year_are_skipped() -> None:
    g = gemeente(2026, 4)  # Friday: 25 December 2026 and 1 January 2027 are Fridays
    days = evenings(g, window(0, "12-01", "12-31"), 1).days
    assert D(2026, 12, 25) not in days and D(2026, 12, 18) in days
    january = evenings(gemeente(2027, 4), window(1, "01-01", "01-31"), 1).days
    assert D(2027, 1, 1) not in january and D(2027, 1, 8) in january


def test_no_kring_on_biddag_dankdag_or_an_evening_with_a_service_or_a_national_day() -> None:
    """A Wednesday gemeente started blok 0 on Dankdag (the first Wednesday of November) and
    could meet on Biddag; Kerstavond, Oudejaarsavond, Witte Donderdag (church services),
    Koningsdag and Dodenherdenking (4 May, at eight) are no evenings for a kring either."""
    wednesday = gemeente(2029, 2)
    blok0 = evenings(wednesday, window(0, "11-01", "12-31"), 0).days  # autumn 2028
    assert D(2028, 11, 1) not in blok0 and blok0[0] == D(2028, 11, 8)
    march = evenings(wednesday, window(1, "03-01", "03-31"), 1).days
    assert D(2029, 3, 14) not in march and D(2029, 3, 7) in march  # Biddag 2029
    assert D(2031, 12, 24) not in evenings(gemeente(2031, 2), window(0, "12-01", "12-31"), 1).days
    assert D(2031, 12, 31) not in evenings(gemeente(2031, 2), window(0, "12-01", "12-31"), 1).days
    thursday = evenings(gemeente(2030, 3), window(1, "04-01", "05-31"), 1).days
    assert D(2030, 4, 18) not in thursday  # Witte Donderdag: Easter 2030 is 21 April
    tuesday = evenings(gemeente(2032, 1), window(1, "04-01", "05-31"), 1).days
    assert D(2032, 4, 27) not in tuesday and D(2032, 5, 4) not in tuesday
    # Koningsdag on a Sunday (2031) is kept on Saturday 26 April
    saturday = evenings(gemeente(2031, 5), window(1, "04-01", "04-30"), 1).days
    assert D(2031, 4, 26) not in saturday and D(2031, 4, 19) in saturday


def test_the_repository_sample_is_planned_as_worked_out_by_hand() -> None:
    result = check_project(REPO)
    assert result.errors == () and len(result.plans) == 1
    dates = {(m.blok, m.gesprek.slug): m.datum for m in result.plans[0].meetings}
    assert dates[(1, "hij-zoekt-ons-op")] == D(2028, 1, 11)
    assert dates[(1, "ontmoetingen-om-ons-heen")] == D(2028, 2, 29)
    assert (1, "hoe-wij-hem-leerden-kennen") not in dates  # not chosen
    assert [
        dates[(2, s)] for s in ("onderweg-naar-emmaus", "hij-zendt-ons", "de-geest-maakt-levend")
    ] == [D(2028, 4, 18), D(2028, 5, 2), D(2028, 5, 16)]


# ---- mistakes in a profile ---------------------------------------------------------------

CASES = [
    (
        "unknown-gesprek",
        BASE_PROFILE + "blokken:\n  1:\n    gesprekken: [kom-en-zien]\n",
        f"{PROFILE}:12:18: fout: blok 1 heeft geen gesprek 'kom-en-zien' (bedoelde je "
        "'kom-en-zie'?)",
    ),
    (
        "startjaar",
        BASE_PROFILE.replace("startjaar: 2028", "startjaar: 1999"),
        f"{PROFILE}:3:12: fout: 'startjaar' moet een getal van 2000 tot en met 2100 zijn, "
        "niet 1999",
    ),
    (
        "weekday",
        BASE_PROFILE.replace("kringavond: dinsdag", "kringavond: dinsdga"),
        f"{PROFILE}:4:13: fout: 'dinsdga' is geen dag van de week (bedoelde je 'dinsdag'?)",
    ),
    (
        "vrij-backwards",
        BASE_PROFILE + "vrij:\n  - {van: 2028-02-27, tot: 2028-02-19}\n",
        f"{PROFILE}:11:28: fout: deze vrije periode eindigt (2028-02-19) vóór ze begint "
        "(2028-02-27)",
    ),
    (
        "vrij-no-date",
        BASE_PROFILE + "vrij:\n  - {van: 2028-02-30, tot: 2028-03-02}\n",
        f"{PROFILE}:11:11: fout: 'van': de datum 2028-02-30 bestaat niet",
    ),
    (
        "logo-missing",
        BASE_PROFILE + "logo: bethel.svg\n",
        f"{PROFILE}:10:7: fout: logo 'bethel.svg' bestaat niet (de plek is vanaf de map "
        "gemeenten/)",
    ),
    (
        "logo-outside",
        BASE_PROFILE + "logo: ../../buiten.svg\n",
        f"{PROFILE}:10:7: fout: logo '../../buiten.svg' ligt buiten het project",
    ),
    (
        "nadruk-unknown",
        BASE_PROFILE.replace("nadruk: [gebed]", "nadruk: [gebedd]"),
        f"{PROFILE}:7:10: fout: onbekende doelgroep of onderdeel 'gebedd' (bedoelde je 'gebed'?)",
    ),
    (
        "doelgroep-unknown",
        BASE_PROFILE.replace("doelgroepen: [kring, gezin]", "doelgroepen: [kring, gezinnen]"),
        f"{PROFILE}:6:22: fout: onbekende doelgroep 'gezinnen' (bedoelde je 'gezin'?)",
    ),
    (
        "too-few-evenings",
        BASE_PROFILE + "vrij:\n  - {van: 2028-01-01, tot: 2028-04-30}\n",
        f"{PROFILE}:4:13: fout: blok 1: 1 gesprek gekozen, maar van 7 januari 2028 tot en met "
        "15 april 2028 is er geen dinsdagavond zonder feestdag of vrije periode (sla dit blok "
        "over met blokken: {1: {gesprekken: []}}, of maak een vrije periode korter)",
    ),
    (
        "blok-as-list",  # held the whole blok without a word
        BASE_PROFILE + "blokken:\n  1: [kom-en-zie]\n",
        f"{PROFILE}:11:6: fout: schrijf blok 1 als 1: {{gesprekken: [slug, …]}}, niet als een "
        "lijst; laat de regel weg voor het hele blok, of schrijf gesprekken: [] voor geen "
        "enkel gesprek",
    ),
    (
        "blok-as-name",
        BASE_PROFILE + "blokken:\n  1: kom-en-zie\n",
        f"{PROFILE}:11:6: fout: schrijf blok 1 als 1: {{gesprekken: [slug, …]}}, niet als "
        "'kom-en-zie'; laat de regel weg voor het hele blok, of schrijf gesprekken: [] voor "
        "geen enkel gesprek",
    ),
    (
        "no-gesprek-at-all",  # passed check, then stopped the build with a traceback
        BASE_PROFILE + "blokken:\n  1: {gesprekken: []}\n",
        f"{PROFILE}:11:3: fout: deze gemeente kiest geen enkel gesprek: laat bij minstens één "
        "blok 'gesprekken: []' weg of noem er een gesprek in",
    ),
    (
        "phone-unquoted",  # +31612345678 is a number to YAML, without its +
        BASE_PROFILE.replace("email: bert@bethel.test}", "telefoon: +31612345678}"),
        f'{PROFILE}:9:46: fout: zet het telefoonnummer tussen aanhalingstekens: telefoon: "06 …"',
    ),
    (
        "phone-not-a-number",
        BASE_PROFILE.replace("email: bert@bethel.test}", 'telefoon: "bel de scriba"}'),
        f"{PROFILE}:9:46: fout: 'telefoon' moet een telefoonnummer zijn, zoals \"0180 123 456\", "
        "niet 'bel de scriba'",
    ),
    (
        "blok-number-in-other-digits",  # "²" passed isdigit() and stopped check: a traceback
        BASE_PROFILE + 'blokken:\n  "²": {gesprekken: []}\n',
        f"{PROFILE}:11:3: fout: blok '²' bestaat niet: blokken lopen van 0 tot en met 6",
    ),
    (
        "time-unquoted",
        BASE_PROFILE.replace('tijd: "19:45"', "tijd: 20:00"),
        f'{PROFILE}:5:7: fout: zet de tijd tussen aanhalingstekens: tijd: "20:00"; zonder '
        "aanhalingstekens leest YAML 20:00 als het getal 1200",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_profile_mistake_is_a_diagnostic(
    make_project: MakeProject, text: str, expected: str
) -> None:
    root = make_project({PROFILE: text})
    result = run_build("-p", str(root), "--gemeenten")
    assert result.exit_code == 1, result.output
    assert expected in result.output.splitlines(), result.output
    assert not (root / "output" / "gemeenten").exists()
    check = run_build("-p", str(root), "--only", "site")  # a site build refuses it too
    assert check.exit_code == 1


def test_a_logo_that_can_run_code_is_refused_like_a_picture_in_content(
    make_project: MakeProject,
) -> None:
    """The logo is copied beside the planner, where opening its address ran its script:
    it gets the checks every SVG under content/ gets, at its own line and column."""
    root = make_project(
        {
            PROFILE: BASE_PROFILE + "logo: eigen.svg\n",
            "gemeenten/eigen.svg": '<svg xmlns="http://www.w3.org/2000/svg">\n'
            '<rect onload="alert(1)" width="5" height="5"/></svg>\n',
        }
    )
    result = run_build("-p", str(root), "--gemeenten")
    assert result.exit_code == 1, result.output
    assert (
        "gemeenten/eigen.svg:2:1: fout: SVG met 'onload=…': een script bij een gebeurtenis"
    ) in result.output.splitlines(), result.output
    assert not (root / "output" / "gemeenten").exists()


def test_a_voorwoord_links_to_the_web_only(make_project: MakeProject) -> None:
    """A picture or a file named in the voorwoord reached the planner's HTML as it was
    written (`<img src="../../../../etc/passwd">`, a raw `.md` link): it is an error at
    the address, and web and mail links stay allowed."""
    voorwoord = (
        "voorwoord: |\n"
        "  Welkom! Lees [meer](https://www.izb.nl/focus/) of mail [ons](mailto:a@b.nl).\n"
        "  ![logo](../../../../etc/passwd) en zie\n"
        "  [het gesprek](../content/blok1/01-kom-en-zie/_gesprek.md).\n"
        "  Over [Zacheüs](zacheüs.md), en [boven](#begin).\n"
        "  Het [rooster][r].\n"
        "\n"
        "  [r]: rooster.pdf\n"
    )
    root = make_project({PROFILE: BASE_PROFILE + voorwoord})
    result = run_build("-p", str(root), "--gemeenten")
    assert result.exit_code == 1, result.output
    found = [line for line in result.output.splitlines() if "voorwoord" in line]
    assert found == [
        f"{PROFILE}:12:11: fout: in een voorwoord kan alleen een link naar een webadres "
        "(https://…) of een e-mailadres, geen afbeelding: '../../../../etc/passwd'",
        f"{PROFILE}:13:17: fout: in een voorwoord kan alleen een link naar een webadres "
        "(https://…) of een e-mailadres, geen bestand: "
        "'../content/blok1/01-kom-en-zie/_gesprek.md'",
        # as written, not as markdown-it encodes it ("zache%C3%BCs.md")
        f"{PROFILE}:14:18: fout: in een voorwoord kan alleen een link naar een webadres "
        "(https://…) of een e-mailadres, geen bestand: 'zacheüs.md'",
        f"{PROFILE}:14:42: fout: in een voorwoord kan alleen een link naar een webadres "
        "(https://…) of een e-mailadres, geen verwijzing naar een plek op de pagina: '#begin'",
        # a reference definition: at its address, two lines below the link
        f"{PROFILE}:17:8: fout: in een voorwoord kan alleen een link naar een webadres "
        "(https://…) of een e-mailadres, geen bestand: 'rooster.pdf'",
    ], result.output


def test_a_voorwoord_is_checked_as_content_is(make_project: MakeProject) -> None:
    """ "<br>" and "<b>" were printed as written in the booklets, and "Johannes 25:1" passed
    without a word: in content the one is a warning and the other an error."""
    voorwoord = (
        "voorwoord: |\n  Beste gemeente,<br>\n  lees met ons Johannes 25:1 en <b>bid</b> mee.\n"
    )
    root = make_project({PROFILE: BASE_PROFILE + voorwoord})
    lines = [d.human() for d in check_project(root).diagnostics]
    assert [line.split(" (", 1)[0] for line in lines] == [
        f"{PROFILE}:12:16: fout: Johannes heeft 21 hoofdstukken, geen hoofdstuk 25",
        f"{PROFILE}:11:18: waarschuwing: HTML",  # the errors first
        f"{PROFILE}:12:33: waarschuwing: HTML",
    ]
    # a folded block joins its lines, and a quoted one starts after its quote: each
    # warning still stands where the tag was typed
    folded = "voorwoord: >-\n  Beste gemeente,\n  lees <b>mee</b>.\n"
    quoted = 'voorwoord: "Beste gemeente, <br> lees mee."\n'
    for extra, place in ((folded, "12:8"), (quoted, "10:29")):
        root = make_project({PROFILE: BASE_PROFILE + extra})
        lines = [d.human() for d in check_project(root).diagnostics]
        assert [line.split(" (", 1)[0] for line in lines] == [
            f"{PROFILE}:{place}: waarschuwing: HTML"
        ], lines


def test_a_free_period_that_overlaps_or_lies_outside_the_traject_is_warned_about(
    make_project: MakeProject,
) -> None:
    """Overlapping periods were printed twice in the jaarplanning, and a year typed wrong
    (2018 for 2028) passed without a word."""
    vrij = (
        "vrij:\n"
        "  - {van: 2028-04-21, tot: 2028-05-06}\n"
        "  - {van: 2028-04-28, tot: 2028-05-05}\n"
        "  - {van: 2018-02-19, tot: 2018-02-27}\n"
    )
    root = make_project({PROFILE: BASE_PROFILE + vrij})
    result = check_project(root)
    assert result.errors == () and len(result.plans) == 1  # warnings: the plan is still made
    lines = [d.human() for d in result.diagnostics]
    overlap = (
        f"{PROFILE}:12:11: waarschuwing: deze vrije periode overlapt met de vrije periode op "
        "regel 11"
    )
    assert overlap in lines
    assert (
        f"{PROFILE}:13:11: waarschuwing: deze vrije periode valt buiten het traject "
        "(2027–2029); klopt het jaar?"
    ) in lines


def test_a_date_in_quotes_is_the_same_date(make_project: MakeProject) -> None:
    """Coaches quote the time ("19:45"), so they quote dates too: "2028-02-19" was reported
    as a date that does not exist."""
    vrij = "vrij:\n  - {van: \"2028-02-19\", tot: '2028-02-27'}\n"
    root = make_project({PROFILE: BASE_PROFILE + vrij})
    result = check_project(root)
    assert [d.human() for d in result.diagnostics] == []
    (plan,) = result.plans
    assert plan.gemeente.vrij == (Period(D(2028, 2, 19), D(2028, 2, 27)),)


def _png(width: int, height: int) -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.effect_noise((width, height), 40).save(out, format="PNG")  # noise: no tiny file
    return out.getvalue()


def test_a_png_logo_that_no_booklet_can_show_is_an_error(make_project: MakeProject) -> None:
    """A text file named .png, and a picture of 5,000 pixels wide, passed check and build
    and then went missing from every booklet, with a broken picture in the planner."""
    from io import BytesIO

    from PIL import Image

    huge = BytesIO()
    Image.new("1", (5000, 10)).save(huge, format="PNG")
    root = make_project(
        {
            PROFILE: BASE_PROFILE + "logo: nep.png\n",
            "gemeenten/zion.yaml": _zion() + "logo: groot.png\n",
            "gemeenten/nep.png": "geen plaatje\n",
            "gemeenten/groot.png": huge.getvalue(),
            # a picture cut off halfway (a download that broke): its header is fine
            "gemeenten/derde.yaml": _zion().replace("Zion", "Derde") + "logo: half.png\n",
            "gemeenten/half.png": _png(400, 300)[:-200],
        }
    )
    lines = [d.human() for d in check_project(root).diagnostics]
    assert lines == [
        f"{PROFILE}:10:7: fout: logo 'nep.png' is geen png-afbeelding die te lezen is",
        "gemeenten/derde.yaml:10:7: fout: logo 'half.png' is geen png-afbeelding die te lezen is",
        "gemeenten/zion.yaml:10:7: fout: logo 'groot.png' is 5000 × 10 pixels: te groot; maak "
        "hem kleiner, hoogstens 4000 pixels breed en hoog",
    ]


def test_an_invisible_character_in_a_text_is_an_error(make_project: MakeProject) -> None:
    """A NUL in the place reached the planner's <title>, a right-to-left override turned
    "evil" into "live", and a pasted zero-width space gave "'woensdag' is geen dag van de
    week (bedoelde je 'woensdag'?)". The same in any YAML text, a list item too; the marks
    that Hebrew or Arabic names need stay allowed."""
    profile = (
        BASE_PROFILE.replace("plaats: Oostdorp", 'plaats: "Oost\\0dorp"')
        .replace("naam: Hervormde gemeente Bethel (voorbeeld)", "naam: Bethel \u202eevil")
        .replace("kringavond: dinsdag", "kringavond: dinsdag\u200b")
        .replace("Bert Voorbeeld", "Bert \u200fבן\u200f Voorbeeld")  # an RLM: allowed
    )
    gebed = f"{GESPREK}/gebed.md"
    root = make_project(
        {
            PROFILE: profile,
            gebed: "---\nonderdeel: gebed\nliederen:\n  - {bundel: Ps, nummer: 1, titel: "
            '"Welzalig\u202e"}\n---\nBid.\n',
        }
    )
    found = check_project(root).diagnostics
    lines = [d.human() for d in found if "onzichtbaar" in d.message]
    said = "bevat een onzichtbaar teken ({}) dat de tekst verandert of omdraait; typ hem "
    assert lines == [
        f"{gebed}:4:36: fout: deze tekst " + said.format("U+202E") + "opnieuw zonder te plakken",
        f"{PROFILE}:1:7: fout: deze tekst " + said.format("U+202E") + "opnieuw zonder te plakken",
        f"{PROFILE}:2:9: fout: deze tekst " + said.format("U+0000") + "opnieuw zonder te plakken",
        f"{PROFILE}:4:13: fout: deze tekst " + said.format("U+200B") + "opnieuw zonder te plakken",
    ]


def test_plausible_slips_in_a_profile_are_pointed_out(make_project: MakeProject) -> None:
    """Passed without a word: a kringavond at 8 in the morning, a nadruk on a doelgroep
    the gemeente does not use, "tijd: 20.00" without quotes (only "niet 20.0"), and a
    profile of megabytes (check took 19 s and 737 MB for 50 MB)."""
    morning = BASE_PROFILE.replace('tijd: "19:45"', 'tijd: "8:00"').replace(
        "nadruk: [gebed]", "nadruk: [gebed, 12-16]"
    )
    root = make_project(
        {
            PROFILE: morning,
            "gemeenten/zion.yaml": _zion().replace('tijd: "19:45"', "tijd: 20.00"),
            "gemeenten/groot.yaml": "naam: Groot\n" + "# " + "x" * 300_000 + "\n",
        }
    )
    # a morning group at 9.30 is possible: no warning
    ochtend = make_project({"gemeenten/ochtend.yaml": _zion().replace('"19:45"', '"9:30"')})
    found = [d.human() for d in check_project(ochtend).diagnostics]
    assert [line for line in found if line.startswith("gemeenten/ochtend.yaml")] == []
    lines = [d.human() for d in check_project(root).diagnostics]
    assert lines == [  # the errors first
        "gemeenten/groot.yaml:1:1: fout: dit profiel is groter dan 256 kB; een profiel is een "
        "paar kB (staat er een ander bestand onder deze naam?)",
        "gemeenten/zion.yaml:5:7: fout: 'tijd' moet een tijd als \"20:00\" zijn, niet 20.0 "
        "(zet de tijd tussen aanhalingstekens)",
        "gemeenten/bethel.yaml:5:7: waarschuwing: de kring begint dan 's ochtends om 08:00; "
        'bedoelde je "20:00"?',
        "gemeenten/bethel.yaml:7:17: waarschuwing: '12-16' staat bij nadruk, maar niet bij "
        "doelgroepen: geen boekje van deze gemeente laat die nadruk zien",
    ]


def test_a_profile_saved_as_yml_is_warned_about(make_project: MakeProject) -> None:
    """It was skipped without a word: "In orde … 2 gemeenten", and the gemeente had no
    programme."""
    root = make_project({"gemeenten/zion.yml": _zion()})
    result = check_project(root)
    assert [d.human() for d in result.diagnostics] == [
        "gemeenten/zion.yml:1:1: waarschuwing: een profiel eindigt op .yaml: hernoem dit "
        "bestand naar zion.yaml, anders wordt het overgeslagen"
    ]


def test_an_unknown_gemeente_is_a_usage_error(make_project: MakeProject) -> None:
    root = make_project({PROFILE: BASE_PROFILE})
    result = run_build("-p", str(root), "--gemeente", "betel")
    assert result.exit_code == 2
    assert "geen profiel gemeenten/betel.yaml (bedoelde je 'bethel'?)" in result.output
    # the profile's file, as a coach may give it, names the same gemeente
    mistyped = run_build("-p", str(root), "--gemeente", "gemeenten/betel.yaml")
    assert "geen profiel gemeenten/betel.yaml (bedoelde" in mistyped.output, mistyped.output


# ---- the programme --------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base project with two gemeenten; only the first is built."""
    from tests.conftest import base_files, write_files

    root = tmp_path_factory.mktemp("gemeenten") / "project"
    files: dict[str, str | bytes] = dict(base_files())
    with_phone = BASE_PROFILE.replace(
        "email: bert@bethel.test}", 'email: bert@bethel.test, telefoon: "+31 (0)180 123 456"}'
    )
    files[PROFILE] = with_phone + (
        "voorwoord: |\n  Een woord van ds. Testpersoon,\n  over twee regels geschreven.\n"
        "vrij:\n  - {van: 2028-02-19, tot: 2028-02-27, reden: voorjaarsvakantie}\n"
        "  - {van: 2028-07-15, tot: 2028-08-27}\n"
    )
    files["gemeenten/zion.yaml"] = _zion()
    write_files(root, files)
    result = run_build("-p", str(root), "--gemeente", "bethel")
    assert result.exit_code == 0, result.output
    return root / "output"


def test_a_gemeente_gets_its_planner_booklets_calendar_and_overview(built: Path) -> None:
    folder = built / "gemeenten" / "bethel"
    assert sorted(p.name for p in folder.iterdir()) == [
        "focus-bethel.ics",
        "focus-blok-1-gezin.pdf",
        "focus-blok-1-werkboek-boekje.pdf",
        "focus-blok-1-werkboek.pdf",
        "index.html",
        "jaarplanning.pdf",
    ]
    assert not (built / "gemeenten" / "zion").exists()  # not asked for


def test_the_booklet_has_the_gemeente_the_dates_and_the_nadruk(built: Path) -> None:
    reader = PdfReader(built / "gemeenten/bethel/focus-blok-1-werkboek.pdf")
    assert reader.metadata is not None and reader.metadata.title is not None
    assert reader.metadata.title.endswith(" – Hervormde gemeente Bethel (voorbeeld)")
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert "Hervormde gemeente Bethel (voorbeeld)" in pages[0]
    # a voorwoord is a wrapped YAML block: its two lines make one line of prose in the booklet
    raw = "\n".join(page.extract_text() for page in reader.pages)
    assert "Een woord van ds. Testpersoon, over twee regels geschreven." in raw
    text = " ".join(pages)
    assert "dinsdag 11 januari 2028, 19.45 uur" in text
    assert "EXTRA AANDACHT IN ONZE GEMEENTE" in text.upper()
    assert "(bert@bethel.test, +31 (0)180 123 456)" in text  # the Focusgroep's contact


def test_the_calendar_parses_back_with_stable_uids(built: Path, tmp_path: Path) -> None:
    calendar = icalendar.Calendar.from_ical(
        (built / "gemeenten/bethel/focus-bethel.ics").read_bytes()
    )
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    start = event.decoded("dtstart")
    assert start.isoformat() == "2028-01-11T19:45:00+01:00"
    # as long as a kring evening (avondduur), not a guess of two hours
    assert event.decoded("dtend") - start == datetime.timedelta(minutes=90)
    assert str(start.tzinfo) == "Europe/Amsterdam"
    assert [c["tzid"] for c in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert str(event["uid"]) == "bethel-blok1-kom-en-zie@focus.test"
    assert str(event["summary"]) == "Focus: Kom en zie"


def test_a_calendar_evening_lasts_as_long_as_focus_yaml_says(built: Path) -> None:
    import dataclasses

    from focusbuild.render.gemeente import calendar

    checked = check_project(built.parent)
    assert checked.site is not None and checked.plans
    site = dataclasses.replace(
        checked.site, config=dataclasses.replace(checked.site.config, avondduur=75)
    )
    book = icalendar.Calendar.from_ical(calendar(site, checked.plans[0], D(2027, 1, 1)))
    event = next(iter(book.walk("VEVENT")))
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(minutes=75)


def test_the_sentence_for_skipped_gesprekken_names_each() -> None:
    from types import SimpleNamespace
    from typing import Any

    from focusbuild.render.publications import not_held

    def g(number: int, titel: str) -> Any:
        return SimpleNamespace(number=number, titel=titel)

    assert not_held([]) == ""
    assert not_held([g(2, "Kom en zie")]) == "Gesprek 2 (Kom en zie) slaan wij over."
    assert not_held([g(1, "A"), g(3, "C"), g(4, "D")]) == (
        "Gesprek 1 (A), gesprek 3 (C) en gesprek 4 (D) slaan wij over."
    )


def test_the_planner_opens_from_disk(built: Path) -> None:
    html = (built / "gemeenten/bethel/index.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in html
    assert 'href="https://focus.test/blok1/kom-en-zie/"' in html  # the public page
    assert 'href="focus-blok-1-werkboek.pdf"' in html  # its own booklet, beside it
    assert 'href="focus-bethel.ics"' in html and 'href="jaarplanning.pdf"' in html
    assert "dinsdag 11 januari 2028, 19.45\u00a0uur" in html  # the time on one line
    # the kring meets on the dates listed, not every week; an A4 booklet says how to print it
    assert (
        "op dinsdag om 19.45&nbsp;uur, op de data hieronder" in html and "elke dinsdag" not in html
    )
    assert "dubbelzijdig, omslaan via de korte kant" in html
    # a phone number is a link a phone can dial
    assert '<a href="tel:+31180123456">+31 (0)180 123 456</a>' in html
    # a free period says what it is when the profile does ("vrije periode" four times)
    assert "19 – 27 februari 2028 (voorjaarsvakantie)" in html
    assert "15 juli – 27 augustus 2028 (vrije periode)" in html
    assert '<span class="nadruk">Gebed</span>' in html
    local = re.findall(r'(?:href|src)="(?!https?:|mailto:|#)([^"]+)"', html)
    assert local and all("/" not in link for link in local), local


def test_nothing_of_a_profile_reaches_the_public_site(
    make_project: MakeProject, tmp_path: Path
) -> None:
    root = make_project({PROFILE: BASE_PROFILE})
    with_profile = tmp_path / "met"
    assert run_build("-p", str(root), "-o", str(with_profile), "--gemeenten").exit_code == 0
    (root / PROFILE).unlink()
    (root / "gemeenten").rmdir()
    without = tmp_path / "zonder"
    assert run_build("-p", str(root), "-o", str(without)).exit_code == 0
    assert tree(with_profile / "site") == tree(without / "site")
    assert tree(with_profile / "leiders") == tree(without / "leiders")


def test_names_and_addresses_stay_in_their_own_folder(built: Path) -> None:
    private = (
        "Anna Testpersoon",
        "anna@bethel.test",
        "Bert Voorbeeld",
        "Bethel",
        "Zion",
        "carla@zion.test",
        "180 123 456",
    )
    for path in sorted(built.rglob("*")):
        if not path.is_file() or ".cache" in path.parts:
            continue
        data = path.read_bytes()
        own = path.is_relative_to(built / "gemeenten" / "bethel")
        for word in private:
            present = word.encode("utf-8") in data
            if path.suffix == ".pdf":
                continue  # compressed; the PDFs are checked by text below
            allowed = own and "Zion" not in word and "zion" not in word
            assert not present or allowed, (path, word)
    for pdf in (built / "site").rglob("*.pdf"):
        text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert "Bethel" not in text and "Testpersoon" not in text, pdf


def test_an_edit_remakes_only_the_booklets_that_show_it(built: Path) -> None:
    root = built.parent
    gezin = root / "content/blok1/01-kom-en-zie/gezin.md"
    gezin.write_text(
        gezin.read_text(encoding="utf-8") + "\nBid samen voor de buren.\n", encoding="utf-8"
    )
    result = run_build("-p", str(root), "--only", "gemeenten", "--gemeente", "bethel")
    assert result.exit_code == 0, result.output
    assert "3 pdf's (1 gemaakt, 2 hergebruikt)" in result.output, result.output
    again = run_build("-p", str(root), "--only", "gemeenten", "--gemeente", "bethel")
    assert again.output.startswith("Niets veranderd"), again.output


def _zion() -> str:
    return (
        BASE_PROFILE.replace("Bethel", "Zion")
        .replace("Anna Testpersoon, email: anna@bethel.test", "Carla Zion, email: carla@zion.test")
        .replace("bert@bethel.test", "bert@zion.test")
    )


@pytest.mark.parametrize(
    ("naam", "plaats", "said"),
    [
        ("Hervormde gemeente 's-Gravenzande", "'s-Gravenzande", True),
        ("HG Ede", "Ede", True),
        ("Gemeente De Vredeskerk", "Ede", False),  # "Vredeskerk" holds "ede"
        ("Hervormde gemeente Hoornaar", "Hoorn", False),
    ],
)
def test_the_place_is_left_out_only_when_the_name_says_it_as_a_word(
    naam: str, plaats: str, said: bool
) -> None:
    assert names_place(naam, plaats) is said


def test_a_gemeentes_and_its_peoples_names_are_never_broken(make_project: MakeProject) -> None:
    """A long name on a booklet's cover or in its colophon broke as "Hardinxveld-Giessen-"
    above "dam": in front of the kerkenraad, the gemeente's own name."""
    profile = (
        BASE_PROFILE.replace(
            "Hervormde gemeente Bethel (voorbeeld)",
            "Gereformeerde Kerk Hardinxveld-Giessendam Centrum",
        )
        .replace("plaats: Oostdorp", "plaats: Hardinxveld-Giessendam")
        .replace("Bert Voorbeeld", "Jannie van Wijngaarden-Verschuerenbroek")
        .replace("bert@bethel.test", "jannie.vanwijngaardenverschuerenbroek@kerkhardinxveld.test")
    )
    root = make_project({PROFILE: profile})
    result = run_build("-p", str(root), "--only", "gemeenten", "--gemeente", "bethel")
    assert result.exit_code == 0, result.output
    booklets = sorted((root / "output/gemeenten/bethel").glob("*.pdf"))
    assert booklets
    colophons = []
    for booklet in booklets:
        text = "\n".join(page.extract_text() for page in PdfReader(booklet).pages)
        broken = re.findall(r"(?:Giessen|Hardinxveld-Gies|Wijn|Verschueren)[-\u2010]\n", text)
        assert broken == [], (booklet.name, broken)
        # an e-mail address broke with a hyphen too ("g.zwane-" / "veld@…"), as if in it
        email = "jannie.vanwijngaardenverschuerenbroek@kerkhardinxveld.test"
        assert email in text.replace("\n", ""), booklet.name
        colophons.append(" ".join(text.split()))
    # the place is in the name: not "… Centrum in Hardinxveld-Giessendam", nor ", Hardinx…"
    said = re.compile(
        r"samengesteld voor Gereformeerde Kerk Hardinxveld-? ?Giessendam Centrum, met"
    )
    assert sum(bool(said.search(flat)) for flat in colophons) == len(booklets) - 1  # not planning
    assert not any("Centrum, Hardinxveld" in flat for flat in colophons)


def _cached(output: Path) -> list[str]:
    """The gemeenten's typeset PDFs and parts in the cache."""
    cache = output / ".cache"
    return sorted(
        p.relative_to(cache).as_posix()
        for folder in ("gemeenten", "gemeenten-delen")
        for p in (cache / folder).glob("*.pdf")
    )


def test_the_cache_keeps_what_each_gemeente_uses_and_no_more(make_project: MakeProject) -> None:
    """A trajectbegeleider builds one gemeente at a time, for two years: the cache keeps
    the PDFs of the gemeente not asked for, but not every PDF any edit ever made."""
    root = make_project({PROFILE: BASE_PROFILE, "gemeenten/zion.yaml": _zion()})
    output = root / "output"
    assert run_build("-p", str(root), "--only", "gemeenten", "--gemeenten").exit_code == 0
    start = _cached(output)
    assert any("gemeenten-delen/" in name for name in start)  # the werkboeken are in parts
    gebed = root / "content/blok1/01-kom-en-zie/gebed.md"
    for round_ in range(2):
        gebed.write_text(
            gebed.read_text(encoding="utf-8") + f"\nBid voor de kerkenraad ({round_}).\n",
            encoding="utf-8",
        )
        for slug in ("bethel", "zion"):
            result = run_build("-p", str(root), "--only", "gemeenten", "--gemeente", slug)
            assert result.exit_code == 0, result.output
            # the werkboek shows the prayer; the gezin booklet and the jaarplanning do
            # not, and are still in the cache from the build of both
            assert "3 pdf's (1 gemaakt, 2 hergebruikt)" in result.output, result.output
        assert len(_cached(output)) == len(start)
    both = run_build("-p", str(root), "--only", "gemeenten", "--gemeenten")
    assert "6 pdf's (0 gemaakt, 6 hergebruikt)" in both.output, both.output
    # a gemeente that stops: nothing with its name stays behind, in the output or the cache
    (root / "gemeenten/zion.yaml").unlink()
    assert run_build("-p", str(root), "--only", "gemeenten", "--gemeente", "bethel").exit_code == 0
    assert not (output / "gemeenten/zion").exists()
    # nor in the copy of the last output a build keeps to start the next one from
    left = [p.relative_to(output).as_posix() for p in output.rglob("*zion*")]
    assert left == [], left
    for name in _cached(output):
        text = " ".join(page.extract_text() for page in PdfReader(output / ".cache" / name).pages)
        assert "Zion" not in text, name


def in_terminal(argv: list[str]) -> str:
    """What a command writes to its error output when that is a terminal."""
    main, child = os.openpty()
    process = subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=child
    )
    os.close(child)
    chunks = []
    # until the command ends (a worker it leaves may hold the terminal a moment longer)
    deadline = time.monotonic() + 300
    while process.poll() is None or select.select([main], [], [], 0)[0]:
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"{argv} did not end within 300 s")
        if not select.select([main], [], [], 0.2)[0]:
            continue
        try:
            data = os.read(main, 1 << 16)
        except OSError:  # every writer closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    assert process.wait() == 0
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_a_terminal_shows_a_bar_for_the_publications_and_one_for_the_gemeente(
    make_project: MakeProject,
) -> None:
    root = make_project({PROFILE: BASE_PROFILE})
    shown = in_terminal(
        [sys.executable, "-m", "focusbuild", "build", "-p", str(root), "--gemeente", "bethel"]
    )
    finished = re.findall(r"Pdf's maken\s+\[#+\]\s+100%", shown)
    assert len(finished) == 2, shown[-2000:]


def test_new_gemeente_writes_a_profile_that_checks_clean(make_project: MakeProject) -> None:
    root = make_project()
    result = run_build("-p", str(root), "--only", "site")
    assert result.exit_code == 0
    from click.testing import CliRunner

    from focusbuild.cli import cli

    made = CliRunner().invoke(
        cli,
        [
            "new",
            "gemeente",
            "Gereformeerde kerk De Rank",
            "-p",
            str(root),
            "--plaats",
            "Westdorp",
            "--start",
            "2029",
            "--kringavond",
            "Woensdag",  # as a profile may also write it
        ],
    )
    assert made.exit_code == 0, made.output
    profile = root / "gemeenten/gereformeerde-kerk-de-rank.yaml"
    text = profile.read_text(encoding="utf-8")
    assert "naam: Gereformeerde kerk De Rank" in text and "kringavond: woensdag" in text
    assert "focusbuild build --gemeente gereformeerde-kerk-de-rank" in made.output
    assert check_project(root).diagnostics == ()


@pytest.mark.parametrize("project", ["built", "dated"])  # dated: with bijeenkomsten
def test_the_planner_is_accessible_valid_and_fits_a_phone(
    project: str, request: pytest.FixtureRequest, browser: Browser
) -> None:
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    output: Path = request.getfixturevalue(project)
    planner = output / "gemeenten/bethel/index.html"
    for width in (375, 1100):
        context = browser.new_context(viewport={"width": width, "height": 800})
        try:
            page = context.new_page()
            page.goto(planner.as_uri())
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, (width, scroll)
            violations = Axe().run(page).response["violations"]
            serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
            assert serious == [], serious
        finally:
            context.close()
    checked = subprocess.run(
        [java(), "-jar", str(vnu_jar()), "--errors-only", str(planner)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr + checked.stdout


def test_a_wide_logo_and_a_long_name_fit_a_phone(
    make_project: MakeProject, browser: Browser
) -> None:
    """A wide logo beside "Gereformeerde Kerk Hardinxveld-Giessendam Centrum" made the
    planner 432 px wide on a 375 px phone: the name was cut off."""
    wide = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100" width="400" '
        'height="100"><rect width="400" height="100" fill="#1f4e79"/></svg>'
    )
    profile = (
        BASE_PROFILE.replace(
            "Hervormde gemeente Bethel (voorbeeld)",
            "Gereformeerde Kerk Hardinxveld-Giessendam Centrum",
        ).replace("plaats: Oostdorp", "plaats: Hardinxveld-Giessendam")
        + "logo: logo-breed.svg\n"
    )
    root = make_project({PROFILE: profile, "gemeenten/logo-breed.svg": wide})
    result = run_build("-p", str(root), "--only", "gemeenten", "--gemeente", "bethel")
    assert result.exit_code == 0, result.output
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto((root / "output/gemeenten/bethel/index.html").as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        title = page.locator("h1").evaluate("h => h.getBoundingClientRect().right")
        assert title <= 360
        # one gesprek in one year: said as such, not "1 avonden" and "2028–2028"
        text = page.locator("body").inner_text()
        assert "1 avond, op 11 januari 2028" in text and "Hardinxveld-Giessendam, 2028\n" in text
    finally:
        context.close()


def test_the_shipped_sample_builds(tmp_path: Path) -> None:
    """The example profile in the repository, built as a trajectbegeleider would."""
    result = run_build(
        "-p",
        str(REPO),
        "-o",
        str(tmp_path),
        "--only",
        "gemeenten",
        "--gemeente",
        "voorbeeld-oosterwaarde",
        "-q",
    )
    assert result.exit_code == 0, result.output
    folder = tmp_path / "gemeenten" / "voorbeeld-oosterwaarde"
    pdfs = sorted(p.name for p in folder.glob("*.pdf"))
    # 7 blokken × werkboek, groep 6-8, 12-16 and gezin, the werkboeken's A4 booklets,
    # and the jaarplanning
    assert len(pdfs) == 7 * 4 + 7 + 1, pdfs
    assert "focus-blok-1-groep-3-5.pdf" not in pdfs  # groep 3-5 is not used there
    calendar = icalendar.Calendar.from_ical(
        (folder / "focus-voorbeeld-oosterwaarde.ics").read_bytes()
    )
    # 20 kringavonden and the 9 bijeenkomsten of the traject the profile dates
    assert len(list(calendar.walk("VEVENT"))) == 20 + 9
    assert (folder / "logo.svg").is_file()
    planner = (folder / "index.html").read_text(encoding="utf-8")
    assert 'src="logo.svg"' in planner
    assert not (tmp_path / "site").exists()
    # Oosterwaarde holds blok 1 without its gesprek 2: its booklets, planner and
    # jaarplanning say so, so no kringleider looks for the missing number
    skipped = "Gesprek 2 (Hoe wij Hem leerden kennen) slaan wij over."
    werkboek = " ".join(pdf_text(folder / "focus-blok-1-werkboek.pdf").split())
    assert werkboek.count(skipped) == 2  # in the contents and under the inleiding
    assert skipped in planner and skipped in " ".join(pdf_text(folder / "jaarplanning.pdf").split())
    assert "slaan wij over" not in pdf_text(folder / "focus-blok-2-werkboek.pdf")
    # the jaarplanning keeps each blok whole, under its own coloured band, and each year
    # on one page: two A4 pages with the bijeenkomsten of the traject
    pages = [p.extract_text() or "" for p in PdfReader(folder / "jaarplanning.pdf").pages]
    assert len(pages) == 2
    for year, bands, rows in (
        (
            "Voortraject en opstart 2027",
            ["Voortraject", "Opstartfase", "Blok 0: Focus op Jezus"],
            ["Startweekend van het Focustraject", "Bezinning bij blok 0"],
        ),
        (
            "Tweede jaar 2029",
            ["Blok 5: Jezus en het Koninkrijk", "Blok 6: Vrucht dragen door Jezus"],
            ["1. Het Koninkrijk is dichtbij", "4. Uw Koninkrijk kome", "3. Terug bij het begin"],
        ),
    ):
        on = [page for page in pages if year in page]
        assert len(on) == 1 and all(t in on[0] for t in bands + rows), (year, pages)
    # the tieners have its nadruk: their booklet says so on its cover, the gezin's does not
    cover = PdfReader(folder / "focus-blok-1-12-16.pdf").pages[0].extract_text() or ""
    assert "EXTRA AANDACHT IN ONZE GEMEENTE" in cover.upper()
    gezin = PdfReader(folder / "focus-blok-1-gezin.pdf").pages[0].extract_text() or ""
    assert "EXTRA AANDACHT" not in gezin.upper()


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_a_span_of_days_is_written_as_dutch_readers_write_it() -> None:
    from focusbuild.render.gemeente import span

    assert span(D(2028, 2, 19), D(2028, 2, 27)) == "19 – 27 februari 2028"
    assert span(D(2028, 1, 11), D(2028, 2, 29)) == "11 januari – 29 februari 2028"
    assert span(D(2027, 12, 20), D(2028, 1, 3)) == "20 december 2027 – 3 januari 2028"
    assert span(D(2028, 5, 2), D(2028, 5, 2)) == "2 mei 2028"


# ---- the bijeenkomsten of the traject on the gemeente's own dates -------------------------

T = "content/traject"
TRAJECT = {
    f"{T}/_traject.md": "---\ntitel: Het traject\n---\nRond de blokken.\n",
    f"{T}/01-focusscan/_bijeenkomst.md": (
        "---\ntitel: Gemeenteavond over de FocusScan\nsoort: gemeenteavond\nfase: voortraject\n"
        "voor: gemeente\nduur: 120\nsamenvatting: De uitkomsten van de scan.\n---\nEen avond.\n"
    ),
    f"{T}/02-startweekend/_bijeenkomst.md": (
        "---\ntitel: Startweekend\nsoort: startweekend\nfase: opstart\nvoor: gemeente\n---\n"
        "Een weekend.\n"
    ),
    f"{T}/03-gemeenteavond/_bijeenkomst.md": (
        "---\ntitel: Gemeenteavond over Focus\nsoort: gemeenteavond\nfase: opstart\n"
        "voor: gemeente\nduur: 120\n---\nEen avond voor de hele gemeente.\n"
    ),
    f"{T}/04-kerkenraadsweekend/_bijeenkomst.md": (
        "---\ntitel: Handleiding kerkenraadsweekend\nsoort: kerkenraad\nfase: opstart\n"
        "voor: kerkenraad\nhandleiding: true\nsamenvatting: GEHEIM-SAMENVATTING.\n---\n"
        "GEHEIM-WEEKEND.\n"
    ),
}
DATED = BASE_PROFILE + (
    "bijeenkomsten:\n"
    '  gemeenteavond: {datum: 2028-01-11, tijd: "19:30"}\n'  # a kringavond, in blok 1
    '  startweekend: {datum: 2027-10-02, tot: 2027-10-03, tijd: "10:00"}\n'
    "  focusscan: 2027-03-17\n"
    "  kerkenraadsweekend: {datum: 2027-09-24, tot: 2027-09-25}\n"
)


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A gemeente that gave four bijeenkomsten of the traject a date, one on a kringavond."""
    from tests.conftest import base_files, write_files

    root = tmp_path_factory.mktemp("bijeenkomsten") / "project"
    write_files(root, {**base_files(), **TRAJECT, PROFILE: DATED})
    result = run_build("-p", str(root), "--only", "gemeenten", "--gemeenten")
    assert result.exit_code == 0, result.output
    assert "waarschuwing" not in result.output, result.output
    return root / "output"


def test_a_bijeenkomst_on_a_kringavond_takes_that_evening(dated: Path) -> None:
    result = check_project(dated.parent)
    assert result.errors == () and len(result.plans) == 1
    plan = result.plans[0]
    # 11 January 2028 is the first Tuesday of blok 1: the gemeenteavond has it
    assert [m.datum for m in plan.meetings] == [D(2028, 1, 18)]
    assert [g.bijeenkomst.slug for g in plan.gatherings] == [
        "focusscan",
        "kerkenraadsweekend",
        "startweekend",
        "gemeenteavond",
    ]
    html = (dated / "gemeenten/bethel/index.html").read_text(encoding="utf-8")
    assert "dinsdag 11 januari 2028: Gemeenteavond over Focus" in html  # "Geen kringavond"


def test_the_planner_lists_the_bijeenkomsten_in_date_order(dated: Path) -> None:
    html = (dated / "gemeenten/bethel/index.html").read_text(encoding="utf-8")
    section = html[html.index('id="traject-kop"') : html.index('id="avonden-kop"')]
    shown = re.findall(r"<time[^>]*>([^<]+)</time>\s*</p>\s*<h3>([^<]+)</h3>", section)
    assert shown == [
        ("woensdag 17 maart 2027", "Gemeenteavond over de FocusScan"),
        ("vrijdag 24 – zaterdag 25 september 2027", "Handleiding kerkenraadsweekend"),
        ("zaterdag 2 – zondag 3 oktober 2027, aanvang 10.00\u00a0uur", "Startweekend"),
        ("dinsdag 11 januari 2028, 19.30\u00a0uur", "Gemeenteavond over Focus"),
    ]
    assert 'datetime="2028-01-11T19:30"' in section
    assert 'href="https://focus.test/traject/startweekend/"' in section
    # a bijeenkomst for the leiding only has no public page to link to
    assert "traject/kerkenraadsweekend" not in html and "GEHEIM" not in html


def test_the_jaarplanning_puts_the_bijeenkomsten_among_the_kringavonden(dated: Path) -> None:
    text = " ".join(pdf_text(dated / "gemeenten/bethel/jaarplanning.pdf").split())
    order = [
        "Voortraject en opstart 2027",  # a March evening: not "Opstart"
        "Voortraject",
        "woensdag 17 maart Gemeenteavond over de FocusScan · de gemeente",
        "Opstartfase",
        "vr 24 – za 25 september Handleiding kerkenraadsweekend · de kerkenraad",
        "za 2 – zo 3 oktober Startweekend, aanvang 10.00 uur · de gemeente",
        "Eerste jaar 2028",
        "Blok 1: Jezus ontmoeten",
        "dinsdag 11 januari Gemeenteavond over Focus, 19.30 uur · de gemeente",
        "dinsdag 18 januari 1. Kom en zie",
    ]
    found = [text.find(part) for part in order]
    assert -1 not in found and found == sorted(found), list(zip(order, found, strict=True))
    assert "GEHEIM" not in text


def test_the_calendar_has_the_bijeenkomsten_with_their_days_and_times(dated: Path) -> None:
    book = icalendar.Calendar.from_ical((dated / "gemeenten/bethel/focus-bethel.ics").read_bytes())
    events = {str(e["uid"]): e for e in book.walk("VEVENT")}
    avond = events["bethel-gemeenteavond@focus.test"]
    start = avond.decoded("dtstart")
    assert start.isoformat() == "2028-01-11T19:30:00+01:00"
    assert avond.decoded("dtend") - start == datetime.timedelta(minutes=120)  # its duur
    weekend = events["bethel-startweekend@focus.test"]
    # a weekend fills its days; the time it starts is in the description
    days = (weekend.decoded("dtstart"), weekend.decoded("dtend"))
    assert days == (D(2027, 10, 2), D(2027, 10, 4))
    assert "Aanvang 10.00 uur." in str(weekend["description"])
    assert str(weekend["url"]) == "https://focus.test/traject/startweekend/"
    scan = events["bethel-focusscan@focus.test"]
    assert scan.decoded("dtstart") == D(2027, 3, 17)
    assert "De uitkomsten van de scan." in str(scan["description"])
    leiding = events["bethel-kerkenraadsweekend@focus.test"]
    assert "url" not in leiding and "GEHEIM" not in str(leiding["description"])
    assert str(events["bethel-blok1-kom-en-zie@focus.test"].decoded("dtstart").date()) == (
        "2028-01-18"
    )


BIJEENKOMST_CASES = [
    (
        "unknown",
        "bijeenkomsten:\n  startweeknd: 2027-10-02\n",
        f"{PROFILE}:11:3: fout: het traject heeft geen bijeenkomst 'startweeknd' (bedoelde je "
        "'startweekend'?)",
    ),
    (
        "a-list",
        "bijeenkomsten: [startweekend]\n",
        f"{PROFILE}:10:16: fout: 'bijeenkomsten' noemt per bijeenkomst van het traject de "
        'datum, zoals startweekend: {datum: 2027-09-11, tot: 2027-09-12, tijd: "10:00"}',
    ),
    (
        "no-date",
        "bijeenkomsten:\n  startweekend:\n",
        f"{PROFILE}:11:16: fout: geef 'startweekend' een datum, zoals startweekend: "
        '{datum: 2027-09-11, tot: 2027-09-12, tijd: "10:00"}',
    ),
    (
        "not-a-date",
        "bijeenkomsten:\n  startweekend: 2 oktober\n",
        f"{PROFILE}:11:17: fout: 'startweekend' moet een datum zijn, zoals 2028-02-19, niet "
        "'2 oktober'",
    ),
    (
        "no-such-day",
        "bijeenkomsten:\n  startweekend: {datum: 2027-02-30}\n",
        f"{PROFILE}:11:25: fout: 'datum': de datum 2027-02-30 bestaat niet",
    ),
    (
        "backwards",
        "bijeenkomsten:\n  startweekend: {datum: 2027-10-03, tot: 2027-10-02}\n",
        f"{PROFILE}:11:42: fout: 'startweekend' eindigt (2027-10-02) vóór hij begint (2027-10-03)",
    ),
    (
        "a-year-long",  # a year mistyped took every kringavond of that year
        "bijeenkomsten:\n  startweekend: {datum: 2027-10-02, tot: 2028-10-03}\n",
        f"{PROFILE}:11:42: fout: 'startweekend' duurt zo 368 dagen (2027-10-02 tot en met "
        "2028-10-03); een bijeenkomst duurt hoogstens 7 dagen: klopt 'tot'?",
    ),
    (
        "time-unquoted",
        "bijeenkomsten:\n  gemeenteavond: {datum: 2027-10-12, tijd: 19:45}\n",
        f'{PROFILE}:11:44: fout: zet de tijd tussen aanhalingstekens: tijd: "19:45"; zonder '
        "aanhalingstekens leest YAML 19:45 als het getal 1185",
    ),
    (
        "without-datum",
        'bijeenkomsten:\n  gemeenteavond: {tijd: "19:45"}\n',
        f"{PROFILE}:11:18: fout: verplichte sleutel 'datum' ontbreekt bij 'gemeenteavond'",
    ),
    (
        "other-key",
        'bijeenkomsten:\n  startweekend: {datum: 2027-10-02, tijdstip: "10:00"}\n',
        f"{PROFILE}:11:37: fout: onbekende sleutel 'tijdstip' bij 'startweekend' (bedoelde je "
        "'tijd'?)",
    ),
]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [c[1:] for c in BIJEENKOMST_CASES],
    ids=[c[0] for c in BIJEENKOMST_CASES],
)
def test_a_mistake_in_a_bijeenkomsts_date_is_a_diagnostic(
    make_project: MakeProject, lines: str, expected: str
) -> None:
    root = make_project({**TRAJECT, PROFILE: BASE_PROFILE + lines})
    result = run_build("-p", str(root), "--only", "gemeenten", "--gemeenten")
    assert result.exit_code == 1, result.output
    assert expected in result.output.splitlines(), result.output


def test_a_bijeenkomst_without_a_traject_or_outside_it_is_pointed_out(
    make_project: MakeProject,
) -> None:
    root = make_project({PROFILE: BASE_PROFILE + "bijeenkomsten:\n  startweekend: 2027-10-02\n"})
    lines = check_project(root).diagnostics
    assert [f"{d.line}:{d.column}: {d.message}" for d in lines] == [
        "11:3: het traject (content/traject/) is leeg: geen 'startweekend'"
    ]
    root = make_project(
        {**TRAJECT, PROFILE: BASE_PROFILE + "bijeenkomsten:\n  startweekend: 2017-10-02\n"}
    )
    warnings = [d for d in check_project(root).diagnostics if d.severity.value == "waarschuwing"]
    assert [f"{d.line}:{d.column}: {d.message}" for d in warnings] == [
        "11:17: 'startweekend' valt buiten het traject (2026–2029); klopt het jaar?"
    ]
