"""The FocusScan form as a small ASGI app (Starlette), served by `focusbuild scan serve`.

Routes: `/scan/<token>/` (the form: GET shows it, POST takes it),
`/scan/<token>/bedankt/`, and `/scan/static/` (the site's CSS and fonts).
There are no other pages: opening, closing, export and report are commands.

- The form works without JavaScript, in Dutch, with the site's look.
- A POST is checked completely before anything is stored; a problem gives 400
  and the form again, with the answers kept and every problem named.
- It is stored once (the nonce), committed before the redirect to "bedankt".
- A closed or unknown scan takes nothing.
- No cookies, no logging of addresses; `Referrer-Policy: no-referrer` keeps
  the token out of other sites' logs.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from focusbuild.diagnostics import Collector
from focusbuild.render.templates import environment
from focusbuild.scan import nonce
from focusbuild.scan.form import MAX_TEXT, Problem, read_form
from focusbuild.scan.questions import Questionnaire, parse
from focusbuild.scan.report import MIN_GROUP, MIN_OPEN
from focusbuild.scan.store import Scan, Store
from focusbuild.today import today_nl

#: The largest form body taken (the longest answers fit easily).
MAX_BODY = 64 * 1024
_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


@lru_cache(maxsize=64)
def _questions(vragen: str) -> Questionnaire:
    """A scan's questions (checked when it was opened, so they parse)."""
    parsed = parse(vragen, "focusscan.yaml", Collector())
    assert parsed is not None
    return parsed


class ScanApp:
    def __init__(
        self, store: Store, layouts: Path, organisatie: str, per_minute: int = nonce.PER_MINUTE
    ) -> None:
        self.store = store
        self.organisatie = organisatie
        self.limiter = nonce.Limiter(per_minute)
        self.env: Environment = environment([layouts / "scan", layouts / "shared"])
        self.app = Starlette(
            routes=[
                Route("/scan/{token}/", self.form, methods=["GET", "POST"]),
                Route("/scan/{token}", self.add_slash, methods=["GET", "POST"]),
                Route("/scan/{token}/bedankt/", self.thanks),
                Mount("/scan/static", StaticFiles(directory=layouts / "static")),
            ],
            exception_handlers={
                400: self.bad_request,
                404: self.not_found,
                405: self.not_allowed,
            },
        )
        # Starlette's own redirect to the address with a slash is absolute, and says
        # http behind an https proxy: `add_slash` answers with a relative one
        self.app.router.redirect_slashes = False

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)

    # ---- pages -------------------------------------------------------------------

    def page(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.env.get_template(template).render(
            titel="FocusScan", organisatie=self.organisatie, **context
        )
        return HTMLResponse(html, status_code=status, headers=_HEADERS)

    def notice(self, status: int, kop: str, *tekst: str) -> HTMLResponse:
        return self.page("melding.html", status, kop=kop, tekst=tekst)

    async def not_found(self, request: Request, exc: Exception) -> Response:
        return self.notice(
            404, "Deze pagina bestaat niet", "Controleer de link die u van uw gemeente kreeg."
        )

    async def bad_request(self, request: Request, exc: Exception) -> Response:
        """A form the server cannot read (a file in it, too many fields, a field too long):
        Starlette answered in English plain text, without the security headers."""
        return self.notice(
            400,
            "Het formulier is niet verstuurd",
            "Dit formulier kon niet worden gelezen. Open de link die u van uw gemeente kreeg "
            "en vul de vragenlijst daar in.",
        )

    async def not_allowed(self, request: Request, exc: Exception) -> Response:
        response = self.notice(
            405, "Dit kan hier niet", "Open de link die u van uw gemeente kreeg in uw browser."
        )
        allowed = getattr(exc, "headers", None) or {}  # Starlette's, for the route asked
        if "Allow" in allowed:  # from a set: sorted, the same every time
            response.headers["Allow"] = ", ".join(sorted(allowed["Allow"].split(", ")))
        return response

    async def add_slash(self, request: Request) -> Response:
        """`/scan/<token>` (the slash lost in a copied link): to the form, relatively; only
        for a scan that exists (`/scan/http:evil.example` went on to that site)."""
        token = request.path_params["token"]
        if await run_in_threadpool(self.store.by_token, token) is None:
            return await self.not_found(request, Exception())
        return RedirectResponse(f"{token}/", status_code=308, headers=_HEADERS)

    async def scan_or_refusal(self, token: str, *, posted: bool = False) -> Scan | HTMLResponse:
        scan = await run_in_threadpool(self.store.by_token, token)
        if scan is None:
            return self.notice(
                404,
                "Deze scan bestaat niet",
                "Controleer de link die u van uw gemeente kreeg; misschien is hij niet helemaal "
                "overgenomen.",
            )
        if not scan.open_on(today_nl()):
            return self.notice(
                410,
                "Deze scan is gesloten",
                # "niets opgeslagen" only to whom just sent a form: opening the link again
                # after answering is not a sign that those answers were lost
                "U kunt de vragenlijst niet meer invullen"
                + (": wat u zojuist verstuurde, is niet opgeslagen." if posted else "."),
                "De uitkomsten worden besproken op een gemeenteavond; uw kerkenraad vertelt u "
                "wanneer.",
            )
        return scan

    async def form(self, request: Request) -> Response:
        token = request.path_params["token"]
        scan = await self.scan_or_refusal(token, posted=request.method == "POST")
        if isinstance(scan, HTMLResponse):
            return scan
        questions = _questions(scan.vragen)
        if request.method != "POST":  # GET, and HEAD (a link preview) sends nothing
            return self.form_page(scan, questions, {}, [])
        if request.headers.get("sec-fetch-site") == "cross-site":
            # a form on another site, posting here: a browser says so
            return self.notice(
                403,
                "Dit formulier is niet verstuurd",
                "Antwoorden komen alleen binnen via de vragenlijst zelf. Open de link die u "
                "van uw gemeente kreeg.",
            )
        if int(request.headers.get("content-length") or 0) > MAX_BODY:
            return self.notice(400, "Het formulier is te groot", "Maak uw antwoorden korter.")
        async with request.form(max_fields=200, max_files=0, max_part_size=MAX_BODY) as data:
            fields = [(key, value) for key, value in data.multi_items() if isinstance(value, str)]
        secret = self.store.secret
        found = read_form(questions, fields, lambda n: nonce.verify(secret, token, n))
        if isinstance(found, list):
            return self.form_page(scan, questions, dict(fields), found, status=400)
        thanks = RedirectResponse(f"/scan/{token}/bedankt/", status_code=303, headers=_HEADERS)
        if await run_in_threadpool(self.store.stored, scan, found.nonce):
            return thanks  # a second click counts once, also when the scan is busy
        if not self.limiter.allow(token):
            busy = Problem(
                None,
                "er komen nu heel veel formulieren tegelijk binnen; wacht een minuut en "
                "verstuur het dan opnieuw",
            )
            # the same nonce again: sent twice after the wait, it still counts once
            values = dict(fields)
            return self.form_page(scan, questions, values, [busy], 429, values.get("nonce"))
        await run_in_threadpool(self.store.submit, scan, found.nonce, found.answers)
        return thanks

    def form_page(
        self,
        scan: Scan,
        questions: Questionnaire,
        values: dict[str, str],
        problems: list[Problem],
        status: int = 200,
        kept: str | None = None,
    ) -> HTMLResponse:
        """The form; with `kept` (a nonce that verified), that nonce instead of a new one."""
        return self.page(
            "formulier.html",
            status,
            vragen=questions,
            values=values,
            problems=problems,
            wrong={p.field for p in problems if p.field},
            answered=any(value.strip() for key, value in values.items() if key != "nonce"),
            tot=scan.tot,
            scan=scan,
            nonce=kept or nonce.issue(self.store.secret, scan.token),
            max_text=MAX_TEXT,
            min_group=MIN_GROUP,
            min_open=MIN_OPEN,
        )

    async def thanks(self, request: Request) -> Response:
        scan = await run_in_threadpool(self.store.by_token, request.path_params["token"])
        if scan is None:
            return await self.not_found(request, Exception())
        if scan.gewist is not None:  # the page kept open, or come back to, long after
            return self.notice(
                200,
                "Dank u wel",
                "De uitkomsten van deze scan zijn besproken; daarna zijn alle antwoorden "
                "gewist, zoals beloofd.",
            )
        return self.notice(
            200,
            "Dank u wel",
            "Uw antwoorden zijn opgeslagen, zonder naam: er is niets bewaard dat zegt wie "
            "ze gaf. U bent klaar en kunt deze pagina sluiten; verstuur de vragenlijst niet "
            "nog eens, want dan telt u twee keer mee.",
            "De uitkomsten worden besproken op een gemeenteavond; uw kerkenraad vertelt u wanneer.",
        )
