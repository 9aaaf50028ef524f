"""Shared fixtures: the spaCy pipeline and the coding resources are loaded once per test session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from warwatch.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def resources():  # type: ignore[no-untyped-def]
    from warwatch.pipeline import load_resources
    from warwatch.settings import Settings

    return load_resources(Settings.load(use_store=False))
