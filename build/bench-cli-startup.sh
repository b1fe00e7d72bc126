#!/usr/bin/env bash
# build/bench.sh cli-startup [RUNS]: the start-up cost of `ksail version` (System.CommandLine parse
# of the whole command tree, Spectre.Console, the runtime) as users get it: the tool packed from
# this repository and installed with `dotnet tool install` (on linux-x64 that is the ReadyToRun
# package KSail.Cli.linux-x64), run through its command. Baseline, measured in the same run: a
# hello-world console app (`dotnet new console`, Release) run through its own executable. Also
# shown: the portable package (KSail.Cli.any, JIT-compiled, what other platforms get) run as
# `dotnet ksail.dll`. Cold: the first run right after each install or build (once per bench run;
# the OS file cache is not dropped, it is a shared machine). Warm: median of RUNS (default 10)
# runs, taken in turn. Goal: the installed ksail's warm median <= 3x the hello-world app.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.0f\n", (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
# Milliseconds one run of COMMAND ARGS... takes (its output discarded; a failure stops the bench).
ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N); echo $(((t1 - t0) / 1000000)); }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=0.0.0-bench

echo "bench: building the hello-world app (Release)" >&2
dotnet new console -o "$work/hello" -n hello --no-restore >/dev/null
# Outside the repo: its Directory.Build.props and central package versions do not apply.
dotnet build "$work/hello" -c Release -o "$work/hello-bin" -nologo -v q >/dev/null
hello=("$work/hello-bin/hello")
hello_cold=$(ms "${hello[@]}")

echo "bench: packing ksail (Release) and installing it with dotnet tool install" >&2
dotnet pack src/KSail.Cli -c Release -o "$work/feed" -p:Version=$version -nologo -v q >/dev/null
dotnet tool install --tool-path "$work/tools" KSail.Cli --version $version --add-source "$work/feed" >/dev/null
installed=("$work/tools/ksail" version)
installed_cold=$(ms "${installed[@]}")
echo "installed: $(readlink "$work/tools/ksail")" >&2
unzip -q "$work/feed/KSail.Cli.any.$version.nupkg" 'tools/*' -d "$work/any"
portable=(dotnet "$(find "$work/any" -name ksail.dll)" version)
portable_cold=$(ms "${portable[@]}")
"${installed[@]}" >&2

h=() o=() p=()
for i in $(seq 1 "$runs"); do
  h+=("$(ms "${hello[@]}")")
  o+=("$(ms "${installed[@]}")")
  p+=("$(ms "${portable[@]}")")
  echo "run $i: hello-world ${h[-1]} ms, ksail version ${o[-1]} ms (portable package ${p[-1]} ms)" >&2
done
hm=$(printf '%s\n' "${h[@]}" | median)
om=$(printf '%s\n' "${o[@]}" | median)
pm=$(printf '%s\n' "${p[@]}" | median)
echo "cold (first run after install/build): hello-world $hello_cold ms, ksail version $installed_cold ms = $(ratio "$installed_cold" "$hello_cold") x; portable package $portable_cold ms = $(ratio "$portable_cold" "$hello_cold") x"
echo "warm (median of $runs): hello-world $hm ms, portable package (JIT, dotnet ksail.dll) $pm ms = $(ratio "$pm" "$hm") x"
echo "ksail version (installed tool) median $om ms = $(ratio "$om" "$hm") x a hello-world dotnet app (goal <= 3x)"
