"""The dashboard's vendored libraries are exactly the files `scripts/fetch_web_assets.sh` recorded."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[1] / "src" / "warwatch" / "web" / "static"
VENDOR = STATIC / "vendor"
MANIFEST = json.loads((VENDOR / "MANIFEST.json").read_text())


@pytest.mark.parametrize("entry", MANIFEST["files"], ids=[f["path"] for f in MANIFEST["files"]])
def test_vendored_file_matches_manifest(entry: dict[str, str]) -> None:
    path = VENDOR / entry["path"]
    assert path.is_file(), f"{entry['path']} is missing: run scripts/fetch_web_assets.sh"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], (
        f"{entry['path']} differs from {entry['package']}@{entry['version']}: run scripts/fetch_web_assets.sh"
    )
    assert re.fullmatch(r"\d+\.\d+\.\d+", entry["version"]), "versions are pinned exactly"
    assert entry["license"], "every vendored file names its licence"


def test_every_vendored_file_is_in_the_manifest() -> None:
    listed = {f["path"] for f in MANIFEST["files"]}
    present = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()} - {"MANIFEST.json"}
    assert present == listed


def test_the_page_loads_nothing_from_another_host() -> None:
    """No CDN at run time: every script, stylesheet and fetch in the dashboard is a path on the same server."""
    for name in ("index.html", "app.js", "app.css"):
        text = (STATIC / name).read_text()
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), name
        assert not re.search(r"""(fetch|api)\(\s*["'`](https?:)?//""", text), name
        assert "@import" not in text, name
    html = (STATIC / "index.html").read_text()
    for ref in re.findall(r"""(?:src|href)="(/static/[^"]+)\"""", html):
        assert (STATIC / ref.removeprefix("/static/")).is_file(), ref
