#!/usr/bin/env bash
# Runs ../shared/peers/run_all.sh with nsearch among the engines on each corpus and query type,
# and prints one table: engine × corpus × query type × mode with median (p50) and p99 latency at
# top-10, index time and size, and nsearch's p50 divided by each peer's (below 1: nsearch faster).
#   bench/peers.sh [NSEARCH_BINARY]        (default: build/release/cli/nsearch)
# Environment: PEERS (default "xapian fts5 lucene sphinx"), PASSES (default 5), CONFIGS (default
# below: "corpus-folder:queries-file:modes" triples). Run by hand on a quiet machine; takes
# minutes per corpus (Xapian needs ~4 min to index Wikipedia).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=$(cd "$here/../../shared" && pwd)
export NSEARCH=$(realpath "${1:-$here/../build/release/cli/nsearch}")
peers="nsearch ${PEERS:-xapian fts5 lucene sphinx}"
passes=${PASSES:-5}
configs=${CONFIGS:-"scifact:scifact/queries.tsv:or and phrase
wikipedia-en-2015:sbg-queries/by-type-union.tsv:or
wikipedia-en-2015:sbg-queries/by-type-intersection.tsv:and
wikipedia-en-2015:sbg-queries/by-type-phrase.tsv:phrase"}
work=${PEERS_WORK:-$(mktemp -d)}
echo "nsearch: $("$NSEARCH" --version), commit $(git -C "$here/.." rev-parse --short HEAD)," \
  "$(date -u +%F), $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
printf '%-18s %-24s %-7s %-15s %9s %9s %8s %8s %9s\n' corpus queries mode engine p50_ms p99_ms \
  idx_s idx_MB "ns/peer"
while IFS=: read -r corpus queries modes; do
  [[ -n "$corpus" ]] || continue
  qrels=()
  [[ -f "$shared/corpora/$corpus/qrels.txt" && "$queries" == "$corpus/"* ]] &&
    qrels=("$shared/corpora/$corpus/qrels.txt")
  out=$(PEERS="$peers" MODES="$modes" PASSES="$passes" PEERS_WORK="$work/$corpus" \
        "$shared/peers/run_all.sh" "$shared/corpora/$corpus" "$shared/corpora/$queries" \
        "${qrels[@]}")
  # Rows: engine mode docs idx_s idx_MB ms@10 p50@10 p99@10 ...
  awk -v corpus="$corpus" -v queries="$(basename "$queries")" '
    NF >= 8 && $3 ~ /^[0-9]+$/ && $7 ~ /^[0-9.]+$/ { p50[$1 "/" $2] = $7; row[++n] = $0 }
    END {
      for (i = 1; i <= n; i++) {
        split(row[i], f, " ")
        ns = p50["nsearch/" f[2]]
        ratio = (f[1] == "nsearch" || f[7] == 0 || ns == "") ? "-" : sprintf("%.2fx", ns / f[7])
        printf "%-18s %-24s %-7s %-15s %9s %9s %8s %8s %9s\n", corpus, queries, f[2], f[1], f[7],
               f[8], f[4], f[5], ratio
      }
    }' <<<"$out"
done <<<"$configs"
