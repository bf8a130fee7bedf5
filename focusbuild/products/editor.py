"""The browser editor in OUTPUT/site/admin/, when focus.yaml has `editor:`.

Decap CMS is copied from vendor/decap-cms/ (taken from its npm package by
vendor/update-decap.sh), never loaded from a CDN; its config.yml is made
from focus.yaml and the content tree (`editor/decap.py`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from html import escape
from pathlib import Path

from focusbuild import artifacts
from focusbuild.artifacts import Artifact
from focusbuild.cache import fingerprint
from focusbuild.editor.decap import collections_of, config_of
from focusbuild.products.base import Outcome, Placement, Product, Report

#: Decap CMS as its npm package ships it (see vendor/update-decap.sh).
VENDOR = Path(__file__).resolve().parent.parent.parent / "vendor" / "decap-cms"
ADMIN = "admin/"


@dataclass
class EditorReport(Report):
    collections: int

    def lines(self, where: str) -> list[str]:
        if not self.collections:  # no editor: in focus.yaml
            return []
        return [f"Editor klaar: {where}/site/{ADMIN} met {self.collections} verzamelingen."]


def page(titel: str) -> str:
    return (
        '<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>Redactie · {escape(titel)}</title>\n"
        '<link href="config.yml" type="text/yaml" rel="cms-config-url">\n'
        '</head>\n<body>\n<script src="decap-cms.js"></script>\n</body>\n</html>\n'
    )


def vendored() -> list[Path]:
    return sorted(p for p in VENDOR.iterdir() if p.suffix == ".js" or p.name == "LICENSE")


class EditorProduct(Product):
    name = "editor"
    target = "site"
    label = "de website"

    def plan(self) -> list[Artifact]:
        if self.build.site.config.editor is None:
            return []
        names = ["index.html", "config.yml", *(p.name for p in vendored())]
        return [artifacts.public(ADMIN + name) for name in names]

    def make(self) -> Outcome:
        started = time.perf_counter()
        site = self.build.site
        editor = site.config.editor
        placements: list[Placement] = []
        collections = 0
        if editor is not None:
            config = config_of(site, editor)
            collections = len(collections_of(site))
            index = page(site.config.titel).encode()
            placements.append(Placement(artifacts.public(ADMIN + "index.html"), data=index))
            settings = config.encode()
            placements.append(Placement(artifacts.public(ADMIN + "config.yml"), data=settings))
            placements += [
                Placement(artifacts.public(ADMIN + p.name), source=p, copy=True) for p in vendored()
            ]
        signature = [
            f"{p.artifact.rel}={fingerprint.digest(p.data) if p.data else p.source}"
            for p in placements
        ]
        report = EditorReport(collections)
        report.seconds = time.perf_counter() - started
        return Outcome(placements, True, signature, report)
