"""FocusNieuws and the agenda: news items, events and the e-mail editions.

- `model.py`: NewsItem, Event, Edition (frozen, like the rest of the model);
- `loader.py`: reads `content/nieuws/`, `content/agenda/`, `content/nieuwsbrief/`;
- `feeds.py`: the Atom feed and the agenda's calendar files;
- `mail.py`: one FocusNieuws edition as e-mail (HTML, text, .eml).
"""
