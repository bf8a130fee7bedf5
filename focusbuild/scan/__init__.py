"""The FocusScan: the questionnaire a gemeente fills in online, and its report.

This is focusbuild's one server part (everything else is static files):
- `questions.py`: `content/focusscan.yaml`, checked like all content;
- `store.py`: the answers in SQLite (WAL), stored once, committed before the
  answer is acknowledged, in a file only its owner can read;
- `form.py`: what a submitted form says, checked on the server;
- `app.py`: the Starlette app behind `focusbuild scan serve` (the form only:
  opening, closing, export and report are commands, never web pages);
- `report.py`: the report for the gemeenteavond and the kerkenraad (HTML, PDF);
- `commands.py`: `focusbuild scan …`.
"""
