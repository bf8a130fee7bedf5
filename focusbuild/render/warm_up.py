"""Loaded by the warm typesetting server (`warm_typesetter`): WeasyPrint, and one
small Dutch page typeset, so that Pango, fontconfig, the hyphenation patterns and
WeasyPrint's stylesheet are loaded before any worker is forked from it."""

from __future__ import annotations

import focusbuild.render.imposition
import focusbuild.render.typeset
from focusbuild.render.weasyprint_loader import weasyprint

_PAGE = (
    '<html lang="nl"><head><title>-</title></head>'
    '<body><p style="hyphens: auto">kerkenraadsvergadering en gemeenteavond</p></body></html>'
)

weasyprint.HTML(string=_PAGE).render().write_pdf()

__all__ = ["focusbuild"]
