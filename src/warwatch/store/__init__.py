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

Files: ``schema.py`` (migrations and the SQL deriving ``latest_events`` and ``daily_counts``), ``sql.py`` (the
statements the store runs), ``rows.py`` (table rows from events and reports; the content hash), ``database.py``
(``Store``: connection, transactions, writes and reads).
"""

from .database import DEFAULT_STORE_PATH, Store, is_duckdb_file
from .rows import content_hash
from .schema import MIGRATIONS, Migration

__all__ = ["DEFAULT_STORE_PATH", "MIGRATIONS", "Migration", "Store", "content_hash", "is_duckdb_file"]
