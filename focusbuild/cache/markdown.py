"""Rendered Markdown bodies kept between builds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from focusbuild.cache.files import load, save


class MarkdownStore:
    """Rendered Markdown bodies from earlier builds, by a digest of everything that shaped them.

    The file is read when a rendering is first asked for, not before: a build with
    nothing changed asks for none, and reading the renderings of 2,000 sections with
    many Bible references took half a second."""

    def __init__(self, path: Path, *, reuse: bool = True) -> None:
        self.path = path
        self.reuse = reuse
        self._loaded: dict[str, Any] | None = None
        self._used: dict[str, Any] = {}
        self._keep_all = False

    @property
    def _stored(self) -> dict[str, Any]:
        if self._loaded is None:
            stored = load(self.path) if self.reuse else None
            self._loaded = stored if isinstance(stored, dict) else {}
        return self._loaded

    def get(self, key: str) -> Any:
        value = self._stored.get(key)
        if value is not None:
            self._used[key] = value
        return value

    def keep_all(self) -> None:
        """Keep every stored rendering, used in this build or not."""
        self._keep_all = True

    def put(self, key: str, value: Any) -> None:
        self._used[key] = value

    def save(self) -> None:
        """Write the renderings used so far, unless the file already holds just those."""
        if self._keep_all:
            if not self._used.keys() - (self._loaded or {}).keys():
                return  # nothing new: the file stays as it is
            self._used = {**self._stored, **self._used}
            self._keep_all = False
        if self._used.keys() != self._stored.keys():
            save(self.path, self._used)
            self._loaded = dict(self._used)
