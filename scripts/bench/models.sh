#!/usr/bin/env bash
# Model benchmark: Lanterne's trainers and scorer side by side with LightGBM,
# XGBoost and scikit-learn, on the same files, settings and threads.
#
#   scripts/bench/models.sh
#   SIZES="50000 200000" ROWS=0 TREES=100 scripts/bench/models.sh   # quick: boosting by size only
#
# Settings (environment variables):
#   ROWS          rows of each generated data set of the full comparison (80% training,
#                 20% validation); 0 skips the full comparison                  (default 1000000)
#   SIZES         row counts of the boosting-by-size table (same split); empty skips it
#                                                                              (default "50000 200000 1000000")
#   REPEAT        turns of Lanterne and LightGBM per size and data set in that table (default 2)
#   SEED          seed of `lanterne synth` and of the numeric data set            (default 1)
#   OUT_DIR       where data, logs and the report go (default scripts/bench/out;
#                 a relative path is taken from the repository root)
#   TREES         boosting rounds, never stopped early                             (default 500)
#   THREADS       threads given to every library and to Lanterne                   (default 2)
#   LANTERNE_BIN  an already built lanterne binary; skips `swift build`            (default: build)
#
# Two data sets: `lanterne synth foyers` (label irregularite_reelle, the schema's
# feature columns, some categorical) and a numeric one with 28 features written
# by models_peer.py. For each: gradient boosting (Lanterne, LightGBM, XGBoost),
# batch scoring of the validation rows (lanterne score, LightGBM) and logistic
# regression (Lanterne, scikit-learn). One run of each: the trainings are long.
#
# Boosting by size: for each of SIZES and each data set, REPEAT turns of
# `lanterne train --kind gbdt` and LightGBM with the same settings, the two
# taking turns (which one goes first alternates), so that both see the same load.
# Two ratios: fit time measured inside each program, and the whole `lanterne
# train` process (start, read both CSV files, bin, fit, validate, write the
# model) against LightGBM's read (pandas, both files) + fit, Python's start and
# imports left out. The best turn of each is compared, and every turn's ratio is
# listed.
#
# The Markdown report is printed on stdout and written to $OUT_DIR/models-bench.md.
# Progress messages go to stderr. Only `pip install` (and, when /usr/bin/time is
# missing and we run as root, `apt-get install time`) uses the network.
set -euo pipefail
# Let `set -e` reach into $(...) as well, so a failing helper stops the script.
shopt -s inherit_errexit 2>/dev/null || true

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
BENCH_NAME=models
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$SCRIPT_DIR/common.sh"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/../.." && pwd)"
cd "$REPO_ROOT"

ROWS="${ROWS:-1000000}"
SIZES="${SIZES-50000 200000 1000000}"
REPEAT="${REPEAT:-2}"
SEED="${SEED:-1}"
OUT_DIR="${OUT_DIR:-scripts/bench/out}"
TREES="${TREES:-500}"
THREADS="${THREADS:-2}"
LANTERNE_BIN="${LANTERNE_BIN:-}"

# The settings shared by every gradient-boosting run.
LEAVES=31
LEARNING_RATE=0.05
BINS=255
MIN_LEAF=20
TRAIN_SHARE=0.8
FOYERS_LABEL=irregularite_reelle
NUMERIC_LABEL=label

PEER="$SCRIPT_DIR/models_peer.py"

# VENV_DIR, PY, TIME_BIN, TIME_FORMAT, BIN (the lanterne binary), log, die,
# calc, timed, ... come from common.sh.
DATA_DIR="" # generated CSV files and models, set by main
LOG_DIR=""  # per-run stdout/stderr captures and result JSON, set by main
SUMMARY=""  # rows of the summary table, one file, set by main
SIZES_TABLE="" # rows of the boosting-by-size table, one file, set by main
LOAD_START="" # load averages before the first timed run, set by main

# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


# --------------------------------------------------------------------------
# Setup (the tools, the Python environment and the build are in common.sh)
# --------------------------------------------------------------------------

check_settings() {
	require_uint ROWS
	require_uint SEED
	require_uint TREES
	require_uint THREADS
	require_uint REPEAT
	((ROWS == 0 || ROWS >= 100)) || die "ROWS must be 0 (no full comparison) or at least 100"
	local size
	for size in $SIZES; do
		if ! [[ $size =~ ^[0-9]+$ ]] || ((size < 100)); then
			die "SIZES must list row counts of at least 100 (got '$size')"
		fi
	done
	((ROWS > 0)) || [[ -n ${SIZES// /} ]] || die "ROWS=0 and SIZES empty: nothing to measure"
	((REPEAT > 0)) || die "REPEAT must be at least 1"
	((TREES > 0)) || die "TREES must be at least 1"
	((THREADS > 0)) || die "THREADS must be at least 1"
}

# check_train_flags: the binary set by build_lanterne offers the `train` flags
# this script relies on; an older binary answers `train --help` with the
# general help, so look for them by name.
check_train_flags() {
	local help flag
	help=$("$BIN" train --help 2>&1 || true)
	for flag in --schema --kind --label --valid-file --trees --leaves --learning-rate --bins \
		--min-leaf --early-stopping --seed --threads --out --metrics-out; do
		[[ $help == *"$flag"* ]] || die "$BIN train does not offer $flag (is it an older build?)"
	done
}

# --------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------

# timed_step LABEL CMD...
# Runs CMD with common.sh's timed, stdout to $LOG_DIR/LABEL.stdout and stderr to
# $LOG_DIR/LABEL.stderr, logs the command and its figures, and prints
# "<wall seconds> <max RSS KB>". Stops the script if CMD fails.
timed_step() {
	local label=$1 last
	shift
	log "$label: $*"
	last=$(timed "$LOG_DIR/$label.stdout" "$LOG_DIR/$label.stderr" "$@") || exit
	log "$label: wall s, peak RSS KB = $last"
	printf '%s\n' "$last"
}


# --------------------------------------------------------------------------
# Data preparation (not timed)
# --------------------------------------------------------------------------

# prepare_foyers SIZE: synth foyers with its schema, split 80/20. Sets FOYERS_*.
prepare_foyers() {
	local size=$1
	local full="$DATA_DIR/foyers_$size.csv"
	FOYERS_SCHEMA="$DATA_DIR/foyers_$size.schema.json"
	FOYERS_TRAIN="$DATA_DIR/foyers_${size}_train.csv"
	FOYERS_VALID="$DATA_DIR/foyers_${size}_valid.csv"
	FOYERS_SPLIT="$LOG_DIR/split-foyers-$size.stdout"
	# The files of an earlier size of this run are reused.
	[[ -s $FOYERS_SPLIT && -s $FOYERS_TRAIN && -s $FOYERS_VALID ]] && return 0
	timed_step "synth-foyers-$size" "$BIN" synth foyers --rows "$size" --seed "$SEED" \
		--out "$full" --schema-out "$FOYERS_SCHEMA" >/dev/null
	timed_step "split-foyers-$size" "$PY" "$PEER" split "$full" --train "$FOYERS_TRAIN" --valid "$FOYERS_VALID" \
		--train-share "$TRAIN_SHARE" --label "$FOYERS_LABEL" >/dev/null
	rm -f -- "$full"
}

# prepare_numeric SIZE: the 28-feature numeric data set and its schema. Sets NUMERIC_*.
prepare_numeric() {
	local size=$1
	NUMERIC_SCHEMA="$DATA_DIR/numeric_$size.schema.json"
	NUMERIC_TRAIN="$DATA_DIR/numeric_${size}_train.csv"
	NUMERIC_VALID="$DATA_DIR/numeric_${size}_valid.csv"
	NUMERIC_SPLIT="$LOG_DIR/make-numeric-$size.stdout"
	[[ -s $NUMERIC_SPLIT && -s $NUMERIC_TRAIN && -s $NUMERIC_VALID ]] && return 0
	timed_step "make-numeric-$size" "$PY" "$PEER" numeric --rows "$size" --seed "$SEED" \
		--train-share "$TRAIN_SHARE" --train "$NUMERIC_TRAIN" --valid "$NUMERIC_VALID" \
		--schema "$NUMERIC_SCHEMA" >/dev/null
}

# --------------------------------------------------------------------------
# One data set
# --------------------------------------------------------------------------

# lanterne_train NAME KIND TRAIN VALID SCHEMA LABEL [EXTRA...]: prints "<wall s> <KB>";
# the metrics JSON is $LOG_DIR/NAME.lanterne-KIND.metrics.json.
lanterne_train() {
	local name=$1 kind=$2 train=$3 valid=$4 schema=$5 label=$6
	shift 6
	local metrics="$LOG_DIR/$name.lanterne-$kind.metrics.json"
	rm -f -- "$metrics"
	timed_step "$name.lanterne-$kind" env LANTERNE_THREADS="$THREADS" "$BIN" train "$train" \
		--schema "$schema" --kind "$kind" --label "$label" --valid-file "$valid" \
		--threads "$THREADS" --out "$DATA_DIR/$name.lanterne-$kind.model.json" --metrics-out "$metrics" "$@"
	[[ -s $metrics ]] || die "lanterne train --kind $kind wrote no metrics file ($metrics)"
}

# run_dataset NAME TITLE TRAIN VALID SCHEMA LABEL SPLIT_JSON
# Runs every comparison on one data set and writes its report section to
# $LOG_DIR/NAME.section.md and its summary rows to $SUMMARY.
run_dataset() {
	local name=$1 title=$2 train=$3 valid=$4 schema=$5 label=$6 split=$7
	local tree_flags=(--trees "$TREES" --leaves "$LEAVES" --learning-rate "$LEARNING_RATE"
		--bins "$BINS" --min-leaf "$MIN_LEAF")
	local peer_args=("$train" "$valid" --schema "$schema" --label "$label" --threads "$THREADS" --seed "$SEED")
	local model="$DATA_DIR/$name.lanterne-gbdt.model.json"

	# Gradient boosting.
	local lt_gbdt lg_run xg_run
	lt_gbdt=$(lanterne_train "$name" gbdt "$train" "$valid" "$schema" "$label" \
		"${tree_flags[@]}" --early-stopping 0 --seed "$SEED")
	lg_run=$(timed_step "$name.lightgbm" "$PY" "$PEER" lightgbm "${peer_args[@]}" "${tree_flags[@]}" \
		--score-out "$DATA_DIR/$name.lightgbm-scores.csv")
	xg_run=$(timed_step "$name.xgboost" "$PY" "$PEER" xgboost "${peer_args[@]}" "${tree_flags[@]}")

	# Batch scoring of the validation rows with the Lanterne model just trained.
	local lt_score
	lt_score=$(timed_step "$name.lanterne-score" env LANTERNE_THREADS="$THREADS" "$BIN" score "$model" "$valid" \
		--out "$DATA_DIR/$name.lanterne-scores.csv")

	# Logistic regression (Lanterne's l2 = 1 is scikit-learn's C = 1).
	local lt_logistic sk_run
	lt_logistic=$(lanterne_train "$name" logistic "$train" "$valid" "$schema" "$label" --seed "$SEED")
	sk_run=$(timed_step "$name.sklearn-logistic" "$PY" "$PEER" logistic "${peer_args[@]}" --C 1.0)

	# Gather the figures.
	local lt_wall lt_rss lg_wall lg_rss xg_wall xg_rss ls_wall ls_rss ll_wall ll_rss sk_wall sk_rss
	read -r lt_wall lt_rss <<<"$lt_gbdt"
	read -r lg_wall lg_rss <<<"$lg_run"
	read -r xg_wall xg_rss <<<"$xg_run"
	read -r ls_wall ls_rss <<<"$lt_score"
	read -r ll_wall ll_rss <<<"$lt_logistic"
	read -r sk_wall sk_rss <<<"$sk_run"

	local fields
	local lt_fit lt_auc lt_loss lt_trees lt_rows lt_vrows
	fields=$(json_fields "$LOG_DIR/$name.lanterne-gbdt.metrics.json" \
		train_seconds validation_auc validation_log_loss trees rows validation_rows)
	read -r lt_fit lt_auc lt_loss lt_trees lt_rows lt_vrows <<<"$fields"
	local lg_fit lg_auc lg_loss lg_trees lg_version lg_predict lg_predict_rate lg_file lg_file_rate lg_features lg_cats
	fields=$(json_fields "$LOG_DIR/$name.lightgbm.stdout" fit_seconds validation_auc validation_log_loss trees version \
		predict_seconds predict_rows_per_second score_file_seconds score_file_rows_per_second features categorical)
	read -r lg_fit lg_auc lg_loss lg_trees lg_version lg_predict lg_predict_rate lg_file lg_file_rate lg_features lg_cats \
		<<<"$fields"
	local xg_fit xg_auc xg_loss xg_trees xg_version
	fields=$(json_fields "$LOG_DIR/$name.xgboost.stdout" fit_seconds validation_auc validation_log_loss trees version)
	read -r xg_fit xg_auc xg_loss xg_trees xg_version <<<"$fields"
	local ll_fit ll_auc ll_loss
	fields=$(json_fields "$LOG_DIR/$name.lanterne-logistic.metrics.json" train_seconds validation_auc validation_log_loss)
	read -r ll_fit ll_auc ll_loss <<<"$fields"
	local sk_fit sk_auc sk_loss sk_version sk_inputs sk_iterations
	fields=$(json_fields "$LOG_DIR/$name.sklearn-logistic.stdout" \
		fit_seconds validation_auc validation_log_loss version inputs iterations)
	read -r sk_fit sk_auc sk_loss sk_version sk_inputs sk_iterations <<<"$fields"
	local train_rows valid_rows train_rate valid_rate
	fields=$(json_fields "$split" training_rows validation_rows training_positive_rate validation_positive_rate)
	read -r train_rows valid_rows train_rate valid_rate <<<"$fields"

	local gbdt_ratio gbdt_diff score_ratio logistic_ratio logistic_diff ls_rate
	gbdt_ratio=$(calc .2f "$lt_fit / $lg_fit")
	gbdt_diff=$(calc +.4f "$lt_auc - $lg_auc")
	ls_rate=$(calc .0f "$valid_rows / $ls_wall")
	score_ratio=$(calc .2f "$ls_wall / $lg_predict")
	logistic_ratio=$(calc .2f "$ll_fit / $sk_fit")
	logistic_diff=$(calc +.4f "$ll_auc - $sk_auc")

	# The backquotes in the printf formats below are Markdown code spans.
	# shellcheck disable=SC2016
	{
		printf '| %s | gradient boosting, fit | LightGBM | %s | %s | %s | %s | %s | %s | |\n' "$name" \
			"$(calc .2f "$lt_fit")" "$(calc .2f "$lg_fit")" "$gbdt_ratio" \
			"$(calc .4f "$lt_auc")" "$(calc .4f "$lg_auc")" "$gbdt_diff"
		printf '| %s | batch scoring, %s rows | LightGBM `predict` | %s | %s | %s | | | | rows/s: Lanterne %s, LightGBM predict %s (same job as `lanterne score`: %s) |\n' \
			"$name" "$valid_rows" "$(calc .2f "$ls_wall")" "$(calc .3f "$lg_predict")" "$score_ratio" \
			"$ls_rate" "$(calc .0f "$lg_predict_rate")" "$(calc .0f "$lg_file_rate")"
		printf '| %s | logistic regression, fit | scikit-learn | %s | %s | %s | %s | %s | %s | |\n' "$name" \
			"$(calc .2f "$ll_fit")" "$(calc .2f "$sk_fit")" "$logistic_ratio" \
			"$(calc .4f "$ll_auc")" "$(calc .4f "$sk_auc")" "$logistic_diff"
	} >>"$SUMMARY"

	# shellcheck disable=SC2016
	{
		echo "## $title"
		echo
		echo "$train_rows training rows (positive rate $(calc .4f "$train_rate")), $valid_rows validation rows" \
			"(positive rate $(calc .4f "$valid_rate")); $lg_features features, $lg_cats of them categorical." \
			"Lanterne trained on $lt_rows rows and validated on $lt_vrows."
		echo
		echo "### Gradient boosting"
		echo
		echo "| library | fit s | whole process s | peak RSS MB | trees | validation AUC | validation log loss | fit time / LightGBM | AUC − LightGBM |"
		echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
		printf '| Lanterne | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
			"$(calc .2f "$lt_fit")" "$lt_wall" "$(mb "$lt_rss")" "$lt_trees" \
			"$(calc .4f "$lt_auc")" "$(calc .4f "$lt_loss")" "$gbdt_ratio" "$gbdt_diff"
		printf '| LightGBM %s | %s | %s | %s | %s | %s | %s | 1.00 | +0.0000 |\n' "$lg_version" \
			"$(calc .2f "$lg_fit")" "$lg_wall" "$(mb "$lg_rss")" "$lg_trees" \
			"$(calc .4f "$lg_auc")" "$(calc .4f "$lg_loss")"
		printf '| XGBoost %s (hist, lossguide) | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$xg_version" \
			"$(calc .2f "$xg_fit")" "$xg_wall" "$(mb "$xg_rss")" "$xg_trees" \
			"$(calc .4f "$xg_auc")" "$(calc .4f "$xg_loss")" \
			"$(calc .2f "$xg_fit / $lg_fit")" "$(calc +.4f "$xg_auc - $lg_auc")"
		echo
		echo "### Batch scoring ($valid_rows validation rows, $THREADS threads)"
		echo
		echo "| scorer | what is timed | s | rows/s | peak RSS MB | time / LightGBM predict |"
		echo "| --- | --- | ---: | ---: | ---: | ---: |"
		printf '| `lanterne score` | whole process: load model, read CSV, score, write CSV | %s | %s | %s | %s |\n' \
			"$(calc .2f "$ls_wall")" "$ls_rate" "$(mb "$ls_rss")" "$score_ratio"
		printf '| LightGBM, same job | in-process: load model, read CSV (pandas), predict, write CSV | %s | %s | | %s |\n' \
			"$(calc .2f "$lg_file")" "$(calc .0f "$lg_file_rate")" "$(calc .2f "$lg_file / $lg_predict")"
		printf '| LightGBM `booster.predict` | predict only, rows already in memory | %s | %s | | 1.00 |\n' \
			"$(calc .3f "$lg_predict")" "$(calc .0f "$lg_predict_rate")"
		echo
		echo "### Logistic regression (L2, scikit-learn C = 1, Lanterne l2 = 1)"
		echo
		echo "| library | fit s | whole process s | peak RSS MB | validation AUC | validation log loss | fit time / scikit-learn | AUC − scikit-learn |"
		echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
		printf '| Lanterne | %s | %s | %s | %s | %s | %s | %s |\n' \
			"$(calc .2f "$ll_fit")" "$ll_wall" "$(mb "$ll_rss")" \
			"$(calc .4f "$ll_auc")" "$(calc .4f "$ll_loss")" "$logistic_ratio" "$logistic_diff"
		printf '| scikit-learn %s (lbfgs, %s inputs, %s iterations) | %s | %s | %s | %s | %s | 1.00 | +0.0000 |\n' \
			"$sk_version" "$sk_inputs" "$sk_iterations" \
			"$(calc .2f "$sk_fit")" "$sk_wall" "$(mb "$sk_rss")" \
			"$(calc .4f "$sk_auc")" "$(calc .4f "$sk_loss")"
		echo
	} >"$LOG_DIR/$name.section.md"
}

# --------------------------------------------------------------------------
# Boosting by size
# --------------------------------------------------------------------------

# least NUMBER...: the smallest, two decimals.
least() {
	calc .2f "$(printf '%s\n' "$@" | sort -g | head -n 1)"
}

# boost_turn_lanterne TAG TRAIN VALID SCHEMA LABEL: one `lanterne train --kind gbdt`;
# prints "<fit s> <whole process s> <AUC>".
boost_turn_lanterne() {
	local tag=$1 train=$2 valid=$3 schema=$4 label=$5
	local metrics="$LOG_DIR/$tag.metrics.json" run wall fields fit auc
	rm -f -- "$metrics"
	run=$(timed_step "$tag" env LANTERNE_THREADS="$THREADS" "$BIN" train "$train" \
		--schema "$schema" --kind gbdt --label "$label" --valid-file "$valid" --threads "$THREADS" \
		--out "$DATA_DIR/$tag.model.json" --metrics-out "$metrics" \
		--trees "$TREES" --leaves "$LEAVES" --learning-rate "$LEARNING_RATE" --bins "$BINS" \
		--min-leaf "$MIN_LEAF" --early-stopping 0 --seed "$SEED")
	read -r wall _ <<<"$run"
	[[ -s $metrics ]] || die "lanterne train wrote no metrics file ($metrics)"
	fields=$(json_fields "$metrics" train_seconds validation_auc)
	read -r fit auc <<<"$fields"
	printf '%s %s %s\n' "$fit" "$wall" "$auc"
}

# boost_turn_lightgbm TAG TRAIN VALID SCHEMA LABEL: one LightGBM fit in Python, no scoring job;
# prints "<fit s> <read + fit s> <AUC>".
boost_turn_lightgbm() {
	local tag=$1 train=$2 valid=$3 schema=$4 label=$5 fields fit read auc
	timed_step "$tag" "$PY" "$PEER" lightgbm "$train" "$valid" --schema "$schema" --label "$label" \
		--threads "$THREADS" --seed "$SEED" --trees "$TREES" --leaves "$LEAVES" \
		--learning-rate "$LEARNING_RATE" --bins "$BINS" --min-leaf "$MIN_LEAF" --no-score >/dev/null
	fields=$(json_fields "$LOG_DIR/$tag.stdout" fit_seconds read_seconds validation_auc)
	read -r fit read auc <<<"$fields"
	printf '%s %s %s\n' "$fit" "$(calc .3f "$read + $fit")" "$auc"
}

# boost_by_size NAME SIZE TRAIN VALID SCHEMA LABEL: REPEAT turns of Lanterne and LightGBM (the first
# to go alternates), then one row of $SIZES_TABLE.
boost_by_size() {
	local name=$1 size=$2 train=$3 valid=$4 schema=$5 label=$6
	local turn lt lg lt_fit lt_wall lt_auc lg_fit lg_whole lg_auc
	local fit_ratios=() whole_ratios=() lt_fits=() lt_walls=() lg_fits=() lg_wholes=()
	for ((turn = 1; turn <= REPEAT; turn++)); do
		if ((turn % 2 == 1)); then
			lt=$(boost_turn_lanterne "$name-$size.$turn.lanterne" "$train" "$valid" "$schema" "$label")
			lg=$(boost_turn_lightgbm "$name-$size.$turn.lightgbm" "$train" "$valid" "$schema" "$label")
		else
			lg=$(boost_turn_lightgbm "$name-$size.$turn.lightgbm" "$train" "$valid" "$schema" "$label")
			lt=$(boost_turn_lanterne "$name-$size.$turn.lanterne" "$train" "$valid" "$schema" "$label")
		fi
		read -r lt_fit lt_wall lt_auc <<<"$lt"
		read -r lg_fit lg_whole lg_auc <<<"$lg"
		lt_fits+=("$lt_fit")
		lt_walls+=("$lt_wall")
		lg_fits+=("$lg_fit")
		lg_wholes+=("$lg_whole")
		fit_ratios+=("$(calc .2f "$lt_fit / $lg_fit")")
		whole_ratios+=("$(calc .2f "$lt_wall / $lg_whole")")
		log "$name $size turn $turn: fit $lt_fit s vs $lg_fit s, whole $lt_wall s vs $lg_whole s (load $(load_average))"
	done
	local best_lt_fit best_lg_fit best_lt_wall best_lg_whole
	best_lt_fit=$(least "${lt_fits[@]}")
	best_lg_fit=$(least "${lg_fits[@]}")
	best_lt_wall=$(least "${lt_walls[@]}")
	best_lg_whole=$(least "${lg_wholes[@]}")
	printf '| %s | %s | %s | %s | **%s** | %s | %s | %s | **%s** | %s | %s | %s |\n' \
		"$name" "$size" "$best_lt_fit" "$best_lg_fit" "$(calc .2f "$best_lt_fit / $best_lg_fit")" \
		"${fit_ratios[*]}" "$best_lt_wall" "$best_lg_whole" "$(calc .2f "$best_lt_wall / $best_lg_whole")" \
		"${whole_ratios[*]}" "$(calc .4f "$lt_auc")" "$(calc .4f "$lg_auc")" >>"$SIZES_TABLE"
}

# run_sizes: the boosting-by-size table, smallest size first.
run_sizes() {
	local size
	for size in $(tr ' ' '\n' <<<"$SIZES" | grep . | sort -n); do
		prepare_foyers "$size"
		prepare_numeric "$size"
		[[ -n $LOAD_START ]] || LOAD_START=$(load_average)
		boost_by_size foyers "$size" "$FOYERS_TRAIN" "$FOYERS_VALID" "$FOYERS_SCHEMA" "$FOYERS_LABEL"
		boost_by_size numeric "$size" "$NUMERIC_TRAIN" "$NUMERIC_VALID" "$NUMERIC_SCHEMA" "$NUMERIC_LABEL"
	done
}

write_sizes_section() {
	echo "## Gradient boosting by size ($REPEAT turns each, taking turns with LightGBM)"
	echo
	echo "Rows: the generated rows (80 % training, 20 % validation). Fit: inside each program (CSV reading" \
		"excluded, binning included). Whole: the \`lanterne train\` process under /usr/bin/time (start, read," \
		"bin, fit, validate, write) against LightGBM's pandas read of both files + fit (Python's start and" \
		"imports excluded). Seconds and the bold ratios are the best turn of each; then every turn's ratio."
	echo
	echo "| data set | rows | Lanterne fit s | LightGBM fit s | fit ratio | per turn | \`lanterne train\` s | LightGBM read + fit s | whole ratio | per turn | Lanterne AUC | LightGBM AUC |"
	echo "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: |"
	cat -- "$SIZES_TABLE"
	echo
}

# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------



write_report() {
	echo "# Model training and scoring: Lanterne vs LightGBM, XGBoost, scikit-learn"
	echo
	if [[ -s $SIZES_TABLE ]]; then
		echo "Gradient boosting: $TREES trees (no early stopping, every round evaluated on the validation rows)," \
			"$LEAVES leaves, learning rate $LEARNING_RATE, $BINS bins, at least $MIN_LEAF rows per leaf;" \
			"$THREADS threads everywhere; seed $SEED."
		echo
		write_sizes_section
	fi
	((ROWS > 0)) || {
		write_machine
		return 0
	}
	echo "## Full comparison at $ROWS rows"
	echo
	echo "$ROWS rows per data set, the first $(calc .0f "$TRAIN_SHARE * 100")% for training and the rest for" \
		"validation. Gradient boosting: $TREES trees (no early stopping, every round evaluated on the validation" \
		"rows), $LEAVES leaves, learning rate $LEARNING_RATE, $BINS bins, at least $MIN_LEAF rows per leaf;" \
		"$THREADS threads everywhere; seed $SEED. One run of each."
	echo
	echo "| data set | task | reference | Lanterne s | reference s | Lanterne / reference time | Lanterne AUC | reference AUC | AUC difference | throughput |"
	echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
	cat -- "$SUMMARY"
	echo
	echo "Below 1 in \"Lanterne / reference time\" means Lanterne is faster; the AUC difference is Lanterne minus the reference."
	echo
	cat -- "$LOG_DIR/foyers.section.md" "$LOG_DIR/numeric.section.md"
	echo "## How to read this"
	echo
	echo "- **fit s**: the training time each program measures itself: \`train_seconds\` of"
	echo "  \`lanterne train --metrics-out\` (after reading the CSV files), \`time.perf_counter()\` around the"
	echo "  library's fit for the peers, from in-memory pandas frames (their \`Dataset\`/\`DMatrix\` and"
	echo "  binning included, CSV reading excluded)."
	echo "- **whole process s / peak RSS MB**: \`/usr/bin/time\` on the whole process. For the peers it"
	echo "  includes starting Python, imports and reading the CSV files with pandas; the LightGBM process"
	echo "  also runs both scoring measurements. MB = 2^20 bytes."
	echo "- **Batch scoring**: \`lanterne score\` is timed as a whole process; LightGBM is timed in-process"
	echo "  on the same job and, separately, on \`predict\` alone. rows/s = validation rows / seconds."
	echo "- **Logistic regression**: scikit-learn gets Lanterne's encoding (one indicator per training level,"
	echo "  a missing indicator for numbers with missing values, every input standardised with ddof = 0) and"
	echo "  \`tol=1e-8, max_iter=2000\`; only \`fit\` is timed."
	echo
	write_machine
}

write_machine() {
	machine_section
	echo "- lightgbm: $(package_version lightgbm)"
	echo "- xgboost: $(package_version xgboost)"
	echo "- scikit-learn: $(package_version scikit-learn)"
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
	check_train_flags

	prepare_out_dirs
	SUMMARY="$LOG_DIR/summary.md"
	SIZES_TABLE="$LOG_DIR/sizes.md"
	: >"$SUMMARY"
	: >"$SIZES_TABLE"
	rm -f -- "$LOG_DIR"/split-foyers-*.stdout "$LOG_DIR"/make-numeric-*.stdout

	# 1. Boosting by size (data prepared as each size comes, not timed in the report).
	[[ -z ${SIZES// /} ]] || run_sizes

	# 2. The full comparison, one data set after the other.
	if ((ROWS > 0)); then
		prepare_foyers "$ROWS"
		prepare_numeric "$ROWS"
		[[ -n $LOAD_START ]] || LOAD_START=$(load_average)
		run_full
	fi

	# 3. Report.
	write_report | tee "$OUT_DIR/models-bench.md"
	log "report written to $OUT_DIR/models-bench.md"
}

run_full() {
	run_dataset foyers "foyers (\`lanterne synth foyers --rows $ROWS --seed $SEED\`, label \`$FOYERS_LABEL\`)" \
		"$FOYERS_TRAIN" "$FOYERS_VALID" "$FOYERS_SCHEMA" "$FOYERS_LABEL" "$FOYERS_SPLIT"
	run_dataset numeric "numeric (28 features, \`models_peer.py numeric --seed $SEED\`, label \`$NUMERIC_LABEL\`)" \
		"$NUMERIC_TRAIN" "$NUMERIC_VALID" "$NUMERIC_SCHEMA" "$NUMERIC_LABEL" "$NUMERIC_SPLIT"
}

main "$@"
