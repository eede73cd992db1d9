#!/usr/bin/env bash
# Install what the test suite needs beyond Python packages (Debian packages): chromium for the
# browser tests, virtuoso-opensource for the triple-store tests. Idempotent and quiet.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/install-chromium.sh"
if ! command -v virtuoso-t >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq virtuoso-opensource curl >/dev/null
fi
