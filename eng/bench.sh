#!/usr/bin/env bash
# Benchmark (not a test, not part of .ci/run): builds the stack in Release, starts it in the production profile with a
# fresh state folder, and measures issue 15's table with its ceilings in the same run: public sign-ups (wrk, 64
# connections) against pgbench inserts on the stack's own PostgreSQL, the cached public listing against a bare Kestrel
# hello-world, the uncached listing at 1,000 and 100,000 events, start time and idle memory. Checks that no
# acknowledged sign-up is missing and none is overbooked; prints the table and writes bench-results.json.
# Arguments: [large listing size=100000] [seconds per load run=20] [JSON file=bench-results.json]
# Run it on an otherwise idle machine: every figure is shared with whatever else runs.
set -euo pipefail
cd "$(dirname "$0")/.."
eng/prerequisites.sh
if ! command -v wrk >/dev/null; then
  echo "Installing wrk ..."
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
dotnet build OpenDay.AppHost --configuration Release --no-restore --verbosity quiet -nologo
dotnet build bench/OpenDay.Bench.Hello --configuration Release --no-restore --verbosity quiet -nologo
dotnet build bench/OpenDay.Bench --configuration Release --no-restore --verbosity quiet -nologo
exec dotnet run --project bench/OpenDay.Bench --configuration Release --no-build -- "$@"
