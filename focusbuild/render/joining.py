"""Tagged PDFs joined into one, as if WeasyPrint had typeset them as one document.

WeasyPrint writes PDF/UA: every page's content is tied to a structure tree
(headings, paragraphs, lists, links) that screen readers follow. Joining pages
alone would lose it, so besides the pages this joins the trees (the parts'
document elements become one), renumbers the parent tree that ties marked
content back to the tree, and merges the named destinations (a later part's
anchor wins: the front part names its table of contents' targets itself, see
`parts.py`) and the outlines. The first part gives the catalogue: language,
XMP metadata (PDF/UA identifier, title), viewer preferences.

Each part embeds its own subset of every font it uses; joined as they are, a
werkboek grew from 153 to 237 kB. So the parts' subsets of one font become one:
the original font (`originals`, by PostScript name and version) cut to the glyphs all parts
use, as the whole document's subset would be, with their widths and Unicode
mappings merged. A font whose original is unknown keeps its subsets.

pikepdf (qpdf) does the copying: pypdf took 0.73 s for a 45-page handleiding
and wrote it 3.4 times as large (no object streams); pikepdf takes 0.06 s and
writes object streams like WeasyPrint. Its deterministic /ID keeps builds
reproducible byte for byte.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Part:
    pdf: bytes
    blank_after: bool  # a blank page follows, so the next part starts on a right-hand page


def layout(pdf: bytes) -> tuple[int, dict[str, int]] | None:
    """A PDF's page count and named destinations (anchor -> page index, 0-based), read in
    one go; None when it cannot be read (a damaged part: typeset again)."""
    import pikepdf

    try:
        doc = pikepdf.Pdf.open(io.BytesIO(pdf))
    except pikepdf.PdfError:
        return None
    with doc:
        pages: dict[Any, int] = {page.objgen: index for index, page in enumerate(doc.pages)}
        names = _dest_names(doc.Root)
        found = {}
        for i in range(0, len(names) - 1, 2):
            dest = names[i + 1]
            if isinstance(dest, pikepdf.Array) and len(dest) and dest[0].objgen in pages:
                found[str(names[i])] = pages[dest[0].objgen]
        return len(pages), found


def join(parts: list[Part], originals: dict[str, bytes] | None = None) -> bytes:
    """One PDF of the parts, in order; with `originals` (font bytes by `_identity`: name
    and version), one subset of each of those fonts instead of one per part."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    out = pikepdf.Pdf.open(io.BytesIO(parts[0].pdf))
    root = out.Root
    tree = root.StructTreeRoot
    document = _document(tree)
    nums = list(tree.ParentTree.Nums)
    offset = _highest(nums) + 1
    dests = list(_dest_names(root))
    last_item = root.Outlines.get("/Last") if "/Outlines" in root else None
    if parts[0].blank_after:
        _blank(out)
    for part in parts[1:]:
        source = pikepdf.Pdf.open(io.BytesIO(part.pdf))
        s_root = source.Root
        s_tree = s_root.StructTreeRoot
        s_nums = s_tree.ParentTree.Nums
        highest = _highest(list(s_nums))
        for page in source.pages:
            _shift(page.obj, "/StructParents", offset)
            for annotation in page.obj.get("/Annots", Array()):
                _shift(annotation, "/StructParent", offset)
        for i in range(0, len(s_nums) - 1, 2):
            s_nums[i] = int(s_nums[i]) + offset
        kids = _kids(_document(s_tree))
        for kid in kids:
            if isinstance(kid, Dictionary) and "/P" in kid:
                del kid["/P"]  # the part's own document element: set again below
        # the pages first, through the page tree (qpdf copies no page otherwise); the
        # rest in one copy, so references to those pages point at their copies
        out.pages.extend(source.pages)
        bundle = Dictionary(
            Kids=kids,
            Nums=s_nums,
            Dests=Array(_dest_names(s_root)),
            Outline=s_root.Outlines if "/Outlines" in s_root else Dictionary(),
        )
        copied = out.copy_foreign(source.make_indirect(bundle))
        for kid in copied.Kids:
            if isinstance(kid, Dictionary) and "/S" in kid:
                kid.P = document
            document.K.append(kid)
        nums += list(copied.Nums)
        dests += list(copied.Dests)
        if "/First" in copied.Outline:
            if "/Outlines" not in root:
                root.Outlines = out.make_indirect(Dictionary(Type=Name.Outlines))
            last_item = _append_items(root.Outlines, copied.Outline.First, last_item)
        offset += highest + 1
        if part.blank_after:
            _blank(out)
    tree.ParentTree = out.make_indirect(Dictionary(Nums=Array(nums)))
    named = {str(dests[i]): dests[i + 1] for i in range(0, len(dests) - 1, 2)}
    if named:
        if "/Names" not in root:
            root.Names = Dictionary()
        flat = [x for name in sorted(named) for x in (pikepdf.String(name), named[name])]
        root.Names.Dests = Dictionary(Names=Array(flat))
    if "/Outlines" in root:
        root.Outlines.Count = _visible(root.Outlines)
    if originals:
        _merge_fonts(out, originals)
    return saved(out)


def saved(pdf: Any) -> bytes:
    """A pikepdf document as bytes, the way focusbuild writes every PDF it assembles:
    with object streams (as WeasyPrint writes them) and an /ID made from the content, so
    the same document always gives the same bytes."""
    import pikepdf

    buffer = io.BytesIO()
    pdf.save(buffer, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True)
    return buffer.getvalue()


def _document(tree: Any) -> Any:
    """The document element at the top of a structure tree."""
    import pikepdf

    kids = tree.K
    return kids[0] if isinstance(kids, pikepdf.Array) else kids


def _kids(element: Any) -> list[Any]:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _highest(nums: list[Any]) -> int:
    """The highest key of a parent tree's /Nums (key, value, key, value, ...)."""
    return max((int(nums[i]) for i in range(0, len(nums) - 1, 2)), default=-1)


def _shift(obj: Any, key: str, offset: int) -> None:
    if key in obj:
        obj[key] = int(obj[key]) + offset


def _dest_names(root: Any) -> list[Any]:
    """The flat /Names array of the named destinations (WeasyPrint writes one leaf)."""
    names = root.get("/Names")
    if names is None or "/Dests" not in names:
        return []
    return list(names.Dests.get("/Names", []))


def _append_items(outlines: Any, first: Any, last: Any) -> Any:
    """Hang a chain of top-level outline items (from `first` on) under `outlines`, after
    `last`; the new last item."""
    item = first
    while True:
        item.Parent = outlines
        if last is None:
            outlines.First = item
            if "/Prev" in item:
                del item["/Prev"]
        else:
            last.Next = item
            item.Prev = last
        last = item
        if "/Next" not in item:
            break
        item = item.Next
    outlines.Last = last
    return last


def _visible(item: Any) -> int:
    """How many items are visible under an open outline item (its /Count)."""
    count = 0
    child = item.get("/First")
    while child is not None:
        count += 1
        inner = int(child.get("/Count", 0))
        if inner > 0:
            count += inner
        child = child.get("/Next")
    return count


def _blank(out: Any) -> None:
    """An empty page like the last one: what WeasyPrint puts before a right-hand start."""
    from pikepdf import Dictionary, Name, Page

    last = out.pages[-1].obj
    page = Dictionary(Type=Name.Page, MediaBox=last.MediaBox, Resources=Dictionary())
    for box in ("/TrimBox", "/BleedBox"):
        if box in last:
            page[box] = last[box]
    out.pages.append(Page(out.make_indirect(page)))


def _merge_fonts(out: Any, originals: dict[str, bytes]) -> None:
    """Give every group of subsets of one font (same /BaseFont) one merged subset."""
    import pikepdf

    holders = []  # the /Font dictionaries of pages and forms
    groups: dict[str, dict[Any, Any]] = {}
    for obj in out.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream) and "/Resources" in obj:
            fonts = obj.Resources.get("/Font")
            if isinstance(fonts, pikepdf.Dictionary):
                holders.append(fonts)
                for font in fonts.values():
                    if font.get("/Subtype") == "/Type0" and font.is_indirect:
                        groups.setdefault(str(font.BaseFont), {})[font.objgen] = font
    for members in groups.values():
        if len(members) > 1:
            merged = _merged(out, list(members.values()), originals)
            if merged is not None:
                for fonts in holders:
                    for name in list(fonts.keys()):
                        if fonts[name].objgen in members:
                            fonts[name] = merged


def _merged(out: Any, fonts: list[Any], originals: dict[str, bytes]) -> Any:
    """One Type0 font for several subsets of the same font, or None when that cannot be
    done safely (unknown original, a mapping this does not read)."""
    import pikepdf

    from focusbuild.render.font_subset import cut

    descendants = [font.DescendantFonts[0] for font in fonts]
    if any(d.get("/CIDToGIDMap") != pikepdf.Name.Identity for d in descendants):
        return None
    first = descendants[0].FontDescriptor.FontFile2.read_bytes()
    original = originals.get(_identity(first))
    if original is None:
        return None
    widths: dict[int, Any] = {}
    unicode: dict[int, bytes] = {}
    for font, descendant in zip(fonts, descendants, strict=True):
        widths.update(_widths(descendant.W))
        mapping = _unicode(font.ToUnicode.read_bytes())
        if mapping is None:
            return None
        unicode.update(mapping)
    program = cut(original, 0, sorted({0, *widths}), notdef=True, hinting=False)
    if program is None:
        return None
    target, descendant = fonts[0], descendants[0]
    flat: list[Any] = []
    for cid in sorted(widths):
        flat += [cid, pikepdf.Array([widths[cid]])]
    descendant.W = pikepdf.Array(flat)
    stream = pikepdf.Stream(out, program)
    stream.Length1 = len(program)
    descendant.FontDescriptor.FontFile2 = stream
    boxes = [[int(v) for v in d.FontDescriptor.FontBBox] for d in descendants]
    low = [min(b[i] for b in boxes) for i in (0, 1)]
    high = [max(b[i] for b in boxes) for i in (2, 3)]
    descendant.FontDescriptor.FontBBox = pikepdf.Array([*low, *high])
    target.ToUnicode = pikepdf.Stream(out, _cmap(target.ToUnicode.read_bytes(), unicode))
    return target


def _identity(font: bytes) -> str:
    """A font's PostScript name and version string (both survive subsetting), or ""."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # WeasyPrint uses it

    try:
        names = TTFont(io.BytesIO(font), lazy=True)["name"]
        postscript, version = names.getDebugName(6), names.getDebugName(5)
    except Exception:  # an unreadable font: left as it is
        return ""
    return f"{postscript}\n{version}" if postscript and version else ""


def originals_of(folder: Any) -> dict[str, bytes]:
    """The unpacked fonts in a folder (`*.sfnt`) by PostScript name and version; one that
    two fonts share is left out, so no font is ever swapped for another (a part typeset
    with another version of a font, or with a system font of the same name, keeps its
    own subset)."""
    found: dict[str, bytes] = {}
    shared: set[str] = set()
    for path in sorted(folder.glob("*.sfnt")):
        data = path.read_bytes()
        identity = _identity(data)
        if identity in found:
            shared.add(identity)
        found[identity] = data
    return {key: data for key, data in found.items() if key and key not in shared}


def _widths(array: Any) -> dict[int, Any]:
    """A CID font's /W as {cid: width}: runs `c [w1 w2 ...]` and ranges `c1 c2 w`."""
    import pikepdf

    found = {}
    i = 0
    while i + 1 < len(array):
        first = int(array[i])
        if isinstance(array[i + 1], pikepdf.Array):
            for offset, width in enumerate(array[i + 1]):
                found[first + offset] = width
            i += 2
        else:
            for cid in range(first, int(array[i + 1]) + 1):
                found[cid] = array[i + 2]
            i += 3
    return found


_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_PAIR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")


def _unicode(cmap: bytes) -> dict[int, bytes] | None:
    """A ToUnicode CMap's single mappings (code -> UTF-16BE hex); None for one with
    ranges, which WeasyPrint does not write."""
    if b"beginbfrange" in cmap:
        return None
    return {
        int(code, 16): text
        for block in _BFCHAR.findall(cmap)
        for code, text in _PAIR.findall(block)
    }


def _cmap(template: bytes, mapping: dict[int, bytes]) -> bytes:
    """A ToUnicode CMap like `template`, with `mapping` as its mappings (at most 100 to a
    block, as the CMap format asks)."""
    head, _, rest = template.partition(b"endcodespacerange\n")
    tail = rest[rest.rfind(b"endbfchar") + len(b"endbfchar\n") :]
    entries = sorted(mapping.items())
    body = b""
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        body += b"%d beginbfchar\n" % len(chunk)
        body += b"".join(b"<%04x> <%s>\n" % (code, text) for code, text in chunk)
        body += b"endbfchar\n"
    return head + b"endcodespacerange\n" + body + tail
