"""One search across the merged parts of the index, as if it were one index.

The site's index has a part per blok and katern (an edit renews only its part), and
Pagefind's search page merges them: it searches each part on its own and sorts the
results together. A part in which no word starts as a search word does (as Pagefind
stems it) falls back to the longest word it has that the search word starts with
(`find_word_extensions` in Pagefind's search): in a blok without "Hebreeën", "heb", of
"hebben". In one index that fallback only serves a word the whole site lacks; across
parts it filled the results with noise: "Hebreeën 12" gave 31 results, the first five
youth pages with "heb" and "12-16", and the 7 real ones below them.

So for each search word that some part has whole (Pagefind's exact search of the word,
`"word"`, tells), a part without it keeps its results only if the word it matched starts
as far along the search word as the stem does where the word is whole: "bijbelstudie"
for "bijbel" (a longer word from the stem, as one index finds it) stays, "hebben" for
"Hebreeën" (three letters of eight, where the parts with the word match all eight)
goes. The matched word is the first one a result's excerpt marks (or, for a match in the
title alone, the title's word most like the search word); that costs a fragment per
part. A word no part has whole (the last word while it is typed, "zach") filters
nothing: its extensions ("zacheüs", "zachtjes") are found in every part as before. Quotes
around one word of several ("Hebreeën" 12) are no phrase for Pagefind: they are ignored.

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
/* focusbuild (render/pagefind_merge.py): a part without a search word keeps its results
   only if they are longer words from the word's stem ("bijbelstudie" for "bijbel"), not
   Pagefind's fallback to a shorter word ("heb" for "Hebreeën"). */
async function focusbuildMergedSearch(instances, term, options) {
  const found = await Promise.all(instances.map((i) => i.search(term, options)));
  if (instances.length < 2 || typeof term !== "string" || /^\\s*".+"\\s*$/.test(term) ||
      found.some((f) => !f)) {
    return found;
  }
  const fold = (text) => text.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
  const shared = (a, b) => {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
    return n;
  };
  // a word as Pagefind compares it: folded, without the punctuation around it
  const bare = (text) => {
    const word = fold(text).replace(/^[^\\p{L}\\p{N}]+/u, "");
    return (word.match(/^[\\p{L}\\p{N}]*/u) || [""])[0];
  };
  // what Pagefind matched for a one-word search: the word its excerpt marks first, or,
  // for a match in the title alone (no mark), the title's word most like the search word
  const matched = async (result, folded) => {
    const data = (await result.data()) || {};
    const mark = /<mark>([^<]*)<\\/mark>/.exec(data.excerpt || "");
    if (mark) return bare(mark[1]);
    const title = ((data.meta && data.meta.title) || "").split(/\\s+/).map(bare);
    return title.reduce((best, w) => (shared(w, folded) > shared(best, folded) ? w : best), "");
  };
  const words = [...new Set(term.replace(/"/g, " ").trim().split(/\\s+/).filter(Boolean))];
  const kept = instances.map(() => true);
  for (const word of words) {
    const exact = await Promise.all(instances.map((i) => i.search(`"${word}"`, {})));
    const has = exact.map((e) => Boolean(e && e.results && e.results.length > 0));
    if (!has.some(Boolean)) continue; // no part has it whole: a fallback is all there is
    const folded = fold(word);
    // how much of the word its stem keeps, as the parts that have it show
    let stem = folded.length;
    for (let n = 0; n < instances.length; n += 1) {
      if (has[n]) stem = Math.min(stem, shared(await matched(exact[n].results[0], folded), folded));
    }
    for (let n = 0; n < instances.length; n += 1) {
      if (has[n] || !kept[n]) continue;
      const own = await instances[n].search(word, {});
      const first = own && own.results && own.results[0];
      if (!first || shared(await matched(first, folded), folded) < stem) kept[n] = false;
    }
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
