#!/bin/sh
# Installs what is missing, then builds and runs the whole test suite twice: a release build with
# warnings as errors, then an AddressSanitizer + UndefinedBehaviorSanitizer build.
# Usage: ./scripts/test.sh [release|sanitize]...   (default: both, in that order)
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh

jobs=$(nproc 2>/dev/null || echo 2)

run_suite() {  # name, cmake options...
  name=$1
  shift
  echo "== $name build" >&2
  cmake -S . -B "build/$name" -G Ninja -DNSEARCH_WERROR=ON -DNSEARCH_BUILD_TESTS=ON "$@" >/dev/null
  cmake --build "build/$name"
  echo "== $name tests" >&2
  (cd "build/$name" && ctest --output-on-failure --no-tests=error -j "$jobs" --timeout 600)
}

suites=${*:-release sanitize}
for suite in $suites; do
  case "$suite" in
    release) run_suite release -DCMAKE_BUILD_TYPE=Release -DNSEARCH_BUILD_BENCH=ON ;;
    sanitize)
      export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
      export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
      run_suite sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNSEARCH_SANITIZE=address,undefined \
        -DNSEARCH_BUILD_BENCH=OFF
      ;;
    *) echo "test.sh: unknown suite '$suite' (release, sanitize)" >&2; exit 2 ;;
  esac
done
echo "== all test suites passed" >&2
