"""Everything a build keeps for the next one, under OUTPUT/.cache/.

- `fingerprint`: digests of the code, the libraries, the layouts and the model;
- `traces`: what each product read while it was made (`Recorder`, `Inputs`,
  `TraceStore`), so it is reused while none of that changed;
- `objects`: finished files by key (pages, PDFs, EPUBs, the search index);
- `pdfs`: typeset PDFs by the hash of their HTML;
- `markdown`: rendered Markdown bodies;
- `search`: what the search index was made from;
- `record`: the output as the last build left it;
- `files`: how every cache file is written and read.

`focusbuild check` uses none of it: a check writes nothing.
"""
