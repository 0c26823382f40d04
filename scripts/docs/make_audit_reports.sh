#!/usr/bin/env bash
# Regenerates the audit reports in docs/audit/: the past controls of synthetic households (the bias planted by
# `synth foyers`, docs/synthetic-populations.md) and ProPublica's COMPAS audit (from ../shared/realcases, skipped
# with a message when that folder is absent). The same commands give the same bytes.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
lanterne="${LANTERNE:-$root/.build/debug/lanterne}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="$root/docs/audit"
mkdir -p "$out"
cd "$work"
"$lanterne" synth foyers --rows 100000 --seed 1 --out foyers.csv --schema-out schema.json
# Who was controlled in the past (controle_passe) against the hidden truth (irregularite_reelle), with the 1 %
# random draw measured apart.
"$lanterne" audit foyers.csv --schema schema.json --label irregularite_reelle \
    --protected parent_isole,qpv,nationalite,parent_isole*qpv --prediction controle_passe \
    --random-draw tirage_aleatoire --min-group 30 --bootstrap 1000 --seed 1 \
    --proxies departement,zone,declaration_en_ligne --json "$out/controles-foyers.json" \
    --markdown "$out/controles-foyers.md" --report "$out/controles-foyers.html"
# A model trained on past adjustments with the blanks (households never controlled) read as "no irregularity", as
# docs/synthetic-populations.md warns, then used to choose the next 4 % (the share controlled in the past): audited
# against the hidden truth, with the random draw, the capacity sweep and the score's proxies. Column 33 is
# redressement.
awk -F, -v OFS=, 'NR > 1 && $33 == "" { $33 = 0 } { print }' foyers.csv > foyers-zero.csv
"$lanterne" train foyers-zero.csv --schema schema.json --kind logistic --label redressement --out modele.json > /dev/null
"$lanterne" audit foyers-zero.csv --model modele.json --top-percent 4 --label irregularite_reelle \
    --protected parent_isole,qpv,nationalite,parent_isole*qpv --random-draw tirage_aleatoire --min-group 30 \
    --bootstrap 1000 --seed 1 --sweep --proxies departement,zone,declaration_en_ligne \
    --json "$out/modele-foyers.json" --markdown "$out/modele-foyers.md" --report "$out/modele-foyers.html"
compas="$root/../shared/realcases/compas/compas-scores-two-years.csv"
if [[ -f "$compas" ]]; then
    cp "$compas" compas.csv
    "$lanterne" audit compas.csv --label two_year_recid --protected race,sex,race*sex --positive 'score_text != Low' \
        --where 'days_b_screening_arrest <= 30' --where 'days_b_screening_arrest >= -30' --where 'is_recid != -1' \
        --where 'c_charge_degree != O' --where 'score_text != N/A' --min-group 30 --bootstrap 1000 --seed 1 \
        --proxies priors_count,age,juv_fel_count --markdown "$out/compas.md" --report "$out/compas.html" > /dev/null \
        || true # the gates are not set here: exit 1 only comes from gates
else
    echo "skipped: $compas is absent" >&2
fi
echo "docs/audit written" >&2
