#!/usr/bin/env bash
# build/bench.sh cli-startup [RUNS]: the start-up cost of `ksail version` (System.CommandLine parse
# of the whole command tree, Spectre.Console, the runtime), against a hello-world console app
# (`dotnet new console`, Release) measured in the same run, both started as `dotnet APP.dll` the
# way the dotnet tool shim starts ksail. Cold: the first run right after each app's build (once per
# bench run; the OS file cache is not dropped, it is a shared machine). Warm: median of RUNS
# (default 10) runs, taken alternately. Goal: ksail version warm median <= 3x the hello-world app.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.0f\n", (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
# Milliseconds one run of `dotnet DLL ARGS...` takes (its output discarded; a failure stops the bench).
ms() { local t0 t1; t0=$(date +%s%N); dotnet "$@" >/dev/null; t1=$(date +%s%N); echo $(((t1 - t0) / 1000000)); }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "bench: building the hello-world app and ksail (Release)" >&2
dotnet new console -o "$work/hello" -n hello --no-restore >/dev/null
# Outside the repo: its Directory.Build.props and central package versions do not apply.
dotnet build "$work/hello" -c Release -o "$work/hello-bin" -nologo -v q >/dev/null
hello_cold=$(ms "$work/hello-bin/hello.dll")
dotnet build src/KSail.Cli -c Release -o "$work/ksail-bin" -nologo -v q >/dev/null
ksail_cold=$(ms "$work/ksail-bin/ksail.dll" version)
dotnet "$work/ksail-bin/ksail.dll" version >&2

hello=() ours=()
for i in $(seq 1 "$runs"); do
  hello+=("$(ms "$work/hello-bin/hello.dll")")
  ours+=("$(ms "$work/ksail-bin/ksail.dll" version)")
  echo "run $i: hello-world ${hello[-1]} ms, ksail version ${ours[-1]} ms" >&2
done
h=$(printf '%s\n' "${hello[@]}" | median)
o=$(printf '%s\n' "${ours[@]}" | median)
echo "cold (first run after build): hello-world $hello_cold ms, ksail version $ksail_cold ms = $(ratio "$ksail_cold" "$hello_cold") x"
echo "warm (median of $runs): hello-world $h ms, ksail version $o ms"
echo "ksail version median $o ms = $(ratio "$o" "$h") x a hello-world dotnet app (goal <= 3x)"
