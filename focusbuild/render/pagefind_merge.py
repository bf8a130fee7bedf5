"""One search across the merged parts of the index, as if it were one index.

The site's index has a part per blok and katern (an edit renews only its part), and
Pagefind's search page merges them: it searches each part on its own and sorts the
results together. A part in which no word starts as a search word does (as Pagefind
stems it) falls back to the longest word it has that the search word starts with
(`find_word_extensions` in Pagefind's search): in a blok without "Hebreeën", "heb", of
"hebben". In one index that fallback only serves a word the whole site lacks; across
parts it filled the results with noise: "Hebreeën 12" gave 31 results, the first five
youth pages with "heb" and "12-16", and the 7 real ones below them.

So a part's results for a search are kept only if the part has the stem of each search
word that any part has (Pagefind's exact search of the word, `"word"`, tells). A word
no part has as a whole (the last word while it is typed, "zach") filters nothing: its
extensions ("zacheüs", "zachtjes") are found in every part as before. A part that has
only longer words from the stem ("gebedsavond" for "gebed") where another part has the
stem itself loses those results: they ranked below the stem's anyway.

The search runs in Pagefind's web worker, or in the page without one: the same code is
put into both files, at the one place each merges the parts' searches (Pagefind 1.5).
"""

from __future__ import annotations

#: Where Pagefind's page script and its worker search every part; the same line with
#: the function below instead. The worker names its options `options`, the page script
#: `options2` (both bundled by esbuild from one source).
PATCHES = {
    "pagefind.js": (
        "let search2=await Promise.all(this.instances.map((i2)=>i2.search(term,options2)));",
        "let search2=await focusbuildMergedSearch(this.instances,term,options2);",
    ),
    "pagefind-worker.js": (
        "let search=await Promise.all(this.instances.map((i2)=>i2.search(term,options)));",
        "let search=await focusbuildMergedSearch(this.instances,term,options);",
    ),
}

MERGED_SEARCH = """
/* focusbuild (render/pagefind_merge.py): a part's results count only if the part has
   the stem of each search word that another part has; else they come from Pagefind's
   fallback to a shorter word ("heb" for "Hebreeën") in a part without the word. */
async function focusbuildMergedSearch(instances, term, options) {
  const found = await Promise.all(instances.map((i) => i.search(term, options)));
  if (instances.length < 2 || typeof term !== "string" || /^\\s*".+"\\s*$/.test(term) ||
      found.some((f) => !f)) {
    return found;
  }
  const words = [...new Set(term.trim().split(/\\s+/).filter((w) => w && !w.includes('"')))];
  const kept = instances.map(() => true);
  for (const word of words) {
    const exact = await Promise.all(instances.map((i) => i.search(`"${word}"`, {})));
    const has = exact.map((e) => Boolean(e && e.unfilteredResultCount > 0));
    if (has.some(Boolean)) has.forEach((h, n) => { if (!h) kept[n] = false; });
  }
  const none = (filters) => Object.fromEntries(Object.entries(filters || {}).map(
    ([name, values]) => [name, Object.fromEntries(Object.keys(values).map((v) => [v, 0]))]));
  return found.map((f, n) => (kept[n] ? f : {
    ...f, results: [], unfilteredResultCount: 0,
    filters: none(f.filters), totalFilters: none(f.totalFilters),
  }));
}
"""


class UnexpectedPagefind(RuntimeError):
    """Pagefind's scripts lack the line this module replaces (another version)."""


def merged_search(files: dict[str, bytes]) -> None:
    """Put the merged search into Pagefind's page script and worker (those present)."""
    for name, (line, replacement) in PATCHES.items():
        if name not in files:
            continue
        script = files[name].decode("utf-8")
        if script.count(line) != 1:
            raise UnexpectedPagefind(name)
        files[name] = (script.replace(line, replacement) + MERGED_SEARCH).encode("utf-8")
