"""The keys that decide reuse: they change with what shapes the output, and only with that."""

from __future__ import annotations

from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import pytest

from focusbuild.cache import fingerprint


def typesetting_key(
    version: Callable[[str], str], extra: str, monkeypatch: pytest.MonkeyPatch
) -> str:
    """The PDF key with the library `extra` as `version` says (installed or not): the
    versions come from the dist-info folders' names, importlib.metadata where a library
    has none."""
    folders = dict(fingerprint._installed())
    folders.pop(fingerprint._normal(extra), None)
    monkeypatch.setattr(fingerprint, "_installed", lambda: folders)
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

    typing = "typing_extensions"
    without = typesetting_key(installed(typing, None), typing, monkeypatch)
    typing_key = typesetting_key(installed(typing, "4.99"), typing, monkeypatch)
    assert typing_key == without
    # a library WeasyPrint does use changes the key
    assert typesetting_key(installed("pydyf", "0.0.1"), "pydyf", monkeypatch) != without


def test_library_versions_are_read_from_the_dist_info_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache keys hold the versions of the libraries focusbuild writes with, so an
    upgrade makes everything again. They come from the names of the dist-info folders
    (importlib.metadata read each METADATA file with the email package: 17 ms of a
    0.35 s build with nothing changed), and agree with importlib.metadata."""
    import sys
    from importlib import metadata

    from focusbuild.cache import fingerprint

    for name in fingerprint.LIBRARIES:
        try:
            expected = metadata.version(name)
        except metadata.PackageNotFoundError:
            expected = ""
        assert fingerprint._version(name) == expected, name
    # a newer install earlier on sys.path wins, as it does for an import
    (tmp_path / "weasyprint-99.0.dist-info").mkdir()
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    fingerprint._installed.cache_clear()
    try:
        assert fingerprint._version("WeasyPrint") == "99.0"
    finally:
        fingerprint._installed.cache_clear()
