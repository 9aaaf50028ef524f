"""The SQL statements the store runs: bulk writes as one list per column unnested side by side, the
samples and tallies of an event's reports that deduplication reads, and the upkeep of ``daily_counts``."""

from __future__ import annotations

from datetime import date

DAILY_KEY = "SELECT date, event, country, background, dead, injured FROM latest_events WHERE event_id = ?"
DAILY_CELL = "date = ? AND event = ? AND country IS NOT DISTINCT FROM ? AND background = ?"

# report order (``dedup.merging``): publication date (unknown last), article id, mention id
REPORT_ORDER = "published ASC NULLS LAST, article_id, mention_id"
REPORT_ORDER_DESC = "published DESC NULLS FIRST, article_id DESC, mention_id DESC"
# of each event among the mentions that ``{where}`` selects, its first ``?`` and latest ``?`` in report order
SAMPLE = (
    "SELECT record, published, event_id FROM mentions WHERE mention_id IN (SELECT mention_id FROM ("
    f"SELECT mention_id, row_number() OVER (PARTITION BY event_id ORDER BY {REPORT_ORDER}) AS early, "
    f"row_number() OVER (PARTITION BY event_id ORDER BY {REPORT_ORDER_DESC}) AS late "
    "FROM mentions {where}) WHERE early <= ? OR late <= ?) ORDER BY mention_id"
)
# the same for small ``first`` and ``latest`` (above 0): top-N aggregates keep a heap of N per event instead of
# sorting all its mentions twice, which made each batch of reports of one big event sort all of its mentions
REPORT_KEY = "(published IS NULL, coalesce(published, DATE '0001-01-01'), article_id, mention_id)"
SAMPLE_TOP = (
    "SELECT record, published, event_id FROM mentions WHERE mention_id IN (SELECT unnest(list_concat("
    f"arg_min(mention_id, {REPORT_KEY}, ?), arg_max(mention_id, {REPORT_KEY}, ?))) FROM mentions {{where}} "
    "GROUP BY event_id) ORDER BY mention_id"
)
TOP_LIMIT = 10_000  # above this ``first`` or ``latest`` the window query: a heap that size is no saving
NO_DAY, LAST_DAY = date(1, 1, 1), date(9999, 12, 31)
# an event's figures among its mentions but ``known`` ones: per value, the count, earliest and latest dates
# (unknown as 0001-01-01) and the qualifier of the latest in report order (unknown dates last)
TALLY = (
    "SELECT {name}, count(*), min(coalesce(published, DATE '0001-01-01')), "
    "max(coalesce(published, DATE '0001-01-01')), "
    "arg_max({name}_qualifier, (coalesce(published, DATE '9999-12-31'), article_id, mention_id)), "
    "max((coalesce(published, DATE '9999-12-31'), article_id, mention_id)) "
    "FROM mentions WHERE event_id = ? AND {name} IS NOT NULL AND mention_id NOT IN (SELECT unnest(?)) "
    "GROUP BY {name} ORDER BY {name}"
)

EVENT_COLUMNS = (
    "event_id", "article_id", "event", "mode", "context", "weapon", "actor", "recipient", "date",
    "date_precision", "date_source", "location_name", "country", "admin1", "lat", "lon", "geonameid",
    "precision", "dead", "injured", "background", "score", "confidence", "record",
)
INSERT_ARTICLE = (
    "INSERT INTO articles (content_hash, id, url, published, title, text, coded_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)

DELETE_MENTIONS = "DELETE FROM {table} WHERE mention_id IN (SELECT unnest(?))"
# many mention rows in one statement: one list per column, unnested side by side
INSERT_MENTIONS = (
    "INSERT INTO mentions (mention_id, article_id, event_id, published, event, date, background, record, dead, "
    "injured, dead_qualifier, injured_qualifier) SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
    "unnest(?::VARCHAR[]), unnest(?::DATE[]), unnest(?::VARCHAR[]), unnest(?::DATE[]), unnest(?::BOOLEAN[]), "
    "unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[])"
)
CHUNK = 5000  # rows per statement of a bulk write
# many articles in one statement (columns of ``INSERT_ARTICLE``)
INSERT_ARTICLES = (
    "INSERT INTO articles (content_hash, id, url, published, title, text, coded_at) SELECT unnest(?::VARCHAR[]), "
    "unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::DATE[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
    "unnest(?::TIMESTAMP[])"
)
EVENT_TYPES = (
    "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR[]", "VARCHAR", "JSON", "JSON", "DATE", "VARCHAR", "VARCHAR",
    "VARCHAR", "VARCHAR", "VARCHAR", "DOUBLE", "DOUBLE", "BIGINT", "VARCHAR", "INTEGER", "INTEGER", "BOOLEAN",
    "DOUBLE", "DOUBLE", "JSON",
)
# many rows of ``events`` in one statement: one list per column of ``EVENT_COLUMNS``
INSERT_EVENTS = (
    f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) SELECT "
    + ", ".join(f"unnest(?::{t}[])" for t in EVENT_TYPES)
    + " RETURNING event_id, revision"
)
INSERT_EVIDENCES = (
    'INSERT INTO evidence (event_id, article_id, text, start, "end") SELECT unnest(?::VARCHAR[]), '
    "unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::INTEGER[])"
)
# (event_id, article_id) pairs deleted from ``{table}`` in one statement
DELETE_PAIRS = (
    "DELETE FROM {table} USING (SELECT unnest(?::VARCHAR[]) AS e, unnest(?::VARCHAR[]) AS a) AS gone "
    "WHERE {table}.event_id = gone.e AND {table}.article_id = gone.a"
)
DELETE_EVENTS = "DELETE FROM {table} WHERE event_id IN (SELECT unnest(?::VARCHAR[]))"
# many ``latest_events`` rows from the events just written (their values at hand, no JSON to parse; the actor
# codes and evidence case-folded by DuckDB as _LATEST_COLUMNS does; the revision that of each event's newest
# row in ``events``, which the insert returned)
INSERT_LATESTS = (
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
DAILY_CHANGES = (
    "SELECT unnest(?::DATE[]) AS date, unnest(?::VARCHAR[]) AS event, unnest(?::VARCHAR[]) AS country, "
    "unnest(?::BOOLEAN[]) AS background, unnest(?::BIGINT[]) AS events, unnest(?::BIGINT[]) AS dead, "
    "unnest(?::BIGINT[]) AS injured"
)
DAILY_MATCH = ("d.date = c.date AND d.event = c.event AND d.country IS NOT DISTINCT FROM c.country "
                "AND d.background = c.background")
DAILY_UPDATE = (
    f"UPDATE daily_counts AS d SET events = d.events + c.events, dead = d.dead + c.dead, "
    f"injured = d.injured + c.injured FROM ({DAILY_CHANGES}) AS c WHERE {DAILY_MATCH}"
)
DAILY_INSERT = (
    f"INSERT INTO daily_counts SELECT * FROM ({DAILY_CHANGES}) AS c WHERE c.events > 0 AND NOT EXISTS "
    f"(SELECT 1 FROM daily_counts AS d WHERE {DAILY_MATCH})"
)
DAILY_KEYS = (
    "SELECT event_id, date, event, country, background, dead, injured FROM latest_events "
    "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))"
)
