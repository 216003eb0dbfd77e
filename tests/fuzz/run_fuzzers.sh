#!/bin/sh
# Fuzzes every target with libFuzzer for a while and prints executions, time and crashes.
# Usage: tests/fuzz/run_fuzzers.sh [SECONDS_PER_TARGET] [TARGET...]   (default 60 s, all)
# Builds build/fuzz with clang (ASan+UBSan+libFuzzer), installing clang and libFuzzer from
# Debian when missing. New inputs go to build/fuzz/corpus/<target> (the committed seeds under
# tests/fuzz/corpus are only read); crashes to build/fuzz/crashes/<target>/.
set -eu
cd "$(dirname "$0")/../.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-"query_parser jsonl doc_store codec postings segment http"}

if ! command -v clang++ >/dev/null ||
   ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  apt-get install -y -q clang libfuzzer-14-dev >/dev/null
fi
./scripts/setup.sh >/dev/null
CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DNSEARCH_FUZZ=ON -DNSEARCH_SANITIZE=address,undefined -DNSEARCH_BUILD_BENCH=OFF >/dev/null
cmake --build build/fuzz -j2 $(for t in $targets; do printf ' --target fuzz_%s' "$t"; done) \
  >build/fuzz-build.log 2>&1 || { tail -20 build/fuzz-build.log; exit 1; }

printf '%-14s %12s %8s %8s %s\n' target executions seconds crashes corpus
for t in $targets; do
  mkdir -p "build/fuzz/corpus/$t" "build/fuzz/crashes/$t"
  log="build/fuzz/$t.log"
  status=0
  # HTTP requests need room for a request line, headers and a body. Codec and parser inputs stop
  # at 1 KiB, where each execution is fast:
  # - a codec input is a stream of independent blocks; 1 KiB holds the widest (513 bytes) with
  #   its neighbours;
  # - the parser's time grows no faster than its input (a 4 KiB query takes 2.3x a 1 KiB one).
  #   Its limits (1024 words and phrases, 16 KiB) lie beyond 1 KiB; query_parser_test covers them.
  max_len=""
  case "$t" in
    http) max_len=-max_len=4096 ;;
    codec | query_parser) max_len=-max_len=1024 ;;
  esac
  # shellcheck disable=SC2086
  "build/fuzz/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 $max_len \
    -artifact_prefix="build/fuzz/crashes/$t/" "build/fuzz/corpus/$t" "tests/fuzz/corpus/$t" \
    >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  secs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\2/p' "$log" | tail -1)
  crashes=$(find "build/fuzz/crashes/$t" -type f | wc -l)
  printf '%-14s %12s %8s %8s %s\n' "$t" "${runs:-?}" "${secs:-?}" "$crashes" \
    "$(find "build/fuzz/corpus/$t" -type f | wc -l) inputs"
  [ "$status" -eq 0 ] || echo "  $t exited $status: see $log"
done
