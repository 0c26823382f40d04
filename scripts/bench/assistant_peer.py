#!/usr/bin/env python3
"""The peers of scripts/bench/assistant.sh: BM25 retrieval with bm25s and rank_bm25.

    assistant_peer.py KB_DIR QUESTIONS.csv [--peers bm25s,rank_bm25] [--repeat 3] [--max-queries N]

Reads the Markdown articles of KB_DIR (the format of
Sources/LanterneAssistant/Knowledge, parsed like KnowledgeBase.parse) and makes
one document per paragraph, the article's title prepended ("title\\nparagraph"),
as Lanterne's paragraph passages are. Reading the files is not timed. Then, for
each peer named in --peers, in that order:

- bm25s: bm25s.tokenize(texts, stopwords="fr") (its default tokenizer: lower
  case, the regex (?u)\\b\\w\\w+\\b, its French stop words; no stemmer) and
  bm25s.BM25().index(tokens) (its defaults: method "lucene", k1 1.5, b 0.75);
  a query is bm25s.tokenize([question], stopwords="fr") and
  retriever.retrieve(tokens, k=3, n_threads=0) (n_threads 0 is bm25s's
  sequential path: no thread pool at all);
- rank_bm25: each text lower-cased, every character that is neither a word
  character nor a space replaced by a space (so punctuation and apostrophes
  split words), split on white space; rank_bm25.BM25Okapi(tokens) (its
  defaults: k1 1.5, b 0.75, epsilon 0.25); a query is tokenized the same way,
  scored with get_scores(tokens) and its 3 best passages taken with
  numpy.argpartition. BM25Okapi scores every passage for each query term in
  Python, so --max-queries caps its questions (an evenly spaced sample of the
  CSV's, the same each round).

"build" is tokenizing the passages plus building the index; a query is the
whole reply: tokenizing the question plus retrieving the top 3. The questions
(column "question" of the CSV) are asked one at a time, --repeat rounds; p50
and p99 are nearest-rank percentiles of the per-query latencies, as `lanterne
assistant bench` computes them, and queries_per_second is the queries over the
time of the whole loop. Everything runs on one thread: OMP_NUM_THREADS,
OPENBLAS_NUM_THREADS, MKL_NUM_THREADS and NUMBA_NUM_THREADS are set to 1
before numpy is imported.

Prints one JSON line per peer on stdout; progress on stderr.
"""

from __future__ import annotations

import os

# One thread, before numpy (and numba, which bm25s may import) read these.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS",
                  "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from importlib import metadata  # noqa: E402

import numpy as np  # noqa: E402

PEERS = ("bm25s", "rank_bm25")
TOP_K = 3


def log(message: str) -> None:
    print(f"[assistant-peer] {message}", file=sys.stderr, flush=True)


def emit(result: dict) -> None:
    print(json.dumps(result), flush=True)


# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------

def article_parts(text: str, path: str) -> tuple[str, list[str]]:
    """The title and paragraphs of an article (KnowledgeBase.parse's rules)."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0] != "---" or "---" not in lines[1:]:
        sys.exit(f"{path}: no front matter")
    end = lines.index("---", 1)
    title = None
    for line in lines[1:end]:
        if line.startswith("title:"):
            title = line[len("title:"):].strip()
            if len(title) >= 2 and title.startswith('"') and title.endswith('"'):
                title = title[1:-1].replace('\\"', '"')
    if not title:
        sys.exit(f"{path}: no title")
    body = "\n".join(lines[end + 1:])
    paragraphs = [" ".join(part.strip() for part in block.split("\n")) for block in body.split("\n\n")]
    return title, [p for p in paragraphs if p]


def read_passages(folder: str) -> tuple[int, list[str]]:
    """The number of articles and the passages ("title\\nparagraph") of the folder, articles in file-name order."""
    names = sorted(name for name in os.listdir(folder) if name.endswith(".md"))
    if not names:
        sys.exit(f"{folder}: no .md article")
    passages = []
    for name in names:
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8") as handle:
            title, paragraphs = article_parts(handle.read(), path)
        passages.extend(f"{title}\n{paragraph}" for paragraph in paragraphs)
    return len(names), passages


def read_questions(path: str) -> list[str]:
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "question" not in reader.fieldnames:
            sys.exit(f"{path}: no column \"question\"")
        return [row["question"] or "" for row in reader]


def sample(questions: list[str], limit: int) -> list[str]:
    """At most `limit` questions (0: all), evenly spaced over the list."""
    if limit <= 0 or limit >= len(questions):
        return questions
    return [questions[i * len(questions) // limit] for i in range(limit)]


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest rank, as `lanterne assistant bench`: the value at ceil(n p) - 1."""
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, max(0, math.ceil(len(sorted_values) * p) - 1))]


# --------------------------------------------------------------------------
# Peers: each returns (build seconds, query function, details)
# --------------------------------------------------------------------------

def build_bm25s(passages: list[str]):
    import bm25s

    start = time.perf_counter()
    tokens = bm25s.tokenize(passages, stopwords="fr", show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(tokens, show_progress=False)
    build = time.perf_counter() - start

    def query(question: str):
        question_tokens = bm25s.tokenize([question], stopwords="fr", show_progress=False)
        documents, _ = retriever.retrieve(question_tokens, k=TOP_K, n_threads=0, show_progress=False)
        return documents[0]

    details = {
        "version": metadata.version("bm25s"),
        "vocabulary": len(tokens.vocab),
        "method": retriever.method,
        "k1": retriever.k1,
        "b": retriever.b,
        "backend": retriever.backend,
        "tokenizer": "bm25s.tokenize(stopwords=\"fr\"), no stemmer",
    }
    return build, query, details


WORD_SEPARATORS = re.compile(r"[^\w\s]+")


def plain_tokens(text: str) -> list[str]:
    return WORD_SEPARATORS.sub(" ", text.lower()).split()


def build_rank_bm25(passages: list[str]):
    from rank_bm25 import BM25Okapi

    start = time.perf_counter()
    index = BM25Okapi([plain_tokens(text) for text in passages])
    build = time.perf_counter() - start

    def query(question: str):
        scores = index.get_scores(plain_tokens(question))
        best = np.argpartition(-scores, TOP_K - 1)[:TOP_K]
        return best[np.argsort(-scores[best], kind="stable")]

    details = {
        "version": metadata.version("rank_bm25"),
        "vocabulary": len(index.idf),
        "method": "BM25Okapi",
        "k1": index.k1,
        "b": index.b,
        "tokenizer": "lower case, [^\\w\\s] to spaces, split on white space",
    }
    return build, query, details


BUILDERS = {"bm25s": build_bm25s, "rank_bm25": build_rank_bm25}


# --------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------

def run_peer(name: str, folder: str, articles: int, passages: list[str], questions: list[str],
             repeat: int, max_queries: int) -> dict:
    asked = sample(questions, max_queries) if name == "rank_bm25" else questions
    log(f"{name}: building the index of {len(passages)} passages")
    build, query, details = BUILDERS[name](passages)
    log(f"{name}: built in {build:.3f} s; asking {len(asked)} questions x {repeat}")
    query(asked[0])  # one warm-up query, not timed (first-call imports and caches)
    latencies = []
    clock = time.perf_counter_ns
    loop_start = clock()
    for _ in range(repeat):
        for question in asked:
            begin = clock()
            query(question)
            latencies.append((clock() - begin) / 1e6)
    elapsed = (clock() - loop_start) / 1e9
    latencies.sort()
    result = {
        "tool": name,
        "kb": folder,
        "articles": articles,
        "passages": len(passages),
        "build_seconds": round(build, 6),
        "questions": len(asked),
        "questions_in_csv": len(questions),
        "queries": len(latencies),
        "p50_ms": round(percentile(latencies, 0.5), 6),
        "p99_ms": round(percentile(latencies, 0.99), 6),
        "max_ms": round(latencies[-1], 6),
        "queries_per_second": round(len(latencies) / elapsed, 3) if elapsed > 0 else None,
        "top_k": TOP_K,
        "numpy": np.__version__,
        "threads_env": os.environ["OMP_NUM_THREADS"],
    }
    result.update(details)
    log(f"{name}: p50 {result['p50_ms']:.3f} ms, p99 {result['p99_ms']:.3f} ms, "
        f"{result['queries_per_second']} queries/s")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kb", help="folder of Markdown articles")
    parser.add_argument("questions", help="CSV with a \"question\" column")
    parser.add_argument("--peers", default=",".join(PEERS),
                        help=f"comma-separated, among {', '.join(PEERS)} (default: both)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds over the questions (default 3)")
    parser.add_argument("--max-queries", type=int, default=0,
                        help="rank_bm25 only: at most this many questions per round, evenly spaced (0: all)")
    args = parser.parse_args()
    peers = [p.strip() for p in args.peers.split(",") if p.strip()]
    unknown = [p for p in peers if p not in BUILDERS]
    if unknown or not peers:
        parser.error(f"--peers: unknown {unknown}; choose among {', '.join(PEERS)}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.max_queries < 0:
        parser.error("--max-queries must be 0 or more")

    articles, passages = read_passages(args.kb)
    if len(passages) < TOP_K:
        sys.exit(f"{args.kb}: {len(passages)} passages, fewer than {TOP_K}")
    questions = read_questions(args.questions)
    if not questions:
        sys.exit(f"{args.questions}: no question")
    log(f"{articles} articles, {len(passages)} passages, {len(questions)} questions")
    for name in peers:
        emit(run_peer(name, args.kb, articles, passages, questions, args.repeat, args.max_queries))
    return 0


if __name__ == "__main__":
    sys.exit(main())
