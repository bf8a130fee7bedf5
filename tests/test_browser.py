"""The built site in a real browser: Playwright driving Debian's Chromium.

The repository's site is built once and served from its output folder, so it
lives at the sub-path /site/ (relative links are tested for real). The browser
tests do what a reader does: click through, search in Dutch, use a phone. Chromium
missing: the browser tests skip, except under CI=true, where they fail. The Nu
HTML Checker test (Java) needs no browser but skips and fails the same way.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Locator,
    Page,
    Request,
    Route,
    expect,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from focusbuild.build import Request as BuildRequest
from focusbuild.build import build
from tests.browser_support import (
    BuiltSite,
    build_site,
    java,
    serve,
    vnu_jar,
)
from tests.conftest import GESPREK, REPO, base_files, repo_urls, write_files
from tests.site_support import run_build

urls = repo_urls()

PHONE_WIDTH = 375
PHONE_HEIGHT = 812
RESULT = ".pagefind-ui__result"
RESULT_LINK = f"{RESULT} .pagefind-ui__result-link"
MESSAGE = ".pagefind-ui__message"
SERIOUS = ("serious", "critical")
ALL_LINKS_CONTAIN = """([selector, part]) => {
    const links = [...document.querySelectorAll(selector)];
    return links.length > 0 && links.every(a => (a.getAttribute('href') || '').includes(part));
}"""


# ---- fixtures: one build, two servers, one browser --------------------------------------


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_site(tmp_path_factory)


@pytest.fixture(scope="session")
def parted(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The same site with its search index in parts (one per blok and katern), as a site
    with much more text has it: the search page merges them."""
    return build_site(tmp_path_factory, parted=True)


@pytest.fixture(scope="session")
def site_url(built: BuiltSite) -> Iterator[str]:
    """The site at a sub-path: the output folder is served, the site is its site/ folder."""
    with serve(built.output) as base:
        yield base + "site/"


@pytest.fixture(scope="session")
def root_url(built: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site where basis_url puts it, with 404.html for missing paths (like a host)."""
    mount = tmp_path_factory.mktemp("mount")
    where = mount / built.root_path.strip("/")
    if where != mount:
        where.parent.mkdir(parents=True, exist_ok=True)
        where.symlink_to(built.root, target_is_directory=True)
    with serve(mount if where != mount else built.root, built.root / "404.html") as base:
        yield base.rstrip("/") + built.root_path


def new_context(browser: Browser, *, phone: bool = False) -> BrowserContext:
    if phone:
        context = browser.new_context(
            viewport={"width": PHONE_WIDTH, "height": PHONE_HEIGHT},
            is_mobile=True,
            has_touch=True,
            locale="nl-NL",
        )
    else:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_timeout(15_000)
    return context


@dataclass
class Tab:
    """A page in a fresh browser context that records requests and console errors."""

    page: Page
    base: str  # where the site is served ("http://127.0.0.1:1234/site/")
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    expected_errors: list[Callable[[ConsoleMessage], bool]] = field(default_factory=list)

    def goto(self, path: str, *, idle: bool = False) -> int | None:
        """Open a page; idle: also wait until the network is quiet (for request checks)."""
        response = self.page.goto(self.base + path, wait_until="networkidle" if idle else "load")
        return response.status if response is not None else None

    def third_party(self) -> list[str]:
        origin = urlsplit(self.base)[:2]
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(url)[:2] != origin
        ]

    def scroll_width(self) -> int:
        width: int = self.page.evaluate("document.documentElement.scrollWidth")
        return width


def open_tab(context: BrowserContext, base: str) -> Tab:
    tab = Tab(context.new_page(), base)

    def on_request(request: Request) -> None:
        tab.requests.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not any(ok(message) for ok in tab.expected_errors):
            where = message.location
            tab.errors.append(f"console: {message.text} ({where['url']}:{where['lineNumber']})")

    def on_error(error: Error) -> None:
        tab.errors.append(f"page error: {error.message}")

    context.on("request", on_request)
    tab.page.on("console", on_console)
    tab.page.on("pageerror", on_error)
    return tab


TabOpener = Callable[..., Tab]


def _opener(browser: Browser, base: str) -> Iterator[TabOpener]:
    contexts: list[BrowserContext] = []

    def opener(*, phone: bool = False) -> Tab:
        context = new_context(browser, phone=phone)
        contexts.append(context)
        return open_tab(context, base)

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def tab(browser: Browser, site_url: str) -> Iterator[TabOpener]:
    """Open a recording tab on the sub-path site: tab() on a desktop, tab(phone=True)."""
    yield from _opener(browser, site_url)


@pytest.fixture(scope="session")
def parted_url(parted: BuiltSite) -> Iterator[str]:
    with serve(parted.output) as base:
        yield base + "site/"


@pytest.fixture
def parted_tab(browser: Browser, parted_url: str) -> Iterator[TabOpener]:
    """A tab on the site whose search index is in parts (`parted`)."""
    yield from _opener(browser, parted_url)


# ---- helpers ------------------------------------------------------------------------------


def result_count(page: Page) -> int:
    """The number in Pagefind's "N resultaten voor …" (0 for "Geen resultaten …")."""
    message = page.locator(MESSAGE)
    expect(message).to_have_text(re.compile(r"^(Geen|\d+) resulta"))
    text = message.inner_text()
    return 0 if text.startswith("Geen") else int(text.split()[0])


def search(tab: Tab, words: str) -> int:
    """Search, and wait for the count and the first result: Pagefind shows the count
    first and each result once its fragment is loaded (under load, a test read no
    titles yet)."""
    assert tab.goto(urls.ZOEKEN + "?q=" + quote(words)) == 200
    found = result_count(tab.page)
    if found:
        expect(tab.page.locator(RESULT_LINK).first).to_be_visible()
    return found


def wider_than_screen(page: Page) -> list[str]:
    """The elements that stick out to the right (for the report when a page scrolls)."""
    found: list[str] = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 15)
            .map(e => e.tagName.toLowerCase()
                + (e.id ? '#' + e.id : '')
                + (typeof e.className === 'string' && e.className.trim()
                    ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                + ' (right ' + Math.round(e.getBoundingClientRect().right) + 'px)')"""
    )
    return found


def describe(violations: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    for v in violations:
        tags = ", ".join(t for t in v["tags"] if not t.startswith("cat."))
        lines.append(f"{v['id']} ({v['impact']}; {tags}): {v['help']}")
        for node in v["nodes"]:
            summary = " ".join(str(node.get("failureSummary", "")).split())
            lines.append(f"    {', '.join(map(str, node['target']))}: {summary}")
    return lines


# ---- navigation -------------------------------------------------------------------------


def test_navigation_from_home_to_a_gesprek_for_a_doelgroep(
    tab: TabOpener, built: BuiltSite
) -> None:
    site = built.site
    blok = site.blok(1)
    first, second = blok.gesprekken[:2]
    groep = site.config.doelgroepen.name("groep-3-5")
    t = tab()
    page = t.page
    assert t.goto("") == 200

    page.locator(".routekaart").get_by_role(
        "link", name=re.compile(rf"^Blok {blok.number}\b")
    ).click()
    expect(page).to_have_url(t.base + urls.blok(blok))
    expect(page.get_by_role("heading", level=1)).to_have_text(blok.titel)

    page.get_by_role("link", name=first.titel, exact=True).click()
    expect(page).to_have_url(t.base + urls.gesprek(first))
    expect(page.get_by_role("heading", level=1)).to_have_text(first.titel)

    choice = page.get_by_role("navigation", name="Materiaal bij dit gesprek")
    choice.get_by_role("link", name=groep, exact=True).click()
    expect(page).to_have_url(t.base + urls.gesprek(first, "groep-3-5"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(groep)
    expect(choice.get_by_role("link", name=groep, exact=True)).to_have_attribute(
        "aria-current", "page"
    )

    page.get_by_role("link", name=re.compile(r"^Volgend gesprek")).click()
    expect(page).to_have_url(t.base + urls.gesprek(second, "groep-3-5"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(second.titel)

    page.get_by_role("link", name=re.compile(r"^Vorig gesprek")).click()
    expect(page).to_have_url(t.base + urls.gesprek(first, "groep-3-5"))
    assert not t.errors, "\n".join(t.errors)


# ---- search -------------------------------------------------------------------------------


@contextmanager
def slow_filters(browser: Browser, built: BuiltSite, part: str) -> Iterator[Tab]:
    """A tab on a server that answers one index part's filter files 1.5 s late (a slow
    phone network): Pagefind's interface must not list the filters before they are in."""
    context = new_context(browser)
    try:
        with serve(built.output, slow=(f"/pagefind/{part}/filter/", 1.5)) as base:
            yield open_tab(context, base + "site/")
    finally:
        context.close()


def test_header_search_form_finds_the_wijnstok(tab: TabOpener) -> None:
    t = tab()
    page = t.page
    assert t.goto("") == 200
    box = page.get_by_role("searchbox", name="Zoeken in Focus")
    box.fill("wijnstok")
    box.press("Enter")
    expect(page).to_have_url(t.base + urls.ZOEKEN + "?q=wijnstok")
    assert result_count(page) > 0
    first = page.locator(RESULT_LINK).first
    expect(first).to_contain_text(re.compile("wijnstok", re.IGNORECASE))

    href = str(first.get_attribute("href"))  # a result opens its page under the sub-path
    assert href.startswith(urlsplit(t.base).path), href
    first.click()
    expect(page).to_have_url(urljoin(t.base, href))
    expect(page.get_by_role("main")).to_contain_text(re.compile("wijnstok", re.IGNORECASE))
    assert not t.errors, "\n".join(t.errors)


def every_blok_offered(page: Page) -> Locator:
    """Open the Rubriek filter: all 7 bloks are offered at once (not only later), with
    counts. The filter's labels, for more checks."""
    page.locator(".pagefind-ui__filter-name", has_text="Rubriek").click()
    labels = page.locator(".pagefind-ui__filter-label")
    expect(labels.filter(has_text=re.compile(r"^Blok "))).to_have_count(7, timeout=1_000)
    return labels


def only_one_blok(page: Page, number: int) -> None:
    """Tick one blok in the Rubriek filter: every result then comes from that blok."""
    page.get_by_role("checkbox", name=re.compile(rf"^Blok {number}: .+ \(\d+\)$")).check()
    where = f"/blok{number}/"
    with suppress(PlaywrightTimeoutError):
        page.wait_for_function(ALL_LINKS_CONTAIN, arg=[RESULT_LINK, where], timeout=5_000)
    hrefs = [str(a.get_attribute("href")) for a in page.locator(RESULT_LINK).all()]
    assert hrefs and all(where in h for h in hrefs), hrefs


def test_typing_on_the_search_page_finds_every_part(browser: Browser, parted: BuiltSite) -> None:
    """Opened without words, the search page waits for every part of the index; what one
    types is then found in every part, and the filters list every blok."""
    with slow_filters(browser, parted, "blok2") as t:
        page = t.page
        assert t.goto(urls.ZOEKEN) == 200
        page.get_by_label("Zoek in al het materiaal").fill("gebed")
        assert result_count(page) > 0
        every_blok_offered(page)
        only_one_blok(page, 2)
        assert not t.errors, "\n".join(t.errors)


@pytest.mark.parametrize("word", ["gebed", "ontmoeten", "wijnstok"])
def test_dutch_words_find_results(tab: TabOpener, word: str) -> None:
    t = tab()
    assert search(t, word) > 0
    expect(t.page.locator(".pagefind-ui__search-input")).to_have_value(word)
    expect(t.page.locator(f"{RESULT} mark").first).to_be_visible()


def test_a_word_found_in_one_blok_brings_no_noise_from_the_other_parts(
    parted_tab: TabOpener,
) -> None:
    """Each blok's part of the index, lacking "Hebreeën", fell back to "heb" (of "hebben"):
    143 results for "Hebreeën", and for "Hebreeën 12" five youth pages ("heb", "12-16")
    above the startweekend on Hebreeën 12. Now the count is that of the texts with the word,
    in whichever parts they are, and a word being typed still finds its longer forms."""
    from focusbuild.check import check_project
    from focusbuild.render.bodies import Renderer
    from focusbuild.render.pagefind import records

    result = check_project(REPO, renderer=Renderer)
    assert result.site is not None and result.renderer is not None
    texts = [
        f"{r.title} {r.where} {r.context} {r.content}".lower()
        for r in records(result.site, result.renderer)
    ]
    with_word = [text for text in texts if "hebreeën" in text]
    t = parted_tab()
    assert search(t, "Hebreeën") == len(with_word)
    for words in ("Hebreeën 12", '"Hebreeën" 12'):  # quotes around one word are no phrase
        assert search(t, words) <= len(with_word)
        marks = t.page.locator(f"{RESULT} mark").all_inner_texts()
        assert marks and all(re.match(r"\W*(Hebreeën|12)", m) for m in marks), (words, marks)
    # a part with only longer words from the stem keeps them, as one index would:
    # blok 0 has "Bijbelstudie" and "Bijbelgedeelte", not "Bijbel" itself
    from_stem = [text for text in texts if re.search(r"(?<!\w)bijbel", text)]
    assert search(t, "bijbel") == len(from_stem)

    # a word still being typed, or one the site lacks, answers as one index would: "hebr"
    # finds the words that start so (the other parts fell back to "heb"), and a word
    # no part has makes no part answer for the others ("Markus 10" gave 50 results)
    def starting(*starts: str) -> int:
        return sum(all(re.search(rf"(?<!\w){w}", text) for w in starts) for text in texts)

    assert search(t, "hebr") == starting("hebr")
    assert search(t, "zach kinderen") == starting("zach", "kinder")
    assert starting("markus") == 0 and search(t, "Markus 10") == 0
    # typing: "zach" is no word, so nothing is held back: Zacheüs and zachtjes both
    assert search(t, "zach") > 0
    typed = " ".join(t.page.locator(f"{RESULT} mark").all_inner_texts())
    assert "Zacheüs" in typed, typed


def test_the_filters_offer_only_values_with_results(tab: TabOpener) -> None:
    """For "Zacheüs" the Rubriek filter offered "Agenda (0)" and "Nieuws (0)": ticks that
    could only empty the list. Once a value is ticked, the group's others stay offered
    (Pagefind counts them 0 then), so a reader can switch to another blok."""
    t = tab()
    assert search(t, "Zacheüs") > 0
    t.page.locator(".pagefind-ui__filter-name", has_text="Rubriek").click()
    labels = t.page.locator(".pagefind-ui__filter-label")
    expect(labels.filter(has_text=re.compile(r"^Blok 1: .+ \(\d+\)$"))).to_be_visible()
    shown: list[str] = labels.evaluate_all(
        "labels => labels.filter(l => l.offsetParent !== null).map(l => l.textContent.trim())"
    )
    counts = [re.search(r"\((\d+)\)$", label) for label in shown]
    assert len(counts) >= 2 and all(c is not None and int(c.group(1)) > 0 for c in counts), shown
    t.page.get_by_role("checkbox", name=re.compile(r"^Blok 1: .+ \(\d+\)$")).check()
    expect(t.page.get_by_role("checkbox", name=re.compile(r"^Blok 2: .+ \(0\)$"))).to_be_visible()


@pytest.mark.parametrize("opener", ["tab", "parted_tab"])
def test_the_filters_are_offered_in_the_programmes_order(
    request: pytest.FixtureRequest, opener: str
) -> None:
    """Pagefind offered each filter's values by name: "12-16", "16+", "Gezin", "Groep 3-5"
    … "Kring" last; "Agenda" above the bloks; "Bijbelstudie" before "Lied". A kringleider
    looks for the kring first, and for the onderdelen as a gesprek runs. The filters and
    their values now come in the programme's order, with one index and with the index in
    parts (whose filters the search page merges)."""
    from focusbuild.check import check_project
    from focusbuild.render.pagefind import filter_order

    result = check_project(REPO)
    assert result.site is not None
    order = filter_order(result.site)
    t = request.getfixturevalue(opener)()
    page = t.page
    assert search(t, "gebed") > 0
    names = page.locator(".pagefind-ui__filter-name")
    expect(names).to_have_count(len(order))
    assert [name.strip() for name in names.all_inner_texts()] == list(order)
    for name, wanted in order.items():
        block = page.locator(".pagefind-ui__filter-block").filter(
            has=page.locator(".pagefind-ui__filter-name", has_text=name)
        )
        block.locator(".pagefind-ui__filter-name").click()
        labels = block.locator(".pagefind-ui__filter-label")
        expect(labels.first).to_be_visible()
        shown: list[str] = labels.evaluate_all(
            "labels => labels.filter(l => l.offsetParent !== null)"
            ".map(l => l.textContent.trim().replace(/ \\(\\d+\\)$/, ''))"
        )
        assert len(shown) >= 3, (name, shown)
        assert shown == [value for value in wanted if value in shown], (name, shown)
    assert not t.errors, "\n".join(t.errors)


def test_search_stems_dutch(tab: TabOpener) -> None:
    """'ontmoeting' also finds 'ontmoeten': Pagefind stems with the Dutch stemmer."""
    t = tab()
    assert search(t, "ontmoeting") > 0
    marks = t.page.locator(f"{RESULT} mark")
    stemmed = marks.filter(has_text=re.compile(r"^ontmoeten\W*$", re.IGNORECASE))
    try:
        expect(stemmed.first).to_be_visible()
    except AssertionError:
        pytest.fail(f"'ontmoeting' found no 'ontmoeten'; marked: {marks.all_inner_texts()}")


@pytest.mark.parametrize(
    ("group", "value", "in_url"),
    [
        ("Doelgroep", "Groep 3-5", "/groep-3-5/"),
        ("Onderdeel", "Gebed", None),
        ("Rubriek", "Blok 1: .+", "/blok1/"),
    ],
)
def test_a_filter_narrows_the_results(
    tab: TabOpener, group: str, value: str, in_url: str | None
) -> None:
    """Searching 'gebed' and ticking one filter value: fewer results, all of that kind."""
    t = tab()
    page = t.page
    everything = search(t, "gebed")
    assert everything > 0

    page.locator(".pagefind-ui__filter-name", has_text=group).click()
    choice = re.compile(rf"^{value} \(\d+\)$")  # "Groep 3-5 (8)"
    page.get_by_role("checkbox", name=choice).check()
    message = page.locator(MESSAGE)  # wait for the new count, not the old one
    expect(message).to_have_text(re.compile(rf"^(?!{everything} )(Geen|\d+) resulta"))
    narrowed = result_count(page)
    assert 0 < narrowed < everything, (everything, narrowed)
    # the count beside the ticked box agrees with the results
    expect(page.get_by_text(choice)).to_have_text(re.compile(rf"\({narrowed}\)$"))
    if in_url is not None:
        links = RESULT_LINK
        with suppress(PlaywrightTimeoutError):
            page.wait_for_function(ALL_LINKS_CONTAIN, arg=[links, in_url], timeout=5_000)
        hrefs = [str(a.get_attribute("href")) for a in page.locator(links).all()]
        assert hrefs, "no results shown"
        assert all(in_url in h for h in hrefs), hrefs
        # every part of the index links below the sub-path the site is served from
        assert all(h.startswith(urlsplit(t.base).path) for h in hrefs), hrefs
    assert not t.errors, "\n".join(t.errors)


@pytest.mark.parametrize(
    ("passage", "gesprek"),
    [("Lucas 19", "Hij zoekt ons op"), ("Johannes 15", "De wijnstok en de ranken")],
)
def test_a_bible_passage_finds_the_gesprek_about_it_first(
    tab: TabOpener, passage: str, gesprek: str
) -> None:
    """A kringleider who searches the passage of next week's evening gets that gesprek as
    the first result, not a prayer that mentions "1 Johannes 1:9" in passing."""
    t = tab()
    assert search(t, passage) > 0
    first = t.page.locator(RESULT_LINK).first
    expect(first).to_have_text(re.compile(rf"^{gesprek} · {passage}:\S+ · blok \d$"))


@pytest.mark.parametrize(
    ("words", "wanted", "within"),
    [
        ("Emmaus", r"Onderweg naar Emmaüs · Lucas 24:13-35 · blok 2", 1),  # 6th
        ("de buurt", r"Een zegen voor de buurt · 1 Petrus 2:9-12 · blok 4", 1),  # 17th
        ("eerste liefde", r"Terug naar de eerste liefde · Openbaring 2:1-7 · blok 0", 1),  # 11th
        ("Johannes 4", r"Ontmoetingen om ons heen · Johannes 4:5-30 · blok 1", 1),
        ("katern gebed", r"Katern Gebed", 1),  # 10th
        ("geloof en werk", r"Katern Geloof en werk", 1),  # 92nd
        ("blok 3", r"Blok 3: Jezus in jouw wereld", 5),  # 124th
        ("kinderen", r".* · Groep [36]-[58] · .*", 3),  # none in the first 60
        ("kindernevendienst", r"Groep 3-5: al het materiaal", 2),  # the group's own page
    ],
)
def test_a_search_ranks_what_a_reader_looks_for_first(
    tab: TabOpener, words: str, wanted: str, within: int
) -> None:
    """Ranking across the blokken, as a reviewer searched on a phone (the place the page
    came before, in the comments). In an index per blok a word's rarity was weighed per
    blok: the katern Gebed came 221st for "gebed"; and every section repeated its
    gesprek's title, so the gesprek itself came below its sections."""
    t = tab(phone=True)
    found = search(t, words)
    assert found > 0
    expect(t.page.locator(RESULT_LINK).nth(min(within, found) - 1)).to_be_visible()
    titles = t.page.locator(RESULT_LINK).all_inner_texts()[:within]
    assert any(re.fullmatch(wanted, title) for title in titles), titles


def test_a_second_value_in_a_filter_replaces_the_first(tab: TabOpener) -> None:
    """Pagefind shows what matches every ticked value, and a result lies in one blok: Blok
    1 and Blok 2 together found nothing. Ticking Blok 2 after Blok 1 now shows Blok 2."""
    t = tab()
    page = t.page
    assert search(t, "gebed") > 0
    page.locator(".pagefind-ui__filter-name", has_text="Rubriek").click()
    first = page.get_by_role("checkbox", name=re.compile(r"^Blok 1: .+ \(\d+\)$"))
    second = page.get_by_role("checkbox", name=re.compile(r"^Blok 2: .+ \(\d+\)$"))
    first.check()
    expect(first).to_be_checked()
    # the search for Blok 1 is done (only its results) before Blok 2 is ticked: the other
    # bloks are then counted 0, and must still be offered
    page.wait_for_function(ALL_LINKS_CONTAIN, arg=[RESULT_LINK, "/blok1/"], timeout=5_000)
    expect(second).to_have_accessible_name(re.compile(r"\(0\)$"))
    second.check()
    expect(first).not_to_be_checked()
    expect(second).to_be_checked()
    assert result_count(page) > 0
    with suppress(PlaywrightTimeoutError):
        page.wait_for_function(ALL_LINKS_CONTAIN, arg=[RESULT_LINK, "/blok2/"], timeout=5_000)
    hrefs = [str(a.get_attribute("href")) for a in page.locator(RESULT_LINK).all()]
    assert hrefs and all("/blok2/" in h for h in hrefs), hrefs
    assert not t.errors, "\n".join(t.errors)


def test_a_result_says_whom_it_is_for_and_the_count_is_announced(tab: TabOpener) -> None:
    """A parent searching "Zacheüs" sees which result is for groep 3-5; a screen reader
    hears how many results there are (Pagefind's own message is not a live region)."""
    t = tab()
    page = t.page
    count = search(t, "Zacheüs")
    assert count > 0
    titles = page.locator(RESULT_LINK).all_inner_texts()
    assert any("· Groep 3-5 ·" in title for title in titles), titles
    status = page.get_by_role("status")
    expect(status).to_have_text(re.compile(rf"^{count} resultaten? voor"))


def test_loading_more_results_takes_the_keyboard_to_the_first_new_one(tab: TabOpener) -> None:
    """ "Meer resultaten laden" added five results above itself without a word, and the
    focus stayed on the button below them: the next Tab went past every new result."""
    t = tab()
    page = t.page
    assert search(t, "gebed") > 10
    results = page.locator(".pagefind-ui__result")
    expect(results).to_have_count(5)
    button = page.locator(".pagefind-ui__button")
    button.focus()
    page.keyboard.press("Enter")
    expect(results).to_have_count(10)
    first_new = results.nth(5).locator("a.pagefind-ui__result-link")
    expect(first_new).to_be_focused()
    expect(page.get_by_role("status")).to_have_text("5 resultaten meer geladen")


def test_results_and_filters_come_from_every_part_of_the_index(
    browser: Browser, parted: BuiltSite
) -> None:
    """A large site's index has a part per blok and katern (an edit renews one part); the
    search page merges them: the Rubriek filter offers every blok and katern, with counts.
    Also when one part's filter file arrives late: Pagefind's interface lists the filters
    of its first search, which would lack that blok."""
    with slow_filters(browser, parted, "blok4") as t:
        page = t.page
        assert search(t, "gebed") > 0
        labels = every_blok_offered(page)
        expect(labels.filter(has_text=re.compile(r"^Katern "))).to_have_count(2)
        only_one_blok(page, 4)  # all from that blok's part
        assert not t.errors, "\n".join(t.errors)


# ---- phone --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def full_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built whole: site, PDFs and e-books, so that every blok page and
    the downloads page show their tables of booklets."""
    output = tmp_path_factory.mktemp("full-build")
    report = build(REPO, BuildRequest(output=output))
    assert report.ok, "\n".join(d.human() for d in report.check.diagnostics)
    return output / "site"


#: The reader's text twice as large (a browser's text size, WCAG's "resize text"): the
#: site's sizes are in rem, so a larger root size is what that setting does to them.
LARGE_TEXT = "html { font-size: 200% !important; }"


def test_each_download_link_names_its_own_file(full_build: Path) -> None:
    """A screen reader's list of links read "als boekje op A4, om te vouwen en te nieten
    (Werkboek)" for seven files: the name now says whose booklet it is."""
    html = (full_build / "downloads/index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="download" href="([^"]+)"[^>]*>(.*?)</a>', html, re.S)
    assert len(links) >= 60
    names: dict[str, str] = {}
    for href, inner in links:
        name = " ".join(re.sub(r"<[^>]+>", " ", inner).split())
        assert names.setdefault(name, href) == href, (name, href, names[name])
    assert any(name.endswith("(Werkboek, blok 2)") for name in names), list(names)[:5]


def test_no_page_of_a_full_build_is_wider_than_a_phone(browser: Browser, full_build: Path) -> None:
    """Also with the text at 200 %: the card grids (16rem columns) and the tables of the
    traject's programmes made seven pages 402-609 px wide."""
    pages = sorted(p.relative_to(full_build).as_posix() for p in full_build.rglob("*.html"))
    assert len(pages) > 150
    context = new_context(browser, phone=True)
    page = context.new_page()
    wide = []
    try:
        with serve(full_build) as base:
            for rel in pages:
                page.goto(base + rel)
                for size in ("", "200 %"):
                    if size:
                        page.add_style_tag(content=LARGE_TEXT)
                    width = page.evaluate("document.documentElement.scrollWidth")
                    if width > PHONE_WIDTH:
                        found = "; ".join(wider_than_screen(page)[:3])
                        wide.append(
                            f"{rel}{' (tekst ' + size + ')' if size else ''}: {width}px: {found}"
                        )
    finally:
        context.close()
    assert wide == [], "\n".join(wide)


def house(family: str) -> str:
    """ "Source Sans" for "Source Sans 3 ExtraLight" (fontsource's files keep the name of
    the variable font they were cut from); any other family as it is."""
    return next((h for h in ("Source Sans", "Source Serif") if family.startswith(h)), family)


WORLD_CHURCH = "Łukasz, Nguyễn Thị Hằng en Олена in Київ; αγάπη"  # beyond the Latin subset


def test_names_beyond_latin_come_in_the_house_fonts(tab: TabOpener) -> None:
    """A name from a GZB story or a Greek word on a page is drawn in Source Serif and
    Source Sans (the site loads the extra letters only on a page that has them), not in a
    font of the reader's system."""
    t = tab()
    assert t.goto("") == 200
    t.page.evaluate(
        """async (words) => {
            const main = document.querySelector('main');
            main.insertAdjacentHTML('afterbegin',
                `<h2 id="namen-kop">${words}</h2><p id="namen-tekst">${words}</p>`);
            await new Promise(done => requestAnimationFrame(done));
            await document.fonts.ready;
        }""",
        WORLD_CHURCH,
    )
    cdp = t.page.context.new_cdp_session(t.page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    document = cdp.send("DOM.getDocument")["root"]["nodeId"]
    used = {}
    for element in ("namen-kop", "namen-tekst"):
        node = cdp.send("DOM.querySelector", {"nodeId": document, "selector": f"#{element}"})
        # the text node inside: Chromium reports the fonts of the text it drew
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
        used[element] = {(house(f["familyName"]), f["isCustomFont"]) for f in fonts}
    assert used == {
        "namen-kop": {("Source Sans", True)},
        "namen-tekst": {("Source Serif", True)},
    }, used
    fonts = [url for url in t.requests if url.endswith(".woff2")]
    assert any("-cyrillic-" in url for url in fonts) and any("-vietnamese-" in url for url in fonts)


def test_search_results_fit_a_phone(tab: TabOpener) -> None:
    t = tab(phone=True)
    assert t.goto(urls.ZOEKEN + "?q=gebed") == 200
    expect(t.page.locator(RESULT_LINK).first).to_be_visible()
    t.page.evaluate("document.fonts.ready.then(() => true)")
    width = t.scroll_width()
    assert width <= PHONE_WIDTH, f"zoeken: {width}px wide: " + "; ".join(wider_than_screen(t.page))


def test_the_empty_search_field_shows_a_readable_example_that_fits_a_phone(
    tab: TabOpener,
) -> None:
    """The placeholder read "Zoek in al het materiaa" (cut off) in Pagefind's 20 % grey."""
    t = tab(phone=True)
    assert t.goto(urls.ZOEKEN) == 200
    field = t.page.get_by_label("Zoek in al het materiaal")
    expect(field).to_have_attribute("placeholder", re.compile(r"\S"))
    t.page.evaluate("document.fonts.ready.then(() => true)")
    room, needed, opacity = field.evaluate(
        """input => {
            const style = getComputedStyle(input);
            const context = document.createElement("canvas").getContext("2d");
            context.font = style.font;
            const room = input.clientWidth - parseFloat(style.paddingLeft)
                - parseFloat(style.paddingRight);
            return [room, context.measureText(input.placeholder).width,
                    getComputedStyle(input, "::placeholder").opacity];
        }"""
    )
    assert needed <= room, (needed, room)
    assert float(opacity) == 1


def test_the_search_interface_grows_with_the_readers_text_size(tab: TabOpener) -> None:
    """Pagefind sizes its field and results in px: with the reader's text at 200 % the
    page's text was 32 px and the search field's still 21."""
    sizes = []
    for large in (False, True):
        t = tab(phone=True)
        if large:  # as a browser's text size does: the root's size, before the page runs
            t.page.add_init_script(
                "document.addEventListener('DOMContentLoaded', () => "
                "{ document.documentElement.style.fontSize = '200%'; })"
            )
        assert t.goto(urls.ZOEKEN + "?q=gebed") == 200
        expect(t.page.locator(RESULT_LINK).first).to_be_visible()
        field = t.page.get_by_label("Zoek in al het materiaal")
        title = t.page.locator(RESULT_LINK).first
        sizes.append(
            [float(e.evaluate("e => getComputedStyle(e).fontSize")[:-2]) for e in (field, title)]
        )
        # and it still fits the phone; the skip link (two lines now) stays out of sight
        assert t.scroll_width() <= PHONE_WIDTH, wider_than_screen(t.page)
        skip = t.page.locator(".overslaan")
        box = skip.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 0, box
        skip.focus()  # and shows itself to the keyboard
        box = skip.bounding_box()
        assert box is not None and box["y"] >= 0, box
    (normal_field, normal_title), (large_field, large_title) = sizes
    assert large_field >= 1.9 * normal_field and large_title >= 1.9 * normal_title, sizes


def test_phone_search_keeps_its_words_and_has_filters_a_thumb_can_hit(tab: TabOpener) -> None:
    """The words typed stay in the address, so that Back from a result or a shared link
    finds the same search; each filter value is a row of at least 44 px to tap."""
    t = tab(phone=True)
    page = t.page
    assert t.goto(urls.ZOEKEN) == 200
    page.get_by_label("Zoek in al het materiaal").fill("gebed")
    assert result_count(page) > 0
    expect(page).to_have_url(re.compile(r"[?&]q=gebed$"))
    page.get_by_role("button", name="Wissen").click()
    expect(page).not_to_have_url(re.compile(r"q="))
    page.get_by_label("Zoek in al het materiaal").fill("gebed")
    page.locator(".pagefind-ui__filter-name", has_text="Doelgroep").click()
    block = page.locator(".pagefind-ui__filter-block", has_text="Doelgroep")
    rows = block.locator(".pagefind-ui__filter-label")
    expect(rows.first).to_be_visible()
    heights = [box["height"] for row in rows.all() if (box := row.bounding_box())]
    assert heights and min(heights) >= 44, heights


def test_phone_search_shows_the_first_result_on_the_first_screen(tab: TabOpener) -> None:
    """On a phone the filters above the results are compact, so that the reader who
    searched sees a result without scrolling, and the field empties with "Wissen"
    (Pagefind's own Dutch says "Reset")."""
    t = tab(phone=True)
    assert t.goto(urls.ZOEKEN + "?q=gebed") == 200
    first = t.page.locator(RESULT_LINK).first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE_HEIGHT, box
    # and what it says: the page's introduction gives way while there are words (the
    # excerpt of the first result ended below the screen)
    excerpt = t.page.locator(f"{RESULT} .pagefind-ui__result-excerpt").first.bounding_box()
    assert excerpt is not None and excerpt["y"] + excerpt["height"] <= PHONE_HEIGHT, excerpt
    expect(t.page.locator(".lead")).to_be_hidden()
    expect(t.page.get_by_role("button", name="Wissen")).to_be_visible()
    t.page.get_by_role("button", name="Wissen").click()
    expect(t.page.locator(".lead")).to_be_visible()  # no words: the introduction again


def test_wide_header_has_the_search_beside_the_name(tab: TabOpener) -> None:
    """On a laptop the header is two rows, the name with the search field and the menu,
    not a third row with the search field alone (22 % of an 800 px screen)."""
    t = tab()
    assert t.goto("") == 200
    name = t.page.locator(".merk").bounding_box()
    field = t.page.get_by_role("searchbox", name="Zoeken in Focus").bounding_box()
    menu = t.page.locator(".hoofdmenu ul").bounding_box()
    assert name is not None and field is not None and menu is not None
    assert field["y"] < name["y"] + name["height"] and field["x"] > name["x"] + name["width"]
    assert field["y"] + field["height"] <= menu["y"], (field, menu)


def _luminance(css: str) -> float:
    """The relative luminance (WCAG) of a computed colour, "rgb(r, g, b)"."""
    red, green, blue = (int(x) / 255 for x in re.findall(r"\d+", css)[:3])
    return sum(
        weight * (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        for weight, c in ((0.2126, red), (0.7152, green), (0.0722, blue))
    )


_FOCUS = """() => {
    const e = document.activeElement, style = getComputedStyle(e);
    let n = e.parentElement, behind = 'rgb(255, 255, 255)';
    for (; n; n = n.parentElement) {
        const c = getComputedStyle(n).backgroundColor;
        if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { behind = c; break; }
    }
    const name = e.textContent || e.getAttribute('aria-label') || '';
    return {what: e.tagName.toLowerCase() + ' ' + name.trim().slice(0, 30),
            style: style.outlineStyle, width: parseFloat(style.outlineWidth),
            colour: style.outlineColor, behind};
}"""


@pytest.mark.parametrize(
    ("path", "phone"),
    [("", False), ("", True), ("blok1/", False), ("blok1/hoe-wij-hem-leerden-kennen/", False)],
    ids=["home", "home-phone", "blok", "gesprek-met-film"],
)
def test_the_keyboard_focus_stands_out_wherever_it_is(
    tab: TabOpener, path: str, phone: bool
) -> None:
    """Someone who uses the keyboard sees where they are: every element Tab reaches has
    a focus ring of at least 2 px that contrasts 3:1 with what is behind it (WCAG
    1.4.11), on the white page as in the dark header, the blok's colour and the film."""
    t = tab(phone=phone)
    assert t.goto(path) == 200
    poor: list[str] = []
    seen = 0
    for _ in range(60):
        t.page.keyboard.press("Tab")
        focus = t.page.evaluate(_FOCUS)
        if focus["what"].startswith("body"):
            break
        seen += 1
        light, dark = sorted((_luminance(focus["colour"]), _luminance(focus["behind"])))
        ratio = (dark + 0.05) / (light + 0.05)
        if focus["style"] == "none" or focus["width"] < 2 or ratio < 3:
            poor.append(f"{focus['what']}: {focus['colour']} op {focus['behind']} ({ratio:.1f}:1)")
    assert seen >= 10
    assert poor == []


def test_an_empty_search_filter_and_the_field_have_a_visible_outline(tab: TabOpener) -> None:
    """An unticked filter's box had a 1 px line of 1.5:1 on white: it could hardly be seen
    (WCAG 1.4.11 asks 3:1 of what marks a control)."""
    t = tab()
    assert t.goto(urls.ZOEKEN + "?q=gebed") == 200
    expect(t.page.locator(MESSAGE)).to_have_text(re.compile(r"^\d+ resulta"))
    t.page.locator(".pagefind-ui__filter-name").first.click()
    for selector in (".pagefind-ui__filter-checkbox", ".pagefind-ui__search-input"):
        colour = t.page.locator(f"#zoeken {selector}").first.evaluate(
            "e => getComputedStyle(e).borderTopColor"
        )
        ratio = 1.05 / (_luminance(colour) + 0.05)  # against the white page
        assert ratio >= 3, (selector, colour, ratio)


def test_with_forced_colours_the_controls_and_the_current_page_stay_visible(
    browser: Browser, site_url: str
) -> None:
    """Windows' high contrast drops backgrounds: the header's search field and button lost
    their outline, the home page's ring became a solid arc through the title, and the
    current page in the menu or the doelgroep chips looked like all the others."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.emulate_media(forced_colors="active")
    page.goto(site_url)
    for selector in (".zoekveld input", ".zoekveld button"):
        style = page.locator(selector).first.evaluate(
            "e => [getComputedStyle(e).borderTopStyle, getComputedStyle(e).borderTopWidth]"
        )
        assert style[0] != "none" and float(style[1].rstrip("px")) >= 1, (selector, style)
    ring = page.locator(".held").evaluate("e => getComputedStyle(e, '::after').display")
    assert ring == "none"
    page.goto(site_url + "blok1/hij-zoekt-ons-op/gezin/")

    def underline(selector: str) -> str:
        found: str = page.locator(selector).first.evaluate(
            "e => getComputedStyle(e).borderBottomColor"
        )
        return found

    current = underline(".hoofdmenu a[aria-current]")
    other = underline(".hoofdmenu a:not([aria-current])")
    assert current != other
    chip = page.locator(".groepkeuze a[aria-current='page']")
    plain = page.locator(".groepkeuze a:not([aria-current])").first
    width = "e => getComputedStyle(e).borderTopWidth"
    assert chip.evaluate(width) != plain.evaluate(width)
    context.close()


def test_the_focus_ring_in_the_gesprek_sidebar_is_not_cut_off(tab: TabOpener) -> None:
    """The sidebar scrolls on a wide screen, and a scrolling box clips what sticks out: of
    the ring around "Bijbelstudie" only two bars were left, like the list's lines."""
    t = tab()
    assert t.goto("blok1/hij-zoekt-ons-op/") == 200
    clipped = t.page.locator(".zijbalk a").evaluate_all(
        """links => {
            const box = document.querySelector('.zijbalk').getBoundingClientRect();
            return links.filter(a => {
                const r = a.getBoundingClientRect(), ring = 5;  // 3 px, 2 px apart
                return r.left - ring < box.left || r.right + ring > box.right;
            }).map(a => a.textContent.trim());
        }"""
    )
    assert t.page.locator(".zijbalk a").count() >= 7
    assert clipped == []


def test_headings_and_titles_read_as_sentences_and_no_two_pages_share_a_title(
    tab: TabOpener, built: BuiltSite
) -> None:
    """A screen reader read the h1 as "Hij zoekt ons op Gezin" and a section as "Lied
    Zingen: Psalm 68"; an event and a traject page were both "Toerustingsavond voor
    kringleiders · Focus"."""
    t = tab()
    assert t.goto("blok1/hij-zoekt-ons-op/gezin/") == 200
    # (Chromium sets a space before the hidden part: it is positioned out of the line)
    name = re.compile(r"^Hij zoekt ons op ?, voor Gezin$")
    expect(t.page.get_by_role("heading", level=1, name=name)).to_be_visible()
    labelled = t.page.locator("h2.sectie-kop").evaluate_all(
        "hs => hs.map(h => h.textContent.replace(/\\s+/g, ' ').trim())"
    )
    # the label, a colon that only a screen reader hears, the section's own title
    assert "Bijbelstudie · Gebed: Aan tafel: Jezus komt eten" in labelled, labelled
    titles: dict[str, str] = {}
    for page in sorted(built.root.rglob("index.html")):
        found = re.search(r"<title>([^<]*)</title>", page.read_text(encoding="utf-8"))
        assert found is not None, page
        rel = page.parent.relative_to(built.root).as_posix()
        assert found.group(1) not in titles, (rel, titles.get(found.group(1)))
        titles[found.group(1)] = rel
    assert len(titles) >= 150


def test_the_route_map_keeps_each_month_whole(browser: Browser, site_url: str) -> None:
    """The narrow cell of a rest of one month reads "december", not "dece" and "mber" on
    two lines, at the widths where the route map is a calendar."""
    for width in (900, 1024, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(site_url)
        broken = page.evaluate(
            """() => [...document.querySelectorAll('.routekaart .rk-periode')].filter(e => {
                const range = document.createRange();
                range.selectNodeContents(e);
                const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                return lines.size > 1 && !e.textContent.includes(' ');
            }).map(e => e.textContent)"""
        )
        context.close()
        assert not broken, f"{width}px: {broken}"


def test_the_downloads_page_offers_its_bloks_katernen_and_traject_to_jump_to(
    browser: Browser, full_build: Path
) -> None:
    """On a phone the downloads are some 15,000 px of cards: the first screen offers each
    blok, katern and the traject, and each chip leads to its own section."""
    context = new_context(browser, phone=True)
    page = context.new_page()
    try:
        with serve(full_build) as base:
            page.goto(base + urls.DOWNLOADS)
            jump = page.get_by_role("navigation", name="Op deze pagina")
            chips = jump.get_by_role("link")
            names = chips.all_inner_texts()
            assert "Blok 3" in names and "Katern Gebed" in names and "Het traject" in names
            box = jump.bounding_box()
            assert box is not None and box["y"] < PHONE_HEIGHT
            hrefs = chips.evaluate_all("links => links.map(a => a.getAttribute('href'))")
            assert [h for h in hrefs if page.locator(h).count() != 1] == []
    finally:
        context.close()


def test_table_cells_on_a_phone_break_no_word(tab: TabOpener) -> None:
    """The programme of a bijeenkomst on a phone: a one-word cell ("minuten", "20")
    stays on one line; the page's "break anywhere" squeezed the columns until headers
    and numbers broke in the middle ("min", "ute", "n")."""
    t = tab(phone=True)
    assert t.goto("traject/startweekend/") == 200
    cells = t.page.evaluate(
        """() => [...document.querySelectorAll('main th, main td')].map(e => {
            const range = document.createRange();
            range.selectNodeContents(e);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            return [e.textContent.trim(), lines.size];
        })"""
    )
    single = [(text, lines) for text, lines in cells if text and " " not in text]
    assert len(single) >= 10
    assert [text for text, lines in single if lines > 1] == []


#: Breaks inside the matches of a regular expression in the page's main text: [the match,
#: the number of lines it takes].
_LINES_OF_MATCHES = """pattern => {
    const found = [];
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of node.data.matchAll(new RegExp(pattern, 'gu'))) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const tops = [...range.getClientRects()].filter(r => r.width > 0)
                .map(r => Math.round(r.top));
            found.push([m[0], new Set(tops).size]);
        }
    }
    return found;
}"""
_TIME_SPAN = (
    r"\d{1,2}[.:]\d{2}[\s\u2060]*[–-][\s\u2060]*\d{1,2}[.:]\d{2}(?:\suur)?|\d{1,2}[.:]\d{2}\suur"
)
_SHORT_WORD = r"(?<![\p{L}\p{N}’'-])[\p{L}’']{4,8}(?![\p{L}\p{N}’'-])"


def test_large_text_on_a_phone_keeps_times_and_short_words_whole(tab: TabOpener) -> None:
    """With the text at 200 % on a phone, a programme's "10.00 – 10.20" took three lines of
    its table cell, an event's "19.45 – 21.45 uur" broke after the dash, and columns beside
    a date tile, a label ("Wanneer", "Doel") or the other of "Vorige / Volgende" were a
    word wide, so that "zaterda-g", "golve-n" and "Volge-nd" broke in the middle. Now the
    times keep to one line at 100 and 200 %, and at 200 % no word of up to 8 letters
    breaks on these pages: such columns go below one another instead."""
    t = tab(phone=True)
    assert t.goto("agenda/") == 200
    event = t.page.locator(".activiteit-titel a").first.get_attribute("href")
    assert event is not None
    pages = (
        "agenda/",
        "agenda/" + event,
        "traject/startweekend/",
        "blok1/hij-zoekt-ons-op/",  # "In be-weging" beside its icon
        "",  # the route map's "Rus-t" beside its months
        "traject/bezinning-blok-1/",
    )
    for url in pages:
        for size in ("", LARGE_TEXT):
            assert t.goto(url) == 200
            if size:
                t.page.add_style_tag(content=size)
            times = t.page.evaluate(_LINES_OF_MATCHES, _TIME_SPAN)
            if url in pages[:3]:  # the pages with times
                assert len(times) >= 1, (url, size)
            assert [text for text, lines in times if lines != 1] == [], (url, size)
            if size:
                words = t.page.evaluate(_LINES_OF_MATCHES, _SHORT_WORD)
                assert len(words) >= 25, url
                assert [text for text, lines in words if lines != 1] == [], url


def test_label_and_value_pairs_keep_a_line_each_on_a_wide_screen(
    tab: TabOpener, built: BuiltSite
) -> None:
    """When the pairs could go below one another on a phone, a wide screen put several on
    one line ("… 15.30 uur Waar Amersfoort"), and "Nodig" lost its value to the next line."""
    t = tab()
    assert t.goto("agenda/") == 200
    event = t.page.locator(".activiteit-titel a").first.get_attribute("href")
    for url, selector in (
        ("agenda/" + str(event), ".gegevens"),
        ("traject/startweekend/", ".kader.leidt dl"),
    ):
        assert t.goto(url) == 200
        rows = t.page.locator(selector).first.evaluate(
            """dl => {
                const left = dl.getBoundingClientRect().left;
                return [...dl.querySelectorAll('dt')].map(dt => {
                    const dd = dt.nextElementSibling, at = dt.getBoundingClientRect();
                    return [dt.textContent, Math.round(at.left - left),
                            Math.round(dd.getBoundingClientRect().top - at.top)];
                });
            }"""
        )
        assert len(rows) >= 3, (url, rows)
        # each label starts its line, and its value stands beside it
        assert [(label, x, dy) for label, x, dy in rows if x != 0 or abs(dy) > 2] == [], url
    # the last gesprek has only "Vorig gesprek": it keeps to its half, as "next" alone does
    last = built.site.blokken[-1].gesprekken[-1]
    assert t.goto(urls.gesprek(last)) == 200
    widths = t.page.locator(".vorige-volgende").evaluate(
        "nav => [nav.children.length, nav.firstElementChild.getBoundingClientRect().width"
        " / nav.getBoundingClientRect().width]"
    )
    assert widths[0] == 1 and widths[1] <= 0.55, widths


def test_a_phone_offers_the_sections_of_a_gesprek_to_jump_to(
    tab: TabOpener, built: BuiltSite
) -> None:
    """A kringleider on a phone jumps to the prayer of the evening, not scrolls 13,000 px."""
    gesprek = built.site.blok(1).gesprekken[0]
    t = tab(phone=True)
    assert t.goto(urls.gesprek(gesprek)) == 200
    jump = t.page.get_by_role("navigation", name="Op deze pagina")
    expect(jump).to_be_visible()
    jump.get_by_role("link", name="Gebed").click()
    expect(t.page).to_have_url(re.compile("#gebed$"))
    heading = t.page.locator("#gebed").bounding_box()
    assert heading is not None and -1 <= heading["y"] < 812, heading
    assert t.scroll_width() <= PHONE_WIDTH, wider_than_screen(t.page)


def test_a_table_too_wide_for_large_text_scrolls_in_a_box_a_keyboard_can_reach(
    tab: TabOpener,
) -> None:
    """The table of the blokken (over-focus) made the whole page scroll sideways with the
    reader's text at 200 %; now it scrolls in its own box, which the Tab key reaches only
    while it does scroll."""
    t = tab(phone=True)
    assert t.goto("over-focus/") == 200
    box = t.page.locator(".tabel-rol").first
    expect(box).to_be_visible()
    assert box.get_attribute("tabindex") is None  # it fits: no stop for the Tab key
    t.page.add_style_tag(content=LARGE_TEXT)  # no resize event: the box itself is watched
    expect(box).to_have_attribute("tabindex", "0")
    expect(box).to_have_role("region")
    expect(box).to_have_accessible_name(re.compile(r"^Tabel: "))
    assert t.scroll_width() <= PHONE_WIDTH, wider_than_screen(t.page)
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")


def test_a_long_page_leads_back_up_to_its_jump_links(tab: TabOpener) -> None:
    """All prayers are 52,000 px on a phone, the Bible register 50,000, and the jump
    links stood only at the top: after each blok (each book) a link leads back to them."""
    t = tab(phone=True)
    for url, name in (
        (urls.onderdeel("gebed"), "Op deze pagina"),
        ("register/bijbelteksten/", "Bijbelboeken"),
    ):
        assert t.goto(url) == 200
        back = t.page.get_by_role("link", name="Naar boven")
        assert back.count() >= 7, url
        back.last.click()
        jumps = t.page.get_by_role("navigation", name=name)
        box = jumps.bounding_box()
        assert box is not None and -1 <= box["y"] < 812, (url, box)
    t.page.emulate_media(media="print")  # on paper there is no "up"
    expect(t.page.get_by_text("Naar boven").first).to_be_hidden()


def test_a_lesson_in_a_doelgroep_list_is_one_link_a_thumb_can_hit(tab: TabOpener) -> None:
    """On the gezin page each lesson's title (26 px) stood 2 px above a link to the Bible
    website: a parent's thumb meant for the lesson left the site. The passage is text
    there now, and the title a row of at least 44 px."""
    t = tab(phone=True)
    assert t.goto(urls.doelgroep("gezin")) == 200
    rows = t.page.locator("ol.lijst > li")
    assert rows.count() > 5
    for n in range(rows.count()):
        links = rows.nth(n).locator("a")
        assert links.count() == 1, rows.nth(n).inner_html()
        box = links.first.bounding_box()
        assert box is not None and box["height"] >= 44, box


def test_an_onderdeel_page_offers_its_bloks_to_jump_to(tab: TabOpener) -> None:
    """All prayers of the programme are one long page (49,000 px on a phone): a row of
    links at the top jumps to a blok's, a katern's or the other groups' prayers."""
    t = tab(phone=True)
    assert t.goto(urls.onderdeel("gebed")) == 200
    jump = t.page.get_by_role("navigation", name="Op deze pagina")
    expect(jump).to_be_visible()
    jump.get_by_role("link", name="Blok 3", exact=True).click()
    expect(t.page).to_have_url(re.compile("#blok3$"))
    heading = t.page.locator("#blok3")
    expect(heading).to_contain_text("Blok 3")
    box = heading.bounding_box()
    assert box is not None and -1 <= box["y"] < 812, box
    links = jump.get_by_role("link")
    assert links.count() >= 8  # blok 0-6 and a katern at least
    assert t.scroll_width() <= PHONE_WIDTH, wider_than_screen(t.page)


def test_phone_menu_opens_the_navigation(tab: TabOpener) -> None:
    t = tab(phone=True)
    page = t.page
    assert t.goto("") == 200
    button = page.get_by_role("button", name="Menu")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    assert t.scroll_width() <= PHONE_WIDTH, wider_than_screen(page)
    menu.get_by_role("link", name="Downloads", exact=True).click()
    expect(page).to_have_url(t.base + urls.DOWNLOADS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Downloads")
    assert not t.errors, "\n".join(t.errors)


def test_phone_search_from_the_menu(tab: TabOpener) -> None:
    t = tab(phone=True)
    page = t.page
    assert t.goto("") == 200
    page.get_by_role("button", name="Menu").click()
    box = page.get_by_role("searchbox", name="Zoeken in Focus")
    box.fill("gebed")
    page.get_by_role("button", name="Zoek", exact=True).click()
    expect(page).to_have_url(t.base + urls.ZOEKEN + "?q=gebed")
    assert result_count(page) > 0
    assert t.scroll_width() <= PHONE_WIDTH, wider_than_screen(page)
    assert not t.errors, "\n".join(t.errors)


# ---- film: nothing from the film host until the reader asks -------------------------------


FILM = "https://films.test/anna-vertelt"


def test_film_loads_only_after_a_click(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A section with a film (none of the shipped stories has one): nothing is fetched
    from the film's host until the reader clicks."""
    root = tmp_path_factory.mktemp("film") / "project"
    files = base_files()
    files[f"{GESPREK}/verhalen-delen.md"] = (
        f"---\nonderdeel: verhalen-delen\nduur: 15\nvideo: {FILM}\n---\nAnna vertelt.\n"
    )
    write_files(root, dict(files))
    assert run_build("-p", str(root), "--only", "site").exit_code == 0
    host = urlsplit(FILM)
    served: list[str] = []

    def fake_host(route: Route) -> None:  # nothing goes to the network
        served.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><p>film")

    context = new_context(browser)
    with serve(root / "output" / "site") as base:
        t = open_tab(context, base)
        page = t.page
        page.route(f"{host.scheme}://{host.netloc}/**", fake_host)
        assert t.goto("blok1/kom-en-zie/", idle=True) == 200
        figure = page.locator(f'.film[data-film="{FILM}"]')
        expect(figure).to_contain_text(host.netloc)  # the reader is told where it comes from
        expect(figure.locator("iframe")).to_have_count(0)
        assert not t.third_party() and not served, t.third_party()

        with page.expect_request(FILM):
            figure.get_by_role("button", name="Film afspelen").click()
        expect(figure.locator("iframe")).to_have_attribute("src", FILM)
        assert served == [FILM]
        assert not t.errors, "\n".join(t.errors)
    context.close()


# ---- every representative page: axe, console, requests ------------------------------------


@dataclass(frozen=True)
class Spec:
    path: str
    status: int = 200
    wait_for: str | None = None
    at_root: bool = False  # served where basis_url points, as a host serves its 404 page


PAGES = {
    "home": Spec(""),
    "blok": Spec("blok1/"),
    "gesprek": Spec("blok1/hij-zoekt-ons-op/"),
    "gesprek-met-verhaal": Spec("blok1/hoe-wij-hem-leerden-kennen/"),
    "gesprek-doelgroep": Spec("blok1/hij-zoekt-ons-op/groep-3-5/"),
    "doelgroepen": Spec(urls.DOELGROEPEN),
    "doelgroep": Spec(urls.DOELGROEPEN + "groep-3-5/"),
    "onderdelen": Spec(urls.ONDERDELEN),
    "onderdeel": Spec(urls.ONDERDELEN + "gebed/"),
    "katernen": Spec(urls.KATERNEN),
    "katern": Spec(urls.KATERNEN + "gebed/"),
    "katern-gesprek": Spec(urls.KATERNEN + "gebed/leer-ons-bidden/"),
    "traject": Spec(urls.TRAJECT),
    "bijeenkomst": Spec(urls.TRAJECT + "startweekend/"),
    "nieuws": Spec(urls.NIEUWS),
    "nieuwsbericht": Spec(urls.NIEUWS + "2026-09-29-jongeren-in-kerkveen-bidden-voor-hun-school/"),
    "agenda": Spec(urls.AGENDA),
    "activiteit": Spec(urls.AGENDA + "kerkenraadsweekend-2027/"),
    "downloads": Spec(urls.DOWNLOADS),
    "bijbelregister": Spec(urls.BIJBELREGISTER),
    "liedregister": Spec(urls.LIEDREGISTER),
    "zoeken-met-resultaten": Spec(urls.ZOEKEN + "?q=gebed", wait_for=RESULT_LINK),
    "pagina": Spec("over-focus/"),
    "404": Spec("blok1/bestaat-niet/", status=404, at_root=True),
}


@dataclass(frozen=True)
class Visit:
    url: str
    status: int | None
    errors: list[str]
    third_party: list[str]
    violations: list[dict[str, Any]]


def _visit(browser: Browser, base: str, spec: Spec) -> Visit:
    context = new_context(browser)
    try:
        t = open_tab(context, base)
        url = base + spec.path
        if spec.status == 404:  # the browser logs the document's own 404; that one is meant

            def own_404(message: ConsoleMessage) -> bool:
                return message.location["url"] == url and "status of 404" in message.text

            t.expected_errors.append(own_404)
        status = t.goto(spec.path, idle=True)
        if spec.wait_for:
            expect(t.page.locator(spec.wait_for).first).to_be_visible()
            t.page.wait_for_load_state("networkidle")
        results = Axe().run(t.page)
        violations: list[dict[str, Any]] = list(results.response["violations"])
        return Visit(url, status, list(t.errors), t.third_party(), violations)
    finally:
        context.close()


@pytest.fixture(scope="module")
def visit(browser: Browser, site_url: str, root_url: str) -> Callable[[str], Visit]:
    """Each representative page is loaded (and checked with axe) once for the tests below."""
    done: dict[str, Visit] = {}

    def get(name: str) -> Visit:
        spec = PAGES[name]
        if name not in done:
            done[name] = _visit(browser, root_url if spec.at_root else site_url, spec)
        visited = done[name]
        assert visited.status == spec.status, f"{visited.url}: HTTP {visited.status}"
        return visited

    return get


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_violations(visit: Callable[[str], Visit], name: str) -> None:
    page = visit(name)
    for line in describe(page.violations):  # every finding, also the minor ones, for -rP
        print(line)
    serious = [v for v in page.violations if v["impact"] in SERIOUS]
    assert not serious, f"{page.url}:\n" + "\n".join(describe(serious))


@pytest.mark.parametrize("name", PAGES)
def test_no_console_errors(visit: Callable[[str], Visit], name: str) -> None:
    page = visit(name)
    assert not page.errors, f"{page.url}:\n" + "\n".join(page.errors)


@pytest.mark.parametrize("name", PAGES)
def test_no_third_party_requests(visit: Callable[[str], Visit], name: str) -> None:
    page = visit(name)
    assert not page.third_party, f"{page.url}:\n" + "\n".join(page.third_party)


def test_404_page_is_styled_and_helps_on(browser: Browser, root_url: str) -> None:
    """A host serves 404.html at any depth: its style and links still work there."""
    context = new_context(browser)
    try:
        t = open_tab(context, root_url)
        assert t.goto("blok3/bestaat/ook/niet/") == 404
        page = t.page
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("bestaat niet"))
        header = page.locator("header.kop")
        expect(header).not_to_have_css("background-color", "rgba(0, 0, 0, 0)")
        page.get_by_role("main").get_by_role("link", name="Zoeken").click()
        expect(page).to_have_url(root_url + urls.ZOEKEN)
        expect(page.get_by_role("heading", level=1)).to_have_text("Zoeken")
    finally:
        context.close()


# ---- valid HTML: the Nu HTML Checker over every page --------------------------------------


def test_every_page_is_valid_html(built: BuiltSite) -> None:
    runtime, jar = java(), vnu_jar()
    files = built.html_files()
    command = [runtime, "-jar", str(jar), "--errors-only", "--format", "json"]
    result = subprocess.run(
        [*command, *map(str, files)], capture_output=True, text=True, timeout=600, check=False
    )
    output = result.stderr + result.stdout  # the JSON report is written to stderr
    report = next((ln for ln in output.splitlines() if ln.startswith('{"messages"')), output)
    try:
        messages: list[dict[str, Any]] = json.loads(report)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the Nu HTML Checker did not answer in JSON:\n{report[:2000]}")
    problems = []
    for m in messages:
        path = Path(str(m.get("url", "?")).removeprefix("file:"))
        where = path.relative_to(built.root) if path.is_relative_to(built.root) else path
        extract = " ".join(str(m.get("extract", "")).split())
        problems.append(f"{where}:{m.get('lastLine', '?')}: {m['message']}  [{extract}]")
    assert not problems, f"{len(problems)} HTML errors in {len(files)} files:\n" + "\n".join(
        problems[:100]
    )
    assert result.returncode == 0, report[:2000]
