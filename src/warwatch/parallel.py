"""Every core of one machine: the pipeline over chunks of articles in worker processes, results in input order.

``code_stream`` is what ``warwatch code`` calls. With one job it is ``pipeline.code_articles`` in this
process (the old path). With more, the main process reads the input, reports the bad lines, and hands
chunks of ``settings.batch_size`` articles to a pool of worker processes; each worker loads the spaCy
pipeline, the gazetteer and the sentence model once (``_init_worker``), screens, parses and codes its
chunks with the same ``code_articles``, and sends back the results and the articles it screened out.
The main process yields the results chunk by chunk in input order, so deduplication and the store (one
writer, here) see exactly what a one-process run gives them: the output is the same byte for byte.

At most ``2 * jobs`` chunks are in flight, and the workers are replaced by fresh ones every
``settings.worker_chunks`` chunks each (what a spaCy vocabulary gathers is given back), so memory stays flat on an
endless stream. A stream of one chunk or less is coded in this process: starting workers would cost more than it
saves.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import chain

from .coding.coder import ArticleResult
from .ingest import Skipped
from .models import Article
from .pipeline import Resources, RunStats, code_articles, load_resources
from .settings import Settings

__all__ = [
    "ChunkOutcome", "available_cores", "code_chunk", "code_stream", "exit_with_parent", "jobs_for", "merge_stats",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ChunkOutcome:
    """One chunk coded: its results and the articles the screen dropped (in input order), and its counts."""

    entries: tuple[ArticleResult | Skipped, ...]
    stats: RunStats


def available_cores() -> int:
    """The cores this process may run on (the affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def jobs_for(settings: Settings) -> int:
    """Worker processes for a run: ``settings.n_process``, 0 meaning one per available core."""
    return settings.n_process or available_cores()


def code_chunk(articles: Iterable[Article | Skipped], resources: Resources, settings: Settings) -> ChunkOutcome:
    """Code one chunk in this process with ``code_articles``; what a worker (local or Dask) runs."""
    stats = RunStats()
    entries: list[ArticleResult | Skipped] = []
    for result in code_articles(articles, resources, settings, stats=stats, on_skip=entries.append):
        entries.append(result)
    return ChunkOutcome(tuple(entries), stats)


def merge_stats(total: RunStats, part: RunStats) -> None:
    """Add a chunk's counts to the run's."""
    total.read += part.read
    total.coded += part.coded
    total.events += part.events
    total.background += part.background
    total.skipped.update(part.skipped)
    total.truncated += part.truncated
    total.blanked += part.blanked


def deliver(outcome: ChunkOutcome, stats: RunStats, on_skip: Callable[[Skipped], None] | None
            ) -> Iterator[ArticleResult]:
    """A chunk's results, its screened articles reported to ``on_skip`` on the way, its counts added."""
    merge_stats(stats, outcome.stats)
    for entry in outcome.entries:
        if isinstance(entry, Skipped):
            if on_skip is not None:
                on_skip(entry)
        else:
            yield entry


# One per worker process, set once by the pool's initializer: the loaded resources and the run's settings.
_WORKER: tuple[Resources, Settings] | None = None


def exit_with_parent() -> None:
    """End this worker process when the process that started it dies, even by SIGKILL.

    A ``ProcessPoolExecutor`` worker otherwise waits on its call queue for ever (it holds a copy of the queue's
    write end, so it never sees end of file): a ``warwatch code`` killed with kill -9 left its workers running,
    each holding a loaded pipeline. The parent's sentinel becomes readable when the parent is gone.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    sentinel = parent.sentinel

    def wait() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(1)  # the parent is gone: nobody is left to take this worker's results

    threading.Thread(target=wait, name="warwatch-exit-with-parent", daemon=True).start()


def _init_worker(settings: Settings) -> None:
    global _WORKER
    exit_with_parent()
    logging.basicConfig(level=logging.WARNING, format="warwatch: %(levelname)s %(name)s: %(message)s")
    _WORKER = (load_resources(settings), settings)
    log.debug("worker %d loaded its resources", os.getpid())


def _work(chunk: list[Article]) -> ChunkOutcome:
    if _WORKER is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker used before its resources were loaded")
    resources, settings = _WORKER
    return code_chunk(chunk, resources, settings)


def _chunks(items: Iterable[Article | Skipped], size: int, stats: RunStats,
            on_skip: Callable[[Skipped], None] | None) -> Iterator[list[Article]]:
    """Articles in lists of ``size``; bad input lines are counted and reported here, as they come."""
    chunk: list[Article] = []
    for item in items:
        if isinstance(item, Skipped):
            stats.skipped[item.reason] += 1
            if on_skip is not None:
                on_skip(item)
            continue
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def code_stream(
    items: Iterable[Article | Skipped],
    settings: Settings,
    *,
    stats: RunStats | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    resources: Resources | None = None,
) -> Iterator[ArticleResult]:
    """``code_articles`` on ``jobs_for(settings)`` processes: the same results, in input order.

    ``resources`` (loaded here when needed and not given) serve the one-process path only; workers load
    their own.
    """
    stats = stats if stats is not None else RunStats()
    jobs = jobs_for(settings)
    one = replace(settings, n_process=1)
    if jobs == 1:
        yield from code_articles(items, resources or load_resources(one), one, stats=stats, on_skip=on_skip)
        return
    chunks = _chunks(items, settings.batch_size, stats, on_skip)
    head = [chunk for _, chunk in zip(range(2), chunks, strict=False)]
    if len(head) < 2:  # one chunk at most: not worth starting workers
        log.info("one chunk of input: coding in this process")
        if head:
            yield from code_articles(head[0], resources or load_resources(one), one, stats=stats, on_skip=on_skip)
        return
    log.info("coding on %d worker processes, %d articles per chunk", jobs, settings.batch_size)
    chunk_stream = chain(head, chunks)
    while (yield from _pool_turn(chunk_stream, jobs, one, stats, on_skip)):
        pass


def _pool_turn(chunks: Iterator[list[Article]], jobs: int, settings: Settings, stats: RunStats,
               on_skip: Callable[[Skipped], None] | None) -> Generator[ArticleResult, None, bool]:
    """Code chunks on one pool of fresh workers until each has had about ``settings.worker_chunks`` (or the input
    ends); returns whether the pool took any chunk, so the caller starts the next pool only when there is work.

    A spaCy pipeline's vocabulary keeps every new word it parses (about 0.5 kB an article on a stream of tiny
    articles with new numbers and names), so a worker's memory grows for as long as it lives; replacing the workers
    every few tens of thousands of articles keeps a long run's memory flat, for a few seconds of loading each time.
    The pool's last chunks are drained before the next pool starts: results stay in input order.
    """
    budget = jobs * settings.worker_chunks if settings.worker_chunks else None
    first = next(chunks, None)
    if first is None:
        return False
    context = multiprocessing.get_context("spawn")  # no fork of a process with threads or open files
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(settings,))
    try:
        pending: deque[Future[ChunkOutcome]] = deque()
        submitted = 0
        for chunk in chain([first], chunks):
            pending.append(pool.submit(_work, chunk))
            submitted += 1
            while len(pending) >= 2 * jobs:
                yield from deliver(pending.popleft().result(), stats, on_skip)
            if budget is not None and submitted >= budget:
                break
        while pending:
            yield from deliver(pending.popleft().result(), stats, on_skip)
    finally:  # also when the consumer stops early or a worker fails: drop the chunks not started
        pool.shutdown(wait=True, cancel_futures=True)
    if budget is not None and submitted >= budget:
        log.info("replacing the %d worker processes after %d chunks", jobs, submitted)
    return True
