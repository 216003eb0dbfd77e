#!/usr/bin/env bash
# Server soak: `nsearch serve --api-key` on a fresh copy of an index, for a bounded time and request
# count, under concurrent searches (wrk cycling through the queries) mixed with document writes
# (POST /documents, small JSONL batches of new unique ids), deletes (DELETE /documents/{id}) and a
# few writes without the key or with a wrong one (401 and 403 expected). Each write is checked at
# once (the documents are found right after the 200, a deleted one is gone) and again at the end:
# every added document is served by GET /docs/{id} and found by a search for the unique word it
# holds, every deleted or refused one by neither. Any other non-2xx answer is an error. Prints one
# summary block (requests, writes, errors, server RSS at start, middle and end) and exits non-zero
# if a check failed, the server crashed or it did not shut down cleanly.
#   bench/soak.sh NSEARCH_BINARY [SECONDS (default 120)] [INDEX_DIR]
# INDEX_DIR is copied, never written; without it the seeds/ articles are indexed afresh.
# Bounds and mix (environment): NSEARCH_SOAK_MAX_SEARCHES (1000000), NSEARCH_SOAK_MAX_BATCHES (per
# writer, 5000), NSEARCH_SOAK_CONNECTIONS (wrk, 8), NSEARCH_SOAK_WRITERS (2), NSEARCH_SOAK_BATCH
# (documents per POST, 5), NSEARCH_SOAK_QUERIES (qid<TAB>text; default
# ../shared/corpora/sbg-queries/queries.tsv beside the repository).
# Run by hand (needs wrk, curl and jq); loopback only.
set -euo pipefail
bin=$(realpath "$1"); seconds=${2:-120}; source_index=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
queries=$(realpath "${NSEARCH_SOAK_QUERIES:-$repo/../shared/corpora/sbg-queries/queries.tsv}")
max_searches=${NSEARCH_SOAK_MAX_SEARCHES:-1000000}
max_batches=${NSEARCH_SOAK_MAX_BATCHES:-5000}
connections=${NSEARCH_SOAK_CONNECTIONS:-8}
writers=${NSEARCH_SOAK_WRITERS:-2}
batch_docs=${NSEARCH_SOAK_BATCH:-5}
work=$(mktemp -d)
server=""
trap '[[ -n "$server" ]] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

# Resident KiB, and in brackets the anonymous part: the rest is the mapped index files.
rss_kb() {
  awk '/^VmRSS/ {r = $2} /^RssAnon/ {a = $2} END {printf "%s (anon %s)", r, a}' "/proc/$1/status" \
    2>/dev/null || echo "-"
}
# Appends one error line; the writers run concurrently, and short appends do not interleave.
error() { echo "$*" >>"$work/errors"; }
: >"$work/errors"

# A word no corpus holds and the analyzer keeps as it is: "zq" and the digits of (writer, number)
# as consonants, so no stemming or spelling rule applies (they all need a vowel, an s or a y).
unique_word() { printf 'zq%d%06d' "$1" "$2" | tr 0-9 bcdfghjkmn; }

if [[ -n "$source_index" ]]; then
  cp -r "$source_index" "$work/index"
else
  "$bin" index -i "$work/index" "$repo"/seeds/[0-9]*.txt -q >/dev/null
fi
key=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
"$bin" serve -i "$work/index" --port 0 --api-key "$key" >"$work/server.out" 2>"$work/server.err" &
server=$!
for _ in $(seq 300); do grep -qs "listening on" "$work/server.out" && break; sleep 0.1; done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/server.out")
[[ -n "$port" ]] || { cat "$work/server.err" >&2; exit 1; }
url="http://127.0.0.1:$port"
curl -sf "$url/search?q=warmup" >/dev/null
docs_before=$(curl -sf "$url/stats" | jq .documents)
rss_start=$(rss_kb "$server")

# Searches: wrk, stopping each thread after its share of max_searches, counting answers by status.
wrk_threads=$(( connections < 2 ? 1 : 2 ))
cat >"$work/soak.lua" <<EOF
local paths, threads = {}, {}
local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
for line in io.lines("$queries") do
  local text = line:match("^[^\t]+\t(.+)$")
  if text then paths[#paths + 1] = "/search?limit=10&q=" .. urlencode(text) end
end
local count = 0
function setup(thread)
  thread:set("offset", count * 97)
  count = count + 1
  table.insert(threads, thread)
end
local n = 0
answered, statuses = 0, {}  -- globals, for thread:get in done()
function request()
  n = n + 1
  return wrk.format("GET", paths[(n + offset) % #paths + 1])
end
function response(status, headers, body)
  answered = answered + 1
  statuses[tostring(status)] = (statuses[tostring(status)] or 0) + 1
  if answered >= $(( max_searches / wrk_threads )) then wrk.thread:stop() end
end
function done(summary, latency, requests)
  local all = {}
  for _, thread in ipairs(threads) do
    for status, k in pairs(thread:get("statuses")) do all[status] = (all[status] or 0) + k end
  end
  for status, k in pairs(all) do io.write(string.format("status %s %d\n", status, k)) end
  io.write(string.format("socket_errors %d\n", summary.errors.connect + summary.errors.read +
                         summary.errors.write + summary.errors.timeout))
end
EOF
wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" --latency -s "$work/soak.lua" "$url" \
  >"$work/wrk.out" 2>&1 &
wrk_pid=$!

# One writer: batches of new documents, each checked right after its commit; every third batch
# deletes a document of the previous one, every tenth sends a batch without the key or a wrong one.
# Files: w$N.ok ("id word" per committed document), w$N.deleted, w$N.refused, w$N.counts.
writer() {
  local w=$1 n=0 batch=0 requests=0 expected_non2xx=0 code first_id="" first_word prev_second=""
  local deadline=$((EPOCHSECONDS + seconds)) out="$work/w$w"
  : >"$out.ok"; : >"$out.deleted"; : >"$out.refused"
  while (( EPOCHSECONDS < deadline && batch < max_batches )); do
    batch=$((batch + 1))
    : >"$out.body"; : >"$out.batch"
    for ((j = 0; j < batch_docs; j++)); do
      n=$((n + 1))
      local id="soak-$w-$n" word
      word=$(unique_word "$w" "$n")
      printf '{"id":"%s","title":"Soak document %s","date":"2024-05-%02d","body":"%s"}\n' \
        "$id" "$n" $((n % 28 + 1)) \
        "Text about the mutual defense treaty of $word, the marker $word, by soak writer $w." \
        >>"$out.body"
      echo "$id $word" >>"$out.batch"
    done
    if (( batch % 10 == 0 )); then
      # Refused writes: nothing may be committed.
      local auth=() want=401
      (( batch % 20 == 0 )) && { auth=(-H "Authorization: Bearer wrong$key"); want=403; }
      code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" \
             -H 'Content-Type: application/x-ndjson' --data-binary @"$out.body" "$url/documents" ||
             true)
      requests=$((requests + 1))
      if [[ "$code" == "$want" ]]; then
        expected_non2xx=$((expected_non2xx + 1))
        cat "$out.batch" >>"$out.refused"
      else
        error "POST /documents without a valid key (batch $w/$batch): $code, expected $want"
      fi
      continue
    fi
    : >"$out.resp"
    code=$(curl -s -o "$out.resp" -w '%{http_code}' -H "Authorization: Bearer $key" \
           -H 'Content-Type: application/x-ndjson' --data-binary @"$out.body" "$url/documents" ||
           true)
    requests=$((requests + 1))
    if [[ "$code" != 200 ]] || [[ "$(jq .added "$out.resp" 2>&1)" != "$batch_docs" ]]; then
      error "POST /documents (batch $w/$batch): $code $(head -c 300 "$out.resp")"
      continue
    fi
    cat "$out.batch" >>"$out.ok"
    read -r first_id first_word <"$out.batch"
    # Read-your-write: the commit is visible to the next search and GET /docs.
    local found
    found=$(curl -s "$url/search?q=$first_word&fields=id" | jq -r '"\(.total) \(.hits[0].id)"' ||
            true)
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url/docs/$first_id" || true)
    requests=$((requests + 2))
    [[ "$found" == "1 $first_id" && "$code" == 200 ]] ||
      error "just added $first_id: search gave \"$found\", GET /docs gave $code"
    if (( batch % 3 == 0 )) && [[ -n "$prev_second" ]]; then
      : >"$out.resp"
      code=$(curl -s -o "$out.resp" -w '%{http_code}' -X DELETE \
             -H "Authorization: Bearer $key" "$url/documents/$prev_second" || true)
      requests=$((requests + 1))
      if [[ "$code" == 200 ]]; then
        echo "$prev_second" >>"$out.deleted"
        code=$(curl -s -o /dev/null -w '%{http_code}' "$url/docs/$prev_second" || true)
        requests=$((requests + 1))
        if [[ "$code" == 404 ]]; then
          expected_non2xx=$((expected_non2xx + 1))
        else
          error "just deleted $prev_second: GET /docs gave $code, expected 404"
        fi
      else
        error "DELETE /documents/$prev_second: $code $(head -c 300 "$out.resp")"
      fi
    fi
    prev_second=$(sed -n 2p "$out.batch" | cut -d' ' -f1)
  done
  echo "$requests $expected_non2xx $batch" >"$out.counts"
}

writer_pids=()
for ((w = 1; w <= writers; w++)); do
  writer "$w" &
  writer_pids+=($!)
done
sleep $((seconds / 2))
rss_middle=$(rss_kb "$server")
for pid in "${writer_pids[@]}"; do wait "$pid" || error "a writer stopped with status $?"; done
wait "$wrk_pid" || error "wrk failed: $(tail -3 "$work/wrk.out")"
kill -0 "$server" 2>/dev/null || error "the server died during the run"
rss_end=$(rss_kb "$server")

# The final check, one curl for all: per document GET /docs/{id} and a search for its word.
cat "$work"/w*.ok >"$work/added"
cat "$work"/w*.deleted >"$work/deleted"
cat "$work"/w*.refused >"$work/refused"
{
  awk 'NR == FNR { deleted[$1] = 1; next } { print ($1 in deleted ? "gone " : "live ") $0 }' \
    "$work/deleted" "$work/added"
  sed 's/^/gone /' "$work/refused"
} >"$work/expect"
while read -r _ id word; do
  printf 'url = "%s/docs/%s"\nurl = "%s/search?q=%s&fields=id"\n' "$url" "$id" "$url" "$word"
done <"$work/expect" >"$work/verify.cfg"
final_requests=$(( 2 * $(wc -l <"$work/expect") ))
if (( final_requests > 0 )); then
  curl -s -K "$work/verify.cfg" -w '\t%{http_code}\n' >"$work/verify.out" || true
  # Bodies are one-line JSON; a missing or broken one reads as {} so the lines stay aligned.
  paste -d' ' <(cut -f2 "$work/verify.out") \
    <(cut -f1 "$work/verify.out" |
      jq -R -r '(fromjson? // {}) | "\(.id // .total // "-") \(.hits[0].id? // "-")"') \
    >"$work/verify.got"
fi
touch "$work/verify.got"
final_bad=$(awk '
  NR == FNR { kind[NR] = $1; id[NR] = $2; next }
  {
    i = int((FNR + 1) / 2); doc = FNR % 2
    if (kind[i] == "live") ok = doc ? ($1 == 200 && $2 == id[i]) : ($1 == 200 && $2 == 1 && $3 == id[i])
    else ok = doc ? ($1 == 404) : ($1 == 200 && $2 == 0)
    if (!ok) { bad++; if (bad <= 10) print (doc ? "GET /docs/" : "search for ") id[i] ": " $0 > "/dev/stderr" }
  }
  END { print bad + 0 }' "$work/expect" "$work/verify.got")
got_lines=$(wc -l <"$work/verify.got")
(( got_lines == final_requests )) || error "final check: $got_lines answers for $final_requests requests"
(( final_bad == 0 )) || error "final check: $final_bad of $final_requests answers wrong"
final_expected_404=$(awk '$1 == "gone"' "$work/expect" | wc -l)
docs_after=$(curl -s "$url/stats" | jq .documents)
rss_final=$(rss_kb "$server")

kill -TERM "$server"
server_rc=0
wait "$server" || server_rc=$?
server=""
(( server_rc == 0 )) || error "the server exited with $server_rc after SIGTERM"

# Searches: every answer must be 200 (no 503, no 4xx) and no socket errors.
search_total=$(awk '$1 == "status" {s += $3} END {print s + 0}' "$work/wrk.out")
search_bad=$(awk '$1 == "status" && $2 != 200 {s += $3} END {print s + 0}' "$work/wrk.out")
socket_errors=$(awk '$1 == "socket_errors" {print $2}' "$work/wrk.out")
(( search_bad == 0 )) || error "searches: $search_bad non-200 answers: $(grep '^status' "$work/wrk.out" | tr '\n' ' ')"
(( ${socket_errors:-1} == 0 )) || error "searches: ${socket_errors:-?} socket errors (or no wrk report)"

read -r write_requests write_expected batches < <(cat "$work"/w*.counts |
  awk '{r += $1; e += $2; b += $3} END {print r + 0, e + 0, b + 0}')
errors=$(wc -l <"$work/errors")
echo "soak: $seconds s, $connections search connections, $writers writers x $batch_docs documents per POST;" \
     "index: ${source_index:-seeds} ($docs_before documents before, $docs_after after)"
echo "searches:       $search_total answers ($(awk '/^Requests\/sec/ {print $2}' "$work/wrk.out") req/s," \
     "p50 $(awk '$1 == "50%" {print $2}' "$work/wrk.out"), p99 $(awk '$1 == "99%" {print $2}' "$work/wrk.out"))," \
     "non-200 $search_bad, socket errors ${socket_errors:-?}"
echo "writes:         $batches batches, $(wc -l <"$work/added") documents committed," \
     "$(wc -l <"$work/deleted") deleted, $(wc -l <"$work/refused") refused (401/403 as expected);" \
     "$write_requests requests with their checks ($write_expected expected non-2xx)"
echo "final check:    $final_requests requests ($final_expected_404 expected 404), $final_bad wrong"
echo "requests:       $((search_total + write_requests + final_requests)) in all"
echo "server RSS KiB: start ${rss_start}, middle ${rss_middle}, end of load ${rss_end}," \
     "after final check ${rss_final}"
echo "server exit:    $server_rc after SIGTERM"
echo "errors:         $errors"
if (( errors > 0 )); then
  head -20 "$work/errors" | sed 's/^/  /'
  [[ -s "$work/server.err" ]] && { echo "server stderr (last lines):"; tail -5 "$work/server.err"; }
  exit 1
fi
