#!/usr/bin/env bash
# Runs end-to-end specs in an isolated slot, so several people (or terminals) can run them at once:
#   scripts/e2e-local.sh <slot-name> [playwright args, e.g. e2e/admin]
# Each slot has its own build folder, port and PostgreSQL database. Set SKIP_BUILD=1 to reuse the build.
set -euo pipefail
slot="${1:?slot name}"; shift
port=$((3200 + $(printf '%s' "$slot" | cksum | cut -d' ' -f1) % 700))
export NEXT_DIST_DIR=".next-e2e-$slot" E2E_PORT="$port" E2E_DATABASE_URL="postgres://postgres@127.0.0.1:5432/modelkeep_e2e_${slot//-/_}" NEXT_TELEMETRY_DISABLED=1
[ "${SKIP_BUILD:-0}" = 1 ] || npx next build >/tmp/e2e-build-$slot.log 2>&1 || { tail -40 /tmp/e2e-build-$slot.log; exit 1; }
npx playwright test --output "test-results-$slot" "$@"
