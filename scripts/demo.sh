#!/bin/sh
# Installs what is missing, builds nsearch (release) and searches the built-in seed articles.
# Usage: ./scripts/demo.sh [QUERY]   (default: "mutual defense")
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake -S . -B build/demo -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DNSEARCH_BUILD_TESTS=OFF -DNSEARCH_BUILD_BENCH=OFF >/dev/null
cmake --build build/demo --target nsearch
echo
exec build/demo/cli/nsearch "${1:-mutual defense}"
