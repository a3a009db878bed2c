#!/usr/bin/env bash
# Sets up what is missing, then runs every check and test: the generated UI types are up to date,
# UI type-check and unit tests, Rust formatting and lints, the core's integration tests (the
# papers' PDFs checked by pdfinfo, pdffonts, pdfua and their rendered pages), and end-to-end tests
# that drive the real app window under a virtual display (Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --tests
# The PDF/UA checker setup.sh installed for the tests.
export PATH="$PWD/target/test-tools/bin:$PATH"

echo "== UI: generated types (regenerated from the Rust types; fails if the committed ones differ)"
./scripts/bindings.sh --check
echo "== UI: type-check"
(cd ui && npm run --silent check)
echo "== UI: unit tests"
(cd ui && npm test --silent)

echo "== Rust: formatting"
cargo fmt --all -- --check
echo "== Rust: lints"
cargo clippy --workspace --all-targets -- -D warnings

echo "== Rust: unit, integration and end-to-end tests"
# xvfb-run gives the end-to-end tests a display of their own; -a picks a free one.
xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" cargo test --workspace
