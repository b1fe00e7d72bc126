#!/usr/bin/env bash
# The GitHub Action's tests (action/): dist/ is current, node's test runner over action/test/, and
# the integration test: main and post with a real ksail packed from this repository, creating and
# deleting a one-node Vanilla cluster on the test bed's kind-node image.
# Ends with one line: "N passed, N failed" (node's own counts; a stale dist/ counts as one failure).
set -uo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

echo "==> action: npm ci"
(cd action && npm ci --no-audit --no-fund --loglevel=error) || { echo "0 passed, 1 failed"; exit 1; }

echo "==> action: dist/ is what the sources build"
if ! (cd action && npm run --silent check-dist); then
  echo "build/test-action.sh: action/dist is stale: run 'npm run build' in action/ and commit dist/" >&2
  failed=$((failed + 1))
fi

echo "==> action: pack the ksail tool into a folder feed"
version="0.1.0-ci.$(date +%s)"
dotnet pack src/KSail.Cli -c Release -o "$work/feed" -p:Version="$version" --nologo -v quiet >"$work/pack.log" 2>&1 \
  || { cat "$work/pack.log" >&2; echo "0 passed, $((failed + 1)) failed"; exit 1; }

image=$(bash tests/testbed/testbed.sh images | sed -n 's/^kind-node=//p')
mkdir -p "$work/config"
printf 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: %s\n' "$image" >"$work/config/kind.yaml"
printf 'apiVersion: ksail.io/v1alpha1\nkind: Cluster\nspec:\n  cluster:\n    distribution: Vanilla\n    distributionConfig: kind.yaml\n' >"$work/config/ksail.yaml"

echo "==> action: node --test"
(cd action && KSAIL_ACTION_IT=1 KSAIL_ACTION_FEED="$work/feed" KSAIL_ACTION_CONFIG="$work/config/ksail.yaml" \
  node --test --test-reporter=tap test/) | tee "$work/tap.log"
passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$work/tap.log" | tail -1)
node_failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$work/tap.log" | tail -1)
if [ -z "$passed" ] || [ -z "$node_failed" ]; then
  echo "build/test-action.sh: no summary from node --test" >&2
  echo "0 passed, $((failed + 1)) failed"
  exit 1
fi
failed=$((failed + node_failed))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
