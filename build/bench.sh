#!/usr/bin/env bash
# Benchmarks, each measured against a baseline taken in the same run; the last line is the
# headline figure against its goal.
#
#   build/bench.sh create [RUNS] [vanilla|k3s]
#                                  create-to-all-nodes-Ready of a 1-node and a 3-node cluster with
#                                  `ksail cluster create`, against the floor: the same node
#                                  containers started with plain `docker run` and bootstrapped as
#                                  kind does (`docker exec kubeadm`, testbed.sh kind-cluster-up) or
#                                  as k3d does (server, then agents with K3S_URL; testbed.sh
#                                  k3s-cluster-up), polled in the same run. Goal: within 10% of
#                                  the floor; 3 nodes within 1.3x of 1 node.
#   build/bench.sh readiness [RUNS]
#                                  latency from a condition becoming true to the readiness wait
#                                  returning: a Kustomization set Ready=True (the bench acting as
#                                  kustomize-controller on the test bed's control plane) and the API
#                                  server coming back after docker stop/start, for KSail.NET's
#                                  watches (and 3 /readyz in a row) against a 2-second poll in the
#                                  same run; median and p95 of RUNS (default 20). Goal: Kustomization
#                                  median under 250 ms.
#   build/bench.sh dotnet-test [RUNS]
#                                  the wall time KSail.Build.Tasks adds to `dotnet test` with a
#                                  reused cluster, against the same project without the package,
#                                  both SDK modes (build/bench-dotnet-test.sh). Goal: under 1.5 s.
#   build/bench.sh cli-startup [RUNS]
#                                  `ksail version` of the tool as `dotnet tool install` installs it
#                                  (ReadyToRun on linux-x64), cold (first run after install) and warm
#                                  (median of RUNS, default 10), against a hello-world console app
#                                  run through its own executable in the same run; the portable
#                                  package's figure too (build/bench-cli-startup.sh). Goal: at most
#                                  3x the hello-world app.
#   build/bench.sh delete [RUNS] [vanilla|k3s]
#                                  `ksail cluster delete` of a 3-node cluster against plain
#                                  `docker rm -f -v` of the same containers (also shown with
#                                  `docker network rm` of the cluster's own network added, which
#                                  delete removes too). Goal: within 10% of docker rm -f -v.
#   build/bench.sh kwok [RUNS]
#                                  a KWOK cluster of 100 fake nodes and 1,000 Pods, to all Pods
#                                  Running: `ksail cluster create` (distribution KWOK, workers 100)
#                                  against the floor: the same five containers started by hand with
#                                  `docker run` as kwokctl's compose runtime starts them, with the
#                                  same images and Stages (the test bed's kwok-* images), in the same
#                                  run (build/bench-kwok.sh; KWOK_BENCH_FLOOR_ONLY=1 for the floor
#                                  alone). Median of RUNS (default 3). Goal: within 1.2x of the floor.
#
# Needs Docker and the test bed's node images (built when missing). RUNS defaults to 5; the
# median is reported. The distribution defaults to vanilla.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
what=${1:-}
runs=${2:-5}
distribution=${3:-vanilla}
case "$distribution" in
  vanilla|k3s) ;;
  *) echo "bench: distribution must be vanilla or k3s, not '$distribution'" >&2; exit 2 ;;
esac

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b-a}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }

# Start-up cost needs neither Docker nor the test bed: its own script builds what it measures.
[ "$what" = cli-startup ] && exec build/bench-cli-startup.sh "${2:-10}"
# KWOK has its own script (its own images, floor and workload).
[ "$what" = kwok ] && exec build/bench-kwok.sh "${2:-3}"

dotnet build src/KSail.Cli -c Release -v q -nologo >/dev/null
ksail() { dotnet "$repo/src/KSail.Cli/bin/Release/net10.0/ksail.dll" "$@"; }
images=$(bash tests/testbed/testbed.sh images 2>/dev/null)
image=$(echo "$images" | sed -n 's/^kind-node=//p')
k3s_image=$(echo "$images" | sed -n 's/^k3s-node=//p')
[ -n "$image" ] && [ -n "$k3s_image" ] || { echo "bench: no kind-node or k3s-node image from the test bed" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A declaration of NAME with WORKERS workers (agents) on the test bed's node image.
declare_cluster() {
  local name=$1 workers=$2 dir="$work/$1"
  mkdir -p "$dir"
  if [ "$distribution" = k3s ]; then
    printf 'apiVersion: k3d.io/v1alpha5\nkind: Simple\nimage: %s\nservers: 1\nagents: %s\noptions:\n  k3d:\n    disableLoadbalancer: true\n' "$k3s_image" "$workers" > "$dir/k3d.yaml"
    printf 'apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: %s\nspec:\n  cluster:\n    distribution: K3s\n    distributionConfig: k3d.yaml\n    connection:\n      kubeconfig: ./kubeconfig\n' "$name" > "$dir/ksail.yaml"
  else
    {
      printf 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: %s\n' "$image"
      for _ in $(seq 1 "$workers"); do printf '  - role: worker\n    image: %s\n' "$image"; done
    } > "$dir/kind.yaml"
    printf 'apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: %s\nspec:\n  cluster:\n    connection:\n      kubeconfig: ./kubeconfig\n' "$name" > "$dir/ksail.yaml"
  fi
  echo "$dir"
}

# Seconds from `ksail cluster create` to every node Ready.
ours_create() {
  local name=$1 workers=$2 dir t0 t1
  dir=$(declare_cluster "$name" "$workers")
  t0=$(now)
  ksail cluster create --config "$dir/ksail.yaml" >/dev/null 2>&1
  kubectl --kubeconfig "$dir/kubeconfig" wait --for=condition=Ready nodes --all --timeout=300s >/dev/null
  t1=$(now)
  elapsed "$t0" "$t1"
}

# Seconds from the first plain `docker run` to every node Ready.
floor_create() {
  local name=$1 workers=$2 t0 t1
  t0=$(now)
  if [ "$distribution" = k3s ]; then
    bash tests/testbed/testbed.sh k3s-cluster-up --name "$name" --agents "$workers" >/dev/null 2>&1
  else
    bash tests/testbed/testbed.sh kind-cluster-up --name "$name" --workers "$workers" >/dev/null 2>&1
  fi
  t1=$(now)
  elapsed "$t0" "$t1"
}

case "$what" in
  create)
    declare -A results
    for nodes in 1 3; do
      workers=$((nodes - 1))
      ours=() floor=()
      for i in $(seq 1 "$runs"); do
        floor+=("$(floor_create "bf$nodes-$i" "$workers")")
        bash tests/testbed/testbed.sh "$([ "$distribution" = k3s ] && echo k3s || echo kind)-cluster-down" "bf$nodes-$i" >/dev/null 2>&1
        ours+=("$(ours_create "bo$nodes-$i" "$workers")")
        ksail cluster delete --config "$work/bo$nodes-$i/ksail.yaml" >/dev/null
        echo "run $i, $nodes node(s): floor ${floor[-1]} s, ksail ${ours[-1]} s" >&2
      done
      results[floor$nodes]=$(printf '%s\n' "${floor[@]}" | median)
      results[ours$nodes]=$(printf '%s\n' "${ours[@]}" | median)
      echo "$nodes node(s), $distribution: floor (plain docker run, bootstrapped as $([ "$distribution" = k3s ] && echo k3d || echo kind) does) ${results[floor$nodes]} s, ksail cluster create ${results[ours$nodes]} s, ratio $(ratio "${results[ours$nodes]}" "${results[floor$nodes]}") (median of $runs)"
    done
    echo "3 nodes vs 1 node with ksail: $(ratio "${results[ours3]}" "${results[ours1]}")x (goal <= 1.3x)"
    echo "create ($distribution): ksail/floor $(ratio "${results[ours1]}" "${results[floor1]}") (1 node), $(ratio "${results[ours3]}" "${results[floor3]}") (3 nodes); goal <= 1.10"
    ;;
  delete)
    ours=() floor=() floor_net=()
    create() { ksail cluster create --config "$1" >"$work/create.log" 2>&1 || { echo "bench: ksail cluster create --config $1 failed:" >&2; tail -20 "$work/create.log" >&2; exit 1; }; }
    for i in $(seq 1 "$runs"); do
      name="bd$$-$i" # unique to this run: benches may run side by side
      dir=$(declare_cluster "$name" 2)
      create "$dir/ksail.yaml"
      t0=$(now); ksail cluster delete --config "$dir/ksail.yaml" >/dev/null; t1=$(now)
      ours+=("$(elapsed "$t0" "$t1")")
      create "$dir/ksail.yaml"
      ids=$(docker ps -aq --filter "label=io.ksail.cluster=$name")
      networks=$(docker network ls -q --filter "label=io.ksail.cluster=$name") # k3d's k3d-NAME; kind's shared network stays
      t0=$(now); docker rm -f -v $ids >/dev/null; t1=$(now)
      if [ -n "$networks" ]; then docker network rm $networks >/dev/null; fi; t2=$(now)
      floor+=("$(elapsed "$t0" "$t1")")
      floor_net+=("$(elapsed "$t0" "$t2")")
      ksail cluster delete --config "$dir/ksail.yaml" >/dev/null # the volumes and context
      echo "run $i: docker rm -f ${floor[-1]} s (with docker network rm ${floor_net[-1]} s), ksail cluster delete ${ours[-1]} s" >&2
    done
    f=$(printf '%s\n' "${floor[@]}" | median); fn=$(printf '%s\n' "${floor_net[@]}" | median); o=$(printf '%s\n' "${ours[@]}" | median)
    echo "delete (3 nodes, $distribution): docker rm -f -v $f s (plus docker network rm of the cluster's network: $fn s), ksail cluster delete $o s (median of $runs)"
    echo "delete: ksail/(docker rm -f -v + docker network rm) $(ratio "$o" "$fn")"
    echo "delete: ksail/floor $(ratio "$o" "$f"); goal <= 1.10"
    ;;
  dotnet-test)
    exec build/bench-dotnet-test.sh "$runs"
    ;;
  readiness)
    [ "${2:-}" ] || runs=20
    dotnet run --project tests/KSail.Readiness.Bench -c Release -v q -- "$runs"
    ;;
  *)
    echo "usage: build/bench.sh create|delete|readiness|dotnet-test|cli-startup|kwok [RUNS] [vanilla|k3s]" >&2
    exit 2
    ;;
esac
