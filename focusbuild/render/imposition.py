"""Saddle-stitch imposition: an A5 booklet on A4 sheets, to fold and staple (pypdf).

The pages are padded with blank ones to a multiple of four. Sheet k carries
on its front the last-but-2k page (left) and page 2k+1 (right), on its back
page 2k+2 (left) and the last-but-(2k+1) page (right); printed double-sided
(flip on the short edge), folded and stapled, they read in order.
"""

from __future__ import annotations

import io

A4_LANDSCAPE = (841.89, 595.28)  # points


def sheet_order(pages: int) -> list[tuple[int, int]]:
    """The (left, right) page numbers (0-based) of each sheet side; -1 is blank."""
    total = -(-pages // 4) * 4
    sides = []
    for k in range(total // 4):
        front = (total - 1 - 2 * k, 2 * k)
        back = (2 * k + 1, total - 2 - 2 * k)
        sides += [front, back]
    return [(a if a < pages else -1, b if b < pages else -1) for a, b in sides]


def impose(pdf: bytes) -> bytes:
    # pypdf is loaded here, not at start-up: most builds reuse their booklets
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation
    from pypdf.generic import NameObject, TextStringObject

    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    width, height = A4_LANDSCAPE
    for left, right in sheet_order(len(reader.pages)):
        sheet = PageObject.create_blank_page(width=width, height=height)
        for index, x in ((left, 0.0), (right, width / 2)):
            if index < 0:
                continue
            page = reader.pages[index]
            box = page.mediabox
            scale = min((width / 2) / float(box.width), height / float(box.height))
            sheet.merge_transformed_page(
                page, Transformation().scale(scale).translate(x, 0), over=True
            )
        writer.add_page(sheet)
    writer.add_metadata({"/Title": (reader.metadata.title if reader.metadata else None) or ""})
    writer._root_object[NameObject("/Lang")] = TextStringObject("nl")  # pypdf has no setter
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
