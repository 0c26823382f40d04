#!/usr/bin/env bash
# Fairness audit benchmark (issue 5): `lanterne audit` side by side with
# Fairlearn's MetricFrame, on the same generated cases, in one run.
#
#   scripts/bench/audit.sh
#   # quicker: Fairlearn's bootstrap timed on 10 resamples, extrapolated to N_BOOT
#   FAIRLEARN_BOOT=10 scripts/bench/audit.sh
#
# Settings (environment variables):
#   ROWS            rows of the file audited without bootstrap                   (default 10000000)
#   BOOT_ROWS       rows of the file audited with bootstrap                      (default 1000000)
#   N_BOOT          bootstrap resamples of Lanterne (and of the comparison)      (default 1000)
#   FAIRLEARN_BOOT  resamples Fairlearn really draws; under N_BOOT, its time is
#                   extrapolated linearly to N_BOOT and the report says so      (default 1000)
#   FAIRLEARN_AUC   1: Fairlearn's frames without bootstrap also compute
#                   roc_auc_score and the mean score per group; 0: rates only   (default 1)
#   SEED            seed of the data and of both bootstraps                      (default 1)
#   THREADS         LANTERNE_THREADS of the Lanterne runs                        (default 2)
#   RUNS            runs of each Lanterne case, the best one is kept; Fairlearn,
#                   which takes minutes, runs once per case                      (default 3)
#   OUT_DIR         where data, logs and the report go (default scripts/bench/out;
#                   a relative path is taken from the repository root)
#   LANTERNE_BIN    an already built lanterne binary; skips `swift build`       (default: build)
#
# Issue 5's targets for Lanterne: "10,000,000 rows, three protected attributes
# plus one intersection, all metrics: under 2 s on 2 cores without bootstrap;
# with 1,000 bootstrap resamples, against Fairlearn MetricFrame(n_boot=1000) on
# 1,000,000 rows in one run: at least 50x faster. Memory stays under 2x the
# input columns."
#
# Data (audit_peer.py make-data, not timed, kept between runs when the rows and
# seed are the same): sexe, nationalite, tranche_age, issue (0/1, about 5 %),
# score (a probability, 6 decimals) and decision; the BOOT_ROWS file holds the
# first rows of the ROWS one. Two cases, Lanterne first (RUNS runs, the one with
# the lowest in-process time kept), then Fairlearn (one run):
#
# 1. ROWS rows, no bootstrap: `lanterne audit FILE --label issue --protected
#    sexe,nationalite,tranche_age,sexe*nationalite --score score --top-percent 10
#    --json OUT --timings` with LANTERNE_THREADS=THREADS: wall time and peak RSS
#    of the process (/usr/bin/time) and the in-process audit_seconds of its
#    `timings {...}` stderr line (every metric but the bootstrap: counts and
#    rates by group and intersection, AUC and mean score, calibration, tests,
#    the top-percent selection). Fairlearn (audit_peer.py fairlearn): the same
#    decision (the ceil(n 10 / 100) best scores, ties by row order) and four
#    MetricFrames (count, selection_rate, true/false positive rate, false
#    negative rate; with FAIRLEARN_AUC=1 also roc_auc_score and the mean score),
#    timed in process without reading the CSV (read time shown apart).
# 2. BOOT_ROWS rows, `--protected sexe*nationalite --bootstrap N_BOOT --seed
#    SEED` against MetricFrame(metrics=the rates, y_true, y_pred,
#    sensitive_features=df[["sexe","nationalite"]], n_boot=FAIRLEARN_BOOT,
#    ci_quantiles=[0.025, 0.975], random_state=SEED), compared in process
#    (Lanterne: audit_seconds + bootstrap_seconds; Fairlearn: the decision and
#    the MetricFrame, its point estimates included).
# 3. Memory: Lanterne's peak RSS over the input columns as Lanterne holds them
#    (issue and score 8 bytes a row, each of the three category columns 4 bytes
#    of codes: 28 bytes a row).
# Then both outputs are compared group by group (counts, rates, AUC, mean score).
#
# The Markdown report is printed on stdout and written to $OUT_DIR/audit-bench.md.
# Progress messages go to stderr. Only `pip install` (and, when /usr/bin/time is
# missing and we run as root, `apt-get install time`) uses the network.
set -euo pipefail
# Let `set -e` reach into $(...) as well, so a failing helper stops the script.
shopt -s inherit_errexit 2>/dev/null || true

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
BENCH_NAME=audit
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$SCRIPT_DIR/common.sh"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/../.." && pwd)"
cd "$REPO_ROOT"

ROWS="${ROWS:-10000000}"
BOOT_ROWS="${BOOT_ROWS:-1000000}"
N_BOOT="${N_BOOT:-1000}"
FAIRLEARN_BOOT="${FAIRLEARN_BOOT:-1000}"
FAIRLEARN_AUC="${FAIRLEARN_AUC:-1}"
SEED="${SEED:-1}"
THREADS="${THREADS:-2}"
RUNS="${RUNS:-3}"
OUT_DIR="${OUT_DIR:-scripts/bench/out}"
LANTERNE_BIN="${LANTERNE_BIN:-}"

# The audit, the same for both tools.
LABEL=issue
SCORE=score
PROTECTED="sexe,nationalite,tranche_age,sexe*nationalite"
BOOT_PROTECTED="sexe*nationalite"
TOP_PERCENT=10
# Bytes a row of the input columns as Lanterne holds them: issue and score are
# numbers (8 bytes), sexe, nationalite and tranche_age category codes (4 bytes).
INPUT_ROW_BYTES=28

# Issue 5's targets for Lanterne.
TARGET_ROWS=10000000
TARGET_AUDIT_S=2
TARGET_BOOT_ROWS=1000000
TARGET_BOOT=1000
TARGET_SPEEDUP=50
TARGET_MEMORY=2

PEER="$SCRIPT_DIR/audit_peer.py"

# VENV_DIR, PY, TIME_BIN, TIME_FORMAT, BIN (the lanterne binary), log, die,
# calc, timed, json_fields, ... come from common.sh.
DATA_DIR=""   # generated CSV files, set by main
LOG_DIR=""    # per-run stdout/stderr captures, JSON and .runs files, set by main
LOAD_START="" # load averages before the first timed run, set by main

# --------------------------------------------------------------------------
# Setup (the tools, the Python environment and the build are in common.sh)
# --------------------------------------------------------------------------

check_settings() {
	require_uint ROWS
	require_uint BOOT_ROWS
	require_uint N_BOOT
	require_uint FAIRLEARN_BOOT
	require_uint FAIRLEARN_AUC
	require_uint SEED
	require_uint THREADS
	require_uint RUNS
	((ROWS >= 1000)) || die "ROWS must be at least 1000"
	((BOOT_ROWS >= 1000)) || die "BOOT_ROWS must be at least 1000"
	((N_BOOT > 0)) || die "N_BOOT must be at least 1"
	((FAIRLEARN_BOOT > 0)) || die "FAIRLEARN_BOOT must be at least 1"
	((FAIRLEARN_BOOT <= N_BOOT)) || die "FAIRLEARN_BOOT ($FAIRLEARN_BOOT) cannot exceed N_BOOT ($N_BOOT)"
	((FAIRLEARN_AUC <= 1)) || die "FAIRLEARN_AUC must be 0 or 1"
	((THREADS > 0)) || die "THREADS must be at least 1"
	((RUNS > 0)) || die "RUNS must be at least 1"
}

# check_commands: the binary set by build_lanterne offers `audit` with the flags
# used here; an older one answers with the general help or lacks --timings.
check_commands() {
	local help flag
	help=$("$BIN" audit --help 2>&1 || true)
	for flag in --label --protected --score --top-percent --bootstrap --seed --json --timings; do
		[[ $help == *"$flag"* ]] || die "$BIN audit does not offer $flag (is it an older build?)"
	done
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

# lanterne_timings STDERR_FILE KEY...: the values of the keys of the last
# `timings {...}` line of a Lanterne stderr capture ("nan" for a missing key).
lanterne_timings() {
	local err=$1 line
	shift
	line=$(grep -oE 'timings \{.*\}' -- "$err" | tail -n 1 || true)
	[[ -n $line ]] || die "no 'timings {...}' line in $err (was --timings honoured?)"
	printf '%s\n' "${line#timings }" >"$err.timings.json"
	json_fields "$err.timings.json" "$@"
}

# The fields of a Lanterne .runs line:
#   compute_s (audit + bootstrap) audit_s bootstrap_s read_s write_s total_s wall_s peak_rss_kb
# run_lanterne CASE FILE PROTECTED BOOT RUN: one timed `lanterne audit` (BOOT 0: no
# bootstrap), its JSON to $LOG_DIR/CASE-lanterne.json, appended to $LOG_DIR/CASE-lanterne.runs.
run_lanterne() {
	local file=$2 protected=$3 boot=$4 i=$5 label="$1-lanterne" timing fields
	local extra=()
	((boot == 0)) || extra=(--bootstrap "$boot" --seed "$SEED")
	timing=$(timed "$LOG_DIR/$label.$i.stdout" "$LOG_DIR/$label.$i.stderr" \
		env LANTERNE_THREADS="$THREADS" "$BIN" audit "$file" --label "$LABEL" --protected "$protected" \
		--score "$SCORE" --top-percent "$TOP_PERCENT" "${extra[@]}" --json "$LOG_DIR/$label.json" --timings) || exit
	[[ -s $LOG_DIR/$label.json ]] || die "lanterne audit wrote no JSON to $LOG_DIR/$label.json"
	fields=$(lanterne_timings "$LOG_DIR/$label.$i.stderr" audit_seconds bootstrap_seconds read_seconds \
		write_seconds total_seconds)
	local audit bootstrap
	read -r audit bootstrap _ <<<"$fields"
	# A run without bootstrap may leave bootstrap_seconds out or give 0.
	[[ $bootstrap != nan ]] || bootstrap=0
	log "$label run $i/$RUNS: audit s, bootstrap s, read s, write s, total s = $fields; wall s, peak RSS KB = $timing"
	printf '%s %s %s\n' "$(calc .6f "$audit + $bootstrap")" "$fields" "$timing" >>"$LOG_DIR/$label.runs"
}

# The fields of a Fairlearn .runs line:
#   audit_s read_s selection_s metricframe_s plain_s boot_s per_resample_s wall_s peak_rss_kb
# run_fairlearn CASE FILE PROTECTED BOOT: one timed audit_peer.py fairlearn run (BOOT 0: no
# bootstrap), its groups to $LOG_DIR/CASE-fairlearn.groups.json, written to $LOG_DIR/CASE-fairlearn.runs.
run_fairlearn() {
	local file=$2 protected=$3 boot=$4 label="$1-fairlearn" timing fields
	local extra=()
	if ((boot > 0)); then
		extra=(--n-boot "$boot" --seed "$SEED")
	elif ((FAIRLEARN_AUC == 1)); then
		extra=(--auc)
	fi
	log "$label: Fairlearn MetricFrame on $file (this takes minutes)"
	timing=$(timed "$LOG_DIR/$label.stdout" "$LOG_DIR/$label.stderr" \
		"$PY" "$PEER" fairlearn "$file" --label "$LABEL" --score "$SCORE" --protected "$protected" \
		--top-percent "$TOP_PERCENT" "${extra[@]}" --groups-out "$LOG_DIR/$label.groups.json") || exit
	fields=$(json_fields "$LOG_DIR/$label.stdout" audit_seconds read_seconds selection_seconds \
		metricframe_seconds plain_seconds boot_seconds per_resample_seconds)
	log "$label: audit s, read s, selection s, MetricFrames s, plain s, boot s, s a resample = $fields;" \
		"wall s, peak RSS KB = $timing"
	printf '%s %s\n' "$fields" "$timing" >"$LOG_DIR/$label.runs"
}

# best LABEL: the .runs line with the lowest first field (the in-process time), ties by wall time.
best() { sort -k1,1g -k7,7g -- "$LOG_DIR/$1.runs" | head -n 1; }

# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------

# verdict VALUE OP TARGET: "✓ met" or "✗ **missed**".
verdict() {
	if [[ $(calc d "$1 $2 $3") == 1 ]]; then echo "✓ met"; else echo "✗ **missed**"; fi
}

# scale_note ACTUAL TARGET UNIT [ACTUAL TARGET UNIT...]: a note when a case was not run at the
# target's size, e.g. " (measured on 100000 rows, not the 10000000 rows the target is set for)".
scale_note() {
	local measured="" wanted=""
	while (($# >= 3)); do
		if (($1 != $2)); then
			measured+="${measured:+ and }$1 $3"
			wanted+="${wanted:+ and }$2 $3"
		fi
		shift 3
	done
	[[ -z $measured ]] || echo " (measured on $measured, not the $wanted the target is set for)"
}

# input_mb ROWS: the input columns as Lanterne holds them, in MB.
input_mb() { calc .1f "$1 * $INPUT_ROW_BYTES / 2**20"; }

# agreement CASE: one sentence on how far Lanterne's groups are from Fairlearn's.
agreement() {
	local fields groups ours theirs values worst where bounds ci_worst ci_where
	fields=$(json_fields "$LOG_DIR/$1-compare.stdout" groups_compared lanterne_groups peer_groups \
		values_compared max_abs_difference worst bounds_compared ci_max_abs_difference ci_worst)
	read -r groups ours theirs values worst where bounds ci_worst ci_where <<<"$fields"
	# The backquotes in the printf formats below are Markdown code spans.
	# shellcheck disable=SC2016
	printf '%s groups matched (Lanterne %s, Fairlearn %s), %s values compared: max |Lanterne − Fairlearn| = %s (`%s`)' \
		"$groups" "$ours" "$theirs" "$values" "$worst" "$where"
	if [[ $bounds != 0 && $bounds != nan ]]; then
		# shellcheck disable=SC2016 # a Markdown code span
		printf '; 95 %% bounds (%s compared): max |difference| = %s (`%s`)' "$bounds" "$ci_worst" "$ci_where"
	fi
	echo
	if ! [[ $groups == "$ours" && $groups == "$theirs" ]]; then
		echo
		echo "WARNING: the two tools do not report the same groups; see $LOG_DIR/$1-compare.stdout"
	fi
}

write_report() {
	local l_audit l_read l_wall l_rss
	local f_audit f_read f_sel f_wall f_rss
	read -r _ l_audit _ l_read _ _ l_wall l_rss <<<"$(best full-lanterne)"
	read -r f_audit f_read f_sel _ _ _ _ f_wall f_rss <<<"$(cat -- "$LOG_DIR/full-fairlearn.runs")"
	local b_compute b_boot b_read b_wall b_rss
	local g_audit g_read g_sel g_plain g_boot g_per g_wall g_rss
	read -r b_compute _ b_boot b_read _ _ b_wall b_rss <<<"$(best boot-lanterne)"
	read -r g_audit g_read g_sel _ g_plain g_boot g_per g_wall g_rss <<<"$(cat -- "$LOG_DIR/boot-fairlearn.runs")"

	# The peer builds the frame once without bootstrap before the one with n_boot, to measure
	# a resample's cost: its whole process is counted without that first frame.
	g_wall=$(calc .6f "$g_wall - $g_plain")
	# Fairlearn's bootstrap at N_BOOT resamples: measured, or extrapolated linearly.
	local extrapolated=0 g_audit_n=$g_audit g_wall_n=$g_wall
	if ((FAIRLEARN_BOOT < N_BOOT)); then
		extrapolated=1
		g_audit_n=$(calc .6f "$g_audit + ($N_BOOT - $FAIRLEARN_BOOT) * $g_per")
		g_wall_n=$(calc .6f "$g_wall + ($N_BOOT - $FAIRLEARN_BOOT) * $g_per")
	fi
	# The compared quantities as expressions, for calc (a missing value is nan, shown as n/a).
	local full_ratio="$f_audit / $l_audit" boot_ratio="$g_audit_n / $b_compute"
	local full_memory="$l_rss * 1024 / ($ROWS * $INPUT_ROW_BYTES)"
	local boot_memory="$b_rss * 1024 / ($BOOT_ROWS * $INPUT_ROW_BYTES)"
	local fairlearn_metrics="count, selection_rate, true_positive_rate, false_positive_rate, false_negative_rate"
	local full_metrics=$fairlearn_metrics
	((FAIRLEARN_AUC == 0)) ||
		full_metrics="$fairlearn_metrics, roc_auc_score and the mean score (the score passed through \`sample_params\`)"
	local estimated=""
	((extrapolated == 0)) || estimated=" (extrapolated)"
	local prefix_note=""
	((BOOT_ROWS > ROWS)) || prefix_note=" The $BOOT_ROWS-row file holds the first rows of the $ROWS-row one"
	((BOOT_ROWS > ROWS)) || prefix_note+=" (but for \`decision\`, which the audit does not read)."

	echo "# Fairness audit: \`lanterne audit\` vs Fairlearn MetricFrame"
	echo
	echo "Generated cases (\`audit_peer.py make-data --seed $SEED\`: sexe, nationalite, tranche_age, issue with a" \
		"base rate of $(calc .2f "100 * $FULL_BASE_RATE") %, score, decision), the decision being the $TOP_PERCENT %" \
		"best scores (ties by row order) on both sides. Lanterne with LANTERNE_THREADS=$THREADS, best of $RUNS runs" \
		"(lowest in-process time); Fairlearn once (it takes minutes). In-process times leave out reading the CSV," \
		"shown apart. MB = 2^20 bytes."
	echo
	echo "## Without bootstrap: $ROWS rows, sexe, nationalite, tranche_age and sexe×nationalite"
	echo
	echo "| tool | read s | audit s (in process) | whole process s | peak RSS MB | peak RSS / input columns |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: |"
	# shellcheck disable=SC2016 # a Markdown code span
	printf '| Lanterne `audit`, %s threads | %s | %s | %s | %s | %s |\n' "$THREADS" "$(calc .3f "$l_read")" \
		"$(calc .3f "$l_audit")" "$(calc .2f "$l_wall")" "$(mb "$l_rss")" "$(calc .2f "$full_memory")"
	printf '| Fairlearn %s, 4 MetricFrames | %s | %s | %s | %s | |\n' "$FAIRLEARN_VERSION" "$(calc .3f "$f_read")" \
		"$(calc .3f "$f_audit")" "$(calc .2f "$f_wall")" "$(mb "$f_rss")"
	echo
	echo "Fairlearn / Lanterne: **$(calc .1f "$full_ratio")×** in process (audit s); $(calc .1f "$f_wall / $l_wall")×" \
		"whole process."
	echo
	echo "## With bootstrap: $BOOT_ROWS rows, sexe×nationalite, $N_BOOT resamples"
	echo
	echo "| tool | resamples | read s | audit + bootstrap s (in process) | of which bootstrap s | whole process s | peak RSS MB |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
	# shellcheck disable=SC2016 # a Markdown code span
	printf '| Lanterne `audit --bootstrap %s`, %s threads | %s | %s | %s | %s | %s | %s |\n' "$N_BOOT" "$THREADS" \
		"$N_BOOT" "$(calc .3f "$b_read")" "$(calc .3f "$b_compute")" "$(calc .3f "$b_boot")" "$(calc .2f "$b_wall")" \
		"$(mb "$b_rss")"
	printf '| Fairlearn %s, MetricFrame(n_boot=%s) | %s | %s | %s | %s | %s | %s |\n' "$FAIRLEARN_VERSION" \
		"$FAIRLEARN_BOOT" "$FAIRLEARN_BOOT" "$(calc .3f "$g_read")" "$(calc .3f "$g_audit")" \
		"$(calc .3f "$g_boot - $g_plain")" "$(calc .2f "$g_wall")" "$(mb "$g_rss")"
	if ((extrapolated == 1)); then
		printf '| Fairlearn %s, **extrapolated** to n_boot=%s | %s | | %s | %s | %s | |\n' "$FAIRLEARN_VERSION" \
			"$N_BOOT" "$N_BOOT" "$(calc .1f "$g_audit_n")" "$(calc .1f "$g_audit_n - $g_sel - $g_plain")" \
			"$(calc .1f "$g_wall_n")"
	fi
	echo
	echo "Fairlearn / Lanterne: **$(calc .1f "$boot_ratio")×**$estimated in process (audit + bootstrap s);" \
		"$(calc .1f "$g_wall_n / $b_wall")×$estimated whole process. Fairlearn: $(calc .3f "$g_per") s a resample;" \
		"its whole process leaves out the frame the peer builds first without bootstrap ($(calc .2f "$g_plain") s), to" \
		"measure a resample's cost."
	if ((extrapolated == 1)); then
		echo
		echo "**Fairlearn's bootstrap was run with n_boot=$FAIRLEARN_BOOT, not $N_BOOT** (FAIRLEARN_BOOT):" \
			"its time at $N_BOOT resamples is extrapolated linearly, the measured time plus" \
			"$((N_BOOT - FAIRLEARN_BOOT)) × $(calc .3f "$g_per") s (its time with n_boot=$FAIRLEARN_BOOT less its time" \
			"without bootstrap, over $FAIRLEARN_BOOT). Each resample redoes the whole frame on a resampled copy" \
			"of the data, so the cost is linear in n_boot."
	fi
	echo
	echo "## Issue 5 targets (Lanterne)"
	echo
	echo "- $TARGET_ROWS rows, 3 attributes + 1 intersection, all metrics, no bootstrap, under $TARGET_AUDIT_S s on" \
		"2 cores: audit s $(calc .3f "$l_audit") s, $(verdict "$l_audit" "<" "$TARGET_AUDIT_S")$(scale_note "$ROWS" \
			"$TARGET_ROWS" rows); LANTERNE_THREADS=$THREADS on $(nproc) cores; the whole process, reading and" \
		"writing included, $(calc .2f "$l_wall") s"
	echo "- $TARGET_BOOT resamples on $TARGET_BOOT_ROWS rows, at least ${TARGET_SPEEDUP}× faster than Fairlearn" \
		"MetricFrame(n_boot=$TARGET_BOOT) in one run: $(calc .1f "$boot_ratio")×$estimated, $(verdict "$boot_ratio" ">=" \
			"$TARGET_SPEEDUP")$(scale_note "$BOOT_ROWS" "$TARGET_BOOT_ROWS" rows "$N_BOOT" \
			"$TARGET_BOOT" resamples)"
	echo "- memory under ${TARGET_MEMORY}× the input columns: peak RSS $(mb "$l_rss") MB for $(input_mb "$ROWS") MB of" \
		"input columns on $ROWS rows, $(calc .2f "$full_memory")×, $(verdict "$full_memory" "<" "$TARGET_MEMORY")$(scale_note \
			"$ROWS" "$TARGET_ROWS" rows);" \
		"on $BOOT_ROWS rows with bootstrap: $(mb "$b_rss") MB for $(input_mb "$BOOT_ROWS") MB, $(calc .2f "$boot_memory")×"
	echo
	echo "## Agreement"
	echo
	echo "- without bootstrap: $(agreement full)"
	echo "- with bootstrap: $(agreement boot)"
	echo
	echo "Point estimates should agree to rounding. The 95 % bounds come from different resamplings (Lanterne" \
		"draws within each group, Fairlearn over all rows, with other random numbers): they differ by" \
		"Monte Carlo noise."
	echo
	echo "## How to read this"
	echo
	echo "- **Lanterne**: audit s is \`audit_seconds\` of the \`timings {...}\` line that \`--timings\` prints: every" \
		"metric but the bootstrap (counts and the rates of each group and intersection, AUC and mean score by" \
		"group, calibration, tests, the top-$TOP_PERCENT % selection); the bootstrap is \`bootstrap_seconds\`," \
		"reading the CSV \`read_seconds\`. Whole process and peak RSS come from \`/usr/bin/time\`."
	echo "- **Fairlearn** (\`audit_peer.py fairlearn\`, pandas $PANDAS_VERSION): reads the needed columns with" \
		"\`pandas.read_csv\` (read s), makes the decision as Lanterne does (a stable sort of the scores:" \
		"$(calc .3f "$f_sel") s on $ROWS rows), then builds one MetricFrame per attribute with y_true = issue," \
		"y_pred = the decision and the metrics $full_metrics;" \
		"audit s = the decision + the frames. With bootstrap, the metrics are $fairlearn_metrics, and" \
		"\`ci_quantiles=[0.025, 0.975], random_state=$SEED\`. Fairlearn leaves out what Lanterne adds (the other" \
		"rates, ratios and differences to a reference group, tests, calibration, intervals of ratios)."
	echo "- Fairlearn $FAIRLEARN_VERSION's cost is mostly its own plumbing: MetricFrame turns y_true, y_pred and" \
		"each sensitive feature into Python lists, and every metric call of every group runs \`np.stack\` over its" \
		"column, element by element; a bootstrap resample redoes all of it on a resampled copy of the frame."
	echo "- Peak RSS / input columns: the input columns are the audit's columns as Lanterne holds them (issue and" \
		"score 8 bytes a row, sexe, nationalite and tranche_age 4-byte category codes: $INPUT_ROW_BYTES bytes a row)." \
		"The file also has a \`decision\` column the audit does not use (8 bytes a row more if read)."
	echo "- Generating the data (\`audit_peer.py make-data\`, numpy, not part of the comparison): $ROWS rows," \
		"$(calc .1f "$FULL_BYTES / 2**20") MB, $FULL_GEN; $BOOT_ROWS rows $BOOT_GEN.$prefix_note"
	echo
	echo "## Commands"
	echo
	echo '```sh'
	echo "ROWS=$ROWS BOOT_ROWS=$BOOT_ROWS N_BOOT=$N_BOOT FAIRLEARN_BOOT=$FAIRLEARN_BOOT FAIRLEARN_AUC=$FAIRLEARN_AUC" \
		"SEED=$SEED THREADS=$THREADS RUNS=$RUNS scripts/bench/audit.sh"
	echo "LANTERNE_THREADS=$THREADS lanterne audit $(basename -- "$FULL_FILE") --label $LABEL --protected '$PROTECTED'" \
		"--score $SCORE --top-percent $TOP_PERCENT --json OUT.json --timings"
	echo "LANTERNE_THREADS=$THREADS lanterne audit $(basename -- "$BOOT_FILE") --label $LABEL --protected" \
		"'$BOOT_PROTECTED' --score $SCORE --top-percent $TOP_PERCENT --bootstrap $N_BOOT --seed $SEED --json OUT.json" \
		"--timings"
	echo '```'
	echo
	machine_section
	echo "- fairlearn: $FAIRLEARN_VERSION"
	echo "- pandas: $PANDAS_VERSION"
	echo "- numpy: $(package_version numpy)"
	echo "- scikit-learn: $(package_version scikit-learn)"
	echo "- load average (1, 5, 15 min) before the first timed run: $LOAD_START; at the end: $(load_average)"
	echo "- date: $(date '+%Y-%m-%d %H:%M:%S %Z')"
}

# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

# generation STEP_LABEL: "<text> <bytes> <base rate>" of a make-data step, text being "in_S_s" or,
# for a file kept from an earlier run, "kept_from_an_earlier_run_(written_in_S_s)" (underscores for spaces).
generation() {
	local seconds bytes rate reused
	read -r seconds bytes rate reused <<<"$(json_fields "$LOG_DIR/$1.stdout" seconds bytes base_rate reused)"
	local text="in_${seconds}_s"
	[[ $reused != True ]] || text="kept_from_an_earlier_run_(written_in_${seconds}_s)"
	echo "$text $bytes $rate"
}

main() {
	check_settings
	ensure_gnu_time
	ensure_venv
	build_lanterne
	check_commands

	prepare_out_dirs

	FAIRLEARN_VERSION=$(package_version fairlearn)
	PANDAS_VERSION=$(package_version pandas)

	# 1. The data (not timed; kept when an earlier run wrote it with the same rows and seed).
	FULL_FILE="$DATA_DIR/cases_${ROWS}_seed${SEED}.csv"
	BOOT_FILE="$DATA_DIR/cases_${BOOT_ROWS}_seed${SEED}.csv"
	step make-data-full "$PY" "$PEER" make-data --rows "$ROWS" --seed "$SEED" --out "$FULL_FILE" --reuse
	step make-data-boot "$PY" "$PEER" make-data --rows "$BOOT_ROWS" --seed "$SEED" --out "$BOOT_FILE" --reuse
	read -r FULL_GEN FULL_BYTES FULL_BASE_RATE <<<"$(generation make-data-full)"
	read -r BOOT_GEN _ _ <<<"$(generation make-data-boot)"
	FULL_GEN=${FULL_GEN//_/ }
	BOOT_GEN=${BOOT_GEN//_/ }
	log "data: $ROWS rows $FULL_GEN, $BOOT_ROWS rows $BOOT_GEN"

	# 2. Timed runs: Lanterne's RUNS runs, then Fairlearn's one, for each case.
	LOAD_START=$(load_average)
	local i
	for ((i = 1; i <= RUNS; i++)); do
		run_lanterne full "$FULL_FILE" "$PROTECTED" 0 "$i"
	done
	run_fairlearn full "$FULL_FILE" "$PROTECTED" 0
	for ((i = 1; i <= RUNS; i++)); do
		run_lanterne boot "$BOOT_FILE" "$BOOT_PROTECTED" "$N_BOOT" "$i"
	done
	run_fairlearn boot "$BOOT_FILE" "$BOOT_PROTECTED" "$FAIRLEARN_BOOT"

	# 3. The two tools' groups side by side.
	step full-compare "$PY" "$PEER" compare "$LOG_DIR/full-lanterne.json" "$LOG_DIR/full-fairlearn.groups.json"
	step boot-compare "$PY" "$PEER" compare "$LOG_DIR/boot-lanterne.json" "$LOG_DIR/boot-fairlearn.groups.json"

	# 4. Report.
	write_report | tee "$OUT_DIR/audit-bench.md"
	log "report written to $OUT_DIR/audit-bench.md"
}

main "$@"
