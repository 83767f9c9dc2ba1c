#!/usr/bin/env bash
# Starts the whole OpenDay stack: PostgreSQL, Redis, single sign-on, the four services, the gateway and the
# Aspire dashboard. Prints the dashboard URL, the gateway URL and the dev users. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
eng/prerequisites.sh
exec dotnet run --project OpenDay.AppHost --launch-profile http -- "$@"
