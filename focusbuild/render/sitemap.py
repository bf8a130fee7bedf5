"""sitemap.xml and robots.txt for search engines."""

from __future__ import annotations

from html import escape


def sitemap_xml(base_url: str, page_urls: list[str]) -> str:
    """Every public page except the 404 page, with its absolute URL; no dates (reproducible)."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url in page_urls:
        if url.endswith(".html"):
            continue
        lines.append(f"  <url><loc>{escape(base + url, quote=False)}</loc></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base_url: str) -> str:
    base = base_url if base_url.endswith("/") else base_url + "/"
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"
