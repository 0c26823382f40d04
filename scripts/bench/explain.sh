#!/usr/bin/env bash
# Explanation benchmark: exact path-dependent TreeSHAP, `lanterne explain`
# side by side with shap.TreeExplainer, on the same LightGBM model and rows.
#
#   scripts/bench/explain.sh
#
# Settings (environment variables):
#   ROWS          rows explained (the first rows of the synth file)            (default 10000)
#   TRAIN_ROWS    rows of `lanterne synth foyers`, all used for training       (default 200000)
#   TREES         LightGBM boosting rounds                                      (default 500)
#   DEPTH         LightGBM max_depth (num_leaves 255, so depth limits the trees) (default 8)
#   SEED          seed of `lanterne synth` and of LightGBM                      (default 1)
#   RUNS          timed runs of each explainer, the best one is kept            (default 2)
#   CF_ROWS       rows given a counterfactual (the first rows of the cases)     (default 200)
#   CF_THRESHOLD  probability the counterfactuals must go under                 (default 0.003)
#   OUT_DIR       where data, logs and the report go (default scripts/bench/out;
#                 a relative path is taken from the repository root)
#   LANTERNE_BIN  an already built lanterne binary; skips `swift build`        (default: build)
#
# Not timed: the data (`lanterne synth foyers`), the LightGBM model
# (explain_peer.py train, saved as LightGBM text), its import into Lanterne
# (`lanterne import lightgbm`) and the file of rows to explain. Timed, the
# explainers taking turns: `lanterne explain` as a whole process with
# LANTERNE_THREADS=1 and 2 (and with --id, explaining one row: its fixed cost),
# and shap's `explainer.shap_values(X)` alone, in process, with one OpenMP
# thread and with its default. Then Lanterne's contributions are compared with
# shap's on the first 200 rows.
#
# The Markdown report is printed on stdout and written to $OUT_DIR/explain-bench.md.
# Progress messages go to stderr. Only `pip install` (and, when /usr/bin/time is
# missing and we run as root, `apt-get install time`) uses the network.
set -euo pipefail
# Let `set -e` reach into $(...) as well, so a failing helper stops the script.
shopt -s inherit_errexit 2>/dev/null || true

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
BENCH_NAME=explain
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$SCRIPT_DIR/common.sh"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/../.." && pwd)"
cd "$REPO_ROOT"

ROWS="${ROWS:-10000}"
TRAIN_ROWS="${TRAIN_ROWS:-200000}"
TREES="${TREES:-500}"
DEPTH="${DEPTH:-8}"
SEED="${SEED:-1}"
RUNS="${RUNS:-2}"
CF_ROWS="${CF_ROWS:-200}"
CF_THRESHOLD="${CF_THRESHOLD:-0.003}"
OUT_DIR="${OUT_DIR:-scripts/bench/out}"
LANTERNE_BIN="${LANTERNE_BIN:-}"

# The model's other settings.
LEAVES=255
LEARNING_RATE=0.05
MIN_LEAF=20
TRAIN_THREADS=2
LABEL=irregularite_reelle
COMPARE_ROWS=200   # rows whose contributions are compared
MAX_DIFFERENCE=1e-6 # a larger difference is flagged in the report

PEER="$SCRIPT_DIR/explain_peer.py"

# VENV_DIR, PY, TIME_BIN, TIME_FORMAT, BIN (the lanterne binary), log, die,
# calc, timed, ... come from common.sh.
DATA_DIR=""   # synth file, models, rows to explain, set by main
LOG_DIR=""    # per-run stdout/stderr captures and result JSON, set by main
LOAD_START="" # load averages before the first timed run, set by main

# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------





# --------------------------------------------------------------------------
# Setup (the tools, the Python environment and the build are in common.sh)
# --------------------------------------------------------------------------

check_settings() {
	require_uint ROWS
	require_uint TRAIN_ROWS
	require_uint TREES
	require_uint DEPTH
	require_uint SEED
	require_uint RUNS
	((ROWS > 0)) || die "ROWS must be at least 1"
	((TRAIN_ROWS >= 100)) || die "TRAIN_ROWS must be at least 100"
	((ROWS <= TRAIN_ROWS)) || die "ROWS ($ROWS) cannot exceed TRAIN_ROWS ($TRAIN_ROWS): the rows explained are the synth file's first"
	((TREES > 0)) || die "TREES must be at least 1"
	((DEPTH > 0)) || die "DEPTH must be at least 1"
	((RUNS > 0)) || die "RUNS must be at least 1"
}

# check_commands: the binary set by build_lanterne offers `explain` and
# `import lightgbm`; an older one answers with the general help.
check_commands() {
	local help
	help=$("$BIN" explain --help 2>&1 || true)
	[[ $help == *"--background"* ]] || die "$BIN does not offer \`explain\` (is it an older build?)"
	help=$("$BIN" import --help 2>&1 || true)
	[[ $help == *lightgbm* && $help == *"--schema"* ]] ||
		die "$BIN does not offer \`import lightgbm --schema\` (is it an older build?)"
}

# --------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------

# step LABEL CMD...: an untimed preparation step, stdout to $LOG_DIR/LABEL.stdout
# and stderr to $LOG_DIR/LABEL.stderr (run under common.sh's timed, so a failure
# shows the end of stderr). Prints nothing.
step() {
	local label=$1
	shift
	log "$label: $*"
	timed "$LOG_DIR/$label.stdout" "$LOG_DIR/$label.stderr" "$@" >/dev/null || exit
}

# run_lanterne THREADS RUN: one timed `lanterne explain` with LANTERNE_THREADS=THREADS.
# Its JSON goes to $LOG_DIR/lanterne-tTHREADS.json (the last run's is kept);
# appends "<wall s> <max RSS KB>" to $LOG_DIR/lanterne-tTHREADS.runs.
run_lanterne() {
	local threads=$1 i=$2 label="lanterne-t$1" timing
	timing=$(timed "$LOG_DIR/$label.json" "$LOG_DIR/$label.$i.stderr" \
		env LANTERNE_THREADS="$threads" "$BIN" explain "$MODEL_JSON" "$CASES") || exit
	[[ -s $LOG_DIR/$label.json ]] || die "lanterne explain wrote nothing on stdout"
	log "$label run $i/$RUNS: wall s, peak RSS KB = $timing"
	printf '%s\n' "$timing" >>"$LOG_DIR/$label.runs"
}

# run_lanterne_one RUN: one timed `LANTERNE_THREADS=1 lanterne explain --id
# FIRST_ID`, the whole job but for a single row explained: Lanterne's fixed cost.
# Appends "<wall s> <max RSS KB>" to $LOG_DIR/lanterne-one.runs.
run_lanterne_one() {
	local i=$1 label=lanterne-one timing
	timing=$(timed "$LOG_DIR/$label.json" "$LOG_DIR/$label.$i.stderr" \
		env LANTERNE_THREADS=1 "$BIN" explain "$MODEL_JSON" "$CASES" --id "$FIRST_ID") || exit
	log "$label run $i/$RUNS: wall s, peak RSS KB = $timing"
	printf '%s\n' "$timing" >>"$LOG_DIR/$label.runs"
}

# run_shap NAME RUN [VAR=VALUE...]: one timed explain_peer.py shap run, with
# the given variables added to the environment. Appends "<wall s> <max RSS KB> <shap_values s>
# <explainer s> <read s> <busy cores> <OpenMP threads> <OMP_NUM_THREADS>" to
# $LOG_DIR/NAME.runs; the values of the first rows go to $LOG_DIR/NAME.values.csv.
run_shap() {
	local label=$1 i=$2 timing fields
	shift 2
	timing=$(timed "$LOG_DIR/$label.$i.stdout" "$LOG_DIR/$label.$i.stderr" \
		env "$@" "$PY" "$PEER" shap "$MODEL_TXT" "$CASES" --schema "$SCHEMA" --encoding "$ENCODING" \
		--values-out "$LOG_DIR/$label.values.csv" --values-rows "$COMPARE_ROWS") || exit
	fields=$(json_fields "$LOG_DIR/$label.$i.stdout" shap_values_seconds explainer_seconds read_seconds \
		busy_cores openmp_threads omp_num_threads_env)
	log "$label run $i/$RUNS: wall s, peak RSS KB = $timing; shap_values s, explainer s, read s, busy cores, OpenMP threads, OMP_NUM_THREADS = $fields"
	printf '%s %s\n' "$timing" "$fields" >>"$LOG_DIR/$label.runs"
}

# run_counterfactual RUN: on the first CF_ROWS cases, one timed `lanterne explain` without and one with
# `--counterfactual`, one thread each; appends "<wall s> <max RSS KB>" to lanterne-cf-plain.runs and
# lanterne-cf.runs.
run_counterfactual() {
	local i=$1 timing
	timing=$(timed "$LOG_DIR/lanterne-cf-plain.json" "$LOG_DIR/lanterne-cf-plain.$i.stderr" \
		env LANTERNE_THREADS=1 "$BIN" explain "$MODEL_JSON" "$CF_CASES") || exit
	printf '%s\n' "$timing" >>"$LOG_DIR/lanterne-cf-plain.runs"
	timing=$(timed "$LOG_DIR/lanterne-cf.json" "$LOG_DIR/lanterne-cf.$i.stderr" \
		env LANTERNE_THREADS=1 "$BIN" explain "$MODEL_JSON" "$CF_CASES" --counterfactual \
		--threshold "$CF_THRESHOLD") || exit
	printf '%s\n' "$timing" >>"$LOG_DIR/lanterne-cf.runs"
	log "counterfactual run $i/$RUNS: wall s, peak RSS KB = $timing"
}

# best_lanterne LABEL: the run with the lowest wall time.
best_lanterne() { sort -k1,1g -- "$LOG_DIR/$1.runs" | head -n 1; }

# best_shap LABEL: the run with the lowest shap_values time, ties broken by wall time.
best_shap() { sort -k3,3g -k1,1g -- "$LOG_DIR/$1.runs" | head -n 1; }

# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------

write_report() {
	local t1_wall t1_rss t2_wall t2_rss one_wall one_rss
	read -r t1_wall t1_rss <<<"$LANTERNE_T1"
	read -r t2_wall t2_rss <<<"$LANTERNE_T2"
	read -r one_wall one_rss <<<"$LANTERNE_ONE"
	local s1_wall s1_rss s1_sec s1_busy s1_omp
	local sd_wall sd_rss sd_sec sd_expl sd_read sd_busy sd_omp sd_env
	read -r s1_wall s1_rss s1_sec _ _ s1_busy s1_omp _ <<<"$SHAP_T1"
	read -r sd_wall sd_rss sd_sec sd_expl sd_read sd_busy sd_omp sd_env <<<"$SHAP_DEFAULT"

	local fields
	local train_rows positive features categorical trees mean_leaves max_leaves fit_seconds
	fields=$(json_fields "$LOG_DIR/train.stdout" rows positive_rate features categorical trees mean_leaves \
		max_leaves fit_seconds)
	read -r train_rows positive features categorical trees mean_leaves max_leaves fit_seconds <<<"$fields"
	local compared lanterne_rows worst base_diff logit_diff largest mismatched
	fields=$(json_fields "$LOG_DIR/compare.stdout" rows_compared lanterne_rows max_abs_difference \
		base_difference max_logit_difference largest_contribution mismatched_ids)
	read -r compared lanterne_rows worst base_diff logit_diff largest mismatched <<<"$fields"
	local model_type
	model_type=$(json_fields "$LOG_DIR/shap-default.1.stdout" model_type)

	local default_threads="$sd_omp"
	[[ $sd_env == unset ]] || default_threads="$sd_omp (OMP_NUM_THREADS=$sd_env)"

	echo "# Exact path-dependent TreeSHAP: \`lanterne explain\` vs shap.TreeExplainer"
	echo
	echo "$ROWS rows explained (the first rows of \`lanterne synth foyers --rows $TRAIN_ROWS --seed $SEED\`)" \
		"with a LightGBM binary model trained on all $train_rows rows (label \`$LABEL\`, positive rate" \
		"$(calc .4f "$positive")): $trees trees, max_depth $DEPTH, num_leaves $LEAVES (mean $(calc .1f "$mean_leaves")" \
		"leaves, at most $max_leaves), learning rate $LEARNING_RATE, min_data_in_leaf $MIN_LEAF, seed $SEED;" \
		"$features features, $categorical of them categorical. Best of $RUNS runs each, the explainers taking turns."
	echo
	echo "| explainer | threads | what is timed | s | rows/s | whole process s | peak RSS MB |"
	echo "| --- | --- | --- | ---: | ---: | ---: | ---: |"
	# The backquotes in the printf formats below are Markdown code spans.
	# shellcheck disable=SC2016
	{
		printf '| `lanterne explain` | 1 (`LANTERNE_THREADS=1`) | whole process: load model, read CSV, TreeSHAP, write JSON | %s | %s | %s | %s |\n' \
			"$(calc .3f "$t1_wall")" "$(calc .0f "$ROWS / $t1_wall")" "$(calc .2f "$t1_wall")" "$(mb "$t1_rss")"
		printf '| `lanterne explain` | 2 (`LANTERNE_THREADS=2`) | whole process: load model, read CSV, TreeSHAP, write JSON | %s | %s | %s | %s |\n' \
			"$(calc .3f "$t2_wall")" "$(calc .0f "$ROWS / $t2_wall")" "$(calc .2f "$t2_wall")" "$(mb "$t2_rss")"
		printf '| `lanterne explain --id %s` | 1 (`LANTERNE_THREADS=1`) | whole process, one row explained: the fixed cost | %s | | %s | %s |\n' \
			"$FIRST_ID" "$(calc .3f "$one_wall")" "$(calc .2f "$one_wall")" "$(mb "$one_rss")"
		printf '| shap %s `TreeExplainer` | %s OpenMP (`OMP_NUM_THREADS=1`; CPU/wall %s) | `explainer.shap_values(X)` only, rows in memory | %s | %s | %s | %s |\n' \
			"$SHAP_VERSION" "$s1_omp" "$s1_busy" "$(calc .3f "$s1_sec")" "$(calc .0f "$ROWS / $s1_sec")" \
			"$(calc .2f "$s1_wall")" "$(mb "$s1_rss")"
		printf '| shap %s `TreeExplainer` | default: %s OpenMP (CPU/wall %s) | `explainer.shap_values(X)` only, rows in memory | %s | %s | %s | %s |\n' \
			"$SHAP_VERSION" "$default_threads" "$sd_busy" "$(calc .3f "$sd_sec")" "$(calc .0f "$ROWS / $sd_sec")" \
			"$(calc .2f "$sd_wall")" "$(mb "$sd_rss")"
	}
	echo
	echo "Ratio shap time / Lanterne time (>1 means Lanterne is faster):"
	echo
	echo "- one thread each, shap \`shap_values\` / \`lanterne explain\` whole process: $(calc .2f "$s1_sec / $t1_wall")"
	echo "- shap default ($sd_omp OpenMP threads) \`shap_values\` / \`lanterne explain\` with 2 threads, whole process:" \
		"$(calc .2f "$sd_sec / $t2_wall")"
	if [[ $(calc d "$t1_wall > $one_wall") == 1 ]]; then
		echo "- one thread each, shap \`shap_values\` / Lanterne's explaining alone, estimated as the whole process" \
			"less the \`--id\` run ($(calc .3f "$t1_wall - $one_wall") s, $(calc .0f "$ROWS / ($t1_wall - $one_wall)") rows/s):" \
			"$(calc .2f "$s1_sec / ($t1_wall - $one_wall)")"
	else
		echo "- Lanterne's explaining alone (whole process less the \`--id\` run): too short to estimate here"
	fi
	echo "- whole processes, shap default / Lanterne 2 threads: $(calc .2f "$sd_wall / $t2_wall")" \
		"(besides \`shap_values\`, the shap process starts Python, imports shap and LightGBM, loads the model and" \
		"reads the CSV with pandas, $(calc .2f "$sd_read") s, and builds the explainer, $(calc .2f "$sd_expl") s for" \
		"\`TreeExplainer(booster)\`)"
	echo
	echo "Agreement on the first $compared rows: max |Lanterne − shap| over every contribution = $worst" \
		"(largest |contribution| $(calc .3f "$largest")); base: $base_diff; logit (base + sum): $logit_diff."
	if [[ $mismatched != 0 ]]; then
		echo
		echo "WARNING: $mismatched of the $compared rows compared have different ids in the two outputs"
	fi
	if [[ $(calc d "$worst > $MAX_DIFFERENCE") != 0 ]]; then
		echo
		echo "WARNING: the contributions differ by more than $MAX_DIFFERENCE"
	fi
	if [[ $lanterne_rows != "$ROWS" ]]; then
		echo
		echo "WARNING: \`lanterne explain\` returned $lanterne_rows rows, not $ROWS"
	fi
	echo
	echo "\`lanterne explain\` output with 1 and 2 threads: $SAME_OUTPUT."
	echo
	local cf_plain cf_with cf_summary
	cf_plain=$(best_lanterne lanterne-cf-plain | cut -d' ' -f1)
	cf_with=$(best_lanterne lanterne-cf | cut -d' ' -f1)
	cf_summary=$("$PY" -c 'import collections, json, sys
rows = json.load(open(sys.argv[1]))["rows"]
count = collections.Counter((r["counterfactual"]["status"], len(r["counterfactual"]["changes"])) for r in rows)
print(", ".join(f"{n} {s}" + (f" with {c} change(s)" if s == "found" else "") for (s, c), n in sorted(count.items())))' \
		"$LOG_DIR/lanterne-cf.json")
	echo "## Counterfactuals"
	echo
	echo "\`lanterne explain --counterfactual --threshold $CF_THRESHOLD\` on the first $CF_ROWS cases, one thread:" \
		"$(calc .2f "$cf_with") s against $(calc .2f "$cf_plain") s without \`--counterfactual\`, so" \
		"$(calc .1f "($cf_with - $cf_plain) * 1000 / $CF_ROWS") ms per case on average (target: under 50 ms for one case)." \
		"Outcomes: $cf_summary."
	echo
	echo "## How to read this"
	echo
	echo "- **Lanterne** is timed as a whole process by \`/usr/bin/time\`: \`LANTERNE_THREADS=T lanterne explain"
	echo "  MODEL.json EXPLAIN.csv > out.json\` loads the model, reads and encodes the CSV, explains every row and"
	echo "  prints the JSON. **shap** is timed in process (\`time.perf_counter()\`) around \`shap_values(X)\` alone,"
	echo "  the rows already in a pandas frame and the explainer built: the comparison favours shap."
	echo "  \`lanterne explain --id $FIRST_ID\` does Lanterne's whole job but explains one row only: its time is the"
	echo "  fixed cost (start, model, CSV), which the estimate of Lanterne's explaining alone leaves out."
	echo "- shap $SHAP_VERSION's \`TreeExplainer\` on a LightGBM \`Booster\` (model type \`$model_type\`) with"
	echo "  \`feature_perturbation=\"tree_path_dependent\"\` and no background data does not run shap's own C++"
	echo "  extension: \`shap_values\` calls LightGBM's \`Booster.predict(X, pred_contrib=True)\`, LightGBM's C++"
	echo "  TreeSHAP, spread over the rows with OpenMP. shap passes no \`num_threads\`, so LightGBM takes OpenMP's"
	echo "  default: \`OMP_NUM_THREADS\`, else one thread per core (here $sd_omp, with OMP_NUM_THREADS $sd_env)."
	echo "  \"CPU/wall\" is the process's CPU time during the call over its wall time: the cores kept busy"
	echo "  (OpenMP threads that spin while waiting count as busy)."
	echo "- The model is trained by LightGBM $LIGHTGBM_VERSION (\`explain_peer.py train\`, ${fit_seconds} s with"
	echo "  $TRAIN_THREADS threads, \`deterministic\`, \`force_col_wise\`), saved as text and imported with"
	echo "  \`lanterne import lightgbm MODEL.txt --schema SCHEMA --out MODEL.json\`; neither is timed."
	if [[ $ENCODING == codes ]]; then
		echo "- \`EXPLAIN.csv\` holds the synth file's first $ROWS rows and all its columns, but the $categorical"
		echo "  category features are written as the integer codes LightGBM was trained on (their position among"
		echo "  the sorted levels): \`lanterne import lightgbm\` does not read the model file's \`pandas_categorical\`,"
		echo "  so the imported model cannot map labels to codes itself. shap reads the same file and turns the codes"
		echo "  back into pandas categories with the model's levels."
	else
		echo "- \`EXPLAIN.csv\` holds the synth file's first $ROWS rows unchanged; both sides map the category labels"
		echo "  to the model's levels (the imported model carries them)."
	fi
	echo "- Agreement: the contributions of \`lanterne explain\` (2 threads) against shap's values (default threads)"
	echo "  on the first $COMPARE_ROWS rows, matched by id, feature by feature. rows/s = $ROWS / seconds; MB = 2^20 bytes."
	echo
	machine_section
	echo "- shap: $SHAP_VERSION"
	echo "- lightgbm: $LIGHTGBM_VERSION"
	echo "- pandas: $(package_version pandas)"
	echo "- numpy: $(package_version numpy)"
	echo "- load average (1, 5, 15 min) before the first timed run: $LOAD_START; at the end: $(load_average)"
	echo "- date: $(date '+%Y-%m-%d %H:%M:%S %Z')"
}

# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

main() {
	check_settings
	ensure_gnu_time
	ensure_venv
	build_lanterne
	check_commands

	prepare_out_dirs
	rm -f -- "$LOG_DIR"/*.json "$LOG_DIR"/*.values.csv

	SHAP_VERSION=$(package_version shap)
	LIGHTGBM_VERSION=$(package_version lightgbm)

	# 1. Data and model (not timed).
	local synth="$DATA_DIR/foyers_$TRAIN_ROWS.csv"
	SCHEMA="$DATA_DIR/foyers_$TRAIN_ROWS.schema.json"
	MODEL_TXT="$DATA_DIR/lightgbm_${TREES}x${DEPTH}.txt"
	MODEL_JSON="$DATA_DIR/lightgbm_${TREES}x${DEPTH}.lanterne.json"
	CASES="$DATA_DIR/explain_$ROWS.csv"
	step synth "$BIN" synth foyers --rows "$TRAIN_ROWS" --seed "$SEED" --out "$synth" --schema-out "$SCHEMA"
	step train "$PY" "$PEER" train "$synth" --schema "$SCHEMA" --label "$LABEL" --model-out "$MODEL_TXT" \
		--trees "$TREES" --max-depth "$DEPTH" --leaves "$LEAVES" --learning-rate "$LEARNING_RATE" \
		--min-leaf "$MIN_LEAF" --seed "$SEED" --threads "$TRAIN_THREADS"
	step import "$BIN" import lightgbm "$MODEL_TXT" --schema "$SCHEMA" --out "$MODEL_JSON"
	step cases "$PY" "$PEER" cases "$synth" --model "$MODEL_TXT" --lanterne-model "$MODEL_JSON" \
		--schema "$SCHEMA" --rows "$ROWS" --out "$CASES"
	read -r ENCODING FIRST_ID <<<"$(json_fields "$LOG_DIR/cases.stdout" category_encoding first_id)"
	CF_CASES="$DATA_DIR/counterfactual_$CF_ROWS.csv"
	head -n "$((CF_ROWS + 1))" -- "$CASES" >"$CF_CASES"

	# 2. Timed runs, the explainers taking turns so that a noisy moment of the
	# shared machine does not fall on one of them only.
	LOAD_START=$(load_average)
	local i
	for ((i = 1; i <= RUNS; i++)); do
		run_lanterne 1 "$i"
		run_lanterne 2 "$i"
		run_lanterne_one "$i"
		run_shap shap-t1 "$i" OMP_NUM_THREADS=1
		run_shap shap-default "$i"
		run_counterfactual "$i"
	done
	LANTERNE_T1=$(best_lanterne lanterne-t1)
	LANTERNE_T2=$(best_lanterne lanterne-t2)
	LANTERNE_ONE=$(best_lanterne lanterne-one)
	SHAP_T1=$(best_shap shap-t1)
	SHAP_DEFAULT=$(best_shap shap-default)

	# 3. Agreement.
	SAME_OUTPUT="identical"
	cmp -s -- "$LOG_DIR/lanterne-t1.json" "$LOG_DIR/lanterne-t2.json" || SAME_OUTPUT="DIFFERENT"
	step compare "$PY" "$PEER" compare "$LOG_DIR/lanterne-t2.json" "$LOG_DIR/shap-default.values.csv"
	log "agreement: $(cat -- "$LOG_DIR/compare.stdout")"

	# 4. Report.
	write_report | tee "$OUT_DIR/explain-bench.md"
	log "report written to $OUT_DIR/explain-bench.md"
}

main "$@"
