"""The attribute ruler and the lemmatizer of the English pipeline by cached look-ups: the same output, faster.

The attribute ruler:

spaCy's ``AttributeRuler`` runs a ``Matcher`` of about 180 token patterns over every document, then sets each
match's attributes (POS, MORPH, LEMMA, ...) one ``Span`` at a time: on news text it costs more than the
dependency parser. Its patterns test only the token's TAG, LOWER, DEP and IS_SPACE (and, in a few two-token
patterns, the next token's), and the rules apply in pattern order, later ones winning. So the attributes a
token gets depend only on those four values and its neighbour's: ``FastAttributeRuler`` reads the original
ruler's patterns once, and for each token looks up the merged attributes of the one-token
patterns that match its key (computed once per distinct key, then cached), then applies the two-token
patterns that match around it, all in the original order. ``tests/test_attributes.py`` compares every token
attribute with the original ruler's on real text.

A pattern using any other attribute or operator makes ``FastAttributeRuler.from_patterns`` raise
``UnsupportedPattern``; ``nlp.load_pipeline`` then keeps spaCy's ruler.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs
from spacy.vocab import Vocab

__all__ = ["FastAttributeRuler", "FastLemmatizer", "UnsupportedPattern"]

log = logging.getLogger(__name__)

# (tag_, lower_, dep_, is_space): everything the patterns look at
Key = tuple[str, str, str, bool]
_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_CACHE_LIMIT = 200_000  # distinct token keys remembered (a long stream has more: the cache starts over)


class UnsupportedPattern(ValueError):
    """A pattern tests something the fast ruler does not read: keep spaCy's ruler."""


def _test(field: int, spec: Any) -> Callable[[Key], bool]:
    """One pattern condition as a test of a token key (the Matcher's semantics for these operators)."""
    if not isinstance(spec, dict):
        return lambda key: key[field] == spec
    if len(spec) != 1:
        raise UnsupportedPattern(f"condition {spec!r}")
    ((op, value),) = spec.items()
    if op == "IN":
        allowed = frozenset(value)
        return lambda key: key[field] in allowed
    if op == "NOT_IN":
        banned = frozenset(value)
        return lambda key: key[field] not in banned
    if op == "REGEX" and isinstance(value, str):
        regex = re.compile(value)
        return lambda key: regex.search(str(key[field])) is not None
    raise UnsupportedPattern(f"operator {op!r}")


def _token_test(spec: dict[str, Any]) -> Callable[[Key], bool]:
    tests = []
    for name, value in spec.items():
        if name not in _FIELDS:
            raise UnsupportedPattern(f"attribute {name!r}")
        tests.append(_test(_FIELDS[name], value))
    return lambda key: all(test(key) for test in tests)


def _anchors(spec: dict[str, Any]) -> frozenset[tuple[int, str]] | None:
    """Values of which a matching token must have one (an equality or ``IN`` on LOWER, else on TAG), so a rule
    is tried only on tokens that have one; None: no such condition, the rule is tried on every token."""
    for name in ("LOWER", "TAG"):
        value, field = spec.get(name), _FIELDS[name]
        if isinstance(value, str):
            return frozenset({(field, value)})
        if isinstance(value, dict) and set(value) == {"IN"}:
            return frozenset((field, v) for v in value["IN"])
    return None


class _Index:
    """Token tests, numbered in the order added, found for a key by its LOWER and TAG before they are run."""

    def __init__(self) -> None:
        self.tests: list[Callable[[Key], bool]] = []
        self.by_anchor: dict[tuple[int, str], list[int]] = {}
        self.general: list[int] = []

    def add(self, spec: dict[str, Any]) -> int:
        n = len(self.tests)
        self.tests.append(_token_test(spec))
        anchors = _anchors(spec)
        if anchors is None:
            self.general.append(n)
        for anchor in anchors or ():
            self.by_anchor.setdefault(anchor, []).append(n)
        return n

    def matching(self, key: Key) -> tuple[int, ...]:
        """The numbers of the tests ``key`` passes, in order."""
        candidates = {*self.general, *self.by_anchor.get((0, key[0]), ()), *self.by_anchor.get((1, key[1]), ())}
        return tuple(n for n in sorted(candidates) if self.tests[n](key))


@dataclass(frozen=True, slots=True)
class _Entry:
    """A token key's one-token rules (in order) and the two-token patterns it can start or end."""

    rules: tuple[int, ...]
    firsts: tuple[int, ...]  # indices into ``_pairs``
    seconds: frozenset[int]


def _key(token: Token) -> Key:
    return token.tag_, token.lower_, token.dep_, token.is_space


class FastAttributeRuler:
    """What spaCy's ``AttributeRuler`` sets, by cached look-ups (see the module doc)."""

    def __init__(self, name: str = "attribute_ruler") -> None:
        self.name = name
        self._single = _Index()  # one-token patterns
        self._single_rule: list[int] = []  # their rule numbers (non-decreasing)
        self._firsts = _Index()  # two-token patterns: the first token's test, the second's, in step
        self._seconds = _Index()
        self._pairs: list[tuple[int, int]] = []  # (rule number, index of the token set: 0 or 1)
        self._attrs: list[dict[int, Any]] = []
        self._cache: dict[tuple[int, int, int, bool], _Entry] = {}
        self._entries: dict[_Entry, _Entry] = {}  # one copy of each distinct entry
        self._merged_cache: dict[tuple[int, ...], dict[int, Any]] = {}

    @classmethod
    def from_patterns(cls, vocab: Vocab, patterns: Iterable[dict[str, Any]], name: str = "attribute_ruler"
                      ) -> FastAttributeRuler:
        """The rules of an ``AttributeRuler`` given its ``patterns`` (``ruler.patterns``), in order."""
        fast = cls(name)
        for rule, entry in enumerate(patterns):
            index = entry.get("index", 0)
            fast._attrs.append(normalize_token_attrs(vocab, entry["attrs"]))
            for pattern in entry["patterns"]:
                if not isinstance(pattern, list):
                    raise UnsupportedPattern(f"phrase pattern {pattern!r}")
                if len(pattern) == 1 and index in (0, -1):
                    fast._single.add(pattern[0])
                    fast._single_rule.append(rule)
                elif len(pattern) == 2 and index in (0, 1, -1, -2):
                    fast._firsts.add(pattern[0])
                    fast._seconds.add(pattern[1])
                    fast._pairs.append((rule, index % 2))
                else:
                    raise UnsupportedPattern(f"pattern {pattern!r} with index {index}")
        return fast

    def _entry(self, token: Token) -> _Entry:
        """What the rules say of ``token`` alone (cached by its key's ids; the cache is bounded)."""
        ids = (token.tag, token.lower, token.dep, token.is_space)
        found = self._cache.get(ids)
        if found is None:
            key = _key(token)
            rules = tuple(dict.fromkeys(self._single_rule[n] for n in self._single.matching(key)))
            entry = _Entry(rules, self._firsts.matching(key), frozenset(self._seconds.matching(key)))
            found = self._entries.setdefault(entry, entry)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[ids] = found
        return found

    def _merged(self, rules: tuple[int, ...]) -> dict[int, Any]:
        """The attributes of ``rules`` applied in order, as one dict (a later rule wins); cached."""
        merged = self._merged_cache.get(rules)
        if merged is None:
            merged = {}
            for rule in rules:
                merged.update(self._attrs[rule])
            self._merged_cache[rules] = merged
        return merged

    def __call__(self, doc: Doc) -> Doc:
        entries = [self._entry(token) for token in doc]
        extra: dict[int, set[int]] = {}
        for i, entry in enumerate(entries[:-1]):
            for n in entry.firsts:
                if n in entries[i + 1].seconds:
                    rule, index = self._pairs[n]
                    extra.setdefault(i + index, set()).add(rule)
        for token, entry in zip(doc, entries, strict=True):
            if token.i in extra:
                set_token_attrs(token, self._merged(tuple(sorted({*entry.rules, *extra[token.i]}))))
            elif entry.rules:
                set_token_attrs(token, self._merged(entry.rules))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("warwatch_attribute_ruler", default_config={"patterns": []})
def make_fast_attribute_ruler(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> FastAttributeRuler:
    """The fast ruler over ``patterns``: ``nlp.load_pipeline`` passes those of the pipeline's ``AttributeRuler``."""
    return FastAttributeRuler.from_patterns(nlp.vocab, patterns, name)


class FastLemmatizer:
    """spaCy's rule lemmatizer with its answer cached per (ORTH, POS, MORPH), read and written as arrays.

    The rule lemmatizer's answer depends only on the token's text, coarse tag and morphology, but it caches
    only some answers and reads each token through Python objects. This reads the three columns with
    ``Doc.to_array``, asks the wrapped lemmatizer once per distinct triple and writes the LEMMA column back
    with ``Doc.from_array``: the same lemmas (a lemma the attribute ruler set is kept, as spaCy does).
    """

    def __init__(self, lemmatizer: Any, name: str = "lemmatizer") -> None:
        self.name = name
        self.lemmatizer = lemmatizer
        self.overwrite = bool(getattr(lemmatizer, "overwrite", False))
        self._cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        cache, strings = self._cache, doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not self.overwrite:
                continue
            found = cache.get((orth, pos, morph))
            if found is None:
                found = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                cache[(orth, pos, morph)] = found
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]  # a column of uint64, as to_array gave
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("warwatch_lemmatizer", default_config={"source": "lemmatizer"})
def make_fast_lemmatizer(nlp: Language, name: str, source: str) -> FastLemmatizer:
    """A ``FastLemmatizer`` over the pipeline's component ``source`` (added next to it, which is then removed)."""
    return FastLemmatizer(nlp.get_pipe(source), name)
