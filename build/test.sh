#!/usr/bin/env bash
# Runs every test project of KSail.sln and ends with one line: "N passed, N failed[, N skipped]".
# Extra arguments go to `dotnet test` (e.g. build/test.sh --filter-method '*Schema*').
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
before=$(mktemp)
trap 'rm -f "$log" "$before" "$before.volumes"' EXIT

build/leak-guard.sh snapshot "$before"
# One test project at a time: several of them create real clusters, and these machines have 2 cores.
dotnet test --solution KSail.sln --max-parallel-test-modules 1 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The Testing Platform's summary: "total: N", "failed: N", "succeeded: N", "skipped: N".
count() { sed -n "s/^[[:space:]]*$1:[[:space:]]*\([0-9][0-9]*\)[[:space:]]*$/\1/p" "$log" | tail -1; }
passed=$(count succeeded)
failed=$(count failed)
skipped=$(count skipped)

if [ -z "$passed" ] || [ -z "$failed" ]; then
  echo "build/test.sh: no test summary found (the build or the test host failed; see above)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "build/test.sh: dotnet test exited with $status" >&2
  failed=1
fi

# The GitHub Action's tests (node's test runner, and main+post with a real ksail), unless a filter
# was passed for the .NET tests.
if [ "$#" -eq 0 ]; then
  action_log=$(mktemp)
  build/test-action.sh 2>&1 | tee "$action_log"
  action_status=${PIPESTATUS[0]}
  action_counts=$(tail -1 "$action_log")
  rm -f "$action_log"
  action_passed=$(echo "$action_counts" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
  action_failed=$(echo "$action_counts" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
  passed=$((passed + ${action_passed:-0}))
  failed=$((failed + ${action_failed:-1}))
  if [ "$action_status" -ne 0 ] && [ "$status" -eq 0 ]; then
    status=$action_status
  fi
fi

# The guard counts as one more check of the suite: a leak fails the run and names what leaked.
if build/leak-guard.sh check "$before"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  [ "$status" -ne 0 ] || status=1
fi

if [ "${skipped:-0}" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$status"
