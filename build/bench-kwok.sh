#!/usr/bin/env bash
# build/bench.sh kwok [RUNS]: a KWOK cluster with 100 fake nodes and 1,000 Pods, from the first
# container start to all 1,000 Pods Running, for `ksail cluster create` (distribution KWOK,
# workers 100) against the floor: the same five containers started by hand with `docker run` as
# kwokctl's compose runtime starts them (pkg/kwokctl/components/*.go and
# pkg/kwokctl/runtime/compose/ in kubernetes-sigs/kwok v0.8.0: network kwok-NAME, containers
# kwok-NAME-<component>, --entrypoint=<binary>, one CA and one admin certificate for everything),
# with the same images (the test bed's kwok-* lines) and the same Stages (the kwok controller
# stand-in's defaults). The floor's 100 Node objects are created as `kwokctl scale node` creates
# them (kustomize/kwokctl/resource/node.yaml); then one Deployment of 1,000 replicas with
# nodeSelector type: kwok.
#
# Figures: the median of RUNS (default 3) for each, the ratio ours/floor (goal <= 1.2), and the
# parts of the floor (control plane /readyz, nodes Ready, Pods Running).
#
#   KWOK_BENCH_FLOOR_ONLY=1   measure only the floor (the product part is skipped)
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
repo=$PWD
runs=${1:-3}
nodes=${KWOK_BENCH_NODES:-100}
pods=${KWOK_BENCH_PODS:-1000}
timeout_secs=${KWOK_BENCH_TIMEOUT:-600}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b-a}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
say() { echo "bench kwok: $*" >&2; }

images=$(bash tests/testbed/testbed.sh images 2>/dev/null) || { say "testbed.sh images failed"; exit 1; }
img() { echo "$images" | sed -n "s/^$1=//p"; }
etcd_image=$(img kwok-etcd)
apiserver_image=$(img kwok-kube-apiserver)
kcm_image=$(img kwok-kube-controller-manager)
scheduler_image=$(img kwok-kube-scheduler)
controller_image=$(img kwok-controller)
for i in "$etcd_image" "$apiserver_image" "$kcm_image" "$scheduler_image" "$controller_image"; do
  [ -n "$i" ] || { say "the test bed printed no kwok-* image lines"; exit 1; }
done
work=$(mktemp -d)
floor_clusters=()
cleanup() {
  local c
  for c in "${floor_clusters[@]}"; do floor_down "$c"; done
  rm -rf "$work"
}
trap cleanup EXIT

# kwokctl's PKI (pkg/kwokctl/pki): one CA, one admin certificate (CN kwok-admin, O system:masters)
# that is also the API server's serving certificate (kwokctl's SANs plus the container's name).
make_pki() {
  local dir=$1 apiserver=$2
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/ca.key" -out "$dir/ca.crt" -days 365 \
    -subj /CN=kwok-ca -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout "$dir/admin.key" -out "$dir/admin.csr" -subj "/O=system:masters/CN=kwok-admin" 2>/dev/null
  printf 'subjectAltName=DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost,DNS:%s,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' "$apiserver" >"$dir/ext.cnf"
  openssl x509 -req -in "$dir/admin.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 365 \
    -extfile "$dir/ext.cnf" -out "$dir/admin.crt" 2>/dev/null
  chmod 0644 "$dir"/*
}

kubeconfig_for() {
  local server=$1 ca=$2 cert=$3 key=$4 context=$5
  printf 'apiVersion: v1\nkind: Config\nclusters:\n- name: %s\n  cluster:\n    server: %s\n    certificate-authority: %s\nusers:\n- name: %s\n  user:\n    client-certificate: %s\n    client-key: %s\ncontexts:\n- name: %s\n  context:\n    cluster: %s\n    user: %s\ncurrent-context: %s\n' \
    "$context" "$server" "$ca" "$context" "$cert" "$key" "$context" "$context" "$context" "$context"
}

# The floor: the five containers of kwok-NAME started by hand; sets floor_kubeconfig.
floor_up() {
  local name=$1 p="kwok-$1" dir="$work/floor-$1" pki="/etc/kubernetes/pki" port
  floor_clusters+=("$name")
  mkdir -p "$dir"
  make_pki "$dir/pki" "$p-kube-apiserver"
  kubeconfig_for "https://$p-kube-apiserver:6443" "$pki/ca.crt" "$pki/admin.crt" "$pki/admin.key" "$p" >"$dir/kubeconfig"
  printf 'apiVersion: config.kwok.x-k8s.io/v1alpha1\nkind: KwokConfiguration\noptions: {}\n' >"$dir/kwok.yaml"
  local common=(--network "$p" --restart=unless-stopped --label "com.docker.compose.project=$p" --label io.ksail.test=true)
  local mounts=(-v "$dir/pki/ca.crt:$pki/ca.crt:ro" -v "$dir/pki/admin.crt:$pki/admin.crt:ro" -v "$dir/pki/admin.key:$pki/admin.key:ro")
  docker network create --label "com.docker.compose.project=$p" --label io.ksail.test=true "$p" >/dev/null
  docker run -d --name "$p-etcd" "${common[@]}" --entrypoint=etcd "$etcd_image" \
    --name=node0 --auto-compaction-retention=1 --quota-backend-bytes=8589934592 --data-dir=/etcd-data \
    --initial-advertise-peer-urls=http://0.0.0.0:2380 --listen-peer-urls=http://0.0.0.0:2380 \
    --advertise-client-urls=http://0.0.0.0:2379 --listen-client-urls=http://0.0.0.0:2379 \
    --initial-cluster=node0=http://0.0.0.0:2380 >/dev/null
  docker run -d --name "$p-kube-apiserver" "${common[@]}" "${mounts[@]}" -p 127.0.0.1::6443 \
    --entrypoint=kube-apiserver "$apiserver_image" \
    --etcd-prefix=/registry --allow-privileged=true --admission-control= \
    --etcd-servers="http://$p-etcd:2379" --authorization-mode=Node,RBAC \
    --bind-address=0.0.0.0 --secure-port=6443 \
    --tls-cert-file=$pki/admin.crt --tls-private-key-file=$pki/admin.key --client-ca-file=$pki/ca.crt \
    --service-account-key-file=$pki/admin.key --service-account-signing-key-file=$pki/admin.key \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --proxy-client-key-file=$pki/admin.key --proxy-client-cert-file=$pki/admin.crt >/dev/null
  docker run -d --name "$p-kube-controller-manager" "${common[@]}" "${mounts[@]}" -v "$dir/kubeconfig:/root/.kube/config:ro" \
    --entrypoint=kube-controller-manager "$kcm_image" \
    --kubeconfig=/root/.kube/config --authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics \
    --bind-address=0.0.0.0 --secure-port=10257 \
    --root-ca-file=$pki/ca.crt --service-account-private-key-file=$pki/admin.key >/dev/null
  docker run -d --name "$p-kube-scheduler" "${common[@]}" "${mounts[@]}" -v "$dir/kubeconfig:/root/.kube/config:ro" \
    --entrypoint=kube-scheduler "$scheduler_image" \
    --kubeconfig=/root/.kube/config --authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics \
    --bind-address=0.0.0.0 --secure-port=10259 >/dev/null
  docker run -d --name "$p-kwok-controller" "${common[@]}" "${mounts[@]}" -v "$dir/kubeconfig:/root/.kube/config:ro" \
    -v "$dir/kwok.yaml:/root/.kwok/kwok.yaml:ro" --entrypoint=kwok "$controller_image" \
    --manage-all-nodes=true \
    --kubeconfig=/root/.kube/config --config=/root/.kwok/kwok.yaml \
    --tls-cert-file=$pki/admin.crt --tls-private-key-file=$pki/admin.key \
    --node-ip= --node-name="$p-kwok-controller" --node-port=10247 --server-address=0.0.0.0:10247 \
    --node-lease-duration-seconds=40 >/dev/null
  port=$(docker port "$p-kube-apiserver" 6443/tcp | sed -n 's/^127\.0\.0\.1:\([0-9]*\)$/\1/p' | head -n1)
  kubeconfig_for "https://127.0.0.1:$port" "$dir/pki/ca.crt" "$dir/pki/admin.crt" "$dir/pki/admin.key" "$p" >"$dir/kubeconfig.yaml"
  floor_kubeconfig="$dir/kubeconfig.yaml"
}

floor_down() {
  local p="kwok-$1" c
  for c in kwok-controller kube-scheduler kube-controller-manager kube-apiserver etcd; do
    docker rm -f -v "$p-$c" >/dev/null 2>&1 || true
  done
  docker network rm "$p" >/dev/null 2>&1 || true
}

# Polls until COMMAND prints "ok" (0.2 s apart), or fails after the timeout naming WHAT.
wait_until() {
  local what=$1 deadline=$((SECONDS + timeout_secs))
  shift
  until [ "$("$@" 2>/dev/null || true)" = ok ]; do
    [ $SECONDS -lt $deadline ] || { say "timed out waiting for $what"; return 1; }
    sleep 0.2
  done
}

count_ok() { # KUBECONFIG JSONPATH EXPECTED: ok when the jsonpath yields EXPECTED "True"/"Running" lines
  local n
  n=$(kubectl --kubeconfig "$1" get "$2" -A -o "jsonpath=$3" 2>/dev/null | grep -c "^$4\$" || true)
  [ "$n" -ge "$5" ] && echo ok
}

readyz() { [ "$(curl -sk --max-time 2 "$(kubectl --kubeconfig "$1" config view -o 'jsonpath={.clusters[0].cluster.server}')/readyz" || true)" = ok ] && echo ok; }

# kwokctl's fake Node (kustomize/kwokctl/resource/node.yaml, what `kwokctl scale node` creates):
# annotation kwok.x-k8s.io/node: fake, label type: kwok, a /24 of 10.0.0.0/16, an InternalIP of
# 192.0.2.0/24, allocatable cpu 32, memory 256Gi, pods 110.
fake_nodes() {
  local i
  for i in $(seq 0 $((nodes - 1))); do
    printf -- '---\napiVersion: v1\nkind: Node\nmetadata:\n  name: kwok-node-%s\n  annotations:\n    kwok.x-k8s.io/node: fake\n    node.alpha.kubernetes.io/ttl: "0"\n  labels:\n    beta.kubernetes.io/arch: amd64\n    beta.kubernetes.io/os: linux\n    kubernetes.io/arch: amd64\n    kubernetes.io/hostname: kwok-node-%s\n    kubernetes.io/os: linux\n    kubernetes.io/role: agent\n    node-role.kubernetes.io/agent: ""\n    type: kwok\nspec:\n  podCIDR: 10.0.%s.0/24\n  podCIDRs: [10.0.%s.0/24]\nstatus:\n  addresses:\n  - {address: 192.0.2.%s, type: InternalIP}\n  allocatable: {cpu: "32", memory: 256Gi, pods: "110"}\n  capacity: {cpu: "32", memory: 256Gi, pods: "110"}\n  nodeInfo: {architecture: amd64, operatingSystem: linux}\n' \
      "$i" "$i" "$((i % 256))" "$((i % 256))" "$((i % 254 + 1))"
  done
}

workload() {
  printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bench\n  namespace: default\nspec:\n  replicas: %s\n  selector:\n    matchLabels: {app: bench}\n  template:\n    metadata:\n      labels: {app: bench}\n    spec:\n      tolerations:\n      - {key: kwok.x-k8s.io/node, operator: Exists, effect: NoSchedule}\n      nodeSelector: {type: kwok}\n      containers:\n      - {name: app, image: fake-image}\n' "$pods"
}

# From t0: nodes created (when CREATE_NODES), Deployment applied, all Pods Running. Prints the
# seconds to all nodes Ready and to all Pods Running.
nodes_and_pods() {
  local kc=$1 t0=$2 create_nodes=$3 tn tp
  if [ "$create_nodes" = 1 ]; then fake_nodes | kubectl --kubeconfig "$kc" create --validate=false -f - >/dev/null; fi
  wait_until "$nodes nodes Ready" count_ok "$kc" nodes '{range .items[*]}{range .status.conditions[?(@.type=="Ready")]}{.status}{"\n"}{end}{end}' True "$nodes"
  tn=$(now)
  # The default ServiceAccount appears shortly after the controller-manager starts; Pods need it.
  wait_until "the default ServiceAccount" sh -c "kubectl --kubeconfig '$kc' -n default get serviceaccount default >/dev/null && echo ok"
  workload | kubectl --kubeconfig "$kc" apply -f - >/dev/null
  wait_until "$pods Pods Running" count_ok "$kc" pods '{range .items[*]}{.status.phase}{"\n"}{end}' Running "$pods"
  tp=$(now)
  echo "$(elapsed "$t0" "$tn") $(elapsed "$t0" "$tp")"
}

floor_run() {
  local name=$1 t0 tr parts
  t0=$(now)
  floor_up "$name"
  wait_until "/readyz of kwok-$name" readyz "$floor_kubeconfig"
  tr=$(now)
  parts=$(nodes_and_pods "$floor_kubeconfig" "$t0" 1)
  echo "$(elapsed "$t0" "$tr") $parts"
}

ours_run() {
  local name=$1 dir="$work/ours-$1" t0 parts
  mkdir -p "$dir"
  printf 'apiVersion: config.kwok.x-k8s.io/v1alpha1\nkind: KwokctlConfiguration\noptions:\n  etcdImage: %s\n  kubeApiserverImage: %s\n  kubeControllerManagerImage: %s\n  kubeSchedulerImage: %s\n  kwokControllerImage: %s\n' \
    "$etcd_image" "$apiserver_image" "$kcm_image" "$scheduler_image" "$controller_image" >"$dir/kwok.yaml"
  printf 'apiVersion: ksail.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: %s\nspec:\n  cluster:\n    distribution: KWOK\n    distributionConfig: kwok.yaml\n    workers: %s\n    connection:\n      kubeconfig: ./kubeconfig\n' "$name" "$nodes" >"$dir/ksail.yaml"
  t0=$(now)
  (cd "$dir" && ksail cluster create --config "$dir/ksail.yaml" >"$dir/create.log" 2>&1) \
    || { say "ksail cluster create failed:"; tail -n 20 "$dir/create.log" >&2; return 1; }
  parts=$(nodes_and_pods "$dir/kubeconfig" "$t0" 0)
  echo "$parts"
}

ksail() { dotnet "$repo/src/KSail.Cli/bin/Release/net10.0/ksail.dll" "$@"; }

floor_total=() floor_ready=() floor_nodes=() ours_total=() ours_nodes=()
if [ "${KWOK_BENCH_FLOOR_ONLY:-0}" != 1 ]; then
  dotnet build src/KSail.Cli -c Release -v q -nologo >/dev/null
fi
for i in $(seq 1 "$runs"); do
  name="bk$$-f$i"
  floor_run "$name" >"$work/result"
  read -r r n p <"$work/result"
  floor_down "$name"
  floor_ready+=("$r") floor_nodes+=("$n") floor_total+=("$p")
  say "run $i: floor /readyz $r s, $nodes nodes Ready $n s, $pods Pods Running $p s"
  if [ "${KWOK_BENCH_FLOOR_ONLY:-0}" != 1 ]; then
    name="bk$$-o$i"
    ours_run "$name" >"$work/result"
    read -r n p <"$work/result"
    ksail cluster delete --config "$work/ours-$name/ksail.yaml" >/dev/null 2>&1 || say "ksail cluster delete of $name failed"
    ours_nodes+=("$n") ours_total+=("$p")
    say "run $i: ksail cluster create: $nodes nodes Ready $n s, $pods Pods Running $p s"
  fi
done
f=$(printf '%s\n' "${floor_total[@]}" | median)
echo "kwok floor (five containers by docker run, kwokctl's args, the stand-in's Stages): /readyz $(printf '%s\n' "${floor_ready[@]}" | median) s, $nodes nodes Ready $(printf '%s\n' "${floor_nodes[@]}" | median) s, $pods Pods Running $f s (median of $runs, from the first docker run)"
if [ "${KWOK_BENCH_FLOOR_ONLY:-0}" = 1 ]; then
  echo "kwok: floor only (KWOK_BENCH_FLOOR_ONLY=1); no ratio"
  exit 0
fi
o=$(printf '%s\n' "${ours_total[@]}" | median)
echo "kwok ksail cluster create (workers $nodes): $nodes nodes Ready $(printf '%s\n' "${ours_nodes[@]}" | median) s, $pods Pods Running $o s (median of $runs, from the start of create)"
echo "kwok: ksail/floor $(ratio "$(printf '%s\n' "${ours_nodes[@]}" | median)" "$(printf '%s\n' "${floor_nodes[@]}" | median)") to $nodes nodes Ready (for information)"
echo "kwok: ksail/floor $(ratio "$o" "$f") to $pods Pods Running; goal <= 1.20"
