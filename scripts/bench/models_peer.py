#!/usr/bin/env python3
"""Data preparation and peer libraries for scripts/bench/models.sh.

Subcommands (each prints at most one JSON line on stdout; progress on stderr):

  split CSV --train OUT --valid OUT [--train-share 0.8] [--label L]
      Copies the first share of the rows of CSV to --train and the rest to
      --valid (every field read as text, written back unchanged); with
      --label, reports the positive rate of each part.

  numeric --rows N --seed S --train OUT --valid OUT --schema OUT [--train-share 0.8]
      Writes a synthetic all-numeric binary classification set (28 features,
      label from a logistic of a few features and interactions) in Lanterne's
      schema format, split like `split`.

  lightgbm / xgboost TRAIN VALID --schema S --label L [tree settings] [--threads T]
      Gradient boosting with the same settings as `lanterne train --kind gbdt`.
      Times the fit only (from in-memory pandas frames to a trained booster,
      the library's own binning included), then reports validation AUC and log
      loss. `lightgbm` also times batch scoring of the validation rows:
      `booster.predict` on the in-memory frame, and the whole job `lanterne
      score` does (load the model file, read the CSV, predict, write the scores),
      unless --no-score. `read_seconds` is the time pandas took to read both
      files: with `fit_seconds`, LightGBM's read + train.

  logistic TRAIN VALID --schema S --label L [--C 1.0]
      scikit-learn LogisticRegression(lbfgs) on the encoding Lanterne uses: one
      indicator per training level of a categorical feature, a missing
      indicator (and mean imputation) for a numeric feature with missing
      values, every input standardised with the population standard deviation.
      Times the fit only.

Features are the schema's columns with role "feature": "category" columns
become pandas categories (read as text, levels of the training file sorted as
strings; a level unseen in training is missing), the others float64. Rows
whose label is missing are left out, as `lanterne train` does.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd


def log(message: str) -> None:
    print(f"[models-peer] {message}", file=sys.stderr, flush=True)


def emit(result: dict) -> None:
    print(json.dumps(result), flush=True)


# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------

def read_schema(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["columns"]


def write_split(frame: pd.DataFrame, train_path: str, valid_path: str, share: float,
                float_format: str | None = None) -> tuple[int, int]:
    if not 0.0 < share < 1.0:
        sys.exit(f"--train-share must lie strictly between 0 and 1 (got {share})")
    cut = int(round(len(frame) * share))
    if cut == 0 or cut == len(frame):
        sys.exit(f"{len(frame)} rows are too few to split at {share}")
    frame.iloc[:cut].to_csv(train_path, index=False, lineterminator="\n", float_format=float_format)
    frame.iloc[cut:].to_csv(valid_path, index=False, lineterminator="\n", float_format=float_format)
    return cut, len(frame) - cut


def positive_rates(labels: pd.Series, cut: int) -> tuple[float, float]:
    values = pd.to_numeric(labels.replace("", np.nan), errors="raise").to_numpy(dtype=np.float64)
    return float(np.nanmean(values[:cut])), float(np.nanmean(values[cut:]))


def command_split(args) -> None:
    frame = pd.read_csv(args.csv, dtype=str, keep_default_na=False, na_filter=False)
    train, valid = write_split(frame, args.train, args.valid, args.train_share)
    log(f"{args.csv}: {train} training rows -> {args.train}, {valid} validation rows -> {args.valid}")
    result = {"training_rows": train, "validation_rows": valid, "columns": int(frame.shape[1])}
    if args.label:
        if args.label not in frame.columns:
            sys.exit(f"{args.csv}: no column {args.label}")
        result["training_positive_rate"], result["validation_positive_rate"] = positive_rates(frame[args.label], train)
    emit(result)


NUMERIC_FEATURES = 28
NUMERIC_BOOLEANS = 4  # the last four features are 0/1


def make_numeric(rows: int, seed: int) -> pd.DataFrame:
    """28 features of assorted shapes; the label depends on nine of them."""
    rng = np.random.default_rng(seed)
    n = rows
    columns: dict[str, np.ndarray] = {"id": np.arange(1, n + 1)}
    x = np.empty((NUMERIC_FEATURES, n))
    shared = rng.normal(0.0, 1.0, n)  # a common factor: correlated features
    for j in range(NUMERIC_FEATURES - NUMERIC_BOOLEANS):
        kind = j % 6
        if kind == 0:
            x[j] = rng.normal(0.0, 1.0, n)
        elif kind == 1:
            x[j] = rng.uniform(-2.0, 2.0, n)
        elif kind == 2:
            x[j] = rng.lognormal(0.0, 0.75, n)                  # skewed, positive
        elif kind == 3:
            x[j] = 0.6 * shared + 0.8 * rng.normal(0.0, 1.0, n)  # correlated group
        elif kind == 4:
            x[j] = rng.poisson(3.0, n).astype(np.float64)       # counts: many ties
        else:
            x[j] = np.round(rng.normal(50.0, 15.0, n))          # integer-valued, shifted
    for j in range(NUMERIC_FEATURES - NUMERIC_BOOLEANS, NUMERIC_FEATURES):
        x[j] = (rng.random(n) < 0.15 + 0.1 * (j % 3)).astype(np.float64)
    b1, b2 = x[NUMERIC_FEATURES - 4], x[NUMERIC_FEATURES - 3]
    z = (-1.0
         + 0.9 * x[0] - 0.7 * x[1] + 0.5 * np.log(x[2]) + 0.4 * x[3]
         + 0.6 * x[0] * x[1]                       # interaction
         - 0.5 * np.sin(2.0 * x[7]) * x[9]         # non-linear interaction
         + 0.03 * (x[5] - 50.0) * (x[6] > 0)      # threshold interaction
         + 0.15 * (x[4] - 3.0)
         + 0.8 * b1 - 0.6 * b1 * x[3] + 0.4 * b2
         + rng.normal(0.0, 0.5, n))
    label = (rng.random(n) < 1.0 / (1.0 + np.exp(-z))).astype(np.int64)
    for j in range(NUMERIC_FEATURES):
        columns[f"x{j + 1:02d}"] = x[j].astype(np.int64) if j >= NUMERIC_FEATURES - NUMERIC_BOOLEANS else x[j]
    columns["label"] = label
    return pd.DataFrame(columns)


def numeric_schema() -> dict:
    source = "synthétique (scripts/bench/models_peer.py numeric)"
    columns = [{"name": "id", "role": "id", "type": "number", "description": "Row number", "source": source}]
    for j in range(NUMERIC_FEATURES):
        kind = "boolean" if j >= NUMERIC_FEATURES - NUMERIC_BOOLEANS else "number"
        columns.append({"name": f"x{j + 1:02d}", "role": "feature", "type": kind, "description": "", "source": source})
    columns.append({"name": "label", "role": "label", "type": "boolean",
                    "description": "Outcome drawn from a logistic model", "source": source})
    return {"columns": columns}


def command_numeric(args) -> None:
    frame = make_numeric(args.rows, args.seed)
    # Seven significant digits keep the file compact; every tool reads the same text.
    train, valid = write_split(frame, args.train, args.valid, args.train_share, float_format="%.7g")
    with open(args.schema, "w", encoding="utf-8") as handle:
        json.dump(numeric_schema(), handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    train_rate, valid_rate = positive_rates(frame["label"].astype(str), train)
    log(f"numeric: {len(frame)} rows x {NUMERIC_FEATURES} features, positive rate {frame['label'].mean():.3f}")
    emit({"training_rows": train, "validation_rows": valid, "columns": int(frame.shape[1]),
          "training_positive_rate": train_rate, "validation_positive_rate": valid_rate})


class Dataset:
    """A CSV file read the way `lanterne train` reads it."""

    def __init__(self, path: str, schema: list[dict], label: str, levels: dict[str, list[str]] | None = None):
        names = {c["name"] for c in schema}
        if label not in names:
            sys.exit(f"label {label} is not in the schema")
        self.features = [c["name"] for c in schema if c["role"] == "feature" and c["name"] != label]
        self.categorical = [c["name"] for c in schema
                            if c["role"] == "feature" and c["type"] == "category" and c["name"] != label]
        id_columns = [c["name"] for c in schema if c["role"] == "id"]
        wanted = self.features + [label] + id_columns
        raw = pd.read_csv(path, usecols=lambda name: name in wanted,
                          dtype={name: str for name in self.categorical},
                          keep_default_na=False, na_values=[""])
        y = pd.to_numeric(raw[label], errors="raise").to_numpy(dtype=np.float64)
        keep = ~np.isnan(y)
        if not keep.all():
            log(f"{path}: {int((~keep).sum())} row(s) without {label} left out")
            raw = raw.loc[keep].reset_index(drop=True)
            y = y[keep]
        if not np.isin(y, [0.0, 1.0]).all():
            sys.exit(f"{path}: {label} must be 0/1")
        self.y = y
        self.ids = raw[id_columns] if id_columns else None
        if levels is None:
            levels = {name: sorted({str(v) for v in raw[name].dropna()}) for name in self.categorical}
        self.levels = levels
        frame = {}
        for name in self.features:
            if name in self.categorical:
                frame[name] = pd.Categorical(raw[name].astype(object), categories=levels[name])
            else:
                frame[name] = pd.to_numeric(raw[name], errors="raise").astype(np.float64)
        self.x = pd.DataFrame(frame)

    @property
    def rows(self) -> int:
        return len(self.y)


def load_pair(args) -> tuple[Dataset, Dataset, float]:
    start = time.perf_counter()
    schema = read_schema(args.schema)
    train = Dataset(args.train, schema, args.label)
    valid = Dataset(args.valid, schema, args.label, levels=train.levels)
    seconds = time.perf_counter() - start
    log(f"read {train.rows} training and {valid.rows} validation rows, {len(train.features)} features "
        f"({len(train.categorical)} categorical) in {seconds:.1f} s (not timed)")
    return train, valid, seconds


# --------------------------------------------------------------------------
# Metrics
# --------------------------------------------------------------------------

def auc(y: np.ndarray, score: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score
    return float(roc_auc_score(y, score))


def log_loss(y: np.ndarray, p: np.ndarray) -> float:
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-15, 1.0 - 1e-15)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log1p(-p)))


def base_result(library: str, train: Dataset, valid: Dataset, read_seconds: float) -> dict:
    return {
        "library": library,
        "version": metadata.version(library),
        "rows": train.rows,
        "validation_rows": valid.rows,
        "features": len(train.features),
        "categorical": len(train.categorical),
        "read_seconds": round(read_seconds, 3),
    }


# --------------------------------------------------------------------------
# Gradient boosting
# --------------------------------------------------------------------------

def command_lightgbm(args) -> None:
    import lightgbm as lgb

    train, valid, read_seconds = load_pair(args)
    params = {
        "objective": "binary",
        "metric": "binary_logloss",
        "num_leaves": args.leaves,
        "learning_rate": args.learning_rate,
        "max_bin": args.bins,
        "min_data_in_leaf": args.min_leaf,
        "min_sum_hessian_in_leaf": 1e-3,
        "lambda_l2": 0.0,
        "feature_fraction": 1.0,
        "bagging_fraction": 1.0,
        "seed": args.seed,
        "num_threads": args.threads,
        "verbose": -1,
    }
    # As `lanterne train --valid-file --early-stopping 0`: every round is
    # evaluated on the validation rows, none stops the training.
    start = time.perf_counter()
    train_set = lgb.Dataset(train.x, label=train.y, categorical_feature=train.categorical or "auto")
    valid_set = lgb.Dataset(valid.x, label=valid.y, reference=train_set)
    booster = lgb.train(params, train_set, num_boost_round=args.trees, valid_sets=[valid_set])
    fit_seconds = time.perf_counter() - start

    start = time.perf_counter()
    probability = booster.predict(valid.x, num_threads=args.threads)
    predict_seconds = time.perf_counter() - start

    result = base_result("lightgbm", train, valid, read_seconds)
    result.update({
        "fit_seconds": round(fit_seconds, 3),
        "trees": booster.num_trees(),
        "validation_auc": auc(valid.y, probability),
        "validation_log_loss": log_loss(valid.y, probability),
        "predict_seconds": round(predict_seconds, 4),
        "predict_rows_per_second": valid.rows / predict_seconds if predict_seconds > 0 else None,
    })

    if args.no_score:
        emit(result)
        return
    # The job of `lanterne score MODEL VALID --out S`: load a model file, read
    # the CSV, predict, write the scores next to the ids.
    with tempfile.TemporaryDirectory(prefix="models-peer-") as tmp:
        model_path = os.path.join(tmp, "model.txt")
        booster.save_model(model_path)
        schema = read_schema(args.schema)
        start = time.perf_counter()
        loaded = lgb.Booster(model_file=model_path)
        cases = Dataset(args.valid, schema, args.label, levels=train.levels)
        scores = loaded.predict(cases.x, num_threads=args.threads)
        table = cases.ids.copy() if cases.ids is not None else pd.DataFrame(index=range(cases.rows))
        table["score"] = scores
        table.to_csv(args.score_out or os.path.join(tmp, "scores.csv"), index=False, lineterminator="\n")
        score_file_seconds = time.perf_counter() - start
    result["score_file_seconds"] = round(score_file_seconds, 3)
    result["score_file_rows_per_second"] = cases.rows / score_file_seconds
    emit(result)


def command_xgboost(args) -> None:
    import xgboost as xgb

    train, valid, read_seconds = load_pair(args)
    params = {
        "objective": "binary:logistic",
        "eval_metric": "logloss",
        "tree_method": "hist",
        "grow_policy": "lossguide",
        "max_depth": 0,
        "max_leaves": args.leaves,
        "eta": args.learning_rate,
        "max_bin": args.bins,
        "seed": args.seed,
        "nthread": args.threads,
    }
    start = time.perf_counter()
    dtrain = xgb.DMatrix(train.x, label=train.y, enable_categorical=True, nthread=args.threads)
    dvalid = xgb.DMatrix(valid.x, label=valid.y, enable_categorical=True, nthread=args.threads)
    booster = xgb.train(params, dtrain, num_boost_round=args.trees, evals=[(dvalid, "valid")], verbose_eval=False)
    fit_seconds = time.perf_counter() - start

    start = time.perf_counter()
    probability = booster.predict(dvalid)
    predict_seconds = time.perf_counter() - start

    result = base_result("xgboost", train, valid, read_seconds)
    result.update({
        "fit_seconds": round(fit_seconds, 3),
        "trees": booster.num_boosted_rounds(),
        "validation_auc": auc(valid.y, probability),
        "validation_log_loss": log_loss(valid.y, probability),
        "predict_seconds": round(predict_seconds, 4),
        "predict_rows_per_second": valid.rows / predict_seconds if predict_seconds > 0 else None,
    })
    emit(result)


# --------------------------------------------------------------------------
# Logistic regression
# --------------------------------------------------------------------------

class LogisticEncoding:
    """Lanterne's logistic inputs, with every statistic taken from the training rows."""

    def __init__(self, train: Dataset):
        self.train = train
        self.impute = {}      # numeric feature -> training mean (missing values ignored)
        self.indicator = {}   # numeric feature -> has a missing indicator
        for name in train.features:
            if name not in train.categorical:
                values = train.x[name].to_numpy(dtype=np.float64)
                present = ~np.isnan(values)
                self.impute[name] = float(values[present].mean()) if present.any() else 0.0
                self.indicator[name] = not present.all()
        raw = self.raw(train)
        self.mean = raw.mean(axis=0)
        self.scale = raw.std(axis=0)    # population standard deviation (ddof = 0)
        self.keep = self.scale > 1e-12  # constant inputs are dropped, as Lanterne does

    def width(self) -> int:
        return sum(len(self.train.levels[name]) if name in self.train.categorical else 1 + self.indicator[name]
                   for name in self.train.features)

    def raw(self, data: Dataset) -> np.ndarray:
        # Filled column by column in place: at a million rows and a hundred-odd
        # indicators, a list of columns stacked afterwards would double the peak.
        matrix = np.empty((data.rows, self.width()), dtype=np.float64, order="F")
        at = 0
        for name in self.train.features:
            column = data.x[name]
            if name in self.train.categorical:
                codes = column.cat.codes.to_numpy()
                for index in range(len(self.train.levels[name])):
                    np.equal(codes, index, out=matrix[:, at], casting="unsafe")
                    at += 1
            else:
                values = column.to_numpy(dtype=np.float64)
                missing = np.isnan(values)
                matrix[:, at] = np.where(missing, self.impute[name], values)
                at += 1
                if self.indicator[name]:
                    matrix[:, at] = missing
                    at += 1
        return matrix

    def transform(self, data: Dataset) -> np.ndarray:
        matrix = self.raw(data)
        if not self.keep.all():
            matrix = np.asfortranarray(matrix[:, self.keep])
        matrix -= self.mean[self.keep]
        matrix /= self.scale[self.keep]
        return matrix


def command_logistic(args) -> None:
    from sklearn.linear_model import LogisticRegression

    train, valid, read_seconds = load_pair(args)
    start = time.perf_counter()
    encoding = LogisticEncoding(train)
    x_train = encoding.transform(train)
    x_valid = encoding.transform(valid)
    encode_seconds = time.perf_counter() - start
    log(f"encoded {x_train.shape[1]} inputs in {encode_seconds:.1f} s (not timed)")

    model = LogisticRegression(C=args.C, solver="lbfgs", tol=args.tol, max_iter=args.max_iter)
    start = time.perf_counter()
    model.fit(x_train, train.y)
    fit_seconds = time.perf_counter() - start
    probability = model.predict_proba(x_valid)[:, 1]

    result = base_result("scikit-learn", train, valid, read_seconds)
    result.update({
        "fit_seconds": round(fit_seconds, 3),
        "inputs": int(x_train.shape[1]),
        "iterations": int(np.max(model.n_iter_)),
        "tol": args.tol,
        "validation_auc": auc(valid.y, probability),
        "validation_log_loss": log_loss(valid.y, probability),
    })
    emit(result)


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------

def add_pair_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("train", help="training CSV")
    parser.add_argument("valid", help="validation CSV")
    parser.add_argument("--schema", required=True, help="Lanterne schema JSON")
    parser.add_argument("--label", required=True, help="0/1 label column")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)


def add_tree_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--trees", type=int, default=500)
    parser.add_argument("--leaves", type=int, default=31)
    parser.add_argument("--learning-rate", type=float, default=0.05)
    parser.add_argument("--bins", type=int, default=255)
    parser.add_argument("--min-leaf", type=int, default=20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    split = commands.add_parser("split", help="split a CSV file into training and validation rows")
    split.add_argument("csv")
    split.add_argument("--train", required=True)
    split.add_argument("--valid", required=True)
    split.add_argument("--train-share", type=float, default=0.8)
    split.add_argument("--label", help="also report the share of 1s of this 0/1 column in each part")
    split.set_defaults(run=command_split)

    numeric = commands.add_parser("numeric", help="write the synthetic numeric data set")
    numeric.add_argument("--rows", type=int, required=True)
    numeric.add_argument("--seed", type=int, default=1)
    numeric.add_argument("--train", required=True)
    numeric.add_argument("--valid", required=True)
    numeric.add_argument("--schema", required=True)
    numeric.add_argument("--train-share", type=float, default=0.8)
    numeric.set_defaults(run=command_numeric)

    lightgbm = commands.add_parser("lightgbm", help="LightGBM gbdt fit, validation and scoring")
    add_pair_arguments(lightgbm)
    add_tree_arguments(lightgbm)
    lightgbm.add_argument("--score-out", help="where to write the scores of the timed scoring job")
    lightgbm.add_argument("--no-score", action="store_true",
                          help="skip the timed scoring job (for the boosting-by-size table of models.sh)")
    lightgbm.set_defaults(run=command_lightgbm)

    xgboost = commands.add_parser("xgboost", help="XGBoost hist (lossguide) fit and validation")
    add_pair_arguments(xgboost)
    add_tree_arguments(xgboost)
    xgboost.set_defaults(run=command_xgboost)

    logistic = commands.add_parser("logistic", help="scikit-learn LogisticRegression fit and validation")
    add_pair_arguments(logistic)
    logistic.add_argument("--C", type=float, default=1.0)
    logistic.add_argument("--tol", type=float, default=1e-8)
    logistic.add_argument("--max-iter", type=int, default=2000)
    logistic.set_defaults(run=command_logistic)

    args = parser.parse_args()
    if args.command == "numeric" and args.rows < 10:
        parser.error("--rows must be at least 10")
    args.run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
