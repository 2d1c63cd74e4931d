#!/usr/bin/env bash
# install-mermaid.sh [DIR]: makes Mermaid rendering ready for the rendering test (MermaidRenderIT), installing only
# what is missing, so it is quick (a smoke render, 2-4 s) when everything is there. scripts/test.sh runs it.
# DIR (default: scripts/mermaid beside this script) holds the committed package.json, package-lock.json and
# puppeteer-config.json; node_modules/ is made there (git-ignored).
#   - Debian's chromium (/usr/bin/chromium), through apt-get, when missing: needs root.
#   - @mermaid-js/mermaid-cli and puppeteer at the lock file's versions, through `npm ci`, when node_modules is
#     missing or was made from another lock file; with PUPPETEER_SKIP_DOWNLOAD=1: puppeteer never fetches a browser
#     of its own, it drives Debian's (puppeteer-config.json: executablePath /usr/bin/chromium, --no-sandbox).
#   - then a smoke render, so that "installed" means "renders".
# MERMAID_HOME=/some/dir installs node_modules there instead (package.json and the lock are copied there), e.g.
# "${XDG_CACHE_HOME:-$HOME/.cache}/rollback-mermaid", which spares a fresh clone the npm ci (20-30 s).
# Prints the path of mmdc on standard output; everything else goes to standard error.
# Exit status: 0 ready; 1 something could not be installed or does not render (the reason on standard error).
# Seen on a fresh Debian 12 machine: chromium 21 s (25 packages), npm ci 20-30 s (261 packages, 500 MB).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="$(cd "${1:-$here/mermaid}" && pwd)"
chromium=/usr/bin/chromium
log() { echo "[install-mermaid] $*" >&2; }
die() { log "$*"; exit 1; }

[[ -f "$dir/package.json" && -f "$dir/package-lock.json" && -f "$dir/puppeteer-config.json" ]] \
  || die "$dir must hold package.json, package-lock.json and puppeteer-config.json"

home="${MERMAID_HOME:-$dir}"
mkdir -p "$home"
home="$(cd "$home" && pwd)"

# One install at a time (a developer's build and test.sh may start together).
exec 9>"$home/.install.lock"
flock 9

# 1. Debian's Chromium.
if [[ ! -x "$chromium" ]]; then
  [[ "$(id -u)" == 0 ]] || die "no $chromium and not root: run 'apt-get install chromium' as root"
  command -v apt-get >/dev/null || die "no $chromium and no apt-get"
  log "installing Debian's chromium (apt-get)..."
  t=$SECONDS
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -qq >&2 || die "apt-get update failed"
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2 \
    || die "apt-get install chromium failed"
  [[ -x "$chromium" ]] || die "chromium installed but $chromium is missing"
  log "chromium ready in $((SECONDS - t)) s: $("$chromium" --version 2>/dev/null)"
fi

# 2. Node.js and npm (on the machine; mermaid-cli 11.x needs Node >= 18.19, 12.x needs >= 22.13).
command -v node >/dev/null && command -v npm >/dev/null || die "node and npm are needed (Node.js 20 is on the machine)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
(( node_major >= 20 )) || die "Node.js $(node --version) is too old: 20 or later"

# 3. mermaid-cli from the lock file; skipped when node_modules was made from this very lock file.
mmdc="$home/node_modules/.bin/mmdc"
stamp="$home/node_modules/.installed-from-lock.sha256"
want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
if [[ ! -x "$mmdc" || "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]]; then
  log "installing mermaid-cli (npm ci in $home)..."
  t=$SECONDS
  if [[ "$home" != "$dir" ]]; then cp "$dir/package.json" "$dir/package-lock.json" "$home/"; fi
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix "$home" --no-audit --no-fund --loglevel=error >&2 \
    || die "npm ci failed in $home"
  [[ -x "$mmdc" ]] || die "npm ci succeeded but $mmdc is missing"
  echo "$want" >"$stamp"
  log "mermaid-cli $("$mmdc" --version) ready in $((SECONDS - t)) s"
fi

# 4. Smoke render: parse + layout in the real browser.
smoke="$(mktemp -d)"
trap 'rm -rf "$smoke"' EXIT
printf 'flowchart LR\n  a["install"] --> b["check"]\n' >"$smoke/smoke.mmd"
if ! PUPPETEER_SKIP_DOWNLOAD=1 "$mmdc" -q -p "$dir/puppeteer-config.json" -i "$smoke/smoke.mmd" \
    -o "$smoke/smoke.svg" -e svg 2>"$smoke/err" || [[ ! -s "$smoke/smoke.svg" ]]; then
  cat "$smoke/err" >&2
  die "mmdc could not render a one-line flowchart with $chromium"
fi

echo "$mmdc"
