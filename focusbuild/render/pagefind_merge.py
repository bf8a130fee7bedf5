"""One search across the merged parts of the index, as if it were one index.

The site's index has a part per blok and katern (an edit renews only its part), and
Pagefind's search page merges them: it searches each part on its own and sorts the
results together. A part in which no word starts as a search word does (as Pagefind
stems it) falls back to the longest word it has that the search word starts with
(`find_word_extensions` in Pagefind's search): in a blok without "Hebreeën", "heb", of
"hebben". In one index that fallback only serves a word the whole site lacks; across
parts it filled the results with noise: "Hebreeën 12" gave 31 results, the first five
youth pages with "heb" and "12-16", and the 7 real ones below them.

So for each search word that not every part has whole (Pagefind's exact search of the
word, `"word"`, tells), a part keeps its results only if the word it matched follows the
search word as far as the stem does where the word is whole: "bijbelstudie" for "bijbel"
(a longer word from the stem, as one index finds it) stays, "hebben" for "Hebreeën"
(three letters of eight, where the parts with the word match all eight) goes. For a word
no part has whole (a typo, "gebd"; a word still being typed, "zach") the best match in
any part sets the bar, and a part without any match goes: Pagefind ignores a word that
matches nothing in an index, so that part answered for the other words alone ("Markus
10" gave 50 results, one index none). How far a result's match follows the word: the
words its excerpt marks, or for a match in the title alone the title's words; that costs
a fragment per part, fetched at once, and only for a word some part lacks. Quotes around
one word of several ("Hebreeën" 12) are no phrase for Pagefind: they are ignored.
"""

from __future__ import annotations

import json

#: Where Pagefind's page script and its worker search every part, and where they merge
#: the parts' filters; each line with the functions below instead. The worker names its
#: variables `options` and `filters`, the page script `options2` and `filters2` (both
#: bundled by esbuild from one source).
PATCHES = {
    "pagefind.js": (
        (
            "let search2=await Promise.all(this.instances.map((i2)=>i2.search(term,options2)));",
            "let search2=await focusbuildMergedSearch(this.instances,term,options2);",
        ),
        (
            "mergeFilters(filters2){const merged={};",
            "mergeFilters(filters2){return focusbuildOrdered(this.mergedFilters(filters2));}"
            "mergedFilters(filters2){const merged={};",
        ),
    ),
    "pagefind-worker.js": (
        (
            "let search=await Promise.all(this.instances.map((i2)=>i2.search(term,options)));",
            "let search=await focusbuildMergedSearch(this.instances,term,options);",
        ),
        (
            "mergeFilters(filters){const merged={};",
            "mergeFilters(filters){return focusbuildOrdered(this.mergedFilters(filters));}"
            "mergedFilters(filters){const merged={};",
        ),
    ),
}

MERGED_SEARCH = """
/* focusbuild (render/pagefind_merge.py): a part keeps its results for a word only if it
   matches the word as far as one index would (the word's stem, or, for a word the site
   lacks, the best match anywhere); not Pagefind's fallback to a shorter word ("heb" for
   "Hebreeën") or its ignoring a word that matches nothing in that part. */
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
  // how far a result's match follows the search word: the marked words of its excerpt
  // ("8:15)" gives "8" and "15"), or, for a match in the title alone, the title's words
  const reach = async (result, folded) => {
    const data = (await result.data()) || {};
    const marks = [...(data.excerpt || "").matchAll(/<mark>([^<]*)<\\/mark>/g)];
    const text = marks.length ? marks.map((m) => m[1]).join(" ") : (data.meta || {}).title || "";
    return Math.max(0, ...fold(text).split(/[^\\p{L}\\p{N}]+/u).map((w) => shared(w, folded)));
  };
  const first = (response) => (response && response.results && response.results[0]) || null;
  const words = [...new Set(term.replace(/"/g, " ").trim().split(/\\s+/).filter(Boolean))];
  const kept = instances.map(() => true);
  for (const word of words) {
    const folded = fold(word);
    const exact = await Promise.all(instances.map((i) => i.search(`"${word}"`, {})));
    const has = exact.map((e) => first(e) !== null);
    if (has.every(Boolean)) continue; // every part has it whole: nothing to hold back
    const own = await Promise.all(
      instances.map((i, n) => (has[n] ? exact[n] : i.search(word, {}))));
    const reached = await Promise.all(
      own.map((response) => (first(response) ? reach(first(response), folded) : -1)));
    // the stem's length, as the parts with the word whole match it; for a word the site
    // lacks (a typo, a word still being typed), the best match anywhere
    const whole = reached.filter((r, n) => has[n]);
    const stem = whole.length ? Math.min(...whole) : Math.max(...reached);
    reached.forEach((r, n) => {
      if (stem < 0 || (!has[n] && r < stem)) kept[n] = false;
    });
  }
  const none = (filters) => Object.fromEntries(Object.entries(filters || {}).map(
    ([name, values]) => [name, Object.fromEntries(Object.keys(values).map((v) => [v, 0]))]));
  return found.map((f, n) => (kept[n] ? f : {
    ...f, results: [], unfilteredResultCount: 0,
    filters: none(f.filters), totalFilters: none(f.totalFilters),
  }));
}
"""


#: Pagefind's search code hands the interface each filter's values sorted by name
#: ("12-16", "16+", "Gezin", "Groep 3-5", … "Kring"; "Agenda" before "Blok 0"), and its
#: interface shows them in that order; it has no option for another. The merged filters
#: are put in the programme's order instead, the one `ORDER_NAME` gives (a value it
#: lacks keeps its place after those it has).
ORDERED = """
/* focusbuild (render/pagefind_merge.py): the filters, and each filter's values, in the
   programme's order, not by name. */
function focusbuildOrdered(filters) {
  const rank = (list, item) => {
    const n = list.indexOf(item);
    return n < 0 ? list.length : n;
  };
  const byRank = (list) => (a, b) => rank(list, a) - rank(list, b);
  const names = Object.keys(focusbuildFilterOrder);
  return Object.fromEntries(Object.keys(filters || {}).sort(byRank(names)).map((name) => {
    const values = filters[name] || {};
    const wanted = focusbuildFilterOrder[name] || [];
    return [name, Object.fromEntries(
      Object.keys(values).sort(byRank(wanted)).map((value) => [value, values[value]]))];
  }));
}
"""
ORDER_NAME = "focusbuildFilterOrder"


class UnexpectedPagefind(RuntimeError):
    """Pagefind's scripts lack a line this module replaces (another version)."""


def merged_search(files: dict[str, bytes], order: dict[str, list[str]] | None = None) -> None:
    """Put the merged search into Pagefind's page script and worker (those present), with
    the filters in `order`: per filter (in the order the filters are offered), the order
    of its values."""
    wanted = json.dumps(order or {}, ensure_ascii=True, separators=(",", ":"))
    code = f"{MERGED_SEARCH}{ORDERED}const {ORDER_NAME} = {wanted};\n"
    for name, patches in PATCHES.items():
        if name not in files:
            continue
        script = files[name].decode("utf-8")
        for line, replacement in patches:
            if script.count(line) != 1:
                raise UnexpectedPagefind(name)
            script = script.replace(line, replacement)
        files[name] = (script + code).encode("utf-8")
