#!/usr/bin/env python3
"""Data and the Fairlearn peer of scripts/bench/audit.sh (fairness audit, issue 5).

Subcommands (each prints one JSON line on stdout; progress on stderr):

  make-data --rows N --seed S --out FILE [--reuse]
      Writes a CSV of N cases with the columns sexe (F/M), nationalite
      (francaise / ue / hors_ue, about 85 / 7 / 8 %), tranche_age (18-29,
      30-44, 45-59, 60-74, 75+), issue (0/1, about 5 % of 1s, a little higher
      for men, the young and non-French nationals), score (a probability with
      6 decimals, correlated with issue and a little with nationalite beyond
      what issue explains) and decision (1 for the 10 % best scores, ties by
      row order). Rows are drawn in blocks of 1,000,000 with the seed
      [S, block], so a file of fewer rows holds the first rows of a longer one
      with the same seed (all columns but decision, which depends on the whole
      file). --reuse keeps FILE when FILE.meta.json says it was written by this
      generator with the same rows and seed.

  fairlearn FILE --label L --score S --protected a,b,a*b --top-percent P
            [--auc] [--n-boot N --seed S] [--groups-out OUT.json]
      Reads FILE with pandas.read_csv (the columns needed only; timed apart:
      read_seconds), makes the decision as `lanterne audit --score S
      --top-percent P` does (the ceil(n P / 100) best scores, ties broken by
      row order: a stable sort; timed: selection_seconds), then builds one
      fairlearn.metrics.MetricFrame per entry of --protected (a*b: the two
      columns as sensitive_features, their crossing), with metrics count,
      selection_rate, true_positive_rate, false_positive_rate and
      false_negative_rate, y_true the label, y_pred the decision; --auc adds
      sklearn's roc_auc_score and the mean score per group (the score passed
      through sample_params). metricframe_seconds is the time of building the
      frames; audit_seconds = selection_seconds + metricframe_seconds.
      With --n-boot N, each frame is built twice, timed apart: without
      bootstrap (plain_seconds), then with n_boot=N,
      ci_quantiles=[0.025, 0.975], random_state=SEED (boot_seconds, which
      includes the point estimates again); per_resample_seconds =
      (boot_seconds - plain_seconds) / N. --groups-out writes each group's
      values (and 95 % bounds) under Lanterne's JSON names, for `compare`.

  compare LANTERNE.json PEER.json
      Matches the groups of `lanterne audit --json` with those of --groups-out
      (by attribute and group name, an intersection's values joined by "*")
      and prints the largest absolute difference over count, selection_rate,
      tpr, fpr, fnr, auc and mean_score (and over the 95 % bounds when both
      have them).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from importlib import metadata

import numpy as np

GENERATOR_VERSION = 1
BLOCK = 1_000_000  # rows drawn per seed block

SEXES = ("F", "M")
SEX_SHARES = (0.52, 0.48)
NATIONALITIES = ("francaise", "ue", "hors_ue")
NATIONALITY_SHARES = (0.85, 0.07, 0.08)
AGE_BANDS = ("18-29", "30-44", "45-59", "60-74", "75+")
AGE_SHARES = (0.17, 0.26, 0.26, 0.20, 0.11)
TOP_PERCENT = 10.0  # the decision column: the 10 % best scores

# Field names of the compared values, as `lanterne audit --json` writes them.
COMPARED = ("count", "selection_rate", "tpr", "fpr", "fnr", "auc", "mean_score")


def log(message: str) -> None:
    print(f"[audit-peer] {message}", file=sys.stderr, flush=True)


def emit(result: dict) -> None:
    print(json.dumps(result), flush=True)


# --------------------------------------------------------------------------
# make-data
# --------------------------------------------------------------------------

def draw_block(seed: int, block: int) -> dict[str, np.ndarray]:
    """BLOCK rows drawn with the seed [seed, block]: category codes, issue, score in millionths."""
    rng = np.random.default_rng([seed, block])
    n = BLOCK
    sexe = rng.choice(len(SEXES), size=n, p=SEX_SHARES).astype(np.int8)
    nationalite = rng.choice(len(NATIONALITIES), size=n, p=NATIONALITY_SHARES).astype(np.int8)
    age = rng.choice(len(AGE_BANDS), size=n, p=AGE_SHARES).astype(np.int8)
    risk = rng.standard_normal(n)  # what the score sees of the case, beyond the groups
    logit = (-3.35 + 0.25 * (sexe == 1) + np.array([0.0, 0.15, 0.35])[nationalite]
             + np.array([0.30, 0.10, 0.0, -0.20, -0.40])[age] + 0.8 * risk)
    issue = (rng.random(n) < 1.0 / (1.0 + np.exp(-logit))).astype(np.int8)
    # The score: the risk, the outcome itself (what a model learns), a little
    # weight on nationality beyond them (the bias an audit should find), noise.
    score_logit = (-3.0 + 0.9 * risk + 1.0 * issue + np.array([0.0, 0.1, 0.3])[nationalite]
                   + 0.7 * rng.standard_normal(n))
    millionths = np.rint(1e6 / (1.0 + np.exp(-score_logit)))
    score = np.clip(millionths, 1, 999_999).astype(np.int32)  # printed 0.xxxxxx: strictly in (0, 1)
    return {"sexe": sexe, "nationalite": nationalite, "tranche_age": age, "issue": issue, "score": score}


def top_share(scores: np.ndarray, percent: float) -> np.ndarray:
    """1 for the ceil(n percent / 100) best scores, ties broken by row order (`lanterne audit --top-percent`)."""
    n = len(scores)
    k = min(n, max(0, math.ceil(n * percent / 100)))
    order = np.argsort(-scores, kind="stable")
    chosen = np.zeros(n, dtype=np.int8)
    chosen[order[:k]] = 1
    return chosen


def token_table(tokens: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """The bytes of each token, one row a token (padded), and their lengths."""
    encoded = [token.encode("ascii") for token in tokens]
    width = max(len(token) for token in encoded)
    table = np.zeros((len(encoded), width), dtype=np.uint8)
    for i, token in enumerate(encoded):
        table[i, :len(token)] = np.frombuffer(token, dtype=np.uint8)
    return table, np.array([len(token) for token in encoded], dtype=np.int64)


def csv_bytes(fields: list[tuple]) -> bytes:
    """CSV lines assembled with numpy: each field is ("tokens", names, codes) or ("fixed", uint8 n x w)."""
    n = len(fields[0][2] if fields[0][0] == "tokens" else fields[0][1])
    widths = []
    for field in fields:
        if field[0] == "tokens":
            _, lengths = token_table(field[1])
            widths.append(lengths[field[2]])
        else:
            widths.append(np.full(n, field[1].shape[1], dtype=np.int64))
    line_lengths = np.sum(widths, axis=0) + len(fields)  # a comma after each field, the newline after the last
    starts = np.zeros(n, dtype=np.int64)
    np.cumsum(line_lengths[:-1], out=starts[1:])
    out = np.empty(int(line_lengths.sum()), dtype=np.uint8)
    position = starts.copy()
    for index, field in enumerate(fields):
        if field[0] == "tokens":
            table, lengths = token_table(field[1])
            codes = field[2]
            for j in range(table.shape[1]):
                rows = lengths[codes] > j
                out[position[rows] + j] = table[codes[rows], j]
            position += lengths[codes]
        else:
            fixed = field[1]
            for j in range(fixed.shape[1]):
                out[position + j] = fixed[:, j]
            position += fixed.shape[1]
        out[position] = ord("\n") if index == len(fields) - 1 else ord(",")
        position += 1
    return out.tobytes()


def score_text(millionths: np.ndarray) -> np.ndarray:
    """"0.xxxxxx" for each score in millionths (1 to 999,999), as an n x 8 byte array."""
    text = np.empty((len(millionths), 8), dtype=np.uint8)
    text[:, 0] = ord("0")
    text[:, 1] = ord(".")
    rest = millionths.astype(np.int64)
    for j in range(7, 1, -1):
        text[:, j] = ord("0") + rest % 10
        rest //= 10
    return text


def command_make_data(args: argparse.Namespace) -> int:
    if args.rows < 1:
        sys.exit("--rows must be at least 1")
    meta_path = args.out + ".meta.json"
    meta = {"generator": GENERATOR_VERSION, "rows": args.rows, "seed": args.seed}
    if args.reuse and os.path.exists(args.out) and os.path.exists(meta_path):
        with open(meta_path, encoding="utf-8") as handle:
            stored = json.load(handle)
        if {key: stored.get(key) for key in meta} == meta and stored.get("bytes") == os.path.getsize(args.out):
            log(f"{args.out}: already written with {args.rows} rows and seed {args.seed}, kept")
            stored["reused"] = True
            emit(stored)
            return 0
    start = time.perf_counter()
    blocks = []
    for block in range((args.rows + BLOCK - 1) // BLOCK):
        blocks.append({name: values[:min(BLOCK, args.rows - block * BLOCK)]
                       for name, values in draw_block(args.seed, block).items()})
    columns = {name: np.concatenate([b[name] for b in blocks]) for name in blocks[0]}
    del blocks
    decision = top_share(columns["score"], TOP_PERCENT)
    drawn = time.perf_counter() - start
    log(f"drew {args.rows} rows in {drawn:.1f} s; writing {args.out}")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    partial = args.out + ".partial"
    with open(partial, "wb") as handle:
        handle.write(b"sexe,nationalite,tranche_age,issue,score,decision\n")
        for first in range(0, args.rows, BLOCK):
            part = slice(first, min(args.rows, first + BLOCK))
            handle.write(csv_bytes([
                ("tokens", SEXES, columns["sexe"][part]),
                ("tokens", NATIONALITIES, columns["nationalite"][part]),
                ("tokens", AGE_BANDS, columns["tranche_age"][part]),
                ("tokens", ("0", "1"), columns["issue"][part]),
                ("fixed", score_text(columns["score"][part])),
                ("tokens", ("0", "1"), decision[part]),
            ]))
    os.replace(partial, args.out)
    size = os.path.getsize(args.out)
    issue = columns["issue"]
    meta.update({
        "file": args.out,
        "bytes": size,
        "seconds": round(time.perf_counter() - start, 3),
        "base_rate": round(float(issue.mean()), 6),
        "selected": int(decision.sum()),
        "base_rate_by_nationalite": {name: round(float(issue[columns["nationalite"] == i].mean()), 6)
                                     for i, name in enumerate(NATIONALITIES)},
        "selection_rate_by_nationalite": {name: round(float(decision[columns["nationalite"] == i].mean()), 6)
                                          for i, name in enumerate(NATIONALITIES)},
        "reused": False,
    })
    with open(meta_path, "w", encoding="utf-8") as handle:
        json.dump(meta, handle)
    log(f"wrote {args.rows} rows, {size / 2**20:.1f} MB, in {meta['seconds']:.1f} s; base rate {meta['base_rate']}")
    emit(meta)
    return 0


# --------------------------------------------------------------------------
# fairlearn
# --------------------------------------------------------------------------

def roc_auc(y_true, y_pred, y_score):
    """sklearn's roc_auc_score on the score passed through sample_params (y_pred, the decision, is not used)."""
    from sklearn.metrics import roc_auc_score
    if len(np.unique(y_true)) < 2:
        return float("nan")
    return roc_auc_score(y_true, y_score)


def mean_score(y_true, y_pred, y_score):
    return float(np.mean(y_score))


def metric_set(with_auc: bool) -> dict:
    from fairlearn.metrics import (count, false_negative_rate, false_positive_rate, selection_rate,
                                   true_positive_rate)
    # Keys are Lanterne's JSON names, so that the groups compare field by field.
    metrics = {
        "count": count,
        "selection_rate": selection_rate,
        "tpr": true_positive_rate,
        "fpr": false_positive_rate,
        "fnr": false_negative_rate,
    }
    if with_auc:
        metrics["auc"] = roc_auc
        metrics["mean_score"] = mean_score
    return metrics


def group_name(key) -> str:
    return "*".join(str(part) for part in key) if isinstance(key, tuple) else str(key)


def frame_groups(attribute: str, frame, with_ci: bool) -> list[dict]:
    """The by_group values of a MetricFrame (and its 95 % bounds), one dict per group."""
    by_group = frame.by_group
    bounds = frame.by_group_ci if with_ci else None
    groups = []
    for key, row in by_group.iterrows():
        entry = {"attribute": attribute, "group": group_name(key)}
        for name, value in row.items():
            value = float(value)
            entry[name] = None if math.isnan(value) else value
        if bounds is not None:
            lower, upper = bounds
            entry["ci"] = {name: [float(lower.loc[key, name]), float(upper.loc[key, name])]
                           for name in by_group.columns if name != "count"}
        groups.append(entry)
    return groups


def command_fairlearn(args: argparse.Namespace) -> int:
    import pandas as pd
    from fairlearn.metrics import MetricFrame

    attributes = [part.strip() for part in args.protected.split(",") if part.strip()]
    if not attributes:
        sys.exit("--protected: no attribute")
    columns = sorted({args.label, args.score} | {name for a in attributes for name in a.split("*")})
    if not 0 <= args.top_percent <= 100:
        sys.exit("--top-percent must be between 0 and 100")
    if args.n_boot is not None and args.n_boot < 1:
        sys.exit("--n-boot must be at least 1")

    log(f"reading {args.file} (columns {', '.join(columns)})")
    start = time.perf_counter()
    frame = pd.read_csv(args.file, usecols=columns)
    read_seconds = time.perf_counter() - start
    rows = len(frame)
    log(f"read {rows} rows in {read_seconds:.2f} s")

    # The decision, as Lanterne makes it: the ceil(n P / 100) best scores, ties by row order.
    start = time.perf_counter()
    y_true = frame[args.label].to_numpy()
    scores = frame[args.score].to_numpy(dtype=np.float64)
    y_pred = top_share(scores, args.top_percent)
    selection_seconds = time.perf_counter() - start

    metrics = metric_set(args.auc)
    sample_params = {"auc": {"y_score": scores}, "mean_score": {"y_score": scores}} if args.auc else None

    def build(attribute: str, n_boot: int | None):
        parts = attribute.split("*")
        features = frame[parts[0]] if len(parts) == 1 else frame[parts]
        extra = {} if n_boot is None else {"n_boot": n_boot, "ci_quantiles": [0.025, 0.975],
                                           "random_state": args.seed}
        begin = time.perf_counter()
        built = MetricFrame(metrics=metrics, y_true=y_true, y_pred=y_pred, sensitive_features=features,
                            sample_params=sample_params, **extra)
        return built, time.perf_counter() - begin

    per_attribute = {}
    groups = []
    plain_total = 0.0
    boot_total = 0.0
    for attribute in attributes:
        built, plain = build(attribute, None)
        plain_total += plain
        entry = {"plain_seconds": round(plain, 6), "groups": len(built.by_group)}
        log(f"{attribute}: MetricFrame without bootstrap in {plain:.3f} s ({entry['groups']} groups)")
        if args.n_boot is not None:
            log(f"{attribute}: MetricFrame with n_boot={args.n_boot}")
            built, boot = build(attribute, args.n_boot)
            boot_total += boot
            entry["boot_seconds"] = round(boot, 6)
            entry["per_resample_seconds"] = round((boot - plain) / args.n_boot, 6)
            log(f"{attribute}: with n_boot={args.n_boot} in {boot:.2f} s, "
                f"{entry['per_resample_seconds']:.4f} s a resample")
        per_attribute[attribute] = entry
        groups.extend(frame_groups(attribute, built, args.n_boot is not None))

    metricframe_seconds = boot_total if args.n_boot is not None else plain_total
    result = {
        "tool": "fairlearn",
        "file": args.file,
        "rows": rows,
        "columns_read": columns,
        "protected": attributes,
        "metrics": list(metrics),
        "top_percent": args.top_percent,
        "selected": int(y_pred.sum()),
        "read_seconds": round(read_seconds, 6),
        "selection_seconds": round(selection_seconds, 6),
        "plain_seconds": round(plain_total, 6),
        "metricframe_seconds": round(metricframe_seconds, 6),
        "audit_seconds": round(selection_seconds + metricframe_seconds, 6),
        "n_boot": args.n_boot,
        "boot_seconds": round(boot_total, 6) if args.n_boot is not None else None,
        "per_resample_seconds": (round((boot_total - plain_total) / args.n_boot, 6)
                                 if args.n_boot is not None else None),
        "seed": args.seed,
        "per_attribute": per_attribute,
        "fairlearn": metadata.version("fairlearn"),
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "scikit_learn": metadata.version("scikit-learn"),
    }
    if args.groups_out:
        with open(args.groups_out, "w", encoding="utf-8") as handle:
            json.dump({"groups": groups}, handle)
    log(f"audit {result['audit_seconds']:.3f} s (selection {selection_seconds:.3f} s, "
        f"MetricFrames {metricframe_seconds:.3f} s)")
    emit(result)
    return 0


# --------------------------------------------------------------------------
# compare
# --------------------------------------------------------------------------

def command_compare(args: argparse.Namespace) -> int:
    with open(args.lanterne, encoding="utf-8") as handle:
        lanterne = json.load(handle)
    with open(args.peer, encoding="utf-8") as handle:
        peer = json.load(handle)
    ours = {(g["attribute"], g["group"]): g for g in lanterne.get("groups", []) if not g.get("suppressed")}
    theirs = {(g["attribute"], g["group"]): g for g in peer["groups"]}
    common = sorted(set(ours) & set(theirs))
    worst, worst_at, values = 0.0, None, 0
    ci_worst, ci_at, bounds = 0.0, None, 0

    def number(value):
        return value is not None and not (isinstance(value, float) and math.isnan(value))

    for key in common:
        a, b = ours[key], theirs[key]
        for name in COMPARED:
            if number(a.get(name)) and number(b.get(name)):
                values += 1
                difference = abs(float(a[name]) - float(b[name]))
                if difference > worst or worst_at is None:
                    worst, worst_at = difference, f"{key[0]}={key[1]}:{name}"
        for name, pair in (b.get("ci") or {}).items():
            other = (a.get("ci") or {}).get(name)
            if other and all(number(x) for x in other) and all(number(x) for x in pair):
                for x, y in zip(other, pair):
                    bounds += 1
                    difference = abs(float(x) - float(y))
                    if difference > ci_worst or ci_at is None:
                        ci_worst, ci_at = difference, f"{key[0]}={key[1]}:{name}"
    emit({
        "groups_compared": len(common),
        "lanterne_groups": len(ours),
        "peer_groups": len(theirs),
        "only_lanterne": ["/".join(k) for k in sorted(set(ours) - set(theirs))],
        "only_peer": ["/".join(k) for k in sorted(set(theirs) - set(ours))],
        "values_compared": values,
        "max_abs_difference": worst if values else None,
        "worst": worst_at,
        "bounds_compared": bounds,
        "ci_max_abs_difference": ci_worst if bounds else None,
        "ci_worst": ci_at,
    })
    return 0


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    make = commands.add_parser("make-data", help="write the generated cases")
    make.add_argument("--rows", type=int, default=10_000_000)
    make.add_argument("--seed", type=int, default=1)
    make.add_argument("--out", required=True)
    make.add_argument("--reuse", action="store_true", help="keep --out if written with the same rows and seed")
    make.set_defaults(run=command_make_data)

    fair = commands.add_parser("fairlearn", help="time Fairlearn MetricFrames on a file")
    fair.add_argument("file")
    fair.add_argument("--label", required=True)
    fair.add_argument("--score", required=True)
    fair.add_argument("--protected", required=True, help="comma-separated; a*b for an intersection")
    fair.add_argument("--top-percent", type=float, required=True)
    fair.add_argument("--auc", action="store_true", help="also roc_auc_score and the mean score per group")
    fair.add_argument("--n-boot", type=int, help="bootstrap resamples (default: none)")
    fair.add_argument("--seed", type=int, default=1, help="MetricFrame's random_state with --n-boot")
    fair.add_argument("--groups-out", help="write the groups' values here (JSON)")
    fair.set_defaults(run=command_fairlearn)

    compare = commands.add_parser("compare", help="compare lanterne audit's groups with Fairlearn's")
    compare.add_argument("lanterne")
    compare.add_argument("peer")
    compare.set_defaults(run=command_compare)

    args = parser.parse_args()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
