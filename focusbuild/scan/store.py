"""The scans and their answers, in one SQLite file.

- **Only its owner can read it**: the file is created with mode 0600 (SQLite
  gives its -wal and -shm files the same mode).
- **WAL, synchronous FULL**: a submission is committed before the form is
  answered, so an answer that was acknowledged survives a killed server.
- **Stored once**: every form carries a nonce, unique per scan; a second POST
  with the same nonce (a double click, a resent form) stores nothing. Of the nonce
  only its random part is stored, not the moment the form was handed out (nonce.py).
- **Anonymous**: a submission is its answers and its nonce. No time, no IP
  address, no browser: nothing that says who answered. Not even the order in
  which they came: a submission's id is drawn at random (a counter would say
  who was first, and someone may know who answered first), and the answers
  are stored without SQLite's hidden row number, which counts up. A database
  from before is given new ids and tables once, when it is opened.
- **Erased for good** (`erase`, `focusbuild scan wis`) once the report is made:
  answers are kept no longer than they are needed.

A scan keeps the text of `content/focusscan.yaml` as it was when it was
opened, so its form and its report always ask the same questions.
"""

from __future__ import annotations

import datetime
import os
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

#: The submissions and their answers, by table name: the schema makes them, and an older
#: database's are made again under a new name (`_forget_arrival_order`). The answers have
#: no hidden row number, which would count up with each answer stored.
_SUBMISSIONS = """
CREATE TABLE {} (
    id INTEGER PRIMARY KEY,
    scan INTEGER NOT NULL REFERENCES scans(id),
    nonce TEXT NOT NULL,
    UNIQUE (scan, nonce)
)"""
_ANSWERS = """
CREATE TABLE {} (
    inzending INTEGER NOT NULL REFERENCES inzendingen(id),
    vraag TEXT NOT NULL,
    waarde INTEGER,
    tekst TEXT,
    PRIMARY KEY (inzending, vraag)
) WITHOUT ROWID"""
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS scans (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    tot TEXT NOT NULL,
    gesloten INTEGER NOT NULL DEFAULT 0,
    vragen TEXT NOT NULL,
    naam TEXT,
    gewist TEXT,
    contact TEXT
);
{_SUBMISSIONS.format("IF NOT EXISTS inzendingen")};
{_ANSWERS.format("IF NOT EXISTS antwoorden")};
CREATE TABLE IF NOT EXISTS geheim (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    waarde BLOB NOT NULL
);
"""

#: Whether a scan took a form with this nonce already.
_SEEN = "SELECT 1 FROM inzendingen WHERE scan = ? AND nonce = ?"

#: A scan as `_scan` reads it.
_SELECT = "SELECT id, slug, token, tot, gesloten, vragen, naam, gewist, contact FROM scans"

#: One answer: a number (a statement's 1–5, a choice's option 1–n) or a text.
Answer = int | str


def default_path() -> Path:
    """The one default for every `scan` command: outside the project and its output,
    in the user's data folder ($XDG_DATA_HOME/focusbuild/focusscan.db)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "focusbuild" / "focusscan.db"


@dataclass(frozen=True)
class Scan:
    id: int
    slug: str
    token: str
    tot: datetime.date  # the last day answers are taken
    gesloten: bool
    vragen: str  # the questionnaire's YAML as it was when the scan was opened
    naam: str | None = None  # the gemeente's name, for its members to recognise
    gewist: datetime.date | None = None  # when its answers were erased (`Store.erase`)
    contact: str | None = None  # whom a member asks about their answers (an e-mail address)

    @property
    def voor(self) -> str:
        """Whom the scan is for, as the form and the report name it."""
        return self.naam or self.slug

    def open_on(self, day: datetime.date) -> bool:
        return not self.gesloten and day <= self.tot


class ScanError(Exception):
    """A scan command that cannot be done (in Dutch, for the command line)."""


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.secret: bytes
        self._writing = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(path, 0o600)
        with self.connection() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)
            # a database from before scans had a name, a contact, or recorded an erase
            columns = {row[1] for row in db.execute("PRAGMA table_info(scans)")}
            for column in ("naam", "gewist", "contact"):
                if column not in columns:
                    try:
                        db.execute(f"ALTER TABLE scans ADD COLUMN {column} TEXT")
                    except sqlite3.OperationalError as error:  # another process added it
                        if "duplicate column" not in str(error):
                            raise
            _forget_arrival_order(db)
            # the key the forms' nonces are signed with (nonce.py): made once, kept here
            db.execute(
                "INSERT OR IGNORE INTO geheim (id, waarde) VALUES (1, ?)",
                (secrets.token_bytes(32),),
            )
            (self.secret,) = db.execute("SELECT waarde FROM geheim WHERE id = 1").fetchone()

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """A connection for one piece of work (one per thread: SQLite's own rule)."""
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            yield db
        finally:
            db.close()

    # ---- the commands ------------------------------------------------------------

    def open(
        self,
        slug: str,
        tot: datetime.date,
        vragen: str,
        naam: str | None = None,
        contact: str | None = None,
    ) -> Scan:
        """Open a scan for a gemeente (`naam`: its name, shown above the form and the
        report; `contact`: the address the form gives for questions about the answers);
        its token is unguessable (128 bits)."""
        with self.connection() as db:
            db.execute("BEGIN IMMEDIATE")
            busy = db.execute(
                "SELECT tot FROM scans WHERE slug = ? AND gesloten = 0", (slug,)
            ).fetchone()
            if busy is not None:
                db.execute("ROLLBACK")
                raise ScanError(
                    f"er is al een open scan voor '{slug}' (tot {busy[0]}); "
                    f"sluit die eerst met 'focusbuild scan sluit {slug}'"
                )
            token = secrets.token_urlsafe(16)
            db.execute(
                "INSERT INTO scans (slug, token, tot, vragen, naam, contact) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (slug, token, tot.isoformat(), vragen, naam, contact),
            )
            db.execute("COMMIT")
        scan = self.latest(slug)
        assert scan is not None
        return scan

    def close(self, slug: str, today: datetime.date | None = None) -> Scan:
        """Take no more answers. Closed before its last day, the scan's last day becomes
        `today`: the report says until when answers came in."""
        scan = self.latest(slug)
        if scan is None:
            raise ScanError(f"er is geen scan voor '{slug}'")
        last = min(scan.tot, today) if today is not None else scan.tot
        with self.connection() as db:
            db.execute(
                "UPDATE scans SET gesloten = 1, tot = ? WHERE id = ?", (last.isoformat(), scan.id)
            )
        return replace(scan, gesloten=True, tot=last)

    def latest(self, slug: str) -> Scan | None:
        """A gemeente's most recent scan."""
        with self.connection() as db:
            row = db.execute(
                f"{_SELECT} WHERE slug = ? ORDER BY id DESC LIMIT 1",
                (slug,),
            ).fetchone()
        return _scan(row)

    def by_token(self, token: str) -> Scan | None:
        with self.connection() as db:
            row = db.execute(
                f"{_SELECT} WHERE token = ?",
                (token,),
            ).fetchone()
        return _scan(row)

    def scans(self) -> list[Scan]:
        with self.connection() as db:
            rows = db.execute(f"{_SELECT} ORDER BY slug, id").fetchall()
        return [s for s in (_scan(row) for row in rows) if s is not None]

    # ---- answers -----------------------------------------------------------------

    def submit(self, scan: Scan, nonce: str, answers: dict[str, Answer]) -> bool:
        """Store one submission and commit it; False when this nonce was stored before.

        The server's threads write one at a time (SQLite takes one writer anyway; waiting
        on this lock is immediate, where SQLite's busy handler would sleep and retry)."""
        with self._writing, self.connection() as db:
            db.execute("BEGIN IMMEDIATE")
            while True:
                submission = secrets.randbelow(2**62) + 1
                try:
                    db.execute(
                        "INSERT INTO inzendingen (id, scan, nonce) VALUES (?, ?, ?)",
                        (submission, scan.id, nonce),
                    )
                    break
                except sqlite3.IntegrityError:
                    if db.execute(_SEEN, (scan.id, nonce)).fetchone():
                        db.execute("ROLLBACK")
                        return False
                    # else the id was taken by chance: draw another
            db.executemany(
                "INSERT INTO antwoorden (inzending, vraag, waarde, tekst) VALUES (?, ?, ?, ?)",
                [
                    (
                        submission,
                        key,
                        value if isinstance(value, int) else None,
                        value if isinstance(value, str) else None,
                    )
                    for key, value in answers.items()
                ],
            )
            db.execute("COMMIT")
        return True

    def submissions(self, scan: Scan) -> int:
        """How many people answered, without reading what they answered."""
        with self.connection() as db:
            row = db.execute("SELECT COUNT(*) FROM inzendingen WHERE scan = ?", (scan.id,))
            return int(row.fetchone()[0])

    def responses(self, scan: Scan) -> list[dict[str, Answer]]:
        """Every submission's answers, in an order that says nothing (see `submit`)."""
        with self.connection() as db:
            rows = db.execute(
                "SELECT i.id, a.vraag, a.waarde, a.tekst FROM inzendingen i "
                "LEFT JOIN antwoorden a ON a.inzending = i.id WHERE i.scan = ? ORDER BY i.id",
                (scan.id,),
            ).fetchall()
        found: dict[int, dict[str, Answer]] = {}
        for submission, key, waarde, tekst in rows:
            answers = found.setdefault(submission, {})
            if key is not None:
                answers[key] = waarde if waarde is not None else tekst
        return list(found.values())

    def erase(self, scan: Scan, today: datetime.date) -> int:
        """Erase every submission of a scan that no longer takes answers, for good: the
        freed pages are overwritten (`secure_delete`), the log is emptied and the file
        rebuilt, so no answer can be read back from the file afterwards. The scan itself
        (its slug, dates and questions) stays, marked as erased. Returns how many
        submissions went.

        Another process that reads the database (a running `scan serve` in the middle of
        a request, a report being made) keeps old pages in its log. The erase then waits
        briefly and, if it still cannot empty the log, says so: before deleting, nothing
        is erased; after, the answers are gone from the scan but not yet from the file,
        and erasing again (once the reader is done) finishes the work."""
        require_closed(scan, today)
        with self._writing, self.connection() as db:
            db.execute(f"PRAGMA busy_timeout={ERASE_WAIT_MS}")
            db.execute("PRAGMA secure_delete=ON")
            _finish_log(db, scan, BUSY_BEFORE)
            db.execute("BEGIN IMMEDIATE")
            db.execute(
                "DELETE FROM antwoorden WHERE inzending IN "
                "(SELECT id FROM inzendingen WHERE scan = ?)",
                (scan.id,),
            )
            count = db.execute("DELETE FROM inzendingen WHERE scan = ?", (scan.id,)).rowcount
            db.execute("UPDATE scans SET gewist = ? WHERE id = ?", (today.isoformat(), scan.id))
            db.execute("COMMIT")
            _finish_log(db, scan, BUSY_AFTER)
            db.execute("VACUUM")
            _finish_log(db, scan, BUSY_AFTER)
        return int(count)

    def stored(self, scan: Scan, nonce: str) -> bool:
        """Whether a form with this nonce was stored already (a second click)."""
        with self.connection() as db:
            return db.execute(_SEEN, (scan.id, nonce)).fetchone() is not None

    def nonces(self, scan: Scan) -> set[str]:
        with self.connection() as db:
            rows = db.execute("SELECT nonce FROM inzendingen WHERE scan = ?", (scan.id,))
            return {row[0] for row in rows}


def _forget_arrival_order(db: sqlite3.Connection) -> None:
    """A database from before random ids: give every submission a random id, and store the
    answers without a row number, both in new tables; the old pages are overwritten."""
    found = db.execute("SELECT sql FROM sqlite_master WHERE name = 'antwoorden'").fetchone()
    if found is None or "WITHOUT ROWID" in str(found[0]).upper():
        return
    db.execute("PRAGMA foreign_keys=OFF")  # while the tables are swapped
    db.execute("PRAGMA secure_delete=ON")
    db.execute("BEGIN IMMEDIATE")
    try:
        found = db.execute("SELECT sql FROM sqlite_master WHERE name = 'antwoorden'").fetchone()
        if "WITHOUT ROWID" in str(found[0]).upper():  # another process was first
            db.execute("ROLLBACK")
            return
        old = [row[0] for row in db.execute("SELECT id FROM inzendingen")]
        new: list[int] = []  # each drawn on its own: no order of the old ids is kept
        while len(new) < len(old):
            drawn = secrets.randbelow(2**62) + 1
            if drawn not in new:
                new.append(drawn)
        db.execute("CREATE TEMP TABLE nummers (oud INTEGER PRIMARY KEY, nieuw INTEGER NOT NULL)")
        db.executemany("INSERT INTO nummers VALUES (?, ?)", zip(old, new, strict=True))
        db.execute(_ANSWERS.format("antwoorden_nieuw"))
        db.execute(
            "INSERT INTO antwoorden_nieuw SELECT n.nieuw, a.vraag, a.waarde, a.tekst "
            "FROM antwoorden a JOIN nummers n ON n.oud = a.inzending"
        )
        db.execute(_SUBMISSIONS.format("inzendingen_nieuw"))
        db.execute(
            "INSERT INTO inzendingen_nieuw SELECT n.nieuw, i.scan, i.nonce "
            "FROM inzendingen i JOIN nummers n ON n.oud = i.id"
        )
        db.execute("DROP TABLE antwoorden")
        db.execute("DROP TABLE inzendingen")
        db.execute("ALTER TABLE inzendingen_nieuw RENAME TO inzendingen")
        db.execute("ALTER TABLE antwoorden_nieuw RENAME TO antwoorden")
        db.execute("DROP TABLE temp.nummers")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    finally:
        db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("VACUUM")


def require_closed(scan: Scan, today: datetime.date) -> None:
    """Refuse what may only be done to a scan that takes no more answers (erasing them)."""
    if scan.open_on(today):
        from focusbuild.render.templates import dutch_date

        last = dutch_date(scan.tot)
        raise ScanError(
            f"de scan voor '{scan.slug}' is nog open (tot en met {last}); sluit hem eerst met "
            f"'focusbuild scan sluit {scan.slug}'"
        )


#: How long an erase waits for other readers of the database to finish (milliseconds).
ERASE_WAIT_MS = 5000


#: What an erase says when another program keeps the database's log from being emptied.
BUSY_BEFORE = (
    "de database is in gebruik door een ander programma (draait 'focusbuild scan serve' of "
    "wordt er een rapport gemaakt?); er is niets gewist: probeer het opnieuw"
)
BUSY_AFTER = (
    "de antwoorden van '{slug}' zijn uit de scan gewist, maar staan nog in het logboek van "
    "de database, die in gebruik is door een ander programma; wis nog eens met "
    "'focusbuild scan wis {slug}' als dat klaar is, om het af te maken"
)


def _finish_log(db: sqlite3.Connection, scan: Scan, busy_message: str) -> None:
    """Write the log into the database and empty it, or say that another process keeps
    it from being emptied (`wal_checkpoint` answers busy, or pages it could not copy)."""
    busy, logged, copied = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy or (logged >= 0 and copied < logged):
        raise ScanError(busy_message.format(slug=scan.slug))


def _scan(row: tuple[object, ...] | None) -> Scan | None:
    if row is None:
        return None
    id_, slug, token, tot, gesloten, vragen, naam, gewist, contact = row
    return Scan(
        int(str(id_)),
        str(slug),
        str(token),
        datetime.date.fromisoformat(str(tot)),
        bool(gesloten),
        str(vragen),
        str(naam) if naam is not None else None,
        datetime.date.fromisoformat(str(gewist)) if gewist is not None else None,
        str(contact) if contact is not None else None,
    )
