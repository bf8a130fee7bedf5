"""The keys that decide reuse: they change with what shapes the output, and only with that."""

from __future__ import annotations

from collections.abc import Callable
from importlib import metadata

import pytest

from focusbuild.cache import fingerprint


def typesetting_key(version: Callable[[str], str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(metadata, "version", version)
    fingerprint.typesetting.cache_clear()
    try:
        return fingerprint.typesetting()
    finally:
        fingerprint.typesetting.cache_clear()


def test_the_pdf_key_ignores_packages_the_typesetting_does_not_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pypdf needs typing_extensions only before Python 3.11: installing it (the test extras
    do) must not make every PDF be typeset again."""
    real = metadata.version

    def installed(extra: str, version: str | None) -> Callable[[str], str]:
        def lookup(name: str) -> str:
            if name.lower().replace("-", "_") == extra:
                if version is None:
                    raise metadata.PackageNotFoundError(name)
                return version
            return real(name)

        return lookup

    without = typesetting_key(installed("typing_extensions", None), monkeypatch)
    typing_key = typesetting_key(installed("typing_extensions", "4.99"), monkeypatch)
    assert typing_key == without
    # a library WeasyPrint does use changes the key
    assert typesetting_key(installed("pydyf", "0.0.1"), monkeypatch) != without
