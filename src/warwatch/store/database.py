"""The ``Store``: a DuckDB file of coded articles and their events (the layout is in ``warwatch.store``)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import duckdb

from ..errors import StoreError
from ..models import Article, Event
from . import rows as table_rows
from . import schema, sql

if TYPE_CHECKING:
    from ..dedup import Report, Tally

__all__ = ["DEFAULT_STORE_PATH", "Store", "is_duckdb_file"]

log = logging.getLogger(__name__)

DEFAULT_STORE_PATH = Path("warwatch.duckdb")


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
    def open(cls, path: Path | str = DEFAULT_STORE_PATH, *, read_only: bool = False, memory_mb: int = 0) -> Store:
        """Open (or create) the store at ``path`` and apply any missing migrations.

        ``read_only``: the store must exist; other processes may read it at the same time, none may write
        (DuckDB lets one process write a file, or any number read it). A store that misses migrations is
        first opened for writing, migrated and closed.
        ``memory_mb``: DuckDB's memory limit for this connection (its buffer of the file grows with the store up
        to it, then spills to disk); 0 keeps DuckDB's default of 80 % of the machine's memory.
        """
        path = Path(path)
        _check_path(path)
        if read_only and not path.is_file():
            raise StoreError(f"no store at {path}; run `warwatch code ... --store {path}` first")
        try:
            config: dict[str, str | bool | int | float | list[str]] = (
                {"memory_limit": f"{memory_mb}MB"} if memory_mb > 0 else {})
            connection = duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.Error as error:
            raise StoreError(_explain(error, path)) from error
        store = cls(connection, path)
        try:
            if read_only:
                if store._pending_migrations():
                    connection.close()
                    cls.open(path, memory_mb=memory_mb).close()  # migrate, then open read-only again
                    return cls.open(path, read_only=True, memory_mb=memory_mb)
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
        """The versions of ``schema.MIGRATIONS`` not applied yet (all of them in a file without the table)."""
        try:
            tables = {r[0] for r in self._db.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
            if "schema_migrations" not in tables:
                return [m.version for m in schema.MIGRATIONS]
            applied = {int(r[0]) for r in self._db.execute("SELECT version FROM schema_migrations").fetchall()}
        except duckdb.Error as error:
            raise StoreError(_explain(error, self.path)) from error
        newer = sorted(applied - {m.version for m in schema.MIGRATIONS})
        if newer:
            raise StoreError(f"{self.path} has schema version {newer[-1]}, newer than this warwatch knows "
                             f"({max(m.version for m in schema.MIGRATIONS)}); upgrade warwatch or use another store "
                             "path")
        return sorted({m.version for m in schema.MIGRATIONS} - applied)

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
            self._db.execute(schema.MIGRATIONS_TABLE)
            applied = {row[0] for row in self._db.execute("SELECT version FROM schema_migrations").fetchall()}
            known = {m.version for m in schema.MIGRATIONS}
            newer = sorted(applied - known)
            if newer:
                raise StoreError(
                    f"{self.path} has schema version {newer[-1]}, newer than this warwatch knows "
                    f"({max(known)}); upgrade warwatch or use another store path"
                )
            for migration in sorted(schema.MIGRATIONS, key=lambda m: m.version):
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
        rows = self.fetch("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
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
                             table_rows.record_text(report.event, article.id)])
        except duckdb.Error as error:
            raise StoreError(_explain(error, self.path)) from error
        return bool(written)

    def pending_reports(self) -> list[Report]:
        """Reports saved with their article whose merge never happened (the process was killed)."""
        from ..dedup import Report, event_from_record

        rows = self.fetch("SELECT record, published FROM pending_reports ORDER BY mention_id")
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
        digests = [table_rows.content_hash(article) for article, _ in items]
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
        for start in range(0, len(fresh), sql.CHUNK):
            rows = [(digest, article.id, article.url, article.published, article.title, article.text, coded_at)
                    for article, _, digest in fresh[start:start + sql.CHUNK]]
            self._db.execute(sql.INSERT_ARTICLES, table_rows.columns(rows))
        self._write_events([(article.id, event) for article, events, _ in fresh for event in events])
        return len(fresh)

    def _save_one(self, article: Article, events: Sequence[Event], coded_at: datetime) -> bool:
        digest = table_rows.content_hash(article)
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
            sql.INSERT_ARTICLE,
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
        before = self._db.execute(sql.DAILY_KEY, [event_id]).fetchone()
        self._db.execute("DELETE FROM latest_events WHERE event_id = ?", [event_id])
        self._db.execute(schema.REFRESH_LATEST, [event_id])
        self._move_day(before, self._db.execute(sql.DAILY_KEY, [event_id]).fetchone())

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
            "UPDATE daily_counts SET events = events + ?, dead = dead + ?, injured = injured + ? "
            f"WHERE {sql.DAILY_CELL}",
            [sign, dead, injured, *cell]).fetchone()
        if sign > 0 and not (updated and updated[0]):
            self._db.execute("INSERT INTO daily_counts VALUES (?, ?, ?, ?, 1, ?, ?)", [*cell, dead, injured])
        elif sign < 0:
            self._db.execute(f"DELETE FROM daily_counts WHERE {sql.DAILY_CELL} AND events <= 0", cell)

    def rebuild_derived(self) -> None:
        """Recompute ``latest_events`` and ``daily_counts`` from ``events`` (after rows were written into
        ``events`` directly, as ``bench/api.py`` does, or to repair them)."""
        try:
            with self.transaction():
                self._db.execute("DELETE FROM latest_events")
                self._db.execute("DELETE FROM daily_counts")
                self._db.execute(
                    f"INSERT INTO latest_events SELECT * FROM (SELECT {schema.LATEST_COLUMNS} FROM events "
                    "QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY revision DESC) = 1) "
                    "ORDER BY date, event_id")
                self._db.execute(schema.DAILY_BACKFILL)
        except duckdb.Error as error:
            raise StoreError(_explain(error, self.path)) from error

    def _write_events(self, items: Sequence[tuple[str, Event]], *, cleared: bool = False) -> None:
        """Write events (each with the id of the article saving it) in a few statements, however many:
        their mention rows, evidence, ``latest_events`` rows and ``daily_counts``. The event ids must differ.
        ``cleared``: their rows of ``events`` and ``evidence`` are deleted already (or there are none)."""
        if not items:
            return
        ids = [event.event_id for _, event in items]
        before = {str(r[0]): tuple(r[1:]) for r in self._db.execute(sql.DAILY_KEYS, [ids]).fetchall()}
        mentions: list[tuple[Any, ...]] = []
        evidence: list[tuple[Any, ...]] = []
        evidence_pairs: list[tuple[str, str]] = []
        latest: list[tuple[Any, ...]] = []
        after: dict[str, tuple[Any, ...]] = {}
        for article_id, event in items:
            record_text = table_rows.record_text(event, article_id)
            owners = list(dict.fromkeys(event.article_ids)) or [article_id]
            values = table_rows.event_values(event, record_text)
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
                table_rows.sources(event), "\n".join(e.text for e in event.evidence), record_text))
            after[event.event_id] = (event.date.date, event.event, country, event.background,
                                     event.casualties.dead, event.casualties.injured)
        revision: dict[str, int] = {}
        for start in range(0, len(mentions), sql.CHUNK):
            chunk = mentions[start:start + sql.CHUNK]
            if not cleared:
                self._db.execute(sql.DELETE_PAIRS.format(table="events"),
                                 [[r[0] for r in chunk], [r[1] for r in chunk]])
            for event_id, number in self._db.execute(sql.INSERT_EVENTS, table_rows.columns(chunk)).fetchall():
                revision[event_id] = max(number, revision.get(event_id, 0))
        for start in range(0, 0 if cleared else len(evidence_pairs), sql.CHUNK):
            pairs = evidence_pairs[start:start + sql.CHUNK]
            self._db.execute(sql.DELETE_PAIRS.format(table="evidence"), [[e for e, _ in pairs], [a for _, a in pairs]])
        for start in range(0, len(evidence), sql.CHUNK):
            self._db.execute(sql.INSERT_EVIDENCES, table_rows.columns(evidence[start:start + sql.CHUNK]))
        for start in range(0, len(latest), sql.CHUNK):
            chunk = [(r[0], revision[r[0]], *r[1:]) for r in latest[start:start + sql.CHUNK]]
            self._db.execute(sql.DELETE_EVENTS.format(table="latest_events"), [[r[0] for r in chunk]])
            self._db.execute(sql.INSERT_LATESTS, table_rows.columns(chunk))
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
            changes = table_rows.columns(rows)
            self._db.execute(sql.DAILY_UPDATE, changes)  # the cells there are
            self._db.execute(sql.DAILY_INSERT, changes)  # then the new ones
            self._db.execute("DELETE FROM daily_counts WHERE events <= 0")

    # -- deduplication: reports (mentions) and the merged events they belong to -----------------

    def mention_links(self, mention_ids: Iterable[str]) -> dict[str, str]:
        """The stored event id of each of ``mention_ids`` that is stored."""
        ids = list(dict.fromkeys(mention_ids))
        if not ids:
            return {}
        rows = self.fetch("SELECT mention_id, event_id FROM mentions WHERE mention_id IN (SELECT unnest(?))", [ids])
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
        rows = self.fetch("SELECT event_id, count(*) FROM mentions WHERE event_id IN (SELECT unnest(?)) "
                           "GROUP BY event_id", [ids])
        return {str(e): int(n) for e, n in rows}

    def tally(self, event_id: str, known: Iterable[str]) -> Tally:
        """The figures of ``event_id``'s stored reports other than the ``known`` mention ids, counted in SQL:
        the number of their articles not among the known reports' articles, and per value of ``dead`` and
        ``injured`` how many gave it and when (``dedup.Tally``)."""
        from ..dedup import FigureCount, Tally

        ids = list(dict.fromkeys(known))
        sources = self.scalar(
            "SELECT count(DISTINCT article_id) FROM mentions WHERE event_id = ? AND mention_id NOT IN "
            "(SELECT unnest(?)) AND article_id NOT IN (SELECT article_id FROM mentions "
            "WHERE mention_id IN (SELECT unnest(?)))", [event_id, ids, ids])

        def day(value: date) -> date | None:
            return None if value == sql.NO_DAY else value

        figures = {}
        for name in ("dead", "injured"):
            figures[name] = tuple(
                FigureCount(int(value), int(count), day(lo), day(hi), qualifier,
                            (10**7 if order[0] == sql.LAST_DAY else order[0].toordinal(), str(order[1]), str(order[2])))
                for value, count, lo, hi, qualifier, order in self.fetch(sql.TALLY.format(name=name), [event_id, ids]))
        return Tally(int(sources or 0), figures["dead"], figures["injured"])

    def _sample(self, where: str, parameters: Sequence[Any], first: int, latest: int) -> list[tuple[Report, str]]:
        from ..dedup import Report, event_from_record

        if 0 < first <= sql.TOP_LIMIT and 0 < latest <= sql.TOP_LIMIT:
            rows = self.fetch(sql.SAMPLE_TOP.format(where=where), [first, latest, *parameters])
        else:
            rows = self.fetch(sql.SAMPLE.format(where=where), [*parameters, first, latest])
        return [(Report(event_from_record(json.loads(r)), p), str(e)) for r, p, e in rows]

    def _reports(self, where: str, parameters: Sequence[Any]) -> list[tuple[Report, str]]:
        from ..dedup import Report, event_from_record

        rows = self.fetch(f"SELECT record, published, event_id FROM mentions {where} ORDER BY mention_id", parameters)
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
                for start in range(0, len(gone), sql.CHUNK):
                    self._db.execute(sql.DELETE_MENTIONS.format(table="mentions"), [gone[start:start + sql.CHUNK]])
                    self._db.execute(sql.DELETE_MENTIONS.format(table="pending_reports"),
                                     [gone[start:start + sql.CHUNK]])
                # a report id given twice keeps its last row
                rows = list({row[0]: row for row in map(table_rows.mention_row, reports)}.values())
                for start in range(0, len(rows), sql.CHUNK):
                    self._save_mentions(rows[start:start + sql.CHUNK])
                return self._replace_events(events)
        except duckdb.Error as error:
            raise StoreError(_explain(error, self.path)) from error

    def _save_mentions(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Write mention rows (``_mention_row``) in three statements, replacing stored ones and their pending
        copies: per-row statements made the merge of 200,000 reports cost minutes of statement overhead."""
        ids = [row[0] for row in rows]
        self._db.execute(sql.DELETE_MENTIONS.format(table="mentions"), [ids])
        self._db.execute(sql.DELETE_MENTIONS.format(table="pending_reports"), [ids])
        self._db.execute(sql.INSERT_MENTIONS, [list(column) for column in zip(*rows, strict=True)])

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
                and json.loads(newest[e.event_id]) == json.loads(table_rows.record_text(e, e.event_id))]
        owners = {str(e): {str(a) for a in articles} for e, articles in self._db.execute(
            "SELECT event_id, list(article_id) FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[])) "
            "GROUP BY event_id", [[e.event_id for e in same]]).fetchall()} if same else {}
        unchanged = {e.event_id for e in same if owners.get(e.event_id) == set(e.article_ids)}
        changed = [e for e in events if e.event_id not in unchanged]
        stored = [e.event_id for e in changed if e.event_id in newest]  # a new event has no rows to delete
        for start in range(0, len(stored), sql.CHUNK):
            self._db.execute(sql.DELETE_EVENTS.format(table="events"), [stored[start:start + sql.CHUNK]])
            self._db.execute(sql.DELETE_EVENTS.format(table="evidence"), [stored[start:start + sql.CHUNK]])
        self._write_events([(e.article_ids[0] if e.article_ids else e.event_id, e) for e in changed], cleared=True)
        return len(changed)

    # -- reading -------------------------------------------------------------------------------

    def fetch(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of one SQL statement (how ``warwatch.query``, the exports and the index read the store); a
        DuckDB error becomes a ``StoreError`` that says how to fix it."""
        try:
            return self._db.execute(sql, list(parameters)).fetchall()
        except duckdb.Error as error:
            raise StoreError(_explain(error, self.path)) from error

    def scalar(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        """The first value of the first row (None when there is no row)."""
        rows = self.fetch(sql, parameters)
        return rows[0][0] if rows else None

    def count_articles(self) -> int:
        return int(self.scalar("SELECT count(*) FROM articles"))

    def count_events(self) -> int:
        """Distinct real-world events (``event_id``s), background ones included."""
        return int(self.scalar("SELECT count(DISTINCT event_id) FROM events"))

    def count_mentions(self) -> int:
        """Reports of events: each event's number of sources (articles), as ``query.source_count`` counts them,
        so an event whose record lists only its first ``DedupRules.sources_listed`` sources counts them all."""
        return int(self.scalar("SELECT coalesce(sum(sources), 0) FROM latest_events"))

    def has_article(self, content_hash: str) -> bool:
        return bool(self.fetch("SELECT 1 FROM articles WHERE content_hash = ?", [content_hash]))

    def events(self, limit: int | None = None, *, include_background: bool = False) -> list[dict[str, Any]]:
        """The newest record of each event, as ``Event.to_json()`` dicts, by date (newest first) then id.

        Events without a date come last. The same query as ``warwatch.query.find_events`` (sort ``-date``).
        """
        from ..query import EventFilter, find_events

        if limit is not None and limit < 0:
            raise StoreError(f"limit must be 0 or more, got {limit}")
        if limit == 0:
            return []
        page = find_events(self, EventFilter(background=None if include_background else False), limit=limit)
        return page.items
