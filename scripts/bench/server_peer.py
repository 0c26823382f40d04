#!/usr/bin/env python3
"""The Python side of scripts/bench/server.sh: LightGBM model, cases, FastAPI peer.

It trains the LightGBM model both servers use, writes the cases, and is the
FastAPI + uvicorn endpoint Lanterne's score route is compared with.

Subcommands (each prints one JSON line on stdout; progress on stderr):

  train SYNTH --schema S --label L --model-out MODEL.txt [--trees 100 --leaves 31
        --learning-rate 0.05 --min-leaf 20 --seed 1 --threads 2]
      Trains a LightGBM binary model on the schema's "feature" columns of SYNTH
      and saves it as LightGBM text (booster.save_model), which `lanterne import
      lightgbm` reads. "category" columns become pandas categories with their
      levels sorted as strings (LightGBM keeps them in the file's
      pandas_categorical line, and the import gives them to the Lanterne model);
      the others, booleans included, are float64. Rows without a label are left out.

  cases SYNTH --model MODEL.txt --rows N --out CASES.jsonl
      Writes the first N rows of SYNTH as request bodies, one a line:
      {"case": {"feature": value, ...}} with the model's features only (the
      score route refuses a field the model does not read), category labels as
      text, numbers as JSON numbers, empty fields as null.

  compare CASES.jsonl --lanterne URL --token TOKEN --peer URL [--tolerance 1e-9]
      Posts every case to both servers and reports the largest absolute
      difference of the score, the logit and the contributions. Exits 1 when
      the score differs by more than --tolerance.

The endpoint is an application factory for uvicorn:

  SERVER_PEER_MODEL=MODEL.txt OMP_NUM_THREADS=1 \\
    python -m uvicorn server_peer:create_app --factory --app-dir scripts/bench \\
      --host 127.0.0.1 --port 8091 --workers 2 --no-access-log

  POST /score {"case": {"feature": value, ...}}
    -> {"score", "logit", "base", "contributions": {"feature": c}, "missing": [...]}
  the fields and meaning of Lanterne's `POST /api/v1/algorithms/{id}/score`.
  One row goes through booster.predict(row, pred_contrib=True): LightGBM's C++
  TreeSHAP, whose last column is the base; the logit is their sum and the
  score its logistic, as Lanterne computes them. A case is encoded as Lanterne
  encodes it (CaseEncoder): a category's label becomes its position among the
  model's levels (the code LightGBM was trained on), an unknown label or null
  is missing (NaN); a number feature takes a number, true/false as 1/0, or text
  holding a number; a field the model does not read answers 422.
  GET /health -> {"status": "ok"}.
"""

# No `from __future__ import annotations`: FastAPI must see the endpoint's
# annotations as classes, and the request model is local to create_app.
import argparse
import json
import math
import os
import sys
import time
import urllib.error
import urllib.request
from importlib import metadata
from typing import Union

import numpy as np


def log(message: str) -> None:
    print(f"[server-peer] {message}", file=sys.stderr, flush=True)


def emit(result: dict) -> None:
    print(json.dumps(result), flush=True)


# --------------------------------------------------------------------------
# The model's features, as Lanterne's import reads them
# --------------------------------------------------------------------------

def model_features(model_path: str):
    """The booster, its feature names and, for each categorical feature, its levels.

    Like `lanterne import lightgbm`: the categorical features are those whose
    `feature_infos` entry is a list of categories rather than a `[min:max]`
    range, and the file's `pandas_categorical` gives their levels in that order.
    """
    import lightgbm as lgb

    booster = lgb.Booster(model_file=model_path)
    names = booster.feature_name()
    infos: list[str] = []
    with open(model_path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("feature_infos="):
                infos = line.rstrip("\n").split("=", 1)[1].split(" ")
                break
            if line.startswith("Tree="):
                break
    categorical = [i for i, info in enumerate(infos) if not info.startswith("[") and info != "none"]
    stored = booster.pandas_categorical or []
    if len(stored) != len(categorical):
        sys.exit(f"{model_path}: pandas_categorical gives {len(stored)} lists for {len(categorical)} categorical features")
    levels = {names[i]: [level_text(v) for v in values] for i, values in zip(categorical, stored)}
    return booster, names, levels


def level_text(value) -> str:
    """A level as text, as the import writes it (numbers in their shortest form)."""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --------------------------------------------------------------------------
# cases
# --------------------------------------------------------------------------

def json_number(text: str):
    value = float(text)
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() and abs(value) < 2 ** 53 else value


def command_cases(args) -> None:
    import csv

    _, names, levels = model_features(args.model)
    written = 0
    with open(args.synth, newline="", encoding="utf-8") as source, \
            open(args.out, "w", encoding="utf-8") as out:
        reader = csv.DictReader(source)
        missing = [name for name in names if name not in (reader.fieldnames or [])]
        if missing:
            sys.exit(f"{args.synth}: no column(s) {missing}")
        for record in reader:
            if written == args.rows:
                break
            case = {}
            for name in names:
                text = record[name]
                if text == "":
                    case[name] = None
                elif name in levels:
                    case[name] = text
                else:
                    case[name] = json_number(text)
            out.write(json.dumps({"case": case}, ensure_ascii=False) + "\n")
            written += 1
    if written < args.rows:
        sys.exit(f"{args.synth} has {written} rows, fewer than {args.rows}")
    log(f"{written} case(s), {len(names)} features ({len(levels)} categorical) -> {args.out}")
    emit({"cases": written, "features": len(names), "categorical": len(levels)})


# --------------------------------------------------------------------------
# compare
# --------------------------------------------------------------------------

def post(url: str, body: bytes, token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read())
    except urllib.error.HTTPError as error:
        sys.exit(f"POST {url}: HTTP {error.code}: {error.read()[:500]!r}")


def command_compare(args) -> None:
    with open(args.cases, encoding="utf-8") as handle:
        bodies = [line.rstrip("\n").encode("utf-8") for line in handle if line.strip()]
    bodies = bodies[: args.rows] if args.rows else bodies
    worst_score = worst_logit = worst_contribution = 0.0
    scores = []
    for body in bodies:
        ours = post(args.lanterne, body, args.token)
        theirs = post(args.peer, body)
        worst_score = max(worst_score, abs(float(ours["score"]) - float(theirs["score"])))
        worst_logit = max(worst_logit, abs(float(ours["logit"]) - float(theirs["logit"])))
        if set(ours["contributions"]) != set(theirs["contributions"]):
            sys.exit(f"the two servers name different features: {sorted(ours['contributions'])} "
                     f"vs {sorted(theirs['contributions'])}")
        for name, value in ours["contributions"].items():
            worst_contribution = max(worst_contribution, abs(float(value) - float(theirs["contributions"][name])))
        scores.append(float(ours["score"]))
    passed = worst_score <= args.tolerance
    log(f"{len(bodies)} case(s): max |score difference| {worst_score:.3g}, logit {worst_logit:.3g}, "
        f"contributions {worst_contribution:.3g} ({'within' if passed else 'BEYOND'} {args.tolerance:g})")
    emit({
        "cases": len(bodies),
        "max_score_difference": worst_score,
        "max_logit_difference": worst_logit,
        "max_contribution_difference": worst_contribution,
        "tolerance": args.tolerance,
        "passed": passed,
        "scores": scores,
    })
    if not passed:
        sys.exit(1)


# --------------------------------------------------------------------------
# The endpoint
# --------------------------------------------------------------------------

CaseField = Union[bool, float, str, None]


def create_app():
    """The FastAPI application (uvicorn --factory calls it once in each worker)."""
    from fastapi import FastAPI, HTTPException
    from pydantic import BaseModel

    path = os.environ.get("SERVER_PEER_MODEL")
    if not path:
        sys.exit("SERVER_PEER_MODEL must name the LightGBM text model")
    booster, names, levels = model_features(path)
    index = {name: i for i, name in enumerate(names)}
    codes = {name: {level: float(code) for code, level in enumerate(values)} for name, values in levels.items()}
    width = len(names)

    class ScoreRequest(BaseModel):
        case: dict[str, CaseField]

    app = FastAPI(title="LightGBM score (benchmark peer)")

    def encode(case: dict) -> np.ndarray:
        unknown = sorted(set(case) - set(index))
        if unknown:
            raise HTTPException(status_code=422, detail=f"not among the model's features: {unknown}")
        row = np.full((1, width), np.nan)
        for name, value in case.items():
            if value is None:
                continue
            i = index[name]
            if name in codes:
                if isinstance(value, bool):
                    label = "true" if value else "false"
                elif isinstance(value, float):
                    label = level_text(value)
                else:
                    label = value
                row[0, i] = codes[name].get(label, np.nan)
            elif isinstance(value, (bool, float, int)):
                row[0, i] = float(value)
            else:
                try:
                    number = float(value) if value != "" else math.nan
                except ValueError:
                    raise HTTPException(status_code=422, detail=f"case.{name}: not a number") from None
                row[0, i] = number
        return row

    @app.post("/score")
    async def score(request: ScoreRequest) -> dict:
        row = encode(request.case)
        parts = booster.predict(row, pred_contrib=True)[0]
        logit = float(parts.sum())
        return {
            "score": 1.0 / (1.0 + math.exp(-logit)),
            "logit": logit,
            "base": float(parts[-1]),
            "contributions": {name: float(parts[i]) for i, name in enumerate(names)},
            "missing": [name for i, name in enumerate(names) if math.isnan(row[0, i])],
        }

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok"}

    return app


def command_versions(_args) -> None:
    """The versions of the serving stack and what uvicorn's --loop auto / --http auto pick."""
    versions = {}
    for package in ["fastapi", "uvicorn", "starlette", "pydantic", "uvloop", "httptools", "lightgbm", "numpy"]:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    try:
        import uvloop  # noqa: F401
        loop = "uvloop"
    except ImportError:
        loop = "asyncio"
    try:
        import httptools  # noqa: F401
        http = "httptools"
    except ImportError:
        http = "h11"
    versions["loop"] = loop
    versions["http"] = http
    emit(versions)


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    # The same training as explain.sh's peer, without a depth limit (LightGBM's -1).
    import explain_peer

    explain_peer.add_train_command(commands, population="entreprises", trees=100, leaves=31, max_depth=-1)

    cases = commands.add_parser("cases", help="write request bodies from the first rows")
    cases.add_argument("synth")
    cases.add_argument("--model", required=True, help="LightGBM text model")
    cases.add_argument("--rows", type=int, required=True)
    cases.add_argument("--out", required=True)
    cases.set_defaults(run=command_cases)

    compare = commands.add_parser("compare", help="the same cases scored by both servers")
    compare.add_argument("cases", help="bodies written by `cases`")
    compare.add_argument("--lanterne", required=True, help="URL of Lanterne's score route")
    compare.add_argument("--token", required=True, help="Lanterne session token")
    compare.add_argument("--peer", required=True, help="URL of the peer's /score")
    compare.add_argument("--rows", type=int, default=0, help="compare the first N cases only (0: all)")
    compare.add_argument("--tolerance", type=float, default=1e-9)
    compare.set_defaults(run=command_compare)

    versions = commands.add_parser("versions", help="versions of the serving stack")
    versions.set_defaults(run=command_versions)

    args = parser.parse_args()
    if args.command == "cases" and args.rows < 1:
        parser.error("--rows must be at least 1")
    args.run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
