"""One exception tree for warwatch; the CLI translates these into messages and exit codes."""

from __future__ import annotations

__all__ = ["ConfigError", "InputError", "OutputError", "StageError", "StoreError", "UsageError", "WarwatchError"]


class WarwatchError(Exception):
    """Base class of every error warwatch raises on purpose."""


class InputError(WarwatchError):
    """A bad input record. ``line`` is its 1-based line number in the input file."""

    def __init__(self, message: str, line: int | None = None, reason: str = "bad_input") -> None:
        self.line = line
        self.reason = reason
        super().__init__(f"line {line}: {message}" if line is not None else message)


class ConfigError(WarwatchError):
    """A setting is missing or invalid."""


class StageError(WarwatchError):
    def __init__(self, stage: str, article_id: str, message: str) -> None:
        self.stage = stage
        self.article_id = article_id
        super().__init__(f"{stage} failed on article {article_id}: {message}")


class StoreError(WarwatchError):
    """The embedded store could not be opened or written."""


class OutputError(WarwatchError):
    """An output file could not be written (disk full, permission denied, ...)."""


class UsageError(WarwatchError):
    """The command was given paths or flags that cannot work together (an output naming an input, a
    directory where a file is expected); nothing was read or written."""
