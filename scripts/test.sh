#!/bin/sh
# Installs what is missing, then builds and runs the test suites: a release build of everything
# with warnings as errors; an AddressSanitizer + UndefinedBehaviorSanitizer build of everything;
# a ThreadSanitizer build of the tests that run threads (TSAN_TESTS below). Prints each suite's
# wall time.
# Usage: ./scripts/test.sh [release|sanitize|tsan]...   (default: all three, in that order)
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh

jobs=$(nproc 2>/dev/null || echo 2)

# The tests that run threads, and the binaries that hold them: parallel inversion
# (IndexWriterOptions::threads in IndexUpdateTest and FaultInjectionTest), the task thread,
# searches during commits and merges in one process (SearchServiceTest, HttpServerTest), and the
# server's worker pool under concurrent requests (ServerTest, through a TSan-built nsearch).
TSAN_TESTS='^(TaskThreadTest|Seeds/IndexUpdateTest|DirectoriesAndThreads/FaultInjectionTest|SearchServiceTest|HttpServerTest|ServerTest)\.'
TSAN_TARGETS='nsearch nsearch_base_test nsearch_segment_test nsearch_query_test nsearch_server_test nsearch_cli_test'

run_suite() {  # name, cmake options...; $targets and $tests (a ctest -R regex) narrow it if set
  name=$1
  shift
  started=$(date +%s)
  echo "== $name build" >&2
  cmake -S . -B "build/$name" -G Ninja -DNSEARCH_WERROR=ON -DNSEARCH_BUILD_TESTS=ON "$@" >/dev/null
  # shellcheck disable=SC2046
  cmake --build "build/$name" $(for t in ${targets:-}; do printf ' --target %s' "$t"; done)
  echo "== $name tests" >&2
  (cd "build/$name" &&
    ctest --output-on-failure --no-tests=error -j "$jobs" --timeout 600 ${tests:+-R "$tests"})
  echo "== $name passed in $(($(date +%s) - started)) s" >&2
}

suites=${*:-release sanitize tsan}
for suite in $suites; do
  targets=""
  tests=""
  case "$suite" in
    release) run_suite release -DCMAKE_BUILD_TYPE=Release -DNSEARCH_BUILD_BENCH=ON ;;
    sanitize)
      export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
      export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
      run_suite sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNSEARCH_SANITIZE=address,undefined \
        -DNSEARCH_BUILD_BENCH=OFF
      ;;
    tsan)
      # A race aborts the process that saw it: the test fails, and a server under test stops
      # answering, which fails the e2e test driving it.
      TSAN_OPTIONS=halt_on_error=1:abort_on_error=1:second_deadlock_stack=1
      export TSAN_OPTIONS="$TSAN_OPTIONS:suppressions=$PWD/scripts/tsan.supp"
      targets=$TSAN_TARGETS
      tests=$TSAN_TESTS
      run_suite tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNSEARCH_SANITIZE=thread \
        -DNSEARCH_BUILD_BENCH=OFF
      ;;
    *) echo "test.sh: unknown suite '$suite' (release, sanitize, tsan)" >&2; exit 2 ;;
  esac
done
echo "== all test suites passed" >&2
