"""Form nonces that only the server can make, and a cap on submissions per minute.

A form carries a nonce so that a double click is stored once. The browser used to
be free to invent one, so anyone with the link could send a thousand forms, from a
script or from a form on another site. Now the server signs what it hands out:

    <issued, seconds since 1970>.<16 random characters>.<HMAC-SHA256 of both, cut>

with a secret kept in the scan database. A POST is taken only with a nonce that
the server signed for this scan's token in the last `MAX_AGE` seconds. Only the
random part is stored (`Store.submit`): the moment the form was opened says
something about who filled it in, and the store keeps no time.

`Limiter` caps the submissions a scan takes per minute, in this process. A
gemeenteavond where everyone answers at once stays far below it; a script that
fetches forms and sends them back does not get further than that.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import deque

#: How long a form may stay open before it is sent: a week (opened on Sunday, sent on
#: a weekday). After that the form comes back with a new nonce and the answers kept.
MAX_AGE = 7 * 24 * 3600
#: The submissions a scan takes per minute (`focusbuild scan serve --per-minuut`).
PER_MINUTE = 60

_SHAPE = re.compile(r"^(\d{10})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})$")


def _mac(secret: bytes, token: str, issued: str, random: str) -> str:
    digest = hmac.new(secret, f"{token}.{issued}.{random}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:22]


def issue(secret: bytes, token: str, now: float | None = None) -> str:
    """A new nonce for the form of the scan with `token`."""
    issued = f"{int(time.time() if now is None else now):010d}"
    random = secrets.token_urlsafe(12)  # 16 characters
    return f"{issued}.{random}.{_mac(secret, token, issued, random)}"


def verify(secret: bytes, token: str, nonce: str, now: float | None = None) -> str | None:
    """The random part of a nonce this server signed for `token` and that has not expired
    (what is stored to take a form once); None for any other."""
    found = _SHAPE.match(nonce)
    if found is None:
        return None
    issued, random, mac = found.groups()
    if not hmac.compare_digest(mac, _mac(secret, token, issued, random)):
        return None
    age = (time.time() if now is None else now) - int(issued)
    return random if -60 <= age <= MAX_AGE else None


class Limiter:
    """At most `per_minute` submissions per scan in any 60 seconds."""

    def __init__(self, per_minute: int = PER_MINUTE) -> None:
        self.per_minute = per_minute
        self._taken: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, token: str, now: float | None = None) -> bool:
        """Whether the scan may take one more submission now (counted when it may)."""
        moment = time.monotonic() if now is None else now
        with self._lock:
            taken = self._taken.setdefault(token, deque())
            while taken and taken[0] <= moment - 60:
                taken.popleft()
            if len(taken) >= self.per_minute:
                return False
            taken.append(moment)
            return True
