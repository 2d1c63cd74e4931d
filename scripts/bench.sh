#!/usr/bin/env bash
# Rollback's performance, side by side with what users would otherwise run. Prints one line per comparison,
#   RATIO <name> <library median / script median> <details>
# COUNT lines for GitHub's requests per operation, and SKIP lines for what cannot be compared here; exits 0, or 1
# after a FAIL line (a comparison that could not finish; the others still run).
# See benchmarks/README.md and benchmarks/RESULTS.md.
#
# Usage:
#   scripts/bench.sh [--runs N] [--warmup N] [--variants] [--docker]
#       (the seed's Git flows as bash, as a class-based plan cold and warm, and as a JShell plan on its first run
#       and from its second run on, replayed from the plan cache)
#       the time-to-rollback comparison (default 15 runs each, after 25 warm-up runs in process), the compose
#       comparison when a Docker engine is reachable (--docker: start a private one when none is, installing Debian's
#       docker.io, busybox-static and docker-compose as root when missing; stopped at the end), GitHub request
#       counts; --variants adds the launcher without its class-data archive
#   scripts/bench.sh --bisect [N]
#       culprit finding: the bisection step at parallelism 1 and 2 against git bisect run (--first-parent), on a
#       10,000-commit history with a 1,000-commit suspect range and a probe of about 1 s, N culprit positions (3)
#   scripts/bench.sh --jmh [JMH options and patterns]
#       the JMH suite (default: every benchmark, 1 fork, 3 x 1 s warm-up and 5 x 1 s measurement iterations)
#
# Builds what it needs when sources are newer than benchmarks/target/benchmarks.jar (mvn package of benchmarks and
# what it depends on, tests skipped). Generates the benchmark repository once, cached under .bench/ and keyed by
# the generator's sources: 10,000 commits, 3,000 files, the P3-007 change on top, and a bare origin.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jar="benchmarks/target/benchmarks.jar"
cache="$root/.bench"

java="java"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then java="$JAVA_HOME/bin/java"; fi

log() { printf 'bench: %s\n' "$*" >&2; }

build() {
  local inputs=(pom.xml)
  for m in rollback-core rollback-git rollback-docker rollback-github rollback-testkit examples benchmarks; do
    inputs+=("$m/pom.xml")
    [[ -d "$m/src" ]] && inputs+=("$m/src")
  done
  if [[ -f "$jar" && -f examples/target/rollback-launcher.jar \
      && -z "$(find "${inputs[@]}" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
    return
  fi
  log "building (mvn -q -B -DskipTests package -pl benchmarks -am)..."
  mvn -q -B -Dstyle.color=never -DskipTests package -pl benchmarks -am 2>&1 | sed -u 's/\x1b\[0m//g' >&2
  touch "$jar"
}

if [[ "${1:-}" == "--bisect" ]]; then
  build
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, $(git --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
  mkdir -p "$cache/bisect"
  "$java" -cp "$jar" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn dev.rollback.benchmarks.BisectComparison \
    "$cache/bisect" "${2:-3}"
  echo "# load $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

# The pristine repository pair, generated once per generator version: .bench/repo-<hash of the generator>.
repository() {
  local key dir
  key="$(cat examples/src/main/java/dev/rollback/examples/sandbox/*.java | sha256sum | cut -c1-12)"
  dir="$cache/repo-$key"
  if [[ ! -f "$dir/.complete" ]]; then
    rm -rf "$cache"/repo-*
    mkdir -p "$cache"
    log "generating the benchmark repository in $dir (once)..."
    "$java" -cp "$jar" dev.rollback.benchmarks.TimeToRollback generate "$dir" >&2
    # As a maintained clone is: refs packed, a commit-graph written.
    git -C "$dir/work" gc -q
    git -C "$dir/origin.git" gc -q
    touch "$dir/.complete"
  fi
  printf '%s' "$dir"
}

if [[ "${1:-}" == "--jmh" ]]; then
  shift
  build
  repo="$(repository)"
  if [[ $# -eq 0 ]]; then
    set -- -f 1 -wi 3 -w 1s -i 5 -r 1s
  fi
  # GitRevertPreviewBenchmark copies the cached repository instead of generating its own.
  exec "$java" -jar "$jar" -jvmArgsAppend "-Dbench.repo=$repo" "$@"
fi

runs=15
warmup=25
variants=()
docker_start=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --variants) variants=(--variants); shift ;;
    --docker) docker_start=1; shift ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

started=$(date +%s)
build
repo="$(repository)"
# The launcher's class-data archive is made on its first start after a build: not during a measurement.
./rollback help >/dev/null

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
  "$("$java" -version 2>&1 | head -1), $(git --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$java" -cp "$jar" dev.rollback.benchmarks.TimeToRollback compare --repo "$repo" --root "$root" \
  --scratch "$cache/runs" --runs "$runs" --warmup "$warmup" "${variants[@]}"

# The seed's recovery validation, docker compose run --rm test, against the Docker adapter: only with an engine.
compose() {
  # shellcheck source=lib/docker-engine.sh
  source scripts/lib/docker-engine.sh
  if [[ "$docker_start" == 1 ]]; then
    trap docker_engine_stop EXIT
    if ! docker_engine_ensure >&2; then
      echo "SKIP compose: no Docker engine is reachable and none could be started (see the lines above)"
      return
    fi
  elif ! docker_engine_reachable; then
    echo "SKIP compose: no Docker engine is reachable (DOCKER_HOST, the docker context, /var/run/docker.sock);" \
      "scripts/bench.sh --docker starts a private one"
    return
  fi
  if ! command -v docker-compose >/dev/null 2>&1; then
    echo "SKIP compose: docker-compose is not installed (apt-get install docker-compose)"
    return
  fi
  if ! docker_test_image_ensure >&2; then
    echo "SKIP compose: the test image $ROLLBACK_TEST_IMAGE is missing and could not be imported"
    return
  fi
  "$java" -cp "$jar" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn dev.rollback.benchmarks.ComposeComparison \
    rollback-docker/src/test/resources/compose "$cache/rbt-bench" "$(( runs < 10 ? runs : 10 ))" "$root"
}
status=0
# A failed comparison (another process's container on a shared engine, say) does not stop the others.
if ! compose; then
  echo "FAIL compose: the comparison failed; its error is above, on standard error"
  status=1
fi

echo "SKIP github: gh cannot reach GitHub from here, so the seed's gh calls (run list, run cancel, workflow run) are" \
  "left out of the Git comparison on both sides, and GitHub is measured in requests, against the contract-checked fake:"
"$java" -cp "$jar" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn dev.rollback.benchmarks.GitHubRequestCounts
echo "# done in $(( $(date +%s) - started )) s; load $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
