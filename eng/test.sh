#!/usr/bin/env bash
# Runs every test: the fast ones and the end-to-end ones, which start the whole AppHost in local mode with a
# fresh temporary state folder. Ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
eng/prerequisites.sh || exit 1

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
dotnet build OpenDay.sln --no-restore --verbosity quiet -nologo || { echo "0 passed, 1 failed"; exit 1; }
dotnet test OpenDay.sln --no-build --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
eng/failed-tests.pl "$results"/*.trx
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a crash or a build error is a failure too
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # so is running no test at all
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
