#!/usr/bin/env python3
"""Data preparation and the shap side of scripts/bench/explain.sh.

Subcommands (each prints one JSON line on stdout; progress on stderr):

  train SYNTH --schema S --label L --model-out MODEL.txt [tree settings] [--threads T]
      Trains a LightGBM binary model on the schema's "feature" columns of
      SYNTH and saves it as LightGBM text (booster.save_model). "category"
      columns become pandas categories with their levels sorted as strings;
      the others are float64. Rows without a label are left out.

  cases SYNTH --model MODEL.txt --lanterne-model MODEL.json --schema S --rows N --out CASES.csv
      Writes the first N rows of SYNTH, every column, to CASES.csv. The
      category features are written as the integer codes LightGBM was trained
      on (their position among the sorted levels, kept in the model file's
      pandas_categorical) when the Lanterne model does not know their levels,
      which is the case of `lanterne import lightgbm` models; as the original
      labels when it does. Reports which ("category_encoding") and the first
      row's id ("first_id").

  shap MODEL.txt CASES.csv --schema S --encoding codes|labels [--values-out F --values-rows 200]
      Loads the model with lightgbm.Booster(model_file=...), reads CASES.csv
      into the frame LightGBM was trained on, builds
      shap.TreeExplainer(booster, feature_perturbation="tree_path_dependent")
      and times explainer.shap_values(X) alone. Reports the OpenMP threads
      available and the cores kept busy (CPU time / wall time of the call), and
      writes the values of the first --values-rows rows to --values-out.

  compare LANTERNE.json VALUES.csv
      The largest absolute difference between the contributions of `lanterne
      explain` (JSON) and shap's values, over the rows of VALUES.csv.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
import warnings
from importlib import metadata

import numpy as np
import pandas as pd


def log(message: str) -> None:
    print(f"[explain-peer] {message}", file=sys.stderr, flush=True)


def emit(result: dict) -> None:
    print(json.dumps(result), flush=True)


# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------

class Schema:
    """The columns of a Lanterne schema that the benchmark uses."""

    def __init__(self, path: str, label: str | None = None):
        with open(path, encoding="utf-8") as handle:
            columns = json.load(handle)["columns"]
        self.features = [c["name"] for c in columns if c["role"] == "feature" and c["name"] != label]
        self.categorical = [c["name"] for c in columns
                            if c["role"] == "feature" and c["type"] == "category" and c["name"] != label]
        self.ids = [c["name"] for c in columns if c["role"] == "id"]


def model_levels(booster, categorical: list[str]) -> dict[str, list[str]]:
    """The levels LightGBM knows for each categorical feature (pandas_categorical, in the frame's order)."""
    stored = booster.pandas_categorical or []
    in_model = [name for name in booster.feature_name() if name in categorical]
    if len(stored) != len(in_model):
        sys.exit(f"the model knows {len(stored)} categorical feature(s), the schema names {len(in_model)}")
    return {name: [str(level) for level in levels] for name, levels in zip(in_model, stored)}


def features_frame(raw: pd.DataFrame, names: list[str], levels: dict[str, list[str]], encoding: str) -> pd.DataFrame:
    """The frame LightGBM sees: categories with the model's levels, float64 otherwise."""
    frame = {}
    for name in names:
        if name in levels:
            if encoding == "codes":
                codes = pd.to_numeric(raw[name], errors="raise").fillna(-1).astype(np.int64)
                if codes.max() >= len(levels[name]):
                    sys.exit(f"{name}: code {codes.max()} beyond the model's {len(levels[name])} levels")
                frame[name] = pd.Categorical.from_codes(codes, categories=levels[name])
            else:
                frame[name] = pd.Categorical(raw[name].astype(object), categories=levels[name])
        else:
            frame[name] = pd.to_numeric(raw[name], errors="raise").astype(np.float64)
    return pd.DataFrame(frame)


# --------------------------------------------------------------------------
# train
# --------------------------------------------------------------------------

def command_train(args) -> None:
    import lightgbm as lgb

    schema = Schema(args.schema, args.label)
    start = time.perf_counter()
    raw = pd.read_csv(args.synth, usecols=lambda name: name in set(schema.features) | {args.label},
                      dtype={name: str for name in schema.categorical}, keep_default_na=False, na_values=[""])
    if args.label not in raw.columns:
        sys.exit(f"{args.synth}: no column {args.label}")
    y = pd.to_numeric(raw[args.label], errors="raise").to_numpy(dtype=np.float64)
    keep = ~np.isnan(y)
    if not keep.all():
        log(f"{args.synth}: {int((~keep).sum())} row(s) without {args.label} left out")
        raw = raw.loc[keep].reset_index(drop=True)
        y = y[keep]
    if not np.isin(y, [0.0, 1.0]).all():
        sys.exit(f"{args.synth}: {args.label} must be 0/1")
    levels = {name: sorted({str(v) for v in raw[name].dropna()}) for name in schema.categorical}
    x = features_frame(raw, schema.features, levels, "labels")
    log(f"read {len(y)} rows, {len(schema.features)} features ({len(schema.categorical)} categorical) "
        f"in {time.perf_counter() - start:.1f} s")

    params = {
        "objective": "binary",
        "num_leaves": args.leaves,
        "max_depth": args.max_depth,
        "learning_rate": args.learning_rate,
        "min_data_in_leaf": args.min_leaf,
        "seed": args.seed,
        "deterministic": True,
        "force_col_wise": True,  # LightGBM's advice with deterministic: no row/column-wise choice by timing
        "num_threads": args.threads,
        "verbose": -1,
    }
    start = time.perf_counter()
    train_set = lgb.Dataset(x, label=y, categorical_feature=schema.categorical or "auto")
    booster = lgb.train(params, train_set, num_boost_round=args.trees)
    fit_seconds = time.perf_counter() - start
    booster.save_model(args.model_out)
    leaves = [tree["num_leaves"] for tree in booster.dump_model()["tree_info"]]
    log(f"{booster.num_trees()} trees in {fit_seconds:.1f} s -> {args.model_out}")
    emit({
        "rows": int(len(y)),
        "positive_rate": float(y.mean()),
        "features": len(schema.features),
        "categorical": len(schema.categorical),
        "trees": booster.num_trees(),
        "mean_leaves": float(np.mean(leaves)),
        "max_leaves": int(np.max(leaves)),
        "fit_seconds": round(fit_seconds, 3),
        "lightgbm": metadata.version("lightgbm"),
    })


# --------------------------------------------------------------------------
# cases
# --------------------------------------------------------------------------

def lanterne_features(path: str) -> list[dict]:
    """The "features" list ({"name", "levels"?}) of a Lanterne model file."""
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    pending = [document.get("body", document)]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            features = node.get("features")
            if isinstance(features, list) and all(isinstance(f, dict) and "name" in f for f in features):
                return features
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    sys.exit(f"{path}: no features list in the model")


def command_cases(args) -> None:
    import lightgbm as lgb

    schema = Schema(args.schema)
    booster = lgb.Booster(model_file=args.model)
    levels = model_levels(booster, schema.categorical)
    known = {f["name"]: f.get("levels") for f in lanterne_features(args.lanterne_model)}
    with_levels = [name for name in levels if known.get(name)]
    if not with_levels:
        encoding = "codes"
    elif len(with_levels) == len(levels):
        encoding = "labels"
        for name in levels:
            if [str(v) for v in known[name]] != levels[name]:
                sys.exit(f"{name}: the Lanterne model's levels differ from LightGBM's pandas_categorical")
    else:
        sys.exit(f"the Lanterne model knows the levels of {with_levels} only, not of every categorical feature")

    # Every field as text, written back unchanged but for the codes.
    raw = pd.read_csv(args.synth, dtype=str, keep_default_na=False, na_filter=False, nrows=args.rows)
    if len(raw) < args.rows:
        sys.exit(f"{args.synth} has {len(raw)} rows, fewer than {args.rows}")
    unseen = 0
    if encoding == "codes":
        for name, names in levels.items():
            index = {level: str(code) for code, level in enumerate(names)}
            unseen += int(sum(1 for v in raw[name] if v != "" and v not in index))
            raw[name] = [index.get(v, "") for v in raw[name]]
    raw.to_csv(args.out, index=False, lineterminator="\n")
    log(f"{args.rows} rows x {raw.shape[1]} columns -> {args.out} (categories as {encoding})")
    # The first case's id for `lanterne explain --id`: the schema's id column, else the line number.
    first_id = raw[schema.ids[0]].iloc[0] if schema.ids and schema.ids[0] in raw.columns else "1"
    emit({"rows": int(len(raw)), "columns": int(raw.shape[1]), "category_encoding": encoding,
          "categorical": len(levels), "unseen_labels": unseen, "first_id": first_id})


# --------------------------------------------------------------------------
# shap
# --------------------------------------------------------------------------

def cpu_seconds() -> float:
    """CPU time of the whole process, every thread (OpenMP workers included)."""
    return time.process_time()


def openmp_threads() -> list[int]:
    """The thread counts of the OpenMP runtimes loaded in this process (LightGBM's among them)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return []
    return sorted({int(info["num_threads"]) for info in threadpool_info() if info.get("user_api") == "openmp"})


def command_shap(args) -> None:
    import lightgbm as lgb
    import shap

    start = time.perf_counter()
    schema = Schema(args.schema)
    booster = lgb.Booster(model_file=args.model)
    names = booster.feature_name()
    levels = model_levels(booster, schema.categorical)
    raw = pd.read_csv(args.cases, dtype={name: str for name in levels}, keep_default_na=False, na_values=[""])
    x = features_frame(raw, names, levels, args.encoding)
    read_seconds = time.perf_counter() - start

    start = time.perf_counter()
    explainer = shap.TreeExplainer(booster, feature_perturbation="tree_path_dependent")
    explainer_seconds = time.perf_counter() - start

    # shap warns on every call that LightGBM binary outputs "changed to a list";
    # they come back as one (rows, features) array.
    warnings.filterwarnings("ignore", message="LightGBM binary classifier with TreeExplainer")
    cpu_start, start = cpu_seconds(), time.perf_counter()
    values = explainer.shap_values(x)
    seconds = time.perf_counter() - start
    busy = (cpu_seconds() - cpu_start) / seconds if seconds > 0 else None
    values = np.asarray(values)
    if values.shape != (len(x), len(names)):
        sys.exit(f"unexpected shap values shape {values.shape} for {len(x)} rows x {len(names)} features")
    base = float(np.ravel(explainer.expected_value)[0])
    threads = openmp_threads()
    log(f"shap_values: {len(x)} rows in {seconds:.3f} s, CPU/wall {busy:.2f}, OpenMP threads {threads}")

    if args.values_out:
        ids = raw[schema.ids[0]].astype(str) if schema.ids and schema.ids[0] in raw.columns \
            else pd.Series([str(i + 1) for i in range(len(raw))])
        with open(args.values_out, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["id", "base"] + names)
            for row in range(min(args.values_rows, len(x))):
                writer.writerow([ids.iloc[row], repr(base)] + [repr(float(v)) for v in values[row]])

    emit({
        "rows": int(len(x)),
        "features": len(names),
        "read_seconds": round(read_seconds, 3),
        "explainer_seconds": round(explainer_seconds, 3),
        "shap_values_seconds": round(seconds, 4),
        "rows_per_second": len(x) / seconds if seconds > 0 else None,
        "busy_cores": round(busy, 2) if busy is not None else None,
        "openmp_threads": "/".join(map(str, threads)) or "unknown",
        "omp_num_threads_env": os.environ.get("OMP_NUM_THREADS", "unset"),
        "model_type": explainer.model.model_type,
        "shap": metadata.version("shap"),
        "lightgbm": metadata.version("lightgbm"),
    })


# --------------------------------------------------------------------------
# compare
# --------------------------------------------------------------------------

def command_compare(args) -> None:
    with open(args.lanterne, encoding="utf-8") as handle:
        document = json.load(handle)
    rows = document["rows"]
    with open(args.values, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        names = header[2:]
        reference = [(record[0], float(record[1]), [float(v) for v in record[2:]]) for record in reader]
    if len(rows) < len(reference):
        sys.exit(f"{args.lanterne} has {len(rows)} rows, fewer than the {len(reference)} to compare")
    worst = worst_logit = 0.0
    largest = 0.0
    mismatched_ids = 0
    base_difference = abs(float(document["base"]) - reference[0][1]) if reference else 0.0
    for row, (case, base, shap_values) in zip(rows, reference):
        if str(row["id"]) != case:
            mismatched_ids += 1
        contributions = row["contributions"]
        missing = [name for name in names if name not in contributions]
        if missing:
            sys.exit(f"{args.lanterne}: row {row['id']} has no contribution for {missing}")
        for name, value in zip(names, shap_values):
            worst = max(worst, abs(float(contributions[name]) - value))
            largest = max(largest, abs(value))
        worst_logit = max(worst_logit, abs(float(row["logit"]) - (base + sum(shap_values))))
    emit({
        "rows_compared": len(reference),
        "lanterne_rows": len(rows),
        "features": len(names),
        "max_abs_difference": worst,
        "base_difference": base_difference,
        "max_logit_difference": worst_logit,
        "largest_contribution": largest,
        "mismatched_ids": mismatched_ids,
    })


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------

def add_train_command(commands, population: str, trees: int, leaves: int, max_depth: int) -> None:
    """The `train` subcommand, shared with server_peer.py: LightGBM on a `lanterne synth` file."""
    train = commands.add_parser("train", help="train and save the LightGBM model")
    train.add_argument("synth", help=f"training CSV (lanterne synth {population})")
    train.add_argument("--schema", required=True, help="Lanterne schema JSON")
    train.add_argument("--label", required=True, help="0/1 label column")
    train.add_argument("--model-out", required=True, help="LightGBM text model to write")
    train.add_argument("--trees", type=int, default=trees)
    train.add_argument("--max-depth", type=int, default=max_depth)
    train.add_argument("--leaves", type=int, default=leaves)
    train.add_argument("--learning-rate", type=float, default=0.05)
    train.add_argument("--min-leaf", type=int, default=20)
    train.add_argument("--seed", type=int, default=1)
    train.add_argument("--threads", type=int, default=2)
    train.set_defaults(run=command_train)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    add_train_command(commands, population="foyers", trees=500, leaves=255, max_depth=8)

    cases = commands.add_parser("cases", help="write the rows to explain")
    cases.add_argument("synth")
    cases.add_argument("--model", required=True, help="LightGBM text model")
    cases.add_argument("--lanterne-model", required=True, help="the same model imported by lanterne")
    cases.add_argument("--schema", required=True)
    cases.add_argument("--rows", type=int, required=True)
    cases.add_argument("--out", required=True)
    cases.set_defaults(run=command_cases)

    explain = commands.add_parser("shap", help="time shap.TreeExplainer(...).shap_values")
    explain.add_argument("model", help="LightGBM text model")
    explain.add_argument("cases", help="CSV written by `cases`")
    explain.add_argument("--schema", required=True)
    explain.add_argument("--encoding", choices=["codes", "labels"], required=True,
                         help="how `cases` wrote the categories")
    explain.add_argument("--values-out", help="CSV of the values of the first --values-rows rows")
    explain.add_argument("--values-rows", type=int, default=200)
    explain.set_defaults(run=command_shap)

    compare = commands.add_parser("compare", help="Lanterne's contributions against shap's values")
    compare.add_argument("lanterne", help="stdout of `lanterne explain` (JSON)")
    compare.add_argument("values", help="--values-out of `shap`")
    compare.set_defaults(run=command_compare)

    args = parser.parse_args()
    if args.command == "cases" and args.rows < 1:
        parser.error("--rows must be at least 1")
    args.run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
