#!/usr/bin/env python3
"""Parse one CSV file with pandas.read_csv and report what it cost.

Prints a single JSON line on stdout, shaped like the `--stats` line of
`lanterne schema infer`:

    {"rows": ..., "columns": ..., "table_bytes": ..., "parse_seconds": ...,
     "peak_rss_mb": ...}

parse_seconds covers the read_csv call only (interpreter start-up and the
pandas import are left out; time the whole process from outside for those).
read_csv runs with its default settings and the C engine, so pandas infers the
column types itself.
"""

import argparse
import json
import resource
import sys
import time

import pandas as pd


def peak_rss_mb() -> float:
    """Peak resident set size of this process, in MB (2**20 bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS reports bytes.
    if sys.platform == "darwin":
        peak /= 1024
    return peak / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", help="path of the CSV file to parse")
    parser.add_argument(
        "--float-precision",
        default=None,
        help="read_csv's float_precision (None: its default converter; round_trip: correctly rounded)",
    )
    args = parser.parse_args()

    start = time.perf_counter()
    frame = pd.read_csv(args.csv, engine="c", float_precision=args.float_precision)
    parse_seconds = time.perf_counter() - start

    stats = {
        "rows": int(frame.shape[0]),
        "columns": int(frame.shape[1]),
        "table_bytes": int(frame.memory_usage(deep=True).sum()),
        "parse_seconds": round(parse_seconds, 6),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    print(json.dumps(stats), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
