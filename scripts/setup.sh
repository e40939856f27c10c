#!/usr/bin/env bash
# Installs what Slipway and its tests need on a fresh Debian/Ubuntu machine with Node >= 20.19.
set -euo pipefail
cd "$(dirname "$0")/.."

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Slipway needs Node >= 20.19, found "+process.version); process.exit(1); }'

# System tools the tests start for real: git; an OCI registry (Distribution), htpasswd and openssl for its auth
# and TLS; busybox-static for tiny images built in tests; skopeo and umoci to cross-check what Slipway writes;
# bubblewrap for sandboxed steps; python3, make and g++ to build better-sqlite3 (no prebuilt binaries here).
packages=(git ca-certificates docker-registry apache2-utils openssl busybox-static skopeo umoci bubblewrap python3 make g++)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

npm ci --no-audit --no-fund
