"""The pipeline: a stream of articles (and skipped lines) through spaCy and the coder, in batches.

``code_articles`` is the product: it yields one ``ArticleResult`` per good article, in input order,
calling ``on_skip`` for every bad line. Memory stays flat: nothing holds the whole corpus.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from spacy.language import Language

from .actors import ActorLexicon
from .coder import ArticleResult, Coder
from .ingest import LanguageIdentifier, ScreenOptions, Skipped, assess, blank_sentences
from .models import Article, Event
from .places import Gazetteer, ensure_gazetteer
from .settings import Settings

if TYPE_CHECKING:
    from .dedup import DedupRules
    from .store import Store

__all__ = ["Resources", "RunStats", "code_articles", "load_resources", "save_results"]

log = logging.getLogger(__name__)


@dataclass
class RunStats:
    """What a run did, for the one-line summary on stderr."""

    read: int = 0
    coded: int = 0
    events: int = 0
    background: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    truncated: int = 0
    stored: int = 0
    unchanged: int = 0
    reports: int = 0  # news events as coded per article, before deduplication merged them
    blanked: int = 0  # sentences of kept articles the sentence screen left out of the parse
    repeated: int = 0  # articles whose id came again later in the run: the later text replaced them
    interrupted: bool = False  # a KeyboardInterrupt stopped the reading; what was coded was merged and saved

    def summary(self) -> str:
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(self.skipped.items()))
        parts = [
            f"articles read {self.read}",
            f"coded {self.coded}",
            f"skipped {skipped}" + (f" ({reasons})" if reasons else ""),
            f"events written {self.events} ({self.background} background)",
        ]
        if self.reports and self.reports != self.events:
            parts.append(f"merged from {self.reports} reports")
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
    from .classifier import CategoryClassifier
    from .sentence_model import Combination, SentenceModel, Veto

    classifier = CategoryClassifier.load() if settings.classifier else None
    model = SentenceModel.load() if settings.sentence_model else None
    veto = Veto(settings.model_veto_below, settings.model_happened_below)
    identifier = LanguageIdentifier.load() if settings.screen else None
    combination = Combination(propose=settings.model_proposes, confirm_weak=settings.model_confirms_weak)
    coder = Coder(gazetteer, ActorLexicon.load(nlp.vocab), classifier, model, veto, combination)
    coder.office_roles = settings.office_roles
    return Resources(nlp=nlp, coder=coder, identifier=identifier)


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
) -> list[Event]:
    """Store coded articles and their events: what ``warwatch code``, ``warwatch watch`` and ``POST /articles``
    all run after ``code_articles``.

    With ``settings.dedup`` the run's reports are held (not the texts) and, at the end, merged with each
    other and with the store's events (``dedup.resolve``): the merged events are returned. Each article is
    saved with its reports as *pending* in one transaction, and the merge deletes them in its own, so a
    process killed at any moment loses nothing: the next run on the store merges what was left pending.
    Without dedup each article's events are saved with it (one transaction) and handed to ``on_events`` as
    they come; nothing is kept, so the returned list is empty.

    A ``KeyboardInterrupt`` (Ctrl-C, or SIGTERM as the CLI maps it) while the articles are read stops the
    reading: what was coded so far is merged, saved and returned, and ``stats.interrupted`` is set.

    An article id that comes again later in the run replaces the earlier article, in the store (``Store.save``)
    and in the merge alike, so every event's evidence offsets point into the stored text.
    """
    from .dedup import Report, resolve

    by_article: dict[str, list[Report]] = {}
    try:
        for result in results:
            own = [Report(event, result.article.published) for event in result.events] if settings.dedup else []
            if settings.dedup:
                if by_article.pop(result.article.id, None) is not None:
                    stats.repeated += 1
                    log.warning("article %s comes twice in this run; the later text replaces the earlier",
                                result.article.id)
                by_article[result.article.id] = own
            if not settings.dedup and on_events is not None:
                on_events(result.events)
            if store is not None:
                if store.save(result.article, () if settings.dedup else result.events, pending=own):
                    stats.stored += 1
                else:
                    stats.unchanged += 1
    except KeyboardInterrupt:
        stats.interrupted = True
        log.warning("interrupted: merging and saving the reports of the %d articles coded so far", len(by_article))
    if not settings.dedup:
        return []
    reports = [report for own in by_article.values() for report in own]
    merged = resolve(reports, rules, store)
    stats.reports = stats.events
    stats.events = sum(1 for e in merged if not e.background)
    return merged
