#!/usr/bin/env bash
# Measures `pulse ingest` (not a timed test): events/s and peak RSS, loading
# generated data (validation on, as always) into a fresh PostgreSQL database
# and a fresh PGlite directory. Three sizes (250k, 1M and, on PostgreSQL, 4M
# events) show whether memory stays flat as the events file grows.
# Usage: scripts/bench-ingest.sh [postgres-url-without-db]   (default postgres://postgres@127.0.0.1:5432)
set -euo pipefail
cd "$(dirname "$0")/.."
server="${1:-postgres://postgres@127.0.0.1:5432}"
cache="${PULSE_BENCH_DIR:-${TMPDIR:-/tmp}/pulse-bench}"
npm run build --silent

# 7,500 users x 180 days = 1,002,819 events; 1,875 users = about 250k; 30,000 about 4M.
for users in 1875 7500 30000; do
  dir="$cache/u$users"
  [ -f "$dir/events.csv" ] || node bin/pulse.js generate --users "$users" --days 180 --seed 1 --end-date 2026-01-31 --out "$dir" >/dev/null
done

# One load: prints "engine users events seconds events/s peak-RSS-MB" from the events line of the summary.
run() {
  local engine="$1" users="$2" log
  log="$(mktemp)"
  if [ "$engine" = postgres ]; then
    local db="pulse_bench_$$"
    psql "$server/postgres" -qc "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
    DATABASE_URL="$server/$db" /usr/bin/time -f 'peak %M' node bin/pulse.js ingest --dir "$cache/u$users" >"$log" 2>&1
    psql "$server/postgres" -qc "DROP DATABASE $db" >/dev/null
  else
    local data
    data="$(mktemp -d)"
    PULSE_DATA_DIR="$data" /usr/bin/time -f 'peak %M' node bin/pulse.js ingest --dir "$cache/u$users" >"$log" 2>&1
    rm -rf "$data"
  fi
  awk -v engine="$engine" -v users="$users" '
    /^events / { for (i = 1; i <= NF; i++) { if ($i == "read") read = $(i+1); if ($i == "in") secs = $(i+1); if ($i ~ /^\(/) rate = $i } }
    /^peak / { peak = $2 }
    END { gsub(/[,(]/, "", read); gsub(/[,(]/, "", rate); printf "%-9s %6d %10d %8.1f %10d %8d\n", engine, users, read, secs, rate, peak / 1024 }' "$log"
  rm -f "$log"
}

printf '%-9s %6s %10s %8s %10s %8s\n' engine users events seconds events/s peak-MB
for users in 1875 7500 30000; do run postgres "$users"; done
for users in 1875 7500; do run pglite "$users"; done
