"""Audit the test suite for text taken from the shared evaluation and development data.

A test that codes a sentence of ``../shared/data`` (or the same sentence with other names in it) only shows that
the coder works on text it was shaped on; it cannot show that the coder generalises. This script reads every
string literal of ``tests/*.py`` (with ``ast``) and every text of ``../shared/data`` at run time (nothing of it is
copied or kept), and reports two kinds of overlap:

1. **shared run**: the test string and a shared text share a run of ``--run`` (default 8) or more tokens
   (lowercased, split at anything that is not a letter or a digit);
2. **nouns swapped**: a test sentence of 8 or more tokens has the same shape as a shared sentence of 8 or more
   tokens once capitalised words and numbers are set aside: the Jaccard similarity of their other tokens is at
   least ``--jaccard`` (default 0.8);
3. **paraphrase**: a shortened or lightly reworded shared sentence: at least ``--containment`` (default 0.85)
   of a test sentence's non-capitalised tokens, weighted by their rarity in the shared data, are in one shared
   sentence (test sentences of 8+ tokens with 7+ such tokens; not against the generated NGEC stories, whose
   stock phrases any news-like sentence shares).

Each finding is printed as ``file:line  kind  size  set  #hash``, where the hash is a short digest of the shared
text (never the text itself), so that a finding can be followed up without republishing the shared data.
``../shared/data/sealed`` is never read. Exit status 1 when anything is found, 0 otherwise.

Usage: python scripts/audit_tests.py [--shared ../shared] [--tests tests] [--json]
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import json
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN = 8  # shortest shared run of tokens that counts as copied text
JACCARD = 0.8  # shape similarity (over non-capitalised tokens) that counts as a paraphrase with names swapped
MIN_SENTENCE = 8  # tokens a sentence needs before its shape is compared
MIN_SHAPE = 5  # distinct non-capitalised tokens a sentence's shape needs (shorter shapes are too generic)
CONTAINMENT = 0.85  # share of a test sentence's shape (weighted by rarity) found in one shared sentence
MIN_PARAPHRASE = 7  # distinct non-capitalised tokens a test sentence needs before containment is checked
GENERIC_SETS = frozenset({"ngec_synthetic"})  # generated stories of stock phrases: only runs and Jaccard count

_LOWER_TOKEN = re.compile(r"[a-z0-9]+")
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")
_TEX_COMMAND = re.compile(r"\\[a-zA-Z]+\*?(\[[^\]]*\])?")


@dataclass(frozen=True)
class TestString:
    path: str  # relative to the repository root
    line: int
    text: str


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    kind: str  # "shared run" | "nouns swapped" | "paraphrase"
    size: float  # tokens in the longest shared run, the Jaccard similarity or the weighted containment
    set: str  # the shared set: dev, plover_gsr, gvdb, lgl, gwn, te3, ngec_synthetic, lexicons
    digest: str  # short hash of the shared text, never the text


def tokens(text: str) -> list[str]:
    return _LOWER_TOKEN.findall(text.lower())


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def sentences(text: str) -> Iterator[str]:
    for part in _SENTENCE_END.split(text):
        if part and part.strip():
            yield part.strip()


def shape(sentence: str) -> frozenset[str] | None:
    """The sentence's tokens without capitalised words and numbers, or None when the sentence is too short."""
    words = _TOKEN.findall(sentence)
    if len(words) < MIN_SENTENCE:
        return None
    kept = frozenset(w for w in words if w[0].islower())
    return kept if len(kept) >= MIN_SHAPE else None


# -- the test suite ----------------------------------------------------------------------------------------------


def test_strings(tests: Path) -> list[TestString]:
    """Every string literal (f-strings by their constant parts) of the test modules, with its line."""
    found: list[TestString] = []
    for path in sorted(tests.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        rel = path.relative_to(tests.parent).as_posix() if tests.parent in path.parents else str(path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.append(TestString(rel, node.lineno, node.value))
    return found


# -- the shared data -----------------------------------------------------------------------------------------------


def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def _articles(path: Path) -> Iterator[str]:
    for record in _jsonl(path):
        for field in ("title", "text"):
            if record.get(field):
                yield record[field]


def _gold_notes(path: Path) -> Iterator[str]:
    """Gold annotations' free text: notes, and any evidence quoted with the events."""
    for record in _jsonl(path):
        if record.get("notes"):
            yield record["notes"]
        for event in record.get("events") or []:
            for evidence in event.get("evidence") or []:
                text = evidence.get("text") if isinstance(evidence, dict) else evidence
                if text:
                    yield text


def _ngec(path: Path) -> Iterator[str]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            for field in ("text", "title"):
                if row.get(field):
                    yield row[field]


def _plain(path: Path) -> Iterator[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".tex":
        text = _TEX_COMMAND.sub(" ", text).replace("{", " ").replace("}", " ")
    yield from text.split("\n\n")


def shared_texts(shared: Path) -> Iterator[tuple[str, str]]:
    """(set name, text) for every text of ../shared/data; the sealed sets are never read."""
    data = shared / "data"
    sources: list[tuple[str, Path, Callable[[Path], Iterator[str]]]] = [
        ("dev", data / "dev" / "articles.jsonl", _articles),
        ("dev", data / "dev" / "gold.jsonl", _gold_notes),
        ("plover_gsr", data / "plover_gsr" / "articles.jsonl", _articles),
        ("plover_gsr", data / "plover_gsr" / "gold.jsonl", _gold_notes),
        ("gvdb", data / "casualties" / "gvdb" / "articles.jsonl", _articles),
        ("gvdb", data / "casualties" / "gvdb" / "gold.jsonl", _gold_notes),
        ("lgl", data / "geo" / "lgl" / "articles.jsonl", _articles),
        ("gwn", data / "geo" / "gwn" / "articles.jsonl", _articles),
        ("te3", data / "time" / "te3-platinum" / "timexes.jsonl", _articles),
        ("ngec_synthetic", data / "ngec_synthetic" / "synthetic_events.csv", _ngec),
        ("lexicons", data / "lexicons" / "plover_PLOVER_MANUAL.tex", _plain),
    ]
    for name, path, reader in sources:
        if path.is_file():
            for text in reader(path):
                yield name, text


# -- the two checks ----------------------------------------------------------------------------------------------


def _grams(toks: list[str], n: int) -> Iterator[tuple[str, ...]]:
    for i in range(len(toks) - n + 1):
        yield tuple(toks[i:i + n])


def longest_run(a: list[str], b: list[str]) -> int:
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def shared_runs(strings: list[TestString], texts: Iterable[tuple[str, str]], run: int = RUN) -> list[Finding]:
    """Test strings that share a run of ``run`` or more tokens with a shared text (the longest run per set)."""
    by_gram: dict[tuple[str, ...], list[int]] = defaultdict(list)
    toks = [tokens(s.text) for s in strings]
    for index, t in enumerate(toks):
        for gram in set(_grams(t, run)):
            by_gram[gram].append(index)
    best: dict[tuple[int, str], tuple[int, str]] = {}
    for name, text in texts:
        shared_toks = tokens(text)
        hit = {i for gram in _grams(shared_toks, run) for i in by_gram.get(gram, ())}
        for index in hit:
            size = longest_run(toks[index], shared_toks)
            if size > best.get((index, name), (0, ""))[0]:
                best[(index, name)] = (size, digest(text))
    return [Finding(strings[i].path, strings[i].line, "shared run", size, name, digest_)
            for (i, name), (size, digest_) in best.items()]


class ShapeIndex:
    """Shared sentences by shape (their non-capitalised tokens), indexed by token."""

    def __init__(self) -> None:
        self.shapes: list[tuple[frozenset[str], str, str]] = []  # (shape, set, digest)
        self.index: dict[str, list[int]] = defaultdict(list)

    def build(self, texts: Iterable[tuple[str, str]]) -> ShapeIndex:
        seen: set[tuple[frozenset[str], str]] = set()
        for name, text in texts:
            for sentence in sentences(text):
                s = shape(sentence)
                if s is not None and (s, name) not in seen:
                    seen.add((s, name))
                    for token in s:
                        self.index[token].append(len(self.shapes))
                    self.shapes.append((s, name, digest(sentence)))
        return self

    def weight(self, token: str) -> float:
        """Inverse document frequency over the shared sentences: a rare word says more than 'the'."""
        return math.log((len(self.shapes) + 1) / (len(self.index.get(token, ())) + 1)) + 0.1

    def candidates(self, s: frozenset[str], share: float) -> set[int]:
        """Sentences holding one of the rarest tokens of ``s`` that together weigh more than ``1 - share``:
        a sentence without any of them cannot hold ``share`` of the weight of ``s``."""
        ordered = sorted(s, key=self.weight, reverse=True)
        total, needed, prefix = sum(map(self.weight, s)), 0.0, []
        for token in ordered:
            prefix.append(token)
            needed += self.weight(token)
            if needed > (1 - share) * total + 1e-9:
                break
        return {i for token in prefix for i in self.index.get(token, ())}

    def matches(self, sentence: str, jaccard: float, containment: float) -> Iterator[tuple[str, float, str, str]]:
        """(kind, similarity, set, digest) for every shared sentence of the same shape."""
        s = shape(sentence)
        if s is None:
            return
        total = sum(map(self.weight, s))
        for i in self.candidates(s, min(jaccard, containment)):
            other, name, digest_ = self.shapes[i]
            common = s & other
            similarity = len(common) / len(s | other)
            if similarity >= jaccard:
                yield "nouns swapped", similarity, name, digest_
            elif (len(s) >= MIN_PARAPHRASE and name not in GENERIC_SETS
                  and sum(map(self.weight, common)) / total >= containment):
                yield "paraphrase", sum(map(self.weight, common)) / total, name, digest_


def swapped_nouns(strings: list[TestString], index: ShapeIndex, jaccard: float = JACCARD,
                  containment: float = CONTAINMENT) -> list[Finding]:
    best: dict[tuple[int, str, str], tuple[float, str]] = {}
    for i, string in enumerate(strings):
        for sentence in sentences(string.text):
            for kind, similarity, name, digest_ in index.matches(sentence, jaccard, containment):
                if similarity > best.get((i, kind, name), (0.0, ""))[0]:
                    best[(i, kind, name)] = (similarity, digest_)
    return [Finding(strings[i].path, strings[i].line, kind, round(sim, 3), name, digest_)
            for (i, kind, name), (sim, digest_) in best.items()]


def audit(tests: Path, shared: Path, run: int = RUN, threshold: float = JACCARD,
          containment: float = CONTAINMENT) -> list[Finding]:
    strings = [s for s in test_strings(tests) if len(tokens(s.text)) >= min(run, MIN_SENTENCE)]
    findings = shared_runs(strings, shared_texts(shared), run)
    findings += swapped_nouns(strings, ShapeIndex().build(shared_texts(shared)), threshold, containment)
    return sorted(findings, key=lambda f: (f.path, f.line, f.kind, f.set))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--tests", type=Path, default=ROOT / "tests")
    parser.add_argument("--run", type=int, default=RUN, help="shortest shared run of tokens (default %(default)s)")
    parser.add_argument("--jaccard", type=float, default=JACCARD, help="shape similarity (default %(default)s)")
    parser.add_argument("--containment", type=float, default=CONTAINMENT,
                        help="weighted share of a test sentence found in a shared one (default %(default)s)")
    parser.add_argument("--json", action="store_true", help="one JSON finding per line")
    args = parser.parse_args(argv)
    if not (args.shared / "data").is_dir():
        print(f"no shared data at {args.shared / 'data'}", file=sys.stderr)
        return 2
    findings = audit(args.tests, args.shared, args.run, args.jaccard, args.containment)
    for f in findings:
        if args.json:
            print(json.dumps(asdict(f)))
        else:
            size = {"shared run": f"{int(f.size)} tokens", "nouns swapped": f"J={f.size:.2f}"}.get(
                f.kind, f"C={f.size:.2f}")
            print(f"{f.path}:{f.line}  {f.kind}  {size}  {f.set}  #{f.digest}")
    counts = Counter(f.set for f in findings)
    summary = ", ".join(f"{name} {n}" for name, n in sorted(counts.items())) or "none"
    print(f"{len(findings)} overlaps ({summary}) in {len({(f.path, f.line) for f in findings})} test strings",
          file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
