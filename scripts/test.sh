#!/usr/bin/env bash
# Sets up what the tests need, then runs the whole build: mvn -B verify.
# Usage: scripts/test.sh [extra maven arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

exec mvn -B verify "$@"
