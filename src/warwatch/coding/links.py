"""Links to other stories inside an article's text ("Read also: ...", "RELATED: ..."): their spans, so that the
coder neither codes their headlines nor gives their figures to the article's own happenings."""

from __future__ import annotations

import re

from spacy.tokens import Span

# "Read also: Shelling of the region leaves five wounded", "RELATED: ...": a link to another story, not this one's text
_STORY_LINK = re.compile(r"^\W*(?:(?:read|see)\s+(?:also|more)|also\s+read|related(?:\s+(?:news|stories|articles?))?"
                         r"|more\s+on\s+this)\s*:", re.I)
# A link's label wherever a line or a sentence starts ("...,\" Mrochko wrote. Read also: Invaders shell Kherson region,
# civilian killed"): the link runs to the end of its line
_LINK_LABEL = re.compile(r"(?:^|(?<=\n)|(?<=[.!?\"”’)]))[^\w\n]*(?:(?:read|see)\s+(?:also|more)|also\s+read"
                         r"|related(?:\s+(?:news|stories|articles?))?|more\s+on\s+this)[ \t]*:", re.I)
# the rest of a link's headline when the page broke it into lines ("Read also: Russians hit Kostiantynivka\n– three
# people killed\n, five injured"): a line that starts with a dash, a comma or a small letter, or has no word at all
_LINK_TAIL = re.compile(r"[ \t]*(?:[–—,;-]|[a-z]|[^\w\n]*(?:\n|$))")
_HEADLINE_END = re.compile(r"[.!?][\"”’]?(?=\s)|\s(?=[\"“])")


def _own_line(sentence: Span) -> bool:
    """The sentence is a line of its own (a link line), not glued to the article's next sentence."""
    after = sentence.doc.text[sentence.end_char:sentence.end_char + 1]
    return "\n" in sentence.text.strip(" ") or after in {"", "\n", "\r"}


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def link_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are links to other stories: a label ("Read also:", "RELATED:") to the end of its line,
    the next line when the label stands alone ("READ ALSO:\nFour killed as drones hit Sumy"), and the lines that go on
    with the link's headline when the page broke it ("\n– three people killed\n, five injured")."""
    spans: list[tuple[int, int]] = []
    for m in _LINK_LABEL.finditer(text):
        end = _line_end(text, m.end())
        if m.start() > 0 and text[m.start() - 1] != "\n":  # a label inside a line: its headline ends where a
            stop = _HEADLINE_END.search(text, m.end(), end)  # sentence or a quotation starts
            if stop:
                spans.append((m.start(), stop.start()))
                continue
        if not text[m.end():end].strip() and end < len(text):  # a bare label: its headline is the next line
            end = _line_end(text, end + 1)
        while end < len(text) and _LINK_TAIL.match(text, end + 1):
            end = _line_end(text, end + 1)
        spans.append((m.start(), end))
    return spans


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= at < b for a, b in spans)


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with ``spans`` blanked (offsets kept)."""
    for a, b in spans:
        text = text[:a] + re.sub(r"[^\n]", " ", text[a:b]) + text[b:]
    return text
