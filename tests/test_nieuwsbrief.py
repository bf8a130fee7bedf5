"""`focusbuild nieuwsbrief`: one FocusNieuws edition as e-mail that mail clients show well."""

from __future__ import annotations

import email
import io
import re
from email import policy
from email.message import EmailMessage
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser

from focusbuild.cli import cli
from tests.conftest import BASE_URL, base_files, write_files

N, A, E = "content/nieuws", "content/agenda", "content/nieuwsbrief"


def news(day: str, title: str) -> str:
    return f"---\ntitel: {title}\ndatum: {day}\nsamenvatting: Over {title}.\n---\nTekst.\n"


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (43, 45, 66)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("brief") / "project"
    files: dict[str, str | bytes] = dict(base_files())
    files[f"{N}/2027-02-20-te-oud.md"] = news("2027-02-20", "In de vorige editie")
    files[f"{N}/2027-03-05-eerste.md"] = news("2027-03-05", "Kringen in Oosterwaarde").replace(
        "---\nTekst", "afbeelding: img/kring.png\nalt: Een kring aan tafel\n---\nTekst"
    )
    files[f"{N}/img/kring.png"] = _png(1200, 675)  # a picture wider than any mail column
    files[f"{N}/2027-03-28-tweede.md"] = news("2027-03-28", "Een gemeenteavond in Lindehoven")
    files[f"{N}/2027-04-03-te-nieuw.md"] = news("2027-04-03", "Voor de volgende editie")
    files[f"{A}/focusdag.md"] = (
        "---\ntitel: Focusdag 2027\ndatum: 2027-10-09\ntijd: '10:00-16:00'\nplaats: Amersfoort\n"
        "voor: [kerkenraden, focusgroepen]\n---\nEen dag voor kerkenraden.\n"
    )
    files[f"{A}/geweest.md"] = (
        "---\ntitel: Oude studiedag\ndatum: 2027-01-10\nplaats: Utrecht\n"
        "voor: predikanten\n---\nT.\n"
    )
    files[f"{E}/2027-03.md"] = "---\ndatum: 2027-03-01\n---\nWelkom bij de editie van maart.\n"
    files[f"{E}/2027-04.md"] = (
        "---\ndatum: 2027-04-01\n---\n"
        "Welkom. Lees ook [het nieuws](../nieuws/2027-03-05-eerste.md).\n\n"
        "![Een kring aan tafel](../nieuws/img/kring.png)\n"
    )
    write_files(root, files)
    result = CliRunner().invoke(cli, ["nieuwsbrief", "-p", str(root), "--editie", "2027-04"])
    assert result.exit_code == 0, result.output
    assert "FocusNieuws 2027-04 klaar in" in result.output
    return root / "output" / "nieuwsbrief" / "2027-04"


def test_the_eml_is_multipart_alternative_that_mail_parses(edition: Path) -> None:
    raw = (edition / "focusnieuws-2027-04.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    assert message["Subject"] == "FocusNieuws april 2027"
    assert message["From"] == "FocusNieuws <focus@izb.nl>"
    assert message["Message-ID"] == "<focusnieuws-2027-04@focus.test>"
    assert message["List-Unsubscribe"] is None  # *|UNSUB|*: the mailing tool adds its own
    assert message.get_content_type() == "multipart/alternative"
    kinds = [part.get_content_type() for part in message.iter_parts()]
    assert kinds == ["text/plain", "text/html"]
    html = message.get_body(("html",))
    assert html is not None and "Kringen in Oosterwaarde" in html.get_content()


def test_it_holds_the_news_since_the_edition_before_and_the_agenda_ahead(edition: Path) -> None:
    text = (edition / "focusnieuws-2027-04.txt").read_text(encoding="utf-8")
    assert "Kringen in Oosterwaarde" in text and "Een gemeenteavond in Lindehoven" in text
    assert "In de vorige editie" not in text and "Voor de volgende editie" not in text
    assert text.index("Een gemeenteavond in Lindehoven") < text.index("Kringen in Oosterwaarde")
    assert "Focusdag 2027" in text and "Oude studiedag" not in text
    # no-break spaces, without the HTML's word joiner (a box in some mail programs)
    assert "zaterdag 9 oktober 2027, 10.00\u00a0–\u00a016.00\u00a0uur · Amersfoort" in text
    assert "\u2060" not in text
    assert "Voor kerkenraden, Focusgroepen" in text


def test_the_text_part_gives_each_item_its_own_lines(edition: Path) -> None:
    """A mail app that shows the text part: title, date, summary and link each on a line
    of their own, and the signature under the usual "-- " line, which mail apps fold."""
    text = (edition / "focusnieuws-2027-04.txt").read_text(encoding="utf-8")
    assert (
        "\n\nKringen in Oosterwaarde\n5 maart 2027\nOver Kringen in Oosterwaarde.\n"
        f"Lees verder: {BASE_URL}nieuws/2027-03-05-eerste/\n"
    ) in text
    assert "\n-- \nFocusNieuws verbindt" in text


def test_the_text_part_has_every_title_and_every_link_of_the_html(edition: Path) -> None:
    html = (edition / "focusnieuws-2027-04.html").read_text(encoding="utf-8")
    text = (edition / "focusnieuws-2027-04.txt").read_text(encoding="utf-8")
    links = {unescape(href) for href in re.findall(r'href="([^"]+)"', html)}
    assert BASE_URL + "nieuws/2027-03-05-eerste/" in links and "*|UNSUB|*" in links
    assert [link for link in links if link not in text] == []
    titles = re.findall(r'<h2 class="bericht-titel"[^>]*><a [^>]*>([^<]+)</a>', html)
    titles += re.findall(r'<p class="activiteit-titel"[^>]*><a [^>]*>([^<]+)</a>', html)
    assert len(titles) == 3 and all(unescape(t) in text for t in titles)


def test_the_html_is_made_for_mail_clients(edition: Path) -> None:
    html = (edition / "focusnieuws-2027-04.html").read_text(encoding="utf-8")
    assert 'width="600"' in html and "max-width: 600px" in html
    assert "<link" not in html and 'class="kop" style="' in html  # CSS inlined
    assert [u for u in re.findall(r'(?:href|src)="([^"]+)"', html) if "://" not in u] == [
        "*|UNSUB|*"
    ]  # every address absolute, but the mailing tool's placeholder


@pytest.mark.parametrize("width", [600, 375])
def test_the_html_fits_a_phone_and_a_desktop_mail_window(
    browser: Browser, edition: Path, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.route(
        "**/*",
        lambda route: route.abort() if route.request.url.startswith("http") else route.continue_(),
    )
    page.goto((edition / "focusnieuws-2027-04.html").as_uri())
    scroll = page.evaluate("document.documentElement.scrollWidth")
    page.close()
    assert scroll <= width  # also with its pictures blocked, as many mail clients do


def test_pictures_keep_their_place_where_css_is_ignored(edition: Path) -> None:
    """Outlook ignores max-width: a picture needs its width (and a news picture its height)
    as attributes, or it shows at its own 1,200 px."""
    html = (edition / "focusnieuws-2027-04.html").read_text(encoding="utf-8")
    pictures = re.findall(r"<img[^>]*>", html)
    assert len(pictures) == 2, pictures
    assert all('width="536"' in p for p in pictures), pictures
    assert any('height="302"' in p for p in pictures), pictures  # 1200 × 675 at 536 wide


def test_the_same_edition_twice_is_the_same_file(edition: Path, tmp_path: Path) -> None:
    root = edition.parent.parent.parent
    again = CliRunner().invoke(
        cli, ["nieuwsbrief", "-p", str(root), "--editie", "2027-04", "-o", str(tmp_path)]
    )
    assert again.exit_code == 0, again.output
    made = tmp_path / "nieuwsbrief/2027-04/focusnieuws-2027-04.eml"
    assert made.read_bytes() == (edition / "focusnieuws-2027-04.eml").read_bytes()


def test_an_unknown_edition_is_refused_in_dutch(edition: Path) -> None:
    root = edition.parent.parent.parent
    result = CliRunner().invoke(cli, ["nieuwsbrief", "-p", str(root), "--editie", "2027-05"])
    assert result.exit_code == 2
    assert "geen editie content/nieuwsbrief/2027-05.md" in result.output
    assert "bekend: 2027-03, 2027-04" in result.output


def test_invented_items_say_so_in_the_mail(tmp_path: Path) -> None:
    """A reader who gets FocusNieuws sees no label of the site: an invented news item or
    event (`voorbeeld: true`) says so in its title and with the site's notice, in both
    parts of the mail; a real one does not."""
    root = tmp_path / "project"
    files: dict[str, str | bytes] = dict(base_files())
    files[f"{N}/2027-03-05-verzonnen.md"] = news("2027-03-05", "Kringen in Kerkveen").replace(
        "---\nTekst", "voorbeeld: true\n---\nTekst"
    )
    files[f"{N}/2027-03-12-echt.md"] = news("2027-03-12", "Het materiaal staat online")
    files[f"{A}/focusdag.md"] = (
        "---\ntitel: Focusdag 2027\ndatum: 2027-10-09\nplaats: Amersfoort\n"
        "voor: kerkenraden\nvoorbeeld: true\n---\nT.\n"
    )
    files[f"{E}/2027-04.md"] = "---\ndatum: 2027-04-01\n---\nWelkom.\n"
    write_files(root, files)
    result = CliRunner().invoke(cli, ["nieuwsbrief", "-p", str(root), "--editie", "2027-04"])
    assert result.exit_code == 0, result.output
    out = root / "output" / "nieuwsbrief" / "2027-04"
    text = (out / "focusnieuws-2027-04.txt").read_text(encoding="utf-8")
    html = unescape((out / "focusnieuws-2027-04.html").read_text(encoding="utf-8"))
    for part in (text, html):
        assert "Voorbeeld: Kringen in Kerkveen" in part and "Voorbeeld: Focusdag 2027" in part
        assert "de gemeente en de personen erin zijn verzonnen" in part
        assert "datum en plaats zijn verzonnen" in part
        assert "staan in FocusNieuws" not in part  # this is FocusNieuws
        assert "Voorbeeld: Het materiaal" not in part and "Het materiaal staat online" in part


def _project(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """The base project with these files added."""
    root = tmp_path / "project"
    write_files(root, {**base_files(), **files})
    return root


def _sent_with(tmp_path: Path, afmelden: str) -> tuple[Path, EmailMessage]:
    """A project whose focus.yaml has this `afmelden`, and its April edition as sent."""
    root = tmp_path / "project"
    files: dict[str, str | bytes] = dict(base_files())
    config = str(files["focus.yaml"])
    assert 'afmelden: "*|UNSUB|*"' in config
    files["focus.yaml"] = config.replace('"*|UNSUB|*"', f'"{afmelden}"')
    files[f"{E}/2027-04.md"] = "---\ndatum: 2027-04-01\n---\nWelkom.\n"
    write_files(root, files)
    result = CliRunner().invoke(cli, ["nieuwsbrief", "-p", str(root), "--editie", "2027-04"])
    assert result.exit_code == 0, result.output
    raw = (root / "output/nieuwsbrief/2027-04/focusnieuws-2027-04.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return root, message


def test_a_real_unsubscribe_address_becomes_the_mail_clients_button(tmp_path: Path) -> None:
    """Sent as it is, the e-mail offers the reader's mail client an "afmelden" button
    (List-Unsubscribe) when `afmelden` is an address, and never a merge tag as one."""
    _, message = _sent_with(tmp_path, "https://focus.example/afmelden")
    assert message["List-Unsubscribe"] == "<https://focus.example/afmelden>"


def test_a_bare_unsubscribe_address_becomes_a_mailto_link_and_a_wrong_one_an_error(
    tmp_path: Path,
) -> None:
    """An address such as "afmelden@izb.nl" gave href="afmelden@izb.nl", a link to nowhere, and no
    button in the mail client; "afmelden@izb" passed without a word."""
    root, message = _sent_with(tmp_path, "afmelden@focus.example")
    assert message["List-Unsubscribe"] == "<mailto:afmelden@focus.example>"
    html = (root / "output/nieuwsbrief/2027-04/focusnieuws-2027-04.html").read_text("utf-8")
    assert 'href="mailto:afmelden@focus.example"' in html
    config = (root / "focus.yaml").read_text("utf-8")
    (root / "focus.yaml").write_text(config.replace("afmelden@focus.example", "afmelden@focus"))
    wrong = CliRunner().invoke(cli, ["nieuwsbrief", "-p", str(root), "--editie", "2027-04"])
    assert wrong.exit_code == 1
    assert re.search(r"focus\.yaml:\d+:\d+: fout: 'afmelden' is de code die", wrong.output)


@pytest.mark.parametrize(
    "afzender",
    [
        "FocusNieuws <focus@izb.nl>\\r\\nBcc: iedereen@example.nl",
        "focus@izb.nl, kopie@example.nl",
        "FocusNieuws",
        "FocusNieuws\\LIZB <focus@izb.nl>",  # YAML's \\L: U+2028, a line separator
        "Focus:Nieuws <focus@izb.nl>",  # a group, not a name
    ],
    ids=["line-break", "two-addresses", "no-address", "line-separator", "group"],
)
def test_the_sender_is_one_address_on_one_line(tmp_path: Path, afzender: str) -> None:
    """A line break in `afzender` passed the check and stopped the newsletter with a
    Python traceback (a header may not hold one: it would start a Bcc of its own)."""
    files: dict[str, str | bytes] = dict(base_files())
    config = str(files["focus.yaml"])
    assert '"FocusNieuws <focus@izb.nl>"' in config
    files["focus.yaml"] = config.replace('"FocusNieuws <focus@izb.nl>"', f'"{afzender}"')
    root = tmp_path / "project"
    write_files(root, files)
    result = CliRunner().invoke(cli, ["check", "-p", str(root)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert re.search(
        r"focus\.yaml:\d+:\d+: fout: 'afzender' is één e-mailadres, eventueel met een naam "
        r"ervoor, op één regel",
        result.output,
    ), result.output


def test_an_editions_date_lies_in_its_month(tmp_path: Path) -> None:
    """2027-01.md dated 2026-12-20 went out as "januari 2027" in December, with no news."""
    root = _project(
        tmp_path,
        {
            f"{E}/2027-01.md": "---\ndatum: 2026-12-20\n---\nWelkom.\n",
        },
    )
    result = CliRunner().invoke(cli, ["check", "-p", str(root)])
    assert result.exit_code == 1
    assert (
        f"{E}/2027-01.md:2:8: fout: datum 2026-12-20 valt niet in de maand van deze editie "
        "(2027-01); een editie wordt verstuurd in de maand van haar bestandsnaam"
    ) in result.output


def test_the_inbox_shows_the_opening_after_the_subject(edition: Path) -> None:
    """Without a preheader an inbox showed "FocusNieuws april 2027" twice: the subject,
    then the mail's own heading."""
    html = (edition / "focusnieuws-2027-04.html").read_text(encoding="utf-8")
    hidden = re.search(r'<div style="display: none;[^"]*">([^<]*)</div>', html)
    assert hidden is not None and hidden.group(1).startswith("Welkom. Lees ook het nieuws")
    assert "https://" not in hidden.group(1)


def test_the_text_part_keeps_list_bullets_and_counts_in_dutch() -> None:
    from focusbuild.nieuws.mail import plain_text
    from focusbuild.products.newsletter import NewsletterReport

    assert plain_text("<p>Neem mee:</p><ul><li>een bijbel</li><li>pen</li></ul>") == (
        "Neem mee:\n\n• een bijbel\n• pen"
    )
    # numbered steps keep their numbers, and a nested list stands under its item
    steps = (
        "<p>Stappen:</p>\n<ol>\n<li>Lees</li>\n<li>Bid\n<ul>\n<li>voor de buren</li>\n"
        "<li>voor de stad</li>\n</ul>\n</li>\n<li>Zing</li>\n</ol>\n<p>Amen.</p>"
    )
    assert plain_text(steps) == (
        "Stappen:\n\n1. Lees\n2. Bid\n   • voor de buren\n   • voor de stad\n3. Zing\n\nAmen."
    )
    lines = NewsletterReport("2027-04", 1, 1, "*|UNSUB|*").lines("output")
    assert "; 1 bericht, 1 activiteit." in lines[0]
    assert (
        "verstuur de .html met het mailprogramma; de .eml is dan alleen om te bekijken"
        in (lines[1])
    )


def test_an_edition_named_wrongly_is_an_error_not_last_months_edition_again(
    tmp_path: Path,
) -> None:
    """ "2027-1.md" was skipped with a warning, and the command made the edition before
    it again: the editor could send last month's FocusNieuws twice."""
    root = _project(
        tmp_path,
        {
            f"{E}/2026-12.md": "---\ndatum: 2026-12-01\n---\nWelkom.\n",
            f"{E}/2027-1.md": "---\ndatum: 2027-01-05\n---\nWelkom.\n",
        },
    )
    result = CliRunner().invoke(cli, ["nieuwsbrief", "-p", str(root)])
    assert result.exit_code == 1
    assert (
        f"{E}/2027-1.md:1:1: fout: een editie van FocusNieuws is genoemd naar haar maand, "
        "zoals 2027-03.md (bedoelde je 2027-01.md?) (een bestand dat met _ begint, wordt "
        "overgeslagen)"
    ) in result.output
    assert not (root / "output/nieuwsbrief").exists()


def test_a_subject_longer_than_an_inbox_shows_is_warned_about(tmp_path: Path) -> None:
    root = tmp_path / "project"
    files: dict[str, str | bytes] = dict(base_files())
    long = "FocusNieuws met het verslag van de Focusdag en alles wat er verder te melden valt"
    files[f"{E}/2027-04.md"] = f"---\ndatum: 2027-04-01\ntitel: {long}\n---\nWelkom.\n"
    write_files(root, files)
    result = CliRunner().invoke(cli, ["check", "-p", str(root)])
    assert (
        f"{E}/2027-04.md:3:8: waarschuwing: de titel is het onderwerp van de e-mail: "
        f"{len(long)} tekens, waarvan veel mailprogramma's er zo'n 70 laten zien"
    ) in result.output, result.output


def test_a_small_picture_in_the_text_keeps_its_own_size(tmp_path: Path) -> None:
    """A logo of 120 px was stretched to the column's 536 px."""
    root = tmp_path / "project"
    files: dict[str, str | bytes] = dict(base_files())
    files[f"{N}/img/logo.png"] = _png(120, 60)
    files[f"{E}/2027-04.md"] = (
        "---\ndatum: 2027-04-01\n---\nWelkom.\n\n![Het logo](../nieuws/img/logo.png)\n"
    )
    write_files(root, files)
    result = CliRunner().invoke(cli, ["nieuwsbrief", "-p", str(root), "--editie", "2027-04"])
    assert result.exit_code == 0, result.output
    html = (root / "output/nieuwsbrief/2027-04/focusnieuws-2027-04.html").read_text("utf-8")
    picture = re.search(r"<img[^>]*logo\.png[^>]*>", html)
    assert picture is not None
    assert 'width="120" height="60"' in picture[0]
    assert not re.search(r"(?<![-\w])width:\s*100%", picture[0]), picture[0]


def test_a_draft_starting_with_an_underscore_is_left_alone(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        {
            f"{E}/2027-04.md": "---\ndatum: 2027-04-01\n---\nWelkom.\n",
            f"{E}/_concept-mei.md": "Nog te schrijven.\n",
        },
    )
    result = CliRunner().invoke(cli, ["nieuwsbrief", "-p", str(root)])
    assert result.exit_code == 0, result.output
    assert f"{E}/_concept-mei.md:1:1: waarschuwing:" in result.output


@pytest.mark.parametrize(
    "code",
    [
        "*|UNSUB|*",
        "{{ unsubscribe }}",
        "{{{unsubscribe}}}",
        "{$unsubscribe}",
        "[[UNSUB_LINK_NL]]",
        "{% unsubscribe %}",
        "%UNSUBSCRIBELINK%",
        "::unsubscribeUrl::",
    ],
)
def test_the_unsubscribe_codes_of_common_mailing_tools_are_taken(code: str) -> None:
    from focusbuild.config import _unsubscribe

    assert _unsubscribe(code) == code
    assert _unsubscribe("https://x.nl/afmelden staat hier") is None  # one address, no text
    assert _unsubscribe("MAILTO:afmelden@focus.example") == "mailto:afmelden@focus.example"
