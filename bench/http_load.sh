#!/usr/bin/env bash
# HTTP load on `nsearch serve`: wrk at 1, 16 and 64 connections against /search with the given
# queries, beside the in-process speed of the same queries (batch mode), with the server's
# resident memory (and its anonymous part) after a warm-up run and after all runs. Each level
# runs with full hits (stored fields and snippets) and with ids and scores only, to separate HTTP
# from snippets. The server counts every match for `total` unless asked not to, so the ids and
# scores runs compare with batch mode's --count, and the exact_total=false runs with batch mode
# without it. Each run also reports the CPU seconds the server and wrk took: they share the
# cores, so "per server core" divides the requests by the server's CPU time alone. The in-process
# baseline is given twice: one thread's q/s times the cores (an upper bound), and the q/s of one
# batch process per core run at once (what the cores deliver). Last, PAIRED_ROUNDS (default 5)
# rounds each measure both, one right after the other, for a ratio the drift of a shared
# machine's speed does not skew.
#   bench/http_load.sh NSEARCH_BINARY INDEX_DIR QUERIES.tsv [SECONDS_PER_RUN (default 20)]
# Run by hand (needs wrk, from scripts/setup.sh); the machine is shared, so compare the ratios.
set -euo pipefail
bin=$(realpath "$1"); index=$2; queries=$(realpath "$3"); seconds=${4:-20}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

# Resident set, and its anonymous part (heap, stacks) apart from mapped index files, in KiB.
rss_kb() {
  awk '/^VmRSS/ {r = $2} /^RssAnon/ {a = $2} /^RssFile/ {f = $2} END {printf "%s (anon %s, file %s)", r, a, f}' \
    "/proc/$1/status"
}
# CPU seconds (user + system) a process has used so far.
cpu_s() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}
run_wrk() {  # connections, fields, extra parameters, seconds; wrk's CPU seconds go to $work/wrk.cpu
  NSEARCH_QUERIES="$queries" NSEARCH_FIELDS="$2" NSEARCH_EXTRA="$3" /usr/bin/time -o "$work/wrk.cpu" \
    -f "%U %S" wrk -t"$(( $1 < 2 ? 1 : 2 ))" -c"$1" -d"$4s" --latency \
    -s "$here/http_queries.lua" "$url" 2>&1
}

"$bin" serve -i "$index" --port 0 >"$work/server.out" 2>"$work/server.err" &
server=$!
for _ in $(seq 300); do grep -q "listening on" "$work/server.out" && break; sleep 0.1; done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/server.out")
[[ -n "$port" ]] || { cat "$work/server.err" >&2; exit 1; }
url="http://127.0.0.1:$port"
curl -sf "$url/search?q=warmup" >/dev/null
rss_cold=$(rss_kb "$server")
# One warm-up run at 16 connections, so "before" has the index pages and per-thread caches the
# queries touch; memory that grows after it is what the load itself keeps.
run_wrk 16 "" "" "$seconds" >/dev/null
rss_before=$(rss_kb "$server")

# The queries per second of batch-mode summary lines ("... mean_ms=M ..."), summed: 1000 / M each.
qps_of_summaries() {
  sed -n 's/.*mean_ms=\([0-9.]*\).*/\1/p' | awk '{ s += 1000 / $1 } END { printf "%.0f", s }'
}
# In-process: one thread, warm (last of 3 passes); two cores would do at most twice this.
inproc() {  # extra batch options; prints "LINE|q/s"
  local line
  line=$("$bin" -i "$index" --queries "$queries" -k 10 --passes 3 "$@" 2>&1 >/dev/null | tail -1)
  echo "$line|$(qps_of_summaries <<<"$line")"
}
# In-process on all cores at once: one batch process per core, started together, their q/s
# summed (each also warm, timed on its last pass). What "the same 2 cores" really give, where
# the per-core figure times the cores is only an upper bound (shared caches, memory, turbo).
inproc_all() {  # extra batch options; prints the summed q/s
  local i
  for i in $(seq "$(nproc)"); do
    "$bin" -i "$index" --queries "$queries" -k 10 --passes 5 "$@" 2>&1 >/dev/null | tail -1 >"$work/inproc.$i" &
  done
  wait
  cat "$work"/inproc.* | qps_of_summaries
  rm -f "$work"/inproc.*
}
counted=$(inproc --count); pruned=$(inproc)
qps_counted=${counted#*|}; qps_pruned=${pruned#*|}
all_counted=$(inproc_all --count); all_pruned=$(inproc_all)
echo "machine: $(nproc) cores; index: $index; queries: $queries ($(grep -c . "$queries") lines)"
echo "in-process (batch mode, 1 thread, warm), exact totals (--count): ${counted%|*} -> $qps_counted q/s per core"
echo "in-process (batch mode, 1 thread, warm), totals not counted:     ${pruned%|*} -> $qps_pruned q/s per core"
echo "in-process, $(nproc) batch processes at once: $all_counted q/s with --count, $all_pruned q/s without"
echo "server RSS KiB after one query: ${rss_cold}; after a warm-up run: ${rss_before}"
printf '%-30s %9s %9s %9s %6s %12s %12s %12s %13s\n' "fields, connections" "req/s" "p50" "p99" errors \
  "vs cores x" "vs measured" "server cpu" "req/s per"
printf '%-30s %9s %9s %9s %6s %12s %12s %12s %13s\n' "" "" "" "" "" "1-core q/s" "all cores" "s, wrk cpu s" "server core"
for run in "all 1" "all 16" "all 64" "id,score 1" "id,score 16" "id,score 64" \
  "id,score&exact_total=false 16" "id,score&exact_total=false 64"; do
  fields=${run% *}; c=${run#* }; extra=""
  [[ "$fields" == all ]] && fields=""
  [[ "$fields" == *"&"* ]] && { extra="&${fields#*&}"; fields=${fields%%&*}; }
  base=$qps_counted; base_all=$all_counted
  [[ -n "$extra" ]] && { base=$qps_pruned; base_all=$all_pruned; }
  cpu_before=$(cpu_s "$server")
  out=$(run_wrk "$c" "$fields" "$extra" "$seconds")
  server_cpu=$(awk -v a="$cpu_before" -v b="$(cpu_s "$server")" 'BEGIN { printf "%.1f", b - a }')
  wrk_cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$work/wrk.cpu")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  sockerr=$(awk -F'[ ,]+' '/Socket errors/ {print $4+$6+$8+$10}' <<<"$out")
  errors=$(( ${non2xx:-0} + ${sockerr:-0} ))
  ratio=$(awk -v r="$rps" -v q="$base" -v n="$(nproc)" 'BEGIN { printf "%.2fx", r / (q * n) }')
  ratio_all=$(awk -v r="$rps" -v q="$base_all" 'BEGIN { printf "%.2fx", r / q }')
  per_core=$(awk -v r="$rps" -v s="$seconds" -v c="$server_cpu" -v q="$base" \
    'BEGIN { p = c > 0 ? r * s / c : 0; printf "%.0f (%.2fx)", p, p / q }')
  printf '%-30s %9s %9s %9s %6s %12s %12s %12s %13s\n' "${fields:-all}${extra} $c" "$rps" "$p50" \
    "$p99" "$errors" "$ratio" "$ratio_all" "$server_cpu, $wrk_cpu" "$per_core"
done
echo "server RSS KiB after the runs: $(rss_kb "$server") (before: ${rss_before})"

# Paired rounds for the 0.7x target: this machine's speed drifts over minutes, so each round
# measures the in-process rate on all cores and then HTTP (ids and scores, exact totals, 16
# connections) right after it, and the ratio is taken per round; the median is the figure.
rounds=${PAIRED_ROUNDS:-5}
ratios=()
for r in $(seq "$rounds"); do
  q_all=$(inproc_all --count)
  rps=$(run_wrk 16 id,score "" "$(( (seconds + 3) / 4 ))" | awk '/^Requests\/sec/ {print $2}')
  ratios+=("$(awk -v r="$rps" -v q="$q_all" 'BEGIN { printf "%.3f", r / q }')")
  echo "paired round $r: in-process on all cores $q_all q/s, HTTP id,score 16 connections $rps req/s, ratio ${ratios[-1]}"
done
echo "paired rounds: median ratio $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')x"
kill -TERM "$server"; wait "$server" || true
