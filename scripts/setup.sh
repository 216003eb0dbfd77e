#!/bin/sh
# Installs every Debian package nsearch needs to build and test, if any is missing.
# Safe to run repeatedly; does nothing when all packages are present.
set -eu

PACKAGES="build-essential cmake ninja-build pkg-config clang-format \
  libstemmer-dev libzstd-dev zlib1g-dev libcli11-dev libcpp-httplib-dev libgtest-dev libgmock-dev \
  libbenchmark-dev libstreamvbyte-dev nlohmann-json3-dev libsimdjson-dev libutf8proc-dev libxxhash-dev libicu-dev python3 \
  chromium chromium-driver wrk time curl jq"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -n "$missing" ]; then
  echo "setup: installing$missing" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi
