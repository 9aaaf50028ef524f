"""Casualty figures: number words, figure spans tied to casualty words, and their reconciliation.

Conventions (``../shared/CONTRACT.md``, "Figures"):

* "at least N" and plain "N" give N; "more than N", "nearly N", "up to N", "between N and M",
  "dozens" give None, with the qualifier (and ``raw_value``/``raw_min``/``raw_max``) kept.
* "no casualties", "no one was hurt", "no injuries" give 0 dead and 0 injured; "no one was killed"
  gives 0 dead; "no one was seriously hurt" gives 0 dead only.
* "including two children" / "among them" / "N of them" are breakdowns and are ignored by the sum.
* Within a passage the largest exact/at-least figure of each kind wins (updates only grow:
  "three killed ... later rose to four"; a "death toll" figure beats other dead figures).
* Injured includes "hospitalised" and "sought medical help" when no injured figure is given.
  Kind ``shot`` (people shot, outcome unstated) counts as injured minus the dead when nothing else
  gives the injured.
* Single victims ("Smith, 19, was killed", "a man was shot", "he died") carry a ``referent``. When no
  figure of a kind is an explicit count, the count is the number of distinct victims (``distinct_victims``:
  names by surname, indefinite phrases by head noun; pronouns and definite phrases refer back); an explicit
  count ("two people were killed", "1 dead") is preferred. ``aggregate=False`` keeps the largest figure.
* ``find_munitions`` reads drones/missiles/rockets/shells/glide bombs launched and intercepted.

Modules, in the order data flows (each imports only from those before it): ``words`` (number words and number
phrases), ``patterns`` (casualty vocabulary and patterns), ``casualties`` (``Figure``s and their referents),
``reconcile`` (figures into counts, the main incident, ``extract_casualties``) and ``munitions`` (which needs only
``words``).
"""

from __future__ import annotations

import logging

from .casualties import Figure, find_casualty_figures
from .munitions import Munition, find_munitions, summarize_munitions
from .reconcile import (
    add_casualties,
    casualties_from_figures,
    distinct_victims,
    extract_casualties,
    main_incident_figures,
    other_incident_spans,
)
from .words import number_to_words, parse_number

__all__ = [
    "Figure",
    "Munition",
    "distinct_victims",
    "find_munitions",
    "summarize_munitions",
    "casualties_from_figures",
    "add_casualties",
    "extract_casualties",
    "find_casualty_figures",
    "main_incident_figures",
    "number_to_words",
    "other_incident_spans",
    "parse_number",
]

log = logging.getLogger(__name__)
