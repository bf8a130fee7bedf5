"""Every kind of content mistake: exit 1, a Dutch message naming file and line, no traceback."""

from __future__ import annotations

import re
import zlib

import pytest
from click.testing import CliRunner

from focusbuild.cli import cli
from tests.conftest import GESPREK, LED, REPO, MakeProject

G = GESPREK
FM = "---\nonderdeel: gebed\n---\n"


def png_claiming(width: int, height: int) -> bytes:
    """A PNG's signature and header, claiming a size its few bytes do not have."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        check = zlib.crc32(kind + data).to_bytes(4, "big")
        return len(data).to_bytes(4, "big") + kind + data + check

    size = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    data = chunk(b"IHDR", size) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + data


CASES: list[tuple[str, dict[str, str | bytes | None], str]] = [
    (
        "yaml-syntax",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\ntitel: Bidden: samen\n---\nTekst\n"},
        f"{G}/gebed.md:3:14: fout: YAML-fout: hier mag geen ':' staan; zet tekst met een "
        "dubbele punt tussen aanhalingstekens",
    ),
    (
        "yaml-tab",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\n\ttitel: x\n---\nTekst\n"},
        f"{G}/gebed.md:3:1: fout: YAML-fout: tab gevonden; spring in met spaties",
    ),
    (
        "front-matter-missing",
        {f"{G}/gebed.md": "# Gebed\n\nTekst\n"},
        f"{G}/gebed.md:1:1: fout: het kopje bovenin (front matter) ontbreekt: het bestand "
        "moet beginnen met een "
        "regel '---', dan de sleutels (zoals 'titel: …') en weer '---'",
    ),
    (
        "front-matter-unclosed",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\n\nTekst\n"},
        f"{G}/gebed.md:1:1: fout: het kopje bovenin (front matter) is niet afgesloten met "
        "een regel '---'",
    ),
    (
        "front-matter-not-mapping",
        {f"{G}/gebed.md": "---\n- gebed\n- lied\n---\nTekst\n"},
        f"{G}/gebed.md:2:1: fout: het kopje bovenin (front matter) moet sleutels met "
        "waarden bevatten "
        "(zoals 'titel: …'), niet een lijst",
    ),
    (
        "front-matter-empty",
        {f"{G}/gebed.md": "---\n---\nTekst\n"},
        f"{G}/gebed.md:1:1: fout: het kopje bovenin (front matter) moet sleutels met "
        "waarden bevatten "
        "(zoals 'titel: …'), maar is leeg",
    ),
    (
        "unknown-key",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\nonderdel: lied\n---\nTekst\n"},
        f"{G}/gebed.md:3:1: fout: onbekende sleutel 'onderdel' (bedoelde je 'onderdeel'?)",
    ),
    (
        "duplicate-key",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\ntitel: a\ntitel: b\n---\nTekst\n"},
        f"{G}/gebed.md:4:1: fout: 'titel' staat twee keer in dezelfde lijst van sleutels",
    ),
    (
        "unknown-onderdeel",
        {f"{G}/gebed.md": "---\nonderdeel: gebd\n---\nTekst\n"},
        f"{G}/gebed.md:2:12: fout: onbekend onderdeel 'gebd' (bedoelde je 'gebed'?)",
    ),
    (
        "unknown-doelgroep-in-list",
        {f"{G}/gezin.md": "---\nonderdeel: gebed\ndoelgroep: [gezin, groep 3-6]\n---\nTekst\n"},
        f"{G}/gezin.md:3:20: fout: onbekende doelgroep 'groep 3-6' (bedoelde je 'Groep 3-5'?)",
    ),
    (
        "empty-onderdeel-list",
        {f"{G}/gebed.md": "---\nonderdeel: []\n---\nTekst\n"},
        f"{G}/gebed.md:2:12: fout: 'onderdeel' is een lege lijst: noem ten minste één onderdeel",
    ),
    (
        "empty-months",
        {
            "content/blok1/_blok.md": "---\nblok: 1\ntitel: Jezus ontmoeten\nperiode: Eerste jaar\n"
            'jaar: 1\nmaanden: []\nkleur: "#1f6f8b"\n---\nIntro.\n'
        },
        "content/blok1/_blok.md:6:10: fout: 'maanden' is een lege lijst: noem ten minste één maand",
    ),
    (
        "empty-doelgroep-list",
        {f"{G}/gezin.md": "---\nonderdeel: gebed\ndoelgroep: []\n---\nTekst\n"},
        f"{G}/gezin.md:3:12: fout: 'doelgroep' is een lege lijst: noem ten minste één doelgroep",
    ),
    (
        "doelgroep-by-its-ages",
        {f"{G}/spel.md": "---\nonderdeel: gebed\ndoelgroep: 6-8\n---\nTekst\n"},
        f"{G}/spel.md:3:12: fout: onbekende doelgroep '6-8' (bedoelde je 'groep-6-8'?)",
    ),
    (
        "doelgroep-without-a-likeness",
        {f"{G}/spel.md": "---\nonderdeel: gebed\ndoelgroep: jongeren\n---\nTekst\n"},
        f"{G}/spel.md:3:12: fout: onbekende doelgroep 'jongeren'; kies uit kring, groep-3-5, "
        "groep-6-8, 12-16, 16-plus, gezin, vergaderopening",
    ),
    (
        "verses-backwards",
        {
            f"{G}/lied.md": "---\nonderdeel: lied\nliederen:\n  - {bundel: Ps, nummer: 42, "
            'vers: "3-1", titel: Psalm 42}\n---\nTekst\n'
        },
        f"{G}/lied.md:4:36: fout: 'vers': 3-1 loopt terug; schrijf de verzen van laag naar hoog",
    ),
    (
        "one-verse-as-a-range",  # "3-3" is odd, not backwards: it passes; "3-1" does not
        {
            f"{G}/lied.md": "---\nonderdeel: lied\nliederen:\n  - {bundel: Ps, nummer: 42, "
            'vers: "3-3, 5-4", titel: Psalm 42}\n---\nTekst\n'
        },
        f"{G}/lied.md:4:36: fout: 'vers': 5-4 loopt terug; schrijf de verzen van laag naar hoog",
    ),
    (
        "song-number-too-large",
        {
            f"{G}/lied.md": "---\nonderdeel: lied\nliederen:\n  - {bundel: OTH, nummer: "
            "1000000000000000000000, titel: Psalm 42}\n---\nTekst\n"
        },
        f"{G}/lied.md:4:27: fout: 'nummer' moet een getal van 1 tot en met 9999 zijn, niet "
        "1000000000000000000000",
    ),
    (
        "duration-too-long",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\nduur: 1000000000\n---\nTekst\n"},
        f"{G}/gebed.md:3:7: fout: 'duur' moet een getal van 1 tot en met 480 zijn, niet 1000000000",
    ),
    (
        "unknown-bundle",
        {
            f"{G}/lied.md": "---\nonderdeel: lied\nliederen:\n  - {bundel: OTK, nummer: 1, "
            "titel: x}\n---\nTekst\n"
        },
        f"{G}/lied.md:4:14: fout: onbekende liedbundel 'OTK' (bedoelde je 'OTH'?); kies uit "
        "OTH: Op Toonhoogte 2015; Ps: Psalmen (berijming 1773); LB: Liedboek (2013) (de "
        "bundels staan in focus.yaml)",
    ),
    (
        "apostrophe-inside-single-quotes",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\ntitel: 'Zo'n speurtocht'\n---\nTekst\n"},
        f"{G}/gebed.md:3:12: fout: YAML-fout: de tekst tussen '…' bevat zelf een apostrof "
        "(zo'n, Jezus'): zet hem tussen dubbele aanhalingstekens (\"Zo'n speurtocht\")",
    ),
    (
        "quote-left-open",  # was reported lines below, as "inspringing klopt niet"
        {
            f"{G}/gebed.md": '---\nonderdeel: gebed\ntitel: "Bidden in de week\n'
            'duur: 10\nbijbelgedeelte: "Lucas 11:1-4"\n---\nTekst\n'
        },
        f"{G}/gebed.md:3:8: fout: YAML-fout: dit aanhalingsteken wordt op deze regel niet gesloten",
    ),
    (
        "quote-over-two-lines-then-another-mistake",  # valid YAML: the quote is not blamed
        {
            f"{G}/gebed.md": '---\nonderdeel: gebed\ntitel: "Bidden in\n  de week"\n'
            "duur: 10\n  fout: x\n---\nTekst\n"
        },
        f"{G}/gebed.md:6:7: fout: YAML-fout: hier mag geen ':' staan; zet tekst met een "
        "dubbele punt tussen aanhalingstekens",
    ),
    (
        "curly-quotes",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\ntitel: “Emmaüs: de speurtocht”\n---\nT\n"},
        f"{G}/gebed.md:3:15: fout: YAML-fout: gebruik rechte aanhalingstekens om de tekst "
        '("…"), geen “…” of ‘…’ uit een tekstverwerker',
    ),
    (
        "curly-apostrophe-then-a-colon",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\ntitel: ’t Is volbracht: Johannes 19\n---\nT\n"},
        f"{G}/gebed.md:3:23: fout: YAML-fout: hier mag geen ':' staan; zet tekst met een "
        "dubbele punt tussen aanhalingstekens",
    ),
    (
        "partner-spelled-otherwise",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\npartner: gzb\n---\nTekst\n"},
        f"{G}/gebed.md:3:10: fout: partner 'gzb' (bedoelde je 'GZB'?): schrijf de naam zoals "
        "focus.yaml hem noemt (HGJB, GZB); hij komt onder de tekst te staan",
    ),
    (
        "psalm-beyond-150",
        {
            f"{G}/lied.md": "---\nonderdeel: lied\nliederen:\n  - bundel: Ps\n    nummer: 151\n"
            "    titel: Psalm 151\n---\nTekst\n"
        },
        f"{G}/lied.md:5:13: fout: er zijn 150 psalmen, geen psalm 151",
    ),
    (
        "missing-required",
        {f"{G}/_gesprek.md": "---\ntitel: Kom en zie\n---\nInleiding\n"},
        f"{G}/_gesprek.md:1:1: fout: verplichte sleutel 'bijbelgedeelte' ontbreekt",
    ),
    (
        "missing-onderdeel",
        {f"{G}/gebed.md": "---\ntitel: Gebed\n---\nTekst\n"},
        f"{G}/gebed.md:1:1: fout: verplichte sleutel 'onderdeel' ontbreekt",
    ),
    (
        "wrong-type-bool",
        {f"{G}/achtergrond.md": '---\nonderdeel: bijbelstudie\nhandleiding: "ja"\n---\nT\n'},
        f"{G}/achtergrond.md:3:14: fout: 'handleiding' moet true of false zijn, niet 'ja'",
    ),
    (
        "wrong-type-text",
        {f"{G}/verhalen-delen.md": "---\nonderdeel: verhalen-delen\nland: NO\n---\nT\n"},
        f"{G}/verhalen-delen.md:3:7: fout: 'land' moet tekst zijn, niet false "
        "(zet de waarde tussen aanhalingstekens)",
    ),
    (
        "wrong-type-int",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\nduur: tien\n---\nT\n"},
        f"{G}/gebed.md:3:7: fout: 'duur' moet een heel getal zijn, niet 'tien'",
    ),
    (
        "bad-color",
        {
            "content/blok1/_blok.md": "---\nblok: 1\ntitel: T\nperiode: P\njaar: 1\nmaanden: [1]\n"
            "kleur: blauw\n---\n"
        },
        "content/blok1/_blok.md:7:8: fout: 'kleur' moet een kleur als \"#1f6f8b\" zijn, "
        "niet 'blauw'",
    ),
    (
        "bad-month",
        {
            "content/blok1/_blok.md": "---\nblok: 1\ntitel: T\nperiode: P\njaar: 1\n"
            "maanden: [1, 13]\n---\n"
        },
        "content/blok1/_blok.md:6:14: fout: 'maanden' moet een getal van 1 tot en met 12 zijn, "
        "niet 13",
    ),
    (
        "blok-number-mismatch",
        {
            "content/blok1/_blok.md": "---\nblok: 2\ntitel: T\nperiode: P\njaar: 1\nmaanden: [1]\n"
            "---\n"
        },
        "content/blok1/_blok.md:2:7: fout: 'blok: 2' hoort niet bij de map blok1; "
        "schrijf 'blok: 1' of hernoem de map",
    ),
    (
        "blok-without-index",
        {"content/blok1/_blok.md": None},
        "content/blok1:1:1: fout: blokmap zonder _blok.md (met blok, titel, periode, jaar, "
        "maanden)",
    ),
    (
        "blok-out-of-range",
        {"content/blok7/_blok.md": "---\nblok: 7\n---\n"},
        "content/blok7:1:1: fout: blok 7 bestaat niet: blokken lopen van 0 tot en met 6 "
        "(zie 'blokken' in focus.yaml)",
    ),
    (
        "gesprek-without-index",
        {f"{G}/_gesprek.md": None},
        f"{G}:1:1: fout: gesprekmap zonder _gesprek.md (met titel en bijbelgedeelte)",
    ),
    (
        "duplicate-gesprek-slug",
        {
            "content/blok1/02-kom-en-zie/_gesprek.md": "---\ntitel: X\nbijbelgedeelte: Joh. 1:1\n"
            "---\n"
        },
        "content/blok1/02-kom-en-zie:1:1: fout: twee gesprekken met de naam 'kom-en-zie' in "
        "blok1 (ook 01-kom-en-zie); geef er één een andere naam",
    ),
    (
        "bad-gesprek-folder-name",
        {"content/blok1/Kom en zie/_gesprek.md": "---\ntitel: X\n---\n"},
        "content/blok1/Kom en zie:1:1: fout: mapnaam 'Kom en zie' moet de vorm '01-korte-titel' "
        "hebben (nummer, streepje, kleine letters)",
    ),
    (
        "not-utf8",
        {
            f"{G}/gebed.md": "---\nonderdeel: gebed\n---\nWij bidden voor de kerk\n"
            "en voor Ren\xe9e.\n".encode("latin-1")
        },
        # "byte 0xe9" said nothing to a partner: the character, as Word saved it
        f"{G}/gebed.md:5:12: fout: bestand is geen UTF-8: het teken hier (een 'é'?) is in een "
        "andere codering opgeslagen; sla het bestand op als UTF-8 in je editor",
    ),
    (
        "bible-unknown-book",
        {f"{G}/gebed.md": FM + "Lees samen\nJohanes 3:16 en bid.\n"},
        f"{G}/gebed.md:5:1: fout: onbekend bijbelboek 'Johanes' (bedoelde je 'Johannes'?)",
    ),
    (
        "bible-chapter-beyond-book",
        {f"{G}/gebed.md": FM + "Lees ook Jona 5 en Joh. 22:1.\n"},
        f"{G}/gebed.md:4:10: fout: Jona heeft 4 hoofdstukken, geen hoofdstuk 5",
    ),
    (
        "bible-chapter-beyond-book-abbreviated",
        {f"{G}/gebed.md": FM + "Lees ook Jona 4 en Joh. 22:1.\n"},
        f"{G}/gebed.md:4:20: fout: Johannes heeft 21 hoofdstukken, geen hoofdstuk 22",
    ),
    (
        "bijbelgedeelte-front-matter",
        {f"{G}/_gesprek.md": "---\ntitel: Kom\nbijbelgedeelte: Openbaringen 2:1-7\n---\n"},
        f"{G}/_gesprek.md:3:17: fout: 'bijbelgedeelte': onbekend bijbelboek 'Openbaringen' "
        "(bedoelde je 'Openbaring'?)",
    ),
    (
        # a semicolon for the colon: "'13-16' is geen bijbeltekst" said not where the slip was
        "bijbelgedeelte-semicolon",
        {f"{G}/_gesprek.md": "---\ntitel: Kom\nbijbelgedeelte: Marcus 10;13-16\n---\n"},
        f"{G}/_gesprek.md:3:17: fout: 'bijbelgedeelte': '13-16' is geen bijbeltekst: schrijf "
        "'Marcus 10:13-16' voor verzen, of 'Marcus 13-16' voor een tweede bijbeltekst",
    ),
    (
        "bijbelgedeelte-curly-quotes",
        {f"{G}/_gesprek.md": "---\ntitel: Kom\nbijbelgedeelte: “Marcus 10:13-16”\n---\n"},
        f"{G}/_gesprek.md:3:17: fout: 'bijbelgedeelte': gebruik rechte aanhalingstekens om de "
        'tekst ("…"), geen “…” of ‘…’ uit een tekstverwerker',
    ),
    (
        # reported at the next key ("',' of ']' verwacht"), a line too late
        "yaml-list-left-open",
        {
            f"{G}/gebed.md": "---\nonderdeel: gebed\nbenodigdheden: [Bijbels, stiften\n"
            "duur: 5\n---\n"
        },
        f"{G}/gebed.md:3:16: fout: YAML-fout: deze lijst begint met '[' maar wordt niet "
        "gesloten met ']' (mist er een aan het eind van de regel?)",
    ),
    (
        "yaml-colon-in-braces",
        {"content/liederen.yaml": "- {bundel: Ps, nummer: 42, titel: Psalm: 42}\n"},
        "content/liederen.yaml:1:40: fout: YAML-fout: een dubbele punt binnen { } scheidt een "
        "sleutel van zijn waarde; staat hij in een tekst, zet die tekst dan tussen "
        'aanhalingstekens ("…")',
    ),
    (
        "link-missing",
        {f"{G}/gebed.md": FM + "Zie ook\n[de studie](bijbelstudi.md).\n"},
        f"{G}/gebed.md:5:13: fout: link 'bijbelstudi.md' bestaat niet",
    ),
    (
        # the address, not the link text that reads like it
        "link-missing-named-by-its-address",
        {f"{G}/gebed.md": FM + "Zie [bijbelstudi.md](bijbelstudi.md).\n"},
        f"{G}/gebed.md:4:22: fout: link 'bijbelstudi.md' bestaat niet",
    ),
    (
        "image-missing",
        {f"{G}/gebed.md": FM + "![Een kaars](img/kaars.jpg)\n"},
        f"{G}/gebed.md:4:14: fout: afbeelding 'img/kaars.jpg' bestaat niet",
    ),
    (
        # on Linux "bestaat niet"; a disk that ignores capitals (Windows, macOS) found it, and
        # the site then missed it on the web server
        "image-name-in-other-capitals",
        {f"{G}/gebed.md": FM + "![Een poster](img/poster.png)\n", f"{G}/img/Poster.PNG": b"x"},
        f"{G}/gebed.md:4:15: fout: afbeelding 'img/poster.png' bestaat niet; bedoel je "
        "'img/Poster.PNG'? Let op hoofdletters",
    ),
    (
        "link-outside-project",
        {f"{G}/gebed.md": FM + "[geheim](../../../../../etc/passwd)\n"},
        f"{G}/gebed.md:4:10: fout: link '../../../../../etc/passwd' wijst buiten het project",
    ),
    (
        "image-outside-project",
        {f"{G}/gebed.md": FM + "![x](../../../../../etc/hosts)\n"},
        f"{G}/gebed.md:4:6: fout: afbeelding '../../../../../etc/hosts' wijst buiten het project",
    ),
    (
        "image-remote",
        {f"{G}/gebed.md": FM + "![x](https://example.org/kaars.jpg)\n"},
        f"{G}/gebed.md:4:6: fout: afbeelding van internet (https://example.org/kaars.jpg) wordt "
        "niet opgehaald; zet het bestand in de map img/ en verwijs daarnaar",
    ),
    (
        "link-absolute-path",
        {f"{G}/gebed.md": FM + "[x](/content/blok1/_blok.md)\n"},
        f"{G}/gebed.md:4:5: fout: link '/content/blok1/_blok.md' begint met '/'; gebruik een pad "
        "vanaf dit bestand, zoals '../02-…/bijbelstudie.md'",
    ),
    (
        "public-link-to-leader-file",
        {f"{G}/gebed.md": FM + "Zie [achtergrond](achtergrond.md).\n"},
        f"{G}/gebed.md:4:19: fout: link naar 'achtergrond.md': dat bestand is alleen voor de "
        "leiding; zet de link binnen '::: handleiding'",
    ),
    (
        "unknown-container",
        {f"{G}/gebed.md": FM + "::: handleidng\nGeheim\n:::\n"},
        f"{G}/gebed.md:4:1: fout: onbekend blok '::: handleidng' (bedoelde je 'handleiding'?); "
        "bekend zijn: handleiding, lied, opdracht",
    ),
    (
        "leader-block-inside-code",
        {f"{G}/gebed.md": FM + "Tekst\n\n```\n::: handleiding\nGeheim\n:::\n```\n"},
        f"{G}/gebed.md:7:1: fout: dit lijkt het begin van een blok '::: handleiding', maar is het "
        "niet (staat het in een codeblok, te ver ingesprongen, of met andere tekens dan ':'?); "
        "de tekst eronder zou dan op de website komen",
    ),
    (
        "leader-block-indented-as-code",
        {f"{G}/gebed.md": FM + "Tekst\n\n    ::: handleiding\n    Geheim\n"},
        f"{G}/gebed.md:6:5: fout: dit lijkt het begin van een blok '::: handleiding', maar is het "
        "niet (staat het in een codeblok, te ver ingesprongen, of met andere tekens dan ':'?); "
        "de tekst eronder zou dan op de website komen",
    ),
    (
        "leader-block-with-look-alike-colons",
        {f"{G}/gebed.md": FM + "Tekst\n\n：：： handleiding\nGeheim\n"},
        f"{G}/gebed.md:6:1: fout: dit lijkt het begin van een blok '::: handleiding', maar is het "
        "niet (staat het in een codeblok, te ver ingesprongen, of met andere tekens dan ':'?); "
        "de tekst eronder zou dan op de website komen",
    ),
    (
        "leader-block-with-invisible-characters-between-the-colons",
        {f"{G}/gebed.md": FM + "Tekst\n\n:\u200b:\u200b: handleiding\nGeheim\n:\u200b:\u200b:\n"},
        f"{G}/gebed.md:6:1: fout: dit lijkt het begin van een blok '::: handleiding', maar is het "
        "niet (staat het in een codeblok, te ver ingesprongen, of met andere tekens dan ':'?); "
        "de tekst eronder zou dan op de website komen",
    ),
    (
        "leader-block-with-one-word-joiner-between-the-colons",
        {f"{G}/gebed.md": FM + "Tekst\n\n::\u2060: handleiding\nGeheim\n::\u2060:\n"},
        f"{G}/gebed.md:6:1: fout: dit lijkt het begin van een blok '::: handleiding', maar is het "
        "niet (staat het in een codeblok, te ver ingesprongen, of met andere tekens dan ':'?); "
        "de tekst eronder zou dan op de website komen",
    ),
    (
        "leader-block-with-unlisted-look-alike-colons",
        {
            f"{G}/gebed.md": FM
            + "Tekst\n\n\ua4fd\ua4fd\ua4fd handleiding\nGeheim\n\ua4fd\ua4fd\ua4fd\n"
        },
        f"{G}/gebed.md:6:1: fout: dit lijkt het begin van een blok '::: handleiding', maar is het "
        "niet (staat het in een codeblok, te ver ingesprongen, of met andere tekens dan ':'?); "
        "de tekst eronder zou dan op de website komen",
    ),
    (
        "leader-block-with-a-soft-hyphen-in-the-word",
        {f"{G}/gebed.md": FM + "Tekst\n\n\uff1a\uff1a\uff1a hand\u00adleiding\nGeheim\n"},
        f"{G}/gebed.md:6:1: fout: dit lijkt het begin van een blok '::: handleiding', maar is het "
        "niet (staat het in een codeblok, te ver ingesprongen, of met andere tekens dan ':'?); "
        "de tekst eronder zou dan op de website komen",
    ),
    (
        "leader-block-written-with-character-references",
        {f"{G}/gebed.md": FM + "Tekst\n\n&colon;&colon;&colon; handleiding\nGeheim\n"},
        f"{G}/gebed.md:6:1: fout: dit lijkt het begin van een blok '::: handleiding', maar is het "
        "niet (staat het in een codeblok, te ver ingesprongen, of met andere tekens dan ':'?); "
        "de tekst eronder zou dan op de website komen",
    ),
    (
        "leader-block-with-spaced-colons",
        {f"{G}/gebed.md": FM + "Tekst\n\n: : : handleiding\nGeheim\n"},
        f"{G}/gebed.md:6:1: fout: dit lijkt het begin van een blok '::: handleiding', maar is het "
        "niet (staat het in een codeblok, te ver ingesprongen, of met andere tekens dan ':'?); "
        "de tekst eronder zou dan op de website komen",
    ),
    (
        "leader-block-with-no-break-spaces-between-the-colons",
        {f"{G}/gebed.md": FM + "Tekst\n\n:\u00a0:\u00a0: handleiding\nGeheim\n"},
        f"{G}/gebed.md:6:1: fout: dit lijkt het begin van een blok '::: handleiding', maar is het "
        "niet (staat het in een codeblok, te ver ingesprongen, of met andere tekens dan ':'?); "
        "de tekst eronder zou dan op de website komen",
    ),
    (
        "leader-block-with-a-hyphenated-word",
        {f"{G}/gebed.md": FM + "Tekst\n\n\u2236\u2236\u2236 hand-leiding\nGeheim\n"},
        f"{G}/gebed.md:6:1: fout: dit lijkt het begin van een blok '::: handleiding', maar is het "
        "niet (staat het in een codeblok, te ver ingesprongen, of met andere tekens dan ':'?); "
        "de tekst eronder zou dan op de website komen",
    ),
    (
        "leader-block-after-text-on-the-line",
        {f"{G}/gebed.md": FM + "Tekst \ua789\ua789\ua789 handleiding\nGeheim\n"},
        f"{G}/gebed.md:4:7: fout: dit lijkt het begin van een blok '::: handleiding', maar is het "
        "niet (staat het in een codeblok, te ver ingesprongen, of met andere tekens dan ':'?); "
        "de tekst eronder zou dan op de website komen",
    ),
    (
        # the word on the line that opens another block: the text became a public box
        "leader-word-as-the-title-of-another-block",
        {f"{G}/gebed.md": FM + "::: opdracht ::: handleiding\nGeheim\n:::\n"},
        f"{G}/gebed.md:4:1: fout: blok '::: opdracht' met als titel '::: handleiding' is een "
        "openbaar blok; een blok voor de leiding begint met een eigen regel '::: handleiding'",
    ),
    (
        "leader-word-alone-as-a-song-title",
        {f"{G}/gebed.md": FM + "::: lied handleiding\nGeheim\n:::\n"},
        f"{G}/gebed.md:4:1: fout: blok '::: lied' met als titel 'handleiding' is een "
        "openbaar blok; een blok voor de leiding begint met een eigen regel '::: handleiding'",
    ),
    (
        # read as false, the file went out: an empty switch is a mistake
        "leader-switch-left-empty",
        {f"{G}/x4.md": "---\nonderdeel: bijbelstudie\nhandleiding:\n---\nGeheim\n"},
        f"{G}/x4.md:3:13: fout: 'handleiding' is leeg; schrijf true of false",
    ),
    (
        "leader-switch-read-as-a-note",
        {f"{G}/x3.md": "---\nonderdeel: bijbelstudie\nhandleiding: # true\n---\nGeheim\n"},
        f"{G}/x3.md:3:14: fout: 'handleiding' is leeg (YAML leest '# true' als een notitie); "
        "schrijf true of false",
    ),
    (
        # copied to the site as it was, its <script> ran as the site's own
        "link-to-a-web-page-in-content",
        {f"{G}/gebed.md": FM + "[x](img/a.html)\n", f"{G}/img/a.html": "<script>x</script>"},
        f"{G}/gebed.md:4:5: fout: link 'img/a.html': een .html-bestand gaat niet mee naar de "
        "website, want een browser voert wat erin staat uit als een pagina of script van de "
        "site zelf; zet de tekst in Markdown, of maak er een pdf van",
    ),
    (
        "picture-that-is-a-compressed-svg",
        {f"{G}/gebed.md": FM + "![x](img/a.svgz)\n", f"{G}/img/a.svgz": b"\x1f\x8b"},
        f"{G}/gebed.md:4:6: fout: afbeelding 'img/a.svgz': een .svgz-bestand gaat niet mee "
        "naar de website, want een browser voert wat erin staat uit als een pagina of script "
        "van de site zelf; zet de tekst in Markdown, of maak er een pdf van",
    ),
    (
        "yaml-tag-the-value-does-not-fit",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\ntitel: !!bool abc\n---\n"},
        f"{G}/gebed.md:3:8: fout: YAML-fout: 'abc' past niet bij !!bool",
    ),
    (
        "yaml-timestamp-tag-on-a-word",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\ntitel: !!timestamp abc\n---\n"},
        f"{G}/gebed.md:3:8: fout: YAML-fout: 'abc' past niet bij !!timestamp",
    ),
    (
        "yaml-escape-beyond-unicode",
        {f"{G}/gebed.md": '---\nonderdeel: gebed\ntitel: "\\U00110000"\n---\n'},
        f"{G}/gebed.md:2:1: fout: YAML-fout: een teken met \\U of \\x bestaat niet in Unicode",
    ),
    (
        # check said "In orde"; the build stopped with a traceback writing the page
        "yaml-half-a-character",
        {f"{G}/gebed.md": '---\nonderdeel: gebed\ntitel: "a\\ud800b"\n---\n'},
        f"{G}/gebed.md:3:8: fout: deze tekst bevat een onzichtbaar teken (U+D800) dat de "
        "tekst verandert of omdraait; typ hem opnieuw zonder te plakken",
    ),
    (
        "yaml-nested-too-deep",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\ntitel: " + "[" * 400 + "]" * 400 + "\n---\n"},
        f"{G}/gebed.md:2:1: fout: YAML-fout: lijsten of sleutels zijn te diep in elkaar genest",
    ),
    (
        "picture-address-with-a-null-byte",  # a traceback in check and build
        {f"{G}/gebed.md": FM + "![x](img/a%00.png)\n"},
        f"{G}/gebed.md:4:6: fout: afbeelding 'img/a%00.png' bevat een ongeldig teken (%00)",
    ),
    (
        # beside blok1 it made a second blok at blok1/: the build stopped with a traceback
        "blok-folder-with-a-leading-zero",
        {"content/blok01/_blok.md": "---\nblok: 1\ntitel: X\n---\nI\n"},
        "content/blok01:1:1: fout: mapnaam 'blok01': schrijf het nummer zonder voorloopnul en "
        "met de cijfers 0-9: 'blok1'",
    ),
    (
        "page-named-like-the-editor",  # admin/ is the browser editor's address
        {"content/paginas/admin.md": "---\ntitel: Beheer\n---\nTekst.\n"},
        "content/paginas/admin.md:1:1: fout: de pagina 'admin' krijgt het adres admin/, dat de "
        "site zelf al gebruikt; geef het bestand een andere naam",
    ),
    (
        # the site showed a broken picture, the booklets none, without a word
        "picture-that-is-no-picture",
        {f"{G}/gebed.md": FM + "![x](img/a.png)\n", f"{G}/img/a.png": b"geen png"},
        f"{G}/gebed.md:4:6: fout: afbeelding 'img/a.png' is geen leesbare png-afbeelding "
        "(beschadigd, of een ander soort bestand met deze naam); sla hem opnieuw op als png "
        "of jpg",
    ),
    (
        "picture-with-too-many-pixels",
        {f"{G}/gebed.md": FM + "![x](img/a.png)\n", f"{G}/img/a.png": png_claiming(10**5, 10**5)},
        f"{G}/gebed.md:4:6: fout: afbeelding 'img/a.png' heeft te veel pixels om te tonen; "
        "maak hem kleiner, hoogstens 2500 pixels breed en hoog",
    ),
    (
        # PyYAML's English came through: "ongeldige YAML (could not determine a constructor…"
        "yaml-unknown-tag-in-dutch",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\ntitel: !!python/object:os.system ls\n---\n"},
        f"{G}/gebed.md:3:8: fout: YAML-fout: onbekend YAML-label (een '!' voor de waarde); zet "
        "tekst die met '!' begint tussen aanhalingstekens",
    ),
    (
        "yaml-value-starting-with-at-in-dutch",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\ntitel: @focus\n---\n"},
        f"{G}/gebed.md:3:8: fout: YAML-fout: met dit teken kan geen waarde beginnen; zet de "
        "tekst tussen aanhalingstekens",
    ),
    (
        # was English, on two lines, and at the front matter's first line
        "yaml-control-character-where-it-is",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\ntitel: a\x07b\n---\n"},
        f"{G}/gebed.md:3:9: fout: YAML-fout: een onzichtbaar stuurteken (U+0007); typ de tekst "
        "opnieuw zonder te plakken",
    ),
    (
        # said "onbekende liedbundel '[Node(value='Ps', line=5, …)]'"
        "song-book-given-as-a-list",
        {
            f"{G}/gebed.md": "---\nonderdeel: gebed\nliederen:\n"
            "  - {bundel: [Ps], nummer: 42, titel: Psalm 42}\n---\n"
        },
        f"{G}/gebed.md:4:14: fout: 'bundel' moet tekst zijn, niet een lijst",
    ),
    (
        "binary-value-said-as-such",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\ntitel: !!binary aGVsbG8=\n---\n"},
        f"{G}/gebed.md:3:8: fout: 'titel' moet tekst zijn, niet binaire gegevens (!!binary) "
        "(zet de waarde tussen aanhalingstekens)",
    ),
    (
        # was one English line without a place: "…aaaa.png: File name too long (errno 36)"
        "picture-name-too-long-to-look-up",
        {f"{G}/gebed.md": FM + "![x](" + "a" * 5000 + ".png)\n"},
        f"{G}/gebed.md:4:6: fout: afbeelding '{'a' * 57}…' kan niet worden opgezocht: de naam "
        "is te lang",
    ),
    (
        # YAML ended the line there too: every later line was told one too low
        "yaml-line-separator-where-it-is",
        {f"{G}/gebed.md": "---\nonderdeel: gebed\ntitel: a\u2028b\nduur: tien\n---\n"},
        f"{G}/gebed.md:3:9: fout: YAML-fout: een onzichtbaar regeleinde (U+2028); typ de "
        "tekst opnieuw zonder te plakken",
    ),
    (
        "unclosed-fence-inside-a-container",
        {f"{G}/gebed.md": FM + "::: handleiding\n~~~\n:::\nGeheim\n"},
        f"{G}/gebed.md:4:1: fout: blok '::: handleiding' is niet afgesloten met een regel ':::'",
    ),
    (
        "stray-container-end",
        {f"{G}/gebed.md": FM + "Tekst\n:::\n"},
        f"{G}/gebed.md:5:1: fout: losse ':::' zonder blok dat ermee begint",
    ),
    (
        "unclosed-container",
        {f"{G}/gebed.md": FM + "Tekst\n\n::: handleiding\nGeheim\n"},
        f"{G}/gebed.md:6:1: fout: blok '::: handleiding' is niet afgesloten met een regel ':::'",
    ),
    (
        "page-bad-file-name",
        {"content/paginas/Over Ons.md": "---\ntitel: Over ons\n---\n"},
        "content/paginas/Over Ons.md:1:1: fout: bestandsnaam 'Over Ons.md' mag alleen kleine "
        "letters, cijfers en '-' bevatten (het wordt een webadres)",
    ),
    (
        "song-index-duplicate",
        {
            "content/liederen.yaml": "- {bundel: Ps, nummer: 42, titel: Psalm 42}\n"
            "- {bundel: Ps, nummer: 42, titel: Psalm 42}\n"
        },
        "content/liederen.yaml:2:3: fout: Ps 42 staat twee keer in de lijst",
    ),
]


def run_check(root: object, *args: str) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(cli, ["check", "-p", str(root), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"traceback: {result.exception!r}"
    )
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout.splitlines(), result.output


@pytest.mark.parametrize(("files", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_mistake_is_reported_with_file_line_and_dutch_message(
    make_project: MakeProject, files: dict[str, str | bytes | None], expected: str
) -> None:
    root = make_project(files)
    code, lines, output = run_check(root)
    assert code == 1, output
    assert expected in lines, output
    assert "niet in orde" in output


def test_all_problems_are_reported_together_and_sorted(make_project: MakeProject) -> None:
    root = make_project(
        {
            f"{G}/gebed.md": "---\nonderdeel: gebd\n---\nT\n",
            f"{G}/lied.md": "---\nonderdeel: lied\nbundel: Ps\n---\nT\n",
            "content/blok1/_blok.md": None,
        }
    )
    code, lines, _ = run_check(root)
    assert code == 1
    assert lines == [
        "content/blok1:1:1: fout: blokmap zonder _blok.md (met blok, titel, periode, jaar, "
        "maanden)",
        f"{G}/gebed.md:2:12: fout: onbekend onderdeel 'gebd' (bedoelde je 'gebed'?)",
        f"{G}/lied.md:3:1: fout: onbekende sleutel 'bundel'; een lied staat in 'liederen' als "
        "{bundel: Ps, nummer: 42, titel: …}",
    ]


def test_bom_and_crlf_are_fine(make_project: MakeProject) -> None:
    text = "\ufeff---\r\nonderdeel: gebed\r\nduur: 10\r\n---\r\nLees Joh. 15:1-8.\r\n"
    root = make_project({f"{G}/gebed.md": text.encode("utf-8")})
    code, lines, output = run_check(root, "--strict")
    assert code == 0, output
    assert lines[0].startswith("In orde:")


def test_crlf_keeps_line_numbers(make_project: MakeProject) -> None:
    text = "---\r\nonderdeel: gebed\r\n---\r\n\r\nJona 9\r\n"
    root = make_project({f"{G}/gebed.md": text.encode("utf-8")})
    _, lines, _ = run_check(root)
    assert f"{G}/gebed.md:5:1: fout: Jona heeft 4 hoofdstukken, geen hoofdstuk 9" in lines


def test_missing_onderdeel_is_a_warning_and_fails_under_strict(make_project: MakeProject) -> None:
    root = make_project({f"{G}/gebed.md": None})
    expected = (
        f"{G}/_gesprek.md:1:1: waarschuwing: gesprek 'Kom en zie' mist het onderdeel "
        "'Gebed' voor de kring"
    )
    code, lines, _ = run_check(root)
    assert code == 0 and expected in lines
    code, lines, output = run_check(root, "--strict")
    assert code == 1 and expected in lines
    assert "niet in orde, omdat --strict de waarschuwingen als fouten telt" in output


def test_a_picture_without_a_description_is_a_warning(make_project: MakeProject) -> None:
    """`![](img/kaart.png)` passed silently, and a screen reader read out the file name;
    a picture with a description gets no warning."""
    picture = (REPO / "content/nieuws/img/jongeren-rond-de-bijbel.png").read_bytes()
    root = make_project(
        {
            f"{G}/gebed.md": "---\nonderdeel: gebed\n---\nTekst.\n\nZie ![](img/kaart.png) "
            "en ![De kaart van de stad](img/kaart.png).\n",
            f"{G}/img/kaart.png": picture,
        }
    )
    code, lines, output = run_check(root)
    assert code == 0, output
    found = [line for line in lines if "beschrijving" in line]
    assert found == [
        f"{G}/gebed.md:6:9: waarschuwing: afbeelding zonder beschrijving: zet tussen de [ ] "
        "wat erop staat, voor wie hem niet ziet (![Jongeren rond de Bijbel](img/…))"
    ], output
    assert run_check(root, "--strict")[0] == 1


def test_a_song_index_that_cannot_be_read_is_one_error(make_project: MakeProject) -> None:
    """A liederen.yaml with a YAML mistake gave its error and then a warning for every
    song the sections use ("staat niet in content/liederen.yaml"): 283 in the shipped
    content, burying the one line that mattered."""
    root = make_project({"content/liederen.yaml": "- {bundel: Ps, nummer: 42, titel: Psalm 42\n"})
    code, lines, output = run_check(root)
    assert code == 1, output
    assert [line for line in lines if "liederen.yaml" in line and ": fout:" in line], output
    assert not [line for line in lines if "staat niet in content/liederen.yaml" in line], output


def test_a_gesprek_with_a_name_taken_is_still_checked(make_project: MakeProject) -> None:
    """A second folder named like the first reported only that; the mistakes in its own
    files came to light only after the rename, in a second round."""
    root = make_project(
        {
            "content/blok1/02-kom-en-zie/_gesprek.md": "---\ntitel: X\nbijbelgedeelte: "
            "Joh. 1:1\n---\n",
            "content/blok1/02-kom-en-zie/gebed.md": "---\nonderdeel: gebd\n---\nTekst\n",
        }
    )
    code, lines, output = run_check(root)
    assert code == 1
    wrong = "content/blok1/02-kom-en-zie/gebed.md:2:12: fout: onbekend onderdeel 'gebd'"
    assert any(line.startswith(wrong) for line in lines), output
    assert any("twee gesprekken met de naam 'kom-en-zie'" in line for line in lines), output


def test_missing_doelgroep_is_a_warning(make_project: MakeProject) -> None:
    root = make_project({f"{G}/gezin.md": None})
    code, lines, _ = run_check(root)
    assert code == 0
    assert (
        f"{G}/_gesprek.md:1:1: waarschuwing: gesprek 'Kom en zie' heeft geen materiaal voor 'Gezin'"
    ) in lines


def test_material_that_no_book_takes_is_a_warning(make_project: MakeProject) -> None:
    """A partner adds children's material to a katern whose books (focus.yaml) take the
    kring only: it would be on the website and in no PDF, where its author expects it."""
    from tests.conftest import project_config

    leader_books = "per: katern\n    doelgroepen: [kring, groep-3-5, groep-6-8, 12-16, 16-plus"
    config = project_config()
    assert leader_books in config
    katern = "content/katernen/gebed"
    files: dict[str, str | None] = {
        "focus.yaml": config.replace(leader_books, "per: katern\n    doelgroepen: [kring"),
        f"{katern}/_katern.md": "---\ntitel: Gebed\n---\nOver bidden.\n",
        f"{katern}/01-leer-ons-bidden/_gesprek.md": (
            "---\ntitel: Leer ons bidden\nbijbelgedeelte: Lucas 11:1-13\n---\nIntro.\n"
        ),
        f"{katern}/01-leer-ons-bidden/gebed.md": "---\nonderdeel: gebed\n---\nBid samen.\n",
        f"{katern}/01-leer-ons-bidden/groep-3-5.md": (
            f"---\nonderdeel: gebed\ndoelgroep: groep-3-5\n{LED}---\nJezus leert bidden.\n"
        ),
    }
    _, lines, _ = run_check(make_project(files))
    assert (
        f"{katern}/01-leer-ons-bidden/groep-3-5.md:1:1: waarschuwing: dit materiaal voor "
        "Groep 3-5 komt in geen pdf: geen publicatie per katern in focus.yaml heeft die "
        "doelgroep (het staat alleen op de website)"
    ) in lines
    assert not any("gebed.md" in line and "geen pdf" in line for line in lines)  # the kring's
    # with the shipped focus.yaml the katern's leader edition takes it: nothing to say
    del files["focus.yaml"]
    _, lines, _ = run_check(make_project(files))
    assert not any("komt in geen pdf" in line for line in lines), lines


def test_leader_only_doelgroep_file_does_not_count(make_project: MakeProject) -> None:
    root = make_project(
        {f"{G}/gezin.md": "---\nonderdeel: gebed\ndoelgroep: gezin\nhandleiding: true\n---\nT\n"}
    )
    _, lines, _ = run_check(root)
    assert any("geen materiaal voor 'Gezin'" in line for line in lines)


def test_song_missing_from_index_is_a_warning(make_project: MakeProject) -> None:
    root = make_project(
        {
            f"{G}/lied.md": "---\nonderdeel: lied\nliederen:\n"
            "  - {bundel: Ps, nummer: 23, titel: Psalm 23}\n---\nT\n"
        }
    )
    code, lines, _ = run_check(root, "--strict")
    assert code == 1
    missing = f"{G}/lied.md:4:1: waarschuwing: lied Ps 23 staat niet in content/liederen.yaml"
    assert any(line.startswith(missing + "; voeg het daar toe, met ") for line in lines)


def test_empty_song_index_still_checks(make_project: MakeProject) -> None:
    root = make_project(
        {
            "content/liederen.yaml": "",
            f"{G}/lied.md": "---\nonderdeel: lied\nliederen:\n"
            "  - {bundel: Ps, nummer: 42, titel: Psalm 42}\n---\nT\n",
        }
    )
    _, lines, _ = run_check(root)
    assert any(
        line.startswith(
            f"{G}/lied.md:4:1: waarschuwing: lied Ps 42 staat niet in content/liederen.yaml"
        )
        for line in lines
    )


def test_song_title_must_match_the_index(make_project: MakeProject) -> None:
    root = make_project(
        {
            f"{G}/lied.md": "---\nonderdeel: lied\nliederen:\n"
            "  - {bundel: Ps, nummer: 42, titel: Als een hert}\n---\nT\n"
        }
    )
    _, lines, _ = run_check(root)
    assert (
        f"{G}/lied.md:4:1: waarschuwing: lied Ps 42 heet in content/liederen.yaml "
        "'Psalm 42', hier 'Als een hert'"
    ) in lines


def test_names_are_accepted_case_insensitively(make_project: MakeProject) -> None:
    root = make_project(
        {
            f"{G}/delen-en-dienen.md": "---\nonderdeel: Delen & dienen\nduur: 10\n---\nT\n",
            f"{G}/16-plus.md": f"---\nonderdeel: [Bijbelstudie]\ndoelgroep: 16+\n{LED}---\nT\n",
            f"{G}/groep-3-5.md": f"---\nonderdeel: gebed\ndoelgroep: groep 3-5\n{LED}---\nT\n",
        }
    )
    code, _, output = run_check(root, "--strict")
    assert code == 0, output


def test_github_format_prints_workflow_commands(make_project: MakeProject) -> None:
    root = make_project(
        {
            f"{G}/gebed.md": "---\nonderdeel: gebd\n---\nT\n",
            f"{G}/lied.md": "---\nonderdeel: lied\nliederen:\n"
            "  - {bundel: Ps, nummer: 23, titel: Psalm 23}\n---\nT\n",
        }
    )
    code, lines, _ = run_check(root, "--format", "github")
    assert code == 1
    assert lines == [
        f"::error file={G}/gebed.md,line=2,col=12::onbekend onderdeel 'gebd' "
        "(bedoelde je 'gebed'?)",
        f"::warning file={G}/lied.md,line=4,col=1::lied Ps 23 staat niet in "
        "content/liederen.yaml; voeg het daar toe, met dezelfde bundel, hetzelfde nummer en "
        "dezelfde titel",
    ]


def test_github_format_escapes_special_characters() -> None:
    from focusbuild.diagnostics import Diagnostic, Severity

    d = Diagnostic("a,b:c.md", 3, 4, Severity.ERROR, "50% klaar\nregel twee")
    assert d.github() == "::error file=a%2Cb%3Ac.md,line=3,col=4::50%25 klaar%0Aregel twee"


def test_usage_error_exits_2_in_dutch(make_project: MakeProject) -> None:
    result = CliRunner().invoke(cli, ["check", "--formaat", "x"])
    assert result.exit_code == 2
    assert "Fout: Onbekende optie '--formaat'." in result.output
    assert "Bedoelde je '--format'?" in result.output
    day = CliRunner().invoke(cli, ["check", "--datum", "2027-13-01"])
    assert day.exit_code == 2
    assert "'2027-13-01' is geen datum als JJJJ-MM-DD (bijvoorbeeld 2027-03-01)" in day.output
    assert "[required]" not in CliRunner().invoke(cli, ["new", "gemeente", "--help"]).output
    # the same Dutch word for plain output as `status --format tekst`
    assert "--format [tekst|github]" in CliRunner().invoke(cli, ["check", "--help"]).output


def test_missing_focus_yaml(tmp_path: object) -> None:
    code, lines, _ = run_check(tmp_path)
    assert code == 1
    assert lines[0].startswith("focus.yaml:1:1: fout: focus.yaml niet gevonden in ")
    assert lines[0].endswith(
        "; geef de projectmap aan met -p MAP, of ga met cd naar de projectmap of een map daarin"
    )


def test_a_song_bundle_may_be_named_as_readers_know_it(make_project: MakeProject) -> None:
    """'Psalm', the name before a psalm's number, means the bundle Ps: a youth worker who
    writes `bundel: Psalm` gets no error."""
    root = make_project(
        {
            f"{G}/lied.md": "---\nonderdeel: lied\nduur: 5\nliederen:\n"
            "  - {bundel: Psalm, nummer: 42, titel: Psalm 42}\n---\nT\n"
        }
    )
    code, lines, _ = run_check(root, "--strict")
    assert code == 0, lines


def test_a_file_focusbuild_does_not_read_says_what_to_rename_it_to(
    make_project: MakeProject,
) -> None:
    """A partner's file saved as "Spel Groep 6-8.MD", "_Gesprek.MD" or a Word file is
    skipped: the warning says why, and what name focusbuild would read. In a folder where
    no Markdown file is read, it does not suggest a name that would be skipped too."""
    root = make_project(
        {
            f"{G}/Spel Groep 6-8.MD": "---\nonderdeel: gebed\n---\nT\n",
            "content/blok1/Los.MD": "Tekst.\n",
        }
    )
    (root / G / "spel.docx").write_bytes(b"PK\x03\x04")
    (root / G / "_Extra.MD").write_text("T\n")
    (root / G / "spel.md.txt").write_text("T\n")  # an editor that added its own ending
    _, lines, _ = run_check(root)
    assert any(f"{G}/spel.md.txt:1:1:" in line and "naar 'spel.md';" in line for line in lines)
    assert (
        f"{G}/Spel Groep 6-8.MD:1:1: waarschuwing: 'Spel Groep 6-8.MD' eindigt niet op '.md' "
        "(kleine letters), dus focusbuild leest het niet; hernoem het, bijvoorbeeld naar "
        "'spel-groep-6-8.md'; wordt overgeslagen"
    ) in lines
    assert any(f"{G}/_Extra.MD:1:1:" in line and "naar '_extra.md'" in line for line in lines)
    assert (
        f"{G}/spel.docx:1:1: waarschuwing: 'spel.docx' is geen Markdown: zet de tekst in een "
        "bestand dat op '.md' eindigt, bijvoorbeeld 'spel.md' (zie docs/redactie.md); wordt "
        "overgeslagen"
    ) in lines
    assert (
        "content/blok1/Los.MD:1:1: waarschuwing: onbekend bestand of onbekende map; wordt "
        "overgeslagen"
    ) in lines


def _photo(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", (width, height), "#8a6").save(data, "PNG")
    return data.getvalue()


def test_a_picture_too_large_for_a_page_and_a_booklet_is_a_warning(
    make_project: MakeProject,
) -> None:
    """A partner's 6000 × 4000 phone photo went to the site and into the children's booklet
    as it was (28 MB, beside booklets of 55-82 kB), without a word."""
    root = make_project(
        {
            f"{G}/gebed.md": FM + "![De kinderen](img/foto.png)\n\n![Een kaart](img/kaart.png)\n",
            f"{G}/img/foto.png": _photo(4000, 3000),
            f"{G}/img/kaart.png": _photo(1600, 900),  # a picture a page can hold: no word
        }
    )
    code, output_lines, output = run_check(root)
    assert code == 0, output
    lines = [line for line in output_lines if "afbeelding" in line]
    assert len(lines) == 1, output
    assert re.fullmatch(
        rf"{G}/gebed\.md:4:16: waarschuwing: afbeelding 'img/foto\.png' is groot \(4000 × "
        r"3000 pixels\) en komt zo op de website en in elk boekje; maak hem kleiner, "
        r"hoogstens 2500 pixels breed en hoog en liefst onder 1 MB \(bijvoorbeeld 1600 pixels "
        r"breed\)",
        lines[0],
    ), lines[0]


def test_a_file_name_that_breaks_the_address_or_names_another_group_is_a_warning(
    make_project: MakeProject,
) -> None:
    """A copy saved as "Groep 6-8 Spel (kopie).md" made id="Groep 6-8 Spel (kopie)" on the
    page (an address with spaces, which no link reaches), and a groep-6-8.md copied for
    16+ was counted as 16+ without a word: both passed `check --strict`."""
    spel = "---\nonderdeel: gebed\ndoelgroep: groep-6-8\n" + LED + "---\nSpel.\n"
    copied = "---\nonderdeel: [bijbelstudie, gebed]\ndoelgroep: 16-plus\n" + LED + "---\nT.\n"
    root = make_project({f"{G}/Groep 6-8 Spel (kopie).md": spel, f"{G}/groep-6-8.md": copied})
    code, lines, output = run_check(root)
    assert code == 0, output
    assert (
        f"{G}/Groep 6-8 Spel (kopie).md:1:1: waarschuwing: de bestandsnaam 'Groep 6-8 Spel "
        "(kopie).md' wordt het adres van deze tekst op de pagina; geef het bestand een naam "
        "met alleen kleine letters, cijfers en '-', zoals 'groep-6-8-spel-kopie.md'" in lines
    ), output
    assert (
        f"{G}/groep-6-8.md:3:12: waarschuwing: dit bestand heet naar Groep 6-8, maar "
        "'doelgroep' zegt 16+; klopt de doelgroep, of de bestandsnaam?" in lines
    ), output


def test_a_passage_with_a_semicolon_for_the_colon_is_a_warning(make_project: MakeProject) -> None:
    """ "Marcus 10;13-16" in a text linked "Marcus 10" and left ";13-16" as plain text."""
    # "op 3;4" is no book: a lower-case word is never taken for one
    root = make_project(
        {f"{G}/gebed.md": FM + "Lees samen Marcus 10;13-16 en 1 Kor. 13:4, op 3;4.\n"}
    )
    code, lines, output = run_check(root)
    assert code == 0, output
    assert [line for line in lines if "dubbele punt" in line] == [
        f"{G}/gebed.md:4:12: waarschuwing: 'Marcus 10;13-16': bedoel je 'Marcus 10:13-16'? Met "
        "een ; wordt alleen 'Marcus 10' een bijbeltekst; verzen staan na een dubbele punt"
    ], output


def test_a_title_that_yaml_reads_as_a_comment_is_a_warning(make_project: MakeProject) -> None:
    """`titel: # 1 Jezus` gave the page the default heading without a word: YAML reads what
    follows " #" as a comment."""
    front = "---\nonderdeel: gebed\ntitel: # 1 Jezus\n---\nT\n"
    code, lines, output = run_check(make_project({f"{G}/gebed.md": front}))
    assert code == 0, output
    assert [line for line in lines if "notitie" in line] == [
        f"{G}/gebed.md:3:8: waarschuwing: 'titel' is leeg: YAML leest '# 1 Jezus' als een "
        'notitie. Is het de tekst? Zet hem dan tussen aanhalingstekens: titel: "# 1 Jezus"'
    ], output


def test_a_comment_where_no_text_is_expected_and_a_closed_list_keep_their_place(
    make_project: MakeProject,
) -> None:
    """Two findings of a review: "vrij: # geen" was warned about with advice that made it
    an error, and a slip inside a list over several lines was reported as "[ not closed"
    at its first line."""
    from focusbuild.check import check_project

    root = make_project(
        {
            "gemeenten/bethel.yaml": "naam: Bethel\nplaats: Oostdorp\nstartjaar: 2028\n"
            "kringavond: dinsdag\nvrij: # nog geen\n",
            f"{G}/gebed.md": "---\nonderdeel: gebed\nliederen: [{bundel: Ps,\n"
            "  nummer: 42, titel: Psalm: 42}]\n---\nT\n",
        }
    )
    lines = [d.human() for d in check_project(root).diagnostics]
    assert not [line for line in lines if line.startswith("gemeenten/")], lines
    assert [line for line in lines if "gebed.md" in line] == [
        f"{G}/gebed.md:4:27: fout: YAML-fout: een dubbele punt binnen {{ }} scheidt een sleutel "
        'van zijn waarde; staat hij in een tekst, zet die tekst dan tussen aanhalingstekens ("…")'
    ], lines


def test_the_help_lists_every_command_and_a_typo_gets_a_suggestion() -> None:
    """`scan` and `diff` are loaded only when asked for; the help still lists them, in
    order, and a misspelt command is still told which one was meant."""
    listed = CliRunner().invoke(cli, ["--help"]).output
    names = re.findall(r"^  ([a-z]+) {2,}", listed, re.M)
    assert names == sorted(names)
    assert {"build", "check", "diff", "new", "scan", "serve", "status"} <= set(names)
    scan = CliRunner().invoke(cli, ["scan", "--help"])
    assert scan.exit_code == 0 and "rapport" in scan.output
    typo = CliRunner().invoke(cli, ["scna"])
    assert typo.exit_code == 2
    assert "Bedoelde je 'scan'?" in typo.output, typo.output


def test_a_link_in_a_footnote_written_in_a_leader_block_may_name_a_leader_file(
    make_project: MakeProject,
) -> None:
    """A footnote's text is set at the end of the page, so its tokens came after the
    block it was written in: a link to a leader-only file there was refused as public
    ("zet de link binnen '::: handleiding'"), though it was inside the block. Written
    outside the block, it still is refused."""
    inside = "::: handleiding\nZie[^a].\n\n[^a]: Noot met [achtergrond](achtergrond.md).\n:::\n"
    root = make_project({f"{G}/gebed.md": FM + inside})
    code, _, output = run_check(root)
    assert code == 0, output
    outside = "Zie[^a].\n\n[^a]: Noot met [achtergrond](achtergrond.md).\n"
    root = make_project({f"{G}/gebed.md": FM + outside})
    code, lines, output = run_check(root)
    assert code == 1, output
    assert any("alleen voor de leiding; zet de link binnen '::: handleiding'" in x for x in lines)
