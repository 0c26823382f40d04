#!/usr/bin/env bash
# Regenerates the sample notice in docs/notice/ from a synthetic household: the same commands give the same bytes,
# and LanterneCLITests checks that the committed text is what they give today.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
lanterne="${LANTERNE:-$root/.build/debug/lanterne}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
"$lanterne" synth foyers --rows 10000 --seed 1 --out foyers.csv --schema-out schema.json
"$lanterne" train foyers.csv --schema schema.json --kind gbdt --label irregularite_reelle --trees 200 --seed 1 \
    --threads 1 --out modele.json > /dev/null
for format in text html; do
    extension=$([ "$format" = text ] && echo txt || echo html)
    "$lanterne" notice "$root/docs/notice/card.json" modele.json foyers.csv --id 1242 --format "$format" \
        --date "29 novembre 2026" --out "$root/docs/notice/exemple-foyer-1242.$extension"
done
echo "docs/notice/exemple-foyer-1242.txt and .html written"
