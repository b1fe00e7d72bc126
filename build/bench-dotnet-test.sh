#!/usr/bin/env bash
# build/bench.sh dotnet-test [RUNS]: the wall time KSail.Build.Tasks adds to `dotnet test` when the
# cluster is reused (KSailReuse=true, the cluster already up), against the same xUnit v3 project
# without the package, measured alternately in the same run, in both modes of the .NET 10 SDK
# (Testing Platform and VSTest). The inner test lists the cluster's nodes through KUBECONFIG (the
# project without the package reads the same kubeconfig file, so both do the same work).
# Median of RUNS (default 5). Goal: under 1.5 s added.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
runs=${1:-5}
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b-a}'; }

image=$(bash tests/testbed/testbed.sh images 2>/dev/null | sed -n 's/^k3s-node=//p')
[ -n "$image" ] || { echo "bench: no k3s-node image from the test bed" >&2; exit 1; }
work=$(mktemp -d)
name="bdt-$$"
version="0.1.0-bench.$(date +%Y%m%d%H%M%S)"
cleanup() {
  dotnet "$work/feed-cli/ksail.dll" cluster delete --name "$name" >/dev/null 2>&1 || true
  rm -rf "$work" "$HOME/.ksail/sessions/$name" "${NUGET_PACKAGES:-$HOME/.nuget/packages}/ksail.build.tasks/$version"
}
trap cleanup EXIT

echo "bench: packing KSail.Build.Tasks $version" >&2
dotnet pack src/KSail.Build.Tasks -c Release -o "$work/feed" -p:Version="$version" -nologo -v q -tl:off >/dev/null
mkdir -p "$work/feed-cli" && unzip -q -o "$work/feed/KSail.Build.Tasks.$version.nupkg" 'tools/ksail/*' -d "$work/pkg" && cp -r "$work/pkg/tools/ksail/." "$work/feed-cli/"

# project DIR MODE WITH_PACKAGE
project() {
  local dir=$1 mode=$2 with=$3 refs
  mkdir -p "$dir"
  printf '<?xml version="1.0" encoding="utf-8"?>\n<configuration><packageSources><add key="ksail-local" value="%s" /></packageSources></configuration>\n' "$work/feed" > "$dir/nuget.config"
  if [ "$mode" = mtp ]; then
    echo '{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" }, "test": { "runner": "Microsoft.Testing.Platform" } }' > "$dir/global.json"
    refs='<PackageReference Include="xunit.v3" Version="4.0.3" />'
  else
    echo '{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" } }' > "$dir/global.json"
    refs='<PackageReference Include="xunit.v3.mtp-off" Version="4.0.3" /><PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.11.0" /><PackageReference Include="xunit.runner.visualstudio" Version="4.0.1" />'
  fi
  [ "$with" = yes ] && refs="$refs<PackageReference Include=\"KSail.Build.Tasks\" Version=\"$version\" />"
  cat > "$dir/Bench.Tests.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Exe</OutputType><ImplicitUsings>enable</ImplicitUsings><KSailReuse>true</KSailReuse><KSailConfig>$work/ksail.yaml</KSailConfig></PropertyGroup>
  <ItemGroup>$refs<PackageReference Include="KubernetesClient" Version="21.0.8" /></ItemGroup>
</Project>
XML
  cat > "$dir/Tests.cs" <<'CS'
using k8s;
using Xunit;
public class Tests
{
    [Fact]
    public async Task Lists_nodes()
    {
        var path = Environment.GetEnvironmentVariable("KUBECONFIG") ?? Environment.GetEnvironmentVariable("BENCH_KUBECONFIG");
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
        Assert.NotEmpty((await client.CoreV1.ListNodeAsync()).Items);
    }
}
CS
}

printf 'apiVersion: k3d.io/v1alpha5\nkind: Simple\nimage: %s\nservers: 1\nagents: 0\noptions:\n  k3d:\n    disableLoadbalancer: true\n' "$image" > "$work/k3d.yaml"
printf 'apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: %s\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n' "$name" > "$work/ksail.yaml"
export BENCH_KUBECONFIG="$HOME/.ksail/sessions/$name/kubeconfig"

declare -A added
for mode in mtp vstest; do
  project "$work/$mode-with" "$mode" yes
  project "$work/$mode-without" "$mode" no
  # Build both, and let the first run with the package create the cluster (not measured).
  (cd "$work/$mode-with" && dotnet test >/dev/null 2>&1) || { echo "bench: the $mode project with the package failed" >&2; (cd "$work/$mode-with" && dotnet test 2>&1 | tail -20) >&2; exit 1; }
  (cd "$work/$mode-without" && dotnet build -nologo -v q >/dev/null)
  with=() without=()
  for i in $(seq 1 "$runs"); do
    t0=$(now); (cd "$work/$mode-without" && dotnet test --no-build >/dev/null 2>&1) || { echo "bench: the $mode project without the package failed" >&2; exit 1; }; t1=$(now)
    without+=("$(elapsed "$t0" "$t1")")
    t0=$(now); (cd "$work/$mode-with" && dotnet test --no-build >/dev/null 2>&1) || { echo "bench: the $mode project with the package failed" >&2; exit 1; }; t1=$(now)
    with+=("$(elapsed "$t0" "$t1")")
    echo "$mode run $i: without the package ${without[-1]} s, with it (cluster reused) ${with[-1]} s" >&2
  done
  w=$(printf '%s\n' "${with[@]}" | median); wo=$(printf '%s\n' "${without[@]}" | median)
  added[$mode]=$(awk -v a="$w" -v b="$wo" 'BEGIN{printf "%.2f", a-b}')
  echo "dotnet test ($mode): without the package $wo s, with it and a reused cluster $w s (median of $runs): +${added[$mode]} s"
done
echo "dotnet-test: added wall time with a reused cluster +${added[mtp]} s (Testing Platform), +${added[vstest]} s (VSTest); goal < 1.5 s"
