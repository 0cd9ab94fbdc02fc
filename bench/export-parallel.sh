#!/usr/bin/env bash
# Export time of `mktows get-multiple-leads` for several --parallel values
# against mktows-sandbox with a fixed latency per call (Marketo answers a
# page in hundreds of milliseconds; the sandbox would answer in one).
# Prints a Markdown table: every run's time, the median, the speedup over
# --parallel 1 and the efficiency (speedup / parallel).
#
# usage: bench/export-parallel.sh [BUILD_DIR]          (default: build)
# env:   PARALLEL   values to measure         (default "1 2 4 8")
#        RUNS       runs per value            (default 3)
#        LEADS      built-in sandbox leads    (default 30000; updatedAt over 2024-2025)
#        LATENCY_MS sandbox latency per call  (default 200)
#        BATCH      --batch-size              (default 200)
#        WINDOW_DAYS --window-days            (default 30)
#        RATE_LIMIT --rate-limit of the client (default off: measure the
#                   concurrency, not Marketo's 100 calls / 20 s)
set -euo pipefail

build=${1:-${MKTOWS_BUILD_DIR:-build}}
parallel_values=${PARALLEL:-"1 2 4 8"}
runs=${RUNS:-3}
leads=${LEADS:-30000}
latency=${LATENCY_MS:-200}
batch=${BATCH:-200}
window_days=${WINDOW_DAYS:-30}
rate_limit=${RATE_LIMIT:-off}
since=2024-01-01T00:00:00Z
until=2025-12-31T23:59:59Z

sandbox_bin=$build/apps/sandbox/mktows-sandbox
cli_bin=$build/apps/mktows/mktows
for bin in "$sandbox_bin" "$cli_bin"; do
  if [ ! -x "$bin" ]; then
    echo "export-parallel: $bin is missing; build first (cmake -S . -B $build && cmake --build $build)," \
         "or give the build directory as the first argument" >&2
    exit 2
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/mktows-bench-XXXXXX")
sandbox_pid=
cleanup() {
  if [ -n "$sandbox_pid" ]; then
    kill "$sandbox_pid" 2>/dev/null || true
    wait "$sandbox_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"$sandbox_bin" --port 0 --leads "$leads" --latency-ms "$latency" >"$work/sandbox.out" 2>"$work/sandbox.err" &
sandbox_pid=$!
for _ in $(seq 300); do
  grep -q '^listening on ' "$work/sandbox.out" 2>/dev/null && break
  kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.err" >&2; exit 1; }
  sleep 0.1
done
endpoint=$(sed -n 's/^listening on //p' "$work/sandbox.out" | head -1)
[ -n "$endpoint" ] || { echo "export-parallel: the sandbox did not start" >&2; exit 1; }

export MKTOWS_ENDPOINT=$endpoint
export MKTOWS_USER_ID=mktows_sandbox_demo_1_A1B2C3D4E5F6       # the sandbox's public demo account
export MKTOWS_SECRET_KEY=mktows-sandbox-demo-secret-0123456789

run_export() {  # parallel -> prints seconds; checks the lead count
  local p=$1 start end
  start=$(date +%s.%N)
  "$cli_bin" get-multiple-leads --updated-since "$since" --updated-until "$until" --batch-size "$batch" \
    --window-days "$window_days" --parallel "$p" --rate-limit "$rate_limit" --no-progress \
    --output "$work/out.jsonl" 2>"$work/summary.txt"
  end=$(date +%s.%N)
  local count
  count=$(wc -l <"$work/out.jsonl")
  if [ "$count" -ne "$leads" ]; then
    echo "export-parallel: --parallel $p wrote $count leads, expected $leads" >&2
    cat "$work/summary.txt" >&2
    exit 1
  fi
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "export-parallel: $leads leads updated $since .. $until, --batch-size $batch, --window-days $window_days," \
     "sandbox latency ${latency} ms per call, client --rate-limit $rate_limit, $runs runs each" >&2
declare -A times medians
for p in $parallel_values; do
  list=()
  for r in $(seq "$runs"); do
    t=$(run_export "$p")
    list+=("$t")
    printf 'export-parallel: --parallel %s run %s: %.2f s (%s)\n' "$p" "$r" "$t" "$(grep ' written to ' "$work/summary.txt")" >&2
  done
  times[$p]=$(printf '%.2f ' "${list[@]}")
  medians[$p]=$(printf '%s\n' "${list[@]}" | median)
done

first=${parallel_values%% *}
base=${medians[$first]}
calls=$(sed -n 's/.* in \([0-9]*\) calls.*/\1/p' "$work/summary.txt" | head -1)
[ -n "$calls" ] || calls="?"
echo
echo "Export of $leads leads ($calls calls of up to $batch leads, windows of $window_days days) from mktows-sandbox" \
     "with ${latency} ms latency per call; median of $runs runs."
echo
echo "| --parallel | runs (s) | median (s) | speedup | efficiency |"
echo "|---:|---|---:|---:|---:|"
for p in $parallel_values; do
  awk -v p="$p" -v first="$first" -v runs="${times[$p]}" -v m="${medians[$p]}" -v base="$base" \
    'BEGIN { s = base / m; printf "| %s | %s| %.2f | %.2fx | %.0f%% |\n", p, runs, m, s, 100 * s * first / p }' 
done
