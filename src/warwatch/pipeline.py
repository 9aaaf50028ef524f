"""The pipeline: a stream of articles (and skipped lines) through spaCy and the coder, in batches.

``code_articles`` is the product: it yields one ``ArticleResult`` per good article, in input order,
calling ``on_skip`` for every bad line. Memory stays flat: nothing holds the whole corpus.

Every way in runs the same two functions: ``code_articles`` reads, screens, parses and codes (in this process,
in ``parallel``'s worker processes and on ``cluster``'s Dask workers, through ``parallel.code_chunk``), and
``save_results`` merges and commits, one batch per transaction, in the one process that writes the store:
``warwatch code`` (with or without ``--jobs`` and ``--dask``), ``warwatch watch`` (a batch per new article)
and the API's ``POST /articles``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from spacy.language import Language

from .coding.actors import ActorLexicon
from .coding.coder import ArticleResult, Coder
from .ingest import LanguageIdentifier, ScreenOptions, Skipped, assess, blank_sentences
from .models import Article, Event
from .places import Gazetteer, ensure_gazetteer
from .settings import Settings

if TYPE_CHECKING:
    from .coding.sentence_embed import EmbeddingSentenceModel
    from .coding.sentence_model import SentenceModel
    from .dedup import DedupRules
    from .store import Store

__all__ = ["Resources", "RunStats", "code_articles", "load_resources", "save_results"]

log = logging.getLogger(__name__)


@dataclass
class RunStats:
    """What a run did, for the one-line summary on stderr."""

    read: int = 0
    coded: int = 0
    events: int = 0  # news events as coded per article (reports), before deduplication merged them
    background: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    truncated: int = 0
    stored: int = 0
    unchanged: int = 0
    blanked: int = 0  # sentences of kept articles the sentence screen left out of the parse
    repeated: int = 0  # articles whose id came again later in the run: the later text replaced them
    merged: int | None = None  # news events the merge wrote (None: no merge ran); ``events`` are the reports
    updated: int = 0  # news events written again because a later batch of the run added reports to them
    interrupted: bool = False  # a KeyboardInterrupt stopped the reading; what was coded was merged and saved

    def summary(self) -> str:
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(self.skipped.items()))
        parts = [
            f"articles read {self.read}",
            f"coded {self.coded}",
            f"skipped {skipped}" + (f" ({reasons})" if reasons else ""),
            f"events written {self.events if self.merged is None else self.merged} ({self.background} background)",
        ]
        if self.merged is not None and self.events != self.merged:
            parts.append(f"merged from {self.events} reports")
        if self.updated:
            parts.append(f"written again as later batches added reports {self.updated}")
        if self.truncated:
            parts.append(f"truncated {self.truncated}")
        if self.blanked:
            parts.append(f"sentences not parsed {self.blanked} (no war or diplomacy content)")
        if self.stored or self.unchanged:
            parts.append(f"stored {self.stored}, already stored {self.unchanged}")
        if self.repeated:
            parts.append(f"ids repeated {self.repeated} (the later text replaced the earlier)")
        if self.interrupted:
            parts.append("interrupted: the articles coded so far were merged and written")
        return "; ".join(parts)


@dataclass(frozen=True)
class Resources:
    """What the stages load once: the spaCy pipeline, the gazetteer and the actor dictionary
    (and the language identifier of the screen)."""

    nlp: Language
    coder: Coder
    identifier: LanguageIdentifier | None = None


def load_resources(settings: Settings) -> Resources:
    from .nlp import load_pipeline
    from .places.gazetteer import check_gazetteer_path

    check_gazetteer_path(settings.gazetteer)  # never replace a file that is not a gazetteer
    nlp = load_pipeline(settings.model)
    gazetteer = Gazetteer.load(ensure_gazetteer(settings.gazetteer))
    from .coding.classifier import CategoryClassifier
    from .coding.sentence_model import Combination, Veto

    classifier = CategoryClassifier.load() if settings.classifier else None
    model = load_sentence_model(settings.sentence_backend) if settings.sentence_model else None
    veto = Veto(settings.model_veto_below, settings.model_happened_below, settings.model_not_new_above,
                settings.model_sure_above)
    identifier = LanguageIdentifier.load() if settings.screen else None
    combination = Combination(propose=settings.model_proposes, confirm_weak=settings.model_confirms_weak)
    coder = Coder(gazetteer, ActorLexicon.load(nlp.vocab), classifier, model, veto, combination)
    coder.office_roles = settings.office_roles
    coder.region_capitals = settings.region_capitals
    return Resources(nlp=nlp, coder=coder, identifier=identifier)


def load_sentence_model(backend: str) -> SentenceModel | EmbeddingSentenceModel:
    """The sentence model of setting ``sentence_backend``: the spaCy bag of words ("bow") or logistic regression
    on MiniLM embeddings ("minilm", with the embedder loaded here once; needs the extra ``warwatch[embed]``)."""
    from .coding.sentence_embed import EmbeddingSentenceModel, load_embedder
    from .coding.sentence_model import SentenceModel

    if backend == "minilm":
        return EmbeddingSentenceModel.load(load_embedder())
    return SentenceModel.load()


def code_articles(
    items: Iterable[Article | Skipped],
    resources: Resources,
    settings: Settings,
    *,
    stats: RunStats | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    explain: bool = False,
) -> Iterator[ArticleResult]:
    """Parse and code a stream of articles; bad lines, and articles the screen drops before parsing
    (``settings.screen``: reasons ``language`` and ``irrelevant``), go to ``on_skip`` and are counted."""
    stats = stats if stats is not None else RunStats()
    identifier = resources.identifier
    if settings.screen and identifier is None:
        identifier = LanguageIdentifier.load()

    def good() -> Iterator[tuple[str, Article]]:
        for item in items:
            if isinstance(item, Skipped):
                stats.skipped[item.reason] += 1
                if on_skip is not None:
                    on_skip(item)
                continue
            stats.read += 1
            article = item
            text = article.text
            if len(text) > settings.max_chars:
                stats.truncated += 1
                log.warning("article %s: %d characters, only the first %d are coded", article.id, len(text),
                            settings.max_chars)
                text = text[: settings.max_chars]
                article = replace(article, text=text)
            if settings.screen:  # before spaCy: the cheap tests of ingest.screen (language, relevance)
                verdict = assess(article, identifier, ScreenOptions())
                if verdict.reason is not None:
                    stats.skipped[verdict.reason] += 1
                    if on_skip is not None:
                        on_skip(verdict.skipped())
                    continue
                if settings.screen_sentences and not explain:  # explain shows every sentence
                    blanked = blank_sentences(text)  # same length: offsets into the parse stay right
                    stats.blanked += blanked.blanked
                    yield blanked.text, article
                    continue
            yield text, article

    # one process here: ``parallel.code_stream`` spreads whole articles (parse and coding) over processes
    docs = resources.nlp.pipe(good(), as_tuples=True, batch_size=settings.batch_size)
    for doc, article in docs:
        result = resources.coder.code(doc, article, explain=explain)
        stats.coded += 1
        stats.events += sum(1 for e in result.events if not e.background)
        stats.background += sum(1 for e in result.events if e.background)
        yield result


def save_results(
    results: Iterable[ArticleResult],
    store: Store | None,
    settings: Settings,
    rules: DedupRules,
    stats: RunStats,
    *,
    on_events: Callable[[Sequence[Event]], None] | None = None,
) -> None:
    """Store coded articles and merge their events, handing the events to ``on_events``: what ``warwatch code``
    (also with ``--jobs`` or ``--dask``: the workers code, this process merges and commits), ``warwatch watch``
    and ``POST /articles`` all run after ``code_articles``.

    With a store the results are taken in batches of ``settings.store_batch`` articles, and each batch is one
    transaction (``_save_batch``): its articles, written in bulk, and with ``settings.dedup`` the merge of their
    reports with each other and with the store's events (``dedup.resolve``), whose new and changed events are
    written in bulk. After the commit the batch's events go to ``on_events``: with dedup the merged events that
    hold a report of the batch, so an event that a later batch adds reports to comes again, with the same
    ``event_id`` and its updated record (the last one given is the current record, as the store keeps it);
    without dedup each article's own events. A process killed at any moment loses at most the batch in flight:
    its articles are not stored, so a re-run codes and merges them. Reports an older version left pending (saved
    with their article, not merged) are merged by the next batch.

    Without a store and with dedup, the run's reports (not the texts) are held and merged at the end, with
    each other; without a store or dedup, each article's events go to ``on_events`` as they come.

    A ``KeyboardInterrupt`` (Ctrl-C, or SIGTERM as the CLI maps it) while the articles are read stops the
    reading: what was coded so far is merged, saved and handed on, and ``stats.interrupted`` is set.

    An article id that comes again later in the run replaces the earlier article, in the store (``Store.save``)
    and in the merge alike, so every event's evidence offsets point into the stored text.
    """
    if store is None:
        _merge_in_memory(results, settings, rules, stats, on_events)
        return
    seen: set[str] = set()  # article ids of the run
    given: set[str] = set()  # news events handed on
    for batch in _batches(results, settings.store_batch, stats):
        events = _save_batch(_latest_texts(batch, seen, stats), store, settings, rules, stats)
        if settings.dedup:
            news = {e.event_id for e in events if not e.background}
            stats.updated += len(news & given)
            stats.merged = (stats.merged or 0) + len(news - given)  # a watch adds up its runs of one article
            given |= news
        if on_events is not None:
            on_events(events)


def _batches(results: Iterable[ArticleResult], size: int, stats: RunStats) -> Iterator[list[ArticleResult]]:
    """The results in lists of ``size``; a ``KeyboardInterrupt`` while reading ends the last list early."""
    batch: list[ArticleResult] = []
    try:
        for result in results:
            batch.append(result)
            if len(batch) >= size:
                yield batch
                batch = []
    except KeyboardInterrupt:
        stats.interrupted = True
        log.warning("interrupted: merging and saving the %d articles coded since the last batch", len(batch))
    if batch:
        yield batch


def _latest_texts(batch: Sequence[ArticleResult], seen: set[str], stats: RunStats) -> list[ArticleResult]:
    """The batch with one result per article id, the last (an id seen before in the run, in ``seen``, is
    counted as repeated: its later text replaces the earlier)."""
    latest: dict[str, ArticleResult] = {}
    for result in batch:
        article_id = result.article.id
        if article_id in seen:
            stats.repeated += 1
            log.warning("article %s comes twice in this run; the later text replaces the earlier", article_id)
            latest.pop(article_id, None)
        seen.add(article_id)
        latest[article_id] = result
    return list(latest.values())


def _save_batch(batch: Sequence[ArticleResult], store: Store, settings: Settings, rules: DedupRules,
                stats: RunStats) -> list[Event]:
    """One batch in one transaction: its articles, and (dedup) the merge of their reports into the store's
    events; returns the events to hand on."""
    from .dedup import Report, resolve

    with store.transaction():
        written = store.save_many([(r.article, () if settings.dedup else r.events) for r in batch])
        if settings.dedup:
            events = resolve([Report(e, r.article.published) for r in batch for e in r.events], rules, store)
        else:
            events = [e for r in batch for e in r.events]
    stats.stored += written
    stats.unchanged += len(batch) - written
    return events


def _merge_in_memory(results: Iterable[ArticleResult], settings: Settings, rules: DedupRules, stats: RunStats,
                     on_events: Callable[[Sequence[Event]], None] | None) -> None:
    """No store: with dedup the run's reports merged at the end, else each article's events as they come."""
    from .dedup import Report, resolve

    by_article: dict[str, list[Report]] = {}
    try:
        for result in results:
            if not settings.dedup:
                if on_events is not None:
                    on_events(result.events)
                continue
            if by_article.pop(result.article.id, None) is not None:
                stats.repeated += 1
                log.warning("article %s comes twice in this run; the later text replaces the earlier",
                            result.article.id)
            by_article[result.article.id] = [Report(event, result.article.published) for event in result.events]
    except KeyboardInterrupt:
        stats.interrupted = True
        log.warning("interrupted: merging the reports of the %d articles coded so far", len(by_article))
    if not settings.dedup:
        return
    merged = resolve([report for own in by_article.values() for report in own], rules)
    stats.merged = (stats.merged or 0) + sum(1 for e in merged if not e.background)
    if on_events is not None:
        on_events(merged)
