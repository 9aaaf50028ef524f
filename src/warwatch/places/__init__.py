"""Place finding: the offline gazetteer and the toponym tagger/resolver."""

from .gazetteer import (
    BuildStats,
    Candidate,
    Gazetteer,
    build_gazetteer,
    default_gazetteer_path,
    ensure_gazetteer,
    normalize_name,
)
from .toponyms import find_toponyms, geoparse_rows

__all__ = [
    "BuildStats",
    "Candidate",
    "Gazetteer",
    "build_gazetteer",
    "default_gazetteer_path",
    "ensure_gazetteer",
    "find_toponyms",
    "geoparse_rows",
    "normalize_name",
]
