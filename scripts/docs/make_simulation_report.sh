#!/usr/bin/env bash
# Regenerates the feedback-loop simulation report in docs/simulation/ (issue 16, point 7): the default command, in
# JSON, Markdown and HTML. The same command gives the same bytes.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
lanterne="${LANTERNE:-$root/.build/debug/lanterne}"
out="$root/docs/simulation"
mkdir -p "$out"
arguments=(simulate --periods 5 --rows 20000 --history-rows 200000 --random-share 0.1 --seed 1)
"$lanterne" "${arguments[@]}" --format json --out "$out/simulation.json"
"$lanterne" "${arguments[@]}" --format markdown --out "$out/simulation.md"
"$lanterne" "${arguments[@]}" --format html --out "$out/simulation.html"
