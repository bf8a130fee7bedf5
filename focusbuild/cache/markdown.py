"""Rendered Markdown bodies kept between builds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from focusbuild.cache.files import load, save


class MarkdownStore:
    """Rendered Markdown bodies from earlier builds, by a digest of everything that shaped them."""

    def __init__(self, path: Path, *, reuse: bool = True) -> None:
        self.path = path
        stored = load(path) if reuse else None
        self._stored: dict[str, Any] = stored if isinstance(stored, dict) else {}
        self._used: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        value = self._stored.get(key)
        if value is not None:
            self._used[key] = value
        return value

    def keep_all(self) -> None:
        """Keep every stored rendering, used in this build or not."""
        self._used = {**self._stored, **self._used}

    def put(self, key: str, value: Any) -> None:
        self._used[key] = value

    def save(self) -> None:
        """Write the renderings used so far, unless the file already holds just those."""
        if self._used.keys() != self._stored.keys():
            save(self.path, self._used)
            self._stored = dict(self._used)
