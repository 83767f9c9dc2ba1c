#!/usr/bin/env bash
# The fault suite against the production profile: the Release builds a deployment runs, traces sampled. Not part of
# .ci/run, which runs the same tests in the development profile with all the others. Ends with "N passed, N failed";
# each test prints its row of the fault table (lines starting FAULT).
set -uo pipefail
cd "$(dirname "$0")/.."
eng/prerequisites.sh || exit 1
dotnet build OpenDay.AppHost --configuration Release --no-restore --verbosity quiet -nologo || { echo "0 passed, 1 failed"; exit 1; }
OPENDAY_TEST_PROFILE=production exec eng/test.sh --filter "FullyQualifiedName~Tests.Faults." "$@"
