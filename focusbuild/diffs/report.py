"""The diff report: the changed pages side by side, the changed regions marked."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw

from focusbuild.diffs.pages import Box, PageChange
from focusbuild.render.templates import environment

if TYPE_CHECKING:
    from focusbuild.diffs.run import BookletDiff, DiffResult

#: The colour of a changed region's frame (the look-and-feel's warning red).
MARK = (179, 38, 30)
SUMMARY = "samenvatting.md"


def write_report(result: DiffResult, folder: Path, layouts: Path) -> None:
    """index.html with the images it shows, and samenvatting.md for the pull request."""
    for booklet in result.booklets:
        _images(booklet, folder / booklet.folder)
    env = environment([layouts / "diff"])
    html = env.get_template("diff.html").render(result=result, describe=describe)
    (folder / "index.html").write_text(html, encoding="utf-8")
    (folder / SUMMARY).write_text(summary_markdown(result), encoding="utf-8")


def _images(booklet: BookletDiff, folder: Path) -> None:
    """Keep the images of the changed pages, with their regions framed; drop the rest."""
    if not folder.is_dir():
        return
    keep: dict[str, tuple[Box, ...]] = {}
    for change in booklet.changes:
        if change.kind == "verschoven":
            continue
        if change.old is not None:
            keep[f"oud-{change.old}.png"] = change.regions
        if change.new is not None:
            keep[f"nieuw-{change.new}.png"] = change.regions
    for image in folder.glob("*.png"):
        if image.name not in keep:
            image.unlink()
        elif keep[image.name]:
            _frame(image, keep[image.name])


def _frame(image: Path, boxes: tuple[Box, ...]) -> None:
    with Image.open(image) as opened:
        page = opened.convert("RGB")
    draw = ImageDraw.Draw(page)
    for left, top, right, bottom in boxes:
        draw.rectangle((left - 3, top - 3, right + 2, bottom + 2), outline=MARK, width=3)
    page.save(image, optimize=True)


def page_list(numbers: list[int]) -> str:
    """'blz. 3, 12–18 en 21': runs of pages as a range."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    shown = [str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs]
    if len(shown) > 1:
        return "blz. " + ", ".join(shown[:-1]) + " en " + shown[-1]
    return "blz. " + "".join(shown)


def describe(booklet: BookletDiff) -> str:
    """One booklet's changes in a line: '2 bladzijden veranderd (blz. 5 en 6), …'."""
    if booklet.kind == "nieuw":
        return f"nieuw boekje, {booklet.pages_new} bladzijden"
    if booklet.kind == "weg":
        return f"boekje vervalt ({booklet.pages_old} bladzijden)"
    parts = []
    for kind, label in (
        ("gewijzigd", "veranderd"),
        ("nieuw", "erbij"),
        ("weg", "eruit"),
        ("verschoven", "verschoven"),
    ):
        numbers = _numbers(booklet.changes, kind)
        if numbers:
            count = f"{len(numbers)} {'bladzijde' if len(numbers) == 1 else 'bladzijden'}"
            parts.append(f"{count} {label} ({page_list(numbers)})")
    return ", ".join(parts)


def _numbers(changes: tuple[PageChange, ...], kind: str) -> list[int]:
    found = []
    for change in changes:
        if change.kind == kind:
            number = change.old if kind == "weg" else change.new
            if number is not None:
                found.append(number)
    return found


def summary_markdown(result: DiffResult) -> str:
    """The pull request comment."""
    lines = [
        f"**{result.summary}** (vergeleken met `{result.ref}`, {result.compared} boekjes bekeken)",
        "",
    ]
    if result.booklets:
        lines += ["| Boekje | Wat er verandert |", "| --- | --- |"]
        lines += [f"| `{b.rel}` | {describe(b)} |" for b in result.booklets]
        lines += [
            "",
            "De bladzijden naast elkaar, met de veranderingen omlijnd: het verslag "
            "`pdf-verschillen` bij de *Artifacts* van deze controle.",
        ]
    return "\n".join(lines) + "\n"
