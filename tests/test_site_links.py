"""Every local link in the built site resolves, and links are relative (no browser needed).

The site is crawled as files: every href, src, srcset, poster and form action of
every HTML file. A link that leaves the site's folder or points at a missing
file is an error; so is an #anchor that its page does not have.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.browser_support import BuiltSite, build_site

LINK_ATTRIBUTES = frozenset({"href", "src", "srcset", "poster", "action"})
SERVED_AT = "http://site.invalid/site/"  # any sub-path: relative links must not care


@dataclass(frozen=True)
class Link:
    page: Path  # the HTML file the link stands in
    line: int
    tag: str
    attribute: str
    value: str

    def where(self, site: BuiltSite) -> str:
        rel = self.page.relative_to(site.root).as_posix()
        return f"{rel}:{self.line}: <{self.tag} {self.attribute}={self.value!r}>"


class _Collector(HTMLParser):
    def __init__(self, page: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.links: list[Link] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if name not in LINK_ATTRIBUTES:
                continue
            if name == "srcset":
                values = [v.split()[0] for v in value.split(",") if v.strip()]
            else:
                values = [value.strip()]
            self.links.extend(Link(self.page, line, tag, name, v) for v in values)


@dataclass(frozen=True)
class Crawl:
    site: BuiltSite
    links: list[Link]
    ids: dict[Path, set[str]]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    site = build_site(tmp_path_factory)
    links: list[Link] = []
    ids: dict[Path, set[str]] = {}
    for page in site.html_files():
        collector = _Collector(page)
        collector.feed(page.read_text(encoding="utf-8"))
        collector.close()
        links += collector.links
        ids[page] = collector.ids
    return Crawl(site, links, ids)


def is_external(value: str) -> bool:
    return bool(urlsplit(value).scheme) or value.startswith("//")


def target(site: BuiltSite, link: Link) -> tuple[Path | None, str, str]:
    """The file a local link points at, its #fragment, and a problem (or "")."""
    page_url = SERVED_AT + site.url_of(link.page)
    if link.value.startswith("/"):  # root-absolute: only right from basis_url's path
        if not link.value.startswith(site.root_path):
            return None, "", f"points outside the site's path {site.root_path}"
        resolved = SERVED_AT + link.value.removeprefix(site.root_path)
    else:
        resolved = urljoin(page_url, link.value)
    if not resolved.startswith(SERVED_AT):
        return None, "", "climbs out of the site's folder"
    parts = urlsplit(resolved)
    rel = unquote(parts.path.removeprefix(urlsplit(SERVED_AT).path))
    path = site.root / rel
    if not rel or rel.endswith("/"):
        path = path / "index.html"
    return path, unquote(parts.fragment), ""


def test_every_local_link_resolves(crawl: Crawl) -> None:
    site = crawl.site
    pages_with_links = {link.page for link in crawl.links if not is_external(link.value)}
    assert pages_with_links == set(crawl.ids), "a page without a single local link"
    problems: list[str] = []
    for link in crawl.links:
        if is_external(link.value) or link.value.startswith("#"):
            continue
        path, _, problem = target(site, link)
        if path is not None and not path.is_file():
            problem = f"missing file {path.relative_to(site.root).as_posix()}"
        if problem:
            problems.append(f"{link.where(site)}: {problem}")
    assert not problems, f"{len(problems)} broken local links:\n" + "\n".join(problems[:50])


def test_every_anchor_exists(crawl: Crawl) -> None:
    site = crawl.site
    problems: list[str] = []
    for link in crawl.links:
        if is_external(link.value) or "#" not in link.value:
            continue
        path, fragment, problem = target(site, link)
        if problem or path is None or path not in crawl.ids or not fragment:
            continue  # a broken file link is the test above's to report
        if fragment not in crawl.ids[path]:
            rel = path.relative_to(site.root).as_posix()
            problems.append(f"{link.where(site)}: no id {fragment!r} in {rel}")
    assert not problems, f"{len(problems)} dead anchors:\n" + "\n".join(problems[:50])


def test_links_are_relative(crawl: Crawl) -> None:
    """The site works from any folder or sub-path; only the 404 page (served at any depth)
    starts its links from basis_url's path."""
    site = crawl.site
    absolute = [
        link.where(site)
        for link in crawl.links
        if link.value.startswith("/")
        and not link.value.startswith("//")
        and link.page != site.root / "404.html"
    ]
    assert not absolute, f"{len(absolute)} root-absolute links:\n" + "\n".join(absolute[:50])
