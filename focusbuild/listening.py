"""Listening on a host and port, for both servers (`serve` and `scan serve`).

A port in use, an address that is not this computer's or a port below 1024 is
told in Dutch; for a port in use, with a free one near it to try.
"""

from __future__ import annotations

import errno
import socket


def family(host: str) -> socket.AddressFamily:
    """IPv6 for an address with a ':' (such as ::1), else IPv4."""
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def shown(host: str) -> str:
    """The host as it stands in a URL or before ':port': an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host


class CannotListen(Exception):
    """Nothing can listen on `host`:`port`: the port is `taken` (then `free` is one near
    it that is not, if any), or the system gave `reason`."""

    def __init__(self, host: str, port: int, taken: bool, free: int | None, reason: str) -> None:
        super().__init__(f"{host}:{port}: {reason}")
        self.host, self.port = host, port
        self.taken, self.free, self.reason = taken, free, reason

    def message(self, command: str) -> str:
        """What to tell the person who ran `command` (such as "focusbuild serve")."""
        where = f"kan niet luisteren op {shown(self.host)}:{self.port}"
        if not self.taken:
            return f"{where} ({self.reason})"
        hint = f"; probeer --port {self.free}" if self.free is not None else ""
        return f"{where}: die poort is al in gebruik (draait {command} al?){hint}"


def refused(host: str, port: int, error: OSError) -> CannotListen:
    """The system's refusal to listen, as a `CannotListen`."""
    taken = error.errno == errno.EADDRINUSE
    free = _free_port_near(host, port) if taken else None
    return CannotListen(host, port, taken, free, _reason(error))


def bound(host: str, port: int) -> socket.socket:
    """A TCP socket bound to `host`:`port` (IPv6 when `host` has a ':'), for a server that
    listens on it; `CannotListen` if the system refuses."""
    sock = socket.socket(family(host), socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise refused(host, port, error) from error
    return sock


def _reason(error: OSError) -> str:
    """Why the system would not listen, in Dutch where it is a common case."""
    if isinstance(error, socket.gaierror):
        return "onbekend adres"
    known = {
        errno.EADDRNOTAVAIL: "dat adres hoort niet bij deze computer",
        errno.EACCES: "geen toestemming; kies een poort vanaf 1024",
    }
    return known.get(error.errno or 0, error.strerror or str(error))


def _free_port_near(host: str, port: int) -> int | None:
    """The first of the next twenty ports that this host can listen on, if any."""
    for candidate in range(port + 1, min(port + 21, 65536)):
        with socket.socket(family(host), socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host, candidate))
            except OSError:
                continue
            return candidate
    return None
