"""Analytics over the store: the escalation index, spike detection, alert rules and the daily brief."""

from __future__ import annotations

from .index import Index, IndexEvent, Series, build_index, index_from_store, load_events
from .spikes import METHODS, Break, SpikeParams, detect

__all__ = [
    "METHODS", "Break", "Index", "IndexEvent", "Series", "SpikeParams", "build_index", "detect", "index_from_store",
    "load_events",
]
