"""The FocusScan: the questions checked as content, the form served and stored once,
the report's numbers, and the service under load and when it is killed."""

from __future__ import annotations

import csv
import datetime
import http.client
import io
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from click.testing import CliRunner
from playwright.sync_api import Browser
from pypdf import PdfReader

from focusbuild.cli import cli
from focusbuild.config import Config, load_config
from focusbuild.diagnostics import Collector
from focusbuild.render.templates import dutch_date
from focusbuild.scan.app import ScanApp
from focusbuild.scan.commands import answers_csv
from focusbuild.scan.questions import parse
from focusbuild.scan.report import number, report_html, results
from focusbuild.scan.store import Scan, Store
from focusbuild.today import today_nl
from tests.conftest import REPO, MakeProject

QUESTIONS = (REPO / "content/focusscan.yaml").read_text(encoding="utf-8")
TOMORROW = datetime.date.today() + datetime.timedelta(days=1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int, seconds: float = 20) -> float:
    """Wait until something answers on `port` (at most `seconds`); the deadline."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return deadline


def post(
    port: int, token: str, fields: list[tuple[str, str]], headers: dict[str, str] | None = None
) -> tuple[int, str]:
    body = urllib.parse.urlencode(fields)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        "POST",
        f"/scan/{token}/",
        body=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", **(headers or {})},
    )
    response = connection.getresponse()
    text = response.read().decode("utf-8")
    connection.close()
    return response.status, text


def issued_nonce(port: int, token: str) -> str:
    """The nonce the form page hands out, as a browser gets it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", f"/scan/{token}/")
    html = connection.getresponse().read().decode("utf-8")
    connection.close()
    found = re.search(r'name="nonce" value="([^"]+)"', html)
    assert found is not None, html[:500]
    return found.group(1)


# ---- the questions are content --------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("{id: wens,", "{id: dankbaar,"),
            "content/focusscan.yaml:85:10: fout: id 'dankbaar' staat al op regel 83; elke vraag "
            "heeft een eigen id",
        ),
        (
            (
                "schaal: [Helemaal oneens, Oneens, Neutraal, Eens, Helemaal eens]",
                "schaal: [Ja, Nee]",
            ),
            "content/focusscan.yaml:20:9: fout: 'schaal' heeft vijf stappen",
        ),
        (
            ("  - {id: wens,", "  - {id: vier, vraag: Nog iets?}\n  - {id: wens,"),
            "content/focusscan.yaml:83:3: fout: hoogstens 3 open vragen, niet 4",
        ),
        (
            (
                "opties: [jonger dan 18, 18 tot 30, 30 tot 50, 50 tot 70, 70 of ouder]",
                "opties: [jong]",
            ),
            "content/focusscan.yaml:72:13: fout: een keuzevraag heeft ten minste twee opties, "
            "deze heeft er 1",
        ),
        (
            # the second one compared, and with a mistake of its own (an id already taken)
            (
                "  - id: betrokkenheid\n",
                "  - id: leeftijd\n    vergelijken: true\n",
            ),
            "content/focusscan.yaml:75:18: fout: het rapport vergelijkt op één keuzevraag; "
            "'vergelijken: true' staat al op regel 73",
        ),
    ],
    ids=["duplicate-id", "scale", "too-many-open", "one-option", "two-compared"],
)
def test_mistakes_in_the_questions_are_diagnostics(
    make_project: MakeProject, change: tuple[str, str], expected: str
) -> None:
    root = make_project({"content/focusscan.yaml": QUESTIONS.replace(*change, 1)})
    result = CliRunner().invoke(cli, ["check", "-p", str(root)])
    assert result.exit_code == 1
    assert any(line.startswith(expected) for line in result.output.splitlines()), result.output


# ---- the store ----------------------------------------------------------------------


def test_the_database_is_for_its_owner_only_and_stores_a_nonce_once(tmp_path: Path) -> None:
    store = Store(tmp_path / "scan.db")
    scan = store.open("oosterwaarde", TOMORROW, QUESTIONS)
    assert stat.S_IMODE((tmp_path / "scan.db").stat().st_mode) == 0o600
    assert store.submit(scan, "n" * 20, {"eerlijk": 4}) is True
    assert store.submit(scan, "n" * 20, {"eerlijk": 5}) is False  # a double click
    assert store.responses(scan) == [{"eerlijk": 4}]
    wal = tmp_path / "scan.db-wal"
    assert not wal.exists() or stat.S_IMODE(wal.stat().st_mode) == 0o600


# ---- the service ---------------------------------------------------------------------


class Service:
    def __init__(self, store: Store, scan: Scan, port: int) -> None:
        self.store, self.scan, self.port = store, scan, port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/scan/{self.scan.token}/"

    def form(self, **answers: str) -> list[tuple[str, str]]:
        return [("nonce", issued_nonce(self.port, self.scan.token)), *answers.items()]


@contextmanager
def serving(app: ScanApp) -> Iterator[int]:
    """The app served by uvicorn on a free port, in a thread."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, access_log=False, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    store = Store(tmp_path / "scan.db")
    scan = store.open("oosterwaarde", TOMORROW, QUESTIONS)
    # no cap: the tests of many forms at once send them faster than people do
    with serving(ScanApp(store, REPO / "layouts", "IZB", per_minute=10_000)) as port:
        yield Service(store, scan, port)


def test_the_form_needs_no_cookies_and_keeps_the_token_to_itself(service: Service) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", service.port, timeout=10)
    connection.request("GET", f"/scan/{service.scan.token}/")
    response = connection.getresponse()
    html = response.read().decode("utf-8")
    assert response.status == 200
    assert response.getheader("Set-Cookie") is None
    assert response.getheader("Referrer-Policy") == "no-referrer"
    assert '<html lang="nl">' in html and "<script" not in html  # works without JavaScript
    assert 'href="/scan/static/site.css"' in html and 'name="nonce"' in html


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"eerlijk": "4", "geheim": "1"}, "Onbekende vraag &#39;geheim&#39; in het formulier"),
        ({"eerlijk": "6"}, "kies een antwoord van 1 tot en met 5"),
        ({"leeftijd": "9"}, "kies een van de 5 antwoorden"),
        ({"dankbaar": "x" * 2001}, "is te lang: hoogstens 2000 tekens, dit zijn er 2001"),
        ({}, "U hebt nog geen enkele vraag beantwoord"),
        ({"eerlijk": "", "lauw": ""}, "‘Weet ik niet’ telt niet als antwoord"),
        ({"eerlijk": "²"}, "kies een antwoord van 1 tot en met 5"),  # was a 500
        ({"leeftijd": "３"}, "kies een van de 5 antwoorden"),  # was stored as 3
    ],
    ids=[
        "unknown-question",
        "off-the-scale",
        "no-such-option",
        "too-long",
        "empty",
        "weet-niet",
        "superscript-digit",
        "full-width-digit",
    ],
)
def test_a_bad_form_gets_400_in_dutch_and_stores_nothing(
    service: Service, answers: dict[str, str], message: str
) -> None:
    status, html = post(service.port, service.scan.token, service.form(**answers))
    assert status == 400
    assert message in html and "Het formulier is niet verstuurd" in html
    assert service.store.responses(service.scan) == []


def test_an_answer_as_long_as_the_text_box_allows_is_taken(service: Service) -> None:
    """A phone's text box counts a line break as one character (`maxlength`) but sends it
    as two (CR LF): what the box let someone type is stored, with plain line breaks."""
    typed = "\r\n".join(["x" * 199] * 9 + ["x" * 200])  # 2,000 characters in the box
    status, _ = post(service.port, service.scan.token, service.form(dankbaar=typed))
    assert status == 303
    assert service.store.responses(service.scan) == [{"dankbaar": typed.replace("\r\n", "\n")}]


def test_a_refused_form_points_at_the_questions_to_mend(service: Service) -> None:
    status, html = post(service.port, service.scan.token, service.form(eerlijk="6"))
    assert status == 400
    assert '<a href="#vraag-eerlijk">Bij' in html and 'id="vraag-eerlijk"' in html
    assert 'class="stelling fout" id="vraag-eerlijk"' in html
    assert "Uw antwoorden staan hieronder nog ingevuld" in html
    status, html = post(service.port, service.scan.token, service.form())
    assert status == 400 and "U hebt nog geen enkele vraag beantwoord" in html
    assert "Uw antwoorden staan hieronder nog ingevuld" not in html  # there are none


def test_only_a_form_the_server_handed_out_is_taken(service: Service) -> None:
    """The browser used to choose the nonce, so a script could send a thousand forms, each
    with a nonce of its own: only a nonce the server signed, for this scan, counts now. The
    form comes back with the answers kept and a nonce that does."""
    other = service.store.open("elders", TOMORROW, QUESTIONS)
    token = service.scan.token
    genuine = issued_nonce(service.port, token)
    stamp, random, mac = genuine.split(".")
    forged = [
        [("eerlijk", "4")],  # none at all
        [("nonce", os.urandom(12).hex()), ("eerlijk", "4")],  # made up, as before
        [("nonce", f"{stamp}.{os.urandom(12).hex()[:16]}.{mac}"), ("eerlijk", "4")],
        [("nonce", issued_nonce(service.port, other.token)), ("eerlijk", "4")],  # another scan
        [("nonce", f"{int(stamp) - 8 * 24 * 3600:010d}.{random}.{mac}"), ("eerlijk", "4")],
    ]
    for fields in forged:
        status, html = post(service.port, token, fields)
        assert status == 400 and "komt niet van deze scan" in html, fields
        assert 'name="eerlijk" value="4" checked' in html  # the answer is kept
        again = re.search(r'name="nonce" value="([^"]+)"', html)
        assert again is not None and again.group(1) != fields[0][1]
    assert service.store.responses(service.scan) == []
    assert post(service.port, token, [("nonce", genuine), ("eerlijk", "4")])[0] == 303
    # what is stored is the random part: not the moment the form was opened
    assert service.store.nonces(service.scan) == {random}


def test_a_form_from_another_site_and_a_flood_are_refused(tmp_path: Path) -> None:
    """A form on another site could post here (a browser says "cross-site"), and there was
    no limit: a scan now takes at most `--per-minuut` forms a minute, and the one over it
    gets the form back with the answers kept."""
    store = Store(tmp_path / "scan.db")
    scan = store.open("oosterwaarde", TOMORROW, QUESTIONS)
    app = ScanApp(store, REPO / "layouts", "IZB", per_minute=3)
    with serving(app) as port:
        fields = [("nonce", issued_nonce(port, scan.token)), ("eerlijk", "2")]
        status, html = post(port, scan.token, fields, {"Sec-Fetch-Site": "cross-site"})
        assert status == 403 and "niet verstuurd" in html
        for _ in range(3):
            fields = [("nonce", issued_nonce(port, scan.token)), ("eerlijk", "2")]
            assert post(port, scan.token, fields, {"Sec-Fetch-Site": "same-origin"})[0] == 303
        # a second click on a form that was taken is no new form, also at the limit
        assert post(port, scan.token, fields)[0] == 303
        fields = [("nonce", issued_nonce(port, scan.token)), ("eerlijk", "2")]
        status, html = post(port, scan.token, fields)
        assert status == 429 and "wacht een minuut" in html
        assert 'name="eerlijk" value="2" checked' in html
        # the form comes back with the same nonce: sent twice after the wait, it counts once
        assert f'name="nonce" value="{fields[0][1]}"' in html
    assert len(store.responses(scan)) == 3


def test_a_head_request_is_a_look_not_a_submission(service: Service) -> None:
    """A link preview or uptime monitor sends HEAD: it got 400, and with a form body it
    was stored as an answer."""
    connection = http.client.HTTPConnection("127.0.0.1", service.port, timeout=10)
    body = urllib.parse.urlencode(service.form(eerlijk="4"))
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    connection.request("HEAD", f"/scan/{service.scan.token}/", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    assert response.status == 200
    assert service.store.responses(service.scan) == []


def test_odd_requests_get_dutch_pages_and_a_lost_slash_a_relative_redirect(
    service: Service,
) -> None:
    """A form with a file, a PUT, and a link without its last slash: Starlette answered in
    English plain text without the security headers, with 404 for a method, and with an
    absolute redirect that says http behind an https proxy."""

    def request(
        method: str, path: str, body: bytes = b"", **headers: str
    ) -> tuple[http.client.HTTPResponse, str]:
        connection = http.client.HTTPConnection("127.0.0.1", service.port, timeout=10)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8")
        connection.close()
        return response, text

    form = f"/scan/{service.scan.token}/"
    boundary = "grens"
    upload = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="bestand"; filename="a.txt"'
        f"\r\nContent-Type: text/plain\r\n\r\nhallo\r\n--{boundary}--\r\n"
    ).encode()
    sent, text = request(
        "POST", form, upload, **{"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    assert sent.status == 400 and "Het formulier is niet verstuurd" in text
    assert sent.getheader("Content-Security-Policy") and sent.getheader("Cache-Control")
    put, text = request("PUT", form)
    assert put.status == 405 and put.getheader("Allow") == "GET, HEAD, POST"
    assert '<html lang="nl">' in text
    lost, _ = request("GET", form.rstrip("/"), Host="scan.example.org")
    assert lost.status == 308 and lost.getheader("Location") == f"{service.scan.token}/"
    # only to a scan that exists: "/scan/http:evil.example" went on to that site
    away, _ = request("GET", "/scan/http:evil.example")
    assert away.status == 404 and away.getheader("Location") is None
    # the methods the address takes
    thanks, _ = request("PUT", form + "bedankt/")
    assert thanks.status == 405 and thanks.getheader("Allow") == "GET, HEAD"
    assert service.store.responses(service.scan) == []


def test_an_open_answer_keeps_no_control_or_direction_characters(service: Service) -> None:
    """An escape showed as a box in the PDF, a NUL reached the export, and U+202E turned
    "evil" into "live" in the report."""
    typed = "esc\x1b[31mrood, nul\x00byte, \u202eevil\u202c en\ttab\nregel"
    assert post(service.port, service.scan.token, service.form(dankbaar=typed))[0] == 303
    assert service.store.responses(service.scan) == [
        {"dankbaar": "esc[31mrood, nulbyte, evil en\ttab\nregel"}
    ]


def test_averages_round_half_up_and_open_answers_sort_as_a_dutch_reader_looks_them_up() -> None:
    assert [number(v) for v in (13 / 4, 27 / 12, 11 / 4, 43 / 20, 41 / 12, 3.0, None)] == [
        "3,3",
        "2,3",
        "2,8",
        "2,2",
        "3,4",
        "3,0",
        "–",
    ]
    questions = parse(QUESTIONS, "focusscan.yaml", Collector())
    assert questions is not None
    scan = Scan(1, "oosterwaarde", "t", TOMORROW, False, QUESTIONS)
    texts = ["zegen", "Zondagsschool", "ämbt", "De jeugd", "Bijbelkring"]
    found = results(scan, questions, [{"dankbaar": t} for t in texts])
    (dankbaar,) = [o for o in found.opens if o.question.id == "dankbaar"]
    assert dankbaar.answers == ("ämbt", "Bijbelkring", "De jeugd", "zegen", "Zondagsschool")


def test_a_double_click_is_stored_once(service: Service) -> None:
    fields = service.form(eerlijk="4", leeftijd="2")
    assert post(service.port, service.scan.token, fields)[0] == 303
    assert post(service.port, service.scan.token, fields)[0] == 303
    assert service.store.responses(service.scan) == [{"eerlijk": 4, "leeftijd": 2}]


def test_a_closed_or_unknown_scan_takes_nothing(service: Service) -> None:
    fields = service.form(eerlijk="4")  # the form opened before the scan closed
    service.store.close("oosterwaarde")
    status, html = post(service.port, service.scan.token, fields)
    assert status == 410 and "Deze scan is gesloten" in html
    assert "wat u zojuist verstuurde, is niet opgeslagen" in html
    assert post(service.port, "onbekend-token", fields)[0] == 404
    assert service.store.responses(service.scan) == []
    # someone who answered and opens the link again is not told that nothing was kept
    with pytest.raises(urllib.error.HTTPError) as opened:
        urllib.request.urlopen(service.url)
    again = opened.value.read().decode("utf-8")
    assert opened.value.code == 410 and "niet opgeslagen" not in again
    assert "niets opgeslagen" not in again
    # the thanks page, kept open until after the erase, no longer says the answers are kept
    closed = service.store.latest("oosterwaarde")
    assert closed is not None
    service.store.erase(closed, datetime.date.today())
    thanks = urllib.request.urlopen(service.url + "bedankt/").read().decode("utf-8")
    assert "antwoorden gewist" in thanks and "zijn opgeslagen" not in thanks


def test_200_concurrent_submissions_are_all_stored_once(service: Service) -> None:
    forms = [service.form(eerlijk=str(1 + i % 5), leeftijd=str(1 + i % 4)) for i in range(200)]
    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(lambda f: post(service.port, service.scan.token, f)[0], forms))
    assert statuses == [303] * 200
    assert service.store.nonces(service.scan) == {f[0][1].split(".")[1] for f in forms}
    assert len(service.store.responses(service.scan)) == 200


def test_scan_serve_on_a_port_in_use_says_so_in_dutch_with_a_free_port(tmp_path: Path) -> None:
    """As `focusbuild serve` does, not with uvicorn's English log line."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            cli,
            ["scan", "serve", "-p", str(REPO), "--db", str(tmp_path / "s.db"), "--port", str(port)],
        )
    assert result.exit_code == 1, result.output
    assert (
        f"kan niet luisteren op 127.0.0.1:{port}: die poort is al in gebruik "
        "(draait focusbuild scan serve al?)"
    ) in result.output
    suggested = re.search(r"probeer --port (\d+)", result.output)
    assert suggested is not None, result.output
    assert port < int(suggested.group(1)) <= port + 20
    assert "error" not in result.output.lower()


def test_scan_serve_stopped_with_ctrl_c_says_gestopt_and_exits_0(tmp_path: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "focusbuild", "scan", "serve", "-p", str(REPO)]
    server = subprocess.Popen(
        [*command, "--db", str(tmp_path / "s.db"), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(port)
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=20)
    finally:
        server.kill()
    assert server.returncode == 0, output
    assert output.rstrip().endswith("Gestopt."), output
    assert "Afgebroken" not in output


def test_a_killed_server_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    db = tmp_path / "scan.db"
    store = Store(db)
    scan = store.open("oosterwaarde", TOMORROW, QUESTIONS)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "focusbuild",
            "scan",
            "serve",
            "-p",
            str(REPO),
            "--db",
            str(db),
            "--port",
            str(port),
            "--per-minuut",
            "100000",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def submit() -> None:
        while not stop.is_set():
            try:
                nonce = issued_nonce(port, scan.token)
                status, _ = post(port, scan.token, [("nonce", nonce), ("eerlijk", "3")])
            except (OSError, http.client.HTTPException):  # killed mid-reply: IncompleteRead
                continue
            if status == 303:
                with lock:
                    acknowledged.append(nonce.split(".")[1])  # what is stored of it

    try:
        deadline = wait_for(port)
        workers = [threading.Thread(target=submit) for _ in range(8)]
        for worker in workers:
            worker.start()
        while len(acknowledged) < 150 and time.monotonic() < deadline:
            time.sleep(0.01)
        server.send_signal(signal.SIGKILL)  # in the middle of the submissions
        server.wait(timeout=10)
        stop.set()
        for worker in workers:
            worker.join(timeout=30)
    finally:
        stop.set()
        if server.poll() is None:
            server.kill()
    assert len(acknowledged) >= 150
    stored = Store(db).nonces(scan)
    assert set(acknowledged) <= stored


# ---- on a phone -----------------------------------------------------------------------


def test_a_phone_fills_in_the_form(browser: Browser, service: Service) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    page.goto(service.url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert f"tot en met {dutch_date(TOMORROW, 'EEEE d MMMM y')}" in page.content()
    # a long form on a phone (some 13 screens) says how far along someone is
    parts = page.locator(".scan-deel").all_inner_texts()
    assert parts[0].lower() == f"deel 1 van {len(parts)}" and len(parts) >= 3
    assert parts[-1].lower() == f"deel {len(parts)} van {len(parts)}"
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
    page.get_by_role("group", name="Ik voel mij thuis in onze gemeente.").get_by_label(
        "Eens", exact=True
    ).check()
    page.get_by_role("group", name="Ik lees de Bijbel ook buiten de kerkdiensten.").get_by_label(
        "Helemaal eens", exact=True
    ).check()
    page.get_by_role("group", name="Wat is uw leeftijd?").get_by_label(
        "30 tot 50", exact=True
    ).check()
    page.get_by_label("Waar bent u dankbaar voor in onze gemeente?").fill("De zorg voor elkaar")
    # a tap by mistake is taken back with "Weet ik niet"
    eerlijk = page.get_by_role("group", name=re.compile("^Als gemeente zijn wij eerlijk"))
    eerlijk.get_by_label("Oneens", exact=True).check()
    eerlijk.get_by_label("Weet ik niet", exact=True).check()
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_url("**/bedankt/")
    assert "Dank u wel" in page.content() and "U bent klaar" in page.content()
    # back to the form, as someone who wonders whether it went well: the answers are
    # not filled in again, so sending once more cannot count the same person twice
    page.go_back()
    page.wait_for_url(service.url)
    assert page.locator("input:checked").count() == 0
    assert page.get_by_label("Waar bent u dankbaar voor in onze gemeente?").input_value() == ""
    context.close()
    assert service.store.responses(service.scan) == [
        {"thuis": 4, "bijbel": 5, "leeftijd": 3, "dankbaar": "De zorg voor elkaar"}
    ]


def test_a_form_sent_empty_on_a_phone_shows_what_to_mend_on_the_first_screen(
    browser: Browser, service: Service
) -> None:
    """The refusal stood below the introduction and the privacy block, off the screen:
    someone saw only the top of the form again and did not know why."""
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True)
    page = context.new_page()
    page.goto(service.url)
    page.get_by_role("button", name="Versturen").click()
    heading = page.get_by_role("heading", name="Het formulier is niet verstuurd")
    heading.wait_for()
    top = heading.evaluate("h => h.getBoundingClientRect().top")
    assert 0 <= top < 667 - 100, top
    context.close()


# ---- the report ------------------------------------------------------------------------

#: Twelve people: six under 30 (option 2), six of 50 to 70 (option 4); three of them
#: under 30 said something they are grateful for, five of the older ones did.
FIXTURE: list[dict[str, int | str]] = [
    {"thuis": 5, "bijbel": 4, "leeftijd": 2},
    {"thuis": 4, "bijbel": 4, "leeftijd": 2, "dankbaar": "Jongeren"},
    {"thuis": 4, "bijbel": 2, "leeftijd": 2, "dankbaar": "de preek"},
    {"thuis": 3, "leeftijd": 2, "dankbaar": "Koffie"},
    {"thuis": 5, "bijbel": 5, "leeftijd": 2},
    {"thuis": 2, "bijbel": 3, "leeftijd": 2},
    {"thuis": 1, "bijbel": 1, "leeftijd": 4, "dankbaar": "Gebed"},
    {"thuis": 2, "bijbel": 2, "leeftijd": 4, "dankbaar": "alles"},
    {"thuis": 3, "bijbel": 3, "leeftijd": 4, "anders": "Minder vergaderen"},
    {"thuis": 4, "bijbel": 4, "leeftijd": 4},
    {"thuis": 5, "bijbel": 5, "leeftijd": 4},
    {"thuis": 3, "bijbel": 3, "leeftijd": 1},
]


def test_the_reports_numbers_match_the_answers() -> None:
    questions = parse(QUESTIONS, "focusscan.yaml", Collector())
    assert questions is not None
    scan = Scan(1, "oosterwaarde", "t", TOMORROW, False, QUESTIONS)
    found = results(scan, questions, FIXTURE)
    assert found.responses == 12
    inward = next(t for t in found.themes if t.theme.id == "naar-binnen")
    thuis = inward.statements[0]
    assert thuis.counts == (1, 2, 3, 3, 3) and thuis.n == 12
    assert thuis.mean == pytest.approx(41 / 12)
    assert inward.mean == pytest.approx(41 / 12)  # the theme's other statements have no answers
    deeper = next(t for t in found.themes if t.theme.id == "verdieping")
    assert deeper.statements[0].counts == (1, 2, 3, 3, 2)  # bijbel: one person skipped it
    groups = {g.label: g for g in found.groups}
    assert groups["18 tot 30"].n == 6 and groups["50 tot 70"].n == 5
    assert groups["jonger dan 18"].means is None and groups["70 of ouder"].means is None
    young = groups["18 tot 30"].means
    assert young is not None
    order = [t.theme.id for t in found.themes]
    assert young[order.index("naar-binnen")] == pytest.approx(23 / 6)
    # five people, enough to be shown, but then the one person under 18 could be worked
    # out: the totals minus the two groups shown are that person's answers
    assert groups["50 tot 70"].means is None
    four_more: list[dict[str, int | str]] = [{"thuis": 2, "leeftijd": 1}] * 4  # five under 18
    grown = {g.label: g for g in results(scan, questions, FIXTURE + four_more).groups}
    assert grown["50 tot 70"].means is not None and grown["jonger dan 18"].means is not None
    unasked: list[dict[str, int | str]] = [{"thuis": 2}] * 4  # four who did not say their age
    others = {g.label: g for g in results(scan, questions, FIXTURE[:-1] + unasked).groups}
    assert others["50 tot 70"].means is None  # 4 unknown people: 50 tot 70 hides them
    told = report_html(
        results(scan, questions, FIXTURE[:-1] + unasked), _config(), REPO / "layouts"
    )
    # so the numbers add up, in one number: not the size of a group without figures
    assert "9 mensen staan in een groep zonder cijfers of beantwoordden deze vraag niet." in told
    opens = {o.question.id: o for o in found.opens}
    assert opens["dankbaar"].answers == ("alles", "de preek", "Gebed", "Jongeren", "Koffie")
    assert opens["anders"].answers is None and opens["anders"].n == 1  # too few to show
    html = report_html(found, _config(), REPO / "layouts")
    assert "<b>12</b> mensen vulden de vragenlijst in." in html
    # none of the twelve answered half of the 21 statements: the count says so
    assert found.partial == 12
    assert "Van hen beantwoordden 12 minder dan de helft van de stellingen" in html
    every: dict[str, int | str] = {s.id: 3 for s in questions.statements}
    half = dict(list(every.items())[: (len(every) + 1) // 2])
    mixed = results(scan, questions, [every, half, {"thuis": 2}])
    assert mixed.partial == 1  # only the one with a single answer
    assert "Van hen beantwoordde 1 minder dan" in report_html(mixed, _config(), REPO / "layouts")
    assert "(12 antwoorden, gemiddeld 3,4)" in html
    # a small group's size is not printed; the bar's counts are also in words, for print in
    # black and white
    sizes = html[html.index("Aantal mensen") :].split("</tr>", 1)[0]
    assert re.findall(r'getal">([^<]*)<', sizes) == ["–", "6", "0", "–", "0"]
    assert "6 mensen staan in een groep zonder cijfers of beantwoordden deze vraag niet." in html
    assert "Helemaal oneens 1 · Oneens 2 · Neutraal 3 · Eens 3 · Helemaal eens 3" in html
    assert re.search(r'geen antwoord</td><td class="getal">12<', html)  # betrokkenheid
    assert "1 antwoord: te weinig om te tonen." in html
    assert "Minder vergaderen" not in html
    # the guidance is wrapped in focusscan.yaml: its lines are joined, not broken at each end
    assert "maar een\nmomentopname: zo kijken" in html and "<br" not in html
    # a report made while the scan is open says that more answers may come
    today = TOMORROW - datetime.timedelta(days=1)
    early = report_html(found, _config(), REPO / "layouts", made=today)
    assert (
        "de scan is nog open tot en met" in early and "er kunnen nog antwoorden bijkomen" in early
    )
    late = report_html(found, _config(), REPO / "layouts", made=TOMORROW + datetime.timedelta(1))
    assert "nog open" not in late and "antwoorden tot en met" in late


def test_forms_that_answer_nothing_of_a_theme_do_not_unveil_one_persons_answers() -> None:
    """Eight adults and one young person; then four forms with only the age question and
    "-" as an open answer. The group "jonger dan 18" counted five and showed the one young
    person's averages, and the four "-" made that person's open answer readable. A theme's
    figure now counts the people who answered that theme, and an open answer needs a
    letter or a digit."""
    questions = parse(QUESTIONS, "focusscan.yaml", Collector())
    assert questions is not None
    scan = Scan(1, "kleindorp", "t", TOMORROW, False, QUESTIONS)
    adults: list[dict[str, int | str]] = [
        {"thuis": 1 + i % 5, "eerlijk": 1 + (i + 2) % 5, "leeftijd": 4} for i in range(8)
    ]
    young: dict[str, int | str] = {"thuis": 5, "eerlijk": 1, "leeftijd": 1}
    young["anders"] = "Minder lange preken"
    stuffed: list[dict[str, int | str]] = [{"leeftijd": 1, "anders": "-"}] * 4
    found = results(scan, questions, [*adults, young, *stuffed])
    groups = {g.label: g for g in found.groups}
    assert groups["jonger dan 18"].n == 5  # five forms, one of them with figures
    assert groups["jonger dan 18"].means == (None,) * len(found.themes)
    # nor from the totals: the adults' figures would leave the one young person's
    assert groups["50 tot 70"].means == (None,) * len(found.themes)
    opens = {o.question.id: o for o in found.opens}
    assert opens["anders"].answers is None and opens["anders"].n == 1
    html = report_html(found, _config(), REPO / "layouts")
    assert "Minder lange preken" not in html
    # with four real young people more, the group's themes have figures again
    more: list[dict[str, int | str]] = [{"thuis": 3, "eerlijk": 3, "leeftijd": 1}] * 4
    grown = {g.label: g for g in results(scan, questions, [*adults, young, *more]).groups}
    young_means = grown["jonger dan 18"].means
    assert young_means is not None and any(m is not None for m in young_means)


def test_no_report_for_fewer_than_five_people(tmp_path: Path) -> None:
    """With two people the bars and averages are their own answers, read out at the
    gemeenteavond: the report waits until five have answered."""
    db = tmp_path / "scan.db"
    store = Store(db)
    scan = store.open("tweetal", TOMORROW, QUESTIONS)
    store.submit(scan, "nonce-0000000000000001", {"eerlijk": 1, "leeftijd": 1})
    store.submit(scan, "nonce-0000000000000002", {"eerlijk": 5, "leeftijd": 1})
    out = tmp_path / "rapport"
    argv = ["scan", "rapport", "tweetal", "--db", str(db), "-p", str(REPO), "-o", str(out)]
    made = CliRunner().invoke(cli, argv)
    assert made.exit_code == 1
    assert "pas 2 mensen vulden de scan van 'tweetal' in; een rapport komt er vanaf 5" in (
        made.output
    )
    assert not out.exists()


def test_the_report_fits_a_phone(browser: Browser, tmp_path: Path) -> None:
    """A kerkenraad member opens the report on a phone: nothing sticks out sideways, and
    the table per group has a row per theme (the themes' names as column heads took five
    lines each and made it 658 px wide)."""
    questions = parse(QUESTIONS, "focusscan.yaml", Collector())
    assert questions is not None
    scan = Scan(1, "oosterwaarde", "t", TOMORROW, False, QUESTIONS)
    page_file = tmp_path / "rapport.html"
    page_file.write_text(
        report_html(results(scan, questions, FIXTURE), _config(), REPO / "layouts"), "utf-8"
    )
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    page.goto(page_file.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    table = page.locator("table", has=page.get_by_role("rowheader", name="Aantal mensen"))
    assert table.evaluate("t => t.getBoundingClientRect().width") <= 375 - 2 * 16
    # the themes' chart would shrink to 5 px labels: the table under it says the same
    assert not page.locator("svg.gemiddelden").is_visible()
    assert (
        page.get_by_role("cell", name="Gemiddeld").count()
        + page.get_by_role("columnheader", name="Gemiddeld").count()
        == 1
    )
    context.close()
    wide = browser.new_page(viewport={"width": 1000, "height": 800})
    wide.goto(page_file.as_uri())
    assert wide.locator("svg.gemiddelden").is_visible()
    wide.close()


def _config() -> Config:
    config = load_config(REPO, Collector())
    assert config is not None
    return config


def test_report_and_export_commands(tmp_path: Path) -> None:
    db = tmp_path / "scan.db"
    store = Store(db)
    scan = store.open("oosterwaarde", TOMORROW, QUESTIONS)
    names = "broeder Nguyễn en zuster Łucja"  # letters beyond Latin-1 in an open answer
    for i, answers in enumerate(FIXTURE):
        if answers.get("dankbaar") == "Koffie":
            answers = {**answers, "dankbaar": f"Koffie met {names}"}
        store.submit(scan, f"nonce-{i:016d}", answers)
    out = tmp_path / "rapport"
    runner = CliRunner()
    made = runner.invoke(
        cli, ["scan", "rapport", "oosterwaarde", "--db", str(db), "-p", str(REPO), "-o", str(out)]
    )
    assert made.exit_code == 0, made.output
    pdf = PdfReader(out / "focusscan-oosterwaarde.pdf")
    text = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert "12 mensen vulden de vragenlijst in" in " ".join(text.split())
    assert names in text
    fonts = set()
    for page in pdf.pages:
        resources: Any = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[1].split("-")[0])
    assert fonts == {"Source"}, fonts  # the house fonts, no system font for Ł or ễ
    assert (out / "focusscan-oosterwaarde.html").is_file()
    project = tmp_path / "project"
    project.mkdir()
    exported = runner.invoke(
        cli, ["scan", "export", "oosterwaarde", "--db", str(db), "-p", str(project)]
    )
    assert exported.exit_code == 0, exported.output
    # a person's answers go beside the report, in the output that git ignores, for the
    # owner's eyes only: never into the project folder, where a commit would take them
    csv_files = sorted(p.relative_to(project).as_posix() for p in project.rglob("*.csv"))
    assert csv_files == [
        "output/focusscan/oosterwaarde/focusscan-oosterwaarde-open.csv",
        "output/focusscan/oosterwaarde/focusscan-oosterwaarde.csv",
    ]
    folder = project / "output/focusscan/oosterwaarde"
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.glob("*.csv")} == {0o600}
    rows = list(
        csv.reader(
            io.StringIO((folder / "focusscan-oosterwaarde.csv").read_text("utf-8-sig")),
            delimiter=";",
        )
    )
    assert len(rows) == 13 and rows[1][rows[0].index("Wat is uw leeftijd?")] == "18 tot 30"
    assert "Ik voel mij thuis in onze gemeente." in rows[0]  # the question, not its id
    assert not any("dankbaar" in cell for cell in rows[0])  # open answers never beside the rest
    questions = parse(QUESTIONS, "focusscan.yaml", Collector())
    assert questions is not None
    _, open_csv = answers_csv(questions, FIXTURE)
    assert (
        open_csv.decode("utf-8-sig").splitlines()[1]
        == "Waar bent u dankbaar voor in onze gemeente?;alles"
    )


def test_a_scan_closed_early_says_until_when_answers_came_in(tmp_path: Path) -> None:
    """Closed by hand before its last day, the scan (in the list and the report) ends on
    the day it was closed, not on the day it would have."""
    db = tmp_path / "scan.db"
    store = Store(db)
    planned = datetime.date.today() + datetime.timedelta(days=20)
    scan = store.open("oosterwaarde", planned, QUESTIONS)
    store.submit(scan, "nonce-0000000000000000", {"thuis": 3})
    runner = CliRunner()
    closed = runner.invoke(cli, ["scan", "sluit", "oosterwaarde", "--db", str(db)])
    today = dutch_date(today_nl())
    assert closed.exit_code == 0 and f"antwoorden tot en met {today}" in closed.output
    listed = runner.invoke(cli, ["scan", "lijst", "--db", str(db)])
    assert f"gesloten, tot en met {today}" in listed.output, listed.output
    closed_scan = store.latest("oosterwaarde")
    assert closed_scan is not None
    questions = parse(QUESTIONS, "focusscan.yaml", Collector())
    assert questions is not None
    html = report_html(results(closed_scan, questions, FIXTURE), _config(), REPO / "layouts")
    assert f"antwoorden tot en met {today}" in html
    assert dutch_date(planned) not in html


def test_answers_are_erased_for_good_once_the_scan_is_closed(tmp_path: Path) -> None:
    """After the gemeenteavond the trajectbegeleider erases the answers: not a row, and not
    a byte of an open answer, can be read back from the database afterwards, and the
    exported files per person go too. An earlier scan of the gemeente goes with it."""
    db, project = tmp_path / "scan.db", tmp_path / "project"
    project.mkdir()
    store = Store(db)
    earlier = store.open("oosterwaarde", TOMORROW, QUESTIONS)
    store.submit(earlier, "nonce-earlier-0000", {"thuis": 1, "dankbaar": "KANARIE-eerder"})
    store.close("oosterwaarde")
    scan = store.open("oosterwaarde", TOMORROW, QUESTIONS)
    for i in range(30):
        store.submit(scan, f"nonce-{i:016d}", {"thuis": 4, "dankbaar": f"KANARIE-antwoord {i}"})
    runner = CliRunner()
    where = ["--db", str(db), "-p", str(project)]
    refused = runner.invoke(cli, ["scan", "wis", "oosterwaarde", *where])
    assert refused.exit_code == 1 and "is nog open" in refused.output  # asked nothing yet
    assert "Typ ja" not in refused.output and len(store.responses(scan)) == 30
    store.close("oosterwaarde")
    reminded = runner.invoke(cli, ["scan", "lijst", "--db", str(db)])
    assert (
        f"oosterwaarde: gesloten, tot en met {dutch_date(TOMORROW)}, 30 antwoorden; wis ze "
        "met 'focusbuild scan wis oosterwaarde' zodra het rapport besproken is"
    ) in reminded.output
    assert runner.invoke(cli, ["scan", "export", "oosterwaarde", *where]).exit_code == 0
    kept = runner.invoke(cli, ["scan", "wis", "oosterwaarde", *where], input="nee\n")
    assert kept.exit_code == 1 and "Afgebroken." in kept.output
    assert "De 31 antwoorden van 'oosterwaarde' en 2 csv-bestanden voorgoed wissen" in kept.output
    assert len(store.responses(scan)) == 30
    erased = runner.invoke(cli, ["scan", "wis", "oosterwaarde", *where], input="ja\n")
    assert erased.exit_code == 0, erased.output
    assert "De 31 antwoorden van 'oosterwaarde' zijn gewist, en de 2 csv-bestanden" in erased.output
    assert store.responses(scan) == [] and store.responses(earlier) == []
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert not any(b"KANARIE" in p.read_bytes() for p in files), files
    # the scan stays in the list, as erased; a report or export now would be empty and
    # replace the real one, so they are refused
    listed = runner.invoke(cli, ["scan", "lijst", "--db", str(db)])
    assert f"antwoorden gewist op {dutch_date(today_nl())}" in listed.output
    for command in ("rapport", "export"):
        again = runner.invoke(cli, ["scan", command, "oosterwaarde", *where])
        assert again.exit_code == 1 and "zijn gewist op" in again.output


def test_an_open_answer_that_looks_like_a_formula_is_exported_as_text() -> None:
    """The csv files are opened in Excel, which runs a cell that starts with = + - or @."""
    questions = parse(QUESTIONS, "focusscan.yaml", Collector())
    assert questions is not None
    answers: list[dict[str, int | str]] = [
        {"dankbaar": '=HYPERLINK("http://kwaad.example";"klik")'},
        {"dankbaar": "@SOM(1;0)"},
        {"dankbaar": "Koffie na de dienst"},
    ]
    _, opened = answers_csv(questions, answers)
    rows = list(csv.reader(io.StringIO(opened.decode("utf-8-sig")), delimiter=";"))
    texts = [row[1] for row in rows[1:]]
    assert texts == [
        '\'=HYPERLINK("http://kwaad.example";"klik")',
        "'@SOM(1;0)",
        "Koffie na de dienst",
    ]


def test_the_database_does_not_keep_the_order_in_which_people_answered(tmp_path: Path) -> None:
    """ "Persoon 1" in the database is not the first who answered, whom someone may know."""
    import sqlite3

    store = Store(tmp_path / "scan.db")
    scan = store.open("oosterwaarde", TOMORROW, QUESTIONS)
    nonces = [f"nonce-{i:02}-00000000000000" for i in range(20)]
    for nonce in nonces:
        assert store.submit(scan, nonce, {"thuis": 3})
    assert not store.submit(scan, nonces[3], {"thuis": 4})  # a second click: stored once
    with sqlite3.connect(tmp_path / "scan.db") as db:
        stored = [row[0] for row in db.execute("SELECT nonce FROM inzendingen ORDER BY id")]
        # the answers in the order the file holds them, and no hidden row number
        held = [
            row[0]
            for row in db.execute(
                "SELECT i.nonce FROM antwoorden a JOIN inzendingen i ON i.id = a.inzending"
            )
        ]
        with pytest.raises(sqlite3.OperationalError):
            db.execute("SELECT rowid FROM antwoorden")
    assert sorted(stored) == nonces and stored != nonces
    assert sorted(held) == nonces and held != nonces
    assert store.submissions(scan) == 20


def test_a_database_from_before_random_ids_forgets_the_order_when_opened(tmp_path: Path) -> None:
    """Ids that count up and answers with a row number, as stored until now, are
    renumbered at random once the database is opened; every answer stays."""
    import sqlite3

    db = tmp_path / "oud.db"
    store = Store(db)
    scan = store.open("oosterwaarde", TOMORROW, QUESTIONS)
    with sqlite3.connect(db) as old:  # the tables as they were
        old.execute("DROP TABLE antwoorden")
        old.execute(
            "CREATE TABLE antwoorden (inzending INTEGER NOT NULL REFERENCES inzendingen(id), "
            "vraag TEXT NOT NULL, waarde INTEGER, tekst TEXT, PRIMARY KEY (inzending, vraag))"
        )
        for number in range(1, 21):
            old.execute(
                "INSERT INTO inzendingen (id, scan, nonce) VALUES (?, ?, ?)",
                (number, scan.id, f"nonce-{number:02}-00000000000000"),
            )
            old.execute(
                "INSERT INTO antwoorden VALUES (?, 'thuis', ?, NULL)", (number, 1 + number % 5)
            )
    again = Store(db)
    with sqlite3.connect(db) as opened:
        ids = [row[0] for row in opened.execute("SELECT id FROM inzendingen ORDER BY nonce")]
        with pytest.raises(sqlite3.OperationalError):
            opened.execute("SELECT rowid FROM antwoorden")
    assert ids != sorted(ids) and min(ids) > 20
    answers = sorted(a["thuis"] for a in again.responses(scan))
    assert answers == sorted(1 + n % 5 for n in range(1, 21))
    assert again.submissions(scan) == 20


def test_the_export_does_not_list_people_in_the_order_they_answered() -> None:
    """ "persoon 1" in the export is not the first who answered (someone might know who
    that was): the rows are the same whatever order the answers came in."""
    questions = parse(QUESTIONS, "focusscan.yaml", Collector())
    assert questions is not None
    arrived: list[dict[str, int | str]] = [{"thuis": n % 5 + 1, "leeftijd": 1} for n in range(12)]
    rows, _ = answers_csv(questions, arrived)
    assert rows == answers_csv(questions, arrived[::-1])[0]
    assert len(rows.decode("utf-8-sig").splitlines()) == 13  # a heading and 12 people


def test_an_erase_says_so_when_another_program_keeps_the_answers_in_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A running service or report reads the database and keeps old pages in its log:
    the erase waits briefly, then says that it is not finished (never that the answers
    are gone), and erasing again once the reader is done finishes it."""
    import sqlite3

    from focusbuild.scan import store as store_module

    monkeypatch.setattr(store_module, "ERASE_WAIT_MS", 200)
    db = tmp_path / "scan.db"
    store = Store(db)
    scan = store.open("oosterwaarde", TOMORROW, QUESTIONS)
    store.submit(scan, "nonce-0000000000000000", {"dankbaar": "KANARIE-antwoord"})
    store.close("oosterwaarde")
    where = ["--db", str(db), "-p", str(tmp_path)]
    exported = CliRunner().invoke(cli, ["scan", "export", "oosterwaarde", *where])
    assert exported.exit_code == 0, exported.output
    csvs = list((tmp_path / "output/focusscan/oosterwaarde").glob("*.csv"))
    assert len(csvs) == 2
    reader = sqlite3.connect(db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM antwoorden").fetchone()  # a read in progress
    command = ["scan", "wis", "oosterwaarde", *where, "--ja"]
    try:
        busy = CliRunner().invoke(cli, command)
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert busy.exit_code == 1 and "in gebruik is door een ander programma" in busy.output
    assert "om het af te maken" in busy.output and "zijn gewist." not in busy.output
    assert not any(p.exists() for p in csvs)  # the exports went first, whatever came after
    finished = CliRunner().invoke(cli, command)
    assert finished.exit_code == 0, finished.output
    assert "Er waren geen antwoorden van 'oosterwaarde' meer" in finished.output  # not "De 0"
    files = [p for p in tmp_path.iterdir() if p.name.startswith("scan.db")]
    assert not any(b"KANARIE" in p.read_bytes() for p in files), files


def test_the_form_and_the_report_name_the_gemeente(tmp_path: Path) -> None:
    """A member who gets the link sees that it is their own church's scan, and the
    kerkenraad's report names the gemeente, not its slug."""
    db = tmp_path / "scan.db"
    runner = CliRunner()
    opened = runner.invoke(
        cli,
        [
            "scan", "open", "oosterwaarde", "--tot", TOMORROW.isoformat(), "-p", str(REPO),
            "--db", str(db), "--naam", "Hervormde gemeente Oosterwaarde",
        ],
    )  # fmt: skip
    assert opened.exit_code == 0, opened.output
    store = Store(db)
    scan = store.latest("oosterwaarde")
    assert scan is not None and scan.naam == "Hervormde gemeente Oosterwaarde"
    app = ScanApp(store, REPO / "layouts", "IZB")
    html = bytes(app.form_page(scan, _questions_of(scan), {}, []).body).decode("utf-8")
    assert '<span class="scan-voor">voor Hervormde gemeente Oosterwaarde</span>' in html
    questions = _questions_of(scan)
    report = report_html(results(scan, questions, FIXTURE), _config(), REPO / "layouts")
    assert "<h1>FocusScan: Hervormde gemeente Oosterwaarde</h1>" in report


def test_the_form_says_what_happens_to_the_answers_and_whom_to_ask(tmp_path: Path) -> None:
    """Before answering questions about their faith, a member reads what is kept, who
    sees it, for how long and whom to ask; a child is sent to their parents first."""
    db = tmp_path / "scan.db"
    runner = CliRunner()
    base = ["scan", "open", "oosterwaarde", "--tot", TOMORROW.isoformat(), "-p", str(REPO)]
    wrong = runner.invoke(cli, [*base, "--db", str(db), "--contact", "scriba op de pastorie"])
    assert wrong.exit_code == 2
    assert "'scriba op de pastorie' is geen e-mailadres" in wrong.output
    assert Store(db).latest("oosterwaarde") is None
    opened = runner.invoke(
        cli,
        [
            *base, "--db", str(db), "--naam", "Hervormde gemeente Oosterwaarde",
            "--contact", "scriba@oosterwaarde.example",
        ],
    )  # fmt: skip
    assert opened.exit_code == 0, opened.output
    scan = Store(db).latest("oosterwaarde")
    assert scan is not None and scan.contact == "scriba@oosterwaarde.example"
    app = ScanApp(Store(db), REPO / "layouts", "IZB")
    html = bytes(app.form_page(scan, _questions_of(scan), {}, []).body).decode("utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "<summary>Wat gebeurt er met uw antwoorden?</summary>" in html
    assert "Ben je jonger dan 16 jaar? Vraag dan eerst je ouders" in text
    assert "geen IP-adres en geen tijdstip; deze site zet geen cookies" in text
    assert "rapport voor de kerkenraad van Hervormde gemeente Oosterwaarde" in text
    assert "van minder dan 5 mensen wordt niet apart getoond" in text
    assert '<a href="mailto:scriba@oosterwaarde.example">' in html
    unnamed = Store(db).open("lindehoven", TOMORROW, QUESTIONS)
    html = bytes(app.form_page(unnamed, _questions_of(unnamed), {}, []).body).decode("utf-8")
    assert "mailto:" not in html and "rapport voor de kerkenraad en de gemeenteavond" in html


def _questions_of(scan: Scan) -> Any:
    questions = parse(scan.vragen, "focusscan.yaml", Collector())
    assert questions is not None
    return questions


def test_a_database_from_before_scans_had_names_still_opens(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "oud.db"
    with sqlite3.connect(db) as old:
        old.execute(
            "CREATE TABLE scans (id INTEGER PRIMARY KEY, slug TEXT NOT NULL, token TEXT NOT "
            "NULL UNIQUE, tot TEXT NOT NULL, gesloten INTEGER NOT NULL DEFAULT 0, vragen TEXT "
            "NOT NULL)"
        )
        old.execute(
            "INSERT INTO scans (slug, token, tot, vragen) VALUES (?, ?, ?, ?)",
            ("lindehoven", "t" * 22, TOMORROW.isoformat(), QUESTIONS),
        )
    scan = Store(db).latest("lindehoven")
    assert scan is not None and scan.naam is None and scan.voor == "lindehoven"
    assert scan.contact is None
