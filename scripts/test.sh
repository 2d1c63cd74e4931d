#!/usr/bin/env bash
# Sets up what the tests need, then runs the whole build: mvn -B verify.
# Usage: scripts/test.sh [extra maven arguments]
#
# Docker: when no engine is reachable (DOCKER_HOST, the current docker context, the default socket), installs
# Debian's docker.io, busybox-static and docker-compose if missing (as root), starts a private engine under a
# temporary folder, and stops it and removes the folder when the build ends, pass or fail. An engine that was
# reachable is used and left alone. Either way the tiny test image is imported when missing.
# With CI=true, Docker tests fail when no engine is reachable; otherwise they are skipped with the reason.
#
# Mermaid: scripts/install-mermaid.sh installs Debian's chromium (as root) and mermaid-cli (npm ci into
# scripts/mermaid/node_modules) when missing, for the test that renders every Mermaid block the library writes
# (MermaidRenderIT). With CI=true that test fails when rendering cannot be made ready; otherwise it is skipped with
# the reason.
#
# Then scripts/maven-consumer-check.sh follows the README's "Use it from Maven" section in a new project, with a
# private local repository filled from Maven Central (about 3 minutes on a quiet machine, 14 at a load average of
# 35; stopped after MAVEN_CHECK_TIMEOUT seconds,
# 1800 by default, which fails the run).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=lib/docker-engine.sh
source scripts/lib/docker-engine.sh

check_pid=
# Stops the consumer check if it is running: timeout forwards the signal to its whole process group.
stop_check() { if [ -n "$check_pid" ]; then kill -TERM "$check_pid" 2>/dev/null || true; wait "$check_pid" || true; fi; }
trap 'stop_check; docker_engine_stop' EXIT
# A signal ends the build: the EXIT trap still stops the consumer check and the engine.
trap 'exit 130' INT
trap 'exit 143' TERM

if docker_engine_ensure && docker_test_image_ensure; then
  :
elif [ "${CI:-}" = true ]; then
  echo "[test.sh] CI=true and no Docker engine could be made ready; the Docker tests will fail" >&2
else
  echo "[test.sh] no Docker engine; the Docker tests will be skipped" >&2
fi

mvn_args=()
if mmdc="$(scripts/install-mermaid.sh)"; then
  mvn_args+=("-Drollback.mmdc=$mmdc")
elif [ "${CI:-}" = true ]; then
  echo "[test.sh] CI=true and Mermaid rendering could not be made ready; the rendering test will fail" >&2
else
  echo "[test.sh] Mermaid rendering could not be made ready; the rendering test will be skipped" >&2
fi

# Not exec: the EXIT trap must run after Maven.
mvn -B verify "${mvn_args[@]}" "$@"

# In the background and waited for, so that a signal to this script reaches it at once (see the traps above).
timeout -k 30 "${MAVEN_CHECK_TIMEOUT:-1800}" scripts/maven-consumer-check.sh &
check_pid=$!
rc=0
wait "$check_pid" || rc=$?
check_pid=
if [ "$rc" -eq 124 ]; then
  echo "[test.sh] the Maven consumer check did not finish within ${MAVEN_CHECK_TIMEOUT:-1800} s" >&2
fi
exit "$rc"
