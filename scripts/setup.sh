#!/usr/bin/env bash
# Installs what Casebook needs to build, run and test on Debian 12 (or a close relative): system
# packages through apt (with sudo when not root), the UI's npm packages, then builds the UI.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config curl   # compilers for the bundled SQLite and -sys crates
  libwebkit2gtk-4.1-dev             # the Tauri 2 webview (brings GTK 3 and libsoup 3)
  xvfb xauth                        # a virtual display for the end-to-end tests
  webkit2gtk-driver                 # WebKitWebDriver, which drives the real app window in tests
  fonts-dejavu-core                 # a font for the app window (papers carry their own)
  tesseract-ocr tesseract-ocr-eng   # reads the words in screenshots (casebook ocr); optional to run
  poppler-utils                     # pdftotext/pdftoppm: the words of PDF evidence (and the tests read the PDFs they make)
  gstreamer1.0-plugins-good         # the viewer's video player: WebM (VP8/VP9) and the MP4/MOV containers
  gstreamer1.0-libav                # ... and H.264, which most phone and MP4 clips are
)
if [ "${1:-}" = "--tests" ]; then
  APT_PACKAGES+=(
    libreoffice-writer-nogui        # soffice: the tests open the DOCX papers in LibreOffice
    python3-venv                    # a virtual environment for the PDF/UA checker below
    postgresql-15                   # the team server's tests start throwaway clusters (initdb, pg_ctl)
    keyutils                        # keyctl: the CLI's server tests run in a login-like session keyring
  )
fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "== Installing system packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "error: Rust is not installed. Install it with rustup (see https://rustup.rs), open a new shell, and run this again." >&2
  exit 1
fi

node_ok=0
if command -v node >/dev/null 2>&1; then
  # Vite 8 needs Node.js 20.19 or newer.
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' && node_ok=1
fi
if [ "$node_ok" -ne 1 ]; then
  echo "error: Node.js 20.19 or newer is needed to build the user interface (found: $(node --version 2>/dev/null || echo none))." >&2
  echo "       Install a current Node.js (e.g. from NodeSource or nvm), then run this again." >&2
  exit 1
fi

if [ "${1:-}" = "--tests" ]; then
  # pdfua checks the PDF/UA-1 rules a machine can check; the tests run it on every paper.
  tools="target/test-tools"
  if ! "$tools/bin/pdfua" --help >/dev/null 2>&1; then
    echo "== Installing the PDF/UA checker (pdfua) in $tools"
    python3 -m venv "$tools"
    "$tools/bin/pip" install --quiet --disable-pip-version-check pdfua==0.1.3
  fi
fi

echo "== Installing the UI's npm packages"
(cd ui && npm ci --no-audit --no-fund --loglevel=error)
echo "== Building the UI"
(cd ui && npm run --silent build)
