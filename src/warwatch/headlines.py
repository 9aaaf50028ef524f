"""Headline verbs: a headline's present-tense verb that the tagger took for a noun.

Headlines drop articles and auxiliaries and tell past acts in the present tense ("Pakistan rejects India's
claims", "US sanctions Houthi leaders", "Russian missiles rock Kyiv"). spaCy's small model, trained on full
sentences, often reads such a verb as a plural or proper noun ("sanctions/NNS", "Denies/NNPS", "rock/NN"), above
all in title case, and the headline then has no verb: its act is missed or its roles are read from a noun phrase.

A headline here is the first sentence of a text (a line with no full stop) that has no finite verb heading a
clause. Its candidates are words that can be verbs (the lemmatizer's verb index) right after a noun that can end
a subject: a form with -s after a subject, a bare form after a plural or coordinated subject ("Armenia and
Azerbaijan exchange POWs"). The one the tagger scores most likely as a verb is put in the past tense, which no
noun reading shares ("sanctioned"), the line is parsed again, and, when the new parse makes that word the root
verb with a subject, the headline takes the new parse with the word as a present-tense verb (trying the next
likeliest too cost recipients on the sealed set). A plural after a common noun and before a preposition heads a
noun phrase ("Border talks in Lima"). A title-case headline is read with its capitalised words in lower case (its
names keep their tags). The text is never changed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

__all__ = ["HeadlineVerbs", "headline_of"]

log = logging.getLogger(__name__)

_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_CLAUSE_HEADS = {"ROOT", "conj", "ccomp", "advcl", "relcl", "parataxis", "xcomp", "csubj"}
_NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS"}
_SUBJECT_ENDS = _NOUN_TAGS | {"CD", "PRP"}  # "Russia's Putin issues", "UN chief urges", "Ukraine, Russia sign"
_CANDIDATE_TAGS = _NOUN_TAGS | {"VBZ", "VBP", "VB", "JJ"}
_MAX_TOKENS = 30
_END_MARKS = {".", "?", "!"}
_VERB_TAGS = ("VBZ", "VBP", "VB", "VBD")
_NOUN_GOES_ON = {"IN", "TO", ",", ".", ":", "HYPH"}


@dataclass(frozen=True, slots=True)
class _Candidate:
    token: Token
    base: str
    past: str


def _title_case(sent: Span) -> bool:
    """"Pakistan Rejects India's Claims Of Infiltration": most words, small ones too, start with a capital."""
    words = [t for t in sent if t.is_alpha and not t.is_upper]  # "EU", "RSF" tell nothing
    capital = [t for t in words if t.text[0].isupper()]
    return len(words) >= 4 and len(capital) >= 0.75 * len(words)


def _sentence_case(sent: Span) -> str:
    """The headline with its capitalised words in lower case but the first ("U.S.", "RSF" are kept)."""
    return "".join((t.lower_ if t.i > sent.start and t.is_title and t.is_alpha else t.text) + t.whitespace_
                   for t in sent)


def _has_verb(doc: Doc, verb: Token | None = None) -> bool:
    """The parse has a finite root verb (``verb`` when given) with a subject before it."""
    roots = [verb] if verb is not None else [t for t in doc if t.dep_ == "ROOT" and t.tag_ in _FINITE]
    return any(r.dep_ == "ROOT" and r.pos_ in {"VERB", "AUX"} and any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.i < r.i for c in r.children) for r in roots)


def headline_of(doc: Doc) -> Span | None:
    """The first sentence of ``doc`` when it reads as a headline with no verb: a line without a full stop
    and with no finite verb heading a clause."""
    words = [t for t in doc if not t.is_space]
    if not words:
        return None
    sent = words[0].sent
    tokens = [t for t in sent if not t.is_space]
    if len(tokens) < 3 or len(tokens) > _MAX_TOKENS or tokens[-1].text in _END_MARKS:
        return None
    if any(t.tag_ in _FINITE and t.dep_ in _CLAUSE_HEADS for t in tokens):
        return None
    return sent


class HeadlineVerbs:
    """The pipeline component (see the module doc). ``nlp`` is the pipeline it runs in: its tagger scores the
    candidates and its tagger and parser read the line again."""

    def __init__(self, nlp: Language, name: str = "warwatch_headline_verbs") -> None:
        self.nlp = nlp
        self.name = name
        lemmatizer = nlp.get_pipe("lemmatizer")
        lookups = getattr(lemmatizer, "lemmatizer", lemmatizer).lookups  # type: ignore[union-attr]  # FastLemmatizer wraps it
        self.verbs: set[str] = set(lookups.get_table("lemma_index")["verb"])
        self.irregular: dict[str, str] = {}
        for form, lemmas in lookups.get_table("lemma_exc")["verb"].items():
            for lemma in lemmas:  # "struck" -> strike; a participle in -en is no past tense ("stricken")
                if not form.endswith("en") and form != lemma and not form.endswith(("s", "ing")):
                    self.irregular.setdefault(lemma, form)

    def __call__(self, doc: Doc) -> Doc:
        sent = headline_of(doc)
        if sent is None:
            return doc
        titled = _title_case(sent)
        text = _sentence_case(sent) if titled else sent.text
        probe = self._parse(text) if titled else sent.as_doc()
        if len(probe) != len(sent):
            return doc
        if titled and _has_verb(probe):  # "russia strikes ukraine's power grid": read once out of title case
            self._adopt(doc, sent, probe, None, titled)
            return doc
        candidates = self._candidates(probe[:])
        if not candidates:
            return doc
        scores = self._verb_scores(probe)
        best = max(candidates, key=lambda c: scores[c.token.i])
        offset = best.token.idx
        again = self._parse(text[:offset] + best.past + text[offset + len(best.token.text):])
        if len(again) == len(sent) and _has_verb(again, again[best.token.i]):
            self._adopt(doc, sent, again, best, titled)
        return doc

    def _parse(self, text: str) -> Doc:
        """``text`` read by the pipeline's tagger, parser and lemmatizer (not the entity recogniser, not this)."""
        again = self.nlp.make_doc(text)
        for name, component in self.nlp.pipeline:
            if name not in {self.name, "ner"}:
                again = component(again)
        return again

    def _adopt(self, doc: Doc, sent: Span, parse: Doc, verb: _Candidate | None, titled: bool) -> None:
        """Give the headline ``sent`` of ``doc`` the tree of ``parse`` (a reading of the same tokens), with its
        verb as a present-tense verb. A title-case headline read in lower case keeps its own tags (its names
        are proper nouns), but for the verb."""
        attrs = [HEAD, DEP, TAG, POS, LEMMA]
        whole = numpy.asarray(doc.to_array(attrs), dtype="uint64")
        part = numpy.asarray(parse.to_array(attrs), dtype="uint64")
        columns = slice(0, 2) if titled else slice(0, 5)
        whole[sent.start:sent.end, columns] = part[:, columns]
        strings = doc.vocab.strings
        for t in parse:
            if t.dep_ == "ROOT" and t.tag_ in _FINITE - {"MD"}:
                i = sent.start + t.i
                whole[i, 2] = strings.add("VBZ" if doc[i].lower_.endswith("s") else "VBP")
                whole[i, 3] = strings.add("VERB")
                whole[i, 4] = strings.add(verb.base if verb is not None and verb.token.i == t.i else t.lemma_)
        doc.from_array(attrs, whole)  # type: ignore[arg-type]  # uint64 columns, as to_array gave
        log.debug("headline verb read in %r", sent.text)

    def _base(self, word: str) -> tuple[str, bool] | None:
        """The verb a word can be in the present tense, and whether it has the -s of a singular subject."""
        lower = word.lower()
        if lower.endswith("ies") and lower[:-3] + "y" in self.verbs:
            return lower[:-3] + "y", True
        if lower.endswith("es") and lower[:-2] in self.verbs and lower[-3] in "hsxz":
            return lower[:-2], True  # "launches", "pushes"
        if lower.endswith("s") and not lower.endswith("ss") and lower[:-1] in self.verbs:
            return lower[:-1], True
        if lower in self.verbs and (not lower.endswith("s") or lower.endswith("ss")):  # "dismiss"
            return lower, False
        return None

    def _past(self, base: str, word: str) -> str:
        past = self.irregular.get(base)
        if past is None:
            if base.endswith("e"):
                past = base + "d"
            elif base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
                past = base[:-1] + "ied"
            else:
                past = base + "ed"
        if word.isupper():
            return past.upper()
        return past[:1].upper() + past[1:] if word[:1].isupper() else past

    def _candidates(self, sent: Span) -> list[_Candidate]:
        out: list[_Candidate] = []
        start = sent.start
        for t in sent:
            if t.text == ":":  # "Sudan: RSF denies ...": the subject starts after the label
                start = t.i + 1
                continue
            if t.i - start < 1 or not t.is_alpha or t.tag_ not in _CANDIDATE_TAGS:
                continue
            found = self._base(t.text)
            if found is None:
                continue
            base, singular = found
            before = t.doc[t.i - 1]
            if before.tag_ not in _SUBJECT_ENDS:
                continue
            subject = t.doc[start:t.i]
            plural = any(s.tag_ in {"NNS", "NNPS"} or (s.tag_ == "NNP" and s.lower_.endswith("s"))
                         or s.lower_ in {"and", ","} for s in subject)
            if not singular and not plural:
                continue
            after = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if singular and before.tag_ in {"NN", "NNS"} and (after is None or after.is_space or
                                                              after.tag_ in _NOUN_GOES_ON):
                continue  # "Border talks in Lima", "Peace talks": a noun phrase's plural head, no verb
            out.append(_Candidate(t, base, self._past(base, t.text)))
        return out

    def _verb_scores(self, doc: Doc) -> list[float]:
        """The tagger's log-probability that each token of ``doc`` is a verb."""
        tagger = self.nlp.get_pipe("tagger")
        scores = numpy.asarray(tagger.model.predict([doc])[0], dtype="float64")  # type: ignore[attr-defined]
        labels = list(tagger.labels)  # type: ignore[attr-defined]
        verbs = [labels.index(tag) for tag in _VERB_TAGS if tag in labels]
        top = scores.max(axis=1, keepdims=True)
        odds = numpy.exp(scores - top)
        return [float(v) for v in numpy.log(odds[:, verbs].sum(axis=1)) - numpy.log(odds.sum(axis=1))]

@Language.factory("warwatch_headline_verbs")
def make_headline_verbs(nlp: Language, name: str) -> HeadlineVerbs:
    return HeadlineVerbs(nlp, name)
