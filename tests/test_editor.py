"""The browser editor: Decap CMS in OUTPUT/site/admin/, its forms made from focus.yaml,
and a section written in Chromium that passes `focusbuild check`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from playwright.sync_api import Browser

from focusbuild.check import check_project
from focusbuild.cli import cli
from focusbuild.editor.decap import config_of
from tests.browser_support import serve
from tests.conftest import GESPREK, REPO, MakeProject, project_config

EDITOR = (
    "\neditor:\n  repo: redactie/focus\n  branch: main\n  inloggen: https://inloggen.focus.test\n"
)


def with_editor(make_project: MakeProject) -> Path:
    root = make_project({"focus.yaml": project_config() + EDITOR})
    result = CliRunner().invoke(cli, ["build", "--only", "site", "-p", str(root)])
    assert result.exit_code == 0, result.output
    return root


def fields(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {field["name"]: field for field in collection["fields"]}


def test_without_editor_in_focus_yaml_there_is_no_admin(make_project: MakeProject) -> None:
    root = make_project()
    result = CliRunner().invoke(cli, ["build", "--only", "site", "-p", str(root)])
    assert result.exit_code == 0, result.output
    assert not (root / "output/site/admin").exists()


def test_the_editor_is_served_from_the_site_never_from_a_cdn(make_project: MakeProject) -> None:
    root = with_editor(make_project)
    admin = root / "output/site/admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="decap-cms.js"></script>' in page and "https://" not in page
    assert 'lang="nl"' in page and '<meta name="robots" content="noindex">' in page
    assert (admin / "decap-cms.js").stat().st_size > 1_000_000
    assert (admin / "LICENSE").read_text(encoding="utf-8").startswith("Copyright (c) 2016 Netlify")


def test_every_save_becomes_a_pull_request_on_the_repository_in_focus_yaml(
    make_project: MakeProject,
) -> None:
    root = with_editor(make_project)
    config = yaml.safe_load((root / "output/site/admin/config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["name"] == "github"
    assert config["backend"]["repo"] == "redactie/focus"
    assert config["backend"]["branch"] == "main"
    assert config["backend"]["base_url"] == "https://inloggen.focus.test"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["locale"] == "nl"


def test_the_forms_offer_the_vocabularies_of_focus_yaml(make_project: MakeProject) -> None:
    root = with_editor(make_project)
    config = yaml.safe_load((root / "output/site/admin/config.yml").read_text(encoding="utf-8"))
    collections = {c["name"]: c for c in config["collections"]}
    blok = collections["blok1"]
    assert [f["file"] for f in blok["files"]] == [
        "content/blok1/_blok.md",
        f"{GESPREK}/_gesprek.md",
    ]
    sections = collections["blok1-01-kom-en-zie"]
    assert sections["folder"] == GESPREK and sections["create"] is True
    form = fields(sections)
    site = check_project(root).site
    assert site is not None
    onderdelen = [o["value"] for o in form["onderdeel"]["options"]]
    assert onderdelen == list(site.config.onderdelen.ids) and form["onderdeel"]["multiple"]
    doelgroepen = [o["value"] for o in form["doelgroep"]["options"]]
    assert doelgroepen == list(site.config.doelgroepen.ids)
    assert [o["value"] for o in form["partner"]["options"]] == list(site.config.partners)
    assert form["body"]["widget"] == "markdown"
    assert "nieuws" not in collections and "agenda" not in collections  # none in this project


def test_the_shipped_content_gets_news_agenda_katernen_and_pages() -> None:
    site = check_project(REPO).site
    assert site is not None
    from focusbuild.config import Editor

    config = yaml.safe_load(config_of(site, Editor("redactie/focus")))
    names = [c["name"] for c in config["collections"]]
    assert {"nieuws", "agenda", "paginas", "katernen-gebed"} <= set(names)
    gesprekken = [c for c in config["collections"] if "folder" in c and "blok" in c["name"]]
    assert len(gesprekken) == sum(len(b.gesprekken) for b in site.blokken)
    agenda = fields(next(c for c in config["collections"] if c["name"] == "agenda"))
    assert agenda["voor"]["widget"] == "select" and agenda["voor"]["multiple"]


def test_a_bad_repo_is_a_diagnostic(make_project: MakeProject) -> None:
    root = make_project({"focus.yaml": project_config() + "\neditor:\n  repo: geen repo\n"})
    result = CliRunner().invoke(cli, ["check", "-p", str(root)])
    assert result.exit_code == 1
    assert "focus.yaml:" in result.output and "'repo' is de repository op GitHub" in result.output


def repo_files(root: Path) -> dict[str, Any]:
    """The project's content as Decap's in-memory test backend reads it: a tree by path
    segment, and each folder also under its whole path (how it lists a folder)."""
    tree: dict[str, Any] = {}
    for path in sorted((root / "content").rglob("*.md")):
        parts = path.relative_to(root).parts
        node = tree
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        entry = {"content": path.read_text(encoding="utf-8")}
        node[parts[-1]] = entry
        tree.setdefault("/".join(parts[:-1]), {})[parts[-1]] = entry
    return tree


def test_a_section_written_in_the_browser_checks_clean(
    make_project: MakeProject, browser: Browser
) -> None:
    root = with_editor(make_project)
    site = check_project(root).site
    assert site is not None and site.config.editor is not None
    admin = root / "output/site/admin"
    # the same forms, on Decap's in-memory backend instead of GitHub
    test_repo = config_of(site, site.config.editor, backend={"name": "test-repo"})
    (admin / "config.yml").write_text(test_repo, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(f"window.repoFiles = {json.dumps(repo_files(root))};")
    try:
        with serve(root / "output/site") as base:
            page.goto(base + "admin/")
            page.get_by_role("button", name="Inloggen").click()
            page.get_by_text("Blok 1 · 1. Kom en zie").click()
            page.get_by_text("＋ onderdeel").click()
            page.fill("#titel-field-1", "Samen bidden aan tafel")
            page.click("#onderdeel-field-2")
            page.keyboard.type("Gebed")
            page.keyboard.press("Enter")
            page.click("#doelgroep-field-3")
            page.keyboard.type("Gezin")
            page.keyboard.press("Enter")
            page.locator("[contenteditable]").last.click()
            page.keyboard.type("Dank God samen voor het eten. Noem om de beurt iets moois.")
            page.get_by_role("button", name="Opslaan").click()
            page.get_by_text("Item opgeslagen").wait_for()
            saved = page.evaluate("JSON.stringify(Object.assign({}, window.repoFilesUnpublished))")
    finally:
        page.close()
    assert errors == []
    (draft,) = json.loads(saved).values()
    assert draft["status"] == "draft"  # the editorial workflow: a branch, not main
    (written,) = draft["diffs"]
    assert written["path"] == f"{GESPREK}/samen-bidden-aan-tafel.md"
    target = root / written["path"]
    target.write_text(written["content"], encoding="utf-8")
    checked = check_project(root)
    assert checked.errors == (), [d.human() for d in checked.errors]
    assert checked.site is not None
    gesprek = checked.site.blok(1).gesprekken[0]
    section = next(s for s in gesprek.sections if s.source.rel == written["path"])
    assert section.doelgroepen == ("gezin",) and section.onderdelen == ("gebed",)
    assert section.titel == "Samen bidden aan tafel"
