"""Saddle-stitch imposition: an A5 booklet on A4 sheets, to fold and staple (pikepdf).

The pages are padded with blank ones to a multiple of four. Sheet k carries
on its front the last-but-2k page (left) and page 2k+1 (right), on its back
page 2k+2 (left) and the last-but-(2k+1) page (right); printed double-sided
(flip on the short edge), folded and stapled, they read in order.
"""

from __future__ import annotations

import io
from typing import Any

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
    """The A4 sheets of an A5 PDF: each page becomes a form XObject, drawn on its half
    of the sheet. pikepdf (qpdf) copies the forms without parsing their content: pypdf
    took 0.35 s for a 47-page werkboek, on the path of every rebuild that changed it;
    pikepdf takes 0.03 s. The fonts and pictures the pages share are copied once."""
    import pikepdf  # loaded here, not at start-up: most builds reuse their booklets

    from focusbuild.render.joining import saved

    source = pikepdf.Pdf.open(io.BytesIO(pdf))
    out = pikepdf.Pdf.new()
    width, height = A4_LANDSCAPE
    forms: dict[int, Any] = {}
    for left, right in sheet_order(len(source.pages)):
        sheet = out.add_blank_page(page_size=(width, height))
        for index, x in ((left, 0.0), (right, width / 2)):
            if index < 0:
                continue
            if index not in forms:
                form = source.make_indirect(source.pages[index].as_form_xobject())
                forms[index] = out.copy_foreign(form)
            page = source.pages[index].mediabox
            scale = min((width / 2) / float(page[2] - page[0]), height / float(page[3] - page[1]))
            # named by hand: pikepdf makes up a random name, and the bytes must not vary
            name = sheet.add_resource(
                forms[index], pikepdf.Name.XObject, pikepdf.Name(f"/P{index}")
            )
            sheet.contents_add(
                f"q {scale:.6f} 0 0 {scale:.6f} {x:.4f} 0 cm {name} Do Q\n".encode("ascii")
            )
    title = source.docinfo.get("/Title")
    out.docinfo["/Title"] = title if title is not None else pikepdf.String("")
    out.Root.Lang = pikepdf.String("nl")
    # what the print dialog should start with: both sides, turned on the short edge, at
    # actual size (a page "fitted" to the printer's margins no longer folds true)
    out.Root.ViewerPreferences = pikepdf.Dictionary(
        Duplex=pikepdf.Name.DuplexFlipShortEdge, PrintScaling=pikepdf.Name("/None")
    )
    return saved(out)
