"""Ingest: every input format -> ``Article`` records, and a ``Skipped`` with a reason for the rest.

Readers (one module each): ``read_jsonl`` (the batch contract), ``read_text``, ``read_html``
(trafilatura), ``read_feed`` (RSS/Atom, feedparser) and ``read_warc`` (warcio, streamed).
``read_inputs`` takes files, directories and globs and picks the reader by content sniffing.
``screen`` drops articles in another language (``language``) or with no conflict or diplomacy
vocabulary (``irrelevant``); ``detect_language`` and ``is_relevant`` are its two tests.
"""

from __future__ import annotations

from .common import Skipped, make_id, parse_published
from .feeds import FeedError, FeedItem, parse_feed, read_feed
from .html import Extracted, extract_html, read_html
from .jsonl import read_jsonl
from .language import LanguageGuess, LanguageIdentifier, detect_language
from .parquet import read_parquet
from .relevance import Relevance, RelevanceOptions, actors_named, is_relevant, relevance
from .screen import Assessment, ScreenOptions, assess, screen
from .sentences import Blanked, SentenceOptions, blank_sentences, sentence_spans
from .sources import expand_paths, read_file, read_inputs, sniff_format
from .text import read_text
from .warc import read_warc

__all__ = [
    "Assessment", "Blanked", "Extracted", "FeedError", "FeedItem", "LanguageGuess", "LanguageIdentifier",
    "Relevance", "RelevanceOptions", "ScreenOptions", "SentenceOptions", "Skipped", "actors_named", "assess",
    "blank_sentences", "detect_language", "expand_paths", "extract_html", "is_relevant", "make_id", "parse_feed",
    "parse_published", "read_feed", "read_file", "read_html", "read_inputs", "read_jsonl", "read_parquet",
    "read_text", "read_warc",
    "relevance", "screen", "sentence_spans", "sniff_format",
]
