#!/usr/bin/env bash
# Indexes one corpus with nsearch (several variants) and with the peers of ../shared/peers/, in
# one run, and prints one table: documents, wall seconds, documents/s, MB/s of input JSONL, peak
# resident memory (/usr/bin/time -v) and index size on disk; for nsearch also the size without
# the document store (*.store) and the store's compression ratio.
#   bench/index_peers.sh [CORPUS]     (default: wikipedia-en-2015)
# CORPUS: a folder name under ../shared/corpora/, or a path to such a folder, a .jsonl or a
# .jsonl.zst file (decompressed once into the temp dir, untimed; parts in version order, as
# ../shared/peers/run_all.sh reads them).
# Environment: NSEARCH (default build/release/cli/nsearch), RUNS (default 1: each row is the
# median of RUNS runs, per column), PEERS (default "xapian fts5 lucene sphinx", empty for none;
# a peer whose build.sh fails, e.g. sphinx without its package, gets a "not available" row),
# VARIANTS (nsearch variants, "label:flags" per line, default below).
# Indexes go to a mktemp dir removed at exit; peer build logs are kept in it only while running.
# Run by hand on a quiet machine: on Wikipedia this takes ~10 min per run (Xapian 3.5-5.5 min).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=$(cd "$here/../../shared" && pwd)
peers_dir="$shared/peers"
mb=1048576  # "MB" below is 2^20 bytes, as in run_all.sh and bench/peers.sh

corpus_arg=${1:-wikipedia-en-2015}
if [[ -e "$corpus_arg" ]]; then
  corpus_src=$(realpath "$corpus_arg")
elif [[ -d "$shared/corpora/$corpus_arg" ]]; then
  corpus_src="$shared/corpora/$corpus_arg"
else
  echo "error: no corpus $corpus_arg (a folder of $shared/corpora, or a .jsonl[.zst] path)" >&2
  exit 2
fi
NSEARCH=$(realpath "${NSEARCH:-$here/../build/release/cli/nsearch}")
[[ -x "$NSEARCH" ]] || { echo "error: $NSEARCH is not executable (set NSEARCH=...)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "error: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }
runs=${RUNS:-1}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "error: RUNS must be a positive integer" >&2; exit 2; }
peers=${PEERS-xapian fts5 lucene sphinx}

work=$(mktemp -d "${TMPDIR:-/tmp}/index_peers.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# Resolve the corpus to one plain JSONL file (the same rules as run_all.sh).
parts=()
if [[ -d "$corpus_src" ]]; then
  if [[ -f "$corpus_src/corpus.jsonl" ]]; then parts=("$corpus_src/corpus.jsonl")
  elif [[ -f "$corpus_src/corpus.jsonl.zst" ]]; then parts=("$corpus_src/corpus.jsonl.zst")
  else mapfile -t parts < <(ls "$corpus_src"/corpus.part*.jsonl.zst 2>/dev/null | sort -V); fi
  ((${#parts[@]})) || { echo "error: no corpus.jsonl[.zst] or corpus.partN.jsonl.zst in $corpus_src" >&2; exit 2; }
else
  parts=("$corpus_src")
fi
if [[ "${parts[0]}" == *.zst ]]; then
  zstd -qdc "${parts[@]}" >"$work/corpus.jsonl"
  corpus="$work/corpus.jsonl"
else
  corpus="${parts[0]}"
fi
input_bytes=$(stat -c %s "$corpus")
# Title + body bytes (UTF-8), the text nsearch's store keeps besides ids: the numerator of the
# store's compression ratio.
text_bytes=$(python3 - "$corpus" <<'PY'
import json, sys
n = 0
with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
    for line in f:
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except ValueError:
            continue
        for k in ("title", "body"):
            v = d.get(k)
            if isinstance(v, str):
                n += len(v.encode("utf-8", errors="replace"))
print(n)
PY
)

variants=${VARIANTS:-}
if [[ -z "$variants" ]]; then
  variants="default:"
  # --threads appears once indexing is parallel; measure it only when the binary has it.
  if "$NSEARCH" index --help 2>/dev/null | grep -q -- '--threads'; then
    variants+=$'\nthreads=1:--threads 1\nthreads=2:--threads 2'
  fi
  variants+=$'\nmemory=64MB:--memory 64MB\nmemory=256MB:--memory 256MB'
fi

commit=$(git -C "$here/.." rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$here/.." status --porcelain --untracked-files=no 2>/dev/null | wc -l)
echo "nsearch: $NSEARCH ($("$NSEARCH" --version 2>/dev/null | head -1)), commit $commit" \
  "($dirty tracked files modified in the working tree), $(date -u '+%F %H:%M UTC'), $(nproc) cores," \
  "$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "corpus: $corpus_src ($input_bytes bytes of JSONL, $text_bytes bytes of title+body), runs=$runs"

fmt='%-8s %-13s %8s %8s %8s %9s %7s %8s %9s %9s %9s %7s\n'
printf "$fmt" engine variant docs wall_s self_s docs/s MB/s RSS_MB index_MB nostore_MB \
  store_MB ratio

median() {  # median of the arguments (numbers), "-" if none
  (($#)) || { echo -; return; }
  printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
kv() {  # kv KEY LINE -> value of KEY=value in LINE
  sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"
}
now() { date +%s.%N; }
sum_sizes() {  # sum_sizes DIR [find predicates...] -> bytes of the matching regular files
  local d=$1; shift
  find "$d" -type f "$@" -printf '%s\n' | awk '{s += $1} END {printf "%d\n", s}'
}

# timed LOG CMD... : runs CMD under /usr/bin/time -v (stdout to $work/out, stderr appended to LOG)
# and sets wall (seconds, measured around it) and rss_kb (peak RSS of the largest process in the
# tree: GNU time reports the children's ru_maxrss). Returns CMD's status.
timed() {
  local log=$1; shift
  local t0 t1 rc=0
  t0=$(now)
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out" 2>>"$log" || rc=$?
  t1=$(now)
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')
  rss_kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$work/time.txt")
  return $rc
}

# row ENGINE VARIANT DOCS WALLS SELFS RSSKBS INDEXBYTES NOSTORE STORE: prints one table row from
# the per-run lists (space-separated) of wall seconds, self-reported seconds and peak RSS.
row() {
  local wall_m self_m rss_m
  local -a w s m  # the lists are space-separated numbers
  read -ra w <<<"$4"; read -ra s <<<"$5"; read -ra m <<<"$6"
  wall_m=$(median "${w[@]}"); self_m=$(median "${s[@]}"); rss_m=$(median "${m[@]}")
  printf "$fmt" "$1" "$2" "$3" "$wall_m" "$self_m" \
    "$(awk -v n="$3" -v s="$wall_m" 'BEGIN {printf "%.0f", n / s}')" \
    "$(awk -v b="$input_bytes" -v s="$wall_m" -v m=$mb 'BEGIN {printf "%.2f", b / m / s}')" \
    "$(awk -v k="$rss_m" 'BEGIN {printf "%.0f", k / 1024}')" \
    "$(awk -v b="$7" -v m=$mb 'BEGIN {printf "%.2f", b / m}')" \
    "$([[ "$8" == - ]] && echo - || awk -v b="$8" -v m=$mb 'BEGIN {printf "%.2f", b / m}')" \
    "$([[ "$9" == - ]] && echo - || awk -v b="$9" -v m=$mb 'BEGIN {printf "%.2f", b / m}')" \
    "$([[ "$9" == - || "$9" == 0 ]] && echo - || awk -v t="$text_bytes" -v b="$9" 'BEGIN {printf "%.2f", t / b}')"
}

# nsearch: the binary itself under /usr/bin/time (no wrapper), documents and sizes from the index.
while IFS=: read -r label flags; do
  [[ -n "$label" ]] || continue
  log="$work/nsearch-$label.log"
  walls=() selfs=() rsss=() ok=1
  for ((r = 1; r <= runs; r++)); do
    idx="$work/idx-nsearch"
    rm -rf "$idx"
    echo "[$(date +%T)] nsearch $label run $r/$runs" >&2
    # shellcheck disable=SC2086
    if ! timed "$log" "$NSEARCH" index -i "$idx" $flags "$corpus"; then
      ok=0; break
    fi
    walls+=("$wall"); rsss+=("$rss_kb")
    selfs+=("$(sed -n 's/.* in \([0-9.]*\) s (.*/\1/p' "$work/out" | tail -1)")
    docs=$("$NSEARCH" stats -i "$idx" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
    total=$(sum_sizes "$idx")
    store=$(sum_sizes "$idx" -name '*.store')
  done
  if ((ok)); then
    row nsearch "$label" "$docs" "${walls[*]}" "${selfs[*]}" "${rsss[*]}" "$total" \
      "$((total - store))" "$store"
  else
    printf '%-8s %-13s index failed: %s\n' nsearch "$label" "$(tail -1 "$log")"
  fi
  rm -rf "$work/idx-nsearch"
done <<<"$variants"

# Peers: their own index scripts (which print "docs=N seconds=S bytes=B" last), built first,
# untimed. self_s is the peer's in-process time (Lucene: without JVM start-up; Sphinx: JSONL to
# TSV conversion + indexer); index_MB is the peer's own count of its index bytes.
for peer in $peers; do
  dir="$peers_dir/$peer"
  log="$work/$peer.log"
  if [[ ! -x "$dir/build.sh" ]] || ! "$dir/build.sh" >>"$log" 2>&1; then
    printf '%-8s %-13s not available (build failed: %s)\n' "$peer" - "$(tail -1 "$log" 2>/dev/null)"
    continue
  fi
  walls=() selfs=() rsss=() ok=1
  for ((r = 1; r <= runs; r++)); do
    idx="$work/idx-$peer"
    rm -rf "$idx"
    echo "[$(date +%T)] $peer run $r/$runs" >&2
    if ! timed "$log" "$dir/index" "$corpus" "$idx"; then
      ok=0; break
    fi
    line=$(grep 'docs=' "$work/out" | tail -1)
    walls+=("$wall"); rsss+=("$rss_kb"); selfs+=("$(kv seconds "$line")")
    docs=$(kv docs "$line"); bytes=$(kv bytes "$line")
  done
  if ((ok)); then
    row "$peer" - "$docs" "${walls[*]}" "${selfs[*]}" "${rsss[*]}" "$bytes" - -
  else
    printf '%-8s %-13s index failed: %s\n' "$peer" - "$(tail -1 "$log")"
  fi
  rm -rf "$work/idx-$peer"
done
echo "(wall_s: whole process incl. start-up, median of $runs run(s); self_s: the engine's own" \
  "timing; docs/s and MB/s from wall_s; MB = 2^20 bytes; MB/s of input JSONL; RSS_MB: peak" \
  "resident set of the largest process (/usr/bin/time -v); ratio = title+body UTF-8 bytes /" \
  ".store bytes)"
