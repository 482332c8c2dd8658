#!/usr/bin/env bash
# Installs what Jasaq needs on a Debian machine, idempotently: the Tauri/WebKitGTK build
# libraries, the end-to-end tools (Xvfb, WebKitWebDriver, tauri-driver) and the UI's npm
# packages, poppler-utils (the tests read back the PDFs they make), and python3-venv for the
# roster benchmark's CP-SAT reference (scripts/bench-venv.sh makes that venv). Each step checks first, so a second run does nothing and needs no network.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"

debian_packages=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev libxdo-dev
  webkit2gtk-driver xvfb xauth imagemagick
  sqlite3 poppler-utils
  fonts-noto-core
  python3 python3-venv
)

missing=()
for p in "${debian_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "jasaq: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Node.js 20+ runs the UI build (SvelteKit/Vite); Debian's own nodejs is used if none is present.
if ! command -v node >/dev/null 2>&1; then
  echo "jasaq: installing Node.js and npm from Debian"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends nodejs npm
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "jasaq: Node.js $(node --version) is too old; the UI build needs Node.js 20 or newer" >&2
  exit 1
fi

if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "jasaq: installing tauri-driver"
  cargo install tauri-driver --locked
fi

# npm ci only when the lock file changed since the last install.
cd "$here/ui"
stamp="node_modules/.jasaq-lock-hash"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "jasaq: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
  echo "$want" >"$stamp"
fi
