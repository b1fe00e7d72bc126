#!/usr/bin/env bash
# The main job, one command for a newcomer: create the example cluster (examples/vanilla:
# ksail.yaml + kind.yaml, one control plane and two workers), show its Ready nodes, run the example
# test project (examples/tests, `dotnet test` with KSail.Build.Tasks) against it, delete it.
# `build/demo.sh k3s` does the same with examples/k3s (ksail.yaml + k3d.yaml: one server, two
# agents and k3d's server load balancer).
#
# - Starts Docker when no engine answers (Debian's docker.io, via tests/testbed/ci-prepare.sh).
# - Uses kind's default node image (k3d's K3s and proxy images) when it can be pulled; otherwise
#   (no registry access, as on these build machines) builds the local stand-in images with the
#   test bed and uses them through the real settings (nodes[].image in kind.yaml; image in
#   k3d.yaml and K3D_IMAGE_LOADBALANCER for k3d's load balancer), and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
case "${1:-vanilla}" in
  vanilla) example=examples/vanilla ;;
  k3s) example=examples/k3s ;;
  *) example=$1 ;;
esac

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
pullable() { docker image inspect "$1" >/dev/null 2>&1 || timeout 120 docker pull "$1" >/dev/null 2>&1; }
testbed_image() {
  local image
  image=$(bash tests/testbed/testbed.sh images | sed -n "s/^$1=//p")
  [ -n "$image" ] || { echo "the test bed printed no $1 image" >&2; exit 1; }
  echo "$image"
}
if grep -Eq '^\s*distribution:\s*K3s\s*$' "$work/ksail.yaml"; then
  prefix=k3d
  k3s=src/KSail.Core/Distributions/K3s/K3dSimpleConfig.cs
  default_image=$(sed -n 's/.*DefaultImage = "\(rancher[^"]*\)".*/\1/p' "$k3s")
  default_proxy=$(sed -n 's/.*LoadBalancerImageRepository = "\([^"]*\)".*/\1/p' "$k3s"):$(sed -n 's/.*DefaultLoadBalancerImage = LoadBalancerImageRepository + ":\([^"]*\)".*/\1/p' "$k3s")
  if pullable "$default_image" && pullable "$default_proxy"; then
    echo "==> using k3d's default images $default_image and $default_proxy"
  else
    echo "==> $default_image or $default_proxy cannot be pulled here: building the local stand-in images with the test bed"
    image=$(testbed_image k3s-node)
    export K3D_IMAGE_LOADBALANCER
    K3D_IMAGE_LOADBALANCER=$(testbed_image k3d-proxy)
    echo "==> using $image (set as image in the example's k3d.yaml) and $K3D_IMAGE_LOADBALANCER (K3D_IMAGE_LOADBALANCER)"
    sed -i '/^image:/d' "$work/k3d.yaml"
    printf 'image: %s\n' "$image" >>"$work/k3d.yaml"
  fi
else
  prefix=kind
  default_image=$(sed -n 's/.*DefaultImage = "\(kindest[^"]*\)".*/\1/p' src/KSail.Core/Distributions/Vanilla/KindCluster.cs)
  if pullable "$default_image"; then
    echo "==> using kind's default node image $default_image"
  else
    echo "==> $default_image cannot be pulled here: building the local kind-compatible node image with the test bed"
    image=$(testbed_image kind-node)
    echo "==> using $image (set as nodes[].image in the example's kind.yaml)"
    sed -i "s#^\(\s*\)- role: \(control-plane\|worker\)\$#\1- role: \2\n\1  image: $image#" "$work/kind.yaml"
  fi
fi

export KUBECONFIG="$work/kubeconfig"
echo "==> ksail cluster create (kubeconfig: $KUBECONFIG)"
ksail cluster create --config "$work/ksail.yaml" --kubeconfig "$KUBECONFIG"
name=$(sed -n 's/^  name: //p' "$work/ksail.yaml")
cleanup() { echo "==> ksail cluster delete"; ksail cluster delete --config "$work/ksail.yaml" --kubeconfig "$KUBECONFIG" || true; rm -rf "$work"; }
trap cleanup EXIT

echo "==> waiting for the nodes to be Ready"
kubectl --context "$prefix-$name" wait --for=condition=Ready nodes --all --timeout=180s >/dev/null
kubectl --context "$prefix-$name" get nodes -o wide

# The tests of examples/tests (xUnit v3) against this cluster: KSail.Build.Tasks, packed from this
# repository into a local feed, finds the running cluster by its spec and reuses it (KSailReuse).
version="0.1.0-demo.$(date +%Y%m%d%H%M%S)"
echo "==> packing KSail.Build.Tasks $version into a local feed"
dotnet pack src/KSail.Build.Tasks -c Release -o "$work/feed" -p:Version="$version" -nologo -v q -tl:off >/dev/null
cleanup() {
  echo "==> ksail cluster delete"; ksail cluster delete --config "$work/ksail.yaml" --kubeconfig "$KUBECONFIG" || true
  rm -rf "$work" "${NUGET_PACKAGES:-$HOME/.nuget/packages}/ksail.build.tasks/$version" examples/tests/bin examples/tests/obj
}
echo "==> dotnet test examples/tests (against cluster $name)"
dotnet test --project examples/tests/Example.Tests.csproj -p:KSailConfig="$work/ksail.yaml" -p:KSailReuse=true \
  -p:KSailBuildTasksVersion="$version" -p:RestoreAdditionalProjectSources="$work/feed"
