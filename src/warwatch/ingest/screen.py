"""The screening stage: drop articles in another language or with no war or diplomacy content, with a reason.

``screen`` sits between the readers and the coder::

    identifier = LanguageIdentifier.load()
    for item in screen(read_inputs(paths), identifier):
        ...  # Articles that passed, and Skipped items (reasons ``language`` and ``irrelevant`` added)

``assess`` gives the full verdict for one article (its language too) without dropping anything.
``pipeline.code_articles`` calls it for every article before parsing when ``settings.screen`` is on
(the default), and with ``settings.screen_sentences`` blanks the irrelevant sentences of the kept ones
(``sentences.blank_sentences``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..models import Article
from .common import Skipped
from .language import UNDETERMINED, LanguageGuess, LanguageIdentifier
from .relevance import Relevance, RelevanceOptions, relevance

__all__ = ["Assessment", "ScreenOptions", "assess", "screen"]


@dataclass(frozen=True, slots=True)
class ScreenOptions:
    languages: tuple[str, ...] = ("en",)  # kept languages; an undetermined one ("und") is always kept
    check_language: bool = True
    check_relevance: bool = True
    relevance: RelevanceOptions = RelevanceOptions()


@dataclass(frozen=True, slots=True)
class Assessment:
    """One article's language and relevance, and the reason it would be dropped (None: kept)."""

    article: Article
    language: LanguageGuess | None
    relevance: Relevance | None
    reason: str | None  # None | "language" | "irrelevant"

    @property
    def lang(self) -> str:
        return self.language.lang if self.language is not None else UNDETERMINED

    def skipped(self) -> Skipped:
        article = self.article
        where = article.url or f"article {article.id}"
        if self.reason == "language" and self.language is not None:
            detail = f"written in {self.language.lang!r} (confidence {self.language.confidence:.2f})"
        else:
            detail = "no war or diplomacy content" + (
                f" ({self.relevance.explain()})" if self.relevance is not None else "")
        return Skipped(article.line, self.reason or "kept", f"{where}: {detail}", where)


def assess(article: Article, identifier: LanguageIdentifier | None, options: ScreenOptions | None = None
           ) -> Assessment:
    """Language first, then relevance (English or undetermined text only: the vocabulary is English)."""
    options = options or ScreenOptions()
    guess = None
    if options.check_language:
        guess = (identifier or LanguageIdentifier.load()).guess(article.text)
        if guess.lang != UNDETERMINED and guess.lang not in options.languages:
            return Assessment(article, guess, None, "language")
    english = guess is None or guess.lang in ("en", UNDETERMINED)  # the vocabulary is English
    found = relevance(article, options.relevance) if options.check_relevance and english else None
    reason = "irrelevant" if found is not None and not found.relevant else None
    return Assessment(article, guess, found, reason)


def screen(items: Iterable[Article | Skipped], identifier: LanguageIdentifier | None,
           options: ScreenOptions | None = None) -> Iterator[Article | Skipped]:
    """Pass Skipped items through; turn each dropped article into a ``Skipped``."""
    options = options or ScreenOptions()
    if options.check_language and identifier is None:
        identifier = LanguageIdentifier.load()
    for item in items:
        if isinstance(item, Skipped):
            yield item
            continue
        verdict = assess(item, identifier, options)
        yield item if verdict.reason is None else verdict.skipped()
