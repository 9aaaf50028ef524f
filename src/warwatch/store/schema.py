"""The store's schema: its migrations, applied once each in version order (``Store.open`` runs them),
and the SQL that derives ``latest_events`` and ``daily_counts`` from ``events``."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DAILY_BACKFILL", "LATEST_COLUMNS", "MIGRATIONS", "MIGRATIONS_TABLE", "Migration", "REFRESH_LATEST"]

MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
)
"""

# The columns of ``latest_events`` from a row of ``events``: the actors and recipients as codes (the
# actor's country code, else its name, upper-cased: what ``warwatch show`` prints), the number of
# sources, and the evidence sentences lower-cased for free-text search.
LATEST_COLUMNS = """
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
REFRESH_LATEST = (
    f"INSERT INTO latest_events SELECT {LATEST_COLUMNS} FROM events WHERE event_id = ? ORDER BY revision DESC LIMIT 1"
)
# daily_counts from latest_events (undated events have no day to count in)
DAILY_BACKFILL = (
    "INSERT INTO daily_counts SELECT date, event, country, background, count(*), coalesce(sum(dead), 0), "
    "coalesce(sum(injured), 0) FROM latest_events WHERE date IS NOT NULL GROUP BY ALL ORDER BY ALL"
)


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
            f"INSERT INTO latest_events SELECT {LATEST_COLUMNS} FROM events "
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
            DAILY_BACKFILL,
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
