"""FocusNieuws as e-mail, in `OUTPUT/nieuwsbrief/JJJJ-MM/`, made on request.

`focusbuild nieuwsbrief [--editie JJJJ-MM]` makes one edition (the newest
when none is named): `focusnieuws-JJJJ-MM.eml` to open or send as it is,
`focusnieuws-JJJJ-MM.html` to paste into a mailing tool, and the text part
as `.txt`. Nothing of it reaches the site (`Audience.NIEUWSBRIEF`); the other
editions' files stay as the last build left them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from focusbuild import artifacts
from focusbuild.artifacts import Artifact
from focusbuild.cache import fingerprint
from focusbuild.config import LINK_SCHEMES
from focusbuild.diagnostics import count
from focusbuild.nieuws.model import Edition
from focusbuild.products.base import Outcome, Placement, Product, Report

KINDS = (".eml", ".html", ".txt")


def file_name(edition: Edition, kind: str) -> str:
    return f"focusnieuws-{edition.editie}{kind}"


@dataclass
class NewsletterReport(Report):
    editie: str = ""
    items: int = 0
    events: int = 0
    merge_tag: str = ""  # the mailing tool's unsubscribe code, when `afmelden` is one

    def lines(self, where: str) -> list[str]:
        if not self.editie:
            return ["FocusNieuws: er is nog geen editie in content/nieuwsbrief/."]
        folder = f"{where}/{artifacts.Audience.NIEUWSBRIEF.value}/{self.editie}"
        found = [
            f"FocusNieuws {self.editie} klaar in {folder}: focusnieuws-{self.editie}.eml "
            f"(de e-mail), .html (voor een mailprogramma) en .txt; "
            f"{count(self.items, 'bericht', 'berichten')}, "
            f"{count(self.events, 'activiteit', 'activiteiten')}."
        ]
        if self.merge_tag:  # the .eml's unsubscribe link works only through the mailing tool
            found.append(
                f"De afmeldlink is {self.merge_tag}, die het mailprogramma invult: verstuur "
                "de .html met het mailprogramma; de .eml is dan alleen om te bekijken."
            )
        return found


class Newsletter(Product):
    name = "nieuwsbrief"
    target = "nieuwsbrief"
    label = "FocusNieuws als e-mail (met 'focusbuild nieuwsbrief')"
    default = False

    def plan(self) -> list[Artifact]:
        return [
            artifacts.newsletter(e.editie, file_name(e, kind))
            for e in self.build.site.edities
            for kind in KINDS
        ]

    def chosen(self) -> Edition | None:
        """The edition asked for, or the newest."""
        editions = self.build.site.edities
        wanted = self.build.request.editie
        if wanted is None:
            return editions[-1] if editions else None
        return next((e for e in editions if e.editie == wanted), None)

    def make(self) -> Outcome:
        started = time.perf_counter()
        build = self.build
        edition = self.chosen()
        report = NewsletterReport()
        placements: list[Placement] = []
        if edition is not None:
            from focusbuild.nieuws.mail import Mailer, contents, eml  # only for an edition

            mailer = Mailer(build.site, build.renderer, build.layouts)
            found = contents(build.site, edition)
            html, text = mailer.html(found), mailer.text(found)
            data = {
                ".eml": eml(build.site, edition, text, html),
                ".html": html.encode("utf-8"),
                ".txt": text.encode("utf-8"),
            }
            placements = [
                Placement(artifacts.newsletter(edition.editie, file_name(edition, k)), data=d)
                for k, d in data.items()
            ]
            letter = build.site.config.nieuwsbrief
            tag = letter.afmelden if letter and not letter.afmelden.startswith(LINK_SCHEMES) else ""
            report = NewsletterReport(edition.editie, len(found.items), len(found.events), tag)
        signature = [f"{p.artifact.rel}={fingerprint.digest(p.data or b'')}" for p in placements]
        report.seconds = time.perf_counter() - started
        return Outcome(placements, True, signature, report)
