"""`focusbuild diff`: what a change does to the printed booklets, page by page.

`worktree.py` checks out the base (a git ref) beside the project; `run.py`
builds the publications of both (the base reusing the project's cache, so
an unchanged booklet is not typeset) and compares them; `pages.py` pairs
the pages of two versions of a PDF and finds the changed regions in their
images; `report.py` writes the HTML report and the summary for the pull
request.
"""
