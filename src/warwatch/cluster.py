"""The same pipeline on a Dask cluster: inputs cut into partitions, coded on the workers, merged here.

``code_on_dask`` is what ``warwatch code --dask ADDRESS`` calls (``--dask local`` starts a
``LocalCluster`` of one single-threaded worker process per core). The steps:

1. **Partitions** (``partitions``): every input file (directories and globs expanded as for a local run)
   is cut into ``Partition`` records: a JSONL file into shards of ``settings.batch_size`` lines (byte
   ranges found by one scan here; each shard keeps its first line number, so bad lines are reported
   with their line in the file), a WARC, Parquet, HTML, feed or text file as one partition. Workers read
   the files themselves, so the paths must be readable on every worker (a shared file system).
   Standard input is read here and sent in chunks.
2. **Workers** load the spaCy pipeline, the gazetteer and the sentence model once, on their first task
   (``WarwatchResources``, a worker plugin holding them), and code each partition with
   ``parallel.code_chunk``, the function local worker processes run.
3. **Merge**: the results come back as records, partition by partition in input order (at most two
   partitions per worker thread in flight), and go through the same ``save_results`` (deduplication,
   one store writer) as a local run: the same events.
"""

from __future__ import annotations

import io
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

from distributed import WorkerPlugin

from .coding.coder import ArticleResult
from .ingest import Skipped, read_file, read_jsonl, sniff_format
from .ingest.sources import expand_paths
from .models import Article
from .parallel import ChunkOutcome, code_chunk, deliver, jobs_for
from .pipeline import Resources, RunStats, load_resources
from .settings import Settings

__all__ = ["Partition", "WarwatchResources", "code_on_dask", "partitions", "read_partition"]

log = logging.getLogger(__name__)

PLUGIN_NAME = "warwatch-resources"


@dataclass(frozen=True, slots=True)
class Partition:
    """A piece of the input a worker reads and codes: a whole file, or bytes ``[start, end)`` of a JSONL
    file starting at line ``first_line`` (``end`` None: the whole file)."""

    path: str
    fmt: str
    start: int = 0
    end: int | None = None
    first_line: int = 1


def _jsonl_shards(path: str, lines: int) -> Iterator[Partition]:
    start, first, count, offset = 0, 1, 0, 0
    with open(path, "rb") as handle:
        for raw in handle:
            offset += len(raw)
            count += 1
            if count == lines:
                yield Partition(path, "jsonl", start, offset, first)
                start, first, count = offset, first + lines, 0
    if count:
        yield Partition(path, "jsonl", start, offset, first)


def partitions(paths: Sequence[str], lines: int) -> Iterator[Partition]:
    """The partitions of the inputs, in input order (``lines`` JSONL lines per shard)."""
    for name in expand_paths(paths):
        try:
            fmt = sniff_format(name)
        except Exception:  # noqa: BLE001 - the worker's read_file reports it as a Skipped with its reason
            fmt = "unknown"
        if fmt == "jsonl":
            yield from _jsonl_shards(name, lines)
        else:
            yield Partition(name, fmt)


def read_partition(partition: Partition) -> Iterator[Article | Skipped]:
    """The articles and bad records of one partition, as the local readers give them."""
    if partition.fmt != "jsonl":
        yield from read_file(partition.path, None if partition.fmt == "unknown" else partition.fmt)
        return
    with open(partition.path, "rb") as handle:
        handle.seek(partition.start)
        size = -1 if partition.end is None else partition.end - partition.start
        data = handle.read(size)
    yield from read_jsonl(partition.path, stream=io.BytesIO(data), first_line=partition.first_line)


class WarwatchResources(WorkerPlugin):
    """A Dask worker plugin: the resources of one worker, loaded on its first task and kept.

    Only the settings travel to the workers; each worker loads its own pipeline, gazetteer and model.
    """

    name = PLUGIN_NAME

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._resources: Resources | None = None
        self._lock = threading.Lock()

    def __reduce__(self) -> tuple[type[WarwatchResources], tuple[Settings]]:
        return (WarwatchResources, (self.settings,))

    def resources(self) -> Resources:
        """Loaded on the first task (in the task's thread, not on the worker's event loop), then kept."""
        with self._lock:
            if self._resources is None:
                self._resources = load_resources(self.settings)
            return self._resources


def _code_partition(piece: Partition | list[Article | Skipped], settings: Settings) -> ChunkOutcome:
    from distributed import get_worker

    plugin = get_worker().plugins[PLUGIN_NAME]
    if not isinstance(plugin, WarwatchResources):  # pragma: no cover - registered by code_on_dask
        raise TypeError(f"worker plugin {PLUGIN_NAME} is {type(plugin).__name__}")
    items = read_partition(piece) if isinstance(piece, Partition) else piece
    return code_chunk(items, plugin.resources(), settings)


def _stdin_chunks(size: int) -> Iterator[list[Article | Skipped]]:
    import sys

    chunk: list[Article | Skipped] = []
    for item in read_jsonl("-", stream=sys.stdin.buffer):
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _client(address: str, settings: Settings, stack: ExitStack) -> Any:
    from distributed import Client, LocalCluster

    # distributed logs every connection at INFO, and a slow shutdown on a busy machine as a WARNING: say
    # only errors unless asked for more (-v)
    quiet = logging.WARNING if logging.getLogger().getEffectiveLevel() <= logging.INFO else logging.ERROR
    logging.getLogger("distributed").setLevel(quiet)
    if address == "local":
        cluster = stack.enter_context(LocalCluster(n_workers=jobs_for(settings), threads_per_worker=1,
                                                   processes=True, dashboard_address=None))
        return stack.enter_context(Client(cluster))
    return stack.enter_context(Client(address))


def code_on_dask(
    paths: Sequence[str],
    settings: Settings,
    address: str,
    *,
    stats: RunStats | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    on_partition: Callable[[int], None] | None = None,
) -> Iterator[ArticleResult]:
    """Code the inputs on the Dask cluster at ``address`` (``local``: a new ``LocalCluster``) and yield the
    results in input order, reporting bad records and screened articles to ``on_skip``."""
    from dataclasses import replace

    stats = stats if stats is not None else RunStats()
    one = replace(settings, n_process=1)
    pieces: Iterator[Partition | list[Article | Skipped]]
    pieces = _stdin_chunks(settings.batch_size) if list(paths) == ["-"] else partitions(paths, settings.batch_size)
    with ExitStack() as stack:
        client = _client(address, settings, stack)
        client.register_plugin(WarwatchResources(one), name=PLUGIN_NAME)
        threads = max(1, sum(client.nthreads().values()))
        log.info("coding on the Dask cluster %s: %d worker threads", client.scheduler.address, threads)
        pending: deque[Any] = deque()
        done = 0
        for piece in pieces:
            pending.append(client.submit(_code_partition, piece, one, pure=False))
            while len(pending) >= 2 * threads:
                done += 1
                yield from deliver(pending.popleft().result(), stats, on_skip)
                if on_partition is not None:
                    on_partition(done)
        while pending:
            done += 1
            yield from deliver(pending.popleft().result(), stats, on_skip)
            if on_partition is not None:
                on_partition(done)
