#!/bin/sh
# Entry point of the test-bed control-plane image (busybox sh, PID 1).
#
# 1. Makes the cluster PKI on first start (EC P-256 keys, one CA per container) and writes
#    kubeconfigs; the admin one is /etc/kubernetes/admin.conf (server https://127.0.0.1:6443).
# 2. Starts etcd on loopback, then kube-apiserver on :6443, waits for /readyz, then starts
#    kube-controller-manager and kube-scheduler (started earlier, the controller-manager dies
#    on RBAC bootstrap).
# 3. On SIGTERM/SIGINT stops controller-manager and scheduler, then the apiserver, then etcd.
#    If any of them exits on its own, stops the rest and exits 1, so the container stops.
#
# Environment: EXTRA_SANS  more subjectAltName entries for the API server certificate,
#                          comma separated in OpenSSL form (e.g. "DNS:cp.example,IP:10.0.0.5").
set -eu

pki=/etc/kubernetes/pki
conf=/etc/kubernetes
cluster=$(hostname)
service_cidr=10.96.0.0/16
kubernetes_service_ip=10.96.0.1

# Centiseconds since boot, from /proc/uptime ("12345.67 ...").
now_cs() { read -r up _ </proc/uptime; echo "${up%.*}${up#*.}"; }
started_cs=$(now_cs)
# Log lines carry the seconds since the entrypoint started, to see where start-up time goes.
log() {
  t=$(( $(now_cs) - started_cs ))
  printf 'entrypoint [+%d.%02ds]: %s\n' $((t / 100)) $((t % 100)) "$*" >&2
}

b64() { base64 "$1" | tr -d '\n'; }

new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# new_ca NAME CN
new_ca() {
  new_key "$pki/$1.key"
  openssl req -x509 -new -config "$pki/req.cnf" -key "$pki/$1.key" -subj "/CN=$2" -days 3650 \
    -addext 'basicConstraints=critical,CA:TRUE' \
    -addext 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature' \
    -out "$pki/$1.crt"
}

# new_cert NAME SUBJECT CA USAGE [SANS]   (USAGE: serverAuth or clientAuth)
new_cert() {
  new_key "$pki/$1.key"
  {
    echo 'basicConstraints=critical,CA:FALSE'
    echo 'keyUsage=critical,digitalSignature,keyEncipherment'
    echo "extendedKeyUsage=$4"
    [ -z "${5:-}" ] || echo "subjectAltName=$5"
  } >"$pki/$1.ext"
  openssl req -new -config "$pki/req.cnf" -key "$pki/$1.key" -subj "$2" -out "$pki/$1.csr"
  openssl x509 -req -in "$pki/$1.csr" -CA "$pki/$3.crt" -CAkey "$pki/$3.key" -days 365 \
    -extfile "$pki/$1.ext" -out "$pki/$1.crt" 2>/dev/null
  rm -f "$pki/$1.csr" "$pki/$1.ext"
}

# kubeconfig FILE USER CERT-NAME
kubeconfig() {
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: $cluster
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority-data: $(b64 "$pki/ca.crt")
users:
- name: $2@$cluster
  user:
    client-certificate-data: $(b64 "$pki/$3.crt")
    client-key-data: $(b64 "$pki/$3.key")
contexts:
- name: $2@$cluster
  context:
    cluster: $cluster
    user: $2@$cluster
current-context: $2@$cluster
EOF
  chmod 0600 "$1"
}

make_pki() {
  mkdir -p "$pki"
  printf '[req]\ndistinguished_name = dn\nprompt = no\n[dn]\n' >"$pki/req.cnf"
  sans="DNS:localhost,DNS:$cluster,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc"
  sans="$sans,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:$kubernetes_service_ip"
  for ip in $(ip -4 -o addr show | awk '$2 != "lo" { split($4, a, "/"); print a[1] }'); do
    sans="$sans,IP:$ip"
  done
  [ -z "${EXTRA_SANS:-}" ] || sans="$sans,$EXTRA_SANS"

  new_ca ca ksail-testbed-ca
  new_ca front-proxy-ca ksail-testbed-front-proxy-ca
  new_cert apiserver /CN=kube-apiserver ca serverAuth "$sans"
  new_cert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" ca clientAuth
  new_cert front-proxy-client /CN=front-proxy-client front-proxy-ca clientAuth
  new_cert admin "/O=system:masters/CN=kubernetes-admin" ca clientAuth
  new_cert controller-manager /CN=system:kube-controller-manager ca clientAuth
  new_cert scheduler /CN=system:kube-scheduler ca clientAuth
  new_key "$pki/sa.key"
  openssl pkey -in "$pki/sa.key" -pubout -out "$pki/sa.pub"
  chmod 0600 "$pki"/*.key

  kubeconfig "$conf/controller-manager.conf" system:kube-controller-manager controller-manager
  kubeconfig "$conf/scheduler.conf" system:kube-scheduler scheduler
  kubeconfig "$conf/admin.conf.tmp" kubernetes-admin admin
  mv "$conf/admin.conf.tmp" "$conf/admin.conf"
  log "PKI ready; API server certificate SANs: $sans"
}

etcd_pid=""
apiserver_pid=""
controller_manager_pid=""
scheduler_pid=""

# stop PID NAME: TERM, then wait for it
stop() {
  [ -n "$1" ] || return 0
  if kill -0 "$1" 2>/dev/null; then
    log "stopping $2"
    kill -TERM "$1" 2>/dev/null || true
  fi
  wait "$1" 2>/dev/null || true
}

shutdown() {
  trap '' TERM INT
  stop "$scheduler_pid" kube-scheduler
  stop "$controller_manager_pid" kube-controller-manager
  stop "$apiserver_pid" kube-apiserver
  stop "$etcd_pid" etcd
  log "stopped"
  exit "${1:-0}"
}
trap 'shutdown 0' TERM INT

alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

fail() {
  log "$*"
  shutdown 1
}

[ -f "$conf/admin.conf" ] || make_pki

log "starting etcd"
# One member on loopback: short raft timers only make the first election quicker.
etcd --name=control-plane --data-dir=/var/lib/etcd \
  --listen-client-urls=http://127.0.0.1:2379 --advertise-client-urls=http://127.0.0.1:2379 \
  --listen-peer-urls=http://127.0.0.1:2380 --initial-advertise-peer-urls=http://127.0.0.1:2380 \
  --initial-cluster=control-plane=http://127.0.0.1:2380 \
  --heartbeat-interval=50 --election-timeout=250 \
  --logger=zap --log-level=warn &
etcd_pid=$!

i=0
until wget -q -O- http://127.0.0.1:2379/health 2>/dev/null | grep -q '"health":"true"'; do
  alive "$etcd_pid" || fail "etcd exited"
  i=$((i + 1))
  [ "$i" -lt 300 ] || fail "etcd not healthy within 30 s"
  sleep 0.1
done

log "etcd is healthy; starting kube-apiserver"
kube-apiserver \
  --advertise-address="$(ip -4 -o addr show | awk '$2 != "lo" { split($4, a, "/"); print a[1]; exit }')" \
  --bind-address=0.0.0.0 --secure-port=6443 \
  --etcd-servers=http://127.0.0.1:2379 \
  --client-ca-file="$pki/ca.crt" \
  --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
  --kubelet-client-certificate="$pki/apiserver-kubelet-client.crt" \
  --kubelet-client-key="$pki/apiserver-kubelet-client.key" \
  --kubelet-preferred-address-types=InternalIP,Hostname,ExternalIP \
  --service-account-key-file="$pki/sa.pub" \
  --service-account-signing-key-file="$pki/sa.key" \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-cluster-ip-range="$service_cidr" \
  --authorization-mode=Node,RBAC \
  --enable-admission-plugins=NodeRestriction \
  --enable-bootstrap-token-auth=true \
  --allow-privileged=true \
  --requestheader-client-ca-file="$pki/front-proxy-ca.crt" \
  --requestheader-allowed-names=front-proxy-client \
  --requestheader-extra-headers-prefix=X-Remote-Extra- \
  --requestheader-group-headers=X-Remote-Group \
  --requestheader-username-headers=X-Remote-User \
  --proxy-client-cert-file="$pki/front-proxy-client.crt" \
  --proxy-client-key-file="$pki/front-proxy-client.key" &
apiserver_pid=$!

i=0
until wget -q -O- --no-check-certificate https://127.0.0.1:6443/readyz 2>/dev/null | grep -qx ok; do
  alive "$apiserver_pid" || fail "kube-apiserver exited"
  alive "$etcd_pid" || fail "etcd exited"
  i=$((i + 1))
  [ "$i" -lt 1200 ] || fail "kube-apiserver /readyz not ok within 120 s"
  sleep 0.1
done
log "kube-apiserver is ready"

log "starting kube-controller-manager and kube-scheduler"
kube-controller-manager \
  --kubeconfig="$conf/controller-manager.conf" \
  --authentication-kubeconfig="$conf/controller-manager.conf" \
  --authorization-kubeconfig="$conf/controller-manager.conf" \
  --bind-address=127.0.0.1 --leader-elect=false \
  --use-service-account-credentials=true \
  --controllers='*,bootstrapsigner,tokencleaner,-nodeipam' \
  --cluster-name="$cluster" \
  --root-ca-file="$pki/ca.crt" \
  --service-account-private-key-file="$pki/sa.key" \
  --cluster-signing-cert-file="$pki/ca.crt" --cluster-signing-key-file="$pki/ca.key" \
  --service-cluster-ip-range="$service_cidr" &
controller_manager_pid=$!

kube-scheduler \
  --kubeconfig="$conf/scheduler.conf" \
  --authentication-kubeconfig="$conf/scheduler.conf" \
  --authorization-kubeconfig="$conf/scheduler.conf" \
  --bind-address=127.0.0.1 --leader-elect=false &
scheduler_pid=$!

while :; do
  alive "$etcd_pid" || fail "etcd exited"
  alive "$apiserver_pid" || fail "kube-apiserver exited"
  alive "$controller_manager_pid" || fail "kube-controller-manager exited"
  alive "$scheduler_pid" || fail "kube-scheduler exited"
  sleep 1 &
  wait $! || true
done
