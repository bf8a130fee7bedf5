"""The house style check's findings, kept for the next build.

After an edit the check reads the whole project again. The house style check
(placeholders, the form of address, letters the print fonts lack, names) is a
function of each text alone, and on 228 long sections it took 0.12 s of a
0.87 s rebuild: the findings of the texts that did not change now come from the
last build. Keyed on focusbuild's code, which shapes the findings.
"""

from __future__ import annotations

from pathlib import Path

from focusbuild.cache.files import load_keyed, save_keyed
from focusbuild.content import style


class FindingStore:
    def __init__(self, path: Path, key: str, *, reuse: bool = True) -> None:
        self.path = path
        self.key = key
        self.reuse = reuse
        self._before: set[str] = set()

    def start(self) -> None:
        """The findings of the last build are there to reuse; new ones are kept."""
        kept = load_keyed(self.path, self.key) if self.reuse else None
        found = kept if isinstance(kept, dict) else {}
        self._before = set(found)
        style.keep_findings(found)

    def finish(self, *, save: bool) -> None:
        """Stop keeping findings; with `save`, write those of this build's texts, unless
        they are the ones the file holds (nothing changed: nothing written)."""
        found = style.kept_findings()
        if save and set(found) != self._before:
            save_keyed(self.path, self.key, found)
