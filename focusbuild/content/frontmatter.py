"""Read a Markdown file: decode, split off the YAML front matter, keep line numbers."""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass, replace
from pathlib import Path

from focusbuild.diagnostics import Collector
from focusbuild.yamlnodes import Node, parse_yaml


@dataclass(frozen=True)
class Document:
    path: Path
    rel: str
    meta: Node  # a mapping node
    body: str
    body_line: int  # 1-based file line where the body starts
    # The front matter with its '---' lines. Not the whole file: that would hold every
    # body twice for as long as the model lives (49 MB more at 20,000 sections).
    head: str = ""


def read_text(path: Path, rel: str, collector: Collector) -> str | None:
    """The file as text with '\\n' line ends; a UTF-8 BOM is dropped. None if not UTF-8,
    or not a plain file (a named pipe would make the read wait for ever)."""
    if not stat.S_ISREG(path.stat().st_mode):
        collector.error(rel, 1, 1, "dit is geen gewoon bestand (een pipe of apparaat)")
        return None
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        # the character as Windows-1252 (what Word and Notepad saved) reads it: "é"
        guess = data[exc.start : exc.start + 1].decode("cp1252", errors="replace")
        shown = f" (een '{guess}'?)" if guess.isprintable() and guess != "\ufffd" else ""
        collector.error(
            rel,
            line,
            column,
            f"bestand is geen UTF-8: het teken hier{shown} is in een andere codering "
            "opgeslagen; sla het bestand op als UTF-8 in je editor",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_document(path: Path, rel: str, collector: Collector) -> Document | None:
    """The file as a document, or None after reporting why it cannot be one. Once
    `remember_parsed` was called, a file read clean before is not read again while its
    size, times and inode are the same (what the check cache looks at too)."""
    if not _remember:
        return _read_document(path, rel, collector)
    name = str(path)
    try:
        info = os.stat(name)
    except OSError:
        return _read_document(path, rel, collector)  # which reports it
    stamp = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    kept = _READ.get(name)
    if kept is not None and kept[0] == stamp and kept[1].rel == rel:
        # with this build's path and rel objects: the model's skeleton digest is a pickle,
        # and pickle writes an object met twice as a reference to the first
        return replace(kept[1], path=path, rel=rel)
    own = Collector()
    doc = _read_document(path, rel, own)
    collector.extend(own.items)
    # A file changed within the last second is read again next time: a second save in
    # the same clock tick as this read, with the same size, would leave its stamp as it
    # is (git calls such a file "racily clean").
    settled = time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > _RACY_NS
    if doc is not None and not own.items and settled:
        if len(_READ) >= _PARSED_MAX:
            _READ.clear()
        _READ[name] = (stamp, doc)
    return doc


def _read_document(path: Path, rel: str, collector: Collector) -> Document | None:
    text = read_text(path, rel, collector)
    if text is None:
        return None
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        collector.error(
            rel,
            1,
            1,
            "het kopje bovenin (front matter) ontbreekt: het bestand moet beginnen met een "
            "regel '---', "
            "dan de sleutels (zoals 'titel: …') en weer '---'",
        )
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        collector.error(
            rel, 1, 1, "het kopje bovenin (front matter) is niet afgesloten met een regel '---'"
        )
        return None
    meta = _front_matter("\n".join(lines[1:end]), rel, collector)
    if meta is None:
        return None
    if not meta.is_mapping:
        collector.error(
            rel,
            2 if meta.value is not None else 1,
            1,
            "het kopje bovenin (front matter) moet sleutels met waarden bevatten "
            "(zoals 'titel: …'), "
            + ("maar is leeg" if meta.value is None else f"niet {_kind(meta)}"),
        )
        return None
    head = "\n".join(lines[: end + 1])
    return Document(path, rel, meta, "\n".join(lines[end + 1 :]), end + 2, head)


#: Front matter parsed clean before, by file and text, once `remember_parsed` was
#: called: `serve` checks the whole project after every edit, and most files did not
#: change (their nodes are never changed). A single build does not fill it: the nodes
#: and texts of 20,000 files would stay in memory to the end for nothing (40 MB).
_PARSED: dict[tuple[str, str], Node] = {}
_PARSED_MAX = 50_000
#: Documents read clean before, by path, with the size, times and inode of their file.
_READ: dict[str, tuple[tuple[int, int, int, int], Document]] = {}
_RACY_NS = 1_000_000_000
_remember = False


def remember_parsed() -> None:
    """Keep front matter and other YAML parsed, and documents read, from now on, for the
    builds that follow in this process."""
    global _remember
    _remember = True


def remembering() -> bool:
    """Whether what is read and parsed is kept for the next build in this process."""
    return _remember


def _front_matter(text: str, rel: str, collector: Collector) -> Node | None:
    return parse_once(text, rel, collector, first_line=2)


def parse_once(text: str, rel: str, collector: Collector, first_line: int = 1) -> Node | None:
    """`parse_yaml`, from what was parsed clean before when it was remembered (serve)."""
    found = _PARSED.get((rel, text))
    if found is not None:
        return found
    own = Collector()
    meta = parse_yaml(text, rel, own, first_line=first_line)
    collector.extend(own.items)
    if _remember and meta is not None and not own.items:
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        _PARSED[(rel, text)] = meta
    return meta


def _kind(node: Node) -> str:
    if isinstance(node.value, list):
        return "een lijst"
    return "losse tekst"
