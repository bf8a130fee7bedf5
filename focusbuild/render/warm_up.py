"""Loaded by the warm typesetting server (`warm_typesetter`) after the modules that
typeset: one small Dutch page typeset, so that Pango, fontconfig, the hyphenation
patterns and WeasyPrint's stylesheet are loaded before any worker is forked from it."""

from __future__ import annotations

from focusbuild.render.typeset import typeset

_PAGE = (
    '<html lang="nl"><head><title>-</title></head>'
    '<body><p style="hyphens: auto">kerkenraadsvergadering en gemeenteavond</p></body></html>'
)

typeset(_PAGE, "file:///", ())
