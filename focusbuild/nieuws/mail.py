"""One FocusNieuws edition as e-mail: HTML for mail clients, plain text, and an .eml.

An edition (`content/nieuwsbrief/JJJJ-MM.md`) holds the news dated after the
edition before it, up to its own date, and the agenda from that date on. The
HTML is a 600 px table layout with its CSS inlined (css-inline: mail
clients drop style sheets) and every address absolute; the unsubscribe link
is the placeholder of focus.yaml that the mailing tool fills in. The .eml is
multipart/alternative (text, then HTML) with a fixed boundary, date and
Message-ID, so an edition made twice is the same file.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from focusbuild import artifacts
from focusbuild.artifacts import Urls
from focusbuild.config import LINK_SCHEMES
from focusbuild.markdown import WORD_JOINER
from focusbuild.model import Site
from focusbuild.nieuws.model import Edition, Event, NewsItem
from focusbuild.render.bodies import Renderer
from focusbuild.render.links import Linker
from focusbuild.render.news import voor_namen, when
from focusbuild.render.templates import dutch_date, environment
from focusbuild.today import TIMEZONE

#: The most events an edition lists.
EVENTS = 6
_LINK = re.compile(r'<a\b[^>]*href="([^"]+)"[^>]*>(.*?)</a>', re.S)
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote)>", re.I)


@dataclass(frozen=True)
class Contents:
    edition: Edition
    items: tuple[NewsItem, ...]  # newest first
    events: tuple[Event, ...]  # first one first


def contents(site: Site, edition: Edition) -> Contents:
    """The news since the edition before this one, and the agenda from its date on."""
    before = [e for e in site.edities if e.datum < edition.datum]
    since = before[-1].datum if before else None
    items = tuple(
        n for n in site.nieuws if n.datum <= edition.datum and (since is None or n.datum > since)
    )
    events = tuple(e for e in site.agenda if e.upcoming(edition.datum))[:EVENTS]
    return Contents(edition, items, events)


def month_name(editie: str) -> str:
    """ "2027-03" → "maart 2027"."""
    year, month = (int(part) for part in editie.split("-"))
    return dutch_date(datetime.date(year, month, 1), "MMMM y")


class Mailer:
    """Renders editions with the layouts in `layouts/nieuwsbrief/`."""

    def __init__(self, site: Site, renderer: Renderer, layouts: Path) -> None:
        self.site = site
        self.renderer = renderer
        self.linker = Linker.for_site(site)
        self.urls = Urls(site.config)
        self.env = environment([layouts / "nieuwsbrief"], keep_trailing_newline=True)
        self.text_env = environment(
            [layouts / "nieuwsbrief"], keep_trailing_newline=True, autoescape=False
        )
        self._openings: dict[str, str] = {}  # by edition (see `opening_html`)

    def context(self, found: Contents) -> dict[str, Any]:
        site, urls = self.site, self.urls
        config = site.config
        base = config.basis_url
        edition = found.edition
        return {
            "titel": subject(edition),
            "maand": month_name(edition.editie),
            "items": [self._item(item) for item in found.items],
            "events": [self._event(event) for event in found.events],
            "agenda_url": base + urls.AGENDA,
            "site_url": base,
            "organisatie": config.organisatie,
            "partners": " en ".join(config.partners),
            "afmelden": config.nieuwsbrief.afmelden if config.nieuwsbrief else "",
        }

    def _item(self, item: NewsItem) -> dict[str, Any]:
        base = self.site.config.basis_url
        picture = item.afbeelding
        inner = self.linker.publishable(picture.rel) if picture is not None else None
        return {
            # an invented item says so: a reader who gets the mail sees no label on the site
            "titel": item.labelled_title,
            "url": base + self.urls.nieuws(item),
            "datum": dutch_date(item.datum),
            "gemeente": item.gemeente,
            "melding": item.notice,  # what an invented item says of itself, or None
            "samenvatting": item.samenvatting,
            "beeld": base + artifacts.media(quote(inner)) if inner else None,
            "alt": picture.alt if picture is not None else "",
            "hoogte": _height(self.site.config.root / picture.rel) if picture else None,
        }

    def _event(self, event: Event) -> dict[str, Any]:
        voor = voor_namen(self.site.config, event, in_zin=True)
        return {
            "titel": event.labelled_title,
            "url": self.site.config.basis_url + self.urls.event(event),
            "wanneer": when(event),
            "plaats": event.plaats,
            "voor": voor,
            "melding": event.notice,
        }

    def opening_html(self, edition: Edition) -> str:
        """The edition's own text as HTML with absolute addresses; made once, for both the
        HTML part and the text part (it reads the size of every picture)."""
        if edition.editie not in self._openings:
            self._openings[edition.editie] = self._opening(edition)
        return self._openings[edition.editie]

    def _opening(self, edition: Edition) -> str:
        html = self.renderer.render(edition.source, leader=False).html
        files: dict[str, Path] = {}
        html = self.linker.rewrite_absolute(html, self.site.config.basis_url, files=files)

        def sized(m: re.Match[str]) -> str:
            """A picture in the text with its size where a client ignores CSS (Outlook
            showed one at its full 1,200 px): at most the column's width, never wider than
            a phone, and a small one (a logo) not blown up."""
            src = m.group(1)
            size = _size(files[src]) if src in files else None
            if size is None:
                return f'<img src="{src}" style="{_FLUID}"'
            width = min(size[0], WIDTH)
            style = _FLUID if width == WIDTH else "max-width: 100%; height: auto;"
            height = round(width * size[1] / size[0])
            return f'<img src="{src}" width="{width}" height="{height}" style="{style}"'

        return _IMG.sub(sized, html)

    def html(self, found: Contents) -> str:
        """The e-mail's HTML, CSS inlined."""
        import css_inline  # loaded only for an edition

        opening = self.opening_html(found.edition)
        page = self.env.get_template("editie.html").render(
            opening=self._markup(opening),
            voorproef=preview(opening, found),
            **self.context(found),
        )
        inliner = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
        return str(inliner.inline(page))

    def text(self, found: Contents) -> str:
        """The plain-text part: every title and every address of the HTML, readable."""
        opening = plain_text(self.opening_html(found.edition))
        text = self.text_env.get_template("editie.txt").render(
            opening=opening, **self.context(found)
        )
        # the word joiner that keeps "10.00 – 16.00" on a line in the HTML: a mail
        # program that shows text as it is may show it as a box
        return text.replace(WORD_JOINER, "")

    @staticmethod
    def _markup(html: str) -> Any:
        from markupsafe import Markup

        return Markup(html)


#: The width of the mail's column for pictures (600 px less the padding).
WIDTH = 536
_FLUID = f"width: 100%; max-width: {WIDTH}px; height: auto;"
_IMG = re.compile(r'<img src="([^"]*)"')


def _size(path: Path) -> tuple[int, int] | None:
    """A picture's width and height in pixels; None when unknown (an SVG, no file)."""
    from PIL import Image, UnidentifiedImageError  # only for an edition with a picture

    try:
        with Image.open(path) as picture:
            width, height = picture.size
    except (OSError, UnidentifiedImageError):
        return None
    return (width, height) if width and height else None


def _height(path: Path) -> int | None:
    """The height of a picture shown `WIDTH` wide, so a client that blocks pictures
    keeps its place (and its width no wider than the column); None when unknown."""
    size = _size(path)
    return round(WIDTH * size[1] / size[0]) if size else None


def subject(edition: Edition) -> str:
    return edition.titel or f"FocusNieuws {month_name(edition.editie)}"


def preview(opening: str, found: Contents) -> str:
    """What an inbox shows after the subject: the opening's first words (without the
    addresses of its links), else the first news title; not "FocusNieuws december 2026"
    a second time."""
    words = " ".join(unescape(_TAG.sub(" ", opening)).split())
    text = words or (found.items[0].labelled_title if found.items else "")
    if len(text) <= _PREVIEW:
        return text
    return text[:_PREVIEW].rsplit(" ", 1)[0] + " …"


_PREVIEW = 110  # about what an inbox shows of it


def plain_text(html: str) -> str:
    """Rendered Markdown as text: a link becomes "text (address)", blocks become lines,
    a list item a line with a bullet, or its number in a numbered list (steps to follow),
    indented under the item it belongs to."""
    text = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", html)
    text = _LIST_TAG.sub(_list_marks(), text)
    text = _BLOCK_END.sub("\n\n", text)
    text = unescape(_TAG.sub("", text))
    lines = re.sub(r"\n{3,}", "\n\n", text).strip().split("\n")
    # no blank line between the items of a list, nested ones included
    kept = [
        line
        for i, line in enumerate(lines)
        if line.strip()
        or not (0 < i < len(lines) - 1 and _ITEM.match(lines[i - 1]) and _ITEM.match(lines[i + 1]))
    ]
    return "\n".join(kept)


_ITEM = re.compile(r"\s*(?:•|\d+\.) ")
_LIST_TAG = re.compile(r"<(/?)(ol|ul|li)\b([^>]*)>\s*(?:<p>)?|(?:</p>\s*)?(</li>)\s*")


def _list_marks() -> Callable[[re.Match[str]], str]:
    """What each list tag becomes, in order: open lists are counted on a stack."""
    lists: list[list[int]] = []  # per open list: [numbered (0/1), the next number]

    def mark(m: re.Match[str]) -> str:
        closing, tag, attributes, item_end = m.group(1), m.group(2), m.group(3), m.group(4)
        if item_end:
            return "\n"
        if tag in ("ol", "ul"):
            if closing:
                if lists:
                    lists.pop()
                return "" if lists else "\n\n"
            start = re.search(r'start="(\d+)"', attributes or "")
            lists.append([tag == "ol", int(start[1]) if start else 1])
            return "\n" if len(lists) > 1 else ""
        if closing:
            return "\n"
        if not lists:
            return "• "
        numbered, number = lists[-1]
        lists[-1][1] += 1
        return "   " * (len(lists) - 1) + (f"{number}. " if numbered else "• ")

    return mark


def eml(site: Site, edition: Edition, text: str, html: str) -> bytes:
    """The edition as one e-mail: multipart/alternative, text first, then HTML."""
    config = site.config
    letter = config.nieuwsbrief
    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject(edition)
    message["From"] = letter.afzender if letter is not None else config.organisatie
    sent = datetime.datetime.combine(
        edition.datum, datetime.time(8, 0), zoneinfo.ZoneInfo(TIMEZONE)
    )
    message["Date"] = format_datetime(sent)
    host = urlsplit(config.basis_url).hostname or "focus"
    message["Message-ID"] = f"<focusnieuws-{edition.editie}@{host}>"
    if letter is not None and letter.afmelden.startswith(LINK_SCHEMES):
        # a mail client's "afmelden" button (RFC 2369); a merge tag such as *|UNSUB|* is
        # no address: the mailing tool that fills it in adds this header itself
        message["List-Unsubscribe"] = f"<{letter.afmelden}>"
    message.set_content(text, charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    message.set_boundary(f"focusnieuws-{edition.editie}-alternatief")
    return message.as_bytes()
