#!/usr/bin/env bash
# Benchmark (not a test): starts the whole stack in local mode with a fresh state folder, publishes 1,000 open days
# and prints the portal home page's server render p50/p95/p99. Arguments: [events=1000] [requests=2000].
set -euo pipefail
cd "$(dirname "$0")/.."
eng/prerequisites.sh
dotnet build bench/OpenDay.Portal.Bench --configuration Release --verbosity quiet -nologo
exec dotnet run --project bench/OpenDay.Portal.Bench --configuration Release --no-build -- "$@"
