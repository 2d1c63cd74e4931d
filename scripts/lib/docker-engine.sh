# shellcheck shell=bash
# A private Docker engine for the tests and the demo. Source this file, then:
#
#   docker_engine_ensure          # use the reachable engine, or install and start a private one
#   docker_test_image_ensure      # import the tiny busybox image the tests use, when it is missing
#   docker_engine_stop            # stop the engine docker_engine_ensure started (no-op otherwise)
#
# A private engine lives under one temporary folder: its --data-root, --exec-root, --pidfile and its
# unix socket, exported as DOCKER_HOST. It uses the vfs storage driver, no iptables and no bridge, so it runs
# in a plain container as root; containers then run with network mode "none". An engine that was already
# reachable (DOCKER_HOST, the current docker context, or the default socket) is used and never stopped.
#
# Callers should stop the engine from an EXIT trap:  trap docker_engine_stop EXIT

# The image the tests run: a folder holding busybox and its applet links, made with `docker import`.
ROLLBACK_TEST_IMAGE="${ROLLBACK_TEST_IMAGE:-rollback-test/busybox:latest}"
# How long to wait for an engine to answer, in seconds.
DOCKER_ENGINE_START_TIMEOUT="${DOCKER_ENGINE_START_TIMEOUT:-60}"

# Set when docker_engine_ensure started an engine: the folder that holds everything of it.
DOCKER_ENGINE_DIR=""

_docker_log() {
  printf '[docker-engine] %s\n' "$*" >&2
}

# Whether an engine answers at DOCKER_HOST (or the current context or default socket), within a few seconds.
docker_engine_reachable() {
  command -v docker >/dev/null 2>&1 || return 1
  timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# Whether /bin/busybox is a static binary, the only kind that runs in an image without a C library.
_docker_static_busybox() {
  [ -x /bin/busybox ] || return 1
  local out
  out="$(ldd /bin/busybox 2>&1 || true)"
  [[ "$out" == *"not a dynamic executable"* ]]
}

# Installs what is missing, with Debian's packages: with --engine, docker.io (dockerd and the docker CLI);
# always busybox-static (the test image) and docker-compose (the v1 tool the comparison tests run). Needs root
# and apt-get; says what to do otherwise.
docker_engine_install() {
  local missing=()
  if [ "${1:-}" = --engine ]; then
    { command -v dockerd >/dev/null 2>&1 && command -v docker >/dev/null 2>&1; } || missing+=(docker.io)
  fi
  _docker_static_busybox || missing+=(busybox-static)
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    _docker_log "missing: ${missing[*]}; install them as root (apt-get install -y ${missing[*]}) or start a Docker engine and export DOCKER_HOST"
    return 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    _docker_log "missing: ${missing[*]}, and there is no apt-get to install them; start a Docker engine and export DOCKER_HOST"
    return 1
  fi
  _docker_log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# Starts a private engine under a new temporary folder and exports DOCKER_HOST. Fails, after stopping what it
# started, when the engine does not answer within DOCKER_ENGINE_START_TIMEOUT seconds.
docker_engine_start() {
  if [ "$(id -u)" -ne 0 ]; then
    _docker_log "no Docker engine is reachable and starting one needs root; start one and export DOCKER_HOST"
    return 1
  fi
  # Short path: a unix socket path must stay under 108 bytes.
  DOCKER_ENGINE_DIR="$(mktemp -d /tmp/rollback-dockerd.XXXXXX)"
  local dir="$DOCKER_ENGINE_DIR"
  mkdir -p "$dir/data" "$dir/exec" "$dir/tmp"
  _docker_log "starting a private engine in $dir"
  # setsid: the engine gets its own process group, so a terminal's Ctrl-C reaches only our trap. TMPDIR: what the
  # engine and its containerd write to a temporary folder (stack dumps, say) goes away with the engine's folder.
  TMPDIR="$dir/tmp" setsid dockerd \
    --data-root "$dir/data" \
    --exec-root "$dir/exec" \
    --pidfile "$dir/docker.pid" \
    -H "unix://$dir/docker.sock" \
    --storage-driver vfs \
    --iptables=false \
    --bridge=none \
    >"$dir/dockerd.log" 2>&1 </dev/null &
  echo "$!" >"$dir/launcher.pid"
  export DOCKER_HOST="unix://$dir/docker.sock"
  local waited=0
  until docker_engine_reachable; do
    if ! kill -0 "$(cat "$dir/launcher.pid")" 2>/dev/null; then
      _docker_log "the engine exited while starting; its log:"
      tail -n 20 "$dir/dockerd.log" >&2 || true
      docker_engine_stop
      return 1
    fi
    if [ "$waited" -ge "$DOCKER_ENGINE_START_TIMEOUT" ]; then
      _docker_log "the engine did not answer within ${DOCKER_ENGINE_START_TIMEOUT}s; its log:"
      tail -n 20 "$dir/dockerd.log" >&2 || true
      docker_engine_stop
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  _docker_log "engine ready at $DOCKER_HOST ($(docker version --format '{{.Server.Version}}'))"
}

# Uses the reachable engine, or installs what is missing and starts a private one.
docker_engine_ensure() {
  if docker_engine_reachable; then
    _docker_log "using the engine at ${DOCKER_HOST:-the default socket or current context}"
    # The comparison tests need docker-compose and the image needs busybox: install them when we may. Without
    # them the tests say what is missing (and fail under CI=true).
    if [ "$(id -u)" -eq 0 ]; then docker_engine_install || true; fi
    return 0
  fi
  docker_engine_install --engine || return 1
  docker_engine_start
}

# Waits for a process to exit, up to a number of seconds; returns 1 if it is still there.
_docker_wait_gone() {
  local pid="$1" seconds="$2" i=0
  while kill -0 "$pid" 2>/dev/null; do
    [ "$i" -ge $((seconds * 10)) ] && return 1
    sleep 0.1
    i=$((i + 1))
  done
}

# Stops the engine docker_engine_start started, its containerd too, unmounts what it left mounted, and removes
# its folder. Does nothing for an engine it did not start. Safe to call twice.
docker_engine_stop() {
  local dir="$DOCKER_ENGINE_DIR"
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  local pid=""
  if [ -s "$dir/docker.pid" ]; then
    pid="$(cat "$dir/docker.pid")"
  elif [ -s "$dir/launcher.pid" ]; then
    pid="$(cat "$dir/launcher.pid")"
  fi
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    _docker_log "stopping the private engine (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    if ! _docker_wait_gone "$pid" 30; then
      _docker_log "the engine did not stop within 30s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      _docker_wait_gone "$pid" 5 || true
    fi
  fi
  # dockerd stops its containerd on a clean exit; after a kill, stop it by its own pidfile.
  local cpid_file="$dir/exec/containerd/containerd.pid"
  if [ -s "$cpid_file" ]; then
    local cpid
    cpid="$(cat "$cpid_file")"
    if kill -0 "$cpid" 2>/dev/null; then
      kill -TERM "$cpid" 2>/dev/null || true
      _docker_wait_gone "$cpid" 10 || kill -KILL "$cpid" 2>/dev/null || true
    fi
  fi
  # Unmount anything left under the folder, deepest first (the data root is bind-mounted onto itself).
  local mounts
  mounts="$(awk -v d="$dir" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r)"
  if [ -n "$mounts" ]; then
    while IFS= read -r m; do
      umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || _docker_log "could not unmount $m"
    done <<<"$mounts"
  fi
  rm -rf "$dir" 2>/dev/null || _docker_log "could not remove $dir entirely"
  DOCKER_ENGINE_DIR=""
}

# Imports the tiny image the tests run (ROLLBACK_TEST_IMAGE) when the engine lacks it: busybox-static and links
# for the applets the tests use, PATH=/bin.
docker_test_image_ensure() {
  if docker image inspect "$ROLLBACK_TEST_IMAGE" >/dev/null 2>&1; then
    return 0
  fi
  if ! _docker_static_busybox; then
    _docker_log "no static /bin/busybox; install busybox-static to build $ROLLBACK_TEST_IMAGE"
    return 1
  fi
  local root
  root="$(mktemp -d /tmp/rollback-rootfs.XXXXXX)"
  mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/root"
  cp /bin/busybox "$root/bin/busybox"
  local applet
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
  printf 'root:x:0:\n' >"$root/etc/group"
  chmod 755 "$root" "$root/bin" "$root/etc" "$root/root"
  chmod 1777 "$root/tmp"
  local rc=0
  tar -C "$root" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["sh"]' - "$ROLLBACK_TEST_IMAGE" >/dev/null || rc=$?
  rm -rf "$root"
  if [ "$rc" -ne 0 ]; then
    _docker_log "could not import $ROLLBACK_TEST_IMAGE"
    return "$rc"
  fi
  _docker_log "imported $ROLLBACK_TEST_IMAGE"
}
