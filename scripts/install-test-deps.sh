#!/usr/bin/env bash
# Install what the test suite needs beyond Python packages: Debian's chromium for the
# browser tests. Idempotent and quiet; each piece is skipped when already present.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ -x "$here/install-chromium.sh" ]; then
  bash "$here/install-chromium.sh"
fi
