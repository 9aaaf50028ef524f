"""Trigger patterns: the declared data that says which words, in which dependency frame, report which event.

The patterns live in ``data/patterns/triggers.jsonl``, one JSON object a line (the schema is in
``data/patterns/README.md``); the named word lists and regular expressions they refer to with ``@NAME`` are in
``data/patterns/wordsets.json``. This module reads them once and matches a token against them:

* ``frame`` patterns (multi-word constructions, in file order, the first that matches wins), then the
  ``lexicon-frame`` patterns (phrase patterns of the CAMEO dictionary), then
* ``table`` and ``lexicon`` patterns (one lemma and part of speech each; the hand-written table wins over the
  generated lexicon, which ``scripts/build_patterns.py`` writes from PETRARCH2's CAMEO verb dictionary and the
  CAMEO-to-PLOVER table).

A frame may name a ``construction``: a general mechanism that needs code (the category of a promise is the
category of what is promised); those few live in ``events.py``. Everything else is data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from spacy.tokens import Token

__all__ = ["Pattern", "PatternSet", "load_patterns", "TABLE_POS"]

# the part-of-speech classes of table patterns: "verb" is a verb or a participle used as an adjective
TABLE_POS: dict[str, Callable[[Token], bool]] = {
    "verb": lambda t: t.pos_ in {"VERB", "AUX"} or (t.pos_ == "ADJ" and t.tag_ == "VBN"),
    "noun": lambda t: t.pos_ in {"NOUN", "PROPN"},
}
_SPEC_KEYS = {"lemma", "lower", "pos", "tag", "dep", "head", "child", "no_child", "subtree", "subtree_text",
              "objects", "sentence", "ancestors", "within"}
_SECTIONS = ("frame", "lexicon-frame", "table", "lexicon")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One declared trigger: see data/patterns/README.md for the fields."""

    id: str
    section: str
    lemmas: tuple[str, ...]
    pos: str | tuple[str, ...] | None
    category: str  # a PLOVER category, or NONE: the frame says the word is no event here
    mode: str | None
    weak: bool
    rule: str
    source: str
    example: str
    frame: dict[str, Any] = field(default_factory=dict)
    construction: str | None = None
    match: str = "lemma"  # table patterns: "lower" matches the word form only


class _Words:
    """The named word sets and regular expressions of wordsets.json, and the table categories ``@verb:ASSAULT``."""

    def __init__(self, data: dict[str, Any], tables: dict[str, dict[str, Pattern]]) -> None:
        self.sets = {name: frozenset(words) for name, words in data["sets"].items()}
        self.regexes = {name: re.compile(rx, re.I) for name, rx in data["regexes"].items()}
        self.tables = tables

    def words(self, values: Iterable[str]) -> frozenset[str]:
        out: set[str] = set()
        for value in values:
            if value.startswith("@") and ":" in value:
                pos, category = value[1:].split(":", 1)
                table = self.tables[pos]
                if category.startswith("-"):
                    out |= {k for k, p in table.items() if p.category != category[1:]}
                else:
                    out |= {k for k, p in table.items() if p.category == category}
            elif value.startswith("@"):
                out |= self.sets[value[1:]]
            else:
                out.add(value)
        return frozenset(out)

    def regex(self, value: str) -> re.Pattern[str]:
        return self.regexes[value[1:]] if value.startswith("@") else re.compile(value, re.I)


class _Spec:
    """A compiled token description: all its conditions hold for the token."""

    __slots__ = ("ancestors", "child", "dep", "head", "lemma", "lower", "no_child", "objects", "pos", "sentence",
                 "subtree", "subtree_text", "tag", "within")

    def __init__(self, spec: dict[str, Any], words: _Words) -> None:
        unknown = set(spec) - _SPEC_KEYS
        if unknown:
            raise ValueError(f"unknown frame keys {sorted(unknown)}")
        self.lemma = words.words(spec["lemma"]) if "lemma" in spec else None
        self.lower = words.words(spec["lower"]) if "lower" in spec else None
        self.pos = frozenset(spec["pos"]) if "pos" in spec else None
        self.tag = frozenset(spec["tag"]) if "tag" in spec else None
        self.dep = frozenset(spec["dep"]) if "dep" in spec else None
        self.head = _Spec(spec["head"], words) if "head" in spec else None
        self.child = tuple(_Spec(c, words) for c in spec.get("child", ()))
        self.no_child = tuple(_Spec(c, words) for c in spec.get("no_child", ()))
        self.subtree = _Spec(spec["subtree"], words) if "subtree" in spec else None
        self.subtree_text = words.regex(spec["subtree_text"]) if "subtree_text" in spec else None
        self.objects = words.regex(spec["objects"]) if "objects" in spec else None
        self.sentence = words.regex(spec["sentence"]) if "sentence" in spec else None
        self.ancestors = _Spec(spec["ancestors"], words) if "ancestors" in spec else None
        self.within = int(spec.get("within", 0))

    def matches(self, token: Token, found: list[Token] | None = None) -> bool:
        """Whether ``token`` fits; ``found`` collects the tokens that matched the ``child`` specs, in order."""
        if self.lemma is not None and token.lemma_.lower() not in self.lemma:
            return False
        if self.lower is not None and token.lower_ not in self.lower:
            return False
        if self.pos is not None and token.pos_ not in self.pos:
            return False
        if self.tag is not None and token.tag_ not in self.tag:
            return False
        if self.dep is not None and token.dep_ not in self.dep:
            return False
        if self.head is not None and not self.head.matches(token.head):
            return False
        for spec in self.child:
            hit = next((c for c in token.children if spec.matches(c)), None)
            if hit is None:
                return False
            if found is not None:
                found.append(hit)
        if any(spec.matches(c) for spec in self.no_child for c in token.children):
            return False
        if self.subtree is not None and not any(self.subtree.matches(t) for t in token.subtree):
            return False
        if self.subtree_text is not None and not self.subtree_text.search(" ".join(t.lower_ for t in token.subtree)):
            return False
        if self.objects is not None and not self.objects.search(
                " ".join(t.lower_ for c in token.children if c.dep_ == "dobj" for t in c.subtree)):
            return False
        if self.sentence is not None and not self.sentence.search(token.sent.text):
            return False
        if self.ancestors is not None and not any(
                self.ancestors.matches(a) for a in list(token.ancestors)[: self.ancestors.within or None]):
            return False
        return True


@dataclass(frozen=True, slots=True)
class Match:
    """A pattern that fits a token, with the rule name it gives (``verb:shell``, ``verb:stage protest``)."""

    pattern: Pattern
    rule: str


class PatternSet:
    """All trigger patterns, indexed by lemma."""

    def __init__(self, patterns: list[Pattern], wordsets: dict[str, Any]) -> None:
        self.patterns = patterns
        self.tables: dict[str, dict[str, Pattern]] = {"verb": {}, "noun": {}}
        self.lower_only: dict[str, dict[str, Pattern]] = {"verb": {}, "noun": {}}
        for section in ("table", "lexicon"):  # the hand-written table wins over the generated lexicon
            for p in patterns:
                if p.section != section:
                    continue
                assert isinstance(p.pos, str), p.id
                index = self.lower_only if p.match == "lower" else self.tables
                for lemma in p.lemmas:
                    index[p.pos].setdefault(lemma, p)
        self.words = _Words(wordsets, self.tables)
        self.frames: list[tuple[Pattern, frozenset[str] | None, _Spec]] = []
        frames = [p for p in patterns if p.section == "frame"] + [p for p in patterns if p.section == "lexicon-frame"]
        for p in frames:
            lemmas = None if p.lemmas == ("*",) else self.words.words(p.lemmas)
            spec = dict(p.frame)
            if isinstance(p.pos, list | tuple):
                spec["pos"] = list(p.pos)
            self.frames.append((p, lemmas, _Spec(spec, self.words)))

    def by_id(self, pattern_id: str) -> Pattern:
        return next(p for p in self.patterns if p.id == pattern_id)

    def table(self, pos: str, lemma: str) -> Pattern | None:
        """The table (or lexicon) pattern of a lemma, ``pos`` being "verb" or "noun"."""
        return self.tables[pos].get(lemma)

    @cache  # noqa: B019 - one pattern set per process
    def _frames_for(self, lemma: str) -> tuple[tuple[Pattern, _Spec], ...]:
        return tuple((p, spec) for p, lemmas, spec in self.frames if lemmas is None or lemma in lemmas)

    def frames_for(self, token: Token) -> Iterable[Match]:
        """The frame patterns that fit ``token``, in file order."""
        lemma = token.lemma_.lower()
        for p, spec in self._frames_for(lemma):
            if p.pos == "verb" and not TABLE_POS["verb"](token) or p.pos == "noun" and not TABLE_POS["noun"](token):
                continue
            found: list[Token] = []
            if spec.matches(token, found):
                yield Match(p, _rule(p.rule, token, found))

    def table_match(self, token: Token) -> Match | None:
        """The one-word trigger of ``token``: its lemma in the verb or noun table (a noun also by its form)."""
        lemma = token.lemma_.lower()
        if TABLE_POS["verb"](token):
            p = self.tables["verb"].get(lemma)
        elif TABLE_POS["noun"](token):
            p = (self.tables["noun"].get(lemma) or self.tables["noun"].get(token.lower_)
                 or self.lower_only["noun"].get(token.lower_))
        else:
            return None
        return Match(p, _rule(p.rule, token, [])) if p is not None else None


def _rule(template: str, token: Token, found: list[Token]) -> str:
    if "{" not in template:
        return template
    values = {"lemma": token.lemma_.lower(), "pos": token.pos_.lower()}
    values |= {f"c{i}": t.lemma_.lower() for i, t in enumerate(found)}
    return template.format(**values)


def _pattern(record: dict[str, Any]) -> Pattern:
    if record["section"] not in _SECTIONS:
        raise ValueError(f"{record['id']}: unknown section {record['section']!r}")
    pos = record.get("pos")
    return Pattern(
        id=record["id"], section=record["section"], lemmas=tuple(record["lemma"]),
        pos=tuple(pos) if isinstance(pos, list) else pos, category=record["category"], mode=record.get("mode"),
        weak=bool(record.get("weak", False)), rule=record["rule"], source=record.get("source", ""),
        example=record.get("example", ""), frame=record.get("frame") or {}, construction=record.get("construction"),
        match=record.get("match", "lemma"),
    )


def read_patterns(text: str) -> list[Pattern]:
    """Patterns from the text of a triggers.jsonl file (blank lines and ``#`` lines skipped)."""
    return [_pattern(json.loads(line)) for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def load_patterns() -> PatternSet:
    """The packaged pattern set, read once."""
    folder = resources.files("warwatch") / "data" / "patterns"
    patterns = read_patterns((folder / "triggers.jsonl").read_text(encoding="utf-8"))
    wordsets = json.loads((folder / "wordsets.json").read_text(encoding="utf-8"))
    return PatternSet(patterns, wordsets)
