#!/usr/bin/env bash
# Measures `pulse generate` (not a timed test): wall time and peak RSS for
# about 1M events (7,500 users over 180 days; 10,000 users give ~1.36M).
# Usage: scripts/bench-generate.sh [users] [days] [out-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
users="${1:-7500}" days="${2:-180}" out="${3:-$(mktemp -d)}"
npm run build --silent
/usr/bin/time -f 'wall %e s, peak RSS %M KB' \
  node bin/pulse.js generate --users "$users" --days "$days" --seed 1 --end-date 2026-01-31 --out "$out"
wc -l "$out"/*.csv
