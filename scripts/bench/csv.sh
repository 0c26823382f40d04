#!/usr/bin/env bash
# CSV parsing benchmark: Lanterne (one core) against pandas.read_csv (C engine).
#
#   scripts/bench/csv.sh
#
# Settings (environment variables):
#   ROWS            rows of the generated file              (default 2000000)
#   SEED            seed given to `lanterne synth`           (default 1)
#   OUT_DIR         where data, logs and the report go       (default scripts/bench/out;
#                   a relative path is taken from the repository root)
#   SYNTH_BIG_ROWS  rows of the extra, timed-only synth run  (default 10000000; 0 skips it)
#   RUNS            timed runs per parser, best one is kept  (default 7)
#   NUMERIC_ROWS    rows of the numeric file (21 columns of doubles written with
#                   17 significant digits, as NumPy and pandas write them; 0 skips it)
#                                                            (default 160000)
#   LANTERNE_BIN    an already built lanterne binary; skips `swift build` (default: build)
#
# The Markdown report is printed on stdout and written to $OUT_DIR/csv-bench.md.
# Progress messages go to stderr. Only `pip install` (and, when /usr/bin/time is
# missing and we run as root, `apt-get install time`) uses the network.
set -euo pipefail
# Let `set -e` reach into $(...) as well, so a failing helper stops the script.
shopt -s inherit_errexit 2>/dev/null || true

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
BENCH_NAME=csv
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$SCRIPT_DIR/common.sh"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/../.." && pwd)"
cd "$REPO_ROOT"

ROWS="${ROWS:-2000000}"
SEED="${SEED:-1}"
OUT_DIR="${OUT_DIR:-scripts/bench/out}"
SYNTH_BIG_ROWS="${SYNTH_BIG_ROWS:-10000000}"
RUNS="${RUNS:-7}"
NUMERIC_ROWS="${NUMERIC_ROWS:-160000}"
LANTERNE_BIN="${LANTERNE_BIN:-}"

KEEP_COLUMNS=20

# VENV_DIR, PY, TIME_BIN, TIME_FORMAT, BIN (the lanterne binary), log, die,
# calc, timed, ... come from common.sh.
LOG_DIR=""  # per-run stdout/stderr captures, set by main
BIG_FILE="" # large synth output, removed on exit whatever happens

# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

cleanup() {
	if [[ -n $BIG_FILE ]]; then
		rm -f -- "$BIG_FILE"
	fi
}
trap cleanup EXIT

# file_bytes FILE: size of FILE in bytes.
file_bytes() {
	local size
	size=$(wc -c <"$1")
	echo $((size))
}

# --------------------------------------------------------------------------
# Setup (the tools, the Python environment and the build are in common.sh)
# --------------------------------------------------------------------------

check_settings() {
	require_uint ROWS
	require_uint SEED
	require_uint SYNTH_BIG_ROWS
	require_uint RUNS
	require_uint NUMERIC_ROWS
	((ROWS > 0)) || die "ROWS must be at least 1"
	((RUNS > 0)) || die "RUNS must be at least 1"
}

# --------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------

# read_stats FILE: find the stats JSON line (it starts with {"rows") in FILE
# and print "rows columns table_bytes parse_seconds".
read_stats() {
	"$PY" -c '
import json, sys
path = sys.argv[1]
with open(path, encoding="utf-8", errors="replace") as lines:
    for line in lines:
        if line.startswith("{\"rows\""):
            # raw_decode ignores anything glued after the JSON object.
            stats, _ = json.JSONDecoder().raw_decode(line)
            print(stats["rows"], stats["columns"], stats["table_bytes"], stats["parse_seconds"])
            break
    else:
        sys.exit("no {\"rows\": ...} stats line in " + path)
' "$1"
}

# run_once LABEL STATS_STREAM RUN CMD...
# Runs CMD once and appends "<wall s> <max RSS KB> <rows> <columns> <table bytes>
# <parse s>" to $LOG_DIR/LABEL.runs. STATS_STREAM ("stdout" or "stderr") says
# where CMD prints its stats JSON line.
run_once() {
	local label=$1 stream=$2 i=$3
	shift 3
	local err="$LOG_DIR/$label.$i.stderr" out timing stats
	if [[ $stream == stdout ]]; then
		out="$LOG_DIR/$label.$i.stdout"
		timing=$(timed "$out" "$err" "$@")
		stats=$(read_stats "$out")
	else
		timing=$(timed /dev/null "$err" "$@")
		stats=$(read_stats "$err")
	fi
	log "$label run $i/$RUNS: wall+rss(KB) = $timing; rows cols bytes parse_s = $stats"
	printf '%s %s\n' "$timing" "$stats" >>"$LOG_DIR/$label.runs"
}

# best LABEL: the run of LABEL with the lowest in-process parse time (the
# quantity compared), ties broken by wall time.
best() {
	sort -k6,6g -k1,1g -- "$LOG_DIR/$1.runs" | head -n 1
}

# time_synth LABEL ROWS OUT_FILE: time `lanterne synth foyers`, print "<s> <KB>".
time_synth() {
	local label=$1 rows=$2 file=$3
	log "lanterne synth foyers --rows $rows --seed $SEED --out $file"
	timed "$LOG_DIR/$label.stdout" "$LOG_DIR/$label.stderr" \
		"$BIN" synth foyers --rows "$rows" --seed "$SEED" --out "$file"
}

# --------------------------------------------------------------------------
# Data preparation (not timed)
# --------------------------------------------------------------------------

# keep_first_columns SRC DST N: copy SRC to DST keeping only the first N columns.
# Uses the csv module so quoted fields containing commas stay intact.
keep_first_columns() {
	log "writing the first $3 columns of $1 to $2"
	"$PY" - "$1" "$2" "$3" <<'PYEOF'
import csv, sys

src, dst, keep = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(src, newline="", encoding="utf-8") as fin, \
        open(dst, "w", newline="", encoding="utf-8") as fout:
    reader = csv.reader(fin)
    writer = csv.writer(fout, lineterminator="\n")
    header = next(reader)
    if len(header) < keep:
        sys.exit(f"{src} has {len(header)} columns, fewer than {keep}")
    writer.writerow(header[:keep])
    for record in reader:
        writer.writerow(record[:keep])
PYEOF
}

# write_numeric FILE: NUMERIC_ROWS rows x 21 columns of seeded normal doubles of
# various scales, written with 17 significant digits (pandas' float_format).
write_numeric() {
	log "writing $NUMERIC_ROWS rows x 21 columns of doubles to $1"
	"$PY" - "$1" "$NUMERIC_ROWS" "$SEED" <<'PYEOF'
import sys

import numpy as np
import pandas as pd

path, rows, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(seed)
values = rng.standard_normal((rows, 21)) * rng.uniform(0.1, 1e5, 21)
frame = pd.DataFrame(values, columns=[f"x{i}" for i in range(21)])
frame.to_csv(path, index=False, float_format="%.17g")
PYEOF
}

# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------

# table_row LABEL WALL_S RSS_KB TABLE_BYTES PARSE_S
table_row() {
	local label=$1 wall=$2 rss_kb=$3 table_bytes=$4 parse=$5
	printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" \
		"$(calc .3f "$parse")" \
		"$(calc .2f "$wall")" \
		"$(calc .1f "$FILE_BYTES / 2**20 / $parse")" \
		"$(calc .1f "$rss_kb / 1024")" \
		"$(calc .1f "$table_bytes / 2**20")" \
		"$(calc .2f "($rss_kb / 1024) / ($table_bytes / 2**20)")"
}

# synth_line ROWS "<s> <KB>"
synth_line() {
	local rows=$1 seconds rss_kb
	read -r seconds rss_kb <<<"$2"
	echo "synth foyers --rows $rows: $seconds s, peak RSS $(calc .1f "$rss_kb / 1024") MB"
}

write_report() {
	local l_wall l_rss l_rows l_cols l_table l_parse
	local p_wall p_rss p_rows p_cols p_table p_parse
	read -r l_wall l_rss l_rows l_cols l_table l_parse <<<"$LANTERNE_BEST"
	read -r p_wall p_rss p_rows p_cols p_table p_parse <<<"$PANDAS_BEST"

	echo "# CSV parsing: Lanterne vs pandas"
	echo
	echo "Input: \`$(basename -- "$CSV_FILE")\`, $l_rows rows x $l_cols columns," \
		"$(calc .1f "$FILE_BYTES / 2**20") MB; best of $RUNS runs (lowest in-process parse time). MB = 2^20 bytes."
	echo
	echo "| parser | parse s (in-process) | whole process s | MB/s | peak RSS MB | in-memory table MB | peak/table |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
	table_row "Lanterne (1 core)" "$l_wall" "$l_rss" "$l_table" "$l_parse"
	table_row "pandas read_csv (C engine)" "$p_wall" "$p_rss" "$p_table" "$p_parse"
	echo
	echo "ratio pandas/Lanterne parse time: $(calc .2f "$p_parse / $l_parse") (>1 means Lanterne is faster)"
	if [[ $l_rows != "$p_rows" || $l_cols != "$p_cols" ]]; then
		echo
		echo "WARNING: shapes differ: Lanterne ${l_rows}x${l_cols}, pandas ${p_rows}x${p_cols}"
	fi
	if [[ -n $NUMERIC_FILE ]]; then
		local n_wall n_rss n_rows n_cols n_table n_parse
		local q_wall q_rss q_rows q_cols q_table q_parse
		local r_wall r_rss r_rows r_cols r_table r_parse
		read -r n_wall n_rss n_rows n_cols n_table n_parse <<<"$(best lanterne-numeric)"
		read -r q_wall q_rss q_rows q_cols q_table q_parse <<<"$(best pandas-numeric)"
		read -r r_wall r_rss r_rows r_cols r_table r_parse <<<"$(best pandas-numeric-round-trip)"
		FILE_BYTES=$NUMERIC_BYTES
		echo
		echo "Numeric input: \`$(basename -- "$NUMERIC_FILE")\`, $n_rows rows x $n_cols columns of doubles written" \
			"with 17 significant digits, $(calc .1f "$FILE_BYTES / 2**20") MB; best of $RUNS runs."
		echo
		echo "| parser | parse s (in-process) | whole process s | MB/s | peak RSS MB | in-memory table MB | peak/table |"
		echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
		table_row "Lanterne (1 core, correctly rounded)" "$n_wall" "$n_rss" "$n_table" "$n_parse"
		table_row "pandas read_csv (C engine, default converter)" "$q_wall" "$q_rss" "$q_table" "$q_parse"
		table_row "pandas read_csv (float_precision=round_trip)" "$r_wall" "$r_rss" "$r_table" "$r_parse"
		echo
		echo "ratio pandas/Lanterne parse time on the numeric file: $(calc .2f "$q_parse / $n_parse") against" \
			"pandas' default converter, $(calc .2f "$r_parse / $n_parse") against its correctly rounded one" \
			"(>1 means Lanterne is faster)"
	fi
	echo
	synth_line "$ROWS" "$SYNTH_SMALL"
	echo
	if [[ -n $SYNTH_BIG ]]; then
		synth_line "$SYNTH_BIG_ROWS" "$SYNTH_BIG"
	else
		echo "synth foyers --rows (big): skipped (SYNTH_BIG_ROWS=0)"
	fi
	echo
	machine_section
	echo "- pandas: $("$PY" -c 'import pandas; print(pandas.__version__)')"
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

	mkdir -p -- "$OUT_DIR"
	OUT_DIR="$(cd -- "$OUT_DIR" && pwd)"
	LOG_DIR="$OUT_DIR/logs"
	mkdir -p -- "$LOG_DIR"

	# 1. Generate the data, timing the generator itself.
	local full_file="$OUT_DIR/foyers_$ROWS.csv"
	SYNTH_SMALL=$(time_synth synth "$ROWS" "$full_file")
	SYNTH_BIG=""
	if ((SYNTH_BIG_ROWS > 0)); then
		BIG_FILE="$OUT_DIR/foyers_big.csv"
		SYNTH_BIG=$(time_synth synth_big "$SYNTH_BIG_ROWS" "$BIG_FILE")
		rm -f -- "$BIG_FILE"
		BIG_FILE=""
	fi

	# 2. The comparison file: the first 20 columns (mixed types) of the data.
	CSV_FILE="$OUT_DIR/foyers_${ROWS}_${KEEP_COLUMNS}.csv"
	keep_first_columns "$full_file" "$CSV_FILE" "$KEEP_COLUMNS"
	FILE_BYTES=$(file_bytes "$CSV_FILE")

	# 3. Timed parses, the two parsers taking turns so that a noisy moment of the
	# shared machine does not fall on one of them only.
	: >"$LOG_DIR/lanterne.runs"
	: >"$LOG_DIR/pandas.runs"
	local i
	for ((i = 1; i <= RUNS; i++)); do
		run_once lanterne stderr "$i" env LANTERNE_THREADS=1 "$BIN" schema infer "$CSV_FILE" --stats
		run_once pandas stdout "$i" "$PY" "$SCRIPT_DIR/pandas_read_csv.py" "$CSV_FILE"
	done
	LANTERNE_BEST=$(best lanterne)
	PANDAS_BEST=$(best pandas)

	# 3b. The numeric file, the same way.
	NUMERIC_FILE=""
	if ((NUMERIC_ROWS > 0)); then
		NUMERIC_FILE="$OUT_DIR/numeric_${NUMERIC_ROWS}x21.csv"
		write_numeric "$NUMERIC_FILE"
		NUMERIC_BYTES=$(file_bytes "$NUMERIC_FILE")
		: >"$LOG_DIR/lanterne-numeric.runs"
		: >"$LOG_DIR/pandas-numeric.runs"
		: >"$LOG_DIR/pandas-numeric-round-trip.runs"
		for ((i = 1; i <= RUNS; i++)); do
			run_once lanterne-numeric stderr "$i" env LANTERNE_THREADS=1 "$BIN" schema infer "$NUMERIC_FILE" --stats
			run_once pandas-numeric stdout "$i" "$PY" "$SCRIPT_DIR/pandas_read_csv.py" "$NUMERIC_FILE"
			run_once pandas-numeric-round-trip stdout "$i" "$PY" "$SCRIPT_DIR/pandas_read_csv.py" "$NUMERIC_FILE" \
				--float-precision round_trip
		done
	fi

	# 4. Report.
	write_report | tee "$OUT_DIR/csv-bench.md"
	log "report written to $OUT_DIR/csv-bench.md"
}

main "$@"
