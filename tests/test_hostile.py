"""Hostile input: SVGs that run code, Markdown that silently loses text, and inputs
built to exhaust time or memory. Each ends in a Dutch diagnostic or a good build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from focusbuild.cli import cli
from tests.conftest import GESPREK, MakeProject, tiny_png
from tests.site_support import run_build

HEAD = "---\nonderdeel: gebed\nduur: 10\n---\n"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n{}\n</svg>\n'


def check(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "-p", str(root), *args])
    return result.exit_code, result.output


def with_picture(make_project: MakeProject, svg: str) -> Path:
    return make_project(
        {
            f"{GESPREK}/gebed.md": HEAD + "Tekst.\n\n![Kaart](img/kaart.svg)\n",
            f"{GESPREK}/img/kaart.svg": svg,
        }
    )


@pytest.mark.parametrize(
    ("inner", "said"),
    [
        ("<script>alert(1)</script>", "SVG met <script>"),
        ('<rect width="5" height="5" onload="alert(1)"/>', "SVG met 'onload=…'"),
        ('<a href="javascript:alert(1)"><rect width="5" height="5"/></a>', "code uitvoert"),
        (
            '<a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href=" JaVa\tscript:x()">'
            "<text>x</text></a>",
            "code uitvoert",
        ),
        ("<foreignObject><p>hoi</p></foreignObject>", "SVG met <foreignobject>"),
        (
            '<a><set attributeName="href" to="javascript:alert(1)"/><rect width="5"/></a>',
            "code uitvoert",
        ),
        (
            '<a><animate attributeName="href" values="#x;javascript:alert(1)"/></a>',
            "code uitvoert",
        ),
    ],
    ids=[
        "script",
        "event",
        "javascript-link",
        "xlink-spaced",
        "foreignobject",
        "link-set-by-animation",
        "link-animated",
    ],
)
def test_an_svg_that_can_run_code_is_refused_at_its_line(
    make_project: MakeProject, inner: str, said: str
) -> None:
    root = with_picture(make_project, SVG.format(inner))
    code, output = check(root)
    assert code == 1, output
    line = next(line for line in output.splitlines() if "kaart.svg" in line)
    assert line.startswith(f"{GESPREK}/img/kaart.svg:2:"), line
    assert said in line


def test_an_entity_bomb_in_an_svg_is_refused_at_once(make_project: MakeProject) -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">'
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    bomb = f'<?xml version="1.0"?>\n<!DOCTYPE svg [{entities}]>\n' + SVG.format("<text>&i;</text>")
    code, output = check(with_picture(make_project, bomb))
    assert code == 1 and "<!ENTITY>" in output


def test_a_harmless_svg_is_published_as_it_is(make_project: MakeProject) -> None:
    svg = SVG.format('<circle cx="5" cy="5" r="4" fill="#1f6f8b"/>')
    root = with_picture(make_project, svg)
    result = CliRunner().invoke(cli, ["build", "--only", "site", "-p", str(root)])
    assert result.exit_code == 0, result.output
    published = list((root / "output/site").rglob("kaart*.svg"))
    assert published and published[0].read_text(encoding="utf-8") == svg


def test_a_file_address_for_a_picture_is_a_warning_not_silent_text(
    make_project: MakeProject,
) -> None:
    root = make_project(
        {f"{GESPREK}/gebed.md": HEAD + "Tekst.\n\nZie ![kaart](file:///etc/hosts).\n"}
    )
    code, output = check(root)
    assert code == 0
    assert f"{GESPREK}/gebed.md:7:5: waarschuwing: afbeelding met een 'file:'-adres" in output
    strict, _ = check(root, "--strict")
    assert strict == 1


def test_a_note_is_an_error_and_html_a_spaced_address_or_an_indent_a_warning(
    make_project: MakeProject,
) -> None:
    """What a partner's writer types from habit, which the page would show otherwise than
    meant while `check --strict` said "In orde": a note in <!-- -->, shown to everyone (an
    error: `build` published it); a <b> tag, shown as typed; a picture whose file name has
    a space, shown as Markdown; a paragraph indented with a tab, shown as code. A list's
    indented text and code in backticks stay quiet."""
    body = (
        "Tekst <b>vet</b>.\n\n<!-- notitie voor HGJB: nog nakijken -->\n\n"
        "![Kaart van Emmaus](img/kaart emmaus.png)\n\n### Tip\n\tDeze alinea begint met een "
        "tab.\n\n- Een punt\n\n    met meer tekst.\n\nTyp `<b>` niet.\n"
    )
    root = make_project({f"{GESPREK}/gebed.md": HEAD + body})
    code, output = check(root)
    assert code == 1, output
    at = f"{GESPREK}/gebed.md"
    (note,) = [line for line in output.splitlines() if ": fout: " in line]
    assert note.startswith(f"{at}:7:1: fout: een notitie <!-- … --> wordt niet verborgen")
    assert "'::: handleiding'" in note
    warnings = [line for line in output.splitlines() if ": waarschuwing: " in line]
    assert [w.split(": waarschuwing: ")[0] for w in warnings] == [
        f"{at}:5:7", f"{at}:9:1", f"{at}:12:1",
    ], output  # fmt: skip
    assert "HTML (<b>) wordt niet uitgevoerd" in warnings[0]
    assert "het adres heeft een spatie" in warnings[1]
    assert "begint met een tab of vier spaties" in warnings[2]
    built = run_build("-p", str(root), "--only", "site")
    assert built.exit_code == 1 and not (root / "output/site").exists()  # not published


def test_markdown_that_comes_out_as_meant_gets_no_warning(make_project: MakeProject) -> None:
    """No false alarm on Markdown that renders as the writer meant: an address between
    < and >, a space before a title or the closing bracket, the second paragraph of a list
    item, a footnote or a definition, a '#hashtag' line, and HTML or links in code."""
    body = (
        "Zie ![kaart](<img/kaart emmaus.png>), [de tekst](gebed.md ) en "
        '![k](img/k.png  "Titel").\n\n- Een punt\n\n    met meer tekst.\n\n'
        "Voetnoot[^1].\n\n[^1]: Eerste alinea.\n\n    Tweede alinea.\n\n"
        "Term\n: Definitie.\n\n    Tweede alinea.\n\n#hashtag en meer\n    ook dit.\n\n"
        "Typ ``a ` <b>`` of `[a](file:///x)` niet.\n\n```\n    <b>in code</b>\n```\n"
    )
    png = tiny_png()
    root = make_project(
        {
            f"{GESPREK}/gebed.md": HEAD + body,
            f"{GESPREK}/img/kaart emmaus.png": png,
            f"{GESPREK}/img/k.png": png,
        }
    )
    code, output = check(root)
    assert code == 0, output
    assert ": waarschuwing: " not in output, output


def test_block_quotes_too_deep_to_show_are_a_warning(make_project: MakeProject) -> None:
    root = make_project({f"{GESPREK}/gebed.md": HEAD + "Tekst.\n\n" + "> " * 25 + "Diep.\n"})
    code, output = check(root)
    assert code == 0
    assert f"{GESPREK}/gebed.md:7:1: waarschuwing: citaten en lijsten zijn hier 19" in output


def build_measured(root: Path) -> tuple[int, str, int]:
    """`focusbuild build --only site` in a process of its own: exit code, output, and
    the peak memory (kB) of that process and everything it started."""
    script = (
        "import resource, subprocess, sys, json\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps([done.returncode, done.stdout + done.stderr, peak]))\n"
    )
    command = [sys.executable, "-c", script, sys.executable, "-m", "focusbuild"]
    command += ["build", "--only", "site", "-p", str(root)]
    # the limit the issue sets: a clear outcome within 60 s (a hang fails here)
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    code, output, peak = json.loads(done.stdout)
    return int(code), str(output), int(peak)


GIGABYTE_KB = 1024 * 1024


def test_a_20_mb_section_is_built(make_project: MakeProject) -> None:
    paragraph = "Wie bidt, staat niet alleen. " * 40 + "\n\n"
    root = make_project({f"{GESPREK}/gebed.md": HEAD + paragraph * 18_000})
    assert (root / GESPREK / "gebed.md").stat().st_size > 20_000_000
    code, output, peak = build_measured(root)
    assert code == 0, output
    assert peak < GIGABYTE_KB, f"{peak} kB"


def test_a_yaml_alias_bomb_is_a_dutch_error(make_project: MakeProject) -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    root = make_project(
        {
            f"{GESPREK}/gebed.md": "---\nonderdeel: gebed\nduur: 10\n"
            + "\n".join(lines)
            + "\n---\nT.\n"
        }
    )
    code, output, peak = build_measured(root)
    assert code == 1 and f"{GESPREK}/gebed.md:" in output and "YAML-fout" in output, output
    assert "Traceback" not in output and peak < GIGABYTE_KB


def test_fifty_thousand_nested_quotes_are_built_with_a_warning(make_project: MakeProject) -> None:
    root = make_project({f"{GESPREK}/gebed.md": HEAD + ">" * 50_000 + " diep\n"})
    code, output, peak = build_measured(root)
    assert code == 0, output
    assert "citaten en lijsten zijn hier" in output and peak < GIGABYTE_KB


def test_a_symlink_loop_in_content_is_a_dutch_error(make_project: MakeProject) -> None:
    root = make_project()
    os.symlink("..", root / GESPREK / "lus")
    os.symlink(root / "content", root / "content/blok1/02-terug")
    code, output, peak = build_measured(root)
    assert code == 1, output
    assert "Traceback" not in output and peak < GIGABYTE_KB
    for link in ("content/blok1/02-terug", f"{GESPREK}/lus"):
        assert f"{link}:1:1: fout: snelkoppeling (symlink) naar een map" in output, output


def test_five_thousand_tiny_files_are_built(make_project: MakeProject) -> None:
    pages = {
        f"content/paginas/p{i:04d}.md": f"---\ntitel: Pagina {i}\n---\nTekst {i}.\n"
        for i in range(5000)
    }
    root = make_project(dict(pages))
    code, output, peak = build_measured(root)
    assert code == 0, output
    assert "5031 pagina's" in output and peak < GIGABYTE_KB, (output, peak)


def test_a_footnote_mark_without_its_text_is_a_warning(make_project: MakeProject) -> None:
    """ "Tekst[^2]." without "[^2]: …" is printed as typed, brackets and all; check was
    silent. A mark with its text, and one in code, get no word."""
    body = "Tekst[^2] en[^1].\n\n`[^3]` in code.\n\n[^1]: De noot.\n"
    root = make_project({f"{GESPREK}/gebed.md": HEAD + body})
    code, output = check(root)
    assert code == 0, output
    said = [line for line in output.splitlines() if "voetnoot" in line]
    assert said == [
        f"{GESPREK}/gebed.md:5:6: waarschuwing: voetnoot '[^2]' heeft geen tekst: hij komt er "
        "letterlijk te staan; schrijf onderaan '[^2]: …' of haal hem weg"
    ], output


def test_a_line_of_two_hundred_thousand_colons_is_one_diagnostic(make_project: MakeProject) -> None:
    """The look for a would-be leader block was quadratic in a line of colons: 60,000
    took 57 s to check. The line is now scanned once: one error for a closing line that
    closes nothing."""
    root = make_project({f"{GESPREK}/gebed.md": HEAD + "Tekst.\n\n" + ":" * 200_000 + "\n"})
    code, output = check(root)
    assert code == 1, output
    assert f"{GESPREK}/gebed.md:7:1: fout: losse ':::' zonder blok dat ermee begint" in output
