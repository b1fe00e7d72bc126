#!/usr/bin/env bash
# The main job, one command for a newcomer: create the example cluster (examples/vanilla:
# ksail.yaml + kind.yaml, one control plane and two workers), show its Ready nodes, delete it.
#
# - Starts Docker when no engine answers (Debian's docker.io, via tests/testbed/ci-prepare.sh).
# - Uses kind's default node image when it can be pulled; otherwise (no registry access, as on
#   these build machines) builds the local kind-compatible node image with the test bed and uses
#   it through the real image setting of kind.yaml (nodes[].image), and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
example=${1:-examples/vanilla}

if ! timeout 20 docker version >/dev/null 2>&1; then
  echo "==> no Docker engine answers: installing and starting Debian's (needs root)"
  bash tests/testbed/ci-prepare.sh
fi

echo "==> building the ksail tool"
dotnet build src/KSail.Cli -c Release -v q -nologo >/dev/null
ksail() { dotnet "$repo/src/KSail.Cli/bin/Release/net10.0/ksail.dll" "$@"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$example"/. "$work/"
default_image=$(sed -n 's/.*DefaultImage = "\(kindest[^"]*\)".*/\1/p' src/KSail.Core/Configuration/Kind/KindCluster.cs)
if docker image inspect "$default_image" >/dev/null 2>&1 || timeout 120 docker pull "$default_image" >/dev/null 2>&1; then
  echo "==> using kind's default node image $default_image"
else
  echo "==> $default_image cannot be pulled here: building the local kind-compatible node image with the test bed"
  image=$(bash tests/testbed/testbed.sh images | sed -n 's/^kind-node=//p')
  [ -n "$image" ] || { echo "the test bed printed no kind-node image" >&2; exit 1; }
  echo "==> using $image (set as nodes[].image in the example's kind.yaml)"
  sed -i "s#^\(\s*\)- role: \(control-plane\|worker\)\$#\1- role: \2\n\1  image: $image#" "$work/kind.yaml"
fi

export KUBECONFIG="$work/kubeconfig"
echo "==> ksail cluster create (kubeconfig: $KUBECONFIG)"
ksail cluster create --config "$work/ksail.yaml" --kubeconfig "$KUBECONFIG"
name=$(sed -n 's/^  name: //p' "$work/ksail.yaml")
cleanup() { echo "==> ksail cluster delete"; ksail cluster delete --config "$work/ksail.yaml" --kubeconfig "$KUBECONFIG" || true; rm -rf "$work"; }
trap cleanup EXIT

echo "==> waiting for the nodes to be Ready"
kubectl --context "kind-$name" wait --for=condition=Ready nodes --all --timeout=180s >/dev/null
kubectl --context "kind-$name" get nodes -o wide
