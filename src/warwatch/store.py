"""The embedded DuckDB store: coded articles and their events, saved idempotently.

Layout (see ``MIGRATIONS``):

- ``articles``: one row per article, keyed by ``content_hash`` (sha256 of ``id + "\\0" + text``).
- ``events``: one row per *mention*, i.e. per ``(event_id, article_id)`` pair. An event reported by
  two articles (``article_ids == ("a-1", "a-2")``) has two rows. Every row carries the full
  ``Event.to_json()`` record in ``record`` plus denormalised columns for queries; ``revision`` grows
  with every write, so the newest record of an event is the one with the highest revision.
- ``evidence``: one row per evidence span, keyed like a mention by ``(event_id, article_id)``.
- ``mentions``: one row per coded report (the coder's event of one article), with the id of the
  merged event it belongs to (see ``dedup``); what incremental deduplication reads. These are an event's
  sources, appended as they come and never rewritten by a merge: the report's own record (its evidence
  sentences and offsets) and its own ``dead``/``injured`` with their qualifiers as columns, so an event's
  figures are counted in SQL (``tally``) and a run reads back only a sample of a big event's reports
  (``stored_reports``, ``reports_of``: the first and the latest, by publication date).
- A merged event's record (in ``events`` and ``latest_events``) is bounded (``dedup.bounded``): with more
  than ``DedupRules.sources_listed`` sources it lists the first of them in ``article_ids``, ``evidence``
  and ``figures_by_source``, and ``sources`` counts all (``sources_listed`` says how many are listed), so
  thousands of reports of one event cost a bounded write per merge, not a rewrite of every source.
- ``latest_events``: one row per ``event_id``: its newest record with the columns that queries filter
  and sort on (``warwatch.query``). Derived from ``events``: every write refreshes the rows of the
  events it touched, in the same transaction, so readers never see the window over all mentions.
- ``daily_counts``: per day, category, country and background, the number of events and the sums of
  their dead and injured: ``latest_events`` rolled up, kept in step by the same refresh (plus and minus
  one event), so daily statistics over a year read thousands of rows, not hundreds of thousands.
- ``pending_reports``: the coded reports of articles saved but not merged yet. ``save(article, (), pending=...)``
  writes them in the article's transaction and ``save_merged`` deletes them in the merge's, so a process killed
  between the two leaves them here and the next ``dedup.resolve`` on this store merges them: no article is ever
  stored without its events being merged, now or at the next run.
- ``schema_migrations``: the migrations applied (version, name, applied_at).

Writing rules:

- ``save(article, events)`` is idempotent by content hash: an article already stored with the same
  hash is skipped (returns False) and nothing changes.
- The same article id with different text replaces that article: its row, its event rows and its
  evidence are deleted, then the new coding is written.
- Saving an event writes (or overwrites) one mention row for each id in ``event.article_ids`` (the
  saved article's id when the tuple is empty), so a later, merged record of an event supersedes
  earlier ones. ``events()`` returns one record per ``event_id``: the newest.

Nothing happens at import time; ``Store.open`` connects and migrates.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import duckdb

from .errors import StoreError
from .models import Article, Event

if TYPE_CHECKING:
    from .dedup import Report, Tally

__all__ = ["DEFAULT_STORE_PATH", "MIGRATIONS", "Migration", "Store", "content_hash", "is_duckdb_file"]

log = logging.getLogger(__name__)

DEFAULT_STORE_PATH = Path("warwatch.duckdb")


# The columns of ``latest_events`` from a row of ``events``: the actors and recipients as codes (the
# actor's country code, else its name, upper-cased: what ``warwatch show`` prints), the number of
# sources, and the evidence sentences lower-cased for free-text search.
_LATEST_COLUMNS = """
    event_id, revision, event, mode, weapon,
    list_filter(list_transform(from_json(actor, '[{"name": "VARCHAR", "country": "VARCHAR"}]'),
                               lambda a: upper(coalesce(a.country, a.name))), lambda c: c IS NOT NULL),
    list_filter(list_transform(from_json(recipient, '[{"name": "VARCHAR", "country": "VARCHAR"}]'),
                               lambda a: upper(coalesce(a.country, a.name))), lambda c: c IS NOT NULL),
    date, location_name, country, admin1, lat, lon, precision, dead, injured, background, confidence,
    coalesce(TRY_CAST(json_extract(record, '$.sources') AS INTEGER), json_array_length(record, '$.article_ids'), 0),
    lower(coalesce(array_to_string(json_extract_string(record, '$.evidence[*].text'), chr(10)), '')),
    record
"""
_REFRESH_LATEST = (
    f"INSERT INTO latest_events SELECT {_LATEST_COLUMNS} FROM events WHERE event_id = ? ORDER BY revision DESC LIMIT 1"
)
# daily_counts from latest_events (undated events have no day to count in)
_DAILY_BACKFILL = (
    "INSERT INTO daily_counts SELECT date, event, country, background, count(*), coalesce(sum(dead), 0), "
    "coalesce(sum(injured), 0) FROM latest_events WHERE date IS NOT NULL GROUP BY ALL ORDER BY ALL"
)
_DAILY_KEY = "SELECT date, event, country, background, dead, injured FROM latest_events WHERE event_id = ?"
_DAILY_CELL = "date = ? AND event = ? AND country IS NOT DISTINCT FROM ? AND background = ?"


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step; applied once, in version order, inside a transaction."""

    version: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, events and evidence",
        (
            """
            CREATE TABLE articles (
                content_hash VARCHAR PRIMARY KEY,
                id VARCHAR NOT NULL,
                url VARCHAR,
                published DATE,
                title VARCHAR,
                text VARCHAR NOT NULL,
                coded_at TIMESTAMP NOT NULL
            )
            """,
            "CREATE SEQUENCE event_revision START 1",
            """
            CREATE TABLE events (
                event_id VARCHAR NOT NULL,
                article_id VARCHAR NOT NULL,
                revision BIGINT NOT NULL DEFAULT nextval('event_revision'),
                event VARCHAR NOT NULL,
                mode VARCHAR,
                context VARCHAR[],
                weapon VARCHAR,
                actor JSON,
                recipient JSON,
                date DATE,
                date_precision VARCHAR,
                date_source VARCHAR,
                location_name VARCHAR,
                country VARCHAR,
                admin1 VARCHAR,
                lat DOUBLE,
                lon DOUBLE,
                geonameid BIGINT,
                precision VARCHAR,
                dead INTEGER,
                injured INTEGER,
                background BOOLEAN NOT NULL,
                score DOUBLE,
                confidence DOUBLE,
                record JSON NOT NULL,
                PRIMARY KEY (event_id, article_id)
            )
            """,
            """
            CREATE TABLE evidence (
                event_id VARCHAR NOT NULL,
                article_id VARCHAR NOT NULL,
                text VARCHAR NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL
            )
            """,
            "CREATE INDEX articles_id ON articles (id)",
            "CREATE INDEX evidence_mention ON evidence (event_id, article_id)",
        ),
    ),
    Migration(
        2,
        "mentions: every coded report and the event it was merged into",
        (
            """
            CREATE TABLE mentions (
                mention_id VARCHAR PRIMARY KEY,
                article_id VARCHAR NOT NULL,
                event_id VARCHAR NOT NULL,
                published DATE,
                event VARCHAR NOT NULL,
                date DATE,
                background BOOLEAN NOT NULL,
                record JSON NOT NULL
            )
            """,
            "CREATE INDEX mentions_event ON mentions (event_id)",
            "CREATE INDEX mentions_date ON mentions (date)",
            "CREATE INDEX mentions_article ON mentions (article_id)",
        ),
    ),
    Migration(
        3,
        "latest_events: the newest record of each event, for queries",
        (
            """
            CREATE TABLE latest_events (
                event_id VARCHAR PRIMARY KEY,
                revision BIGINT NOT NULL,
                event VARCHAR NOT NULL,
                mode VARCHAR,
                weapon VARCHAR,
                actors VARCHAR[] NOT NULL,
                recipients VARCHAR[] NOT NULL,
                date DATE,
                location_name VARCHAR,
                country VARCHAR,
                admin1 VARCHAR,
                lat DOUBLE,
                lon DOUBLE,
                precision VARCHAR,
                dead INTEGER,
                injured INTEGER,
                background BOOLEAN NOT NULL,
                confidence DOUBLE,
                sources INTEGER NOT NULL,
                evidence VARCHAR NOT NULL,
                record VARCHAR NOT NULL
            )
            """,
            "CREATE INDEX events_event ON events (event_id)",
            f"INSERT INTO latest_events SELECT {_LATEST_COLUMNS} FROM events "
            "QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY revision DESC) = 1",
        ),
    ),
    Migration(
        4,
        "daily_counts: events, dead and injured per day, category, country and background",
        (
            """
            CREATE TABLE daily_counts (
                date DATE NOT NULL,
                event VARCHAR NOT NULL,
                country VARCHAR,
                background BOOLEAN NOT NULL,
                events BIGINT NOT NULL,
                dead BIGINT NOT NULL,
                injured BIGINT NOT NULL
            )
            """,
            "CREATE INDEX daily_counts_date ON daily_counts (date)",
            _DAILY_BACKFILL,
        ),
    ),
    Migration(
        5,
        "pending_reports: reports saved with their article, not merged yet",
        (
            """
            CREATE TABLE pending_reports (
                mention_id VARCHAR PRIMARY KEY,
                article_id VARCHAR NOT NULL,
                published DATE,
                record JSON NOT NULL
            )
            """,
            "CREATE INDEX pending_reports_article ON pending_reports (article_id)",
        ),
    ),
    Migration(
        6,
        "mentions: each source's own figures as columns, for merges that count them in SQL",
        (
            "ALTER TABLE mentions ADD COLUMN dead INTEGER",
            "ALTER TABLE mentions ADD COLUMN injured INTEGER",
            "ALTER TABLE mentions ADD COLUMN dead_qualifier VARCHAR",
            "ALTER TABLE mentions ADD COLUMN injured_qualifier VARCHAR",
            "UPDATE mentions SET dead = TRY_CAST(json_extract(record, '$.dead') AS INTEGER), "
            "injured = TRY_CAST(json_extract(record, '$.injured') AS INTEGER), "
            "dead_qualifier = json_extract_string(record, '$.dead_qualifier'), "
            "injured_qualifier = json_extract_string(record, '$.injured_qualifier')",
        ),
    ),
)

# report order (``dedup.merging``): publication date (unknown last), article id, mention id
_REPORT_ORDER = "published ASC NULLS LAST, article_id, mention_id"
_REPORT_ORDER_DESC = "published DESC NULLS FIRST, article_id DESC, mention_id DESC"
# of each event among the mentions that ``{where}`` selects, its first ``?`` and latest ``?`` in report order
_SAMPLE = (
    "SELECT record, published, event_id FROM mentions WHERE mention_id IN (SELECT mention_id FROM ("
    f"SELECT mention_id, row_number() OVER (PARTITION BY event_id ORDER BY {_REPORT_ORDER}) AS early, "
    f"row_number() OVER (PARTITION BY event_id ORDER BY {_REPORT_ORDER_DESC}) AS late "
    "FROM mentions {where}) WHERE early <= ? OR late <= ?) ORDER BY mention_id"
)
# the same for small ``first`` and ``latest`` (above 0): top-N aggregates keep a heap of N per event instead of
# sorting all its mentions twice, which made each batch of reports of one big event sort all of its mentions
_REPORT_KEY = "(published IS NULL, coalesce(published, DATE '0001-01-01'), article_id, mention_id)"
_SAMPLE_TOP = (
    "SELECT record, published, event_id FROM mentions WHERE mention_id IN (SELECT unnest(list_concat("
    f"arg_min(mention_id, {_REPORT_KEY}, ?), arg_max(mention_id, {_REPORT_KEY}, ?))) FROM mentions {{where}} "
    "GROUP BY event_id) ORDER BY mention_id"
)
_TOP_LIMIT = 10_000  # above this ``first`` or ``latest`` the window query: a heap that size is no saving
_NO_DAY, _LAST_DAY = date(1, 1, 1), date(9999, 12, 31)
# an event's figures among its mentions but ``known`` ones: per value, the count, earliest and latest dates
# (unknown as 0001-01-01) and the qualifier of the latest in report order (unknown dates last)
_TALLY = (
    "SELECT {name}, count(*), min(coalesce(published, DATE '0001-01-01')), "
    "max(coalesce(published, DATE '0001-01-01')), "
    "arg_max({name}_qualifier, (coalesce(published, DATE '9999-12-31'), article_id, mention_id)), "
    "max((coalesce(published, DATE '9999-12-31'), article_id, mention_id)) "
    "FROM mentions WHERE event_id = ? AND {name} IS NOT NULL AND mention_id NOT IN (SELECT unnest(?)) "
    "GROUP BY {name} ORDER BY {name}"
)

_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
)
"""

_EVENT_COLUMNS = (
    "event_id", "article_id", "event", "mode", "context", "weapon", "actor", "recipient", "date",
    "date_precision", "date_source", "location_name", "country", "admin1", "lat", "lon", "geonameid",
    "precision", "dead", "injured", "background", "score", "confidence", "record",
)
_INSERT_ARTICLE = (
    "INSERT INTO articles (content_hash, id, url, published, title, text, coded_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)

_DELETE_MENTIONS = "DELETE FROM {table} WHERE mention_id IN (SELECT unnest(?))"
# many mention rows in one statement: one list per column, unnested side by side
_INSERT_MENTIONS = (
    "INSERT INTO mentions (mention_id, article_id, event_id, published, event, date, background, record, dead, "
    "injured, dead_qualifier, injured_qualifier) SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
    "unnest(?::VARCHAR[]), unnest(?::DATE[]), unnest(?::VARCHAR[]), unnest(?::DATE[]), unnest(?::BOOLEAN[]), "
    "unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[])"
)
_CHUNK = 5000  # rows per statement of a bulk write
# many articles in one statement (columns of ``_INSERT_ARTICLE``)
_INSERT_ARTICLES = (
    "INSERT INTO articles (content_hash, id, url, published, title, text, coded_at) SELECT unnest(?::VARCHAR[]), "
    "unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::DATE[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
    "unnest(?::TIMESTAMP[])"
)
_EVENT_TYPES = (
    "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR[]", "VARCHAR", "JSON", "JSON", "DATE", "VARCHAR", "VARCHAR",
    "VARCHAR", "VARCHAR", "VARCHAR", "DOUBLE", "DOUBLE", "BIGINT", "VARCHAR", "INTEGER", "INTEGER", "BOOLEAN",
    "DOUBLE", "DOUBLE", "JSON",
)
# many rows of ``events`` in one statement: one list per column of ``_EVENT_COLUMNS``
_INSERT_EVENTS = (
    f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)}) SELECT "
    + ", ".join(f"unnest(?::{t}[])" for t in _EVENT_TYPES)
    + " RETURNING event_id, revision"
)
_INSERT_EVIDENCES = (
    'INSERT INTO evidence (event_id, article_id, text, start, "end") SELECT unnest(?::VARCHAR[]), '
    "unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::INTEGER[])"
)
# (event_id, article_id) pairs deleted from ``{table}`` in one statement
_DELETE_PAIRS = (
    "DELETE FROM {table} USING (SELECT unnest(?::VARCHAR[]) AS e, unnest(?::VARCHAR[]) AS a) AS gone "
    "WHERE {table}.event_id = gone.e AND {table}.article_id = gone.a"
)
_DELETE_EVENTS = "DELETE FROM {table} WHERE event_id IN (SELECT unnest(?::VARCHAR[]))"
# many ``latest_events`` rows from the events just written (their values at hand, no JSON to parse; the actor
# codes and evidence case-folded by DuckDB as _LATEST_COLUMNS does; the revision that of each event's newest
# row in ``events``, which the insert returned)
_INSERT_LATESTS = (
    "INSERT INTO latest_events SELECT v.event_id, v.revision, v.event, v.mode, v.weapon, "
    "list_filter(list_transform(v.actors, lambda a: upper(a)), lambda c: c IS NOT NULL), "
    "list_filter(list_transform(v.recipients, lambda a: upper(a)), lambda c: c IS NOT NULL), "
    "v.date, v.location_name, v.country, v.admin1, v.lat, v.lon, v.precision, v.dead, v.injured, v.background, "
    "v.confidence, v.sources, lower(v.evidence), v.record FROM (SELECT unnest(?::VARCHAR[]) AS event_id, "
    "unnest(?::BIGINT[]) AS revision, "
    "unnest(?::VARCHAR[]) AS event, unnest(?::VARCHAR[]) AS mode, unnest(?::VARCHAR[]) AS weapon, "
    "unnest(?::VARCHAR[][]) AS actors, unnest(?::VARCHAR[][]) AS recipients, unnest(?::DATE[]) AS date, "
    "unnest(?::VARCHAR[]) AS location_name, unnest(?::VARCHAR[]) AS country, unnest(?::VARCHAR[]) AS admin1, "
    "unnest(?::DOUBLE[]) AS lat, unnest(?::DOUBLE[]) AS lon, unnest(?::VARCHAR[]) AS precision, "
    "unnest(?::INTEGER[]) AS dead, unnest(?::INTEGER[]) AS injured, unnest(?::BOOLEAN[]) AS background, "
    "unnest(?::DOUBLE[]) AS confidence, unnest(?::INTEGER[]) AS sources, unnest(?::VARCHAR[]) AS evidence, "
    "unnest(?::VARCHAR[]) AS record) AS v"
)
# many changes of ``daily_counts`` cells (date, event, country, background, events, dead, injured): added to
# the cells there are, new cells inserted, emptied cells deleted
_DAILY_CHANGES = (
    "SELECT unnest(?::DATE[]) AS date, unnest(?::VARCHAR[]) AS event, unnest(?::VARCHAR[]) AS country, "
    "unnest(?::BOOLEAN[]) AS background, unnest(?::BIGINT[]) AS events, unnest(?::BIGINT[]) AS dead, "
    "unnest(?::BIGINT[]) AS injured"
)
_DAILY_MATCH = ("d.date = c.date AND d.event = c.event AND d.country IS NOT DISTINCT FROM c.country "
                "AND d.background = c.background")
_DAILY_UPDATE = (
    f"UPDATE daily_counts AS d SET events = d.events + c.events, dead = d.dead + c.dead, "
    f"injured = d.injured + c.injured FROM ({_DAILY_CHANGES}) AS c WHERE {_DAILY_MATCH}"
)
_DAILY_INSERT = (
    f"INSERT INTO daily_counts SELECT * FROM ({_DAILY_CHANGES}) AS c WHERE c.events > 0 AND NOT EXISTS "
    f"(SELECT 1 FROM daily_counts AS d WHERE {_DAILY_MATCH})"
)
_DAILY_KEYS = (
    "SELECT event_id, date, event, country, background, dead, injured FROM latest_events "
    "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))"
)


def _record_text(event: Event, article_id: str) -> str:
    try:
        return json.dumps(event.to_json(), ensure_ascii=False, default=str)
    except ValueError as error:  # circular references in Event.extra
        raise StoreError(f"event {event.event_id} of article {article_id} cannot be stored: {error}") from error


def _columns(rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
    """Rows as one list per column: the parameters of a bulk ``INSERT ... SELECT unnest(?), ...``."""
    return [list(column) for column in zip(*rows, strict=True)]


def _event_values(event: Event, record_text: str) -> tuple[Any, ...]:
    """The columns of an ``events`` row after ``event_id`` and ``article_id`` (``_EVENT_COLUMNS``)."""
    location = event.location
    return (
        event.event, event.mode, list(event.context), event.weapon,
        json.dumps([a.to_json() for a in event.actor], ensure_ascii=False),
        json.dumps([a.to_json() for a in event.recipient], ensure_ascii=False),
        event.date.date, event.date.precision, event.date.source,
        location.name if location else None, location.country if location else None,
        location.admin1 if location else None, location.lat if location else None,
        location.lon if location else None, location.geonameid if location else None,
        location.precision if location else None,
        event.casualties.dead, event.casualties.injured, event.background, event.score, event.confidence,
        record_text,
    )


def _mention_row(item: tuple[Report, str]) -> tuple[Any, ...]:
    """The ``mentions`` row of a report merged into the event ``item[1]`` (columns of ``_INSERT_MENTIONS``)."""
    report, event_id = item
    event, c = report.event, report.event.casualties
    article_id = event.article_ids[0] if event.article_ids else event.event_id
    return (event.event_id, article_id, event_id, report.published, event.event, event.date.date, event.background,
            _record_text(event, article_id), c.dead, c.injured, c.dead_qualifier, c.injured_qualifier)


def _sources(event: Event) -> int:
    """How many articles report ``event``: ``sources`` of a merged record (which may list fewer), else its ids."""
    given = event.extra.get("sources")
    return given if isinstance(given, int) and not isinstance(given, bool) else len(event.article_ids)


def content_hash(article: Article) -> str:
    """sha256 hex digest of ``id + "\\0" + text``: the article's identity in the store."""
    return hashlib.sha256(f"{article.id}\0{article.text}".encode()).hexdigest()


def _explain(error: duckdb.Error, path: Path) -> str:
    """A message for a duckdb error that says how to fix it."""
    message = str(error)
    lowered = message.lower()
    if "lock" in lowered:
        return (f"{path} is locked by another process ({message}); wait for the other warwatch run to "
                "finish, or choose another store with --store or WARWATCH_STORE")
    if "not a valid duckdb database" in lowered:
        return f"{path} is not a DuckDB database; choose another path with --store or WARWATCH_STORE"
    if "is a directory" in lowered:
        return f"{path} is a directory; give a file path with --store or WARWATCH_STORE"
    if "permission denied" in lowered or "read-only" in lowered or "readonly" in lowered:
        return f"{path} is not writable ({message}); fix its permissions or choose another path with --store"
    if "no space" in lowered:
        return f"no space left to write {path}; free some disk space or choose another path with --store"
    if "version" in lowered and "storage" in lowered:
        return (f"{path} was written by another DuckDB version ({message}); "
                "code the articles again into a new store")
    return f"{path}: {message}"


def is_duckdb_file(path: Path) -> bool:
    """True when ``path`` starts with DuckDB's file header (``DUCK`` at byte 8)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(12)[8:12] == b"DUCK"
    except OSError:
        return False


def _check_path(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"{path} is a directory; give a file path with --store or WARWATCH_STORE")
    if path.is_file() and path.stat().st_size > 0 and not is_duckdb_file(path):
        # DuckDB would read a CSV or JSON file as an in-memory table: "stored", exit 0, nothing kept
        raise StoreError(f"{path} exists and is not a DuckDB database (it was left untouched); choose another "
                         "path with --store or WARWATCH_STORE")
    parent = path.parent
    if not parent.exists():
        raise StoreError(f"directory {parent} does not exist; create it or choose another path with --store")
    if not parent.is_dir():
        raise StoreError(f"{parent} is not a directory; choose another path with --store")


class Store:
    """A DuckDB file of coded articles and events. Use ``Store.open(path)`` as a context manager."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path) -> None:
        self._db = connection
        self.path = path
        self._depth = 0  # open ``transaction`` blocks

    # -- opening and closing -------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str = DEFAULT_STORE_PATH, *, read_only: bool = False) -> Store:
        """Open (or create) the store at ``path`` and apply any missing migrations.

        ``read_only``: the store must exist; other processes may read it at the same time, none may write
        (DuckDB lets one process write a file, or any number read it). A store that misses migrations is
        first opened for writing, migrated and closed.
        """
        path = Path(path)
        _check_path(path)
        if read_only and not path.is_file():
            raise StoreError(f"no store at {path}; run `warwatch code ... --store {path}` first")
        try:
            connection = duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as error:
            raise StoreError(_explain(error, path)) from error
        store = cls(connection, path)
        try:
            if read_only:
                if store._pending_migrations():
                    connection.close()
                    cls.open(path).close()  # migrate, then open read-only again
                    return cls.open(path, read_only=True)
            else:
                store._migrate()
        except BaseException:
            connection.close()
            raise
        return store

    def cursor(self) -> Store:
        """Another connection to the same open database, for another thread (DuckDB connections are not
        shared across threads; cursors of one database see each other's committed writes)."""
        try:
            return Store(self._db.cursor(), self.path)
        except duckdb.Error as error:
            raise StoreError(_explain(error, self.path)) from error

    def close(self) -> None:
        self._db.close()

    def _pending_migrations(self) -> list[int]:
        """The versions of ``MIGRATIONS`` not applied yet (all of them in a file without the table)."""
        try:
            tables = {r[0] for r in self._db.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
            if "schema_migrations" not in tables:
                return [m.version for m in MIGRATIONS]
            applied = {int(r[0]) for r in self._db.execute("SELECT version FROM schema_migrations").fetchall()}
        except duckdb.Error as error:
            raise StoreError(_explain(error, self.path)) from error
        newer = sorted(applied - {m.version for m in MIGRATIONS})
        if newer:
            raise StoreError(f"{self.path} has schema version {newer[-1]}, newer than this warwatch knows "
                             f"({max(m.version for m in MIGRATIONS)}); upgrade warwatch or use another store path")
        return sorted({m.version for m in MIGRATIONS} - applied)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _migrate(self) -> None:
        try:
            self._db.execute(_MIGRATIONS_TABLE)
            applied = {row[0] for row in self._db.execute("SELECT version FROM schema_migrations").fetchall()}
            known = {m.version for m in MIGRATIONS}
            newer = sorted(applied - known)
            if newer:
                raise StoreError(
                    f"{self.path} has schema version {newer[-1]}, newer than this warwatch knows "
                    f"({max(known)}); upgrade warwatch or use another store path"
                )
            for migration in sorted(MIGRATIONS, key=lambda m: m.version):
                if migration.version in applied:
                    continue
                log.info("store %s: applying migration %d (%s)", self.path, migration.version, migration.name)
                with self.transaction():
                    for statement in migration.statements:
                        self._db.execute(statement)
                    self._db.execute(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                        [migration.version, migration.name, datetime.now()],
                    )
        except duckdb.Error as error:
            raise StoreError(_explain(error, self.path)) from error

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction: committed when the block ends, rolled back on any exception (even KeyboardInterrupt).

        Blocks nest: an inner block (``save_many``, ``save_merged`` inside a batch of ``pipeline.save_results``)
        joins the outermost one, which alone commits or rolls back, so a batch's articles and the merge of
        their events are one transaction.
        """
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self._db.execute("BEGIN TRANSACTION")
        except duckdb.Error as error:
            raise StoreError(_explain(error, self.path)) from error
        self._depth = 1
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException as failure:
            try:
                self._db.execute("ROLLBACK")
            except duckdb.Error:  # the failed COMMIT ended the transaction already
                pass
            if isinstance(failure, duckdb.Error):
                raise StoreError(_explain(failure, self.path)) from failure
            raise
        finally:
            self._depth = 0


    def migrations(self) -> list[tuple[int, str, datetime]]:
        """The applied migrations: (version, name, applied_at), oldest first."""
        rows = self._query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
        return [(int(v), str(n), a) for v, n, a in rows]

    # -- writing -------------------------------------------------------------------------------

    def save(self, article: Article, events: Sequence[Event], *, pending: Sequence[Report] = ()) -> bool:
        """Store one coded article in one transaction; False when that exact article is already stored.

        ``pending``: the article's reports still to be merged (``dedup.resolve``), saved in the same
        transaction (replacing any pending reports of an older text of the article).
        """
        coded_at = datetime.now()
        try:
            with self.transaction():
                written = self._save_one(article, events, coded_at)
                if written and pending:
                    self._db.execute("DELETE FROM pending_reports WHERE article_id = ?", [article.id])
                    for report in pending:
                        self._db.execute(
                            "INSERT OR REPLACE INTO pending_reports (mention_id, article_id, published, record) "
                            "VALUES (?, ?, ?, ?)",
                            [report.event.event_id, article.id, report.published,
                             _record_text(report.event, article.id)])
        except duckdb.Error as error:
            raise StoreError(_explain(error, self.path)) from error
        return bool(written)

    def pending_reports(self) -> list[Report]:
        """Reports saved with their article whose merge never happened (the process was killed)."""
        from .dedup import Report, event_from_record

        rows = self._query("SELECT record, published FROM pending_reports ORDER BY mention_id")
        return [Report(event_from_record(json.loads(r)), p) for r, p in rows]

    def save_many(self, batch: Iterable[tuple[Article, Sequence[Event]]]) -> int:
        """Store many coded articles in one transaction; returns how many were new or changed.

        New articles and their events are written in bulk (a few statements for the whole batch). An article
        repeated inside the batch is handled as if saved in order (later text wins), as is a batch holding an
        article whose id is stored with another text, or two events with one id.
        """
        items = list(batch)
        coded_at = datetime.now()
        try:
            with self.transaction():
                return self._save_articles(items, coded_at)
        except duckdb.Error as error:
            raise StoreError(_explain(error, self.path)) from error

    def _save_articles(self, items: Sequence[tuple[Article, Sequence[Event]]], coded_at: datetime) -> int:
        ids = [article.id for article, _ in items]
        digests = [content_hash(article) for article, _ in items]
        stored = {str(r[0]) for r in self._db.execute(
            "SELECT content_hash FROM articles WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))",
            [digests]).fetchall()}
        fresh = [(article, events, digest) for (article, events), digest in zip(items, digests, strict=True)
                 if digest not in stored]
        fresh_ids = [article.id for article, _, _ in fresh]
        replaced = self._db.execute("SELECT count(*) FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                    [fresh_ids]).fetchone()
        event_ids = [event.event_id for _, events, _ in fresh for event in events]
        if len(set(ids)) < len(ids) or (replaced and replaced[0]) or len(set(event_ids)) < len(event_ids):
            return sum(self._save_one(article, events, coded_at) for article, events in items)  # in order
        for start in range(0, len(fresh), _CHUNK):
            rows = [(digest, article.id, article.url, article.published, article.title, article.text, coded_at)
                    for article, _, digest in fresh[start:start + _CHUNK]]
            self._db.execute(_INSERT_ARTICLES, _columns(rows))
        self._write_events([(article.id, event) for article, events, _ in fresh for event in events])
        return len(fresh)

    def _save_one(self, article: Article, events: Sequence[Event], coded_at: datetime) -> bool:
        digest = content_hash(article)
        if self._db.execute("SELECT 1 FROM articles WHERE content_hash = ?", [digest]).fetchone():
            log.debug("store: article %s unchanged, skipped", article.id)
            return False
        replaced = self._db.execute("SELECT count(*) FROM articles WHERE id = ?", [article.id]).fetchone()
        orphans: set[str] = set()
        if replaced and replaced[0]:
            log.info("store: article %s has new text; replacing its rows", article.id)
            orphans = {str(r[0]) for r in self._db.execute(
                "SELECT DISTINCT event_id FROM events WHERE article_id = ?", [article.id]).fetchall()}
            self._db.execute("DELETE FROM evidence WHERE article_id = ?", [article.id])
            self._db.execute("DELETE FROM events WHERE article_id = ?", [article.id])
            self._db.execute("DELETE FROM articles WHERE id = ?", [article.id])
        self._db.execute(
            _INSERT_ARTICLE,
            [digest, article.id, article.url, article.published, article.title, article.text, coded_at],
        )
        for event in events:
            self._write_events([(article.id, event)])
            orphans.discard(event.event_id)
        for event_id in sorted(orphans):  # events that lost this article's rows: an older record, or none
            self._refresh_latest(event_id)
        return True

    def _refresh_latest(self, event_id: str) -> None:
        """Rewrite the ``latest_events`` row of ``event_id`` from its newest row in ``events`` (or drop it),
        and move its count and figures in ``daily_counts`` from its old cell to its new one."""
        before = self._db.execute(_DAILY_KEY, [event_id]).fetchone()
        self._db.execute("DELETE FROM latest_events WHERE event_id = ?", [event_id])
        self._db.execute(_REFRESH_LATEST, [event_id])
        self._move_day(before, self._db.execute(_DAILY_KEY, [event_id]).fetchone())

    def _move_day(self, before: tuple[Any, ...] | None, after: tuple[Any, ...] | None) -> None:
        """An event's ``daily_counts`` cell and figures went from ``before`` to ``after`` (None: no row)."""
        if before == after:
            return
        if before is not None and before[0] is not None:
            self._count_day(before, -1)
        if after is not None and after[0] is not None:
            self._count_day(after, 1)

    def _count_day(self, row: tuple[Any, ...], sign: int) -> None:
        """Add (``sign`` 1) or take away (-1) one event of ``row`` (date, event, country, background, dead,
        injured) in its ``daily_counts`` cell."""
        cell, dead, injured = list(row[:4]), sign * (row[4] or 0), sign * (row[5] or 0)
        updated = self._db.execute(
            f"UPDATE daily_counts SET events = events + ?, dead = dead + ?, injured = injured + ? WHERE {_DAILY_CELL}",
            [sign, dead, injured, *cell]).fetchone()
        if sign > 0 and not (updated and updated[0]):
            self._db.execute("INSERT INTO daily_counts VALUES (?, ?, ?, ?, 1, ?, ?)", [*cell, dead, injured])
        elif sign < 0:
            self._db.execute(f"DELETE FROM daily_counts WHERE {_DAILY_CELL} AND events <= 0", cell)

    def rebuild_derived(self) -> None:
        """Recompute ``latest_events`` and ``daily_counts`` from ``events`` (after rows were written into
        ``events`` directly, as ``bench/api.py`` does, or to repair them)."""
        try:
            with self.transaction():
                self._db.execute("DELETE FROM latest_events")
                self._db.execute("DELETE FROM daily_counts")
                self._db.execute(
                    f"INSERT INTO latest_events SELECT * FROM (SELECT {_LATEST_COLUMNS} FROM events "
                    "QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY revision DESC) = 1) "
                    "ORDER BY date, event_id")
                self._db.execute(_DAILY_BACKFILL)
        except duckdb.Error as error:
            raise StoreError(_explain(error, self.path)) from error

    def _write_events(self, items: Sequence[tuple[str, Event]], *, cleared: bool = False) -> None:
        """Write events (each with the id of the article saving it) in a few statements, however many:
        their mention rows, evidence, ``latest_events`` rows and ``daily_counts``. The event ids must differ.
        ``cleared``: their rows of ``events`` and ``evidence`` are deleted already (or there are none)."""
        if not items:
            return
        ids = [event.event_id for _, event in items]
        before = {str(r[0]): tuple(r[1:]) for r in self._db.execute(_DAILY_KEYS, [ids]).fetchall()}
        mentions: list[tuple[Any, ...]] = []
        evidence: list[tuple[Any, ...]] = []
        evidence_pairs: list[tuple[str, str]] = []
        latest: list[tuple[Any, ...]] = []
        after: dict[str, tuple[Any, ...]] = {}
        for article_id, event in items:
            record_text = _record_text(event, article_id)
            owners = list(dict.fromkeys(event.article_ids)) or [article_id]
            values = _event_values(event, record_text)
            mentions.extend((event.event_id, owner, *values) for owner in owners)
            evidence_pairs.extend((event.event_id, a) for a in dict.fromkeys(
                [*owners, *(e.article_id for e in event.evidence)]))
            evidence.extend((event.event_id, e.article_id, e.text, e.start, e.end) for e in event.evidence)
            location = event.location
            country = location.country if location else None
            latest.append((
                event.event_id, event.event, event.mode, event.weapon,
                [a.country if a.country is not None else a.name for a in event.actor],
                [a.country if a.country is not None else a.name for a in event.recipient],
                event.date.date, location.name if location else None, country,
                location.admin1 if location else None, location.lat if location else None,
                location.lon if location else None, location.precision if location else None,
                event.casualties.dead, event.casualties.injured, event.background, event.confidence,
                _sources(event), "\n".join(e.text for e in event.evidence), record_text))
            after[event.event_id] = (event.date.date, event.event, country, event.background,
                                     event.casualties.dead, event.casualties.injured)
        revision: dict[str, int] = {}
        for start in range(0, len(mentions), _CHUNK):
            chunk = mentions[start:start + _CHUNK]
            if not cleared:
                self._db.execute(_DELETE_PAIRS.format(table="events"), [[r[0] for r in chunk], [r[1] for r in chunk]])
            for event_id, number in self._db.execute(_INSERT_EVENTS, _columns(chunk)).fetchall():
                revision[event_id] = max(number, revision.get(event_id, 0))
        for start in range(0, 0 if cleared else len(evidence_pairs), _CHUNK):
            pairs = evidence_pairs[start:start + _CHUNK]
            self._db.execute(_DELETE_PAIRS.format(table="evidence"), [[e for e, _ in pairs], [a for _, a in pairs]])
        for start in range(0, len(evidence), _CHUNK):
            self._db.execute(_INSERT_EVIDENCES, _columns(evidence[start:start + _CHUNK]))
        for start in range(0, len(latest), _CHUNK):
            chunk = [(r[0], revision[r[0]], *r[1:]) for r in latest[start:start + _CHUNK]]
            self._db.execute(_DELETE_EVENTS.format(table="latest_events"), [[r[0] for r in chunk]])
            self._db.execute(_INSERT_LATESTS, _columns(chunk))
        self._move_days(before, after)

    def _move_days(self, before: dict[str, tuple[Any, ...]], after: dict[str, tuple[Any, ...]]) -> None:
        """``_move_day`` for many events at once: the changes summed per ``daily_counts`` cell, one update each."""
        change: dict[tuple[Any, ...], list[int]] = {}

        def add(row: tuple[Any, ...] | None, sign: int) -> None:
            if row is None or row[0] is None:
                return
            total = change.setdefault(tuple(row[:4]), [0, 0, 0])
            total[0] += sign
            total[1] += sign * (row[4] or 0)
            total[2] += sign * (row[5] or 0)

        for event_id, now in after.items():
            old = before.get(event_id)
            if old != now:
                add(old, -1)
                add(now, 1)
        rows = [(*cell, *total) for cell, total in change.items() if any(total)]
        if rows:
            changes = _columns(rows)
            self._db.execute(_DAILY_UPDATE, changes)  # the cells there are
            self._db.execute(_DAILY_INSERT, changes)  # then the new ones
            self._db.execute("DELETE FROM daily_counts WHERE events <= 0")

    # -- deduplication: reports (mentions) and the merged events they belong to -----------------

    def mention_links(self, mention_ids: Iterable[str]) -> dict[str, str]:
        """The stored event id of each of ``mention_ids`` that is stored."""
        ids = list(dict.fromkeys(mention_ids))
        if not ids:
            return {}
        rows = self._query("SELECT mention_id, event_id FROM mentions WHERE mention_id IN (SELECT unnest(?))", [ids])
        return {str(m): str(e) for m, e in rows}

    def stored_reports(self, first_day: date, last_day: date, *, first: int = 10**9,
                       latest: int = 0) -> list[tuple[Report, str]]:
        """The stored reports dated ``first_day`` to ``last_day``, each with its event id: of each event at most
        its ``first`` earliest and ``latest`` latest among them (publication date, article id, mention id)."""
        return self._sample("WHERE date BETWEEN ? AND ?", [first_day, last_day], first, latest)

    def reports_of(self, event_ids: Iterable[str], *, first: int = 10**9,
                   latest: int = 0) -> list[tuple[Report, str]]:
        """The stored reports of the events ``event_ids``, each with its event id: of each event at most its
        ``first`` earliest and ``latest`` latest reports (every report by default)."""
        ids = list(dict.fromkeys(event_ids))
        return self._sample("WHERE event_id IN (SELECT unnest(?))", [ids], first, latest) if ids else []

    def reports_of_articles(self, article_ids: Iterable[str]) -> list[tuple[Report, str]]:
        """Every stored report coded from the articles ``article_ids``, each with its event id."""
        ids = list(dict.fromkeys(article_ids))
        return self._reports("WHERE article_id IN (SELECT unnest(?))", [ids]) if ids else []

    def sizes(self, event_ids: Iterable[str]) -> dict[str, int]:
        """The number of stored reports (mentions) of each of ``event_ids`` that has any."""
        ids = list(dict.fromkeys(event_ids))
        if not ids:
            return {}
        rows = self._query("SELECT event_id, count(*) FROM mentions WHERE event_id IN (SELECT unnest(?)) "
                           "GROUP BY event_id", [ids])
        return {str(e): int(n) for e, n in rows}

    def tally(self, event_id: str, known: Iterable[str]) -> Tally:
        """The figures of ``event_id``'s stored reports other than the ``known`` mention ids, counted in SQL:
        the number of their articles not among the known reports' articles, and per value of ``dead`` and
        ``injured`` how many gave it and when (``dedup.Tally``)."""
        from .dedup import FigureCount, Tally

        ids = list(dict.fromkeys(known))
        sources = self._scalar(
            "SELECT count(DISTINCT article_id) FROM mentions WHERE event_id = ? AND mention_id NOT IN "
            "(SELECT unnest(?)) AND article_id NOT IN (SELECT article_id FROM mentions "
            "WHERE mention_id IN (SELECT unnest(?)))", [event_id, ids, ids])

        def day(value: date) -> date | None:
            return None if value == _NO_DAY else value

        figures = {}
        for name in ("dead", "injured"):
            figures[name] = tuple(
                FigureCount(int(value), int(count), day(lo), day(hi), qualifier,
                            (10**7 if order[0] == _LAST_DAY else order[0].toordinal(), str(order[1]), str(order[2])))
                for value, count, lo, hi, qualifier, order in self._query(_TALLY.format(name=name), [event_id, ids]))
        return Tally(int(sources or 0), figures["dead"], figures["injured"])

    def _sample(self, where: str, parameters: Sequence[Any], first: int, latest: int) -> list[tuple[Report, str]]:
        from .dedup import Report, event_from_record

        if 0 < first <= _TOP_LIMIT and 0 < latest <= _TOP_LIMIT:
            rows = self._query(_SAMPLE_TOP.format(where=where), [first, latest, *parameters])
        else:
            rows = self._query(_SAMPLE.format(where=where), [*parameters, first, latest])
        return [(Report(event_from_record(json.loads(r)), p), str(e)) for r, p, e in rows]

    def _reports(self, where: str, parameters: Sequence[Any]) -> list[tuple[Report, str]]:
        from .dedup import Report, event_from_record

        rows = self._query(f"SELECT record, published, event_id FROM mentions {where} ORDER BY mention_id", parameters)
        return [(Report(event_from_record(json.loads(r)), p), str(e)) for r, p, e in rows]

    def save_merged(self, events: Sequence[Event], reports: Sequence[tuple[Report, str]],
                    dropped: Iterable[str] = ()) -> int:
        """Store this run's ``reports`` (with their event ids) and the merged ``events``, in one transaction.

        ``dropped`` are mention ids no longer coded (their article changed); they are deleted. An event
        whose merged record is already stored unchanged is not rewritten, so re-coding the same articles
        changes nothing. Returns the number of events written.
        """
        try:
            with self.transaction():
                gone = list(dict.fromkeys(dropped))
                for start in range(0, len(gone), _CHUNK):
                    self._db.execute(_DELETE_MENTIONS.format(table="mentions"), [gone[start:start + _CHUNK]])
                    self._db.execute(_DELETE_MENTIONS.format(table="pending_reports"), [gone[start:start + _CHUNK]])
                rows = list({row[0]: row for row in map(_mention_row, reports)}.values())  # a repeated id: the last
                for start in range(0, len(rows), _CHUNK):
                    self._save_mentions(rows[start:start + _CHUNK])
                return self._replace_events(events)
        except duckdb.Error as error:
            raise StoreError(_explain(error, self.path)) from error

    def _save_mentions(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Write mention rows (``_mention_row``) in three statements, replacing stored ones and their pending
        copies: per-row statements made the merge of 200,000 reports cost minutes of statement overhead."""
        ids = [row[0] for row in rows]
        self._db.execute(_DELETE_MENTIONS.format(table="mentions"), [ids])
        self._db.execute(_DELETE_MENTIONS.format(table="pending_reports"), [ids])
        self._db.execute(_INSERT_MENTIONS, [list(column) for column in zip(*rows, strict=True)])

    def _replace_events(self, events: Sequence[Event]) -> int:
        """Write the merged ``events`` whose stored record or sources differ (each replacing all its rows), in
        a few statements for them all; returns how many were written. Per-event statements, each reading rows
        of the open transaction, made a merge of 20,000 distinct events cost 74 ms per event."""
        ids = [event.event_id for event in events]
        if len(set(ids)) < len(ids):  # one id twice: in order, the later record winning
            return sum(self._replace_events([event]) for event in events)
        newest = {str(e): str(r) for e, r in self._db.execute(
            "SELECT event_id, record FROM latest_events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
            [ids]).fetchall()}
        same = [e for e in events if e.event_id in newest
                and json.loads(newest[e.event_id]) == json.loads(_record_text(e, e.event_id))]
        owners = {str(e): {str(a) for a in articles} for e, articles in self._db.execute(
            "SELECT event_id, list(article_id) FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[])) "
            "GROUP BY event_id", [[e.event_id for e in same]]).fetchall()} if same else {}
        unchanged = {e.event_id for e in same if owners.get(e.event_id) == set(e.article_ids)}
        changed = [e for e in events if e.event_id not in unchanged]
        stored = [e.event_id for e in changed if e.event_id in newest]  # a new event has no rows to delete
        for start in range(0, len(stored), _CHUNK):
            self._db.execute(_DELETE_EVENTS.format(table="events"), [stored[start:start + _CHUNK]])
            self._db.execute(_DELETE_EVENTS.format(table="evidence"), [stored[start:start + _CHUNK]])
        self._write_events([(e.article_ids[0] if e.article_ids else e.event_id, e) for e in changed], cleared=True)
        return len(changed)

    # -- reading -------------------------------------------------------------------------------

    def _query(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._db.execute(sql, list(parameters)).fetchall()
        except duckdb.Error as error:
            raise StoreError(_explain(error, self.path)) from error

    def _scalar(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        rows = self._query(sql, parameters)
        return rows[0][0] if rows else None

    def count_articles(self) -> int:
        return int(self._scalar("SELECT count(*) FROM articles"))

    def count_events(self) -> int:
        """Distinct real-world events (``event_id``s), background ones included."""
        return int(self._scalar("SELECT count(DISTINCT event_id) FROM events"))

    def count_mentions(self) -> int:
        """Reports of events: each event's number of sources (articles), as ``query.source_count`` counts them,
        so an event whose record lists only its first ``DedupRules.sources_listed`` sources counts them all."""
        return int(self._scalar("SELECT coalesce(sum(sources), 0) FROM latest_events"))

    def has_article(self, content_hash: str) -> bool:
        return bool(self._query("SELECT 1 FROM articles WHERE content_hash = ?", [content_hash]))

    def events(self, limit: int | None = None, *, include_background: bool = False) -> list[dict[str, Any]]:
        """The newest record of each event, as ``Event.to_json()`` dicts, by date (newest first) then id.

        Events without a date come last. The same query as ``warwatch.query.find_events`` (sort ``-date``).
        """
        from .query import EventFilter, find_events

        if limit is not None and limit < 0:
            raise StoreError(f"limit must be 0 or more, got {limit}")
        if limit == 0:
            return []
        page = find_events(self, EventFilter(background=None if include_background else False), limit=limit)
        return page.items
