#!/usr/bin/env bash
# Checks `nsearch index --preset lucene` against the Lucene 4.10 peer (../shared/peers/lucene):
# both index one corpus, run its queries as OR queries with BM25 k1=0.9 b=0.4 at top-1000, and
# the runs are compared document by document (bench/compare_runs.py) and scored with
# ../shared/eval/trec_eval.py when the corpus has judgments.
#   bench/lucene_compat.sh [NSEARCH_BINARY] [CORPUS_FOLDER]   (defaults: build/release, scifact)
# nsearch indexes with one thread so documents keep the corpus order, as in Lucene, and ties
# break alike. Takes about half a minute on SciFact.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=$(cd "$here/../../shared" && pwd)
nsearch=$(realpath "${1:-$here/../build/release/cli/nsearch}")
corpus_dir="$shared/corpora/${2:-scifact}"
corpus="$corpus_dir/corpus.jsonl"
queries="$corpus_dir/queries.tsv"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "nsearch: $("$nsearch" --version), commit $(git -C "$here/.." rev-parse --short HEAD)," \
  "$(date -u +%F), corpus $corpus"

"$shared/peers/lucene/build.sh" >/dev/null 2>&1
"$shared/peers/lucene/index" "$corpus" "$work/lucene" 2>/dev/null | tail -1 |
  sed 's/^/lucene index: /'
"$shared/peers/lucene/search" "$work/lucene" "$queries" 1000 --mode or --passes 2 \
  >"$work/lucene.run" 2>"$work/lucene.err"
echo "lucene search: $(tail -1 "$work/lucene.err")"

"$nsearch" index -i "$work/nsearch" --preset lucene --threads 1 -q "$corpus" | sed 's/^/nsearch /'
"$nsearch" -i "$work/nsearch" --queries "$queries" -k 1000 --mode or --k1 0.9 --b 0.4 \
  --passes 2 >"$work/nsearch.run" 2>"$work/nsearch.err"
echo "nsearch search: $(tail -1 "$work/nsearch.err")"
python3 "$here/compare_runs.py" "$work/lucene.run" "$work/nsearch.run" 10 100 1000
if [[ -f "$corpus_dir/qrels.txt" ]]; then
  for engine in lucene nsearch; do
    echo "$engine: $(python3 "$shared/eval/trec_eval.py" "$corpus_dir/qrels.txt" "$work/$engine.run" |
      awk '$1 != "queries" { printf "%s %s  ", $1, $2 }')"
  done
fi
